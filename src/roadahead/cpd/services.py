"""Writes to staff careers training records.

Each service validates with full_clean, runs in one transaction and writes one audit entry that
names the fields changed, never their values.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.cpd.models import CpdRecord
from roadahead.people.models import Membership
from roadahead.schools.models import School

RECORD_FIELDS = ("member", "date", "title", "provider", "hours", "notes")


def _tidy(values: dict[str, Any]) -> dict[str, Any]:
    tidy = {k: v for k, v in values.items() if k in RECORD_FIELDS}
    for name, value in tidy.items():
        if isinstance(value, str):
            tidy[name] = value.strip()
    return tidy


def _check_member(record: CpdRecord) -> None:
    member: Membership = record.member
    if member.school_id != record.school_id:
        raise ValidationError({"member": _("Choose a member of your school's staff.")})


@transaction.atomic
def create_record(*, school: School, by: Any, **values: Any) -> CpdRecord:
    record = CpdRecord(school=school, **_tidy(values))
    record.full_clean()
    _check_member(record)
    record.save()
    log_action(school=school, user=by, action="cpd_record.created", obj=record)
    return record


@transaction.atomic
def update_record(*, record: CpdRecord, by: Any, **values: Any) -> list[str]:
    values = _tidy(values)
    changed = [name for name in RECORD_FIELDS if name in values and getattr(record, name) != values[name]]
    if not changed:
        return []
    for name in changed:
        setattr(record, name, values[name])
    record.full_clean()
    _check_member(record)
    record.save()
    log_action(school=record.school, user=by, action="cpd_record.changed", obj=record, data={"fields": changed})
    return changed


@transaction.atomic
def delete_record(*, record: CpdRecord, by: Any) -> None:
    log_action(school=record.school, user=by, action="cpd_record.deleted", obj=record)
    record.delete()
