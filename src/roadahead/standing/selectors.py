"""Cohorts on top of the standing engine: the grid (pupils by rules) and "who still needs what".

Nothing here judges standing: every figure comes from `engine.standing()`. These functions choose
the pupils (the member's visible pupils, narrowed by filters), lay the engine's rows out for a page
or a file, and sort them. Each runs a fixed number of queries whatever the number of pupils.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from roadahead.core import dates
from roadahead.entitlements.enums import RuleKind
from roadahead.entitlements.models import EntitlementRule
from roadahead.people import rules as people_rules
from roadahead.people.models import Membership, Pupil, PupilNeed
from roadahead.people.selectors import enrolled_in, pupils_visible_to
from roadahead.schools.models import ClassGroup, Pathway, Phase, School
from roadahead.schools.selectors import academic_year_start_on
from roadahead.standing.engine import (
    RuleFacts,
    Standing,
    StandingReport,
    collector_paused,
    load_calendar,
    standing,
)
from roadahead.standing.enums import Status

# A rule the school must offer but a pupil may decline (the third PAL key phase): a pupil short of
# it is shown as "optional", never as not met or at risk.
OPTIONAL = "optional"
STATUSES = (Status.MET.value, Status.ON_TRACK.value, Status.AT_RISK.value, Status.NOT_MET.value, OPTIONAL)
KIND_ORDER = (RuleKind.STATUTORY.value, RuleKind.BENCHMARK.value, RuleKind.SCHOOL.value)

# ?sort= values. A leading "-" reverses the natural direction (names A-Z, years youngest first,
# most rules not met first).
SORTS = ("name", "-name", "year", "-year", "not_met", "-not_met")


TAG_CLASSES = {Status.MET.value: "govuk-tag--green", Status.ON_TRACK.value: "govuk-tag--blue",
               Status.AT_RISK.value: "govuk-tag--yellow", Status.NOT_MET.value: "govuk-tag--red",
               OPTIONAL: "govuk-tag--grey"}


def status_label(status: str) -> str:
    if status == OPTIONAL:
        return _("Optional")
    return str(Status(status).label)


@dataclass(frozen=True)
class CohortFilters:
    nc_year: str = ""
    class_group: int | None = None
    pathway: int | None = None
    phase: int | None = None
    need: str = ""
    looked_after: bool | None = None
    sex: str = ""
    kind: str = ""
    benchmark: int | None = None


def cohort_pupils(*, membership: Membership, filters: CohortFilters, as_of: dt.date,
                  today: dt.date) -> QuerySet[Pupil]:
    """The pupils this member may see (today) who match the filters, by their enrolment in `as_of`'s year.

    On-roll on `as_of` is left to the engine, which judges only pupils on roll that day.
    """
    school = membership.school
    pupils = pupils_visible_to(membership=membership, day=today)
    nc_years = None
    if filters.phase:
        phase = Phase.objects.filter(school=school, pk=filters.phase).first()
        nc_years = [code for code in dates.NC_YEAR_CODES if phase is not None and phase.covers(code)]
    if filters.nc_year or filters.class_group or filters.pathway or nc_years is not None:
        pupils = enrolled_in(pupils, school=school, start_year=academic_year_start_on(school=school, day=as_of),
                             nc_year=filters.nc_year, nc_years=nc_years, class_group=filters.class_group,
                             pathway=filters.pathway)
    if filters.need:
        pupils = pupils.filter(id__in=PupilNeed.objects.filter(school=school, need=filters.need).values("pupil_id"))
    if filters.looked_after is not None:
        pupils = pupils.filter(looked_after=filters.looked_after)
    if filters.sex:
        pupils = pupils.filter(sex=filters.sex)
    return pupils


PUPIL_FILTERS = ("nc_year", "class_group", "pathway", "phase", "need", "looked_after", "sex")


def _for_engine(membership: Membership, filters: CohortFilters, pupils: QuerySet[Pupil]) -> QuerySet[Pupil] | None:
    """The pupils to hand the engine: None when they are every pupil of the school (a member who sees
    everyone, no pupil filter), which lets it read the school's participations without joining a list
    of pupils — several times faster for a large school."""
    unfiltered = all(getattr(filters, name) in ("", None) for name in PUPIL_FILTERS)
    if unfiltered and people_rules.sees_every_pupil(membership):
        return None
    return pupils


def chosen_rule_ids(*, school: School, filters: CohortFilters) -> list[int] | None:
    """The rules a kind or benchmark filter leaves, or None for every rule."""
    if not filters.kind and not filters.benchmark:
        return None
    rules = EntitlementRule.objects.filter(school=school)
    if filters.kind:
        rules = rules.filter(kind=filters.kind)
    if filters.benchmark:
        rules = rules.filter(benchmark__number=filters.benchmark)
    return list(rules.values_list("pk", flat=True))


# ## Laying the engine's rows out ###############################################################

@dataclass(frozen=True)
class PupilLine:
    """What a page shows about a pupil beside their standing."""

    id: int
    surname: str
    forename: str
    nc_year: str | None
    class_name: str
    pathway_name: str

    @property
    def sort_name(self) -> str:
        return f"{self.surname}, {self.forename}"

    @property
    def nc_year_label(self) -> str:
        return dates.nc_year_label(self.nc_year) if self.nc_year else ""


def _pupil_lines(*, school: School, report: StandingReport) -> dict[int, PupilLine]:
    """Names, classes and pathways for the report's pupils: three queries, whatever their number."""
    ids = list(report.pupils)
    if not ids:
        return {}
    classes = dict(ClassGroup.objects.filter(
        school=school, pk__in={p.class_group_id for p in report.pupils.values() if p.class_group_id})
        .values_list("pk", "name"))
    paths = dict(Pathway.objects.filter(school=school).values_list("pk", "name"))
    lines = {}
    # By the engine's own query rather than a list of (perhaps thousands of) ids, which is slow to bind.
    chosen = Pupil.objects.filter(school=school, pk__in=report.roll.values("pk") if report.roll is not None else ids)
    for row in chosen.values(
            "pk", "legal_forename", "legal_surname", "preferred_forename", "preferred_surname"):
        facts = report.pupils[row["pk"]]
        lines[row["pk"]] = PupilLine(
            id=row["pk"], surname=row["preferred_surname"] or row["legal_surname"],
            forename=row["preferred_forename"] or row["legal_forename"], nc_year=facts.nc_year,
            class_name=classes.get(facts.class_group_id, "") if facts.class_group_id else "",
            pathway_name=paths.get(facts.pathway_id, "") if facts.pathway_id else "")
    return lines


