"""The governors' termly report: figures only, every group of fewer than five pupils withheld.

`governors_report` gathers one field per section into `GovernorsReport`; a section is a dataclass
of its own (stakeholder feedback is `surveys.selectors.year_summary`'s summary). It runs a fixed
number of queries whatever the number of pupils. It names no pupil: it reads counts, never names.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from roadahead.activities.models import Activity, Participation
from roadahead.core import dates
from roadahead.destinations.nccis import EDUCATION, EMPLOYMENT, NCCIS_CODES, TRAINING
from roadahead.destinations.reports import NO_PATHWAY, Leaver, load_leavers
from roadahead.evaluation.models import Action
from roadahead.evaluation.selectors import EvaluationScores, benchmarks, history, is_overdue, term_dates
from roadahead.evaluation.selectors import actions as action_plan
from roadahead.people.enums import SenProvision, Sex
from roadahead.people.models import Enrolment, Pupil
from roadahead.reports.common import PalLine, RuleLine, pal_lines, rule_lines
from roadahead.reports.shares import Share, share, size_text
from roadahead.schools.enums import TermName
from roadahead.schools.models import AcademicYear, Pathway, School
from roadahead.schools.selectors import year_bounds
from roadahead.standing.coverage import EVIDENCE_ATTENDANCE, on_roll_q
from roadahead.standing.engine import standing
from roadahead.surveys.selectors import YearSummary, year_summary

SUPPRESS = True  # governors see figures only, small groups withheld, whoever prints the report
EQUITY_YEAR = "10"
EET_GROUPS = frozenset({EDUCATION, EMPLOYMENT, TRAINING})


@dataclass(frozen=True)
class TermPeriod:
    start_year: int
    term: str
    year_start: dt.date
    term_start: dt.date
    term_end: dt.date
    as_of: dt.date  # the term's last day, or today while the term runs

    @property
    def label(self) -> str:
        return f"{TermName(self.term).label} {dates.academic_year_label(self.start_year)}"


def term_period(*, school: School, start_year: int, term: str, today: dt.date) -> TermPeriod:
    year_start, _year_end = year_bounds(school=school, start_year=start_year)
    start, end = term_dates(school=school, start_year=start_year, term=term)
    return TermPeriod(start_year=start_year, term=term, year_start=year_start, term_start=start, term_end=end,
                      as_of=max(min(end, today), start))


# ## Sections #####################################################################################

@dataclass
class BenchmarkLine:
    number: int
    title: str
    percent: int | None
    previous: int | None

    @property
    def change(self) -> int | None:
        return None if self.percent is None or self.previous is None else self.percent - self.previous


@dataclass
class BenchmarksSection:
    evaluation: EvaluationScores | None  # this term's self-evaluation, if there is one
    lines: list[BenchmarkLine]
    trend: list[EvaluationScores]  # every evaluation up to this term, oldest first


def benchmarks_section(*, school: School, start_year: int, term: str) -> BenchmarksSection:
    order = {TermName.AUTUMN: 0, TermName.SPRING: 1, TermName.SUMMER: 2}
    key = (start_year, order[TermName(term)])
    trend = [e for e in history(school=school)
             if (e.evaluation.start_year, order[TermName(e.evaluation.term)]) <= key]
    current = trend[-1] if trend and (trend[-1].evaluation.start_year, trend[-1].evaluation.term) == (
        start_year, term) else None
    before = (trend[-2] if current is not None and len(trend) > 1 else
              (trend[-1] if current is None and trend else None))
    lines = []
    for benchmark in benchmarks(school=school):
        now = current.scores.get(benchmark.number) if current else None
        earlier = before.scores.get(benchmark.number) if before else None
        lines.append(BenchmarkLine(number=benchmark.number, title=benchmark.title,
                                   percent=now.percent if now else None,
                                   previous=earlier.percent if earlier else None))
    return BenchmarksSection(evaluation=current, lines=lines, trend=trend)


@dataclass
class StandingSection:
    as_of: dt.date
    pupils: int
    rules: list[RuleLine]
    pal: list[PalLine]


@dataclass
class DestinationLine:
    label: str
    leavers: int
    leavers_text: str
    eet: Share
    in_keeping: Share
    sustained: Share


@dataclass
class DestinationsSection:
    leaving_year: int | None
    total: DestinationLine | None
    by_pathway: list[DestinationLine] = field(default_factory=list)

    @property
    def lines(self) -> list[DestinationLine]:
        return [self.total, *self.by_pathway] if self.total else []

    @property
    def leaving_year_label(self) -> str:
        return dates.academic_year_label(self.leaving_year) if self.leaving_year is not None else ""


def _eet(leaver: Leaver) -> bool:
    code = leaver.destination.category.nccis_code if leaver.destination else ""
    return code in NCCIS_CODES and NCCIS_CODES[code][1] in EET_GROUPS


def destination_line(label: str, leavers: list[Leaver], *, suppress: bool) -> DestinationLine:
    total = len(leavers)
    return DestinationLine(
        label=label, leavers=total, leavers_text=size_text(total, suppress=suppress),
        eet=share(sum(1 for lv in leavers if _eet(lv)), total, suppress=suppress),
        in_keeping=share(sum(1 for lv in leavers if lv.destination and lv.destination.in_keeping), total,
                         suppress=suppress),
        sustained=share(sum(1 for lv in leavers if lv.sustained is True), total, suppress=suppress))


def destinations_section(*, school: School, start_year: int, as_of: dt.date, suppress: bool) -> DestinationsSection:
    """The most recent year's leavers (before this academic year, or this one once they have left)."""
    leavers = [lv for lv in load_leavers(school=school, day=as_of) if lv.leaving_year <= start_year]
    if not leavers:
        return DestinationsSection(leaving_year=None, total=None)
    last = max(lv.leaving_year for lv in leavers)
    chosen = [lv for lv in leavers if lv.leaving_year == last]
    by_pathway: dict[str, list[Leaver]] = defaultdict(list)
    for leaver in chosen:
        by_pathway[leaver.pathway].append(leaver)
    labels = sorted(by_pathway, key=lambda label: (label == NO_PATHWAY, label))
    return DestinationsSection(
        leaving_year=last, total=destination_line(_("All leavers"), chosen, suppress=suppress),
        by_pathway=[destination_line(label, by_pathway[label], suppress=suppress) for label in labels])


