from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from roadahead.audit.models import AuditEntry
from roadahead.placements import rotation, selectors, services
from roadahead.placements.models import PlacementSession
from tests import factories
from tests.placements.factories import assign, placement, spring_term


def test_rotation_takes_each_area_in_turn_then_settles():
    steps = rotation.rotate_through(["Counter", "Kitchen", "Garden"], weeks=3, start=1)
    assert steps == ["Kitchen", "Garden", "Counter"]
    plan = rotation.plan(steps=dict(enumerate(steps, start=1)), settled="Garden", weeks=6)
    assert plan == ["Kitchen", "Garden", "Counter", "Garden", "Garden", "Garden"]


def test_rotation_without_a_settled_area_stays_in_the_last_one():
    assert rotation.plan(steps={1: "A", 2: "B"}, settled=None, weeks=4) == ["A", "B", "B", "B"]
    assert rotation.plan(steps={}, settled=None, weeks=2) == [None, None]


def test_six_pupils_rotating_three_weeks_then_settling_have_a_table_by_week(world):
    made = placement(world)
    pupils = [factories.PupilFactory(school=world.school) for _ in range(6)]
    for i, pupil in enumerate(pupils):
        assign(world, made, pupil, rotate=3, start=i % 3, settle=i % 3)
    services.generate_sessions(placement=made, by=world.careers_leader.user)
    found = selectors.assignments(placement=made, membership=world.careers_leader, day=dt.date(2026, 3, 10))
    table = selectors.rotation_table(assignments=found, weeks=5)
    weeks_one = sorted(row.weeks[0] for row in table)
    # Each area has two pupils in week 1, so no area stands empty while pupils rotate.
    assert weeks_one == ["Café counter", "Café counter", "Garden", "Garden", "Kitchen", "Kitchen"]
    for row in table:
        assert len(set(row.weeks[:3])) == 3  # a different area each of the first three weeks
        assert row.weeks[3] == row.weeks[4] == row.assignment.area.name


def test_sessions_are_the_weekday_each_week_skipping_half_term(world):
    made = placement(world)  # Wednesdays, spring term 5 Jan to 27 Mar 2026, half term 14 to 22 Feb
    sessions = services.generate_sessions(placement=made, by=world.careers_leader.user)
    dates = [s.date for s in sessions]
    assert dates[0] == dt.date(2026, 1, 7)
    assert dates[-1] == dt.date(2026, 3, 25)
    assert dt.date(2026, 2, 18) not in dates  # half term
    assert all(d.weekday() == 2 for d in dates)
    assert len(dates) == 11
    assert [s.number for s in sessions] == list(range(1, 12))


def test_sessions_across_the_easter_holiday_skip_the_days_between_terms(world):
    term = spring_term(world)
    factories_year = term.academic_year
    from roadahead.schools.models import Term
    Term.objects.create(school=world.school, academic_year=factories_year, name="summer",
                        starts_on=dt.date(2026, 4, 13), ends_on=dt.date(2026, 7, 22))
    made = placement(world, term=None, starts_on=dt.date(2026, 3, 16), ends_on=dt.date(2026, 4, 24), weekday=0)
    dates = [s.date for s in services.generate_sessions(placement=made, by=world.careers_leader.user)]
    assert dates == [dt.date(2026, 3, 16), dt.date(2026, 3, 23), dt.date(2026, 4, 13), dt.date(2026, 4, 20)]


def test_making_sessions_again_keeps_recorded_ones_and_drops_dates_that_no_longer_fit(world):
    made = placement(world)
    first = services.generate_sessions(placement=made, by=world.careers_leader.user)
    services.session_activity(session=first[0], by=world.careers_leader.user)
    services.update_placement(placement=made, by=world.careers_leader.user, weekday=3)
    again = services.generate_sessions(placement=made, by=world.careers_leader.user)
    assert again[0].date == dt.date(2026, 1, 7)
    assert again[0].activity_id is not None
    assert all(s.date.weekday() == 3 for s in again[1:])
    assert PlacementSession.objects.filter(placement=made).count() == 12


def test_a_session_activity_is_an_ordinary_meaningful_work_experience_activity(world):
    made = placement(world)
    session = services.generate_sessions(placement=made, by=world.careers_leader.user)[0]
    activity = services.session_activity(session=session, by=world.careers_leader.user)
    assert activity.activity_type.code == "work-experience"
    assert activity.meaningful is True
    assert list(activity.providers.all()) == [made.provider]
    assert activity.title == "Spring work experience: session 1"
    assert services.session_activity(session=session, by=world.careers_leader.user) == activity


def test_class_jobs_are_recorded_as_class_jobs(world):
    made = placement(world, title="Class jobs", kind="class_job", where="on_site", on_site_kind="classroom",
                     provider=None, areas=("Register to the office", "Fruit trolley"))
    assert made.provider is None
    session = services.generate_sessions(placement=made, by=world.careers_leader.user)[0]
    assert services.session_activity(session=session, by=world.careers_leader.user).activity_type.code == "class-job"


