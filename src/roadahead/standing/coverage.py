"""Benchmark coverage: for each benchmark, how many pupils of a cohort have evidence in a period.

"With evidence" means the pupil attended, or attended part of, at least one activity that evidences
the benchmark and whose date falls in the period. Absent pupils do not count. The cohort is the
given pupils, or every pupil on roll on the last day of the period. The same selectors serve the
coverage pages, the API and the CLI; each runs a fixed number of queries whatever the number of
pupils (one for `benchmark_coverage`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from roadahead.activities.enums import Attendance
from roadahead.activities.models import Participation
from roadahead.benchmarks.models import Benchmark
from roadahead.core import dates
from roadahead.core.privacy import SMALLEST_GROUP
from roadahead.people.enums import NeedType, Sex
from roadahead.people.models import Enrolment, Pupil, PupilNeed
from roadahead.people.selectors import enrolled_in
from roadahead.schools.enums import TermName
from roadahead.schools.models import AcademicYear, Pathway, Phase, School, Term
from roadahead.standing.engine import on_roll

# Part attendance still gives a pupil the experience; absence gives none.
EVIDENCE_ATTENDANCE = (Attendance.ATTENDED, Attendance.PART)

# Groups smaller than this are not shown in the equity view: a share of three pupils says little
# and may identify them. The one threshold lives in core.privacy; this name stays for its users.
SUPPRESS_BELOW = SMALLEST_GROUP


@dataclass(frozen=True)
class CoverageRow:
    benchmark: int
    title: str
    cohort_size: int
    with_evidence: int

    @property
    def without_evidence(self) -> int:
        return self.cohort_size - self.with_evidence

    @property
    def share(self) -> float:
        return self.with_evidence / self.cohort_size if self.cohort_size else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.share)


def on_roll_q(day: dt.date, prefix: str = "") -> Q:
    """Pupils on roll on `day` (joined by then and not yet left), seen from `prefix` away from Pupil."""
    return ((Q(**{f"{prefix}date_left__isnull": True}) | Q(**{f"{prefix}date_left__gte": day}))
            & (Q(**{f"{prefix}date_joined__isnull": True}) | Q(**{f"{prefix}date_joined__lte": day})))


def _size(pupils: QuerySet[Pupil]) -> Subquery:
    """COUNT(*) of a pupil queryset as a scalar subquery, so it can sit in the same statement."""
    ids = pupils.order_by().values("pk")
    return Subquery(Pupil.objects.filter(pk__in=ids).order_by()
                    .annotate(n=Func(F("pk"), function="COUNT")).values("n"), output_field=IntegerField())


def _evidence(*, school: School, start: dt.date, end: dt.date, pupils: QuerySet[Pupil]) -> Q:
    """Seen from Benchmark: its activities in the period, attended (wholly or partly) by the pupils."""
    return Q(activities__school=school, activities__date__gte=start, activities__date__lte=end,
             activities__participations__school=school,
             activities__participations__attendance__in=EVIDENCE_ATTENDANCE,
             activities__participations__pupil__in=pupils.order_by().values("pk"))


def _coverage(*, school: School, spans: Sequence[tuple[dt.date, dt.date, QuerySet[Pupil]]]) -> list[list[CoverageRow]]:
    """Coverage for several (start, end, cohort) spans at once, in one SQL query."""
    annotations = {}
    for i, (start, end, pupils) in enumerate(spans):
        annotations[f"e{i}"] = Count("activities__participations__pupil", distinct=True,
                                     filter=_evidence(school=school, start=start, end=end, pupils=pupils))
        annotations[f"c{i}"] = Coalesce(_size(pupils), 0)
    benchmarks = list(Benchmark.objects.filter(school=school).order_by("number").annotate(**annotations)
                      .values("number", "title", *annotations))
    return [[CoverageRow(benchmark=b["number"], title=b["title"], cohort_size=b[f"c{i}"], with_evidence=b[f"e{i}"])
             for b in benchmarks] for i in range(len(spans))]


def cohort_pupils(*, school: School, end: dt.date, pupils: QuerySet[Pupil] | None = None) -> QuerySet[Pupil]:
    """The pupils counted: the given ones (kept to this school), or everyone on roll on `end`."""
    if pupils is None:
        return on_roll(school=school, as_of=end)
    return pupils.filter(school=school)


def benchmark_coverage(*, school: School, start: dt.date, end: dt.date,
                       pupils: QuerySet[Pupil] | None = None) -> list[CoverageRow]:
    """One row per benchmark of the school, in benchmark order; one SQL query."""
    cohort = cohort_pupils(school=school, end=end, pupils=pupils)
    return _coverage(school=school, spans=[(start, end, cohort)])[0]


def evidence_pupil_ids(*, school: School, benchmark: int, start: dt.date, end: dt.date,
                       pupils: QuerySet[Pupil]) -> set[int]:
    """The pupils (of those given) with evidence for one benchmark in the period: the drill-down."""
    return set(Participation.objects.filter(
        school=school, attendance__in=EVIDENCE_ATTENDANCE, pupil__in=pupils.order_by().values("pk"),
        activity__school=school, activity__date__gte=start, activity__date__lte=end,
        activity__benchmarks__number=benchmark, activity__benchmarks__school=school,
    ).values_list("pupil_id", flat=True).distinct())


# ## Choosing a cohort ###########################################################################

@dataclass(frozen=True)
class CohortFilters:
    """Who is counted. NC year, class, pathway and phase are read from the year's enrolment."""

    year_from: str = ""
    year_to: str = ""
    class_group: int | None = None
    pathway: int | None = None
    phase: int | None = None
    need: str = ""
    looked_after: bool | None = None
    sex: str = ""


