"""When each check-in falls due, and where a check-in stands on a given day. Pure date arithmetic.

A check-in is due on the anniversary of the day the pupil left: one, two and three years on. A
pupil who left on 29 February is due on 28 February in a year with no 29th, so the check-in never
slips into the next month. The year of leaving is the academic year the leaving day falls in: 31
August is the last day of one, 1 September the first of the next (by the school's own calendar,
see `destinations.services.leaving_year`).
"""

from __future__ import annotations

import calendar
import datetime as dt

from roadahead.destinations.enums import CheckInState

# A check-in shows as due a month before its date, and as overdue two months after it.
DUE_BEFORE = dt.timedelta(days=31)
OVERDUE_AFTER = dt.timedelta(days=61)


def anniversary(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (or earlier, for negative years); 29 February becomes the 28th."""
    year = day.year + years
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return day.replace(year=year)


def check_in_dates(date_left: dt.date, years: tuple[int, ...] = (1, 2, 3)) -> dict[int, dt.date]:
    return {n: anniversary(date_left, n) for n in years}


def left_on_or_before(today: dt.date, years: int) -> dt.date:
    """The last leaving day whose `years`-th anniversary is on or before `today`.

    The inverse of `anniversary`: a pupil who left on 29 February 2024 reaches three years on 28
    February 2027, so on that day the cut-off is the 29th, not the 28th.
    """
    year = today.year - years
    if today.month == 2 and today.day == 28 and calendar.isleap(year):
        return dt.date(year, 2, 29)
    return anniversary(today, -years)


def state_of(*, due_on: dt.date, done_on: dt.date | None, today: dt.date) -> CheckInState:
    if done_on is not None:
        return CheckInState.DONE
    if today < due_on - DUE_BEFORE:
        return CheckInState.UPCOMING
    if today > due_on + OVERDUE_AFTER:
        return CheckInState.OVERDUE
    return CheckInState.DUE
