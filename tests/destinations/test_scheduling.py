"""Check-ins a year, two and three years after leaving, across leap years and academic-year edges."""

from __future__ import annotations

import datetime as dt

import pytest

from roadahead.destinations import services
from roadahead.destinations.enums import CheckInState
from roadahead.destinations.models import CheckIn
from roadahead.destinations.scheduling import anniversary, check_in_dates, left_on_or_before, state_of
from tests.destinations.factories import destination, leave

D = dt.date


@pytest.mark.parametrize(("left", "expected"), [
    (D(2025, 7, 18), [D(2026, 7, 18), D(2027, 7, 18), D(2028, 7, 18)]),
    # 29 February: the 28th in years without one, the 29th again in the next leap year.
    (D(2024, 2, 29), [D(2025, 2, 28), D(2026, 2, 28), D(2027, 2, 28)]),
    (D(2027, 2, 28), [D(2028, 2, 28), D(2029, 2, 28), D(2030, 2, 28)]),
    (D(2025, 2, 28), [D(2026, 2, 28), D(2027, 2, 28), D(2028, 2, 28)]),
    (D(2025, 3, 1), [D(2026, 3, 1), D(2027, 3, 1), D(2028, 3, 1)]),
    # The last and first days of an academic year keep their own day.
    (D(2025, 8, 31), [D(2026, 8, 31), D(2027, 8, 31), D(2028, 8, 31)]),
    (D(2025, 9, 1), [D(2026, 9, 1), D(2027, 9, 1), D(2028, 9, 1)]),
    (D(2025, 12, 31), [D(2026, 12, 31), D(2027, 12, 31), D(2028, 12, 31)]),
])
def test_check_ins_fall_on_the_anniversaries_of_leaving(left, expected):
    assert list(check_in_dates(left).values()) == expected


def test_a_leap_day_leaver_three_years_on_in_a_leap_year():
    assert check_in_dates(D(2028, 2, 29)) == {1: D(2029, 2, 28), 2: D(2030, 2, 28), 3: D(2031, 2, 28)}
    assert anniversary(D(2024, 2, 29), 4) == D(2028, 2, 29)


@pytest.mark.parametrize("today", [D(2027, 2, 27), D(2027, 2, 28), D(2027, 3, 1), D(2028, 2, 28), D(2028, 2, 29),
                                   D(2028, 3, 1), D(2026, 8, 31), D(2026, 9, 1)])
def test_the_cut_off_is_the_inverse_of_the_anniversary(today):
    # Every leaving day up to the cut-off has reached its third anniversary, and the next has not.
    cut_off = left_on_or_before(today, 3)
    assert anniversary(cut_off, 3) <= today
    assert anniversary(cut_off + dt.timedelta(days=1), 3) > today


def test_states_around_the_due_date():
    due = D(2026, 7, 18)
    assert state_of(due_on=due, done_on=None, today=D(2026, 6, 1)) == CheckInState.UPCOMING
    assert state_of(due_on=due, done_on=None, today=D(2026, 6, 17)) == CheckInState.DUE
    assert state_of(due_on=due, done_on=None, today=D(2026, 9, 17)) == CheckInState.DUE
    assert state_of(due_on=due, done_on=None, today=D(2026, 9, 18)) == CheckInState.OVERDUE
    assert state_of(due_on=due, done_on=D(2026, 7, 1), today=D(2027, 1, 1)) == CheckInState.DONE


def test_recording_a_destination_plans_three_check_ins_and_a_new_leaving_day_moves_them(world):
    pupil = world.pupils[0]
    destination(leave(pupil, D(2024, 2, 29)))
    assert list(CheckIn.objects.filter(pupil=pupil).order_by("number").values_list("due_on", flat=True)) == [
        D(2025, 2, 28), D(2026, 2, 28), D(2027, 2, 28)]
    leave(pupil, D(2024, 3, 1))
    services.schedule_check_ins(school=pupil.school, pupil=pupil)
    assert CheckIn.objects.filter(pupil=pupil).count() == 3
    assert CheckIn.objects.get(pupil=pupil, number=1).due_on == D(2025, 3, 1)


@pytest.mark.parametrize(("left", "year"), [(D(2025, 8, 31), 2024), (D(2025, 9, 1), 2025), (D(2024, 2, 29), 2023)])
def test_year_of_leaving_turns_on_1_september(world, left, year):
    pupil = leave(world.pupils[1], left)
    assert services.leaving_year(school=pupil.school, pupil=pupil) == year
