"""Benchmark coverage: the share of a cohort with evidence for each benchmark in a period."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.activities.enums import Attendance
from roadahead.activities.models import ActivityType
from roadahead.activities.services import (
    ParticipationInput,
    create_activity,
    ensure_activity_types,
    record_participations,
)
from roadahead.benchmarks.models import Benchmark
from roadahead.people.enums import Sex
from roadahead.people.models import Enrolment, Pupil
from roadahead.schools.enums import TermName
from roadahead.schools.models import Term
from roadahead.standing.coverage import (
    CohortFilters,
    benchmark_coverage,
    coverage_by_group,
    coverage_trend,
    evidence_pupil_ids,
)
from roadahead.standing.engine import on_roll
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


def test_coverage_runs_one_query_for_1_or_200_pupils(world, django_assert_num_queries):
    ensure_activity_types(school=world.school)
    activity(world, dt.date(2025, 10, 1), [5, 6], dict.fromkeys(world.pupils, Attendance.ATTENDED))
    with django_assert_num_queries(1):
        benchmark_coverage(school=world.school, start=START, end=END)
    extra = [factories.PupilFactory(school=world.school, upn=f"Z{i:012d}") for i in range(196)]
    activity(world, dt.date(2025, 11, 1), [5, 8], dict.fromkeys(extra, Attendance.PART))
    with django_assert_num_queries(1):
        rows = benchmark_coverage(school=world.school, start=START, end=END)
    assert by_number(rows)[5] == (200, 200)
    assert by_number(rows)[8] == (200, 196)


# ## Trend by term ###############################################################################

def trend_numbers(points, number):
    return {(p.term.start_year, p.term.name): (p.rows[number - 1].cohort_size, p.rows[number - 1].with_evidence)
            for p in points}


def test_trend_buckets_evidence_by_term_over_three_years(world):
    ensure_activity_types(school=world.school)
    p = world.pupils
    activity(world, dt.date(2023, 9, 20), [5], {p[0]: Attendance.ATTENDED})
    activity(world, dt.date(2024, 10, 1), [5], {p[0]: Attendance.ATTENDED, p[1]: Attendance.PART})
    activity(world, dt.date(2024, 12, 31), [5], {p[2]: Attendance.ATTENDED})
    activity(world, dt.date(2026, 2, 1), [5], {p[0]: Attendance.ATTENDED, p[3]: Attendance.ABSENT})
    activity(world, dt.date(2026, 3, 11), [5], {p[1]: Attendance.ATTENDED})  # after today: not yet
    activity(world, dt.date(2023, 6, 1), [5], {p[1]: Attendance.ATTENDED})  # four years ago: too old
    points = coverage_trend(school=world.school, filters=CohortFilters(), today=dt.date(2026, 3, 10))
    # Three academic years of terms, up to the spring term in progress.
    assert [(t.term.start_year, t.term.name) for t in points] == [
        (2023, "autumn"), (2023, "spring"), (2023, "summer"), (2024, "autumn"), (2024, "spring"),
        (2024, "summer"), (2025, "autumn"), (2025, "spring")]
    assert points[-1].term.end == dt.date(2026, 3, 10)
    five = trend_numbers(points, 5)
    assert five[(2023, "autumn")] == (4, 1)
    assert five[(2024, "autumn")] == (4, 3)
    assert five[(2025, "spring")] == (4, 1)
    assert five[(2023, "spring")] == (4, 0)
    assert trend_numbers(points, 6)[(2024, "autumn")] == (4, 0)


def test_trend_uses_the_schools_own_term_dates(world):
    ensure_activity_types(school=world.school)
    year = world.class_group.academic_year
    Term.objects.create(school=world.school, academic_year=year, name=TermName.AUTUMN,
                        starts_on=dt.date(2025, 9, 3), ends_on=dt.date(2025, 12, 19))
    Term.objects.create(school=world.school, academic_year=year, name=TermName.SPRING,
                        starts_on=dt.date(2026, 1, 5), ends_on=dt.date(2026, 3, 27))
    p = world.pupils
    activity(world, dt.date(2026, 1, 2), [5], {p[0]: Attendance.ATTENDED})  # the Christmas holiday
    activity(world, dt.date(2026, 1, 5), [5], {p[1]: Attendance.ATTENDED})
    points = coverage_trend(school=world.school, filters=CohortFilters(), today=dt.date(2026, 3, 10), years=1)
    assert [(t.term.name, t.term.start, t.term.end) for t in points] == [
        ("autumn", dt.date(2025, 9, 3), dt.date(2025, 12, 19)), ("spring", dt.date(2026, 1, 5), dt.date(2026, 3, 10))]
    assert trend_numbers(points, 5) == {(2025, "autumn"): (4, 0), (2025, "spring"): (4, 1)}


def test_trend_counts_each_years_own_year_group_and_roll(world):
    ensure_activity_types(school=world.school)
    p = world.pupils
    last_year = factories.AcademicYearFactory(school=world.school, start_year=2024)
    factories.EnrolmentFactory(pupil=p[0], academic_year=last_year, nc_year="9")
    factories.EnrolmentFactory(pupil=p[1], academic_year=last_year, nc_year="10")
    Pupil.objects.filter(pk=p[2].pk).update(date_joined=dt.date(2026, 1, 5))
    activity(world, dt.date(2024, 10, 1), [5], {p[0]: Attendance.ATTENDED, p[1]: Attendance.ATTENDED})
    activity(world, dt.date(2025, 10, 1), [5], {p[0]: Attendance.ATTENDED, p[2]: Attendance.ATTENDED})
    points = coverage_trend(school=world.school, filters=CohortFilters(year_from="10", year_to="10"),
                            today=dt.date(2026, 3, 10), years=2)
    five = trend_numbers(points, 5)
    # 2024/25's Year 10 was one pupil; this year's is all four, less the one who joined in January.
    assert five[(2024, "autumn")] == (1, 1)
    assert five[(2025, "autumn")] == (3, 1)
    assert five[(2025, "spring")] == (4, 0)


def test_trend_query_count_is_fixed_for_1_or_30_pupils(world):
    ensure_activity_types(school=world.school)
    with CaptureQueriesContext(connection) as few:
        coverage_trend(school=world.school, filters=CohortFilters(phase=None), today=dt.date(2026, 3, 10))
    extra = [factories.PupilFactory(school=world.school, upn=f"Z{i:012d}") for i in range(196)]
    activity(world, dt.date(2025, 11, 1), [5], dict.fromkeys(extra, Attendance.PART))
    with CaptureQueriesContext(connection) as many:
        coverage_trend(school=world.school, filters=CohortFilters(), today=dt.date(2026, 3, 10))
    assert len(few) == len(many) <= 5


# ## Equity ######################################################################################

def equity_world(world):
    """Six girls (three with evidence for Benchmark 5) and three boys (one with evidence)."""
    ensure_activity_types(school=world.school)
    girls = [*world.pupils, *(factories.PupilFactory(school=world.school, upn=f"G{i:012d}") for i in range(2))]
    boys = [factories.PupilFactory(school=world.school, upn=f"B{i:012d}", sex=Sex.MALE) for i in range(3)]
    activity(world, dt.date(2025, 10, 1), [5], {**dict.fromkeys(girls[:3], Attendance.ATTENDED),
                                               boys[0]: Attendance.PART, girls[3]: Attendance.ABSENT})
    return girls, boys


def test_equity_splits_by_sex_and_suppresses_small_groups(world):
    equity_world(world)
    groups = coverage_by_group(school=world.school, start=START, end=dt.date(2026, 3, 10),
                               pupils=on_roll(school=world.school, as_of=dt.date(2026, 3, 10)), by="sex",
                               start_year=2025)
    assert [(g.key, g.size, g.suppressed) for g in groups] == [("F", 6, False), ("M", 3, True)]
    girls = groups[0]
    assert {r.benchmark: (r.cohort_size, r.with_evidence) for r in girls.rows}[5] == (6, 3)
    assert groups[1].rows == []  # suppressed groups never carry their numbers


def test_equity_by_pathway_reads_this_years_enrolment(world):
    equity_world(world)
    intentional = factories.PathwayFactory(school=world.school, name="Intentional")
    Enrolment.objects.filter(pupil__in=world.pupils).update(pathway=intentional)
    groups = coverage_by_group(school=world.school, start=START, end=dt.date(2026, 3, 10),
                               pupils=on_roll(school=world.school, as_of=dt.date(2026, 3, 10)), by="pathway",
                               start_year=2025)
    assert [(g.label, g.size, g.suppressed) for g in groups] == [("Intentional", 4, True), ("No pathway", 5, False)]
    no_pathway = groups[1]
    assert no_pathway.rows[4].with_evidence == 1  # one boy; the two extra girls had none


def test_equity_by_primary_need_and_looked_after(world):
    girls, _boys = equity_world(world)
    Pupil.objects.filter(pk__in=[p.pk for p in girls[:5]]).update(looked_after=True)
    cohort_now = on_roll(school=world.school, as_of=dt.date(2026, 3, 10))
    groups = coverage_by_group(school=world.school, start=START, end=dt.date(2026, 3, 10), pupils=cohort_now,
                               by="looked_after", start_year=2025)
    assert [(g.key, g.size) for g in groups] == [("yes", 5), ("no", 4)]
    assert groups[0].rows[4].with_evidence == 3
    needs = coverage_by_group(school=world.school, start=START, end=dt.date(2026, 3, 10), pupils=cohort_now,
                              by="need", start_year=2025)
    # The four pupils of the fixture have SLD; the five made here have no need recorded.
    assert [(g.key, g.size, g.suppressed) for g in needs] == [("SLD", 4, True), ("", 5, False)]


# ## Drill-down ##################################################################################

def test_evidence_pupil_ids_are_exactly_those_with_evidence(world):
    girls, boys = equity_world(world)
    activity(world, dt.date(2025, 8, 1), [5], {boys[1]: Attendance.ATTENDED})  # before the period
    activity(world, dt.date(2025, 10, 2), [6], {boys[2]: Attendance.ATTENDED})  # another benchmark
    ids = evidence_pupil_ids(school=world.school, benchmark=5, start=START, end=END,
                             pupils=Pupil.objects.filter(school=world.school))
    assert ids == {girls[0].pk, girls[1].pk, girls[2].pk, boys[0].pk}