def _nc_years(first: str, last: str) -> list[str] | None:
    """The NC year codes from `first` to `last` (either may be blank); None when neither is set."""
    if not first and not last:
        return None
    low = dates.nc_year_ordinal(first) if first else -99
    high = dates.nc_year_ordinal(last) if last else 99
    if low is None or high is None:
        return [code for code in (first, last) if code]
    return [code for code in dates.NC_YEAR_CODES
            if (o := dates.nc_year_ordinal(code)) is not None and low <= o <= high]


def cohort(*, school: School, filters: CohortFilters, start_year: int, day: dt.date | None,
           visible: QuerySet[Pupil] | None = None) -> QuerySet[Pupil]:
    """The pupils of `visible` (default: the whole school) who match the filters.

    Year-specific filters apply to the enrolment in the academic year starting `start_year`; with
    `day`, only pupils on roll that day are kept. At most one query (for a phase's years) is run here.
    """
    pupils = (visible if visible is not None else Pupil.objects.all()).filter(school=school)
    if day is not None:
        pupils = pupils.filter(on_roll_q(day))
    years = _nc_years(filters.year_from, filters.year_to)
    if filters.phase:
        phase = Phase.objects.filter(school=school, pk=filters.phase).first()
        in_phase = [c for c in dates.NC_YEAR_CODES if phase is not None and phase.covers(c)]
        years = in_phase if years is None else [c for c in years if c in in_phase]
    pupils = enrolled_in(pupils, school=school, start_year=start_year, nc_years=years,
                         class_group=filters.class_group, pathway=filters.pathway)
    if filters.need:
        pupils = pupils.filter(pk__in=PupilNeed.objects.filter(school=school, need=filters.need).values("pupil_id"))
    if filters.looked_after is not None:
        pupils = pupils.filter(looked_after=filters.looked_after)
    if filters.sex:
        pupils = pupils.filter(sex=filters.sex)
    return pupils


# ## Trend by term ###############################################################################

@dataclass(frozen=True)
class TermSpan:
    start_year: int
    name: str
    start: dt.date
    end: dt.date  # the term's last day, or today for the term in progress

    @property
    def label(self) -> str:
        return f"{TermName(self.name).label} {dates.academic_year_label(self.start_year)}"

    @property
    def short_label(self) -> str:
        return f"{TermName(self.name).label[:3]} {str(self.start_year)[-2:]}/{str(self.start_year + 1)[-2:]}"


def _default_terms(start_year: int) -> list[tuple[str, dt.date, dt.date]]:
    """Terms for a year whose calendar the school has not entered: roughly, by the month."""
    return [(TermName.AUTUMN, dt.date(start_year, 9, 1), dt.date(start_year, 12, 31)),
            (TermName.SPRING, dt.date(start_year + 1, 1, 1), dt.date(start_year + 1, 3, 31)),
            (TermName.SUMMER, dt.date(start_year + 1, 4, 1), dt.date(start_year + 1, 8, 31))]


def terms_for_years(*, school: School, start_years: Iterable[int], today: dt.date) -> list[TermSpan]:
    """The terms of those academic years that have begun by `today`, in order; one query.

    The school's own term dates are used where it has entered them.
    """
    wanted = sorted(set(start_years))
    stored: dict[int, list[tuple[str, dt.date, dt.date]]] = defaultdict(list)
    for term in (Term.objects.filter(school=school, academic_year__start_year__in=wanted)
                 .order_by("starts_on").values("academic_year__start_year", "name", "starts_on", "ends_on")):
        stored[term["academic_year__start_year"]].append((term["name"], term["starts_on"], term["ends_on"]))
    spans = []
    for year in wanted:
        for name, start, end in stored.get(year) or _default_terms(year):
            if start <= today:
                spans.append(TermSpan(start_year=year, name=name, start=start, end=min(end, today)))
    return spans


@dataclass(frozen=True)
class TrendPoint:
    term: TermSpan
    rows: list[CoverageRow]


