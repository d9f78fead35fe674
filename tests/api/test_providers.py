from __future__ import annotations

import pytest

from roadahead.audit.models import AuditEntry
from roadahead.providers.models import Provider
from tests import factories

pytestmark = pytest.mark.django_db

NEW = {"name": "Riverside Garden Centre", "kind": "employer", "hosts_send_placements": True,
       "send_adjustments": "Quiet break room; job coach welcome.", "town": "Oakfield"}


@pytest.fixture
def providers(world, other_world):
    mine = factories.ProviderFactory(school=world.school, name="Oakfield College", kind="college")
    theirs = factories.ProviderFactory(school=other_world.school, name="Elmbrook Café")
    return mine, theirs


@pytest.mark.parametrize("role", ["careers_leader", "class_teacher", "adviser", "leader"])
def test_every_member_reads_the_directory_of_their_school_only(world, providers, api_as, role):
    mine, theirs = providers
    api = api_as(role)
    body = api.get("/providers").json()
    assert [p["name"] for p in body["items"]] == ["Oakfield College"]
    assert api.get(f"/providers/{mine.pk}").json()["kind"] == "college"
    assert api.get(f"/providers/{theirs.pk}").status_code == 404


@pytest.mark.parametrize("role", ["careers_leader", "class_teacher"])
def test_careers_leader_and_class_staff_add_and_change_providers(world, api_as, role):
    api = api_as(role)
    response = api.post("/providers", NEW)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["send_adjustments"] == NEW["send_adjustments"]
    changed = api.patch(f"/providers/{created['id']}", {"town": "Elmford", "version": created["version"]})
    assert changed.status_code == 200
    assert (changed.json()["town"], changed.json()["name"]) == ("Elmford", NEW["name"])
    assert AuditEntry.objects.filter(action__in=["provider.created", "provider.changed"]).count() == 2


@pytest.mark.parametrize("role", ["adviser", "leader"])
def test_adviser_and_senior_leader_cannot_change_providers(world, providers, api_as, role):
    mine, _theirs = providers
    api = api_as(role)
    assert api.post("/providers", NEW).status_code == 403
    assert api.patch(f"/providers/{mine.pk}", {"town": "Nowhere"}).status_code == 403
    mine.refresh_from_db()
    assert mine.town != "Nowhere"
    assert not Provider.objects.filter(name=NEW["name"]).exists()


def test_another_schools_provider_cannot_be_changed(world, providers, api_as):
    _mine, theirs = providers
    assert api_as("careers_leader").patch(f"/providers/{theirs.pk}", {"town": "Nowhere"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.town != "Nowhere"


def test_provider_with_a_name_already_in_the_directory_is_422(world, providers, api_as):
    response = api_as("careers_leader").post("/providers", {**NEW, "name": "oakfield college"})
    assert response.status_code == 422
    problem = response.json()["detail"][0]
    assert problem["loc"] == ["body", "payload", "name"]
    assert "already a provider called" in problem["msg"]
    assert Provider.objects.filter(school=world.school).count() == 1


def test_provider_with_bad_kind_or_email_is_422(world, api_as):
    api = api_as("careers_leader")
    assert api.post("/providers", {**NEW, "kind": "spaceport"}).status_code == 422
    response = api.post("/providers", {**NEW, "contact_email": "not an email"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "contact_email"]
    assert not Provider.objects.exists()


def test_provider_patch_with_stale_version_is_409(world, providers, api_as):
    mine, _theirs = providers
    api = api_as("careers_leader")
    assert api.patch(f"/providers/{mine.pk}", {"town": "First", "version": 1}).status_code == 200
    response = api.patch(f"/providers/{mine.pk}", {"town": "Second", "version": 1})
    assert response.status_code == 409
    mine.refresh_from_db()
    assert mine.town == "First"


def test_provider_list_filters(world, providers, api_as):
    factories.ProviderFactory(school=world.school, name="Old Works", is_active=False)
    api = api_as("careers_leader")
    assert {p["name"] for p in api.get("/providers").json()["items"]} == {"Oakfield College", "Old Works"}
    assert [p["name"] for p in api.get("/providers", is_active="false").json()["items"]] == ["Old Works"]
    assert [p["name"] for p in api.get("/providers", kind="college").json()["items"]] == ["Oakfield College"]
    assert [p["name"] for p in api.get("/providers", search="works").json()["items"]] == ["Old Works"]
