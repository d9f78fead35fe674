"""An adviser never sees or reaches an unassigned pupil's skills: every URL, export and API call."""

from __future__ import annotations

import datetime as dt

import pytest

from roadahead.api.models import ApiToken, hash_token, new_token
from tests.skills.factories import assess

pytestmark = pytest.mark.django_db

BASE = "/s/oakfield/skills/"


@pytest.fixture
def unassigned(world):
    pupil = next(p for p in world.pupils if p not in world.adviser_pupils)
    return pupil


@pytest.fixture
def adviser(client, world):
    client.force_login(world.adviser.user)
    return client


@pytest.mark.parametrize("path", ["pupils/{pk}/", "pupils/{pk}/summary/", "pupils/{pk}/record/"])
def test_unassigned_pupil_pages_are_404(adviser, world, skills, unassigned, path):
    assert adviser.get(BASE + path.format(pk=unassigned.pk)).status_code == 404
    assert adviser.get(BASE + path.format(pk=world.adviser_pupils[0].pk)).status_code == 200


def test_recording_for_an_unassigned_pupil_is_404_and_saves_nothing(adviser, world, skills, unassigned):
    response = adviser.post(f"{BASE}pupils/{unassigned.pk}/record/", {
        "date": "02/03/2026", "method": "adviser", f"step_{skills['speaking'].pk}": "6"})
    assert response.status_code == 404
    assert not unassigned.skill_assessments.exists()


def test_removing_an_unassigned_pupils_assessment_is_404(adviser, world, skills, unassigned):
    found = assess(unassigned, skills["listening"], 3, dt.date(2026, 1, 9), by=world.adviser)
    assert adviser.post(f"{BASE}assessments/{found.pk}/remove/").status_code == 404
    assert unassigned.skill_assessments.exists()


def test_export_cohort_and_class_never_show_unassigned_pupils(adviser, world, skills, unassigned):
    assess(unassigned, skills["listening"], 3, dt.date(2026, 1, 9), evidence="Unassigned evidence")
    assess(world.adviser_pupils[0], skills["listening"], 4, dt.date(2026, 1, 9))
    export = adviser.get(f"{BASE}export.csv").content.decode()
    assert unassigned.upn not in export
    assert "Unassigned evidence" not in export
    assert world.adviser_pupils[0].upn in export
    assert adviser.get(BASE).status_code == 403
    assert adviser.get(f"{BASE}cohort/year/10/").status_code == 403
    assert adviser.get(f"{BASE}class/").status_code == 403


def test_api_hides_unassigned_pupils(client, world, skills, unassigned):
    raw = new_token()
    ApiToken.objects.create(school=world.school, user=world.adviser.user, name="adviser", key_hash=hash_token(raw),
                            read_only=False)
    auth = {"Authorization": f"Bearer {raw}"}
    assess(unassigned, skills["listening"], 3, dt.date(2026, 1, 9))
    url = f"/api/v1/pupils/{unassigned.pk}/skill-assessments"
    assert client.get(url, headers=auth).status_code == 404
    response = client.post(url, content_type="application/json", headers=auth, data={
        "date": "2026-03-02", "method": "adviser", "steps": [{"skill_id": skills["listening"].pk, "step": 4}]})
    assert response.status_code == 404
    assert unassigned.skill_assessments.count() == 1
    own = client.get(f"/api/v1/pupils/{world.adviser_pupils[0].pk}/skill-assessments", headers=auth)
    assert own.status_code == 200
    assert client.get("/api/v1/skills/cohort", headers=auth).status_code == 403
