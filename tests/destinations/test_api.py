"""The destinations API: who may read and record, 404 for leavers out of sight, governors' figures."""

from __future__ import annotations

import datetime as dt

from roadahead.destinations.models import Destination
from tests import factories
from tests.api.conftest import ApiClient, token_for
from tests.destinations.factories import categories, destination, leave, pathway

D = dt.date


def test_careers_leader_reads_and_records(world):
    work = pathway(world.school, "Pathway 5", ["apprenticeship"])
    pupil = leave(world.pupils[1], D(2025, 7, 18), pathway_=work)
    api = ApiClient(token_for(world.careers_leader))
    response = api.post(f"/pupils/{pupil.pk}/destinations", {
        "category_id": categories(world.school)["apprenticeship"].pk, "start_date": "2025-09-01"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["category"]["nccis_code"] == "310"
    assert body["in_keeping"] is True
    got = api.get(f"/pupils/{pupil.pk}/destinations").json()
    assert [c["number"] for c in got["check_ins"]] == [1, 2, 3]
    assert got["check_ins"][0]["due_on"] == "2026-07-18"
    leavers = api.get("/destinations", year=2024).json()
    assert [row["pupil_id"] for row in leavers] == [pupil.pk]
    assert leavers[0]["year_of_leaving"] == "2024/25"
    assert api.get("/destinations", year=2023).json() == []


def test_bad_payloads_are_422_and_write_nothing(world, other_world):
    pupil = leave(world.pupils[1])
    api = ApiClient(token_for(world.careers_leader))
    assert api.post(f"/pupils/{pupil.pk}/destinations", {}).status_code == 422
    other = categories(other_world.school)["employment"]
    assert api.post(f"/pupils/{pupil.pk}/destinations", {"category_id": other.pk}).status_code == 422
    provider = factories.ProviderFactory(school=other_world.school)
    assert api.post(f"/pupils/{pupil.pk}/destinations", {
        "category_id": categories(world.school)["employment"].pk, "provider_id": provider.pk}).status_code == 422
    assert not Destination.objects.exists()


def test_advisers_get_404_for_unassigned_leavers_and_governors_403(world):
    mine, other = leave(world.pupils[0]), leave(world.pupils[1])
    destination(mine)
    destination(other)
    adviser = ApiClient(token_for(world.adviser))
    assert adviser.get(f"/pupils/{other.pk}/destinations").status_code == 404
    assert adviser.post(f"/pupils/{other.pk}/destinations", {
        "category_id": categories(world.school)["employment"].pk}).status_code == 404
    assert [row["pupil_id"] for row in adviser.get("/destinations").json()] == [mine.pk]
    assert adviser.get("/destinations/report").status_code == 403
    governor = ApiClient(token_for(world.leader, read_only=True))
    assert governor.get("/destinations").status_code == 403
    assert governor.get(f"/pupils/{mine.pk}/destinations").status_code == 403
    report = governor.get("/destinations/report").json()
    assert report[0]["group"] == "All leavers"
    assert report[0]["suppressed"] is True
    assert report[0]["sustained"] is None


def test_check_ins_due(world):
    pupil = leave(world.pupils[0], D(2025, 3, 1))
    destination(pupil)
    due = ApiClient(token_for(world.careers_leader)).get("/destinations/check-ins").json()
    assert [(c["pupil_id"], c["number"], c["state"]) for c in due] == [(pupil.pk, 1, "due")]