def test_out_of_school_placements_need_a_provider_and_in_school_ones_a_job(world):
    with pytest.raises(ValidationError) as off_site:
        placement(world, provider=None, where="off_site", areas=())
    assert "provider" in off_site.value.message_dict
    with pytest.raises(ValidationError) as on_site:
        placement(world, where="on_site", on_site_kind="", areas=())
    assert "on_site_kind" in on_site.value.message_dict


def test_class_jobs_are_in_school(world):
    with pytest.raises(ValidationError) as error:
        placement(world, kind="class_job", where="off_site", areas=())
    assert "where" in error.value.message_dict


def test_a_term_alone_gives_the_placement_its_dates(world):
    term = spring_term(world)
    made = placement(world, starts_on=None, ends_on=None, term=term)
    assert (made.starts_on, made.ends_on) == (term.starts_on, term.ends_on)


def test_warnings_for_missing_and_out_of_date_checks(world):
    made = placement(world, health_safety_checked_on=None, health_safety_expires_on=None,
                     insurance_expires_on=dt.date(2026, 2, 28))
    warnings = services.check_warnings(made, today=dt.date(2025, 12, 10))
    assert "No health and safety check is recorded." in warnings
    assert any("insurance runs out on 28 February 2026, before the placement ends" in w for w in warnings)
    late = services.check_warnings(made, today=dt.date(2026, 3, 10))
    assert any("insurance ran out on 28 February 2026" in w for w in late)
    in_school = placement(world, where="on_site", on_site_kind="tuck_shop", provider=None, title="Tuck shop",
                          health_safety_checked_on=None)
    assert services.check_warnings(in_school, today=dt.date(2026, 3, 10)) == []


def test_assigning_refuses_another_placements_area_and_keeps_one_row_per_pupil(world):
    made, other = placement(world), placement(world, title="Other", areas=("Yard",))
    pupil = world.pupils[0]
    with pytest.raises(ValidationError):
        services.assign_pupil(placement=made, by=world.careers_leader.user, pupil=pupil, area=other.areas.get())
    assign(world, made, pupil, rotate=3)
    again = assign(world, made, pupil, rotate=2, settle=1)
    assert made.assignments.count() == 1
    assert again.rotation.count() == 2
    assert again.area.name == "Kitchen"


def test_report_needs_how_the_reflection_was_captured_and_is_audited(world):
    made = placement(world)
    assignment = assign(world, made, world.pupils[0])
    with pytest.raises(ValidationError) as error:
        services.save_report(assignment=assignment, by=world.careers_leader.user, reflection="I liked the till.")
    assert "reflection_method" in error.value.message_dict
    report = services.save_report(assignment=assignment, by=world.careers_leader.user, reflection="I liked the till.",
                                  reflection_method="symbols", outcome="went_well", strengths="Punctual")
    assert report.version == 1
    services.save_report(assignment=assignment, by=world.careers_leader.user, expected_version=1, strengths="Calm")
    with pytest.raises(ValidationError):
        services.save_report(assignment=assignment, by=world.careers_leader.user, expected_version=1, strengths="X")
    assert AuditEntry.objects.filter(action="placement.report_saved", pupil_id=world.pupils[0].pk).count() == 2


def test_placements_never_block_removing_a_school(world):
    from roadahead.activities.models import Activity
    from roadahead.placements.models import Placement

    made = placement(world)
    assign(world, made, world.pupils[0], rotate=2)
    session = services.generate_sessions(placement=made, by=world.careers_leader.user)[0]
    services.session_activity(session=session, by=world.careers_leader.user)
    # As remove_demo does: activities first (they protect the school's types and years), then the school.
    Activity.objects.filter(school=world.school).delete()
    assert PlacementSession.objects.get(pk=session.pk).activity is None  # the session waits to be recorded again
    world.school.delete()
    assert not Placement.objects.exists()


def test_a_pupil_who_joins_late_starts_their_rotation_at_their_first_session(world):
    made = placement(world)
    areas = list(made.areas.all())
    late = services.assign_pupil(placement=made, by=world.careers_leader.user, pupil=world.pupils[0], area=areas[2],
                                 rotation=areas[:2], starts_on=dt.date(2026, 1, 20), ends_on=dt.date(2026, 3, 6))
    sessions = services.generate_sessions(placement=made, by=world.careers_leader.user)
    found = selectors.assignments(placement=made, membership=world.careers_leader, day=dt.date(2026, 3, 10))
    row = selectors.rotation_table(assignments=found, weeks=len(sessions),
                                   session_dates=[s.date for s in sessions])[0]
    # Sessions on 7 and 14 January are before they join; 11, 18 and 25 March after they leave.
    assert row.weeks == ["", "", "Café counter", "Kitchen", "Garden", "Garden", "Garden", "Garden", "", "", ""]
    summary = selectors.attendance(assignments=[late], day=dt.date(2026, 3, 10))[late.pk]
    assert summary.sessions == 6  # 21 and 28 Jan, 4 and 11 Feb, 25 Feb and 4 Mar
