from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from roadahead.audit.models import AuditEntry
from roadahead.profiles.enums import EntryKind
from roadahead.profiles.models import MyFuture, ProfileEntry, TransitionPlan
from tests import factories
from tests.profiles.factories import category, entry, plan

pytestmark = pytest.mark.django_db


def url(world, name, **kwargs):
    return reverse(f"profiles:{name}", kwargs={"school_slug": world.school.slug, **kwargs})


def test_profile_shows_current_entries_by_kind_and_the_history(leader_client, world):
    pupil = world.pupils[0]
    entry(pupil, "Feeding the goats", kind=EntryKind.LIKE)
    entry(pupil, "Wants to be a vet", kind=EntryKind.ASPIRATION, day=dt.date(2024, 11, 1),
          ended_on=dt.date(2025, 10, 1))

    page = leader_client.get(url(world, "profile", pupil_pk=pupil.pk)).content.decode()

    assert "Feeding the goats" in page
    assert "With symbols or AAC" in page
    assert "2024/25" in page  # the year the ended aspiration was first recorded
    assert "Wants to be a vet" in page
    assert AuditEntry.objects.filter(action="profile.viewed", pupil_id=pupil.pk).exists()


def test_add_an_entry_through_the_form(client, world):
    client.force_login(world.class_teacher.user)
    pupil = world.class_pupils[0]
    response = client.post(url(world, "entry_create", pupil_pk=pupil.pk), {
        "kind": "strength", "text": "Very patient with younger pupils", "source": "staff",
        "captured": "observation", "recorded_on": "09/03/2026", "on_my_future": "on"})
    assert response.status_code == 302
    made = ProfileEntry.objects.get(pupil=pupil)
    assert made.recorded_by == world.class_teacher
    assert made.on_my_future


