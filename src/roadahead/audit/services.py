from __future__ import annotations

from typing import Any

from django.db import models

from roadahead.audit.models import AuditEntry


def log_action(
    *,
    school: models.Model | None,
    user: Any,
    action: str,
    obj: models.Model | None = None,
    pupil_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry. `action` is dotted and namespaced, e.g. "pupil.viewed".

    `data` holds field names and counts, never personal values.
    """
    return AuditEntry.objects.create(
        school=school,
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        pupil_id=pupil_id,
        data=data or {},
    )
