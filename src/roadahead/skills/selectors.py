"""Reads of skills frameworks and assessments, within one school, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from roadahead.activities.enums import Attendance
from roadahead.activities.models import Participation
from roadahead.core import dates
from roadahead.core.privacy import SMALLEST_GROUP
from roadahead.people.models import Enrolment, Pupil
from roadahead.schools.models import School
from roadahead.schools.selectors import year_bounds
from roadahead.skills.models import Assessment, Framework, Skill, Step


@dataclass
class SkillProgress:
    """One skill's journey for one pupil: where they started, where they are, and each step between."""

    skill: Skill
    framework: Framework
    latest_step: int
    first_step: int
    history: list[tuple[dt.date, int]] = field(default_factory=list)  # oldest first

    @property
    def change(self) -> int:
        return self.latest_step - self.first_step


def pupil_progress(*, school: School, pupil: Pupil) -> list[SkillProgress]:
    """Every skill the pupil has been assessed on, in framework and skill order: one query.

    The caller has already checked the member may see this pupil. Archived skills and frameworks
    still show, since their history is part of the pupil's story. Two assessments on one day are
    taken in the order they were recorded, so the later one wins.
    """
    found = (Assessment.objects.filter(school=school, pupil=pupil)
             .select_related("skill__framework").order_by("date", "id"))
    by_skill: dict[int, SkillProgress] = {}
    for a in found:
        progress = by_skill.get(a.skill_id)
        if progress is None:
            progress = by_skill[a.skill_id] = SkillProgress(
                skill=a.skill, framework=a.skill.framework, latest_step=a.step, first_step=a.step)
        progress.history.append((a.date, a.step))
        progress.latest_step = a.step
    return sorted(by_skill.values(), key=lambda p: (p.framework.position, p.framework.name, p.framework.pk,
                                                    p.skill.position, p.skill.name, p.skill.pk))


# ## Frameworks ###################################################################################

def frameworks(*, school: School, include_archived: bool = True) -> list[Framework]:
    """The school's frameworks with their steps and skills (archived skills included): three queries."""
    found = Framework.objects.filter(school=school)
    if not include_archived:
        found = found.filter(archived=False)
    return list(found.prefetch_related(
        Prefetch("steps", queryset=Step.objects.filter(school=school).order_by("value")),
        Prefetch("skills", queryset=Skill.objects.filter(school=school).order_by("position", "name", "id"))))


def framework(*, school: School, pk: int) -> Framework:
    found = Framework.objects.filter(school=school, pk=pk).first()
    if found is None:
        raise Http404
    return found


def skill(*, school: School, pk: int) -> Skill:
    found = Skill.objects.filter(school=school, pk=pk).select_related("framework").first()
    if found is None:
        raise Http404
    return found


def open_skills(*, school: School) -> list[Skill]:
    """Skills that take new assessments, in framework order, each with its framework: one query."""
    return list(Skill.objects.filter(school=school, archived=False, framework__archived=False)
                .select_related("framework")
                .order_by("framework__position", "framework__name", "framework_id", "position", "name", "id"))


def step_labels(*, school: School) -> dict[int, dict[int, str]]:
    """Each framework's step labels by value: one query."""
    labels: dict[int, dict[int, str]] = defaultdict(dict)
    for framework_id, value, label in Step.objects.filter(school=school).values_list("framework_id", "value", "label"):
        labels[framework_id][value] = label
    return dict(labels)


# ## One pupil ####################################################################################

def pupil_assessments(*, school: School, pupil: Pupil) -> QuerySet[Assessment]:
    """Every assessment of the pupil, newest first, with what the page shows: one query."""
    return (Assessment.objects.filter(school=school, pupil=pupil)
            .select_related("skill__framework", "assessed_by__user", "participation__activity")
            .order_by("-date", "-id"))


def assessment(*, school: School, pk: int, pupils: QuerySet[Pupil]) -> Assessment:
    """An assessment of a pupil the member may see; otherwise 404."""
    found = Assessment.objects.filter(school=school, pk=pk, pupil__in=pupils).select_related("pupil", "skill").first()
    if found is None:
        raise Http404
    return found


