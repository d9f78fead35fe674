"""Counting participations for every rule in one pass.

Which rules an activity can count for depends only on the activity (its type, setting,
benchmarks, providers, flags, date and academic year), and a school has a few thousand
activities against tens of thousands of participations. So each activity's rules are worked out
once, in Python, as a bit set; activities that look the same to every rule (same type, setting,
flags, benchmarks, provider kinds and side of each window's start) share the work. Then one query
reads, for each activity, the ids of the pupils who attended or part-attended it (grouped by the
database), and they are tallied by activity key, where the key is (rule bits, academic year,
cut-off flags).
Each tally is then shared out to the rules its bits name, with rules over a span of NC years
checked against the pupil's own span. This replaced conditional counts with a correlated
sub-query per rule, which cost several times more (docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import Aggregate, BooleanField, Case, F, OuterRef, QuerySet, TextField, When
from django.db.models.expressions import RawSQL

from roadahead.activities.enums import Attendance
from roadahead.activities.models import Activity, Participation
from roadahead.entitlements.enums import Period
from roadahead.people.models import Pupil
from roadahead.schools.models import School
from roadahead.standing.periods import cutoff_date

# {pupil id: {rule id: count}}
Counts = dict[int, dict[int, int]]
# For a pupil, the rules over a span of NC years that apply, by rule index:
# (first academic year, last academic year, the cut-off's flag bit or 0).
YearSpans = dict[int, tuple[int, int, int]]


@dataclass(frozen=True)
class ActivityKey:
    rules: int  # bit i set: counts for rules[i] when attended
    start_year: int
    flags: int  # bit i set: on or before the i-th cut-off date of its academic year


def _matches(rule, row: tuple, benchmarks: frozenset[int], kinds: frozenset[str],
             window_start: dt.date | None) -> bool:
    """Whether an activity can count for a rule (attendance apart): the same test as the reference."""
    _, day, type_id, setting, meaningful, pal = row[:6]
    if window_start is not None and day < window_start:
        return False
    if (rule.types and type_id not in rule.types) or (rule.settings and setting not in rule.settings):
        return False
    if (rule.meaningful_only and not meaningful) or (rule.pal_only and not pal):
        return False
    return not ((rule.evidences and not rule.evidences & benchmarks)
                or (rule.provider_kinds and not rule.provider_kinds & kinds))


ActivityRow = tuple  # (id, date, type id, setting, meaningful, counts for PAL, academic year[, signed pupil ids])


def _postgresql() -> bool:
    return connections[Activity.objects.db].vendor == "postgresql"


def _signed_pupil_ids() -> Case:
    return Case(When(attendance=Attendance.ATTENDED, then=F("pupil_id")), default=-F("pupil_id"))


def _fetch(queryset: QuerySet) -> list[tuple]:
    # Straight off the cursor: the ORM would run a converter per row for nothing.
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


ACTIVITY_FIELDS = ("id", "date", "activity_type_id", "setting", "meaningful", "counts_for_pal",
                   "academic_year__start_year")


def _activities(*, school: School, since: dt.date, as_of: dt.date, with_pupils: bool) -> list[ActivityRow]:
    """The school's activities in range; with `with_pupils`, each with its pupils' signed ids.

    On PostgreSQL the ids come from a sub-query per activity that reads the covering index on
    participations (school, activity) with pupil and attendance (activities migration 0006): a
    few microseconds an activity, and a plan that cannot go wrong, where a grouped join over the
    school's participations was misjudged (PostgreSQL multiplies the two school filters as if
    unrelated), sorted on disk and took two to three times as long (docs/performance.md).
    """
    activities = Activity.objects.filter(school=school, date__gte=since, date__lte=as_of).order_by()
    if not with_pupils:
        return _fetch(activities.values_list(*ACTIVITY_FIELDS))
    from django.contrib.postgres.expressions import ArraySubquery  # PostgreSQL only

    # Every pupil's id, even when only some pupils are judged: a filter on the pupils inside this
    # sub-query was planned as a join per participation (ten times slower); `count` drops the others.
    attended = Participation.objects.filter(school=school, activity=OuterRef("pk")).exclude(
        attendance=Attendance.ABSENT)
    ids = ArraySubquery(attended.order_by().values_list(_signed_pupil_ids()))
    return _fetch(activities.annotate(pupils=ids).values_list(*ACTIVITY_FIELDS, "pupils"))


def _of_activities(manager, *, school: School, since: dt.date, as_of: dt.date) -> QuerySet:
    """An activity link table's rows for the school's activities in range."""
    activities = Activity.objects.filter(school=school, date__gte=since, date__lte=as_of).values("pk")
    if not _postgresql():
        return manager.filter(activity__in=activities)
    # `= ANY(ARRAY(sub-query))`: the activities are read once and each is an index probe. As a
    # semi-join (`IN (sub-query)`) PostgreSQL scans every school's links; as a list of ids it
    # spends longer planning the list than running the query.
    column = f"{connections[manager.db].ops.quote_name(manager.model._meta.db_table)}.activity_id"
    sql, params = activities.query.sql_with_params()
    return manager.filter(RawSQL(f"{column} = ANY(ARRAY({sql}))", params,  # noqa: S611 (our SQL, values as parameters)  # nosec B611  # our own compiled SQL, values as parameters
                                 output_field=BooleanField()))


def _links(*, school: School, rules: Sequence, rows: list[ActivityRow], since: dt.date,
           as_of: dt.date) -> tuple[dict[int, set[int]], dict[int, set[str]]]:
    """Which benchmarks each activity evidences and its providers' kinds, read only when a rule looks."""
    benchmarks: dict[int, set[int]] = defaultdict(set)
    kinds: dict[int, set[str]] = defaultdict(set)
    want_benchmarks = any(rule.evidences for rule in rules)
    want_kinds = any(rule.provider_kinds for rule in rules)
    if not (want_benchmarks or want_kinds) or not rows:
        return benchmarks, kinds
    if want_benchmarks:
        for activity_id, benchmark_id in _fetch(_of_activities(
                Activity.benchmarks.through.objects, school=school, since=since, as_of=as_of)
                .values_list("activity_id", "benchmark_id")):
            benchmarks[activity_id].add(benchmark_id)
    if want_kinds:
        for activity_id, kind in _fetch(_of_activities(
                Activity.providers.through.objects, school=school, since=since, as_of=as_of)
                .values_list("activity_id", "provider__kind")):
            kinds[activity_id].add(kind)
    return benchmarks, kinds