@dataclass
class EquityLine:
    dimension: str
    label: str
    size_text: str
    share: Share


@dataclass
class EquitySection:
    nc_year: str
    lines: list[EquityLine]

    @property
    def nc_year_label(self) -> str:
        return dates.nc_year_label(self.nc_year)


def equity_section(*, school: School, start_year: int, year_start: dt.date, as_of: dt.date,
                   suppress: bool, nc_year: str = EQUITY_YEAR) -> EquitySection:
    """Of the pupils in `nc_year` on roll on `as_of`: the share with a meaningful employer encounter
    (Benchmark 5) this academic year, overall and by group. Four queries."""
    enrolment = Enrolment.objects.filter(school=school, pupil=OuterRef("pk"), academic_year__start_year=start_year)
    cohort = (Pupil.objects.filter(school=school).filter(on_roll_q(as_of))
              .filter(pk__in=Enrolment.objects.filter(school=school, academic_year__start_year=start_year,
                                                      nc_year=nc_year).values("pupil_id")))
    # The year's meaningful Benchmark 5 activities first (a short list), then who took part in them:
    # asked per pupil instead, the database read every participation's benchmarks for each pupil.
    encounters = list(Activity.objects.filter(school=school, meaningful=True, benchmarks__number=5,
                                              date__gte=year_start, date__lte=as_of).values_list("pk", flat=True))
    met = set(Participation.objects.filter(school=school, activity_id__in=encounters,
                                           attendance__in=EVIDENCE_ATTENDANCE, pupil__in=cohort)
              .values_list("pupil_id", flat=True)) if encounters else set()
    rows = [(*row[1:], row[0] in met) for row in cohort.order_by().annotate(
        pathway=Subquery(enrolment.values("pathway_id")[:1])).values_list(
        "pk", "looked_after", "sen_provision", "sex", "pathway")]
    pathways = list(Pathway.objects.filter(school=school).order_by("order", "name").values_list("pk", "name"))

    def line(dimension: str, label: str, chosen: list[tuple]) -> EquityLine:
        return EquityLine(dimension=dimension, label=label, size_text=size_text(len(chosen), suppress=suppress),
                          share=share(sum(1 for r in chosen if r[4]), len(chosen), suppress=suppress))

    lines = [line("all", _("All pupils in %(year)s") % {"year": dates.nc_year_label(nc_year)}, rows),
             line("looked_after", _("Looked after"), [r for r in rows if r[0]]),
             line("looked_after", _("Not looked after"), [r for r in rows if not r[0]]),
             line("sen", str(SenProvision.EHC_PLAN.label), [r for r in rows if r[1] == SenProvision.EHC_PLAN]),
             line("sen", str(SenProvision.SEN_SUPPORT.label), [r for r in rows if r[1] == SenProvision.SEN_SUPPORT])]
    lines += [line("sex", str(label), [r for r in rows if r[2] == value]) for value, label in Sex.choices]
    lines += [line("pathway", name, [r for r in rows if r[3] == pk]) for pk, name in pathways]
    lines.append(line("pathway", _("No pathway"), [r for r in rows if r[3] is None]))
    # A group nobody belongs to says nothing; "all pupils" always shows.
    return EquitySection(nc_year=nc_year, lines=[lines[0], *(x for x in lines[1:] if x.size_text != "0")])


