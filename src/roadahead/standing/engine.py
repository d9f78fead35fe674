"""The standing engine: every pupil's standing against every rule that applies, on any day.

One engine serves pages, the API, CSV and PDF reports and the CLI. It runs a fixed number of SQL
queries whatever the number of pupils: the rules, the pupils with this year's enrolment and
needs, the calendar, and two aggregates over participations (one for rules judged over a
year, term or half term, one for rules across a span of NC years). Everything else is arithmetic
on dates in Python, in `periods.py`.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Q, QuerySet

from roadahead.core import dates
from roadahead.entitlements.enums import Check, Period
from roadahead.entitlements.models import EntitlementRule
from roadahead.people.models import Enrolment, Pupil, PupilNeed
from roadahead.schools.models import AcademicYear, School, Term
from roadahead.standing import counting
from roadahead.standing.enums import Status
from roadahead.standing.periods import Window, judge, years_window


@dataclass(frozen=True)
class RuleFacts:
    id: int
    code: str
    name: str
    kind: str
    benchmark: int | None
    required: int
    period: str
    first: int | None
    last: int | None
    pathways: frozenset[int]
    needs: frozenset[str]
    types: frozenset[int]
    evidences: frozenset[int]
    settings: frozenset[str]
    provider_kinds: frozenset[str]
    meaningful_only: bool
    pal_only: bool
    count_part: bool
    cutoff: tuple[int, int] | None
    required_of_pupils: bool
    pal_key_phase: int | None = None
    source: str = ""


@dataclass(frozen=True)
class PupilFacts:
    id: int
    upn: str
    nc_year: str | None
    pathway_id: int | None
    class_group_id: int | None
    needs: tuple[str, ...]
    sex: str
    looked_after: bool
    date_joined: dt.date | None
    ordinal: int | None = None  # of the NC year, worked out once (core.dates.nc_year_ordinal)


class Standing(NamedTuple):
    # A named tuple rather than a dataclass: a school's report has thousands and they are built fast.
    pupil_id: int
    rule_id: int
    period_start: dt.date
    period_end: dt.date
    required: int
    achieved: int
    status: Status

    @property
    def missing(self) -> int:
        return max(self.required - self.achieved, 0)


@dataclass
class StandingReport:
    as_of: dt.date
    rules: dict[int, RuleFacts] = field(default_factory=dict)
    pupils: dict[int, PupilFacts] = field(default_factory=dict)
    rows: list[Standing] = field(default_factory=list)
    # The pupils judged, as a query, so callers can fetch more about them without a list of ids.
    roll: QuerySet[Pupil] | None = None

    def for_pupil(self, pupil_id: int) -> list[Standing]:
        return [row for row in self.rows if row.pupil_id == pupil_id]


@dataclass(frozen=True)
class Calendar:
    year: tuple[dt.date, dt.date]
    start_year: int
    term: tuple[dt.date, dt.date] | None
    half_term: tuple[dt.date, dt.date] | None


# ## Loading ######################################################################################

RULE_FIELDS = ("id", "code", "name", "kind", "benchmark__number", "required", "period", "first_year", "last_year",
               "needs", "settings", "provider_kinds", "meaningful_only", "pal_only", "count_part", "cutoff_month",
               "cutoff_day", "required_of_pupils", "pal_key_phase", "source")


def _rule_facts(row: dict, pathways: frozenset[int], types: frozenset[int], evidences: frozenset[int]) -> RuleFacts:
    first, last = row["first_year"], row["last_year"]
    month, day = row["cutoff_month"], row["cutoff_day"]
    return RuleFacts(
        id=row["id"], code=row["code"], name=row["name"], kind=row["kind"], benchmark=row["benchmark__number"],
        required=row["required"], period=row["period"],
        first=dates.nc_year_ordinal(first) if first else None, last=dates.nc_year_ordinal(last) if last else None,
        pathways=pathways, needs=frozenset(row["needs"] or []), types=types, evidences=evidences,
        settings=frozenset(row["settings"] or []), provider_kinds=frozenset(row["provider_kinds"] or []),
        meaningful_only=row["meaningful_only"], pal_only=row["pal_only"], count_part=row["count_part"],
        cutoff=(month, day) if month and day else None, required_of_pupils=row["required_of_pupils"],
        pal_key_phase=row["pal_key_phase"], source=row["source"])


def _linked_ids(field, rules: QuerySet[EntitlementRule]) -> dict[int, frozenset[int]]:
    """A rule link table as {rule id: linked ids}: plain rows, not the linked models."""
    through = field.remote_field.through
    target = field.m2m_reverse_field_name() + "_id"
    linked: dict[int, set[int]] = defaultdict(set)
    for rule_id, other_id in through.objects.filter(entitlementrule__in=rules).values_list(
            "entitlementrule_id", target):
        linked[rule_id].add(other_id)
    return {rule_id: frozenset(ids) for rule_id, ids in linked.items()}


def _switched_on(school: School) -> set[str]:
    on = {Check.NONE.value}
    if school.check_provider_access:
        on.add(Check.PROVIDER_ACCESS.value)
    if school.check_independent_guidance:
        on.add(Check.INDEPENDENT_GUIDANCE.value)
    if school.check_gatsby_benchmarks:
        on.add(Check.GATSBY_BENCHMARKS.value)
    return on


def load_rules(*, school: School, rule_ids: Iterable[int] | None = None) -> dict[int, RuleFacts]:
    rules = EntitlementRule.objects.filter(school=school, is_active=True, school_check__in=_switched_on(school))
    if rule_ids is not None:
        rules = rules.filter(pk__in=list(rule_ids))
    # Rows and link ids rather than models with prefetched links: building the linked pathways,
    # activity types and benchmarks as models took longer than reading them.
    links = [_linked_ids(EntitlementRule._meta.get_field(name), rules)
             for name in ("pathways", "activity_types", "evidences")]
    none: frozenset[int] = frozenset()
    return {row["id"]: _rule_facts(row, *(linked.get(row["id"], none) for linked in links))
            for row in rules.order_by("order", "name").values(*RULE_FIELDS)}


def on_roll(*, school: School, as_of: dt.date) -> QuerySet[Pupil]:
    return (Pupil.objects.filter(school=school)
            .filter(Q(date_left__isnull=True) | Q(date_left__gte=as_of))
            .filter(Q(date_joined__isnull=True) | Q(date_joined__lte=as_of)))


def load_pupils(*, school: School, pupils: QuerySet[Pupil], start_year: int) -> dict[int, PupilFacts]:
    # Tuples rather than dicts or models throughout: this runs for every pupil of a school.
    enrolments = {row[0]: row[1:] for row in Enrolment.objects.filter(
        school=school, academic_year__start_year=start_year, pupil__in=pupils).values_list(
        "pupil_id", "nc_year", "pathway_id", "class_group_id")}
    needs: dict[int, list[str]] = defaultdict(list)
    for pupil_id, need in (PupilNeed.objects.filter(school=school, pupil__in=pupils)
                           .order_by("pupil_id", "rank").values_list("pupil_id", "need")):
        needs[pupil_id].append(need)
    none: tuple = (None, None, None)
    ordinals = {code: dates.nc_year_ordinal(code) for code in dates.NC_YEAR_CODES}
    facts = {}
    for pk, upn, sex, looked_after, date_joined in pupils.values_list("id", "upn", "sex", "looked_after",
                                                                       "date_joined"):
        nc_year, pathway_id, class_group_id = enrolments.get(pk, none)
        facts[pk] = PupilFacts(pk, upn, nc_year, pathway_id, class_group_id, tuple(needs.get(pk, ())), sex,
                               looked_after, date_joined, ordinals.get(nc_year) if nc_year else None)
    return facts


def load_calendar(*, school: School, as_of: dt.date) -> Calendar:
    year = AcademicYear.objects.filter(school=school, starts_on__lte=as_of, ends_on__gte=as_of).first()
    if year is not None:
        bounds, start_year = (year.starts_on, year.ends_on), year.start_year
    else:
        start_year = dates.academic_year_of(as_of)
        bounds = dates.academic_year_bounds(start_year)
    terms = list(Term.objects.filter(school=school, starts_on__gte=bounds[0], ends_on__lte=bounds[1])
                 .order_by("starts_on"))
    # In a holiday the term judged is the one that has just ended.
    current = next((t for t in terms if t.starts_on <= as_of <= t.ends_on), None)
    if current is None:
        ended = [t for t in terms if t.ends_on < as_of]
        current = ended[-1] if ended else None
    term = (current.starts_on, current.ends_on) if current else None
    half = None
    if current is not None:
        halves = current.half_terms()
        half = next((h for h in halves if h[0] <= as_of <= h[1]), None)
        if half is None:
            done = [h for h in halves if h[1] < as_of]
            half = done[-1] if done else halves[0]
    return Calendar(year=bounds, start_year=start_year, term=term, half_term=half)


# ## Which rules apply, over which window ########################################################

def applies(rule: RuleFacts, pupil: PupilFacts) -> bool:
    if rule.first is not None:
        ordinal = pupil.ordinal
        if ordinal is None or not (rule.first <= ordinal <= rule.last):  # type: ignore[operator]
            return False
    if rule.pathways and pupil.pathway_id not in rule.pathways:
        return False
    return not (rule.needs and not rule.needs.intersection(pupil.needs))


def window(rule: RuleFacts, pupil: PupilFacts, calendar: Calendar) -> Window | None:
    if rule.period == Period.ACADEMIC_YEAR:
        return Window(*calendar.year)
    if rule.period == Period.TERM:
        return Window(*calendar.term) if calendar.term else None
    if rule.period == Period.HALF_TERM:
        return Window(*calendar.half_term) if calendar.half_term else None
    ordinal = pupil.ordinal
    if ordinal is None or rule.first is None or rule.last is None:
        return None
    return years_window(start_year=calendar.start_year, nc_ordinal=ordinal, first_ordinal=rule.first,
                        last_ordinal=rule.last, cutoff=rule.cutoff)


# ## Which rules apply to whom ##################################################################

NOBODY = PupilFacts(0, "", None, None, None, (), "", False, None)
Plan = list[tuple[RuleFacts, Window]]


def _plans(report: StandingReport, calendar: Calendar) -> dict[int, Plan]:
    """For each pupil, the rules that apply and the window of each.

    Which rules apply and over which window depend only on a pupil's NC year, pathway and needs, so
    they are worked out once for each such combination and shared by the pupils who have it.
    """
    shared: dict[tuple, Plan] = {}
    plans: dict[int, Plan] = {}
    rules = list(report.rules.values())
    for pupil in report.pupils.values():
        shape = (pupil.ordinal, pupil.pathway_id, pupil.needs)
        plan = shared.get(shape)
        if plan is None:
            plan = shared[shape] = [(rule, span) for rule in rules if applies(rule, pupil)
                                    for span in (window(rule, pupil, calendar),) if span is not None]
        if plan:
            plans[pupil.id] = plan
    return plans


def _year_spans(plans: dict[int, Plan], rules: list[RuleFacts]) -> dict[int, counting.YearSpans]:
    """Per pupil, the academic years (and cut-off flag) of each rule over a span of NC years."""
    index = {rule.id: i for i, rule in enumerate(rules)}
    shared: dict[int, counting.YearSpans] = {}
    spans = {}
    for pupil_id, plan in plans.items():
        found = shared.get(id(plan))
        if found is None:
            found = shared[id(plan)] = {
                index[rule.id]: (span.first_start_year, span.last_start_year, counting.flag_for(rule, rules))
                for rule, span in plan if rule.period == Period.YEARS}
        if found:
            spans[pupil_id] = found
    return spans


# ## The engine ##################################################################################

def standing(*, school: School, as_of: dt.date, pupils: QuerySet[Pupil] | None = None,
             rule_ids: Iterable[int] | None = None) -> StandingReport:
    """Every on-roll pupil's (or the given pupils') standing on `as_of` for every applicable rule."""
    with collector_paused():
        return _standing(school=school, as_of=as_of, pupils=pupils, rule_ids=rule_ids)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for a block that makes tens of thousands of small acyclic
    objects (standing rows, grid cells): they are freed by reference counting as they go, and the
    collector would only walk them again, a pause of tens of milliseconds at the 95th percentile."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _standing(*, school: School, as_of: dt.date, pupils: QuerySet[Pupil] | None,
              rule_ids: Iterable[int] | None) -> StandingReport:
    report = StandingReport(as_of=as_of)
    report.rules = load_rules(school=school, rule_ids=rule_ids)
    roll = on_roll(school=school, as_of=as_of)
    if pupils is not None:
        roll = roll.filter(pk__in=pupils.values("pk"))
    calendar = load_calendar(school=school, as_of=as_of)
    report.pupils = load_pupils(school=school, pupils=roll, start_year=calendar.start_year)
    report.roll = roll
    if not report.rules or not report.pupils:
        return report

    plans = _plans(report, calendar)
    if not plans:
        return report

    rules = list(report.rules.values())
    # Rules judged over this year, term or half term share one window for every pupil.
    windows = {r.id: window(r, NOBODY, calendar) for r in rules if r.period != Period.YEARS}
    starts = {w.start for w in windows.values() if w is not None}
    starts |= {span.start for plan in {id(p): p for p in plans.values()}.values()
               for rule, span in plan if rule.period == Period.YEARS}
    counts = counting.count(
        school=school, pupils=None if pupils is None else roll, pupil_ids=None if pupils is None else report.pupils,
        rules=rules, since=min(starts), as_of=as_of,
        windows={rule_id: (w.start if w else dt.date.max) for rule_id, w in windows.items()},
        year_spans=_year_spans(plans, rules))

    rows = report.rows
    judged: dict[tuple, Status] = {}  # many pupils share a rule, a count and a window
    no_counts: dict[int, int] = {}
    for pupil_id, plan in plans.items():
        pupil = report.pupils[pupil_id]
        mine = counts.get(pupil_id, no_counts)
        joined = pupil.date_joined
        for rule, span in plan:
            achieved = mine.get(rule.id, 0)
            start = max(span.start, joined) if joined else span.start
            verdict_key = (rule.id, achieved, start, span.end)
            status = judged.get(verdict_key)
            if status is None:
                status = judged[verdict_key] = judge(
                    required=rule.required, achieved=achieved, start=start, end=span.end, as_of=as_of,
                    required_of_pupils=rule.required_of_pupils)
            rows.append(Standing(pupil_id, rule.id, span.start, span.end, rule.required, achieved, status))
    return report
