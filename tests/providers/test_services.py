from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from roadahead.audit.models import AuditEntry
from roadahead.providers import services
from roadahead.providers.enums import ProviderKind, SendConfidence
from roadahead.providers.models import Provider
from tests import factories

pytestmark = pytest.mark.django_db


def test_create_provider_saves_and_writes_an_audit_entry(world):
    by = world.careers_leader.user
    provider = services.create_provider(
        school=world.school, by=by, name="  Riverside College ", kind=ProviderKind.SPECIALIST_COLLEGE,
        hosts_send_placements=True, send_confidence=SendConfidence.CONFIDENT, postcode="ab1 2cd")
    provider.refresh_from_db()
    assert provider.name == "Riverside College"
    assert provider.postcode == "AB1 2CD"
    assert provider.version == 1
    entry = AuditEntry.objects.get(school=world.school, action="provider.created")
    assert (entry.object_id, entry.user) == (provider.pk, by)


def test_create_provider_with_a_name_already_used_is_refused_in_plain_english(world):
    factories.ProviderFactory(school=world.school, name="Riverside College")
    with pytest.raises(ValidationError) as error:
        services.create_provider(school=world.school, by=world.careers_leader.user, name="riverside college",
                                 kind=ProviderKind.COLLEGE)
    assert "already a provider called" in error.value.message_dict["name"][0]
    assert Provider.objects.filter(school=world.school).count() == 1


def test_create_provider_may_reuse_a_name_another_school_has(world, other_world):
    factories.ProviderFactory(school=other_world.school, name="Riverside College")
    provider = services.create_provider(school=world.school, by=world.careers_leader.user,
                                        name="Riverside College", kind=ProviderKind.COLLEGE)
    assert provider.school == world.school


def test_create_provider_with_bad_values_is_refused_and_nothing_saved(world):
    with pytest.raises(ValidationError) as error:
        services.create_provider(school=world.school, by=world.careers_leader.user, name="",
                                 kind="spaceship", contact_email="not an email")
    assert {"name", "kind", "contact_email"} <= set(error.value.message_dict)
    assert not Provider.objects.filter(school=world.school).exists()
    assert not AuditEntry.objects.filter(action="provider.created").exists()


def test_update_provider_changes_fields_bumps_version_and_logs_field_names(world):
    provider = factories.ProviderFactory(school=world.school, name="Greenway Garden Centre")
    changed = services.update_provider(provider=provider, by=world.class_teacher.user, expected_version=1,
                                       hosts_send_placements=True, send_adjustments="Quiet room at lunch",
                                       name="Greenway Garden Centre")
    provider.refresh_from_db()
    assert changed == ["hosts_send_placements", "send_adjustments"]
    assert provider.hosts_send_placements
    assert provider.version == 2
    entry = AuditEntry.objects.get(school=world.school, action="provider.changed")
    assert entry.data == {"fields": ["hosts_send_placements", "send_adjustments"]}
    assert "Quiet room" not in str(entry.data)


def test_update_provider_from_a_stale_version_is_refused_and_keeps_the_other_save(world):
    provider = factories.ProviderFactory(school=world.school, name="Greenway Garden Centre")
    first = Provider.objects.get(pk=provider.pk)
    second = Provider.objects.get(pk=provider.pk)
    services.update_provider(provider=first, by=world.careers_leader.user, expected_version=1, town="Leeds")
    with pytest.raises(services.StaleEdit) as error:
        services.update_provider(provider=second, by=world.class_teacher.user, expected_version=1, town="York")
    assert "Someone else changed this provider" in error.value.messages[0]
    provider.refresh_from_db()
    assert (provider.town, provider.version) == ("Leeds", 2)
    assert AuditEntry.objects.filter(action="provider.changed").count() == 1


def test_update_provider_to_another_providers_name_is_refused(world):
    factories.ProviderFactory(school=world.school, name="Riverside College")
    provider = factories.ProviderFactory(school=world.school, name="Hillside College")
    with pytest.raises(ValidationError) as error:
        services.update_provider(provider=provider, by=world.careers_leader.user, expected_version=1,
                                 name="Riverside College")
    assert "already a provider called" in error.value.message_dict["name"][0]
    provider.refresh_from_db()
    assert provider.name == "Hillside College"


def test_update_provider_with_nothing_changed_writes_nothing(world):
    provider = factories.ProviderFactory(school=world.school, name="Riverside College")
    assert services.update_provider(provider=provider, by=world.careers_leader.user, expected_version=1,
                                    name="Riverside College") == []
    provider.refresh_from_db()
    assert provider.version == 1
    assert not AuditEntry.objects.filter(action="provider.changed").exists()


def test_set_active_marks_a_provider_no_longer_used_and_logs_it(world):
    provider = factories.ProviderFactory(school=world.school)
    assert services.set_active(provider=provider, by=world.careers_leader.user, is_active=False)
    provider.refresh_from_db()
    assert not provider.is_active
    assert AuditEntry.objects.get(action="provider.changed").data == {"fields": ["is_active"]}
    assert not services.set_active(provider=provider, by=world.careers_leader.user, is_active=False)