def display_status(rule: RuleFacts, row: Standing) -> str:
    if not rule.required_of_pupils and row.status != Status.MET:
        return OPTIONAL
    return row.status.value


class Cell(NamedTuple):
    # A named tuple: a school's grid has tens of thousands of cells.
    standing: Standing | None  # None: the rule does not apply to this pupil
    status: str = ""

    @property
    def label(self) -> str:
        return status_label(self.status) if self.status else ""

    @property
    def tag_class(self) -> str:
        return TAG_CLASSES.get(self.status, "")

    @property
    def text(self) -> str:
        """The cell as words, the same on the page and in the CSV file."""
        if self.standing is None:
            return ""
        return f"{self.standing.achieved}/{self.standing.required} {self.label}"


@dataclass
class GridRow:
    pupil: PupilLine
    cells: list[Cell]
    not_met: int
    at_risk: int


@dataclass(frozen=True)
class ColumnGroup:
    kind: str
    label: str
    rules: list[RuleFacts]


@dataclass
class Grid:
    as_of: dt.date
    sort: str
    groups: list[ColumnGroup] = field(default_factory=list)
    rows: list[GridRow] = field(default_factory=list)
    # Per column, in column order: {status: number of pupils}.
    summary: list[dict[str, int]] = field(default_factory=list)

    @property
    def columns(self) -> list[RuleFacts]:
        return [rule for group in self.groups for rule in group.rules]

    def summary_lines(self) -> list[list[tuple[str, str, int]]]:
        """Per column, the statuses present as (status, label, count), in a fixed order."""
        return [[(s, status_label(s), counts[s]) for s in STATUSES if counts.get(s)] for counts in self.summary]


def _group_columns(rules: dict[int, RuleFacts]) -> list[ColumnGroup]:
    by_kind: dict[str, list[RuleFacts]] = defaultdict(list)
    for rule in rules.values():  # already in the rules' own order
        by_kind[rule.kind].append(rule)
    return [ColumnGroup(kind=kind, label=str(RuleKind(kind).label), rules=by_kind[kind])
            for kind in KIND_ORDER if by_kind.get(kind)]


def _sort_rows(rows: list[GridRow], sort: str) -> list[GridRow]:
    def name(row: GridRow) -> tuple[str, str, int]:
        return (row.pupil.surname.casefold(), row.pupil.forename.casefold(), row.pupil.id)

    key, reverse = sort.lstrip("-"), sort.startswith("-")
    if key == "year":
        # Youngest first (oldest with "-"); pupils without an NC year last either way; names A-Z within a year.
        def year(row: GridRow) -> tuple:
            ordinal = dates.nc_year_ordinal(row.pupil.nc_year) if row.pupil.nc_year else None
            return (ordinal is None, -(ordinal or 0) if reverse else (ordinal or 0), *name(row))
        return sorted(rows, key=year)
    if key == "not_met":
        # Most rules not met first (fewest with "-"), then most at risk; names A-Z among equals.
        sign = 1 if reverse else -1
        return sorted(rows, key=lambda r: (sign * r.not_met, sign * r.at_risk, *name(r)))
    return sorted(rows, key=name, reverse=reverse)


def cohort_grid(*, membership: Membership, filters: CohortFilters, as_of: dt.date, today: dt.date,
                sort: str = "name") -> Grid:
    """Every matching pupil's standing on `as_of` for every matching rule, sorted, with a summary per rule."""
    with collector_paused():
        return _cohort_grid(membership=membership, filters=filters, as_of=as_of, today=today, sort=sort)