@dataclass
class ActionsSection:
    open: int
    overdue: int
    done_this_term: int
    by_benchmark: list[tuple[int, int, int, int]]  # (benchmark, open, overdue, done this term)
    open_actions: list[Action]


def actions_section(*, school: School, term_start: dt.date, as_of: dt.date) -> ActionsSection:
    plan = action_plan(school=school)
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for action in plan:
        if action.done_on is None:
            counts[action.benchmark.number]["open"] += 1
            if is_overdue(action, as_of):
                counts[action.benchmark.number]["overdue"] += 1
        elif term_start <= action.done_on <= as_of:
            counts[action.benchmark.number]["done"] += 1
    return ActionsSection(
        open=sum(c["open"] for c in counts.values()), overdue=sum(c["overdue"] for c in counts.values()),
        done_this_term=sum(c["done"] for c in counts.values()),
        by_benchmark=[(n, c["open"], c["overdue"], c["done"]) for n, c in sorted(counts.items())],
        open_actions=[a for a in plan if a.done_on is None])


# ## The report ###################################################################################

@dataclass
class GovernorsReport:
    school: School
    period: TermPeriod
    benchmarks: BenchmarksSection
    standing: StandingSection
    destinations: DestinationsSection
    equity: EquitySection
    actions: ActionsSection
    # The year's stakeholder survey (Benchmark 1), figures only; None when the school ran none.
    feedback: YearSummary | None = None


def governors_report(*, school: School, start_year: int, term: str, today: dt.date) -> GovernorsReport:
    period = term_period(school=school, start_year=start_year, term=term, today=today)
    report = standing(school=school, as_of=period.as_of)
    return GovernorsReport(
        school=school, period=period,
        benchmarks=benchmarks_section(school=school, start_year=start_year, term=term),
        standing=StandingSection(
            as_of=period.as_of, pupils=len(report.pupils), rules=rule_lines(report, suppress=SUPPRESS),
            pal=pal_lines(school=school, report=report, start_year=start_year, year_start=period.year_start,
                          as_of=period.as_of, suppress=SUPPRESS)),
        destinations=destinations_section(school=school, start_year=start_year, as_of=period.as_of,
                                          suppress=SUPPRESS),
        equity=equity_section(school=school, start_year=start_year, year_start=period.year_start,
                              as_of=period.as_of, suppress=SUPPRESS),
        actions=actions_section(school=school, term_start=period.term_start, as_of=period.as_of),
        feedback=feedback_section(school=school, start_year=start_year))


def feedback_section(*, school: School, start_year: int) -> YearSummary | None:
    year = AcademicYear.objects.filter(school=school, start_year=start_year).first()
    return year_summary(school=school, academic_year=year, suppress=SUPPRESS) if year is not None else None
