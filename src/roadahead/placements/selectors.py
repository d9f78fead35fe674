"""Reads for placements, each applying who may see which pupils, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from roadahead.activities.enums import Attendance
from roadahead.activities.models import Participation
from roadahead.people.models import Membership, Pupil, PupilNeed
from roadahead.people.selectors import pupils_visible_to
from roadahead.placements import rotation, rules
from roadahead.placements.enums import Outcome, PlacementKind
from roadahead.placements.models import Assignment, Placement, PlacementReport, PlacementSession, RotationStep
from roadahead.schools.models import School


def _visible_assignments(*, membership: Membership, day: dt.date) -> QuerySet[Assignment]:
    return Assignment.objects.filter(school=membership.school,
                                     pupil__in=pupils_visible_to(membership=membership, day=day))


def placement_list(*, membership: Membership, day: dt.date) -> list[Placement]:
    """The careers leader's every placement; class staff's and advisers' only those with their pupils,
    each with `pupil_count` of the pupils this member may see on it."""
    school = membership.school
    placements = Placement.objects.filter(school=school).select_related("provider", "term__academic_year")
    visible = _visible_assignments(membership=membership, day=day)
    if rules.sees_every_placement(membership):
        placements = placements.annotate(pupil_count=Count("assignments", distinct=True))
    else:
        placements = (placements.filter(pk__in=visible.values("placement_id"))
                      .annotate(pupil_count=Count("assignments", filter=Q(assignments__in=visible), distinct=True)))
    return list(placements)


@dataclass
class KindCount:
    kind: str
    label: str
    placements: int
    pupils: int


def placement_counts(*, school: School, starts_on: dt.date, ends_on: dt.date) -> list[KindCount]:
    """How many placements of each kind ran in a period, and how many pupils they had: for governors."""
    rows = (Placement.objects.filter(school=school, starts_on__lte=ends_on, ends_on__gte=starts_on)
            .values("kind").annotate(placements=Count("id", distinct=True), pupils=Count("assignments", distinct=True)))
    found = {row["kind"]: row for row in rows}
    return [KindCount(kind, label, found.get(kind, {}).get("placements", 0), found.get(kind, {}).get("pupils", 0))
            for kind, label in PlacementKind.choices]


def placement_detail(*, membership: Membership, pk: int, day: dt.date) -> Placement:
    """The placement if the member may see it: 404 for class staff and advisers with none of their pupils on it."""
    placements = Placement.objects.filter(school=membership.school).select_related("provider", "term__academic_year")
    if not rules.sees_every_placement(membership):
        placements = placements.filter(pk__in=_visible_assignments(membership=membership, day=day)
                                       .values("placement_id"))
    placement = placements.filter(pk=pk).first()
    if placement is None:
        raise Http404
    return placement


def assignment_detail(*, membership: Membership, pk: int, day: dt.date) -> Assignment:
    """One pupil's assignment if the member may see the pupil; 404 otherwise."""
    assignment = (_visible_assignments(membership=membership, day=day).filter(pk=pk)
                  .select_related("pupil", "placement__provider", "area")
                  .prefetch_related("rotation__area").first())
    if assignment is None:
        raise Http404
    return assignment


def session_detail(*, membership: Membership, pk: int, day: dt.date) -> PlacementSession:
    session = PlacementSession.objects.filter(school=membership.school, pk=pk).select_related("placement").first()
    if session is None:
        raise Http404
    placement_detail(membership=membership, pk=session.placement_id, day=day)
    return session


def assignments(*, placement: Placement, membership: Membership, day: dt.date) -> list[Assignment]:
    """The pupils on a placement whom this member may see, with area, rotation and report."""
    return list(_visible_assignments(membership=membership, day=day).filter(placement=placement)
                .select_related("pupil", "area", "report")
                .prefetch_related(Prefetch("rotation", RotationStep.objects.select_related("area")))
                .order_by("pupil__legal_surname", "pupil__legal_forename", "id"))


def sessions(*, placement: Placement) -> list[PlacementSession]:
    return list(PlacementSession.objects.filter(school=placement.school, placement=placement)
                .select_related("activity").annotate(
                    recorded=Count("activity__participations", distinct=True),
                    attended=Count("activity__participations",
                                   filter=Q(activity__participations__attendance__in=[Attendance.ATTENDED,
                                                                                       Attendance.PART]),
                                   distinct=True)))


@dataclass
class PlanRow:
    assignment: Assignment
    weeks: list[str]


def _joined(assignment: Assignment, day: dt.date) -> bool:
    return ((assignment.starts_on is None or assignment.starts_on <= day)
            and (assignment.ends_on is None or assignment.ends_on >= day))


def rotation_table(*, assignments: list[Assignment], weeks: int,
                   session_dates: list[dt.date] | None = None) -> list[PlanRow]:
    """Each pupil's area week by week, for the table on the placement page (uses prefetched rotation).

    With the sessions' dates, a pupil who joins late starts their rotation at their first session,
    and the weeks before they join or after they leave are blank.
    """
    rows = []
    for assignment in assignments:
        steps = {step.week: step.area.name for step in assignment.rotation.all()}
        settled = assignment.area.name if assignment.area else None
        if not session_dates:
            planned = rotation.plan(steps=steps, settled=settled, weeks=weeks)
            rows.append(PlanRow(assignment, [name or "" for name in planned]))
            continue
        own = [day for day in session_dates[:weeks] if _joined(assignment, day)]
        planned = iter(rotation.plan(steps=steps, settled=settled, weeks=len(own)))
        rows.append(PlanRow(assignment, [(next(planned) or "") if _joined(assignment, day) else ""
                                         for day in session_dates[:weeks]]))
    return rows


