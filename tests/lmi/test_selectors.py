from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.lmi import selectors
from tests import factories
from tests.lmi.helpers import item, share

pytestmark = pytest.mark.django_db


def test_year_summary_counts_items_and_each_audience(world):
    pathway = factories.PathwayFactory(school=world.school)
    care = item(world.school, dt.date(2025, 9, 20), "Jobs in care")
    hub = item(world.school, dt.date(2026, 2, 1), "Local offer update")
    item(world.school, dt.date(2025, 8, 30), "Last year's news")  # the year before
    share(care, dt.date(2025, 10, 1), classes=[world.class_group, world.other_class], families=True)
    share(care, dt.date(2025, 11, 1), pathways=[pathway])
    share(hub, dt.date(2026, 2, 3), families=True, staff=True)
    share(hub, dt.date(2026, 9, 3), staff=True)  # next year

    summary = selectors.year_summary(school=world.school, start_year=2025)

    assert summary == selectors.YearSummary(items=2, shares=3, with_classes=1, with_pathways=1, with_families=2,
                                            with_staff=1)


def test_year_summary_ignores_other_schools(world, other_world):
    theirs = item(other_world.school, dt.date(2025, 9, 20))
    share(theirs, dt.date(2025, 10, 1), families=True)
    assert selectors.year_summary(school=world.school, start_year=2025).items == 0
    assert selectors.year_summary(school=world.school, start_year=2025).shares == 0


def test_item_list_holds_items_received_or_shared_in_the_year(world):
    old = item(world.school, dt.date(2025, 6, 1), "Shared this year")
    share(old, dt.date(2025, 9, 15), staff=True)
    new = item(world.school, dt.date(2026, 1, 10), "Received this year")
    item(world.school, dt.date(2025, 5, 1), "Neither")
    assert selectors.item_list(school=world.school, start_year=2025) == [new, old]


def test_item_list_query_count_does_not_grow_with_items_and_shares(world):
    first = item(world.school, dt.date(2026, 1, 10))
    share(first, dt.date(2026, 1, 11), classes=[world.class_group])
    with CaptureQueriesContext(connection) as small:
        selectors.item_list(school=world.school, start_year=2025)
    pathway = factories.PathwayFactory(school=world.school)
    for n in range(5):
        more = item(world.school, dt.date(2026, 1, n + 1), f"Item {n}")
        share(more, dt.date(2026, 2, n + 1), classes=[world.class_group, world.other_class], pathways=[pathway])
        share(more, dt.date(2026, 3, n + 1), families=True)
    with CaptureQueriesContext(connection) as large:
        rows = selectors.item_list(school=world.school, start_year=2025)
        for row in rows:
            for made in row.shares.all():
                list(made.class_groups.all()), list(made.pathways.all())
    assert len(large) == len(small)
