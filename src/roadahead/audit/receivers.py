"""Audit entries for changes announced by apps below `audit` in the app order."""

from __future__ import annotations

from typing import Any

from django.db import models

from roadahead.audit.services import log_action
from roadahead.schools.models import School
from roadahead.schools.signals import setup_changed


def record_setup_change(sender: Any, *, school: School, user: Any, action: str, obj: models.Model,
                        fields: list[str], **kwargs: Any) -> None:
    log_action(school=school, user=user, action=action, obj=obj, data={"fields": fields} if fields else None)


def connect() -> None:
    setup_changed.connect(record_setup_change, dispatch_uid="audit.record_setup_change")
