from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from roadahead.audit.models import AuditEntry
from roadahead.lmi import services
from roadahead.lmi.models import LmiFormat, LmiItem, LmiShare
from tests import factories
from tests.lmi.helpers import item

pytestmark = pytest.mark.django_db


def test_create_item_records_who_added_it(world):
    made = services.create_item(school=world.school, by=world.class_teacher.user, received_on=dt.date(2026, 1, 5),
                                source=" Careers hub ", title="Apprenticeships in York", summary="",
                                link="https://example.org/lmi")
    assert made.source == "Careers hub"
    assert made.added_by == world.class_teacher.user
    assert AuditEntry.objects.filter(action="lmi_item.created", object_id=made.pk).exists()


def test_create_item_refuses_a_bad_web_address(world):
    with pytest.raises(ValidationError) as error:
        services.create_item(school=world.school, by=world.careers_leader.user, received_on=dt.date(2026, 1, 5),
                             source="Hub", title="Jobs", link="not a link")
    assert "link" in error.value.message_dict
    assert not LmiItem.objects.exists()


def test_update_item_names_the_fields_changed(world):
    entry = item(world.school, dt.date(2026, 1, 5))
    changed = services.update_item(item=entry, by=world.careers_leader.user, title="Jobs in social care",
                                   source="Careers hub update")
    assert changed == ["title"]
    assert AuditEntry.objects.get(action="lmi_item.changed").data == {"fields": ["title"]}


def test_add_share_with_classes_pathways_and_families(world):
    entry = item(world.school, dt.date(2026, 1, 5))
    pathway = factories.PathwayFactory(school=world.school)
    made = services.add_share(item=entry, by=world.class_teacher.user, shared_on=dt.date(2026, 1, 12),
                              class_groups=[world.class_group], pathways=[pathway], with_families=True,
                              format=LmiFormat.EASY_READ, notes="")
    assert list(made.class_groups.all()) == [world.class_group]
    assert list(made.pathways.all()) == [pathway]
    assert AuditEntry.objects.filter(action="lmi_share.created", object_id=made.pk).exists()


def test_add_share_needs_someone_to_share_with(world):
    entry = item(world.school, dt.date(2026, 1, 5))
    with pytest.raises(ValidationError, match="Say who it was shared with"):
        services.add_share(item=entry, by=world.careers_leader.user, shared_on=dt.date(2026, 1, 12),
                           format=LmiFormat.DISCUSSION)
    assert not LmiShare.objects.exists()


def test_add_share_cannot_come_before_the_item_arrived(world):
    entry = item(world.school, dt.date(2026, 1, 5))
    with pytest.raises(ValidationError, match="before it was received"):
        services.add_share(item=entry, by=world.careers_leader.user, shared_on=dt.date(2026, 1, 4),
                           with_staff=True, format=LmiFormat.MEETING)


def test_add_share_refuses_another_schools_class(world, other_world):
    entry = item(world.school, dt.date(2026, 1, 5))
    with pytest.raises(ValidationError, match="your school's own classes"):
        services.add_share(item=entry, by=world.careers_leader.user, shared_on=dt.date(2026, 1, 12),
                           class_groups=[other_world.class_group], format=LmiFormat.DISCUSSION)


def test_update_share_changes_its_classes(world):
    entry = item(world.school, dt.date(2026, 1, 5))
    made = services.add_share(item=entry, by=world.careers_leader.user, shared_on=dt.date(2026, 1, 12),
                              class_groups=[world.class_group], format=LmiFormat.DISCUSSION)
    changed = services.update_share(share=made, by=world.careers_leader.user,
                                    class_groups=[world.class_group, world.other_class], with_families=True)
    assert changed == ["with_families", "class_groups"]
    assert set(made.class_groups.all()) == {world.class_group, world.other_class}


def test_delete_share_is_audited(world):
    entry = item(world.school, dt.date(2026, 1, 5))
    made = services.add_share(item=entry, by=world.careers_leader.user, shared_on=dt.date(2026, 1, 12),
                              with_staff=True, format=LmiFormat.MEETING)
    services.delete_share(share=made, by=world.careers_leader.user)
    assert not LmiShare.objects.exists()
    assert AuditEntry.objects.filter(action="lmi_share.deleted").count() == 1
