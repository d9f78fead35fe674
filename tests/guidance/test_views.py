from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.audit.models import AuditEntry
from roadahead.guidance.models import GuidanceAction, GuidanceMeeting
from tests import factories
from tests.guidance.factories import action, meeting

pytestmark = pytest.mark.django_db

BASE = "/s/oakfield/guidance/"


def _as(client, member):
    client.force_login(member.user)
    return client


def _form(**values):
    data = {"date": "03/03/2026", "mode": "in_person", "advocate": "class_teacher",
            "communication": ["symbols", "speech"], "support_notes": "Used her symbol book.",
            "pupil_words": "Animals. Outside. Not loud.", "discussed": "Farm college taster day.",
            "next_due": "01/06/2026", "adviser_qualification": "", "adviser_independent": "",
            "actions-TOTAL_FORMS": "3", "actions-INITIAL_FORMS": "0", "actions-MIN_NUM_FORMS": "0",
            "actions-MAX_NUM_FORMS": "20",
            "actions-0-description": "Book the taster day", "actions-0-due_on": "20/03/2026",
            "actions-1-description": "Talk to Mum about travel", "actions-1-owner_text": "Mum"}
    data.update(values)
    return data


def test_adviser_records_a_meeting_with_actions_for_an_assigned_pupil(client, world):
    world.adviser.qualification_level = 6
    world.adviser.independent_of_school = True
    world.adviser.save()
    pupil = world.adviser_pupils[0]

    response = _as(client, world.adviser).post(f"{BASE}pupil/{pupil.pk}/new/", _form(adviser=world.careers_leader.pk))

    made = GuidanceMeeting.objects.get()
    assert response["Location"] == f"{BASE}{made.pk}/"
    # An adviser records their own meetings, whatever the form says.
    assert made.adviser == world.adviser
    assert (made.adviser_qualification, made.adviser_independent) == ("level_6", True)
    assert made.communication == ["symbols", "speech"]
    assert [a.description for a in made.actions.all()] == ["Book the taster day", "Talk to Mum about travel"]
    page = client.get(response["Location"]).content.decode()
    assert "Animals. Outside. Not loud." in page
    assert "Symbols, pictures or AAC" in page
    assert "Book the taster day" in page


def test_the_form_refuses_an_action_with_no_description(client, world):
    pupil = world.adviser_pupils[0]
    response = _as(client, world.adviser).post(f"{BASE}pupil/{pupil.pk}/new/",
                                               _form(**{"actions-2-owner_text": "The pupil"}))
    assert "Say what the action is" in response.content.decode()
    assert not GuidanceMeeting.objects.exists()


def test_careers_leader_chooses_the_adviser_and_sees_service_errors_on_the_form(client, world):
    pupil = world.pupils[3]
    response = _as(client, world.careers_leader).post(
        f"{BASE}pupil/{pupil.pk}/new/", _form(adviser=world.adviser.pk, next_due="01/01/2026"))
    assert "The next meeting must be due after this one." in response.content.decode()
    client.post(f"{BASE}pupil/{pupil.pk}/new/", _form(adviser=world.adviser.pk))
    assert GuidanceMeeting.objects.get().adviser == world.adviser


def test_edit_keeps_actions_marks_one_done_and_refuses_a_stale_version(client, world):
    pupil = world.adviser_pupils[0]
    made = meeting(pupil, world.adviser, actions=[action("Keep"), action("Drop")])
    keep, drop = made.actions.all()
    data = _form(version="1", adviser=world.adviser.pk, **{
        "actions-TOTAL_FORMS": "4", "actions-INITIAL_FORMS": "2",
        "actions-0-id": str(keep.pk), "actions-0-description": "Keep", "actions-0-done_on": "09/03/2026",
        "actions-0-due_on": "",
        "actions-1-id": str(drop.pk), "actions-1-description": "Drop", "actions-1-DELETE": "on",
        "actions-1-owner_text": "",
        "actions-2-description": "New one"})

    response = _as(client, world.careers_leader).post(f"{BASE}{made.pk}/edit/", data)

    assert response.status_code == 302
    assert list(GuidanceAction.objects.values_list("description", "done_on")) == [
        ("Keep", dt.date(2026, 3, 9)), ("New one", None)]
    stale = client.post(f"{BASE}{made.pk}/edit/", {**data, "discussed": "Lost?"})
    assert "Someone else changed this meeting" in stale.content.decode()
    made.refresh_from_db()
    assert made.discussed == "Farm college taster day."


