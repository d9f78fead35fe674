"""Writes to the public careers page: one record per school, saved with optimistic locking and
one audit entry naming the fields changed (never their values)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.core.locking import claim_next_version
from roadahead.public.models import PublicPage
from roadahead.schools.models import School

PAGE_FIELDS = ("leader_name", "leader_email", "leader_phone", "summary", "impact", "next_review_on", "guidance",
               "pal_how_to_ask", "pal_contact", "pal_refusal_grounds", "pal_premises", "pal_times",
               "safeguarding", "easy_read", "published")


def _tidy(values: dict[str, Any]) -> dict[str, Any]:
    tidy = {k: v for k, v in values.items() if k in PAGE_FIELDS}
    for name, value in tidy.items():
        if isinstance(value, str):
            tidy[name] = value.strip()
    return tidy


@transaction.atomic
def save_page(*, school: School, by: Any, expected_version: int | None = None, **values: Any) -> list[str]:
    """Create or change the school's page; returns the names of the fields that changed.

    With `expected_version`, the save is refused (StaleEdit) if someone else saved the page after
    the editor loaded it.
    """
    values = _tidy(values)
    page = PublicPage.objects.select_for_update().filter(school=school).first()
    created = page is None
    if page is None:
        page = PublicPage(school=school)
    changed = [name for name in PAGE_FIELDS if name in values and getattr(page, name) != values[name]]
    if not changed and not created:
        return []
    for name in changed:
        setattr(page, name, values[name])
    page.full_clean()
    if created:
        page.version = 1
        page.save()
    elif expected_version is not None:
        page.version = claim_next_version(
            PublicPage.objects.filter(school=school), pk=page.pk, expected_version=expected_version,
            message=_("Someone else changed the careers page while you were editing it. Your changes have "
                      "not been saved: reload the page to see theirs."))
        page.save(update_fields=[*changed, "updated_at"])
    else:
        page.version += 1
        page.save()
    log_action(school=school, user=by, action="public_page.created" if created else "public_page.changed",
               obj=page, data={"fields": changed})
    return changed
