from __future__ import annotations

import pytest

from roadahead.placements import services
from tests.api.conftest import ApiClient, token_for
from tests.placements.factories import assign, placement


@pytest.fixture
def api_as(world):
    return lambda role: ApiClient(token_for(getattr(world, role), read_only=role == "leader"))


def test_placements_list_pupils_sessions_and_a_pupils_reports(api_as, world):
    made = placement(world)
    pupil = world.pupils[0]
    assignment = assign(world, made, pupil, rotate=3, settle=1)
    services.generate_sessions(placement=made, by=world.careers_leader.user)
    services.save_report(assignment=assignment, by=world.careers_leader.user, strengths="Steady hands",
                         outcome="went_well")
    api = api_as("careers_leader")
    listed = api.get("/placements").json()
    assert [(p["title"], p["pupils"], p["provider"]) for p in listed] == [
        ("Spring work experience", 1, made.provider.name)]
    pupils = api.get(f"/placements/{made.pk}/pupils").json()
    assert pupils[0]["pupil_id"] == pupil.pk
    assert pupils[0]["rotation"] == ["Café counter", "Kitchen", "Garden"]
    assert pupils[0]["area"] == "Kitchen"
    sessions = api.get(f"/placements/{made.pk}/sessions").json()
    assert len(sessions) == 11
    assert sessions[0]["activity_id"] is None
    mine = api.get(f"/pupils/{pupil.pk}/placements").json()
    assert mine[0]["placement"]["id"] == made.pk
    assert mine[0]["report"]["strengths"] == "Steady hands"
    assert mine[0]["report"]["outcome"] == "went_well"


def test_advisers_get_404_for_pupils_and_placements_not_theirs_and_governors_403(api_as, world):
    made = placement(world)
    assign(world, made, world.pupils[3])  # not the adviser's, not in the teacher's class
    adviser = api_as("adviser")
    assert adviser.get("/placements").json() == []
    assert adviser.get(f"/placements/{made.pk}/pupils").status_code == 404
    assert adviser.get(f"/placements/{made.pk}/sessions").status_code == 404
    assert adviser.get(f"/pupils/{world.pupils[3].pk}/placements").status_code == 404
    assign(world, made, world.adviser_pupils[0])
    seen = adviser.get(f"/placements/{made.pk}/pupils").json()
    assert [row["pupil_id"] for row in seen] == [world.adviser_pupils[0].pk]
    governor = api_as("leader")
    assert governor.get("/placements").status_code == 403
    assert governor.get(f"/pupils/{world.pupils[0].pk}/placements").status_code == 403