def test_adviser_may_not_change_a_meeting_someone_else_held(client, world):
    made = meeting(world.adviser_pupils[0], world.careers_leader)
    assert _as(client, world.adviser).get(f"{BASE}{made.pk}/edit/").status_code == 403


def test_mark_done_from_the_actions_list(client, world):
    made = meeting(world.class_pupils[0], world.adviser, actions=[action("Visit college")])
    item = made.actions.get()
    response = _as(client, world.class_teacher).post(f"{BASE}actions/{item.pk}/done/", {"next": "actions"})
    assert response["Location"] == f"{BASE}actions/"
    item.refresh_from_db()
    assert item.done_on == dt.date(2026, 3, 10)
    assert "No actions are outstanding." in client.get(f"{BASE}actions/").content.decode()


def test_delete_asks_first_then_deletes(client, world):
    made = meeting(world.pupils[1], world.adviser)
    assert "This cannot be undone" in _as(client, world.careers_leader).get(f"{BASE}{made.pk}/delete/").content.decode()
    assert client.post(f"{BASE}{made.pk}/delete/")["Location"] == f"{BASE}pupil/{world.pupils[1].pk}/"
    assert not GuidanceMeeting.objects.exists()


def test_pupil_page_section_shows_latest_next_due_and_outstanding_actions(client, world):
    pupil = world.adviser_pupils[0]
    meeting(pupil, world.adviser, dt.date(2025, 12, 1), next_due=dt.date(2026, 3, 1),
            actions=[action("One"), action("Two", done_on=dt.date(2026, 1, 5)), action("Three")])
    page = _as(client, world.class_teacher).get(f"/s/oakfield/pupils/{pupil.pk}/").content.decode()
    assert f'hx-get="{BASE}pupil/{pupil.pk}/section/"' in page

    fragment = client.get(f"{BASE}pupil/{pupil.pk}/section/").content.decode()

    assert "1 December 2025" in fragment
    assert "1 March 2026" in fragment
    assert "Overdue" in fragment
    assert '<dd class="govuk-summary-list__value">2</dd>' in fragment
    # Class staff read meetings but do not record them.
    assert "Record a guidance meeting" not in fragment
    assert AuditEntry.objects.filter(action="guidance.summary_viewed", pupil_id=pupil.pk).exists()


def test_governors_see_no_guidance_section_or_notes(client, world):
    pupil = world.adviser_pupils[0]
    meeting(pupil, world.adviser, pupil_words="I like the farm.")
    page = _as(client, world.leader).get(f"/s/oakfield/pupils/{pupil.pk}/").content.decode()
    assert "Careers guidance" not in page
    assert client.get(f"{BASE}pupil/{pupil.pk}/section/").content == b""


def test_due_overdue_and_actions_lists_show_the_right_rows(client, world):
    a, b = world.pupils[0], world.pupils[1]
    meeting(a, world.adviser, dt.date(2025, 12, 1), next_due=dt.date(2026, 3, 20), actions=[action("For A")])
    meeting(b, world.careers_leader, dt.date(2025, 11, 1), next_due=dt.date(2026, 2, 1))
    _as(client, world.careers_leader)

    due = client.get(BASE).content.decode()
    overdue = client.get(f"{BASE}overdue/").content.decode()
    actions = client.get(f"{BASE}actions/").content.decode()
    filtered = client.get(f"{BASE}overdue/", {"adviser": world.adviser.pk}).content.decode()

    assert a.display_name in due
    assert b.display_name not in due
    assert b.display_name in overdue
    assert a.display_name not in overdue
    assert "For A" in actions
    assert "No meetings are overdue." in filtered


