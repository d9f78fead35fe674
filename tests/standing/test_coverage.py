"""Benchmark coverage: the share of a cohort with evidence for each benchmark in a period."""

from __future__ import annotations

import datetime as dt

import pytest

from roadahead.activities.enums import Attendance
from roadahead.activities.models import ActivityType
from roadahead.activities.services import (
    ParticipationInput,
    create_activity,
    ensure_activity_types,
    record_participations,
)
from roadahead.benchmarks.models import Benchmark
from roadahead.people.models import Pupil
from roadahead.standing.coverage import benchmark_coverage
from tests import factories

pytestmark = pytest.mark.django_db
START, END = dt.date(2025, 9, 1), dt.date(2026, 8, 31)


def activity(world, day, numbers, attendance):
    """An activity on `day` evidencing benchmarks `numbers`, with {pupil: attendance}."""
    chosen = list(Benchmark.objects.filter(school=world.school, number__in=numbers))
    kind = ActivityType.objects.get(school=world.school, code="careers-event")
    made = create_activity(school=world.school, by=None, title="Careers fair", date=day, benchmarks=chosen,
                           activity_type=kind, audit=False)
    record_participations(activity=made, by=None, entries=[
        ParticipationInput(pupil=p, attendance=a) for p, a in attendance.items()])
    return made


def by_number(rows):
    return {r.benchmark: (r.cohort_size, r.with_evidence) for r in rows}


def test_coverage_counts_attended_and_part_but_not_absent(world):
    ensure_activity_types(school=world.school)
    p = world.pupils
    activity(world, dt.date(2025, 10, 1), [5], {p[0]: Attendance.ATTENDED, p[1]: Attendance.PART,
                                               p[2]: Attendance.ABSENT})
    activity(world, dt.date(2026, 1, 15), [5, 7], {p[0]: Attendance.ATTENDED})
    rows = benchmark_coverage(school=world.school, start=START, end=END)
    assert [r.benchmark for r in rows] == list(range(1, 9))
    counts = by_number(rows)
    assert counts[5] == (4, 2)
    assert counts[7] == (4, 1)
    assert counts[1] == (4, 0)
    five = next(r for r in rows if r.benchmark == 5)
    assert five.share == 0.5
    assert five.percent == 50
    assert five.without_evidence == 2


def test_coverage_excludes_activities_outside_the_period(world):
    ensure_activity_types(school=world.school)
    p = world.pupils
    activity(world, dt.date(2025, 8, 31), [5], {p[0]: Attendance.ATTENDED})
    activity(world, dt.date(2025, 9, 1), [5], {p[1]: Attendance.ATTENDED})
    activity(world, dt.date(2026, 3, 11), [5], {p[2]: Attendance.ATTENDED})
    counts = by_number(benchmark_coverage(school=world.school, start=START, end=dt.date(2026, 3, 10)))
    assert counts[5] == (4, 1)


def test_coverage_excludes_pupils_who_left_before_the_end(world):
    ensure_activity_types(school=world.school)
    p = world.pupils
    activity(world, dt.date(2025, 10, 1), [5], {p[0]: Attendance.ATTENDED, p[1]: Attendance.ATTENDED})
    Pupil.objects.filter(pk=p[1].pk).update(date_left=dt.date(2025, 12, 19))
    Pupil.objects.filter(pk=p[3].pk).update(date_joined=dt.date(2026, 4, 20))
    counts = by_number(benchmark_coverage(school=world.school, start=START, end=dt.date(2026, 3, 10)))
    assert counts[5] == (2, 1)


def test_coverage_of_a_given_cohort_counts_only_those_pupils(world, other_world):
    ensure_activity_types(school=world.school)
    p = world.pupils
    activity(world, dt.date(2025, 10, 1), [5], {p[0]: Attendance.ATTENDED, p[1]: Attendance.ATTENDED})
    cohort = Pupil.objects.filter(pk__in=[p[1].pk, p[2].pk, other_world.pupils[0].pk])
    counts = by_number(benchmark_coverage(school=world.school, start=START, end=END, pupils=cohort))
    assert counts[5] == (2, 1)


def test_coverage_runs_one_query_for_1_or_30_pupils(world, django_assert_num_queries):
    ensure_activity_types(school=world.school)
    activity(world, dt.date(2025, 10, 1), [5, 6], dict.fromkeys(world.pupils, Attendance.ATTENDED))
    with django_assert_num_queries(1):
        benchmark_coverage(school=world.school, start=START, end=END)
    extra = [factories.PupilFactory(school=world.school, upn=f"Z{i:012d}") for i in range(26)]
    activity(world, dt.date(2025, 11, 1), [5, 8], dict.fromkeys(extra, Attendance.PART))
    with django_assert_num_queries(1):
        rows = benchmark_coverage(school=world.school, start=START, end=END)
    assert by_number(rows)[5] == (30, 30)
    assert by_number(rows)[8] == (30, 26)
