from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from roadahead.events import services
from roadahead.events.models import Event, Feedback, FeedbackLink
from tests import factories
from tests.events.helpers import make_event, make_link

pytestmark = pytest.mark.django_db

ROLES = ["careers_leader", "class_teacher", "adviser", "leader"]


def login(client, world, role):
    client.force_login(getattr(world, role).user)
    return client


def url(world, tail=""):
    return f"/s/{world.school.slug}/events/{tail}"


@pytest.mark.parametrize("role", ROLES)
def test_event_list_shows_upcoming_and_past_events_to_every_role(client, world, role):
    make_event(world, title="Summer transition fair", date=dt.date(2026, 6, 18))
    make_event(world, title="Autumn careers fair", date=dt.date(2025, 11, 12))
    body = login(client, world, role).get(url(world)).content.decode()
    upcoming, past = body.split("Past events")
    assert "Summer transition fair" in upcoming
    assert "Autumn careers fair" in past
    assert ("Add an event" in body) == (role == "careers_leader")


@pytest.mark.parametrize("role", ROLES)
def test_event_detail_offers_actions_by_role(client, world, role):
    event = make_event(world)
    body = login(client, world, role).get(url(world, f"{event.pk}/")).content.decode()
    assert "Stall 0" in body
    assert ("Change event" in body) == (role == "careers_leader")
    assert ("Make feedback links" in body) == (role == "careers_leader")
    assert ("Enter feedback" in body) == (role in {"careers_leader", "class_teacher"})


def test_careers_leader_creates_an_event_with_stallholders(leader_client, world):
    college = factories.ProviderFactory(school=world.school, name="Riverside College")
    factories.ProviderFactory(school=world.school, name="Old Partner", is_active=False)
    form = leader_client.get(url(world, "new/")).content.decode()
    assert "Riverside College" in form
    assert "Old Partner" not in form
    response = leader_client.post(url(world, "new/"), {
        "title": "Transition evening", "date": "24/03/2026", "purpose": "Meet post-19 providers",
        "invited": "Families of Years 11 to 14", "families_attended": "", "stallholders": [college.pk]},
        follow=True)
    body = response.content.decode()
    assert "Transition evening is saved." in body
    event = Event.objects.get(school=world.school, activity__title="Transition evening")
    assert event.activity.date == dt.date(2026, 3, 24)
    assert [s.provider for s in event.stallholders.all()] == [college]
    assert "Riverside College" in body


def test_event_form_explains_a_missing_title_and_bad_date(leader_client, world):
    body = leader_client.post(url(world, "new/"), {"title": "", "date": "31/02/2026"}).content.decode()
    assert "There is a problem" in body
    assert not Event.objects.exists()


def test_careers_leader_changes_an_event_and_a_stale_form_is_refused(leader_client, world):
    event = make_event(world)
    version = event.activity.version
    data = {"version": version, "title": "Spring fair", "date": "20/03/2026", "families_attended": "31",
            "invited": "Everyone", "purpose": ""}
    assert leader_client.post(url(world, f"{event.pk}/edit/"), data).status_code == 302
    event.refresh_from_db()
    assert event.families_attended == 31
    assert event.stallholders.count() == 0
    stale = leader_client.post(url(world, f"{event.pk}/edit/"), {**data, "families_attended": "5"})
    assert "Someone else changed" in stale.content.decode()
    event.refresh_from_db()
    assert event.families_attended == 31


def test_another_schools_event_is_not_found(leader_client, world, other_world):
    theirs = make_event(other_world, title="Their fair")
    for tail in ("", "edit/", "links/", "feedback/new/"):
        assert leader_client.get(url(world, f"{theirs.pk}/{tail}")).status_code == 404
    assert "Their fair" not in leader_client.get(url(world)).content.decode()


