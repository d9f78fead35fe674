"""Writes to the LMI log: items received and each time one was shared.

Each service validates with full_clean, runs in one transaction and writes one audit entry that
names the fields changed, never their values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.lmi.models import LmiItem, LmiShare
from roadahead.schools.models import ClassGroup, Pathway, School

ITEM_FIELDS = ("received_on", "source", "title", "summary", "link")
SHARE_FIELDS = ("shared_on", "with_families", "with_staff", "format", "notes")


def _tidy(values: dict[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    tidy = {k: v for k, v in values.items() if k in fields}
    for name, value in tidy.items():
        if isinstance(value, str):
            tidy[name] = value.strip()
    return tidy


@transaction.atomic
def create_item(*, school: School, by: Any, **values: Any) -> LmiItem:
    item = LmiItem(school=school, added_by=by if getattr(by, "is_authenticated", False) else None,
                   **_tidy(values, ITEM_FIELDS))
    item.full_clean(exclude=["added_by"])
    item.save()
    log_action(school=school, user=by, action="lmi_item.created", obj=item)
    return item


@transaction.atomic
def update_item(*, item: LmiItem, by: Any, **values: Any) -> list[str]:
    values = _tidy(values, ITEM_FIELDS)
    changed = [name for name in ITEM_FIELDS if name in values and getattr(item, name) != values[name]]
    if not changed:
        return []
    for name in changed:
        setattr(item, name, values[name])
    item.full_clean(exclude=["added_by"])
    item.save()
    log_action(school=item.school, user=by, action="lmi_item.changed", obj=item, data={"fields": changed})
    return changed


def _check_share(share: LmiShare, class_groups: Sequence[ClassGroup], pathways: Sequence[Pathway]) -> None:
    if any(c.school_id != share.school_id for c in class_groups) or any(
            p.school_id != share.school_id for p in pathways):
        raise ValidationError(_("Choose your school's own classes and pathways."))
    if not (class_groups or pathways or share.with_families or share.with_staff):
        raise ValidationError(_("Say who it was shared with: classes, pathways, families or staff."))
    if share.item_id and share.shared_on and share.shared_on < share.item.received_on:
        raise ValidationError({"shared_on": _("It cannot have been shared before it was received (%(day)s).")
                               % {"day": share.item.received_on.strftime("%d/%m/%Y")}})


@transaction.atomic
def add_share(*, item: LmiItem, by: Any, class_groups: Sequence[ClassGroup] = (),
              pathways: Sequence[Pathway] = (), **values: Any) -> LmiShare:
    share = LmiShare(school=item.school, item=item, **_tidy(values, SHARE_FIELDS))
    share.full_clean()
    _check_share(share, class_groups, pathways)
    share.save()
    share.class_groups.set(class_groups)
    share.pathways.set(pathways)
    log_action(school=item.school, user=by, action="lmi_share.created", obj=share)
    return share


@transaction.atomic
def update_share(*, share: LmiShare, by: Any, class_groups: Sequence[ClassGroup] | None = None,
                 pathways: Sequence[Pathway] | None = None, **values: Any) -> list[str]:
    values = _tidy(values, SHARE_FIELDS)
    changed = [name for name in SHARE_FIELDS if name in values and getattr(share, name) != values[name]]
    for name in changed:
        setattr(share, name, values[name])
    new_classes = list(class_groups) if class_groups is not None else list(share.class_groups.all())
    new_pathways = list(pathways) if pathways is not None else list(share.pathways.all())
    if {c.pk for c in new_classes} != {c.pk for c in share.class_groups.all()}:
        changed.append("class_groups")
    if {p.pk for p in new_pathways} != {p.pk for p in share.pathways.all()}:
        changed.append("pathways")
    if not changed:
        return []
    share.full_clean()
    _check_share(share, new_classes, new_pathways)
    share.save()
    share.class_groups.set(new_classes)
    share.pathways.set(new_pathways)
    log_action(school=share.school, user=by, action="lmi_share.changed", obj=share, data={"fields": changed})
    return changed


@transaction.atomic
def delete_share(*, share: LmiShare, by: Any) -> None:
    log_action(school=share.school, user=by, action="lmi_share.deleted", obj=share)
    share.delete()