def evidence_activities(*, school: School, pupil: Pupil, since: dt.date) -> QuerySet[Participation]:
    """Activities the pupil took part in since a date, newest first, to link as evidence: one query."""
    return (Participation.objects.filter(school=school, pupil=pupil, activity__date__gte=since)
            .exclude(attendance=Attendance.ABSENT)
            .select_related("activity").order_by("-activity__date", "-activity_id")[:60])


def latest_steps(*, school: School, skill: Skill, pupils: Iterable[Pupil]) -> dict[int, tuple[dt.date, int]]:
    """Each pupil's latest step on one skill, by pupil id: one query."""
    latest: dict[int, tuple[dt.date, int]] = {}
    ids = [p.pk for p in pupils]
    for pupil_id, date, step in (Assessment.objects.filter(school=school, skill=skill, pupil_id__in=ids)
                                 .order_by("date", "id").values_list("pupil_id", "date", "step")):
        latest[pupil_id] = (date, step)
    return latest


def assessments_for_export(*, school: School, pupils: QuerySet[Pupil]) -> QuerySet[Assessment]:
    return (Assessment.objects.filter(school=school, pupil__in=pupils)
            .select_related("pupil", "skill__framework", "assessed_by__user", "participation__activity")
            .order_by("pupil__legal_surname", "pupil__legal_forename", "pupil_id", "date", "id"))


# ## The cohort ###################################################################################

GROUPINGS = {"year": _("Year group"), "pathway": _("Pathway"), "class": _("Class")}
NONE_KEY = "none"


@dataclass
class Journey:
    """One pupil on one skill over an academic year."""

    baseline: int  # the last step before the year began, or the first in it
    latest: int
    assessed_this_year: bool

    @property
    def moved_up(self) -> bool:
        return self.latest > self.baseline


@dataclass
class Cell:
    assessed: int
    average: float | None
    moved_up: int
    suppressed: bool = False

    @property
    def share_up(self) -> float | None:
        return self.moved_up / self.assessed if self.assessed else None


@dataclass
class Group:
    key: str
    label: str
    pupils: int
    cells: list[Cell]
    suppressed: bool = False


@dataclass
class Cohort:
    framework: Framework
    skills: list[Skill]
    by: str
    groups: list[Group]
    total: Group
    start_year: int


@dataclass
class DrillRow:
    pupil: Pupil
    journeys: list[Journey | None]  # one per skill


def _group_of(enrolment: Enrolment, by: str) -> tuple[str, str, tuple[int, str]]:
    """(key, label, sort key) of the pupil's group this year."""
    if by == "pathway":
        if enrolment.pathway is None:
            return NONE_KEY, str(_("No pathway")), (10_000, "")
        return str(enrolment.pathway_id), enrolment.pathway.name, (enrolment.pathway.order, enrolment.pathway.name)
    if by == "class":
        if enrolment.class_group is None:
            return NONE_KEY, str(_("No class")), (1, "~")
        return str(enrolment.class_group_id), enrolment.class_group.name, (0, enrolment.class_group.name)
    order = dates.nc_year_ordinal(enrolment.nc_year) or 0
    return enrolment.nc_year, dates.nc_year_label(enrolment.nc_year), (order, "")


def _journeys(*, school: School, skills: list[Skill], pupil_ids: list[int], first_day: dt.date,
              as_of: dt.date) -> dict[tuple[int, int], Journey]:
    """Each (pupil, skill)'s journey up to `as_of`: one query, whatever the number of pupils."""
    journeys: dict[tuple[int, int], Journey] = {}
    rows = (Assessment.objects.filter(school=school, skill__in=skills, pupil_id__in=pupil_ids, date__lte=as_of)
            .order_by("date", "id").values_list("pupil_id", "skill_id", "date", "step"))
    for pupil_id, skill_id, date, step in rows:
        key = (pupil_id, skill_id)
        journey = journeys.get(key)
        if journey is None:
            journeys[key] = Journey(baseline=step, latest=step, assessed_this_year=date >= first_day)
            continue
        if date < first_day:
            journey.baseline = step
        journey.latest = step
        journey.assessed_this_year = journey.assessed_this_year or date >= first_day
    return journeys