def _cohort_grid(*, membership: Membership, filters: CohortFilters, as_of: dt.date, today: dt.date,
                 sort: str) -> Grid:
    school = membership.school
    sort = sort if sort in SORTS else "name"
    pupils = cohort_pupils(membership=membership, filters=filters, as_of=as_of, today=today)
    report = standing(school=school, as_of=as_of, pupils=_for_engine(membership, filters, pupils),
                      rule_ids=chosen_rule_ids(school=school, filters=filters))
    grid = Grid(as_of=as_of, sort=sort, groups=_group_columns(report.rules))
    lines = _pupil_lines(school=school, report=report)
    by_pair = {(row.pupil_id, row.rule_id): row for row in report.rows}
    columns = grid.columns
    summary: list[Counter[str]] = [Counter() for _ in columns]
    for pupil_id, line in lines.items():
        cells = []
        for index, rule in enumerate(columns):
            row = by_pair.get((pupil_id, rule.id))
            if row is None:
                cells.append(Cell(None))
                continue
            status = display_status(rule, row)
            summary[index][status] += 1
            cells.append(Cell(row, status))
        grid.rows.append(GridRow(
            pupil=line, cells=cells, not_met=sum(1 for c in cells if c.status == Status.NOT_MET),
            at_risk=sum(1 for c in cells if c.status == Status.AT_RISK)))
    grid.rows = _sort_rows(grid.rows, sort)
    grid.summary = [dict(counts) for counts in summary]
    return grid


# ## Who still needs what ###########################################################################

PERIODS = ("term", "half_term")


@dataclass(frozen=True)
class NeedRow:
    pupil: PupilLine
    standing: Standing

    @property
    def status_label(self) -> str:
        return status_label(self.standing.status.value)

    @property
    def tag_class(self) -> str:
        return TAG_CLASSES[self.standing.status.value]


@dataclass
class NeedGroup:
    rule: RuleFacts
    rows: list[NeedRow]

    @property
    def kind_label(self) -> str:
        return str(RuleKind(self.rule.kind).label)

    @property
    def short_by(self) -> list[tuple[int, int]]:
        """(how many short, how many pupils), fewest short first: "3 pupils are 1 short"."""
        counts = Counter(row.standing.missing for row in self.rows)
        return sorted(counts.items())


@dataclass
class Needs:
    today: dt.date
    period: str
    starts_on: dt.date
    ends_on: dt.date
    from_calendar: bool  # False when the school has no terms set up and the year end is used
    groups: list[NeedGroup] = field(default_factory=list)

    @property
    def pupil_count(self) -> int:
        return len({row.pupil.id for group in self.groups for row in group.rows})


def needs_window(*, school: School, today: dt.date, period: str) -> tuple[dt.date, dt.date, bool]:
    """The current term or half term by the school's calendar; the academic year if it has no terms."""
    calendar = load_calendar(school=school, as_of=today)
    chosen = calendar.half_term if period == "half_term" else calendar.term
    if chosen is None:
        return calendar.year[0], calendar.year[1], False
    return chosen[0], chosen[1], True


def still_needed(*, membership: Membership, filters: CohortFilters, today: dt.date, period: str = "term") -> Needs:
    """Pupils short of a rule whose period ends within this term (or half term), or at risk on any rule.

    Grouped by rule, statutory rules first. A rule not required of every pupil (the third PAL key
    phase) is never listed as missing. Pupils who have met a rule are not listed for it.
    """
    school = membership.school
    period = period if period in PERIODS else "term"
    starts_on, ends_on, from_calendar = needs_window(school=school, today=today, period=period)
    pupils = cohort_pupils(membership=membership, filters=filters, as_of=today, today=today)
    report = standing(school=school, as_of=today, pupils=_for_engine(membership, filters, pupils),
                      rule_ids=chosen_rule_ids(school=school, filters=filters))
    result = Needs(today=today, period=period, starts_on=starts_on, ends_on=ends_on, from_calendar=from_calendar)
    lines = _pupil_lines(school=school, report=report)
    by_rule: dict[int, list[NeedRow]] = defaultdict(list)
    for row in report.rows:
        rule = report.rules[row.rule_id]
        if not rule.required_of_pupils or row.status == Status.MET:
            continue
        if starts_on <= row.period_end <= ends_on or row.status == Status.AT_RISK:
            by_rule[row.rule_id].append(NeedRow(pupil=lines[row.pupil_id], standing=row))
    ordered = sorted(report.rules.values(), key=lambda r: KIND_ORDER.index(r.kind) if r.kind in KIND_ORDER else 9)
    for rule in ordered:
        rows = by_rule.get(rule.id)
        if rows:
            rows.sort(key=lambda r: (-r.standing.missing, r.pupil.surname.casefold(), r.pupil.forename.casefold(),
                                     r.pupil.id))
            result.groups.append(NeedGroup(rule=rule, rows=rows))
    return result
