"""What goes into the careers and Preparing for Adulthood contribution to an annual review, and the
careers section of a looked-after pupil's personal education plan (ePEP).

Both are built from records the school already keeps, read through each app's own selectors so that
they say exactly what the pages say. The caller has checked the member may see the pupil.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from roadahead.activities.selectors import TOOK_PART, pupil_timeline
from roadahead.core import dates
from roadahead.guidance import rules as guidance_rules
from roadahead.guidance.selectors import meetings_for_pupil
from roadahead.people.models import Membership, Pupil
from roadahead.placements import rules as placement_rules
from roadahead.placements.selectors import placements_for_pupil, report_of
from roadahead.profiles import rules as profile_rules
from roadahead.profiles.enums import KIND_HEADINGS, EntryKind
from roadahead.profiles.selectors import intended_destination, profile_for_pupil
from roadahead.reviews import selectors
from roadahead.reviews.due import due_status, next_due
from roadahead.reviews.enums import DueStatus, PfaArea, ProgressLevel
from roadahead.schools.selectors import academic_year_start_on
from roadahead.skills import rules as skills_rules
from roadahead.skills.selectors import pupil_progress
from roadahead.standing.pupil_views import pupil_standing_rows
from roadahead.transition import rules as transition_rules
from roadahead.transition.selectors import transition_for_pupil

# The contribution looks back over two years: long enough to show change, short enough to read.
CONTRIBUTION_YEARS = 2
# The ePEP is reviewed each term; a year of activities is what its careers section asks about.
EPEP_DAYS = 365


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class SkillRow:
    framework: str
    skill: str
    from_step: int | None  # where they were when the period began (None: first assessed in it)
    latest_step: int
    latest_on: dt.date


def _skill_rows(progress: list[Any], since: dt.date) -> list[SkillRow]:
    """Each skill assessed in the period: the step before it began (if any) and the latest."""
    rows = []
    for item in progress:
        before = [step for day, step in item.history if day < since]
        during = [(day, step) for day, step in item.history if day >= since]
        if not during:
            continue
        rows.append(SkillRow(item.framework.name, item.skill.name, before[-1] if before else None,
                             during[-1][1], during[-1][0]))
    return rows


@dataclass
class Document:
    pupil: Pupil
    today: dt.date
    since: dt.date
    next_due: dt.date | None
    due_status: DueStatus
    reviews: list[Any] = field(default_factory=list)
    activities: list[Any] = field(default_factory=list)
    activity_years: list[Any] = field(default_factory=list)
    standing: list[dict[str, Any]] = field(default_factory=list)
    pfa_groups: list[selectors.AreaGroup] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    # Sections from other apps; None leaves the section out (the member's role may not read it).
    guidance: list[Any] | None = None
    open_actions: list[Any] = field(default_factory=list)
    profile: list[tuple[str, list[Any]]] | None = None
    destination: Any = None
    has_destination: bool = False
    skills: list[SkillRow] | None = None
    placements: list[Any] | None = None
    transition: list[Any] | None = None

    @property
    def has_outcomes(self) -> bool:
        return any(group.outcomes for group in self.pfa_groups)

    @property
    def year_label(self) -> str:
        return dates.nc_year_label(self.pupil.current.nc_year) if getattr(self.pupil, "current", None) else ""


def _base(*, membership: Membership, pupil: Pupil, today: dt.date, since: dt.date) -> Document:
    due = next_due(last_review=pupil.ehcp_last_review, next_review=pupil.ehcp_next_review)
    doc = Document(pupil=pupil, today=today, since=since, next_due=due, due_status=due_status(due, today=today))
    timeline = pupil_timeline(membership=membership, pupil=pupil, as_of=today)
    doc.activities = [p for p in timeline.participations
                      if p.activity.date >= since and p.attendance in TOOK_PART]
    first_year = dates.academic_year_of(since)
    doc.activity_years = [y for y in timeline.years if y.start_year >= first_year]
    return doc


def _guidance(doc: Document, membership: Membership) -> None:
    if not guidance_rules.can_view_guidance(membership):
        return
    meetings = meetings_for_pupil(school=membership.school, pupil=doc.pupil)
    doc.guidance = [m for m in meetings if m.date >= doc.since]
    # Actions still open are next steps whenever they were agreed.
    doc.open_actions = [a for m in meetings for a in m.actions.all() if a.done_on is None]


def _profile(doc: Document, membership: Membership, kinds: tuple[str, ...] | None = None) -> None:
    if not profile_rules.can_view_profiles(membership):
        return
    entries = profile_for_pupil(school=membership.school, pupil=doc.pupil)
    doc.profile = [(str(KIND_HEADINGS[EntryKind(kind)]), found) for kind, found in entries.items()
                   if found and (kinds is None or kind in kinds)]
    doc.destination = intended_destination(school=membership.school, pupil=doc.pupil,
                                           start_year=academic_year_start_on(school=membership.school, day=doc.today))
    doc.has_destination = True


def contribution(*, membership: Membership, pupil: Pupil, today: dt.date) -> Document:
    """Everything for the review: the last two years of careers records, standing today and PfA."""
    school = membership.school
    doc = _base(membership=membership, pupil=pupil, today=today,
                since=years_before(today, CONTRIBUTION_YEARS))
    _guidance(doc, membership)
    _profile(doc, membership)
    if skills_rules.can_view_pupil_skills(membership):
        doc.skills = _skill_rows(pupil_progress(school=school, pupil=pupil), doc.since)
    if placement_rules.can_see_pupil_placements(membership):
        doc.placements = [a for a in placements_for_pupil(school=school, pupil=pupil)
                          if a.placement.ends_on >= doc.since]
        for assignment in doc.placements:
            assignment.report_or_none = report_of(assignment)
    if transition_rules.can_view_transition(membership):
        doc.transition = [v for v in transition_for_pupil(school=school, pupil=pupil) if v.date >= doc.since]
    doc.reviews = [r for r in selectors.reviews_for(school=school, pupil=pupil)
                   if r.date_held is None or r.date_held >= doc.since]
    doc.standing = pupil_standing_rows(school=school, pupil=pupil, as_of=today)
    doc.pfa_groups = selectors.by_area(selectors.outcomes_for(school=school, pupil=pupil, since=doc.since))
    return doc


def epep(*, membership: Membership, pupil: Pupil, today: dt.date) -> Document:
    """The careers section of the personal education plan: a year of activities, the employment
    outcomes being worked on and what comes next."""
    school = membership.school
    doc = _base(membership=membership, pupil=pupil, today=today, since=today - dt.timedelta(days=EPEP_DAYS))
    _guidance(doc, membership)
    _profile(doc, membership, kinds=(EntryKind.ASPIRATION, EntryKind.WISH, EntryKind.INTEREST))
    employment = [o for o in selectors.outcomes_for(school=school, pupil=pupil, since=doc.since, current_only=True)
                  if o.area == PfaArea.EMPLOYMENT]
    doc.pfa_groups = [g for g in selectors.by_area(employment) if g.area == PfaArea.EMPLOYMENT]
    doc.next_steps = [_action_step(a) for a in doc.open_actions]
    doc.next_steps += [_("Keep working towards: %(text)s") % {"text": o.text} for o in employment
                       if o.latest is None or o.latest.level != ProgressLevel.ACHIEVED]  # type: ignore[attr-defined]
    if doc.next_due is not None:
        when = f"{doc.next_due.day} {doc.next_due:%B %Y}"
        doc.next_steps.append(_("EHCP annual review due on %(date)s.") % {"date": when})
    return doc


def _action_step(action: Any) -> str:
    step = str(action.description)
    if action.owner_label:
        step += f" ({action.owner_label})"
    if action.due_on:
        step += " " + _("by %(date)s") % {"date": f"{action.due_on.day} {action.due_on:%B %Y}"}
    return step


def epep_rows(doc: Document) -> list[list[str]]:
    """The ePEP as rows for a spreadsheet: section, date, what, detail."""
    rows: list[list[str]] = [["Section", "Date", "What", "Detail"]]
    rows.append(["Pupil", "", doc.pupil.display_name, doc.year_label])
    if doc.next_due:
        rows.append(["Next EHCP annual review", doc.next_due.isoformat(), str(doc.due_status.label), ""])
    for meeting in doc.guidance or []:
        rows.append(["Careers guidance", meeting.date.isoformat(), meeting.adviser_name,
                     meeting.pupil_words or meeting.discussed])
    for heading, entries in doc.profile or []:
        for entry in entries:
            rows.append([heading, entry.recorded_on.isoformat(), entry.text, entry.get_source_display()])
    if doc.destination is not None:
        plan = doc.destination
        rows.append(["Intended destination", plan.reviewed_on.isoformat(),
                     str(plan.pupil_category or plan.school_category or ""), plan.pupil_aim or plan.school_aim])
    for group in doc.pfa_groups:
        for outcome in group.outcomes:
            latest = outcome.latest  # type: ignore[attr-defined]
            rows.append(["Preparing for Adulthood: " + group.label, outcome.set_on.isoformat(), outcome.text,
                         f"{latest.get_level_display()} ({latest.date.isoformat()})" if latest else "No progress yet"])
    for step in doc.next_steps:
        rows.append(["Next step", "", step, ""])
    for p in doc.activities:
        rows.append(["Careers activity", p.activity.date.isoformat(), p.activity.title,
                     p.activity.activity_type.name])
    return rows
