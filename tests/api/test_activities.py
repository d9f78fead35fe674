"""The activities API, for each role: who may read, record and change, and whose pupils they see."""

from __future__ import annotations

import pytest

from roadahead.activities.models import ActivityType, Participation, ParticipationRevision
from roadahead.activities.services import (
    ParticipationInput,
    create_activity,
    ensure_activity_types,
    record_participations,
)
from roadahead.audit.models import AuditEntry
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


class PutClient(ApiClient):
    def put(self, path: str, data: dict):
        return self.client.put(f"/api/v1{path}", data, content_type="application/json", headers=self._headers())


@pytest.fixture
def talk(world):
    ensure_activity_types(school=world.school)
    kind = ActivityType.objects.get(school=world.school, code="employer-talk")
    activity = create_activity(school=world.school, by=world.careers_leader.user, activity_type=kind,
                               title="Talk from a nurse", date="2026-02-03")
    # Every pupil of the school took part: pupils 0 and 2 are in the class teacher's class.
    record_participations(activity=activity, by=world.careers_leader.user,
                          entries=[ParticipationInput(pupil=p, engagement=3) for p in world.pupils])
    return activity


def put_as(api_as, role: str) -> PutClient:
    client = api_as(role)
    return PutClient(client.raw)


@pytest.mark.parametrize("role", ["careers_leader", "class_teacher", "adviser", "leader"])
def test_every_member_may_list_the_schools_activities(world, other_world, api_as, talk, role):
    body = api_as(role).get("/activities").json()
    assert [a["title"] for a in body["items"]] == ["Talk from a nurse"]
    assert body["items"][0]["benchmarks"] == [5]
    assert body["items"][0]["academic_year"] == "2025/26"


@pytest.mark.parametrize(("role", "seen"), [("careers_leader", 4), ("leader", 4), ("class_teacher", 2),
                                            ("adviser", 1)])
def test_activity_detail_shows_only_pupils_the_member_may_see(world, api_as, talk, role, seen):
    body = api_as(role).get(f"/activities/{talk.pk}").json()
    assert len(body["participations"]) == seen
    assert body["others_recorded"] == 4 - seen


def test_list_filters_by_type_and_date(world, api_as, talk):
    api = api_as("careers_leader")
    assert api.get("/activities", **{"from": "2026-02-04"}).json()["count"] == 0
    assert api.get("/activities", type=talk.activity_type_id).json()["count"] == 1
    assert api.get("/activities", benchmark=6).json()["count"] == 0


def test_another_schools_activity_is_404(world, other_world, api_as, talk):
    other = ApiClient(api_as("careers_leader").raw)
    from tests.api.conftest import token_for

    elsewhere = ApiClient(token_for(other_world.careers_leader))
    assert elsewhere.get(f"/activities/{talk.pk}").status_code == 404
    assert elsewhere.patch(f"/activities/{talk.pk}", {"title": "Changed"}).status_code == 404
    assert other.get("/activities/999999").status_code == 404


def _new(world, pupils) -> dict:
    kind = ActivityType.objects.get(school=world.school, code="workplace-visit")
    return {"activity_type_id": kind.pk, "title": "Visit to the garage", "date": "2026-03-02",
            "participations": [{"pupil_id": p.pk, "engagement": 2, "response": "Loud"} for p in pupils]}


def test_careers_leader_creates_an_activity_with_participations(world, api_as, talk):
    response = api_as("careers_leader").post("/activities", _new(world, world.pupils))
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["setting"], body["benchmarks"], len(body["participations"])) == ("off_site", [5, 6], 4)
    assert AuditEntry.objects.filter(action="activity.created", object_id=body["id"]).exists()


def test_class_staff_may_record_only_their_own_pupils(world, api_as, talk):
    api = api_as("class_teacher")
    refused = api.post("/activities", _new(world, world.pupils))
    assert refused.status_code == 422
    assert "no pupil you may record for" in refused.content.decode()
    made = api.post("/activities", _new(world, world.class_pupils))
    assert made.status_code == 201
    assert {p["pupil_id"] for p in made.json()["participations"]} == {p.pk for p in world.class_pupils}


@pytest.mark.parametrize("role", ["adviser", "leader"])
def test_advisers_and_leaders_may_not_record(world, api_as, talk, role):
    api = api_as(role)  # a leader's token is read only: refused before the role is asked
    assert api.post("/activities", _new(world, world.adviser_pupils)).status_code == 403
    assert put_as(api_as, role).put(f"/activities/{talk.pk}/participations", {"participations": []}).status_code \
        == 403
    assert api.patch(f"/activities/{talk.pk}", {"title": "Changed"}).status_code == 403


def test_patch_changes_with_the_version_and_refuses_a_stale_one(world, api_as, talk):
    api = api_as("careers_leader")
    changed = api.patch(f"/activities/{talk.pk}", {"title": "Talk from two nurses", "version": 1,
                                                   "purpose_shared": True})
    assert changed.status_code == 200, changed.content
    assert (changed.json()["title"], changed.json()["version"]) == ("Talk from two nurses", 2)
    stale = api.patch(f"/activities/{talk.pk}", {"title": "Lost", "version": 1})
    assert stale.status_code == 409
    talk.refresh_from_db()
    assert talk.title == "Talk from two nurses"


def test_class_staff_may_not_change_an_activity_they_did_not_record(world, api_as, talk):
    assert api_as("class_teacher").patch(f"/activities/{talk.pk}", {"title": "Mine now"}).status_code == 403


def test_put_participations_replaces_only_the_pupils_the_member_sees(world, api_as, talk):
    mine = world.class_pupils
    response = put_as(api_as, "class_teacher").put(f"/activities/{talk.pk}/participations", {"participations": [
        {"pupil_id": mine[0].pk, "attendance": "absent"}]})
    assert response.status_code == 200, response.content
    recorded = dict(Participation.objects.filter(activity=talk).values_list("pupil_id", "attendance"))
    # Their second pupil was taken off; the other class's pupils are untouched.
    assert recorded == {mine[0].pk: "absent", world.pupils[1].pk: "attended", world.pupils[3].pk: "attended"}
    assert ParticipationRevision.objects.filter(participation__pupil=mine[0]).count() == 1


def test_pupil_participations_for_visible_pupils_only(world, api_as, talk):
    body = api_as("adviser").get(f"/pupils/{world.adviser_pupils[0].pk}/participations").json()
    assert [(i["activity"]["title"], i["engagement"]) for i in body["items"]] == [("Talk from a nurse", 3)]
    assert api_as("adviser").get(f"/pupils/{world.pupils[3].pk}/participations").status_code == 404
    assert AuditEntry.objects.filter(action="pupil.participations_listed").count() == 1


def test_read_only_token_may_read_but_not_record(world, api_as, talk):
    api = api_as("careers_leader", read_only=True)
    assert api.get("/activities").status_code == 200
    assert api.post("/activities", _new(world, world.pupils)).status_code == 403


def test_put_without_a_list_changes_nothing(world, api_as, talk):
    response = put_as(api_as, "careers_leader").put(f"/activities/{talk.pk}/participations", {})
    assert response.status_code == 422
    assert Participation.objects.filter(activity=talk).count() == 4


def test_put_to_another_schools_activity_is_404_whatever_the_body(world, other_world, talk):
    from tests.api.conftest import token_for

    elsewhere = PutClient(token_for(other_world.careers_leader))
    assert elsewhere.put(f"/activities/{talk.pk}/participations", {}).status_code == 404
