from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from roadahead.cpd import selectors
from tests import factories
from tests.cpd.helpers import record

pytestmark = pytest.mark.django_db


def test_totals_add_hours_per_person_in_the_year(world):
    record(world.class_teacher, dt.date(2025, 9, 10), "1.5")
    record(world.class_teacher, dt.date(2026, 3, 1), "3")
    record(world.class_teacher, dt.date(2025, 8, 31), "6")  # the year before
    record(world.careers_leader, dt.date(2026, 7, 1), "7.5")

    rows = {row.member.pk: (row.hours, row.records) for row in selectors.totals(school=world.school, start_year=2025)}

    assert rows == {
        world.class_teacher.pk: (Decimal("4.5"), 2),
        world.careers_leader.pk: (Decimal("7.5"), 1),
        world.adviser.pk: (Decimal("0"), 0),
        world.leader.pk: (Decimal("0"), 0),
    }


def test_totals_keep_a_leaver_who_trained_that_year_only(world):
    record(world.adviser, dt.date(2025, 10, 1), "2")
    world.adviser.is_active = False
    world.adviser.save()
    world.leader.is_active = False
    world.leader.save()
    members = [row.member for row in selectors.totals(school=world.school, start_year=2025)]
    assert world.adviser in members
    assert world.leader not in members


def test_totals_ignore_other_schools(world, other_world):
    record(other_world.class_teacher, dt.date(2025, 10, 1), "2")
    rows = selectors.totals(school=world.school, start_year=2025)
    assert {row.member.school_id for row in rows} == {world.school.pk}
    assert sum(row.hours for row in rows) == 0


def test_totals_take_one_query_whatever_the_number_of_staff(world):
    with CaptureQueriesContext(connection) as small:
        selectors.totals(school=world.school, start_year=2025)
    for n in range(5):
        member = factories.MembershipFactory(school=world.school, role="staff")
        record(member, dt.date(2025, 11, n + 1), "1")
        record(member, dt.date(2026, 1, n + 1), "2")
    with CaptureQueriesContext(connection) as large:
        rows = selectors.totals(school=world.school, start_year=2025)
        [row.member.user.display_name for row in rows]
    assert len(large) == len(small)


def test_record_detail_hides_other_peoples_records_except_from_the_careers_leader(world):
    theirs = record(world.careers_leader, dt.date(2026, 1, 5), "1")
    assert selectors.record_detail(school=world.school, pk=theirs.pk, viewer=world.careers_leader) == theirs
    with pytest.raises(Http404):
        selectors.record_detail(school=world.school, pk=theirs.pk, viewer=world.class_teacher)
