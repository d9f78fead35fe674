"""Flat records of standing, PAL and benchmark coverage, for the CLI, the API and CSV files.

Nothing here judges anything: the records are read off the standing engine
(`roadahead.standing.engine.standing`) and the coverage selector
(`roadahead.standing.coverage.benchmark_coverage`), so the command line, the API and the pages
always agree. Records are plain dicts with JSON-friendly values (dates as ISO strings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from roadahead.core.downloads import csv_text, record_rows
from roadahead.people.models import Pupil
from roadahead.schools.models import School
from roadahead.standing.coverage import benchmark_coverage
from roadahead.standing.engine import load_calendar, on_roll, standing

STANDING_FIELDS = ("upn", "rule", "benchmark", "period_start", "period_end", "required", "achieved", "status")
PAL_FIELDS = ("upn", "key_phase", "required", "achieved", "status")
COVERAGE_FIELDS = ("benchmark", "title", "cohort_size", "with_evidence")
FIELDS = {"standing": STANDING_FIELDS, "pal": PAL_FIELDS, "coverage": COVERAGE_FIELDS}


def standing_records(*, school: School, as_of: dt.date, pupils: QuerySet[Pupil] | None = None) -> list[dict[str, Any]]:
    """One record per pupil per applicable rule, by UPN then in the rules' own order."""
    report = standing(school=school, as_of=as_of, pupils=pupils)
    rule_order = {rule_id: index for index, rule_id in enumerate(report.rules)}
    rows = sorted(report.rows, key=lambda r: (report.pupils[r.pupil_id].upn, rule_order[r.rule_id]))
    return [{
        "upn": report.pupils[row.pupil_id].upn,
        "rule": report.rules[row.rule_id].code,
        "benchmark": report.rules[row.rule_id].benchmark,
        "period_start": row.period_start.isoformat(),
        "period_end": row.period_end.isoformat(),
        "required": row.required,
        "achieved": row.achieved,
        "status": str(row.status.value),
    } for row in rows]


def pal_records(*, school: School, as_of: dt.date, pupils: QuerySet[Pupil] | None = None) -> list[dict[str, Any]]:
    """One record per pupil per PAL key phase that applies to them, from the rules with a key phase.

    Should a school have two active rules for the same key phase, the first in the rules' order is
    reported, so a pupil never has two records for one phase.
    """
    report = standing(school=school, as_of=as_of, pupils=pupils)
    phases = {rule.id: rule.pal_key_phase for rule in report.rules.values() if rule.pal_key_phase}
    if not phases:
        return []
    rule_order = {rule_id: index for index, rule_id in enumerate(report.rules)}
    records: dict[tuple[str, int], dict[str, Any]] = {}
    for row in sorted((r for r in report.rows if r.rule_id in phases), key=lambda r: rule_order[r.rule_id]):
        key = (report.pupils[row.pupil_id].upn, phases[row.rule_id])
        records.setdefault(key, {"upn": key[0], "key_phase": key[1], "required": row.required,
                                 "achieved": row.achieved, "status": str(row.status.value)})
    return [records[key] for key in sorted(records)]


def year_containing(*, school: School, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the school's academic year containing `as_of` (1 Sep-31 Aug by default)."""
    return load_calendar(school=school, as_of=as_of).year


def coverage_records(*, school: School, as_of: dt.date,
                     pupils: QuerySet[Pupil] | None = None) -> list[dict[str, Any]]:
    """Per benchmark, over the academic year containing `as_of`: the cohort size and how many have evidence.

    The cohort is every pupil on roll on the last day of that year, or, given `pupils`, those of
    them on roll then (so a member limited to some pupils gets the same cohort, narrowed).
    """
    start, end = year_containing(school=school, as_of=as_of)
    cohort = None
    if pupils is not None:
        cohort = on_roll(school=school, as_of=end).filter(pk__in=pupils.values("pk"))
    return [{"benchmark": row.benchmark, "title": row.title, "cohort_size": row.cohort_size,
             "with_evidence": row.with_evidence}
            for row in benchmark_coverage(school=school, start=start, end=end, pupils=cohort)]


REPORTS = {"standing": standing_records, "pal": pal_records, "coverage": coverage_records}


def records_for(name: str, *, school: School, as_of: dt.date,
                pupils: QuerySet[Pupil] | None = None) -> list[dict[str, Any]]:
    """The records of the report called `name` (standing, pal or coverage); KeyError for any other."""
    return REPORTS[name](school=school, as_of=as_of, pupils=pupils)


def to_csv(records: Iterable[dict[str, Any]], fields: Iterable[str]) -> str:
    """Records as CSV text with a header row; a missing value (such as no benchmark) is an empty cell.

    Text a school typed (a benchmark's title) is guarded so a spreadsheet never runs it as a formula.
    """
    names = list(fields)
    return csv_text(names, record_rows(records, names), lineterminator="\n")
