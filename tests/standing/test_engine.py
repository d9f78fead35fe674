from __future__ import annotations

import datetime as dt

import pytest

from roadahead.activities.models import ActivityType
from roadahead.activities.services import (
    ParticipationInput,
    create_activity,
    ensure_activity_types,
    record_participations,
)
from roadahead.benchmarks.models import Benchmark
from roadahead.entitlements.enums import Period
from roadahead.entitlements.models import EntitlementRule
from roadahead.standing.engine import standing
from tests.standing.reference import reference_standing

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 10)


def as_set(report):
    return {(r.pupil_id, r.rule_id, r.period_start, r.period_end, r.required, r.achieved, r.status.value)
            for r in report.rows}


def test_yearly_meaningful_employer_encounters(world):
    ensure_activity_types(school=world.school)
    five = Benchmark.objects.get(school=world.school, number=5)
    rule = EntitlementRule.objects.create(school=world.school, code="bm5", name="Employer encounters", required=3,
                                          meaningful_only=True)
    rule.evidences.set([five])
    visit = ActivityType.objects.get(school=world.school, code="workplace-visit")
    for day, meaningful in ((dt.date(2025, 10, 1), True), (dt.date(2026, 1, 20), True), (dt.date(2026, 2, 1), False)):
        checks = dict.fromkeys(("purpose_shared", "outcomes_fitted", "two_way", "reflection", "employer_task",
                                "employer_feedback"), meaningful)
        activity = create_activity(school=world.school, by=world.careers_leader.user, title="Visit", date=day,
                                   activity_type=visit, **checks)
        entries = [ParticipationInput(pupil=p) for p in world.pupils[:2]]
        record_participations(activity=activity, by=None, entries=entries)
    report = standing(school=world.school, as_of=TODAY)
    rows = {r.pupil_id: r for r in report.rows}
    assert rows[world.pupils[0].pk].achieved == 2
    assert rows[world.pupils[0].pk].status == "on_track"
    assert rows[world.pupils[2].pk].achieved == 0
    assert rows[world.pupils[2].pk].status == "at_risk"
    assert as_set(report) == reference_standing(school=world.school, as_of=TODAY)


def test_pal_key_phase_stops_at_28_february(world):
    ensure_activity_types(school=world.school)
    pal = ActivityType.objects.get(school=world.school, code="provider-encounter")
    rule = EntitlementRule.objects.create(school=world.school, code="pal-1", name="PAL first key phase", required=2,
                                          pal_only=True, period=Period.YEARS, first_year="8", last_year="9",
                                          cutoff_month=2, cutoff_day=28, school_check="provider_access")
    pupil = world.pupils[0]
    pupil.enrolments.update(nc_year="9")
    points = dict.fromkeys(("pal_provider", "pal_careers", "pal_learning", "pal_questions"), True)
    for day in (dt.date(2024, 11, 5), dt.date(2026, 2, 28), dt.date(2026, 3, 2)):
        activity = create_activity(school=world.school, by=None, title="College talk", date=day, activity_type=pal,
                                   **points)
        record_participations(activity=activity, by=None, entries=[ParticipationInput(pupil=pupil)])
    report = standing(school=world.school, as_of=TODAY)
    (row,) = [r for r in report.rows if r.pupil_id == pupil.pk]
    # Year 8 was 2024/25: the November 2024 talk counts, 28 February counts, 2 March is too late.
    assert (row.period_start, row.period_end, row.achieved, row.status) == (
        dt.date(2024, 9, 1), dt.date(2026, 2, 28), 2, "met")
    assert row.rule_id == rule.pk
    assert as_set(report) == reference_standing(school=world.school, as_of=TODAY)
    world.school.check_provider_access = False
    world.school.save()
    assert standing(school=world.school, as_of=TODAY).rows == []


def test_standing_runs_the_same_number_of_queries_for_1_or_200_pupils(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from roadahead.entitlements.services import ensure_default_rules
    from roadahead.people.models import Pupil
    from tests import factories

    ensure_activity_types(school=world.school)
    ensure_default_rules(school=world.school)
    Pupil.objects.filter(school=world.school).exclude(pk=world.pupils[0].pk).delete()
    visit = ActivityType.objects.get(school=world.school, code="workplace-visit")
    activity = create_activity(school=world.school, by=None, title="Visit", date=dt.date(2026, 2, 2),
                               activity_type=visit)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            report = standing(school=world.school, as_of=TODAY)
        assert report.rows
        return len(captured)

    record_participations(activity=activity, by=None, entries=[ParticipationInput(pupil=world.pupils[0])])
    one = queries()
    year = world.class_group.academic_year
    more = [factories.PupilFactory(school=world.school, upn=f"M{n:012d}") for n in range(199)]
    for n, pupil in enumerate(more):
        factories.EnrolmentFactory(pupil=pupil, academic_year=year, nc_year=str(7 + n % 7))
    record_participations(activity=activity, by=None, entries=[ParticipationInput(pupil=p) for p in more])
    assert queries() == one


def test_the_third_pal_key_phase_is_offered_so_a_pupil_short_of_it_owes_nothing(world):
    # Years 12-13: the school must offer two encounters; a pupil may decline. After the 28 February
    # cut-off a pupil with none is on track (not "not met"), and one with two has met it.
    ensure_activity_types(school=world.school)
    rule = EntitlementRule.objects.create(school=world.school, code="pal-3", name="PAL third key phase", required=2,
                                          pal_only=True, period=Period.YEARS, first_year="12", last_year="13",
                                          cutoff_month=2, cutoff_day=28, school_check="provider_access",
                                          required_of_pupils=False, pal_key_phase=3)
    for pupil in world.pupils[:2]:
        pupil.enrolments.update(nc_year="13")
    provider = ActivityType.objects.get(school=world.school, code="provider-encounter")
    points = dict.fromkeys(("pal_provider", "pal_careers", "pal_learning", "pal_questions"), True)
    for day in (dt.date(2025, 10, 1), dt.date(2026, 1, 20)):
        activity = create_activity(school=world.school, by=world.careers_leader.user, title="College talk", date=day,
                                   activity_type=provider, in_school_day=True, **points)
        record_participations(activity=activity, by=None, entries=[ParticipationInput(pupil=world.pupils[0])])
    report = standing(school=world.school, as_of=TODAY, rule_ids=[rule.pk])
    statuses = {r.pupil_id: r.status for r in report.rows}
    assert statuses == {world.pupils[0].pk: "met", world.pupils[1].pk: "on_track"}
    assert as_set(report) == reference_standing(school=world.school, as_of=TODAY)