def test_make_links_shows_each_address_once_and_keeps_only_hashes(leader_client, world):
    event = make_event(world)
    response = leader_client.post(url(world, f"{event.pk}/links/"), {
        "respondent": "family", "label": "Families at the fair", "count": "3", "valid_days": "30"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert body.count("http://testserver/feedback/") == 3
    assert FeedbackLink.objects.filter(event=event, respondent="family").count() == 3
    # The addresses are not kept, so the event page cannot show them again.
    token = body.split("http://testserver/feedback/")[1].split("/")[0]
    detail = leader_client.get(url(world, f"{event.pk}/")).content.decode()
    assert token not in detail
    assert "Families at the fair" in detail
    assert "Waiting" in detail


def test_staff_enter_feedback_only_for_pupils_they_may_see(client, world):
    event = make_event(world)
    login(client, world, "class_teacher")
    theirs, not_theirs = world.class_pupils[0], world.pupils[1]
    form = client.get(url(world, f"{event.pk}/feedback/new/")).content.decode()
    assert theirs.display_name in form
    assert not_theirs.display_name not in form
    refused = client.post(url(world, f"{event.pk}/feedback/new/"),
                          {"respondent": "pupil", "pupil": not_theirs.pk, "rating": "4"})
    assert refused.status_code == 200
    assert not Feedback.objects.exists()
    saved = client.post(url(world, f"{event.pk}/feedback/new/"),
                        {"respondent": "pupil", "pupil": theirs.pk, "rating": "4", "liked": "Pointed to the cake"})
    assert saved.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.pupil, feedback.entered_by) == (theirs, world.class_teacher.user)


def test_feedback_entry_with_nothing_said_is_explained(leader_client, world):
    event = make_event(world)
    body = leader_client.post(url(world, f"{event.pk}/feedback/new/"), {"respondent": "family"}).content.decode()
    assert "Choose how useful it was or write something" in body
    assert not Feedback.objects.exists()


def test_adviser_sees_feedback_summary_but_only_their_pupils_names(client, world):
    event = make_event(world)
    by = world.careers_leader.user
    services.enter_feedback(event=event, by=by, respondent="pupil", pupil=world.adviser_pupils[0], rating=4,
                            liked="Liked the farm stall")
    services.enter_feedback(event=event, by=by, respondent="pupil", pupil=world.pupils[3], rating=2,
                            liked="Too noisy")
    body = login(client, world, "adviser").get(url(world, f"{event.pk}/")).content.decode()
    assert "2 responses" in body
    assert "Too noisy" in body  # the comment counts in the summary, without a name
    assert world.adviser_pupils[0].display_name in body
    assert world.pupils[3].display_name not in body
    assert "Add to profile" not in body


def test_add_to_profile_marks_the_pupils_feedback(client, world):
    event = make_event(world)
    feedback = services.enter_feedback(event=event, by=world.careers_leader.user, respondent="pupil",
                                       pupil=world.class_pupils[0], rating=4)
    login(client, world, "class_teacher")
    response = client.post(url(world, f"{event.pk}/feedback/{feedback.pk}/profile/"), follow=True)
    assert "feedback is added to their profile" in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.added_to_profile


def test_add_to_profile_for_a_pupil_the_member_cannot_see_is_not_found(client, world):
    event = make_event(world)
    feedback = services.enter_feedback(event=event, by=world.careers_leader.user, respondent="pupil",
                                       pupil=world.pupils[1], rating=4)
    login(client, world, "class_teacher")
    assert client.post(url(world, f"{event.pk}/feedback/{feedback.pk}/profile/")).status_code == 404
    feedback.refresh_from_db()
    assert not feedback.added_to_profile


# The public form: /feedback/<token>/, without signing in.

def test_public_form_works_without_signing_in_and_only_once(client, world):
    event = make_event(world, title="Spring careers fair")
    token = make_link(world, event, respondent="family")
    page = client.get(f"/feedback/{token}/")
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "no-referrer"
    assert "no-store" in page["Cache-Control"]
    body = page.content.decode()
    assert "Spring careers fair" in body
    assert "How useful was the event for you and your child?" in body
    assert 'name="csrfmiddlewaretoken"' in body
    for pupil in world.pupils:
        assert pupil.legal_surname not in body
    thanks = client.post(f"/feedback/{token}/", {"rating": "4", "liked": "Met the college", "improve": "",
                                                "next_steps": "A taster day"})
    assert thanks.status_code == 200
    assert "Thank you" in thanks.content.decode()
    assert thanks["Referrer-Policy"] == "no-referrer"
    feedback = Feedback.objects.get()
    assert (feedback.respondent, feedback.rating, feedback.next_steps) == ("family", 4, "A taster day")
    again = client.get(f"/feedback/{token}/")
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert "Spring careers fair" not in again.content.decode()
    assert client.post(f"/feedback/{token}/", {"rating": "1"}).status_code == 410
    assert Feedback.objects.count() == 1


def test_public_form_words_suit_the_respondent(client, world):
    event = make_event(world)
    pupil_page = client.get(f"/feedback/{make_link(world, event, respondent='pupil')}/").content.decode()
    provider_page = client.get(f"/feedback/{make_link(world, event, respondent='provider')}/").content.decode()
    assert "Did the event help you?" in pupil_page
    assert "Yes, a lot" in pupil_page
    assert "How useful was the event for your organisation?" in provider_page


def test_public_form_with_an_unknown_token_reveals_nothing(client, world):
    make_event(world, title="Spring careers fair")
    response = client.get("/feedback/not-a-real-token/")
    assert response.status_code == 404
    assert response["Referrer-Policy"] == "no-referrer"
    body = response.content.decode()
    assert "This link does not work" in body
    assert "Spring careers fair" not in body
    assert "Oakfield" not in body


def test_public_form_after_the_link_expires_is_gone(client, world):
    event = make_event(world, title="Spring careers fair")
    token = make_link(world, event)
    with time_machine.travel(dt.datetime(2026, 4, 20, 9, tzinfo=dt.UTC)):
        response = client.get(f"/feedback/{token}/")
    assert response.status_code == 410
    assert "out of date" in response.content.decode()
    assert "Spring careers fair" not in response.content.decode()


def test_public_form_sent_empty_asks_for_an_answer_and_keeps_the_link(client, world):
    token = make_link(world)
    body = client.post(f"/feedback/{token}/", {"rating": "", "liked": ""}).content.decode()
    assert "There is a problem" in body
    assert FeedbackLink.objects.get().used_at is None


def csrf_client(world):
    """A client that enforces CSRF, holding the cookie and form token from a first visit."""
    client = Client(enforce_csrf_checks=True)
    token = make_link(world)
    client.get(f"/feedback/{token}/")
    return client, token, client.cookies["csrftoken"].value


def test_public_form_refuses_a_post_without_the_csrf_token(world):
    client, token, _csrf = csrf_client(world)
    response = client.post(f"/feedback/{token}/", {"rating": "4"}, headers={"Origin": "null"})
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_public_form_accepts_the_null_origin_its_no_referrer_policy_causes(world):
    client, token, csrf = csrf_client(world)
    # Browsers send "Origin: null" and no Referer from a no-referrer page, even over HTTPS.
    response = client.post(f"/feedback/{token}/", {"rating": "4", "csrfmiddlewaretoken": csrf},
                           headers={"Origin": "null"}, secure=True)
    assert response.status_code == 200
    assert Feedback.objects.count() == 1


def test_public_form_refuses_a_post_from_another_site(world):
    client, token, csrf = csrf_client(world)
    response = client.post(f"/feedback/{token}/", {"rating": "4", "csrfmiddlewaretoken": csrf},
                           headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_event_detail_links_to_recording_the_pupils_who_came(leader_client, world):
    event = make_event(world)
    body = leader_client.get(url(world, f"{event.pk}/")).content.decode()
    assert f"/s/oakfield/activities/{event.activity_id}/record/" in body
    assert "0 pupils recorded" in body


def test_event_detail_queries_do_not_grow_with_feedback(leader_client, world):
    event = make_event(world)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert leader_client.get(url(world, f"{event.pk}/")).status_code == 200
        return len(captured)

    for pupil in world.pupils[:2]:
        services.enter_feedback(event=event, by=world.careers_leader.user, respondent="pupil", pupil=pupil, rating=3)
    queries()  # the first visit also saves the session
    few = queries()
    for pupil in world.pupils[2:]:
        services.enter_feedback(event=event, by=world.careers_leader.user, respondent="pupil", pupil=pupil, rating=3)
    for _ in range(5):
        services.make_feedback_link(event=event, respondent="family", label="", by=world.careers_leader.user)
    assert queries() == few
