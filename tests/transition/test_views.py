from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadahead.activities.models import Participation
from roadahead.activities.services import ParticipationInput
from roadahead.entitlements.services import create_rule
from roadahead.people.models import Enrolment, Pupil
from roadahead.profiles import services as profile_services
from roadahead.profiles.selectors import intended_destination
from roadahead.standing.engine import standing
from roadahead.transition import services
from roadahead.transition.enums import VisitKind
from roadahead.transition.models import TransitionPair, TransitionVisit
from tests import factories
from tests.conftest import TODAY
from tests.transition.factories import college, half, individual, pair, record

pytestmark = pytest.mark.django_db


def url(world, name: str, **kwargs) -> str:
    return reverse(f"transition:{name}", kwargs={"school_slug": world.school.slug, **kwargs})


def test_setting_up_a_pair_for_a_class_lists_the_class_as_the_group(client, world):
    provider = college(world.school)
    client.force_login(world.class_teacher.user)
    types = services.transition_type(world.school)

    response = client.post(url(world, "pair_create"), {
        "provider": provider.pk, "title": "", "purpose": "Try the life skills course.",
        "class_group": world.class_group.pk, "activity_type": types.pk,
        "in_school_date": "03/02/2026", "people_met": "Two tutors", "at_provider_date": ""})

    made = TransitionPair.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(world, "pair_detail", pk=made.pk)
    assert made.title == "Transition visits: Riverside College"
    assert set(made.pupils.all()) == set(world.class_pupils)
    assert list(made.visits.values_list("kind", flat=True)) == [VisitKind.IN_SCHOOL]
    page = client.get(response["Location"]).content.decode()
    assert "Not arranged yet." in page
    # The recording screen is linked with the group listed by id only.
    record_url = reverse("activities:record", kwargs={"school_slug": "oakfield",
                                                      "pk": half(made, VisitKind.IN_SCHOOL).activity_id})
    assert record_url + "?pupil=" in page


def test_a_pair_needs_a_date_and_a_group(client, world):
    client.force_login(world.careers_leader.user)
    response = client.post(url(world, "pair_create"), {
        "provider": college(world.school).pk, "activity_type": services.transition_type(world.school).pk})
    page = response.content.decode()
    assert "Give the date of at least one of the two visits." in page
    assert "Choose a class or tick the pupils the provider may suit." in page
    assert not TransitionPair.objects.exists()


def test_responses_recorded_on_the_recording_screen_show_side_by_side_and_count(client, world):
    Enrolment.objects.filter(pupil__in=world.pupils).update(nc_year="13")
    rule = create_rule(school=world.school, by=None, name="Transition visits", required=2, first_year="12",
                       last_year="14", activity_types=[services.transition_type(world.school)])
    pupil = world.class_pupils[0]
    made = pair(world.careers_leader, world.class_pupils)
    client.force_login(world.class_teacher.user)
    for kind, words, reaction in ((VisitKind.IN_SCHOOL, "The tutor was kind.", "liked"),
                                  (VisitKind.AT_PROVIDER, "Too many stairs.", "unsure")):
        activity_id = half(made, kind).activity_id
        record_url = reverse("activities:record", kwargs={"school_slug": "oakfield", "pk": activity_id})
        posted = {"pupil": [p.pk for p in world.class_pupils], "action": "save"}
        for p in world.class_pupils:
            posted[f"p{p.pk}-attendance"] = "attended" if p == pupil else "absent"
        posted.update({f"p{pupil.pk}-engagement": "3", f"p{pupil.pk}-reaction": reaction,
                       f"p{pupil.pk}-response": words, f"p{pupil.pk}-response_method": "symbols"})
        assert client.post(record_url, posted).status_code == 302

    page = client.get(url(world, "pair_detail", pk=made.pk)).content.decode()
    row = page[page.index(pupil.display_name):]
    assert row.index("The tutor was kind.") < row.index("Too many stairs.")
    assert "symbols or aac" in row
    report = standing(school=world.school, as_of=TODAY, pupils=Pupil.objects.filter(pk=pupil.pk))
    assert next(r.achieved for r in report.for_pupil(pupil.pk) if r.rule_id == rule.pk) == 2
    mine = client.get(url(world, "pupil", pupil_pk=pupil.pk)).content.decode()
    assert mine.index("Too many stairs.") < mine.index("The tutor was kind.")  # newest first


