"""Counting participations for every rule in one pass.

Which rules an activity can count for depends only on the activity (its type, setting,
benchmarks, providers, flags, date and academic year), and a school has a few thousand
activities against tens of thousands of participations. So each activity's rules are worked out
once, in Python, as a bit set (`ActivityFacts.rules`); then one query reads the participations
(pupil, activity, attendance) straight off the cursor, and they are tallied by
(pupil, rule bits, academic year, cut-off flags). Each tally is then shared out to the rules
its bits name. This replaced conditional counts with a correlated sub-query per rule, which
cost several times more (docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import QuerySet

from roadahead.activities.enums import Attendance
from roadahead.activities.models import Activity, Participation
from roadahead.entitlements.enums import Period
from roadahead.people.models import Pupil
from roadahead.schools.models import School
from roadahead.standing.periods import cutoff_date

# by_window: {pupil id: {rule id: count}}; by_year: {(pupil id, start year): [(cut-off flags, {rule id: count})]}
ByWindow = dict[int, dict[int, int]]
ByYear = dict[tuple[int, int], list[tuple[int, dict[int, int]]]]


@dataclass(frozen=True)
class ActivityFacts:
    start_year: int
    flags: int  # bit i set: on or before the i-th cut-off date of its academic year
    rules: int  # bit i set: counts for rules[i] when attended


def _matches(rule, activity: dict, benchmarks: set[int], kinds: set[str], window_start: dt.date | None) -> bool:
    """Whether an activity can count for a rule (attendance apart): the same test as the reference."""
    if window_start is not None and activity["date"] < window_start:
        return False
    if (rule.types and activity["activity_type_id"] not in rule.types) or (
            rule.settings and activity["setting"] not in rule.settings):
        return False
    if (rule.meaningful_only and not activity["meaningful"]) or (rule.pal_only and not activity["counts_for_pal"]):
        return False
    return not ((rule.evidences and not rule.evidences & benchmarks)
                or (rule.provider_kinds and not rule.provider_kinds & kinds))


def activity_facts(*, school: School, rules: Sequence, windows: dict[int, dt.date | None], since: dt.date,
                   as_of: dt.date, cutoffs: Sequence[tuple[int, int]]) -> dict[int, ActivityFacts]:
    """Three queries: the activities in range, their benchmarks, their providers' kinds."""
    activities = Activity.objects.filter(school=school, date__gte=since, date__lte=as_of)
    benchmarks: dict[int, set[int]] = defaultdict(set)
    for activity_id, benchmark_id in (Activity.benchmarks.through.objects.filter(activity__in=activities)
                                      .values_list("activity_id", "benchmark_id")):
        benchmarks[activity_id].add(benchmark_id)
    kinds: dict[int, set[str]] = defaultdict(set)
    for activity_id, kind in (Activity.providers.through.objects.filter(activity__in=activities)
                              .values_list("activity_id", "provider__kind")):
        kinds[activity_id].add(kind)
    facts = {}
    for row in activities.values("id", "date", "activity_type_id", "setting", "meaningful", "counts_for_pal",
                                 "academic_year__start_year"):
        start_year = row["academic_year__start_year"]
        flags = 0
        for index, (month, day) in enumerate(cutoffs):
            if row["date"] <= cutoff_date(start_year, month, day):
                flags |= 1 << index
        bits = 0
        for index, rule in enumerate(rules):
            if _matches(rule, row, benchmarks[row["id"]], kinds[row["id"]], windows.get(rule.id)):
                bits |= 1 << index
        if bits:
            facts[row["id"]] = ActivityFacts(start_year=start_year, flags=flags, rules=bits)
    return facts


def _participations(school: School, pupils: QuerySet[Pupil], since: dt.date, as_of: dt.date) -> list[tuple]:
    rows = (Participation.objects.filter(school=school, pupil__in=pupils, activity__date__gte=since,
                                         activity__date__lte=as_of)
            .exclude(attendance=Attendance.ABSENT).values_list("pupil_id", "activity_id", "attendance").order_by())
    sql, params = rows.query.sql_with_params()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def count(*, school: School, pupils: QuerySet[Pupil], rules: Sequence, windows: dict[int, dt.date | None],
          since: dt.date, as_of: dt.date) -> tuple[ByWindow, ByYear, list[tuple[int, int]]]:
    """Tally every pupil's participations for every rule; see the module docstring."""
    cutoffs = sorted({r.cutoff for r in rules if r.cutoff})
    facts = activity_facts(school=school, rules=rules, windows=windows, since=since, as_of=as_of, cutoffs=cutoffs)
    every = (1 << len(rules)) - 1
    part_ok = sum(1 << i for i, rule in enumerate(rules) if rule.count_part)
    # Per activity, the tally key for an attended row and for a part-attended one.
    keys = {activity_id: ((fact.rules & every, fact.start_year, fact.flags),
                          (fact.rules & part_ok, fact.start_year, fact.flags))
            for activity_id, fact in facts.items()}
    attended = Attendance.ATTENDED.value
    # Counter over a generator runs the tally loop in C; it is the hot spot of the engine.
    tallies = Counter((pupil_id, keys[activity_id][attendance != attended])
                      for pupil_id, activity_id, attendance in _participations(school, pupils, since, as_of)
                      if activity_id in keys)

    by_window: ByWindow = defaultdict(lambda: defaultdict(int))
    year_counts: dict[tuple[int, int, int], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for (pupil_id, (bits, start_year, flags)), number in tallies.items():
        for index, rule in enumerate(rules):
            if bits >> index & 1:
                if rule.period == Period.YEARS:
                    year_counts[pupil_id, start_year, flags][rule.id] += number
                else:
                    by_window[pupil_id][rule.id] += number
    by_year: ByYear = defaultdict(list)
    for (pupil_id, start_year, flags), counts in year_counts.items():
        by_year[pupil_id, start_year].append((flags, counts))
    return by_window, by_year, cutoffs
