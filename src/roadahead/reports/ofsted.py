"""The Ofsted evidence pack: an inspector's questions answered from the records, as aggregates.

No pupil is named; every figure resting on fewer than five pupils is withheld. A fixed number of
queries whatever the number of pupils (one coverage query per year group the school teaches).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Q, Subquery

from roadahead.activities.models import Activity, Participation
from roadahead.core import dates
from roadahead.cpd.selectors import totals as cpd_totals
from roadahead.curriculum.selectors import coverage_grid
from roadahead.destinations.reports import Group as DestinationGroup
from roadahead.destinations.reports import build_report
from roadahead.evaluation.models import Mark
from roadahead.evaluation.selectors import EvaluationScores, benchmarks, history, marks_of, term_dates
from roadahead.guidance.models import GuidanceMeeting
from roadahead.lmi.selectors import YearSummary, year_summary
from roadahead.people.enums import Role
from roadahead.people.models import Enrolment, Pupil
from roadahead.placements.enums import PlacementKind
from roadahead.placements.models import Assignment
from roadahead.providers.models import Provider
from roadahead.public.selectors import page_for
from roadahead.reports.shares import Share, share, size_text
from roadahead.schools.models import School
from roadahead.schools.selectors import year_bounds
from roadahead.standing.coverage import EVIDENCE_ATTENDANCE, CoverageRow, benchmark_coverage, on_roll_q

SUPPRESS = True


@dataclass
class Programme:
    leader_name: str
    leader_email: str
    leader_phone: str
    summary: str
    impact: str
    next_review_on: dt.date | None
    published: bool


@dataclass
class BenchmarkEvidence:
    number: int
    title: str
    percent: int | None
    marks: list[Mark]


@dataclass
class SelfEvaluation:
    evaluation: EvaluationScores | None
    benchmarks: list[BenchmarkEvidence]


@dataclass
class YearCoverage:
    nc_year: str
    label: str
    size_text: str
    cells: list[Share]  # one per benchmark, in number order


@dataclass
class Encounter:
    date: dt.date
    title: str
    activity_type: str
    providers: list[str]
    year_groups: list[str]
    pupils_text: str


@dataclass
class YearGroupLine:
    label: str
    size_text: str
    pupils: Share  # pupils with at least one (guidance meeting, placement)
    count: int | None  # meetings or placements; None when withheld


@dataclass
class Training:
    staff: int
    trained: Share
    hours: Decimal
    careers_leader_trained: bool
    lines: list[tuple[str, Decimal, int]]  # (member, hours, records) for those with training


@dataclass
class CurriculumLine:
    subject: str
    covered: int
    phases: int
    activities: int


@dataclass
class OfstedPack:
    school: School
    start_year: int
    year_start: dt.date
    as_of: dt.date
    programme: Programme
    self_evaluation: SelfEvaluation
    benchmark_titles: list[tuple[int, str]]
    coverage: list[YearCoverage]
    encounters: list[Encounter]
    guidance: list[YearGroupLine]
    placements: list[YearGroupLine]
    placement_kinds: list[tuple[str, int]]
    training: Training
    lmi: YearSummary
    curriculum: list[CurriculumLine]
    curriculum_gaps: int
    destinations_total: DestinationGroup | None
    destinations_by_year: list[DestinationGroup] = field(default_factory=list)

    @property
    def year_label(self) -> str:
        return dates.academic_year_label(self.start_year)


def _programme(school: School) -> Programme:
    page = page_for(school=school)
    return Programme(
        leader_name=(page.leader_name if page and page.leader_name else school.careers_leader_name),
        leader_email=(page.leader_email if page and page.leader_email else school.careers_leader_email),
        leader_phone=(page.leader_phone if page and page.leader_phone else school.careers_leader_phone),
        summary=page.summary if page else "", impact=page.impact if page else "",
        next_review_on=page.next_review_on if page else None, published=bool(page and page.published))


def _self_evaluation(*, school: School, start_year: int, as_of: dt.date) -> SelfEvaluation:
    """The latest evaluation of the academic year whose term had begun by `as_of`."""
    found = [e for e in history(school=school) if e.evaluation.start_year == start_year
             and term_dates(school=school, start_year=start_year, term=e.evaluation.term)[0] <= as_of]
    current = found[-1] if found else None
    marks = marks_of(current.evaluation) if current else []
    by_number: dict[int, list[Mark]] = defaultdict(list)
    for mark in marks:
        by_number[mark.criterion.benchmark.number].append(mark)
    lines = []
    for benchmark in benchmarks(school=school):
        score = current.scores.get(benchmark.number) if current else None
        lines.append(BenchmarkEvidence(number=benchmark.number, title=benchmark.title,
                                       percent=score.percent if score else None, marks=by_number[benchmark.number]))
    return SelfEvaluation(evaluation=current, benchmarks=lines)


def _roll_by_year(*, school: School, start_year: int, as_of: dt.date) -> dict[int, str]:
    """Each pupil on roll on `as_of` with their NC year this academic year ("" if not enrolled)."""
    year = Enrolment.objects.filter(school=school, pupil=OuterRef("pk"), academic_year__start_year=start_year)
    return {pk: nc or "" for pk, nc in Pupil.objects.filter(school=school).filter(on_roll_q(as_of)).order_by()
            .annotate(nc=Subquery(year.values("nc_year")[:1])).values_list("pk", "nc")}


def _year_order(codes: set[str]) -> list[str]:
    return [code for code in dates.NC_YEAR_CODES if code in codes]


def _coverage(*, school: School, start_year: int, year_start: dt.date, as_of: dt.date,
              years: list[str], sizes: Counter[str]) -> list[YearCoverage]:
    out = []
    for code in years:
        pupils = (Pupil.objects.filter(school=school).filter(on_roll_q(as_of))
                  .filter(pk__in=Enrolment.objects.filter(school=school, academic_year__start_year=start_year,
                                                          nc_year=code).values("pupil_id")))
        rows: list[CoverageRow] = benchmark_coverage(school=school, start=year_start, end=as_of, pupils=pupils)
        out.append(YearCoverage(nc_year=code, label=dates.nc_year_label(code),
                                size_text=size_text(sizes[code], suppress=SUPPRESS),
                                cells=[share(r.with_evidence, r.cohort_size, suppress=SUPPRESS) for r in rows]))
    return out


def _encounters(*, school: School, start_year: int, year_start: dt.date, as_of: dt.date) -> list[Encounter]:
    """Provider encounters in the year up to `as_of`: activities of a provider-encounter type or counting for PAL."""
    activities = list(Activity.objects.filter(school=school, date__gte=year_start, date__lte=as_of)
                      .filter(Q(activity_type__is_provider_encounter=True) | Q(counts_for_pal=True))
                      .select_related("activity_type")
                      .prefetch_related(Prefetch("providers", queryset=Provider.objects.order_by("name")))
                      .order_by("date", "id"))
    year = Enrolment.objects.filter(school=school, pupil=OuterRef("pupil_id"), academic_year__start_year=start_year)
    years: dict[int, set[str]] = defaultdict(set)
    pupils: Counter[int] = Counter()
    for activity_id, nc in (Participation.objects.filter(school=school, activity__in=[a.pk for a in activities],
                                                         attendance__in=EVIDENCE_ATTENDANCE)
                            .annotate(nc=Subquery(year.values("nc_year")[:1])).values_list("activity_id", "nc")):
        pupils[activity_id] += 1
        if nc:
            years[activity_id].add(nc)
    return [Encounter(date=a.date, title=a.title, activity_type=a.activity_type.name,
                      providers=[p.name for p in a.providers.all()],
                      year_groups=[dates.nc_year_label(c) for c in _year_order(years[a.pk])],
                      pupils_text=size_text(pupils[a.pk], suppress=SUPPRESS)) for a in activities]


def _by_year(label_years: list[str], sizes: Counter[str], reached: dict[str, set[int]],
             counts: Counter[str]) -> list[YearGroupLine]:
    lines = []
    for code in label_years:
        size = sizes[code]
        got = share(len(reached.get(code, set())), size, suppress=SUPPRESS)
        lines.append(YearGroupLine(label=dates.nc_year_label(code) if code else "No NC year recorded",
                                   size_text=size_text(size, suppress=SUPPRESS), pupils=got,
                                   count=None if got.suppressed else counts[code]))
    return lines


def ofsted_pack(*, school: School, start_year: int, as_of: dt.date) -> OfstedPack:
    year_start, year_end = year_bounds(school=school, start_year=start_year)
    as_of = max(min(as_of, year_end), year_start)
    roll = _roll_by_year(school=school, start_year=start_year, as_of=as_of)
    sizes: Counter[str] = Counter(roll.values())
    years = _year_order(set(sizes))
    listed = years + ([""] if "" in sizes else [])

    met: dict[str, set[int]] = defaultdict(set)
    meetings: Counter[str] = Counter()
    for pupil_id in GuidanceMeeting.objects.filter(school=school, date__gte=year_start, date__lte=as_of,
                                                   pupil__in=list(roll)).values_list("pupil_id", flat=True):
        met[roll[pupil_id]].add(pupil_id)
        meetings[roll[pupil_id]] += 1

    placed: dict[str, set[int]] = defaultdict(set)
    placements: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for pupil_id, kind in (Assignment.objects.filter(school=school, placement__starts_on__lte=as_of,
                                                     placement__ends_on__gte=year_start, pupil__in=list(roll))
                           .values_list("pupil_id", "placement__kind")):
        placed[roll[pupil_id]].add(pupil_id)
        placements[roll[pupil_id]] += 1
        kinds[kind] += 1

    trained = [t for t in cpd_totals(school=school, start_year=start_year)
               if t.member.role in {Role.CAREERS_LEADER, Role.STAFF}]
    grid = coverage_grid(school=school, start_year=start_year)
    destinations = build_report(school=school, day=as_of, suppress=SUPPRESS)
    return OfstedPack(
        school=school, start_year=start_year, year_start=year_start, as_of=as_of, programme=_programme(school),
        self_evaluation=_self_evaluation(school=school, start_year=start_year, as_of=as_of),
        benchmark_titles=[(b.number, b.title) for b in benchmarks(school=school)],
        coverage=_coverage(school=school, start_year=start_year, year_start=year_start, as_of=as_of, years=years,
                           sizes=sizes),
        encounters=_encounters(school=school, start_year=start_year, year_start=year_start, as_of=as_of),
        guidance=_by_year(listed, sizes, met, meetings),
        placements=_by_year(listed, sizes, placed, placements),
        placement_kinds=[(str(label), kinds[value]) for value, label in PlacementKind.choices],
        training=Training(
            staff=len([t for t in trained if t.member.is_active]),
            trained=share(sum(1 for t in trained if t.records), len(trained), suppress=False),
            hours=sum((t.hours for t in trained), Decimal("0")),
            careers_leader_trained=any(t.records for t in trained if t.member.role == Role.CAREERS_LEADER),
            lines=[(t.member.user.display_name, t.hours, t.records) for t in trained if t.records]),
        lmi=year_summary(school=school, start_year=start_year),
        curriculum=[CurriculumLine(subject=subject.name, covered=sum(1 for c in cells if c.schemes),
                                   phases=len(cells), activities=sum(c.activities for c in cells))
                    for subject, cells in grid.rows],
        curriculum_gaps=grid.gaps,
        destinations_total=destinations.total if destinations.leavers else None,
        destinations_by_year=destinations.groups.get("year", []))
