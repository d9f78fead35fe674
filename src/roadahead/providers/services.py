"""Writes to the provider directory.

Each service validates with full_clean, runs in one transaction and writes an audit entry that
names the fields changed, never their values (contact names are personal data).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.core.locking import StaleEdit, claim_next_version  # noqa: F401 (StaleEdit is part of this API)
from roadahead.providers.models import Provider
from roadahead.schools.models import School

PROVIDER_FIELDS = (
    "name", "kind", "offers", "contact_name", "contact_email", "contact_phone", "website", "address",
    "town", "postcode", "hosts_send_placements", "send_adjustments", "send_confidence", "notes", "is_active",
)


def _tidy(values: dict[str, Any]) -> dict[str, Any]:
    """Keep only editable fields and trim stray spaces, so "Acme " and "Acme" are one name."""
    tidy = {k: v for k, v in values.items() if k in PROVIDER_FIELDS}
    for name, value in tidy.items():
        if isinstance(value, str):
            tidy[name] = value.strip()
    if tidy.get("postcode"):
        tidy["postcode"] = tidy["postcode"].upper()
    return tidy


def _refuse_duplicate_name(*, school: School, name: str, exclude_pk: int | None = None) -> None:
    same = Provider.objects.filter(school=school, name__iexact=name)
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    if same.exists():
        raise ValidationError({"name": _("There is already a provider called %(name)s in your directory. "
                                         "Use a different name, or change the one you have.") % {"name": name}})


def _save(provider: Provider, **kwargs: Any) -> None:
    # Two people adding the same name at once both pass the check above; the database's
    # unique constraint stops the second, and they get the same plain message.
    try:
        with transaction.atomic():
            provider.save(**kwargs)
    except IntegrityError as error:
        raise ValidationError({"name": _("There is already a provider called %(name)s in your directory.")
                               % {"name": provider.name}}) from error


@transaction.atomic
def create_provider(*, school: School, by: Any, **values: Any) -> Provider:
    values = _tidy(values)
    provider = Provider(school=school, **values)
    _refuse_duplicate_name(school=school, name=provider.name)
    provider.full_clean(validate_constraints=False)
    _save(provider)
    log_action(school=school, user=by, action="provider.created", obj=provider)
    return provider


@transaction.atomic
def update_provider(*, provider: Provider, by: Any, expected_version: int | None = None,
                    **values: Any) -> list[str]:
    """Change a provider's details; returns the names of the fields that changed.

    With `expected_version`, the save is refused if someone else saved the provider since the
    editor loaded it, so the second of two people editing at once is told instead of overwriting.
    """
    values = _tidy(values)
    changed = [name for name in PROVIDER_FIELDS if name in values and getattr(provider, name) != values[name]]
    if not changed:
        return []
    for name in changed:
        setattr(provider, name, values[name])
    if "name" in changed:
        _refuse_duplicate_name(school=provider.school, name=provider.name, exclude_pk=provider.pk)
    provider.full_clean(validate_constraints=False)
    if expected_version is not None:
        # One conditional UPDATE: of two saves made from the same version, exactly one wins.
        provider.version = claim_next_version(
            Provider.objects.filter(school=provider.school), pk=provider.pk, expected_version=expected_version,
            message=_("Someone else changed this provider while you were editing it. "
                      "Your changes have not been saved: reload the page to see theirs."))
        _save(provider, update_fields=[*changed, "updated_at"])
    else:
        provider.version += 1
        _save(provider)
    log_action(school=provider.school, user=by, action="provider.changed", obj=provider, data={"fields": changed})
    return changed


def set_active(*, provider: Provider, by: Any, is_active: bool, expected_version: int | None = None) -> bool:
    """Mark a provider as one the school still works with, or no longer does. Returns whether it changed.

    Providers are never deleted: activities and destinations keep pointing at them.
    """
    return bool(update_provider(provider=provider, by=by, expected_version=expected_version, is_active=is_active))