def test_recording_an_individual_visit_shows_the_intended_destination(client, world):
    pupil = world.class_pupils[0]
    category = factories.DestinationCategoryFactory(school=world.school, name="Specialist college")
    profile_services.save_plan(school=world.school, pupil=pupil, member=world.careers_leader, start_year=2025,
                               pupil_category=category, pupil_aim="Cooking at college", reviewed_on=TODAY)
    provider = college(world.school, "Meadow Farm College")
    client.force_login(world.class_teacher.user)
    form = client.get(url(world, "visit_create", pupil_pk=pupil.pk)).content.decode()
    assert "Specialist college" in form

    response = client.post(url(world, "visit_create", pupil_pk=pupil.pk), {
        "provider": provider.pk, "date": "02/03/2026", "companions": ["family", "keyworker"],
        "companions_note": "", "attendance": "attended", "engagement": "4", "reaction": "liked",
        "response": "Chickens! I want to go again.", "response_method": "own_words", "staff_note": "",
        "next_steps": "Taster day in May with Dad."})

    visit = TransitionVisit.objects.get()
    assert response["Location"] == url(world, "visit_detail", pk=visit.pk)
    page = client.get(response["Location"]).content.decode()
    for text in ("Chickens! I want to go again.", "Parent, carer or family member", "Taster day in May with Dad.",
                 "Specialist college", "Cooking at college", "Update intended destination"):
        assert text in page
    assert Participation.objects.get(activity=visit.activity).response == "Chickens! I want to go again."


def test_a_visit_offers_to_update_the_intended_destination_through_the_profiles_service(client, world):
    pupil = world.class_pupils[0]
    college_category = factories.DestinationCategoryFactory(school=world.school, name="Specialist college",
                                                            code="specialist")
    visit = individual(pupil, world.class_teacher)
    client.force_login(world.class_teacher.user)
    form = client.get(url(world, "destination", pk=visit.pk, pupil_pk=pupil.pk)).content.decode()
    assert "I liked the kitchen. Big ovens." in form
    assert "2 March 2026: An individual visit, Meadow Farm College." in form

    response = client.post(url(world, "destination", pk=visit.pk, pupil_pk=pupil.pk), {
        "pupil_category": college_category.pk, "pupil_aim": "Cook at the farm college",
        "plan": "2 March 2026: An individual visit, Meadow Farm College.", "version": ""})

    assert response["Location"] == url(world, "visit_detail", pk=visit.pk)
    plan = intended_destination(school=world.school, pupil=pupil)
    assert (plan.start_year, plan.pupil_category, plan.pupil_aim, plan.reviewed_on, plan.reviewed_by) == (
        2025, college_category, "Cook at the farm college", TODAY, world.class_teacher)
    assert "Meadow Farm College" in plan.plan
    # A second update from a stale form is refused, not lost.
    stale = client.post(url(world, "destination", pk=visit.pk, pupil_pk=pupil.pk), {
        "pupil_aim": "Something else", "plan": "", "version": str(plan.version - 1)})
    assert stale.status_code == 200
    assert "Someone else changed this" in stale.content.decode()


def test_the_pair_page_offers_the_destination_update_for_pupils_who_went(client, world):
    pupil = world.class_pupils[0]
    made = pair(world.careers_leader, world.class_pupils)
    record(half(made, VisitKind.AT_PROVIDER), world.class_teacher, [ParticipationInput(pupil=pupil)])
    client.force_login(world.class_teacher.user)
    page = client.get(url(world, "pair_detail", pk=made.pk)).content.decode()
    assert url(world, "destination", pk=half(made, VisitKind.AT_PROVIDER).pk, pupil_pk=pupil.pk) in page
    assert page.count("Update intended destination") == 1


def _queries(client, address: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["list", "providers", "pupils", "without"])
def test_lists_take_the_same_queries_for_one_row_or_many(client, world, name):
    Enrolment.objects.filter(pupil__in=world.pupils).update(nc_year="12")
    client.force_login(world.class_teacher.user)
    query = "?when=past" if name == "list" else ""
    day = dt.date(2026, 3, 2)
    individual(world.class_pupils[0], world.class_teacher, day)
    client.get(url(world, name) + query)  # the first request of a session loads a few things once
    few = _queries(client, url(world, name) + query)
    for i in range(4):
        individual(world.class_pupils[1], world.class_teacher, day,
                   provider=college(world.school, f"College {i}"))
        made = pair(world.careers_leader, world.class_pupils, provider=college(world.school, f"Service {i}"))
        record(half(made, VisitKind.IN_SCHOOL), world.careers_leader,
               [ParticipationInput(pupil=p) for p in world.class_pupils])
    for i in range(3):
        extra = factories.PupilFactory(school=world.school, upn=f"Q0000000000{i}")
        factories.EnrolmentFactory(pupil=extra, academic_year=world.class_group.academic_year, nc_year="11",
                                   class_group=world.class_group)
    assert _queries(client, url(world, name) + query) == few


