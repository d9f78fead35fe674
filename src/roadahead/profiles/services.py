"""Writes to career profiles, intended destinations and My future pages.

Each service validates with full_clean, runs in one transaction and writes one audit entry naming
the record and the fields changed, never their values. Records two people may edit at once carry
a version (optimistic locking): a save from a stale copy is refused with StaleEdit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.core.locking import claim_next_version
from roadahead.people.models import Membership, Pupil
from roadahead.profiles import images
from roadahead.profiles.models import MyFuture, Picture, ProfileEntry, TransitionPlan
from roadahead.schools.models import School

ENTRY_FIELDS = ("kind", "text", "source", "captured", "recorded_on", "on_my_future")
PLAN_FIELDS = ("pupil_category", "pupil_aim", "family_category", "family_aim", "school_category", "school_aim",
               "plan", "reviewed_on")
STALE = _("Someone else changed this while you were editing it. Your changes have not been saved: "
          "reload the page to see theirs.")


def _tidy(values: dict[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    tidy = {k: v for k, v in values.items() if k in allowed}
    for name, value in tidy.items():
        if isinstance(value, str):
            tidy[name] = value.strip()
    return tidy


def _check_pupil(school: School, pupil: Pupil) -> None:
    if pupil.school_id != school.pk:
        raise ValidationError(_("Choose a pupil in your school."))


# ## PROFILE ENTRIES ##############################################################################
@transaction.atomic
def add_entry(*, school: School, pupil: Pupil, member: Membership, **values: Any) -> ProfileEntry:
    _check_pupil(school, pupil)
    entry = ProfileEntry(school=school, pupil=pupil, recorded_by=member, **_tidy(values, ENTRY_FIELDS))
    entry.full_clean()
    entry.save()
    log_action(school=school, user=member.user, action="profile_entry.created", obj=entry, pupil_id=pupil.pk,
               data={"kind": entry.kind})
    return entry


@transaction.atomic
def update_entry(*, entry: ProfileEntry, member: Membership, expected_version: int | None,
                 **values: Any) -> list[str]:
    """Correct an entry (a typo, the wrong source). What stopped being true is ended, not changed."""
    values = _tidy(values, ENTRY_FIELDS)
    changed = [name for name in ENTRY_FIELDS if name in values and getattr(entry, name) != values[name]]
    if not changed:
        return []
    for name in changed:
        setattr(entry, name, values[name])
    entry.full_clean()
    _claim(ProfileEntry, entry, expected_version)
    entry.save()
    log_action(school=entry.school, user=member.user, action="profile_entry.changed", obj=entry,
               pupil_id=entry.pupil_id, data={"fields": changed})
    return changed


def _claim(model: Any, record: Any, expected_version: int | None) -> None:
    if expected_version is None:
        record.version += 1
        model.objects.filter(school=record.school_id, pk=record.pk).update(version=record.version)
    else:
        record.version = claim_next_version(model.objects.filter(school=record.school_id), pk=record.pk,
                                            expected_version=expected_version, message=STALE)


@transaction.atomic
def end_entry(*, entry: ProfileEntry, member: Membership, expected_version: int | None, ended_on: dt.date,
              reason: str = "", replacement: str = "") -> ProfileEntry | None:
    """Mark an entry no longer true from `ended_on`; with `replacement`, record what is true now
    (same kind, source and capture) and link the two, so the history shows how it changed."""
    if entry.ended_on is not None:
        raise ValidationError(_("This entry has already ended."))
    if ended_on < entry.recorded_on:
        raise ValidationError({"ended_on": _("The end date must be on or after the date it was recorded.")})
    new = None
    if replacement.strip():
        new = ProfileEntry(school=entry.school, pupil=entry.pupil, recorded_by=member, kind=entry.kind,
                           text=replacement.strip(), source=entry.source, captured=entry.captured,
                           recorded_on=ended_on, on_my_future=entry.on_my_future)
        new.full_clean()
        new.save()
    entry.ended_on = ended_on
    entry.end_reason = reason.strip()
    entry.superseded_by = new
    entry.full_clean()
    _claim(ProfileEntry, entry, expected_version)
    entry.save()
    log_action(school=entry.school, user=member.user, action="profile_entry.ended", obj=entry,
               pupil_id=entry.pupil_id, data={"replaced": new is not None})
    return new


# ## INTENDED DESTINATIONS ########################################################################
def _check_categories(plan: TransitionPlan) -> None:
    for name in ("pupil_category", "family_category", "school_category"):
        category = getattr(plan, name)
        if category is not None and category.school_id != plan.school_id:
            raise ValidationError({name: _("Choose one of your school's destination categories.")})


@transaction.atomic
def save_plan(*, school: School, pupil: Pupil, member: Membership, start_year: int,
              expected_version: int | None = None, **values: Any) -> TransitionPlan:
    """Record or review the intended destinations and transition plan for one academic year."""
    _check_pupil(school, pupil)
    values = _tidy(values, PLAN_FIELDS)
    plan = TransitionPlan.objects.filter(school=school, pupil=pupil, start_year=start_year).first()
    created = plan is None
    if plan is None:
        plan = TransitionPlan(school=school, pupil=pupil, start_year=start_year)
    changed = [name for name in PLAN_FIELDS if name in values and getattr(plan, name) != values[name]]
    for name in changed:
        setattr(plan, name, values[name])
    plan.reviewed_by = member
    plan.full_clean()
    _check_categories(plan)
    if not created:
        _claim(TransitionPlan, plan, expected_version)
    plan.save()
    log_action(school=school, user=member.user, action="transition_plan.created" if created else
               "transition_plan.changed", obj=plan, pupil_id=pupil.pk, data={"fields": changed})
    return plan


# ## MY FUTURE ####################################################################################
@transaction.atomic
def save_my_future(*, school: School, pupil: Pupil, member: Membership, next_steps: str,
                   chosen_entry_ids: Iterable[int], expected_version: int | None = None) -> MyFuture:
    """Staff's simple-words next steps and which current entries the page shows."""
    _check_pupil(school, pupil)
    page = MyFuture.objects.filter(school=school, pupil=pupil).first()
    created = page is None
    if page is None:
        page = MyFuture(school=school, pupil=pupil)
    page.next_steps = next_steps.strip()
    page.updated_by = member
    page.full_clean()
    if not created:
        _claim(MyFuture, page, expected_version)
    page.save()
    chosen = set(chosen_entry_ids)
    current = ProfileEntry.objects.filter(school=school, pupil=pupil, ended_on__isnull=True)
    current.filter(pk__in=chosen).update(on_my_future=True)
    current.exclude(pk__in=chosen).update(on_my_future=False)
    log_action(school=school, user=member.user, action="my_future.changed", obj=page, pupil_id=pupil.pk,
               data={"entries": len(chosen)})
    return page


