"""A pupil's careers record: everything the school holds about one pupil's careers programme.

The caller has resolved the pupil through `people.selectors.visible_pupil` (404 otherwise) and
audits the read. Each section is read through its own app's selector and shown only to the roles
that app lets read it on the pupil page (a senior leader or governor sees the timeline and standing,
not guidance notes, profiles or placements), so the record never shows more than the pupil page.
A fixed number of queries whatever the length of the pupil's history.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import ngettext

from roadahead.activities.models import Participation
from roadahead.activities.selectors import TOOK_PART, YearCounts, pupil_timeline
from roadahead.benchmarks.models import Benchmark
from roadahead.core import dates
from roadahead.destinations import rules as destination_rules
from roadahead.destinations.models import Destination
from roadahead.destinations.selectors import destination_for_pupil
from roadahead.entitlements.models import EntitlementRule
from roadahead.entitlements.wording import describe_missing
from roadahead.guidance import rules as guidance_rules
from roadahead.guidance.models import GuidanceMeeting
from roadahead.guidance.selectors import meetings_for_pupil
from roadahead.people.models import Enrolment, Membership, Pupil
from roadahead.placements import rules as placement_rules
from roadahead.placements.models import Assignment
from roadahead.placements.selectors import placements_for_pupil
from roadahead.profiles import rules as profile_rules
from roadahead.profiles.enums import KIND_HEADINGS
from roadahead.profiles.models import ProfileEntry
from roadahead.profiles.selectors import PlanView, profile_for_pupil, transition_plans
from roadahead.skills import rules as skill_rules
from roadahead.skills.selectors import SkillProgress, pupil_progress
from roadahead.standing.engine import standing
from roadahead.standing.selectors import display_status, status_label
from roadahead.transition import rules as transition_rules
from roadahead.transition.selectors import PupilVisit, transition_for_pupil


@dataclass
class TimelineLine:
    """One activity, or the sessions of one series in a year (weekly work experience) taken together."""

    date: dt.date
    last_date: dt.date | None  # the last session's date, for a series
    title: str
    kind: str
    providers: list[str]
    benchmarks: list[int]
    took_part: str  # "Attended", or "7 of 8 sessions" for a series
    response: str = ""


@dataclass
class TimelineYear:
    start_year: int
    label: str
    nc_year: str
    counts: YearCounts | None
    lines: list[TimelineLine] = field(default_factory=list)

    @property
    def evidenced(self) -> list[tuple[int, int]]:
        """(benchmark, activities evidencing it this year), in benchmark order."""
        return sorted(self.counts.by_benchmark.items()) if self.counts else []


def _lines(participations: list[Participation]) -> list[TimelineLine]:
    """Newest first; a series' sessions become one line at its latest session, with how many the pupil attended."""
    groups: dict[tuple[str, int], list[Participation]] = {}
    for p in participations:  # newest first already
        key = ("series", p.activity.series_id) if p.activity.series_id else ("activity", p.activity_id)
        groups.setdefault(key, []).append(p)
    lines = []
    for (kind, _pk), found in groups.items():
        latest, first = found[0].activity, found[-1].activity
        attended = sum(1 for p in found if p.attendance in TOOK_PART)
        took_part = (str(found[0].get_attendance_display()) if kind == "activity" else ngettext(
            "%(n)s of %(total)s session", "%(n)s of %(total)s sessions", len(found)) % {
            "n": attended, "total": len(found)})
        lines.append(TimelineLine(
            date=first.date, last_date=latest.date if kind == "series" else None,
            title=latest.series.title if kind == "series" and latest.series else latest.title,
            kind=latest.activity_type.name,
            providers=sorted({pr.name for p in found for pr in p.activity.providers.all()}),
            benchmarks=sorted({b.number for p in found for b in p.activity.benchmarks.all()}),
            took_part=took_part, response=next((p.response for p in found if p.response), "")))
    return lines


@dataclass
class StandingLine:
    name: str
    benchmark: int | None
    start: dt.date
    end: dt.date
    required: int
    achieved: int
    status: str
    status_label: str
    missing: str