def test_the_lists_show_upcoming_and_past_visits_and_who_has_none(client, world):
    Enrolment.objects.filter(pupil__in=world.pupils).update(nc_year="12")
    with_visit, without = world.class_pupils
    individual(with_visit, world.class_teacher, dt.date(2026, 3, 2))
    pair(world.careers_leader, [without], in_school=dt.date(2026, 3, 17), at_provider=None,
         provider=college(world.school, "Hillside Day Service"))
    client.force_login(world.class_teacher.user)

    upcoming = client.get(url(world, "list")).content.decode()
    past = client.get(url(world, "list") + "?when=past").content.decode()
    nobody = client.get(url(world, "without")).content.decode()

    table = upcoming[upcoming.index("<table"):]
    assert "Hillside Day Service" in table
    assert "Meadow Farm College" not in table
    assert "Meadow Farm College" in past[past.index("<table"):]
    assert with_visit.display_name in past
    assert without.display_name in nobody
    assert with_visit.display_name not in nobody
    # Pupils in other classes are not the class teacher's to list.
    assert world.pupils[1].display_name not in nobody


def test_governors_see_figures_without_names_and_small_groups_withheld(client, world):
    Enrolment.objects.filter(pupil__in=world.pupils).update(nc_year="13")
    individual(world.pupils[0], world.careers_leader)
    client.force_login(world.leader.user)

    page = client.get(url(world, "summary")).content.decode()

    assert "Meadow Farm College" in page
    assert "Withheld" in page
    assert world.pupils[0].display_name not in page
    assert client.get(url(world, "pupil_section", pupil_pk=world.pupils[0].pk)).content == b""
    client.force_login(world.careers_leader.user)
    leader_page = client.get(url(world, "summary")).content.decode()
    assert "Withheld" not in leader_page


def test_the_pupil_section_summarises_visits(client, world):
    pupil = world.pupils[0]
    individual(pupil, world.careers_leader)
    pair(world.careers_leader, [pupil], in_school=dt.date(2026, 4, 20), at_provider=None,
         provider=college(world.school, "Hillside Day Service"))
    client.force_login(world.careers_leader.user)
    fragment = client.get(url(world, "pupil_section", pupil_pk=pupil.pk)).content.decode()
    assert "Meadow Farm College: liked it" in fragment
    assert "20 April 2026, Hillside Day Service" in fragment
    page = client.get(reverse("people:pupil_detail", kwargs={"school_slug": "oakfield", "pk": pupil.pk}))
    assert url(world, "pupil_section", pupil_pk=pupil.pk) in page.content.decode()


def test_deleting_a_pair_from_its_page(client, world):
    made = pair(world.careers_leader, world.pupils[:2])
    client.force_login(world.careers_leader.user)
    response = client.post(url(world, "pair_delete", pk=made.pk))
    assert response["Location"] == url(world, "list")
    assert not TransitionPair.objects.exists()
    assert not TransitionVisit.objects.exists()


def test_adding_the_second_half_later(client, world):
    made = pair(world.careers_leader, world.pupils[:1], at_provider=None)
    client.force_login(world.careers_leader.user)
    response = client.post(url(world, "pair_add_half", pk=made.pk, kind="at-provider"), {
        "date": "24/03/2026", "activity_type": services.transition_type(world.school).pk, "people_met": ""})
    assert response["Location"] == url(world, "pair_detail", pk=made.pk)
    assert half(made, VisitKind.AT_PROVIDER).activity.date == dt.date(2026, 3, 24)
    assert client.get(url(world, "pair_add_half", pk=made.pk, kind="elsewhere")).status_code == 404


def test_pupil_page_query_count_does_not_depend_on_transition_visits(client, world):
    pupil = world.pupils[0]
    address = reverse("people:pupil_detail", kwargs={"school_slug": "oakfield", "pk": pupil.pk})
    client.force_login(world.careers_leader.user)
    client.get(address)
    before = _queries(client, address)
    for i in range(3):
        individual(pupil, world.careers_leader, provider=college(world.school, f"College {i}"))
        pair(world.careers_leader, [pupil], provider=college(world.school, f"Service {i}"))
    assert _queries(client, address) == before