def add_picture(*, school: School, pupil: Pupil, member: Membership, data: bytes, section: str,
                alt_text: str) -> Picture:
    """Check and store an uploaded picture. Raises ValidationError for anything but a picture."""
    _check_pupil(school, pupil)
    if not alt_text.strip():
        raise ValidationError({"alt_text": _("Say what the picture shows, for people who cannot see it.")})
    image = images.clean_image(data)
    picture = Picture(school=school, pupil=pupil, section=section, alt_text=alt_text.strip(), file_name="-",
                      mime_type=image.mime_type, width=image.width, height=image.height, uploaded_by=member)
    picture.full_clean()
    picture.file_name = images.store(school_id=school.pk, image=image)
    try:
        with transaction.atomic():
            picture.save()
            log_action(school=school, user=member.user, action="my_future.picture_added", obj=picture,
                       pupil_id=pupil.pk)
    except Exception:
        images.remove(picture.file_name)  # no orphan file if the row was not saved
        raise
    return picture


def remove_picture(*, picture: Picture, member: Membership) -> None:
    name = picture.file_name
    with transaction.atomic():
        log_action(school=picture.school, user=member.user, action="my_future.picture_removed", obj=picture,
                   pupil_id=picture.pupil_id)
        picture.delete()
    images.remove(name)
