from __future__ import annotations

import datetime as dt

import pytest

from roadahead.skills.models import Assessment
from tests.api.conftest import ApiClient, token_for
from tests.skills.factories import assess

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_as(world):
    def make(role: str, *, read_only: bool = False) -> ApiClient:
        member = getattr(world, role)
        return ApiClient(token_for(member, read_only=read_only or member.read_only))
    return make


def test_frameworks_list_steps_and_skills(api_as, skills):
    data = api_as("adviser").get("/skills/frameworks").json()
    assert [f["code"] for f in data] == ["essential-skills", "confidence-independence"]
    assert [s["step"] for s in data[0]["steps"]] == list(range(16))
    assert data[1]["skills"][1]["name"] == "Independence"


def test_adding_and_reading_a_pupils_assessments(api_as, world, skills):
    pupil = world.adviser_pupils[0]
    api = api_as("adviser")
    response = api.post(f"/pupils/{pupil.pk}/skill-assessments", {
        "date": "2026-03-02", "method": "adviser", "evidence": "Talked about the café placement",
        "steps": [{"skill_id": skills["aiming-high"].pk, "step": 5},
                  {"skill_id": skills["confidence"].pk, "step": 3, "evidence": "Spoke first in the group"}]})
    assert response.status_code == 201, response.content
    made = response.json()
    assert [(a["skill"], a["step"], a["method"], a["assessed_by"]) for a in made] == [
        ("Confidence", 3, "adviser", "Careers Adviser"), ("Aiming High", 5, "adviser", "Careers Adviser")]
    listed = api.get(f"/pupils/{pupil.pk}/skill-assessments").json()
    assert {a["evidence"] for a in listed} == {"Talked about the café placement", "Spoke first in the group"}


def test_a_wrong_step_saves_nothing(api_as, world, skills):
    response = api_as("careers_leader").post(f"/pupils/{world.pupils[0].pk}/skill-assessments", {
        "date": "2026-03-02", "steps": [{"skill_id": skills["listening"].pk, "step": 4},
                                        {"skill_id": skills["independence"].pk, "step": 12}]})
    assert response.status_code == 422
    assert "Choose one of the steps" in response.content.decode()
    assert not Assessment.objects.exists()


def test_governors_and_read_only_tokens_cannot_add(api_as, world, skills):
    body = {"date": "2026-03-02", "steps": [{"skill_id": skills["listening"].pk, "step": 4}]}
    assert api_as("leader").post(f"/pupils/{world.pupils[0].pk}/skill-assessments", body).status_code == 403
    assert api_as("leader").get(f"/pupils/{world.pupils[0].pk}/skill-assessments").status_code == 403
    read_only = api_as("careers_leader", read_only=True)
    assert read_only.post(f"/pupils/{world.pupils[0].pk}/skill-assessments", body).status_code == 403


def test_cohort_summary_withholds_small_groups_for_governors(api_as, world, skills):
    for i, pupil in enumerate(world.pupils):
        assess(pupil, skills["listening"], 2, dt.date(2025, 6, 1))
        assess(pupil, skills["listening"], 2 + i % 2, dt.date(2026, 2, 1))
    full = api_as("careers_leader").get("/skills/cohort").json()
    listening = full["total"]["skills"][0]
    assert (listening["assessed"], listening["average_step"], listening["moved_up"]) == (4, 2.5, 2)
    assert full["groups"][0]["label"] == "Year 10"
    withheld = api_as("leader").get("/skills/cohort", by="class").json()
    assert withheld["total"]["pupils"] is None
    assert withheld["total"]["skills"][0] == {"skill_id": skills["listening"].pk, "assessed": None,
                                              "average_step": None, "moved_up": None}
    assert api_as("careers_leader").get("/skills/cohort", framework_id=999999).status_code == 422


def test_nothing_to_record_or_no_date_is_422(api_as, world, skills):
    api = api_as("careers_leader")
    pupil = world.pupils[0]
    assert "at least one" in api.post(f"/pupils/{pupil.pk}/skill-assessments", {"date": "2026-03-02"}).content.decode()
    response = api.post(f"/pupils/{pupil.pk}/skill-assessments", {"steps": [{"skill_id": skills["listening"].pk,
                                                                           "step": 1}]})
    assert response.status_code == 422