def activity_keys(*, school: School, rules: Sequence, windows: dict[int, dt.date | None], since: dt.date,
                  rows: list[ActivityRow], cutoffs: Sequence[tuple[int, int]],
                  as_of: dt.date) -> dict[int, ActivityKey]:
    """Each activity's key: which rules it counts for, its academic year and its cut-off flags."""
    benchmarks, kinds = _links(school=school, rules=rules, rows=rows, since=since, as_of=as_of)
    # Window starts in order: how many of them a day is on or after says which windows it is in.
    starts = sorted({start for start in windows.values() if start is not None})
    cutoff_days: dict[int, list[dt.date]] = {}
    bits_for: dict[tuple, int] = {}
    keys: dict[tuple[int, int, int], ActivityKey] = {}
    found = {}
    empty: frozenset = frozenset()
    for row in rows:
        activity_id, day, start_year = row[0], row[1], row[6]
        linked = frozenset(benchmarks[activity_id]) if activity_id in benchmarks else empty
        provided = frozenset(kinds[activity_id]) if activity_id in kinds else empty
        # Everything a rule looks at, with the date reduced to which window starts it is on or after.
        look = (row[2], row[3], row[4], row[5], linked, provided, bisect_right(starts, day))
        bits = bits_for.get(look)
        if bits is None:
            bits = sum(1 << index for index, rule in enumerate(rules)
                       if _matches(rule, row, linked, provided, windows.get(rule.id)))
            bits_for[look] = bits
        if not bits:
            continue
        if start_year not in cutoff_days:
            cutoff_days[start_year] = [cutoff_date(start_year, month, d) for month, d in cutoffs]
        flags = sum(1 << index for index, cut in enumerate(cutoff_days[start_year]) if day <= cut)
        shape = (bits, start_year, flags)
        if shape not in keys:
            keys[shape] = ActivityKey(rules=bits, start_year=start_year, flags=flags)
        found[activity_id] = keys[shape]
    return found