def _queries(client, url: str) -> int:
    client.get(url)  # the first request of a session loads things once (the session, the school's set-up)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["", "overdue/", "actions/"])
def test_lists_run_the_same_number_of_queries_for_one_row_or_many(client, world, url):
    _as(client, world.careers_leader)
    year = world.class_group.academic_year
    # One row in each list: the first pupil is due soon, the second overdue.
    meeting(world.pupils[0], world.adviser, dt.date(2025, 12, 1), next_due=dt.date(2026, 3, 20),
            actions=[action(owner_member=world.class_teacher)])
    meeting(world.pupils[1], world.adviser, dt.date(2025, 11, 1), next_due=dt.date(2026, 3, 1))
    one = _queries(client, BASE + url)
    for i in range(12):
        pupil = factories.PupilFactory(school=world.school)
        factories.EnrolmentFactory(pupil=pupil, academic_year=year, nc_year="11", class_group=world.other_class)
        due = dt.date(2026, 3, 1) if i % 2 else dt.date(2026, 3, 25)
        meeting(pupil, world.careers_leader, dt.date(2025, 12, 1), next_due=due,
                actions=[action(owner_member=world.adviser), action(owner_text="Dad")])
    assert _queries(client, BASE + url) == one


def test_a_pupils_meetings_page_runs_the_same_number_of_queries_for_one_meeting_or_many(client, world):
    pupil = world.adviser_pupils[0]
    _as(client, world.adviser)
    meeting(pupil, world.adviser, dt.date(2025, 9, 10), actions=[action()])
    one = _queries(client, f"{BASE}pupil/{pupil.pk}/")
    for month in range(10, 13):
        meeting(pupil, world.adviser, dt.date(2025, month, 10), actions=[action(), action()])
    assert _queries(client, f"{BASE}pupil/{pupil.pk}/") == one


def test_the_pupil_page_and_its_guidance_fragment_run_the_same_queries_for_one_meeting_or_many(client, world):
    pupil = world.adviser_pupils[0]
    _as(client, world.adviser)
    meeting(pupil, world.adviser, dt.date(2025, 9, 1), actions=[action()])
    page_before = _queries(client, f"/s/oakfield/pupils/{pupil.pk}/")
    fragment_before = _queries(client, f"{BASE}pupil/{pupil.pk}/section/")
    for month in (9, 10, 11, 12):
        meeting(pupil, world.adviser, dt.date(2025, month, 10), actions=[action(), action(owner_member=world.adviser)])
    assert _queries(client, f"/s/oakfield/pupils/{pupil.pk}/") == page_before
    assert _queries(client, f"{BASE}pupil/{pupil.pk}/section/") == fragment_before


def test_export_lists_only_the_meetings_the_member_may_read_with_formula_cells_made_safe(client, world):
    assigned = world.adviser_pupils[0]
    other = next(p for p in world.pupils if p not in world.adviser_pupils)
    meeting(assigned, world.adviser, pupil_words="=HYPERLINK(\"http://x\")", actions=[action("Visit the college")])
    meeting(other, world.adviser)
    rows = _as(client, world.adviser).get(f"{BASE}export.csv").content.decode().splitlines()
    assert rows[0].startswith("upn,forename,surname,date,adviser")
    assert len(rows) == 2
    assert assigned.upn in rows[1]
    assert "'=HYPERLINK" in rows[1]
    assert "Visit the college" in rows[1]
    everyone = _as(client, world.careers_leader).get(f"{BASE}export.csv").content.decode().splitlines()
    assert len(everyone) == 3
    assert AuditEntry.objects.filter(action="guidance.exported").count() == 2
