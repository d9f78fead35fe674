from __future__ import annotations

import datetime as dt

import pytest

from roadahead.activities import selectors, services
from roadahead.activities.enums import Attendance, Frequency, Weekday
from roadahead.activities.models import Activity
from roadahead.benchmarks.models import Benchmark
from tests.activities.conftest import make_activity
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def roster_ids(member, **kwargs) -> set[int]:
    return {row.pupil.pk for row in selectors.roster_for(membership=member, day=TODAY, **kwargs)}


def test_roster_for_a_class_shows_only_pupils_the_member_may_see(world):
    every = [p.pk for p in world.pupils]
    assert roster_ids(world.careers_leader, pupil_ids=every) == set(every)
    assert roster_ids(world.class_teacher, pupil_ids=every) == {p.pk for p in world.class_pupils}
    assert roster_ids(world.adviser, pupil_ids=every) == {p.pk for p in world.adviser_pupils}
    assert roster_ids(world.careers_leader, class_group=world.other_class.pk) == {
        p.pk for p in world.pupils if p not in world.class_pupils}
    # Class staff asking for another class get nobody.
    assert roster_ids(world.class_teacher, class_group=world.other_class.pk) == set()


def test_roster_includes_pupils_already_recorded_with_their_record(world):
    talk = make_activity(world)
    services.record_participations(activity=talk, by=world.careers_leader.user, entries=[
        services.ParticipationInput(pupil=world.pupils[1], attendance=Attendance.ABSENT)])
    rows = selectors.roster_for(membership=world.careers_leader, day=TODAY, activity=talk)
    assert [(r.pupil, r.participation.attendance) for r in rows] == [(world.pupils[1], Attendance.ABSENT)]


def test_roster_for_a_series_session_lists_the_series_pupils(world, types):
    series = services.create_series(school=world.school, by=world.careers_leader.user, title="Café",
                                    activity_type=types["work-experience"], weekday=Weekday.TUESDAY,
                                    starts_on=dt.date(2026, 3, 2), ends_on=dt.date(2026, 3, 9),
                                    pupils=world.pupils[:2])
    session = Activity.objects.filter(series=series).first()
    assert roster_ids(world.careers_leader, activity=session) == {world.pupils[0].pk, world.pupils[1].pk}


def test_timeline_lists_newest_first_and_counts_benchmarks_per_year(world):
    pupil = world.pupils[0]
    older = make_activity(world, code="employer-talk", day=dt.date(2025, 3, 3), title="Last year's talk")
    visit = make_activity(world, code="workplace-visit", day=dt.date(2026, 2, 2), title="Bakery visit")
    missed = make_activity(world, code="employer-talk", day=dt.date(2026, 3, 2), title="Missed talk")
    for activity, attendance in ((older, Attendance.ATTENDED), (visit, Attendance.PART),
                                 (missed, Attendance.ABSENT)):
        services.record_participations(activity=activity, by=world.careers_leader.user,
                                       entries=[services.ParticipationInput(pupil=pupil, attendance=attendance)])
    timeline = selectors.pupil_timeline(membership=world.careers_leader, pupil=pupil)
    assert [p.activity.title for p in timeline.participations] == ["Missed talk", "Bakery visit", "Last year's talk"]
    assert [(y.label, y.total) for y in timeline.years] == [("2025/26", 1), ("2024/25", 1)]
    this_year = timeline.years[0]
    # The visit evidences 5 and 6; the absence evidences nothing.
    assert this_year.by_benchmark == {5: 1, 6: 1}
    assert this_year.cells == [0, 0, 0, 0, 1, 1, 0, 0]
    assert timeline.year_choices == [(2025, "2025/26"), (2024, "2024/25")]