class SignedPupilIds(Aggregate):
    """Every pupil id of a group in one value, negated for a part-attended row.

    One row per activity instead of one per participation: the database does the grouping in C
    and Python reads a few thousand rows, which roughly halves the engine's time (docs/performance.md).
    SQLite gives a comma-separated string, PostgreSQL an array of integers.
    """

    function = "GROUP_CONCAT"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="ARRAY_AGG", **extra)


def _pupils_by_activity(school: School, pupils: QuerySet[Pupil] | None, since: dt.date,
                        as_of: dt.date) -> list[tuple[int, str | list[int]]]:
    """SQLite: one grouped query over the participations joined to their activities in range."""
    rows = Participation.objects.filter(school=school, activity__date__gte=since, activity__date__lte=as_of)
    if pupils is not None:
        rows = rows.filter(pupil__in=pupils)
    return _fetch(rows.exclude(attendance=Attendance.ABSENT).order_by().values("activity_id")
                  .annotate(pupils=SignedPupilIds(_signed_pupil_ids())).values_list("activity_id", "pupils"))


def count(*, school: School, pupils: QuerySet[Pupil] | None, pupil_ids: Collection[int] | None, rules: Sequence,
          windows: dict[int, dt.date | None], since: dt.date, as_of: dt.date,
          year_spans: dict[int, YearSpans]) -> Counts:
    """Every pupil's count for every rule; see the module docstring.

    `pupils` (a query) and `pupil_ids` (the same pupils' ids) narrow the count to some pupils; None
    counts the whole school's participations (for every pupil on roll that is cheaper than joining
    the roll: pupils who have left are simply counted and not reported). SQLite narrows in its
    query, PostgreSQL in Python (see `_activities`). `year_spans` gives, per pupil, the span of each
    rule over NC years that applies to them; a tally for such a rule counts only inside the pupil's
    span, and in its last year only up to the cut-off.
    """
    cutoffs = sorted({r.cutoff for r in rules if r.cutoff})
    postgresql = _postgresql()
    rows = _activities(school=school, since=since, as_of=as_of, with_pupils=postgresql)
    found = activity_keys(school=school, rules=rules, windows=windows, since=since, as_of=as_of, cutoffs=cutoffs,
                          rows=rows)
    attended = ([(row[0], row[7]) for row in rows if row[7]] if postgresql
                else _pupils_by_activity(school, pupils, since, as_of))
    keep = set(pupil_ids) if postgresql and pupil_ids is not None else None
    # Pupil ids (signed: negative for part-attended) gathered per activity key, then counted in C.
    gathered: dict[ActivityKey, list[int]] = defaultdict(list)
    for activity_id, ids in attended:
        key = found.get(activity_id)
        if key is None:
            continue
        if keep is not None:
            gathered[key].extend(i for i in ids if (i if i > 0 else -i) in keep)
        else:
            gathered[key].extend(ids if isinstance(ids, list) else map(int, ids.split(",")))

    part_ok = sum(1 << i for i, rule in enumerate(rules) if rule.count_part)
    years = [rule.period == Period.YEARS for rule in rules]
    for_rules: dict[int, list[int]] = {}  # rule bits -> the indexes they name
    counts: Counts = defaultdict(lambda: defaultdict(int))
    no_spans: YearSpans = {}
    for key, ids in gathered.items():
        start_year, flags = key.start_year, key.flags
        for signed, number in Counter(ids).items():
            pupil_id, bits = (signed, key.rules) if signed > 0 else (-signed, key.rules & part_ok)
            indexes = for_rules.get(bits)
            if indexes is None:
                indexes = for_rules[bits] = [i for i in range(len(rules)) if bits >> i & 1]
            if not indexes:
                continue
            mine = counts[pupil_id]
            spans = year_spans.get(pupil_id, no_spans)
            for index in indexes:
                if years[index]:
                    span = spans.get(index)
                    if span is None or not span[0] <= start_year <= span[1]:
                        continue
                    if span[2] and start_year == span[1] and not flags & span[2]:
                        continue
                mine[rules[index].id] += number
    return counts


def flag_for(rule, rules: Sequence) -> int:
    """The flag bit of a rule's cut-off among all the rules' cut-offs (0 when it has none)."""
    cutoffs = sorted({r.cutoff for r in rules if r.cutoff})
    return 1 << cutoffs.index(rule.cutoff) if rule.cutoff else 0
