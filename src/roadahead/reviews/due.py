"""When a pupil's next annual review falls, and whether it is overdue: plain date arithmetic.

Nothing here reads the clock or the database; callers pass the day they reason about.
"""

from __future__ import annotations

import datetime as dt

from roadahead.core import dates
from roadahead.reviews.enums import DueStatus

# Schools start gathering advice about six weeks before a review (reports go out two weeks
# before it), so a review is "due soon" from six weeks ahead.
DUE_SOON_DAYS = 42

# Preparing for Adulthood is part of every review from Year 9.
PFA_FROM_YEAR = 9
# A pupil recorded as not following NC years (X) is judged by age: Year 9 pupils are 13 by 1 September.
PFA_FROM_AGE = 13


def one_year_after(day: dt.date) -> dt.date:
    """The same date a year later; 29 February becomes 28 February (the review must not be late)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def next_due(*, last_review: dt.date | None, next_review: dt.date | None) -> dt.date | None:
    """The date the next review is due: the recorded next date, else a year after the last one."""
    if next_review is not None:
        return next_review
    if last_review is not None:
        return one_year_after(last_review)
    return None


def due_status(due: dt.date | None, *, today: dt.date) -> DueStatus:
    """Overdue once the due date has passed; due soon from today to DUE_SOON_DAYS ahead, both included."""
    if due is None:
        return DueStatus.NO_DATE
    if due < today:
        return DueStatus.OVERDUE
    if due <= today + dt.timedelta(days=DUE_SOON_DAYS):
        return DueStatus.DUE_SOON
    return DueStatus.LATER


def pfa_applies(*, nc_year: str | None, date_of_birth: dt.date, start_year: int) -> bool:
    """Whether Preparing for Adulthood is part of this pupil's reviews in the academic year.

    From Year 9 by the NC year of the year's enrolment; a pupil outside NC years (X) from the year
    they are 13 on 1 September; a pupil with no enrolment that year is not judged (False).
    """
    if not nc_year:
        return False
    ordinal = dates.nc_year_ordinal(nc_year)
    if ordinal is None:
        return dates.age_on(date_of_birth, dt.date(start_year, 9, 1)) >= PFA_FROM_AGE
    return ordinal >= PFA_FROM_YEAR