def test_timeline_filters_by_year_and_benchmark(world):
    pupil = world.pupils[0]
    for day, code, title in ((dt.date(2025, 3, 3), "employer-talk", "Old talk"),
                             (dt.date(2026, 2, 2), "workplace-visit", "Visit"),
                             (dt.date(2026, 3, 2), "careers-lesson", "Lesson")):
        activity = make_activity(world, code=code, day=day, title=title)
        services.record_participations(activity=activity, by=world.careers_leader.user,
                                       entries=[services.ParticipationInput(pupil=pupil)])
    this_year = selectors.pupil_timeline(membership=world.careers_leader, pupil=pupil, academic_year=2025)
    assert [p.activity.title for p in this_year.participations] == ["Lesson", "Visit"]
    assert [y.label for y in this_year.years] == ["2025/26"]
    bm5 = selectors.pupil_timeline(membership=world.careers_leader, pupil=pupil, benchmark=5)
    assert [p.activity.title for p in bm5.participations] == ["Visit", "Old talk"]
    # The counts table keeps every benchmark, whatever the benchmark filter.
    assert bm5.years[0].by_benchmark == {3: 1, 5: 1, 6: 1}
    early = selectors.pupil_timeline(membership=world.careers_leader, pupil=pupil, as_of=dt.date(2026, 2, 28))
    assert [p.activity.title for p in early.participations] == ["Visit", "Old talk"]


def test_timeline_shows_only_this_pupils_activities(world):
    talk = make_activity(world)
    services.record_participations(activity=talk, by=world.careers_leader.user,
                                   entries=[services.ParticipationInput(pupil=world.pupils[1])])
    assert selectors.pupil_timeline(membership=world.careers_leader, pupil=world.pupils[0]).participations == []


def test_series_totals_count_sessions_per_pupil(world, types):
    series = services.create_series(school=world.school, by=world.careers_leader.user, title="Café",
                                    activity_type=types["work-experience"], frequency=Frequency.WEEKLY,
                                    weekday=Weekday.MONDAY, starts_on=dt.date(2026, 2, 2),
                                    ends_on=dt.date(2026, 2, 23), pupils=world.pupils[:2])
    sessions = list(Activity.objects.filter(series=series).order_by("date"))
    a, b = world.pupils[:2]
    marks = [(Attendance.ATTENDED, Attendance.ABSENT), (Attendance.ATTENDED, Attendance.PART),
             (Attendance.PART, Attendance.ATTENDED)]
    for session, (mark_a, mark_b) in zip(sessions, marks, strict=False):
        services.record_participations(activity=session, by=world.careers_leader.user, entries=[
            services.ParticipationInput(pupil=a, attendance=mark_a),
            services.ParticipationInput(pupil=b, attendance=mark_b)])
    totals = {t.pupil: t for t in selectors.series_totals(series)}
    assert (totals[a].attended, totals[a].part, totals[a].absent) == (2, 1, 0)
    assert (totals[b].attended, totals[b].part, totals[b].absent) == (1, 1, 1)
    assert len(sessions) == 4  # the fourth is not recorded yet and counts for nobody
    teacher_view = selectors.series_totals(series, membership=world.class_teacher, day=TODAY)
    assert [t.pupil for t in teacher_view] == [a]


def test_activity_list_filters_and_counts_who_took_part(world):
    talk = make_activity(world, title="Fire service talk")
    make_activity(world, code="careers-lesson", title="Lesson one", day=dt.date(2026, 1, 12))
    services.record_participations(activity=talk, by=world.careers_leader.user, entries=[
        services.ParticipationInput(pupil=world.pupils[0]),
        services.ParticipationInput(pupil=world.pupils[1], attendance=Attendance.ABSENT)])
    listed = list(selectors.activity_list(school=world.school))
    assert [(a.title, a.took_part, a.recorded) for a in listed] == [("Fire service talk", 1, 2), ("Lesson one", 0, 0)]
    by_benchmark = selectors.activity_list(school=world.school, filters=selectors.ActivityFilters(benchmark=3))
    assert [a.title for a in by_benchmark] == ["Lesson one"]
    by_class = selectors.activity_list(school=world.school,
                                       filters=selectors.ActivityFilters(class_group=world.class_group.pk))
    assert [a.title for a in by_class] == ["Fire service talk"]
    dated = selectors.activity_list(school=world.school, filters=selectors.ActivityFilters(
        starts_on=dt.date(2026, 2, 1), text="fire"))
    assert [a.title for a in dated] == ["Fire service talk"]
    assert Benchmark.objects.filter(school=world.school).count() == 8
