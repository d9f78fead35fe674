from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.audit.models import AuditEntry
from roadahead.providers.enums import ProviderKind
from roadahead.providers.models import Provider
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = ["careers_leader", "class_teacher", "adviser", "leader"]
EDITORS = {"careers_leader", "class_teacher"}


def login(client, world, role):
    client.force_login(getattr(world, role).user)
    return client


def url(world, tail=""):
    return f"/s/{world.school.slug}/providers/{tail}"


@pytest.mark.parametrize("role", ROLES)
def test_provider_list_and_detail_are_open_to_every_role(client, world, role):
    provider = factories.ProviderFactory(school=world.school, name="Riverside College")
    login(client, world, role)
    listing = client.get(url(world))
    assert listing.status_code == 200
    assert "Riverside College" in listing.content.decode()
    assert client.get(url(world, f"{provider.pk}/")).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_provider_add_and_change_pages_only_for_careers_leader_and_staff(client, world, role):
    provider = factories.ProviderFactory(school=world.school)
    login(client, world, role)
    expected = 200 if role in EDITORS else 403
    assert client.get(url(world, "new/")).status_code == expected
    assert client.get(url(world, f"{provider.pk}/edit/")).status_code == expected
    response = client.post(url(world, "new/"), {"name": "Sneaky Ltd", "kind": "employer",
                                                "send_confidence": "unknown"})
    assert response.status_code == (302 if role in EDITORS else 403)
    assert Provider.objects.filter(school=world.school, name="Sneaky Ltd").exists() == (role in EDITORS)


@pytest.mark.parametrize("role", ["adviser", "leader"])
def test_provider_page_hides_change_links_from_read_only_roles(client, world, role):
    provider = factories.ProviderFactory(school=world.school)
    login(client, world, role)
    assert "Change details" not in client.get(url(world, f"{provider.pk}/")).content.decode()
    assert "Add a provider" not in client.get(url(world)).content.decode()


def test_provider_of_another_school_is_not_found(leader_client, world, other_world):
    theirs = factories.ProviderFactory(school=other_world.school, name="Their Employer")
    assert leader_client.get(url(world, f"{theirs.pk}/")).status_code == 404
    assert leader_client.get(url(world, f"{theirs.pk}/edit/")).status_code == 404
    assert leader_client.post(url(world, f"{theirs.pk}/active/"), {"is_active": "no"}).status_code == 404
    assert "Their Employer" not in leader_client.get(url(world) + "?status=all").content.decode()


def test_provider_add_saves_and_shows_the_new_provider(client, world):
    login(client, world, "class_teacher")
    response = client.post(url(world, "new/"), {
        "name": "Greenway Garden Centre", "kind": ProviderKind.EMPLOYER, "hosts_send_placements": "on",
        "send_confidence": "some", "send_adjustments": "Visual instructions", "is_active": "on"}, follow=True)
    body = response.content.decode()
    assert "Greenway Garden Centre is saved." in body
    assert "Visual instructions" in body
    provider = Provider.objects.get(school=world.school, name="Greenway Garden Centre")
    assert provider.hosts_send_placements
    assert AuditEntry.objects.filter(action="provider.created", object_id=provider.pk).exists()


def test_provider_add_with_a_duplicate_name_shows_a_friendly_error(leader_client, world):
    factories.ProviderFactory(school=world.school, name="Riverside College")
    response = leader_client.post(url(world, "new/"), {"name": "Riverside College", "kind": "college",
                                                       "send_confidence": "unknown"})
    assert response.status_code == 200
    assert "There is already a provider called Riverside College" in response.content.decode()
    assert Provider.objects.filter(school=world.school).count() == 1


def test_provider_edit_from_a_stale_page_is_refused_and_explained(leader_client, world):
    provider = factories.ProviderFactory(school=world.school, name="Riverside College", town="Leeds")
    Provider.objects.filter(pk=provider.pk).update(version=2, town="Wakefield")
    response = leader_client.post(url(world, f"{provider.pk}/edit/"), {
        "name": "Riverside College", "kind": "college", "send_confidence": "unknown", "town": "York",
        "is_active": "on", "version": "1"})
    assert response.status_code == 200
    assert "Someone else changed this provider" in response.content.decode()
    provider.refresh_from_db()
    assert provider.town == "Wakefield"


def test_provider_edit_saves_changes(leader_client, world):
    provider = factories.ProviderFactory(school=world.school, name="Riverside College")
    response = leader_client.post(url(world, f"{provider.pk}/edit/"), {
        "name": "Riverside College", "kind": "specialist_college", "send_confidence": "confident",
        "is_active": "on", "version": "1"})
    assert response.status_code == 302
    provider.refresh_from_db()
    assert (provider.kind, provider.version) == ("specialist_college", 2)


def test_provider_mark_no_longer_working_with_us_hides_it_from_the_default_list(leader_client, world):
    provider = factories.ProviderFactory(school=world.school, name="Old Mill Day Centre")
    response = leader_client.post(url(world, f"{provider.pk}/active/"), {"is_active": "no", "version": "1"},
                                  follow=True)
    assert "marked as no longer working with us" in response.content.decode()
    assert "Old Mill Day Centre" not in leader_client.get(url(world)).content.decode()
    assert "Old Mill Day Centre" in leader_client.get(url(world) + "?status=inactive").content.decode()


def test_provider_list_filters_by_send_placements(leader_client, world):
    factories.ProviderFactory(school=world.school, name="Riverside College", hosts_send_placements=True)
    factories.ProviderFactory(school=world.school, name="Corner Cafe")
    body = leader_client.get(url(world) + "?send=yes").content.decode()
    assert "Riverside College" in body
    assert "Corner Cafe" not in body


def test_provider_list_pages_after_fifty(leader_client, world):
    for i in range(51):
        factories.ProviderFactory(school=world.school, name=f"Employer {i:02d}")
    first = leader_client.get(url(world)).content.decode()
    assert "Employer 49" in first
    assert "Employer 50" not in first
    assert "Page 1 of 2" in first
    assert "Employer 50" in leader_client.get(url(world) + "?page=2").content.decode()


def test_provider_list_query_count_does_not_grow_with_providers(leader_client, world, django_assert_num_queries):
    factories.ProviderFactory(school=world.school, name="Only One")
    leader_client.get(url(world))  # the first request of a session does one-off work (session, last login)
    with CaptureQueriesContext(connection) as one:
        leader_client.get(url(world))
    for i in range(29):
        factories.ProviderFactory(school=world.school, name=f"Employer {i:02d}", hosts_send_placements=i % 2 == 0)
    with django_assert_num_queries(len(one.captured_queries)):
        response = leader_client.get(url(world))
    assert "30 providers" in response.content.decode()