@dataclass
class AttendanceSummary:
    sessions: int = 0  # sessions held so far (up to the day asked about)
    recorded: int = 0
    attended: int = 0
    part: int = 0
    absent: int = 0

    @property
    def percent(self) -> int | None:
        if not self.recorded:
            return None
        return round(100 * (self.attended + self.part) / self.recorded)


def attendance(*, assignments: list[Assignment], day: dt.date) -> dict[int, AttendanceSummary]:
    """Attendance per assignment from its placement's recorded sessions, in two queries."""
    result = {a.pk: AttendanceSummary() for a in assignments}
    if not assignments:
        return result
    school_id = assignments[0].school_id
    placements = {a.placement_id for a in assignments}
    held: dict[int, list[dt.date]] = defaultdict(list)
    for placement_id, date in (PlacementSession.objects.filter(school_id=school_id, placement_id__in=placements,
                                                               date__lte=day).values_list("placement_id", "date")):
        held[placement_id].append(date)
    by_key = {(a.placement_id, a.pupil_id): a.pk for a in assignments}
    for row in (Participation.objects.filter(school_id=school_id,
                                             activity__placement_session__placement_id__in=placements,
                                             pupil_id__in={a.pupil_id for a in assignments})
                .values("activity__placement_session__placement_id", "pupil_id", "attendance")
                .annotate(n=Count("id"))):
        key = by_key.get((row["activity__placement_session__placement_id"], row["pupil_id"]))
        if key is None:
            continue
        summary = result[key]
        summary.recorded += row["n"]
        if row["attendance"] == Attendance.ATTENDED:
            summary.attended += row["n"]
        elif row["attendance"] == Attendance.PART:
            summary.part += row["n"]
        else:
            summary.absent += row["n"]
    for assignment in assignments:
        # Only the sessions held while this pupil was on the placement.
        result[assignment.pk].sessions = sum(1 for d in held[assignment.placement_id] if _joined(assignment, d))
    return result


def placements_for_pupil(*, school: School, pupil: Pupil) -> list[Assignment]:
    """A pupil's placements, newest first: each assignment with its placement (and provider), area,
    dates and report (None if not written). Used by the EHCP contribution; the caller has already
    checked the pupil is visible."""
    return list(Assignment.objects.filter(school=school, pupil=pupil)
                .select_related("placement__provider", "area", "report")
                .prefetch_related(Prefetch("rotation", RotationStep.objects.select_related("area")))
                .order_by("-placement__starts_on", "-id"))


def report_of(assignment: Assignment) -> PlacementReport | None:
    try:
        return assignment.report
    except PlacementReport.DoesNotExist:
        return None


@dataclass
class Confidence:
    """What a provider's placements say about its confidence with SEND: needs hosted and how it went."""

    placements: int = 0
    pupils: int = 0
    needs: Counter[str] = field(default_factory=Counter)  # need code -> pupils with it
    outcomes: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    @property
    def need_rows(self) -> list[tuple[str, int]]:
        return sorted(self.needs.items(), key=lambda item: (-item[1], item[0]))

    @property
    def outcome_rows(self) -> list[tuple[str, int]]:
        return [(label, self.outcomes[value]) for value, label in Outcome.choices if self.outcomes[value]]

    @property
    def summary(self) -> str:
        needs = ", ".join(code for code, _n in self.need_rows[:4])
        well = self.outcomes[Outcome.WENT_WELL]
        rated = sum(self.outcomes.values())
        text = f"{self.pupils} pupil{'s' if self.pupils != 1 else ''}"
        if needs:
            text += f" ({needs})"
        if rated:
            text += f", {well} of {rated} went well"
        return text


def send_confidence(*, school: School, provider_ids: list[int] | None = None) -> dict[int, Confidence]:
    """Per provider, from its placements: needs codes of the pupils hosted (counted, never named),
    and the ratings on their reports. Three queries whatever the number of providers."""
    assigned = Assignment.objects.filter(school=school, placement__provider__isnull=False)
    if provider_ids is not None:
        assigned = assigned.filter(placement__provider_id__in=provider_ids)
    result: dict[int, Confidence] = defaultdict(Confidence)
    pupils_at: dict[int, set[int]] = defaultdict(set)
    placements_at: dict[int, set[int]] = defaultdict(set)
    for provider_id, placement_id, pupil_id in assigned.values_list("placement__provider_id", "placement_id",
                                                                    "pupil_id"):
        pupils_at[provider_id].add(pupil_id)
        placements_at[provider_id].add(placement_id)
    all_pupils = set().union(*pupils_at.values()) if pupils_at else set()
    needs_of: dict[int, set[str]] = defaultdict(set)
    for pupil_id, need in PupilNeed.objects.filter(school=school, pupil_id__in=all_pupils).values_list("pupil_id",
                                                                                                       "need"):
        needs_of[pupil_id].add(need)
    for provider_id, pupil_ids in pupils_at.items():
        confidence = result[provider_id]
        confidence.pupils = len(pupil_ids)
        confidence.placements = len(placements_at[provider_id])
        for pupil_id in pupil_ids:
            confidence.needs.update(needs_of[pupil_id])
    reports = PlacementReport.objects.filter(school=school, assignment__in=assigned).exclude(outcome="")
    for provider_id, outcome, notes in reports.values_list("assignment__placement__provider_id", "outcome",
                                                           "outcome_notes"):
        result[provider_id].outcomes[outcome] += 1
        if notes:
            result[provider_id].notes.append(notes)
    return dict(result)