@dataclass
class PupilRecord:
    pupil: Pupil
    as_of: dt.date
    enrolments: list[Enrolment]
    benchmarks: list[Benchmark]
    years: list[TimelineYear]
    standing: list[StandingLine]
    # None: the member's role may not read this section on the pupil page either.
    meetings: list[GuidanceMeeting] | None = None
    placements: list[Assignment] | None = None
    visits: list[PupilVisit] | None = None
    skills: list[SkillProgress] | None = None
    profile: list[tuple[str, list[ProfileEntry]]] | None = None
    plans: list[PlanView] | None = None
    destination: Destination | None = None
    shows_destination: bool = False

    @property
    def current(self) -> Enrolment | None:
        return self.enrolments[-1] if self.enrolments else None


def _standing(*, pupil: Pupil, as_of: dt.date) -> list[StandingLine]:
    school = pupil.school
    report = standing(school=school, as_of=as_of, pupils=Pupil.objects.filter(school=school, pk=pupil.pk))
    rows = report.for_pupil(pupil.pk)
    if not rows:
        return []
    rules = {r.pk: r for r in EntitlementRule.objects.filter(school=school, pk__in=[row.rule_id for row in rows])
             .select_related("benchmark")}
    order = list(report.rules)
    lines = []
    for row in sorted(rows, key=lambda r: order.index(r.rule_id)):
        facts = report.rules[row.rule_id]
        shown = display_status(facts, row)
        lines.append(StandingLine(
            name=facts.name, benchmark=facts.benchmark, start=row.period_start, end=row.period_end,
            required=row.required, achieved=row.achieved, status=shown, status_label=status_label(shown),
            missing=describe_missing(rules[row.rule_id], missing=row.missing, period_end=row.period_end,
                                     as_of=as_of)))
    return lines


def pupil_record(*, membership: Membership, pupil: Pupil, as_of: dt.date) -> PupilRecord:
    school = membership.school
    enrolments = list(Enrolment.objects.filter(school=school, pupil=pupil)
                      .select_related("academic_year", "class_group", "pathway")
                      .order_by("academic_year__start_year"))
    timeline = pupil_timeline(membership=membership, pupil=pupil, as_of=as_of)
    by_year: dict[int, list[Participation]] = defaultdict(list)
    for participation in timeline.participations:
        by_year[participation.activity.academic_year.start_year].append(participation)
    counts = {y.start_year: y for y in timeline.years}
    nc_years = {e.academic_year.start_year: e.nc_year for e in enrolments}
    years = [TimelineYear(start_year=y, label=dates.academic_year_label(y),
                          nc_year=dates.nc_year_label(nc_years[y]) if y in nc_years else "",
                          counts=counts.get(y), lines=_lines(by_year[y]))
             for y in sorted(set(by_year) | set(counts), reverse=True)]
    record = PupilRecord(pupil=pupil, as_of=as_of, enrolments=enrolments, benchmarks=timeline.benchmarks,
                         years=years, standing=_standing(pupil=pupil, as_of=as_of))
    if guidance_rules.can_view_guidance(membership):
        record.meetings = meetings_for_pupil(school=school, pupil=pupil)
    if placement_rules.can_see_pupil_placements(membership):
        record.placements = placements_for_pupil(school=school, pupil=pupil)
    if transition_rules.can_view_transition(membership):
        record.visits = transition_for_pupil(school=school, pupil=pupil)
    if skill_rules.can_view_pupil_skills(membership):
        record.skills = pupil_progress(school=school, pupil=pupil)
    if profile_rules.can_view_profiles(membership):
        current = profile_for_pupil(school=school, pupil=pupil)
        record.profile = [(str(heading), current[str(kind)]) for kind, heading in KIND_HEADINGS.items()
                          if current.get(str(kind))]
        record.plans = transition_plans(school=school, pupil=pupil)
    if destination_rules.can_view_destinations(membership) and pupil.date_left:
        record.shows_destination = True
        record.destination = destination_for_pupil(school=school, pupil=pupil)
    return record