def _cohort_enrolments(*, school: School, pupils: QuerySet[Pupil], start_year: int,
                       as_of: dt.date) -> list[Enrolment]:
    """This year's enrolments of the pupils on roll on `as_of`, with their pupil, class and pathway: one query."""
    return list(Enrolment.objects.filter(school=school, academic_year__start_year=start_year, pupil__in=pupils)
                .filter(Q(pupil__date_left__isnull=True) | Q(pupil__date_left__gt=as_of))
                .select_related("pupil", "class_group", "pathway"))


def _cell(journeys: list[Journey], *, suppress: bool) -> Cell:
    if suppress and 0 < len(journeys) < SMALLEST_GROUP:
        return Cell(assessed=0, average=None, moved_up=0, suppressed=True)
    if not journeys:
        return Cell(assessed=0, average=None, moved_up=0)
    return Cell(assessed=len(journeys), average=sum(j.latest for j in journeys) / len(journeys),
                moved_up=sum(1 for j in journeys if j.moved_up))


def cohort_summary(*, school: School, framework: Framework, pupils: QuerySet[Pupil], start_year: int,
                   as_of: dt.date, by: str, suppress: bool) -> Cohort:
    """Average latest step and how many moved up this academic year, per skill, per group of pupils.

    A pupil "moved up" when their latest step is above their baseline: the last step recorded before
    the year began or, for a pupil first assessed this year, their first step this year. With
    `suppress`, a figure resting on fewer than five pupils is withheld, so no pupil can be picked out.
    Three queries, whatever the number of pupils.
    """
    skills = [s for s in Skill.objects.filter(school=school, framework=framework).order_by("position", "name", "id")
              if not s.archived]
    enrolments = _cohort_enrolments(school=school, pupils=pupils, start_year=start_year, as_of=as_of)
    first_day, _last = year_bounds(school=school, start_year=start_year)
    journeys = _journeys(school=school, skills=skills, pupil_ids=[e.pupil_id for e in enrolments],
                         first_day=first_day, as_of=as_of)
    members: dict[str, list[int]] = defaultdict(list)
    labels: dict[str, tuple[str, tuple[int, str]]] = {}
    for enrolment in enrolments:
        key, label, order = _group_of(enrolment, by)
        members[key].append(enrolment.pupil_id)
        labels[key] = (label, order)

    def build(key: str, label: str, pupil_ids: list[int]) -> Group:
        small = suppress and 0 < len(pupil_ids) < SMALLEST_GROUP
        cells = [_cell([journeys[(p, s.pk)] for p in pupil_ids if (p, s.pk) in journeys], suppress=suppress)
                 for s in skills]
        if small:
            cells = [Cell(assessed=0, average=None, moved_up=0, suppressed=True) for _s in skills]
        return Group(key=key, label=label, pupils=len(pupil_ids), cells=cells, suppressed=small)

    groups = [build(key, labels[key][0], members[key]) for key in sorted(members, key=lambda k: labels[k][1])]
    total = build("", str(_("All pupils")), [e.pupil_id for e in enrolments])
    return Cohort(framework=framework, skills=skills, by=by, groups=groups, total=total, start_year=start_year)


def cohort_drill_down(*, school: School, framework: Framework, pupils: QuerySet[Pupil], start_year: int,
                      as_of: dt.date, by: str, key: str) -> tuple[str, list[Skill], list[DrillRow]]:
    """The pupils behind one group's figures, each with their journey on every skill: three queries."""
    skills = [s for s in Skill.objects.filter(school=school, framework=framework).order_by("position", "name", "id")
              if not s.archived]
    enrolments = [e for e in _cohort_enrolments(school=school, pupils=pupils, start_year=start_year, as_of=as_of)
                  if _group_of(e, by)[0] == key]
    label = _group_of(enrolments[0], by)[1] if enrolments else ""
    first_day, _last = year_bounds(school=school, start_year=start_year)
    journeys = _journeys(school=school, skills=skills, pupil_ids=[e.pupil_id for e in enrolments],
                         first_day=first_day, as_of=as_of)
    rows = [DrillRow(pupil=e.pupil, journeys=[journeys.get((e.pupil_id, s.pk)) for s in skills])
            for e in sorted(enrolments, key=lambda e: (e.pupil.surname, e.pupil.forename, e.pupil_id))]
    return label, skills, rows