def coverage_trend(*, school: School, filters: CohortFilters, today: dt.date, visible: QuerySet[Pupil] | None = None,
                   years: int = 3) -> list[TrendPoint]:
    """Coverage in each term of the last `years` academic years (this one included), up to today.

    Each term's cohort is the pupils matching the filters in that term's academic year and on
    roll on its last day, so "Year 10" means that year's Year 10. One query per academic year.
    """
    this_year = dates.academic_year_of(today)
    year_row = AcademicYear.objects.filter(school=school, starts_on__lte=today, ends_on__gte=today).first()
    if year_row is not None:
        this_year = year_row.start_year
    terms = terms_for_years(school=school, start_years=range(this_year - years + 1, this_year + 1), today=today)
    points: list[TrendPoint] = []
    for year in sorted({t.start_year for t in terms}):
        in_year = [t for t in terms if t.start_year == year]
        base = cohort(school=school, filters=filters, start_year=year, day=None, visible=visible)
        results = _coverage(school=school, spans=[(t.start, t.end, base.filter(on_roll_q(t.end))) for t in in_year])
        points.extend(TrendPoint(term=t, rows=rows) for t, rows in zip(in_year, results, strict=True))
    return points


# ## Equity: the same shares split by group ######################################################

GROUPINGS: dict[str, str] = {
    "pathway": _("Pathway"),
    "need": _("Primary need"),
    "looked_after": _("Looked after"),
    "sex": _("Sex"),
}


@dataclass(frozen=True)
class GroupCoverage:
    key: str
    label: str
    size: int
    rows: list[CoverageRow] = field(default_factory=list)

    @property
    def suppressed(self) -> bool:
        return self.size < SUPPRESS_BELOW


def group_of_pupils(*, school: School, pupils: QuerySet[Pupil], by: str,
                    start_year: int) -> tuple[dict[int, str], list[tuple[str, str]]]:
    """Each pupil's group key, and every possible group as (key, label) in display order.

    Two queries at most (the pupils, and for pathways their names).
    """
    if by == "pathway":
        pathway = Enrolment.objects.filter(school=school, pupil=OuterRef("pk"),
                                           academic_year__start_year=start_year).values("pathway_id")[:1]
        keys = {pk: str(value or "") for pk, value in
                pupils.order_by().annotate(group=Subquery(pathway)).values_list("pk", "group")}
        groups = [(str(p.pk), p.name) for p in Pathway.objects.filter(school=school).order_by("order", "name")]
        return keys, [*groups, ("", str(_("No pathway")))]
    if by == "need":
        primary = PupilNeed.objects.filter(school=school, pupil=OuterRef("pk")).order_by("rank").values("need")[:1]
        keys = {pk: value or "" for pk, value in
                pupils.order_by().annotate(group=Subquery(primary)).values_list("pk", "group")}
        return keys, [*((str(k), str(v)) for k, v in NeedType.choices), ("", str(_("No need recorded")))]
    if by == "looked_after":
        keys = {pk: "yes" if value else "no" for pk, value in pupils.order_by().values_list("pk", "looked_after")}
        return keys, [("yes", str(_("Looked after"))), ("no", str(_("Not looked after")))]
    if by == "sex":
        keys = dict(pupils.order_by().values_list("pk", "sex"))
        return keys, [(str(k), str(v)) for k, v in Sex.choices]
    raise ValueError(f"no grouping {by!r}")


def coverage_by_group(*, school: School, start: dt.date, end: dt.date, pupils: QuerySet[Pupil], by: str,
                      start_year: int) -> list[GroupCoverage]:
    """The coverage of each group of the cohort, for the equity view; four queries at most.

    Groups with no pupils are left out; groups under `SUPPRESS_BELOW` keep only their size, so
    pages can say "fewer than 5" without ever holding their numbers.
    """
    keys, groups = group_of_pupils(school=school, pupils=pupils, by=by, start_year=start_year)
    benchmarks = list(Benchmark.objects.filter(school=school).order_by("number").values_list("number", "title"))
    evidence: dict[int, set[int]] = defaultdict(set)
    for pupil_id, number in (Participation.objects.filter(
            school=school, attendance__in=EVIDENCE_ATTENDANCE, pupil__in=pupils.order_by().values("pk"),
            activity__school=school, activity__date__gte=start, activity__date__lte=end,
            activity__benchmarks__isnull=False).values_list("pupil_id", "activity__benchmarks__number").distinct()):
        evidence[number].add(pupil_id)
    members: dict[str, set[int]] = defaultdict(set)
    for pupil_id, key in keys.items():
        members[key].add(pupil_id)
    result = []
    for key, label in groups:
        size = len(members[key])
        if not size:
            continue
        rows = [] if size < SUPPRESS_BELOW else [
            CoverageRow(benchmark=number, title=title, cohort_size=size,
                        with_evidence=len(members[key] & evidence[number])) for number, title in benchmarks]
        result.append(GroupCoverage(key=key, label=label, size=size, rows=rows))
    return result
