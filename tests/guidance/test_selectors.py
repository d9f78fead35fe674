from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from roadahead.guidance import selectors
from tests import factories
from tests.conftest import TODAY
from tests.guidance.factories import action, meeting

pytestmark = pytest.mark.django_db


def test_meetings_for_pupil_newest_first_with_actions_in_three_queries(world, other_world):
    pupil = world.pupils[0]
    older = meeting(pupil, world.adviser, dt.date(2025, 11, 3), actions=[action("Old")])
    newer = meeting(pupil, world.careers_leader, dt.date(2026, 2, 3), actions=[action("A"), action("B")])
    meeting(world.pupils[1], world.adviser)
    meeting(other_world.pupils[0], other_world.adviser)

    with CaptureQueriesContext(connection) as queries:
        found = selectors.meetings_for_pupil(school=world.school, pupil=pupil)
        words = [(m.adviser.user.display_name, [a.description for a in m.actions.all()]) for m in found]

    assert [m.pk for m in found] == [newer.pk, older.pk]
    assert words == [("Careers Leader", ["A", "B"]), ("Careers Adviser", ["Old"])]
    assert len(queries) == 2


def test_adviser_reaches_only_assigned_pupils_meetings_and_actions(world):
    assigned, other = world.adviser_pupils[0], world.pupils[1]
    mine = meeting(assigned, world.adviser, actions=[action("Mine")])
    theirs = meeting(other, world.careers_leader, actions=[action("Theirs")], next_due=TODAY)

    assert selectors.meeting_detail(membership=world.adviser, pk=mine.pk, day=TODAY) == mine
    with pytest.raises(Http404):
        selectors.meeting_detail(membership=world.adviser, pk=theirs.pk, day=TODAY)
    with pytest.raises(Http404):
        selectors.action_detail(membership=world.adviser, pk=theirs.actions.get().pk, day=TODAY)
    with pytest.raises(Http404):
        selectors.guidance_pupil(membership=world.adviser, pk=other.pk, day=TODAY)
    assert [a.description for a in selectors.outstanding_actions(membership=world.adviser, day=TODAY)] == ["Mine"]
    assert selectors.meetings_due(membership=world.adviser, day=TODAY, weeks=4) == []


def test_class_staff_read_their_class_and_governors_read_nothing(world):
    in_class, not_in_class = world.class_pupils[0], world.pupils[1]
    meeting(in_class, world.adviser, actions=[action("In class")])
    meeting(not_in_class, world.careers_leader, actions=[action("Elsewhere")])

    assert [a.description for a in selectors.outstanding_actions(membership=world.class_teacher, day=TODAY)] == [
        "In class"]
    assert selectors.outstanding_actions(membership=world.leader, day=TODAY) == []
    with pytest.raises(Http404):
        selectors.guidance_pupil(membership=world.leader, pk=in_class.pk, day=TODAY)


def test_due_and_overdue_use_each_pupils_latest_meeting_only(world):
    a, b, c, d = world.pupils
    # A's old meeting said "due in January", but a newer one has been held since: not overdue.
    meeting(a, world.adviser, dt.date(2025, 10, 1), next_due=dt.date(2026, 1, 10))
    meeting(a, world.adviser, dt.date(2026, 1, 12), next_due=dt.date(2026, 3, 20))
    meeting(b, world.adviser, dt.date(2025, 11, 1), next_due=dt.date(2026, 2, 1))
    meeting(c, world.adviser, dt.date(2025, 11, 1), next_due=dt.date(2026, 6, 1))
    meeting(d, world.adviser, dt.date(2025, 11, 1))

    due = selectors.meetings_due(membership=world.careers_leader, day=TODAY, weeks=4)
    overdue = selectors.meetings_overdue(membership=world.careers_leader, day=TODAY)

    assert [m.pupil for m in due] == [a]
    assert [m.pupil for m in overdue] == [b]
    assert [m.pupil for m in selectors.meetings_due(membership=world.careers_leader, day=TODAY, weeks=16)] == [a, c]


def test_lists_filter_by_adviser_class_and_nc_year(world):
    a, b = world.pupils[0], world.pupils[1]
    meeting(a, world.adviser, dt.date(2025, 11, 1), next_due=dt.date(2026, 2, 1))
    meeting(b, world.careers_leader, dt.date(2025, 11, 1), next_due=dt.date(2026, 2, 1))
    leader = world.careers_leader

    def overdue(**filters):
        return [m.pupil for m in selectors.meetings_overdue(membership=leader, day=TODAY,
                                                            filters=selectors.MeetingFilters(**filters))]

    assert overdue(adviser=world.adviser.pk) == [a]
    assert overdue(class_group=world.other_class.pk) == [b]
    assert overdue(nc_year="10") == [a, b]
    assert overdue(nc_year="9") == []


def test_outstanding_actions_by_due_date_with_undated_last_and_filters(world):
    made = meeting(world.pupils[0], world.adviser, actions=[
        action("Undated"), action("Later", due_on=dt.date(2026, 3, 30), owner_member=world.class_teacher),
        action("Late", due_on=dt.date(2026, 3, 1)), action("Done", done_on=dt.date(2026, 3, 2))])
    leader = world.careers_leader

    def listed(**filters):
        return [a.description for a in selectors.outstanding_actions(
            membership=leader, day=TODAY, filters=selectors.ActionFilters(**filters))]

    assert listed() == ["Late", "Later", "Undated"]
    assert listed(due="overdue") == ["Late"]
    assert listed(due="soon") == ["Later"]
    assert listed(owner=world.class_teacher.pk) == ["Later"]
    assert listed(adviser=world.careers_leader.pk) == []
    assert made.actions.count() == 4


def test_pupils_who_have_left_are_not_due(world):
    pupil = world.pupils[1]
    meeting(pupil, world.adviser, dt.date(2025, 11, 1), next_due=dt.date(2026, 2, 1))
    pupil.date_left = dt.date(2026, 1, 31)
    pupil.save()
    assert selectors.meetings_overdue(membership=world.careers_leader, day=TODAY) == []


def test_advisers_lists_advisers_first_and_no_governors(world):
    extra = factories.MembershipFactory(school=world.school, role="adviser", user__full_name="Another Adviser")
    found = list(selectors.advisers(school=world.school))
    assert found[:2] == [extra, world.adviser]
    assert world.leader not in found
