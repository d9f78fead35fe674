from __future__ import annotations

import datetime as dt

import pytest

from roadahead.audit.models import AuditEntry
from roadahead.guidance.models import GuidanceMeeting
from tests.guidance.factories import action, meeting

pytestmark = pytest.mark.django_db


def test_adviser_records_a_meeting_with_actions_through_the_api(world, api_as):
    pupil = world.adviser_pupils[0]
    response = api_as("adviser").post(f"/pupils/{pupil.pk}/guidance-meetings", {
        "date": "2026-03-03", "mode": "video", "advocate": "family", "communication": ["signing"],
        "pupil_words": "Bus. Garden centre.", "next_due": "2026-06-01",
        "actions": [{"description": "Visit the garden centre", "owner_id": world.class_teacher.pk,
                     "due_on": "2026-04-01"}, {"description": "Practise the bus route", "owner_text": "Dad"}]})

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["adviser"] == {"id": world.adviser.pk, "name": "Careers Adviser"}
    assert (body["mode"], body["communication"], body["pupil_words"]) == ("video", ["signing"], "Bus. Garden centre.")
    assert [(a["description"], a["owner"], a["owner_text"]) for a in body["actions"]] == [
        ("Visit the garden centre", {"id": world.class_teacher.pk, "name": "Class Teacher"}, ""),
        ("Practise the bus route", None, "Dad")]
    made = GuidanceMeeting.objects.get()
    assert body["activity_id"] == made.activity_id
    assert made.activity.participations.get().pupil == pupil


def test_create_refuses_a_missing_date_and_unknown_values(world, api_as):
    pupil = world.adviser_pupils[0]
    api = api_as("careers_leader")
    missing = api.post(f"/pupils/{pupil.pk}/guidance-meetings", {})
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "payload", "date"]
    assert api.post(f"/pupils/{pupil.pk}/guidance-meetings", {"date": "2026-03-03", "mode": "carrier pigeon"}
                    ).status_code == 422
    late = api.post(f"/pupils/{pupil.pk}/guidance-meetings", {"date": "2026-03-03", "next_due": "2026-01-01"})
    assert late.json()["detail"][0]["loc"] == ["body", "payload", "next_due"]
    assert not GuidanceMeeting.objects.exists()


def test_careers_leader_may_name_the_adviser_but_an_adviser_may_not(world, api_as):
    pupil = world.adviser_pupils[0]
    ok = api_as("careers_leader").post(f"/pupils/{pupil.pk}/guidance-meetings",
                                       {"date": "2026-03-03", "adviser_id": world.adviser.pk})
    assert ok.json()["adviser"]["id"] == world.adviser.pk
    refused = api_as("adviser").post(f"/pupils/{pupil.pk}/guidance-meetings",
                                     {"date": "2026-03-03", "adviser_id": world.careers_leader.pk})
    assert refused.status_code == 422
    assert api_as("careers_leader").post(f"/pupils/{pupil.pk}/guidance-meetings",
                                         {"date": "2026-03-03", "adviser_id": world.leader.pk}).status_code == 422


def test_list_a_pupils_meetings_newest_first_and_audited(world, api_as):
    pupil = world.class_pupils[0]
    meeting(pupil, world.adviser, dt.date(2025, 10, 1))
    meeting(pupil, world.adviser, dt.date(2026, 2, 1), actions=[action()])

    body = api_as("class_teacher").get(f"/pupils/{pupil.pk}/guidance-meetings").json()

    assert [m["date"] for m in body] == ["2026-02-01", "2025-10-01"]
    assert body[0]["actions"][0]["description"] == "Visit the farm college"
    assert AuditEntry.objects.filter(action="guidance.pupil_viewed", pupil_id=pupil.pk).exists()


def test_outstanding_actions_with_filters(world, api_as):
    meeting(world.pupils[0], world.adviser, actions=[
        action("Late", due_on=dt.date(2026, 3, 1), owner_member=world.class_teacher),
        action("Soon", due_on=dt.date(2026, 3, 20)), action("Done", done_on=dt.date(2026, 3, 2))])
    api = api_as("careers_leader")

    assert [a["description"] for a in api.get("/guidance/actions").json()] == ["Late", "Soon"]
    assert [a["description"] for a in api.get("/guidance/actions", due="overdue").json()] == ["Late"]
    assert [a["description"] for a in api.get("/guidance/actions", owner_id=world.class_teacher.pk).json()] == [
        "Late"]


def test_governors_get_403_and_class_staff_may_not_record(world, api_as):
    pupil = world.class_pupils[0]
    governor = api_as("leader")
    assert governor.get(f"/pupils/{pupil.pk}/guidance-meetings").status_code == 403
    assert governor.get("/guidance/actions").status_code == 403
    assert api_as("class_teacher").post(f"/pupils/{pupil.pk}/guidance-meetings",
                                        {"date": "2026-03-03"}).status_code == 403


def test_a_read_only_token_cannot_record(world, api_as):
    pupil = world.adviser_pupils[0]
    response = api_as("careers_leader", read_only=True).post(f"/pupils/{pupil.pk}/guidance-meetings",
                                                              {"date": "2026-03-03"})
    assert response.status_code == 403
    assert not GuidanceMeeting.objects.exists()
