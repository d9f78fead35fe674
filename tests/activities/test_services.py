from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from roadahead.activities import services
from roadahead.activities.enums import Attendance, Engagement, Frequency, Weekday
from roadahead.activities.models import Activity, Participation, ParticipationRevision
from tests.activities.conftest import make_activity

pytestmark = pytest.mark.django_db

CHECKLIST = {"purpose_shared": True, "outcomes_fitted": True, "two_way": True, "reflection": True}
PAL = {"pal_provider": True, "pal_careers": True, "pal_learning": True, "pal_questions": True}


def test_meaningful_needs_all_four_conditions(world):
    assert make_activity(world, **CHECKLIST).meaningful
    assert not make_activity(world, **{**CHECKLIST, "reflection": False}).meaningful


def test_meaningful_workplace_also_needs_employer_task_and_feedback(world):
    visit = make_activity(world, code="workplace-visit", **CHECKLIST)
    assert not visit.meaningful
    assert not make_activity(world, code="workplace-visit", employer_task=True, **CHECKLIST).meaningful
    assert make_activity(world, code="workplace-visit", employer_task=True, employer_feedback=True,
                         **CHECKLIST).meaningful


def test_pal_counts_only_for_provider_encounters_with_all_points_in_the_school_day(world):
    assert make_activity(world, code="provider-encounter", **PAL).counts_for_pal
    assert not make_activity(world, code="provider-encounter", in_school_day=False, **PAL).counts_for_pal
    assert not make_activity(world, code="provider-encounter", **{**PAL, "pal_questions": False}).counts_for_pal
    # The same four points at an employer talk are not a PAL encounter.
    assert not make_activity(world, code="employer-talk", **PAL).counts_for_pal


def test_update_recomputes_meaningful(world):
    talk = make_activity(world, **{**CHECKLIST, "two_way": False})
    services.update_activity(activity=talk, by=world.careers_leader.user, expected_version=1, two_way=True)
    talk.refresh_from_db()
    assert talk.meaningful
    assert talk.version == 2


def test_update_with_a_stale_version_is_refused(world):
    talk = make_activity(world)
    services.update_activity(activity=talk, by=world.careers_leader.user, expected_version=1, title="New")
    stale = Activity.objects.get(pk=talk.pk)
    with pytest.raises(ValidationError):
        services.update_activity(activity=stale, by=world.careers_leader.user, expected_version=1, title="Mine")
    assert Activity.objects.get(pk=talk.pk).title == "New"


def test_record_creates_then_changes_keeping_the_old_values(world):
    talk = make_activity(world)
    pupil = world.pupils[0]
    first = services.record_participations(activity=talk, by=world.class_teacher.user, entries=[
        services.ParticipationInput(pupil=pupil, engagement=Engagement.ENGAGED, response="Liked the hoses")])
    assert (first.created, first.changed) == (1, 0)
    again = services.record_participations(activity=talk, by=world.careers_leader.user, entries=[
        services.ParticipationInput(pupil=pupil, attendance=Attendance.PART, engagement=Engagement.ENGAGED,
                                    response="Liked the hoses")])
    assert (again.created, again.changed) == (0, 1)
    participation = Participation.objects.get(activity=talk, pupil=pupil)
    assert participation.attendance == Attendance.PART
    revision = ParticipationRevision.objects.get(participation=participation)
    assert revision.previous["attendance"] == Attendance.ATTENDED
    assert revision.previous["response"] == "Liked the hoses"
    assert revision.changed_by == world.careers_leader.user


def test_record_the_same_values_again_keeps_no_revision(world):
    talk = make_activity(world)
    entry = services.ParticipationInput(pupil=world.pupils[0])
    services.record_participations(activity=talk, by=world.careers_leader.user, entries=[entry])
    result = services.record_participations(activity=talk, by=world.careers_leader.user, entries=[entry])
    assert result.unchanged == 1
    assert not ParticipationRevision.objects.exists()


def test_remove_others_takes_pupils_off_only_within_the_given_ids(world):
    talk = make_activity(world)
    services.record_participations(activity=talk, by=world.careers_leader.user, entries=[
        services.ParticipationInput(pupil=p) for p in world.pupils])
    result = services.record_participations(
        activity=talk, by=world.class_teacher.user, entries=[services.ParticipationInput(pupil=world.pupils[0])],
        remove_others=True, remove_within=[world.pupils[2].pk])
    assert result.removed == 1
    left = set(Participation.objects.filter(activity=talk).values_list("pupil_id", flat=True))
    assert left == {world.pupils[0].pk, world.pupils[1].pk, world.pupils[3].pk}
    services.record_participations(activity=talk, by=world.careers_leader.user, remove_others=True,
                                   entries=[services.ParticipationInput(pupil=world.pupils[0])])
    assert Participation.objects.filter(activity=talk).count() == 1