def test_add_an_entry_without_text_says_what_is_missing(leader_client, world):
    response = leader_client.post(url(world, "entry_create", pupil_pk=world.pupils[0].pk), {
        "kind": "like", "text": "", "source": "pupil", "captured": "own_words", "recorded_on": "09/03/2026"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not ProfileEntry.objects.exists()


def test_edit_from_a_stale_page_is_refused_and_says_so(leader_client, world):
    made = entry(world.pupils[0])
    form = {"kind": "like", "source": "pupil", "captured": "symbols", "recorded_on": "12/01/2026", "version": "1"}
    assert leader_client.post(url(world, "entry_edit", pk=made.pk), {**form, "text": "First"}).status_code == 302
    response = leader_client.post(url(world, "entry_edit", pk=made.pk), {**form, "text": "Second"})
    assert "Someone else changed this" in response.content.decode()
    made.refresh_from_db()
    assert made.text == "First"


def test_end_an_entry_with_what_is_true_now(leader_client, world):
    made = entry(world.pupils[0], "Wants to work in a shop", kind=EntryKind.ASPIRATION)
    response = leader_client.post(url(world, "entry_end", pk=made.pk), {
        "ended_on": "10/03/2026", "reason": "After the café taster", "replacement": "Wants to work in a café",
        "version": "1"})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.superseded_by.text == "Wants to work in a café"
    page = leader_client.get(url(world, "profile", pupil_pk=world.pupils[0].pk)).content.decode()
    assert "After the café taster" in page


def test_an_ended_entry_cannot_be_ended_again(leader_client, world):
    made = entry(world.pupils[0], ended_on=dt.date(2026, 2, 1))
    assert leader_client.get(url(world, "entry_end", pk=made.pk)).status_code == 404


def test_plan_review_shows_against_the_pathway_vision(leader_client, world):
    pupil = world.pupils[0]
    internship = category(world.school)
    pathway = factories.PathwayFactory(school=world.school, vision="Paid work with the right support")
    pathway.in_keeping_destinations.add(internship)
    pupil.enrolments.update(pathway=pathway)
    response = leader_client.post(url(world, "plan_edit", pupil_pk=pupil.pk, start_year=2025), {
        "pupil_category": internship.pk, "pupil_aim": "Work at the garden centre", "family_aim": "",
        "school_aim": "", "plan": "Taster day at the college in May", "reviewed_on": "10/03/2026"})
    assert response.status_code == 302
    assert TransitionPlan.objects.get(pupil=pupil).pupil_category == internship
    page = leader_client.get(url(world, "profile", pupil_pk=pupil.pk)).content.decode()
    assert "Paid work with the right support" in page
    assert "In keeping with the pathway" in page


def test_plan_review_starts_from_last_years_aims(leader_client, world):
    plan(world.pupils[0], 2024, pupil_aim="Farm work", reviewed_on=dt.date(2025, 2, 1))
    page = leader_client.get(url(world, "plan_edit", pupil_pk=world.pupils[0].pk, start_year=2025))
    assert "Farm work" in page.content.decode()


def test_plan_for_a_far_year_is_not_found(leader_client, world):
    assert leader_client.get(url(world, "plan_edit", pupil_pk=world.pupils[0].pk, start_year=2019)).status_code == 404


def test_my_future_page_shows_chosen_entries_in_large_type(leader_client, world):
    pupil = world.pupils[0]
    entry(pupil, "Feeding the goats", on_my_future=True)
    entry(pupil, "Not for the page")
    plan(pupil, pupil_aim="Work at the farm park")
    page = leader_client.get(url(world, "my_future", pupil_pk=pupil.pk)).content.decode()
    assert "What I like" in page
    assert "Feeding the goats" in page
    assert "Not for the page" not in page
    assert "After school: Work at the farm park" in page
    assert "profiles/my-future.css" in page


def test_my_future_edit_chooses_entries_and_writes_steps(leader_client, world):
    pupil = world.pupils[0]
    chosen = entry(pupil, "Goats")
    response = leader_client.post(url(world, "my_future_edit", pupil_pk=pupil.pk), {
        "entries": [chosen.pk], "next_steps": "Visit the farm with Mum\nPractise the bus"})
    assert response.status_code == 302
    chosen.refresh_from_db()
    assert chosen.on_my_future
    assert MyFuture.objects.get(pupil=pupil).next_steps.startswith("Visit the farm")


def test_my_future_edit_cannot_choose_another_pupils_entry(leader_client, world):
    other = entry(world.pupils[1], "Not theirs")
    response = leader_client.post(url(world, "my_future_edit", pupil_pk=world.pupils[0].pk),
                                  {"entries": [other.pk], "next_steps": ""})
    assert response.status_code == 200  # the choice is not offered, so the form refuses it
    other.refresh_from_db()
    assert not other.on_my_future


def test_pupil_page_shows_the_section_and_loads_the_summary(leader_client, world):
    pupil = world.pupils[0]
    page = leader_client.get(reverse("people:pupil_detail", kwargs={"school_slug": world.school.slug,
                                                                    "pk": pupil.pk})).content.decode()
    assert "Career profile and My future" in page
    assert url(world, "fragment", pupil_pk=pupil.pk) in page
    entry(pupil, "Wants to work with animals", kind=EntryKind.ASPIRATION)
    fragment = leader_client.get(url(world, "fragment", pupil_pk=pupil.pk)).content.decode()
    assert "Wants to work with animals" in fragment
    assert "1 current entry" in fragment


def test_pupil_page_hides_the_section_from_governors(client, world):
    client.force_login(world.leader.user)
    page = client.get(reverse("people:pupil_detail", kwargs={"school_slug": world.school.slug,
                                                             "pk": world.pupils[0].pk})).content.decode()
    assert "Career profile and My future" not in page


def test_pupil_page_query_count_does_not_grow_with_the_profile(leader_client, world, django_assert_num_queries):
    pupil = world.pupils[0]
    address = reverse("people:pupil_detail", kwargs={"school_slug": world.school.slug, "pk": pupil.pk})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    leader_client.get(address)  # the first request fills caches (content types, the session)
    with CaptureQueriesContext(connection) as empty:
        leader_client.get(address)
    for i in range(10):
        entry(pupil, f"Entry {i}", kind=EntryKind.INTEREST)
    plan(pupil)
    with django_assert_num_queries(len(empty.captured_queries)):
        leader_client.get(address)


def test_profile_page_query_count_is_fixed(leader_client, world, django_assert_num_queries):
    pupil = world.pupils[0]
    address = url(world, "profile", pupil_pk=pupil.pk)
    entry(pupil, "One", by=world.class_teacher)
    plan(pupil, 2025)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    leader_client.get(address)  # the first request fills caches (content types, the session)
    with CaptureQueriesContext(connection) as one:
        leader_client.get(address)
    for i in range(12):
        entry(pupil, f"Entry {i}", kind=EntryKind.STRENGTH, by=world.adviser, ended_on=dt.date(2026, 3, 1))
    plan(pupil, 2024)
    with django_assert_num_queries(len(one.captured_queries)):
        leader_client.get(address)


def test_an_entry_dated_in_the_future_is_refused(leader_client, world):
    response = leader_client.post(url(world, "entry_create", pupil_pk=world.pupils[0].pk), {
        "kind": "like", "text": "Goats", "source": "pupil", "captured": "own_words", "recorded_on": "11/03/2026"})
    assert "today or in the past" in response.content.decode()
    assert not ProfileEntry.objects.exists()


def test_export_has_every_entry_of_the_pupils_the_member_may_see_with_formula_cells_made_safe(client, world):
    from roadahead.profiles.services import add_entry

    mine, other = world.adviser_pupils[0], next(p for p in world.pupils if p not in world.adviser_pupils)
    for pupil, text in ((mine, "=SUM(A1)"), (other, "Horses")):
        add_entry(school=world.school, pupil=pupil, member=world.careers_leader, kind="interest", text=text,
                  source="pupil", captured="own_words", recorded_on=dt.date(2026, 2, 2))
    client.force_login(world.adviser.user)
    rows = client.get("/s/oakfield/profiles/export.csv").content.decode().splitlines()
    assert len(rows) == 2
    assert mine.upn in rows[1]
    assert "'=SUM(A1)" in rows[1]
