from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from roadahead.profiles import selectors
from roadahead.profiles.enums import EntryKind
from tests import factories
from tests.profiles.factories import category, entry, plan

pytestmark = pytest.mark.django_db


def test_profile_for_pupil_has_every_kind_and_only_current_entries(world):
    pupil = world.pupils[0]
    entry(pupil, "Likes the farm", kind=EntryKind.LIKE)
    entry(pupil, "Used to like painting", kind=EntryKind.LIKE, ended_on=dt.date(2026, 2, 1))
    entry(pupil, "Worried about the bus", kind=EntryKind.WORRY)
    entry(world.pupils[1], "Someone else's", kind=EntryKind.LIKE)

    found = selectors.profile_for_pupil(school=world.school, pupil=pupil)

    assert list(found) == [kind.value for kind in EntryKind]
    assert [e.text for e in found["like"]] == ["Likes the farm"]
    assert [e.text for e in found[EntryKind.WORRY]] == ["Worried about the bus"]
    assert found["strength"] == []


def test_profile_for_pupil_reads_in_one_query(world, django_assert_num_queries):
    for i in range(5):
        entry(world.pupils[0], f"Entry {i}", by=world.class_teacher)
    with django_assert_num_queries(1):
        found = selectors.profile_for_pupil(school=world.school, pupil=world.pupils[0])
        [e.recorded_by.user.full_name for e in found["like"]]


def test_intended_destination_is_the_latest_plan_up_to_the_year(world):
    pupil = world.pupils[0]
    assert selectors.intended_destination(school=world.school, pupil=pupil) is None
    plan(pupil, 2024, pupil_aim="Farm work")
    plan(pupil, 2025, pupil_aim="Animal care course")

    assert selectors.intended_destination(school=world.school, pupil=pupil).pupil_aim == "Animal care course"
    assert selectors.intended_destination(school=world.school, pupil=pupil, start_year=2024).pupil_aim == "Farm work"
    assert selectors.intended_destination(school=world.school, pupil=pupil, start_year=2023) is None


def test_history_groups_additions_and_endings_by_academic_year(world):
    pupil = world.pupils[0]
    old = entry(pupil, "Wants to be a footballer", kind=EntryKind.ASPIRATION, day=dt.date(2024, 10, 1),
                ended_on=dt.date(2025, 11, 3))
    new = entry(pupil, "Wants to work at the garden centre", kind=EntryKind.ASPIRATION, day=dt.date(2025, 11, 3))

    years = selectors.profile_history(school=world.school, pupil=pupil)

    assert [y.label for y in years] == ["2025/26", "2024/25"]
    assert years[0].added == [new]
    assert years[0].ended == [old]
    assert years[1].added == [old]


def test_plans_are_judged_against_the_pathway_that_year(world):
    pupil = world.pupils[0]
    internship = category(world.school)
    day_service = category(world.school, "day-service", "Day service")
    pathway = factories.PathwayFactory(school=world.school, vision="Paid work with support")
    pathway.in_keeping_destinations.add(internship)
    enrolment = pupil.enrolments.get()
    enrolment.pathway = pathway
    enrolment.save()
    made = plan(pupil, 2025, pupil_category=internship)
    made.family_category = day_service
    made.save()

    [view] = selectors.transition_plans(school=world.school, pupil=pupil)

    assert view.pathway == pathway
    assert [a.in_keeping for a in view.aims] == [True, False, None]


def test_entry_of_a_pupil_the_adviser_is_not_assigned_is_not_found(world):
    hidden = entry(world.pupils[1])
    with pytest.raises(Http404):
        selectors.entry_for_member(membership=world.adviser, pk=hidden.pk, day=dt.date(2026, 3, 10))
    seen = entry(world.adviser_pupils[0])
    assert selectors.entry_for_member(membership=world.adviser, pk=seen.pk, day=dt.date(2026, 3, 10)) == seen


def test_my_future_shows_only_chosen_current_entries_and_the_pupils_own_aim(world):
    pupil = world.pupils[0]
    entry(pupil, "Feeding the goats", kind=EntryKind.LIKE, on_my_future=True)
    entry(pupil, "Not chosen", kind=EntryKind.LIKE)
    entry(pupil, "Ended", kind=EntryKind.STRENGTH, on_my_future=True, ended_on=dt.date(2026, 2, 1))
    entry(pupil, "Being kind", kind=EntryKind.STRENGTH, on_my_future=True)
    plan(pupil, pupil_aim="Work at the farm park")

    content = selectors.my_future(school=world.school, pupil=pupil)

    assert [e.text for e in content.likes] == ["Feeding the goats"]
    assert [e.text for e in content.good_at] == ["Being kind"]
    assert content.destination == "Work at the farm park"
