"""When a review is due and whether it is overdue: the edges."""

from __future__ import annotations

import datetime as dt

import pytest

from roadahead.reviews.due import DUE_SOON_DAYS, due_status, next_due, one_year_after, pfa_applies
from roadahead.reviews.enums import DueStatus

TODAY = dt.date(2026, 3, 10)


@pytest.mark.parametrize(("due", "expected"), [
    (None, DueStatus.NO_DATE),
    (TODAY - dt.timedelta(days=1), DueStatus.OVERDUE),
    (TODAY, DueStatus.DUE_SOON),  # due today is not yet late
    (TODAY + dt.timedelta(days=DUE_SOON_DAYS), DueStatus.DUE_SOON),
    (TODAY + dt.timedelta(days=DUE_SOON_DAYS + 1), DueStatus.LATER),
])
def test_due_status_edges(due, expected):
    assert due_status(due, today=TODAY) == expected


def test_next_due_prefers_the_recorded_next_date():
    assert next_due(last_review=dt.date(2025, 3, 1), next_review=dt.date(2026, 2, 1)) == dt.date(2026, 2, 1)


def test_next_due_is_a_year_after_the_last_when_no_next_date():
    assert next_due(last_review=dt.date(2025, 3, 11), next_review=None) == dt.date(2026, 3, 11)
    assert next_due(last_review=None, next_review=None) is None


def test_a_year_after_29_february_is_28_february_so_the_review_is_not_late():
    assert one_year_after(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)


@pytest.mark.parametrize(("nc_year", "born", "expected"), [
    ("8", dt.date(2012, 10, 1), False),
    ("9", dt.date(2011, 10, 1), True),
    ("14", dt.date(2006, 10, 1), True),
    ("R", dt.date(2020, 10, 1), False),
    (None, dt.date(2008, 10, 1), False),
    # Outside NC years: by age on 1 September (13 or over).
    ("X", dt.date(2012, 9, 1), True),
    ("X", dt.date(2012, 9, 2), False),
])
def test_pfa_applies_from_year_9(nc_year, born, expected):
    assert pfa_applies(nc_year=nc_year, date_of_birth=born, start_year=2025) is expected
