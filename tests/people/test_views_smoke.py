from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_pupil_list_shows_the_schools_pupils_only(leader_client, world, other_world):
    response = leader_client.get(f"/s/{world.school.slug}/pupils/")
    assert response.status_code == 200
    names = {f"{p.surname}, {p.forename}" for p in world.pupils}
    other_names = {f"{p.surname}, {p.forename}" for p in other_world.pupils}
    body = response.content.decode()
    assert all(name in body for name in names)
    assert not any(name in body for name in other_names)


def test_other_school_is_not_found(leader_client, other_world):
    assert leader_client.get(f"/s/{other_world.school.slug}/pupils/").status_code == 404
