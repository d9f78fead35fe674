"""Which dates a weekly placement meets on: the weekday within its dates, skipping school holidays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from roadahead.activities.services import sessions_between
from roadahead.schools.models import School, Term


def term_ranges(*, school: School, starts_on: dt.date, ends_on: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The school's teaching days between two dates, as ranges (half-term breaks left out)."""
    terms = Term.objects.filter(school=school, starts_on__lte=ends_on, ends_on__gte=starts_on)
    return [half for term in terms for half in term.half_terms()]


def in_term(day: dt.date, ranges: Sequence[tuple[dt.date, dt.date]]) -> bool:
    return any(start <= day <= end for start, end in ranges)


def school_days(days: Iterable[dt.date], ranges: Sequence[tuple[dt.date, dt.date]]) -> list[dt.date]:
    """Drop the days in holidays. With no terms entered for these dates, every day is kept: a school
    that has not entered its calendar still gets its sessions, and can delete the odd one."""
    days = list(days)
    if not ranges:
        return days
    return [day for day in days if in_term(day, ranges)]


def session_dates(*, school: School, starts_on: dt.date, ends_on: dt.date, weekday: int) -> list[dt.date]:
    every_week = sessions_between(starts_on=starts_on, ends_on=ends_on, weekday=weekday, every_weeks=1)
    return school_days(every_week, term_ranges(school=school, starts_on=starts_on, ends_on=ends_on))
