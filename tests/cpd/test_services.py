from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from roadahead.audit.models import AuditEntry
from roadahead.cpd import services
from roadahead.cpd.models import CpdRecord
from tests.cpd.helpers import record

pytestmark = pytest.mark.django_db


def test_create_record_is_audited_without_its_title(world):
    made = services.create_record(school=world.school, by=world.careers_leader.user, member=world.class_teacher,
                                  date=dt.date(2026, 1, 5), title=" Using LMI ", provider="Careers hub",
                                  hours=Decimal("1.5"), notes="")
    assert made.title == "Using LMI"
    entry = AuditEntry.objects.get(action="cpd_record.created")
    assert entry.object_id == made.pk
    assert "Using LMI" not in str(entry.data)


def test_create_record_refuses_less_than_half_an_hour(world):
    with pytest.raises(ValidationError) as error:
        services.create_record(school=world.school, by=world.careers_leader.user, member=world.class_teacher,
                               date=dt.date(2026, 1, 5), title="Briefing", hours=Decimal("0.2"))
    assert "hours" in error.value.message_dict
    assert not CpdRecord.objects.exists()


def test_create_record_refuses_another_schools_member(world, other_world):
    with pytest.raises(ValidationError, match="your school's staff"):
        services.create_record(school=world.school, by=world.careers_leader.user, member=other_world.class_teacher,
                               date=dt.date(2026, 1, 5), title="Briefing", hours=Decimal("1"))


def test_update_record_names_the_fields_changed(world):
    made = record(world.class_teacher, dt.date(2026, 1, 5), "1")
    assert services.update_record(record=made, by=world.careers_leader.user, hours=Decimal("2.5"),
                                  title="Careers and SEND") == ["hours"]
    made.refresh_from_db()
    assert made.hours == Decimal("2.5")
    assert AuditEntry.objects.get(action="cpd_record.changed").data == {"fields": ["hours"]}


def test_delete_record_is_audited(world):
    made = record(world.class_teacher, dt.date(2026, 1, 5), "1")
    services.delete_record(record=made, by=world.class_teacher.user)
    assert not CpdRecord.objects.exists()
    assert AuditEntry.objects.filter(action="cpd_record.deleted").count() == 1
