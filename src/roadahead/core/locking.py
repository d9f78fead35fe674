"""Optimistic locking for records two people may edit at once.

A model with a `version` field is saved only if its version is still the one the editor loaded;
the second of two saves made from the same version is refused, so nobody's changes vanish.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet


class StaleEdit(ValidationError):
    """Someone else saved the record after this editor opened it."""


def claim_next_version(queryset: QuerySet, *, pk: int, expected_version: int, message: str) -> int:
    """Move row `pk` from `expected_version` to the next version in one conditional UPDATE.

    Exactly one of two concurrent claims on the same version succeeds; the other raises
    StaleEdit with `message`. Returns the new version. Call inside the saving transaction.
    """
    if not queryset.filter(pk=pk, version=expected_version).update(version=F("version") + 1):
        raise StaleEdit(message)
    return expected_version + 1
