"""The window a rule is judged over, for one pupil, on one day. Pure functions of dates."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass

from roadahead.core import dates
from roadahead.standing.enums import Status

# With more than this share of its period gone, a rule not yet met is at risk whatever the pace.
LATE_IN_PERIOD = 0.75


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date
    # For a span of NC years: the academic years it covers, and the cut-off in the last of them.
    first_start_year: int | None = None
    last_start_year: int | None = None
    cutoff_position: int | None = None


def academic_position(day: dt.date) -> int:
    """Where a day falls in an academic year, for comparing days across years: 1 Sep is 1, 31 Aug is 1131."""
    return ((day.month + 3) % 12) * 100 + day.day


def cutoff_date(start_year: int, month: int, day: int) -> dt.date:
    """The cut-off day (such as 28 February) in the academic year starting `start_year`."""
    year = start_year if month >= 9 else start_year + 1
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def years_window(*, start_year: int, nc_ordinal: int, first_ordinal: int, last_ordinal: int,
                 cutoff: tuple[int, int] | None) -> Window:
    """The span of academic years in which a pupil now in `nc_ordinal` is (or was) in first..last.

    Years before and after now are projected one NC year per academic year.
    """
    first_start = start_year - (nc_ordinal - first_ordinal)
    last_start = start_year + (last_ordinal - nc_ordinal)
    end = cutoff_date(last_start, *cutoff) if cutoff else dates.academic_year_bounds(last_start)[1]
    return Window(start=dates.academic_year_bounds(first_start)[0], end=end, first_start_year=first_start,
                  last_start_year=last_start,
                  cutoff_position=academic_position(end) if cutoff else None)


def judge(*, required: int, achieved: int, start: dt.date, end: dt.date, as_of: dt.date,
          required_of_pupils: bool = True) -> Status:
    """Met once enough is recorded; not met once the period is over; otherwise judged on pace.

    On track while the pupil has at least what a steady pace would give by now (rounded down)
    and no more than three quarters of the period has gone; at risk otherwise.

    A rule the school must offer but a pupil may decline (the third PAL key phase, Years 12-13) is
    never at risk or not met for a pupil: short of it the pupil is on track, because nothing is
    owed by them. Whether the school offered it is a question for the year group, not the pupil.
    """
    if achieved >= required:
        return Status.MET
    if not required_of_pupils:
        return Status.ON_TRACK
    if as_of >= end:
        return Status.NOT_MET
    total = (end - start).days + 1
    elapsed = max((as_of - start).days + 1, 0)
    fraction = elapsed / total if total > 0 else 1.0
    if achieved < math.floor(required * fraction) or fraction > LATE_IN_PERIOD:
        return Status.AT_RISK
    return Status.ON_TRACK