def test_record_refuses_another_schools_pupil_and_writes_nothing(world, other_world):
    talk = make_activity(world)
    with pytest.raises(ValidationError):
        services.record_participations(activity=talk, by=world.careers_leader.user, entries=[
            services.ParticipationInput(pupil=world.pupils[0]),
            services.ParticipationInput(pupil=other_world.pupils[0])])
    assert not Participation.objects.exists()


def test_record_refuses_a_pupil_listed_twice(world):
    talk = make_activity(world)
    with pytest.raises(ValidationError):
        services.record_participations(activity=talk, by=world.careers_leader.user, entries=[
            services.ParticipationInput(pupil=world.pupils[0]), services.ParticipationInput(pupil=world.pupils[0])])


@pytest.mark.parametrize(("starts_on", "ends_on", "weekday", "every", "expected"), [
    # Starts on the weekday itself: that day is the first session.
    (dt.date(2026, 1, 7), dt.date(2026, 1, 28), Weekday.WEDNESDAY, 1,
     [dt.date(2026, 1, 7), dt.date(2026, 1, 14), dt.date(2026, 1, 21), dt.date(2026, 1, 28)]),
    # Starts on a Monday: the first Wednesday after it; the end date is inclusive.
    (dt.date(2026, 1, 5), dt.date(2026, 2, 4), Weekday.WEDNESDAY, 2,
     [dt.date(2026, 1, 7), dt.date(2026, 1, 21), dt.date(2026, 2, 4)]),
    # Starts on a Friday for a Monday session: the next week's Monday.
    (dt.date(2026, 1, 9), dt.date(2026, 1, 19), Weekday.MONDAY, 1, [dt.date(2026, 1, 12), dt.date(2026, 1, 19)]),
    # No such weekday in range.
    (dt.date(2026, 1, 6), dt.date(2026, 1, 6), Weekday.MONDAY, 1, []),
])
def test_sessions_between_weekly_and_fortnightly(starts_on, ends_on, weekday, every, expected):
    assert services.sessions_between(starts_on=starts_on, ends_on=ends_on, weekday=weekday,
                                     every_weeks=every) == expected


def test_create_series_makes_one_activity_per_session(world, types):
    series = services.create_series(
        school=world.school, by=world.careers_leader.user, title="Garden centre",
        activity_type=types["work-experience"],
        frequency=Frequency.FORTNIGHTLY, weekday=Weekday.WEDNESDAY, starts_on=dt.date(2026, 1, 5),
        ends_on=dt.date(2026, 2, 4), pupils=world.class_pupils)
    sessions = list(Activity.objects.filter(series=series).order_by("date"))
    assert [a.date for a in sessions] == [dt.date(2026, 1, 7), dt.date(2026, 1, 21), dt.date(2026, 2, 4)]
    assert [a.title for a in sessions] == ["Garden centre: session 1", "Garden centre: session 2",
                                          "Garden centre: session 3"]
    assert all({b.number for b in a.benchmarks.all()} == {6} for a in sessions)
    assert set(series.pupils.all()) == set(world.class_pupils)


def test_create_series_refuses_dates_with_no_session(world, types):
    with pytest.raises(ValidationError) as error:
        services.create_series(school=world.school, by=world.careers_leader.user, title="Never",
                               activity_type=types["careers-lesson"], weekday=Weekday.MONDAY,
                               starts_on=dt.date(2026, 1, 6), ends_on=dt.date(2026, 1, 9))
    assert "ends_on" in error.value.error_dict
    assert not Activity.objects.exists()


def test_create_series_refuses_another_schools_pupil(world, other_world, types):
    with pytest.raises(ValidationError):
        services.create_series(school=world.school, by=world.careers_leader.user, title="Leak",
                               activity_type=types["careers-lesson"], weekday=Weekday.MONDAY,
                               starts_on=dt.date(2026, 1, 5), ends_on=dt.date(2026, 1, 30),
                               pupils=[other_world.pupils[0]])
    assert not Activity.objects.exists()
