"""Writes to people: pupils, needs, enrolments, staff memberships and adviser assignments.

Each service validates with full_clean, runs in one transaction and writes an audit entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.core.locking import StaleEdit, claim_next_version  # noqa: F401 (StaleEdit is part of this API)
from roadahead.people.enums import Role
from roadahead.people.models import AdviserAssignment, Enrolment, Membership, Pupil, PupilNeed, User
from roadahead.people.validators import normalise_upn
from roadahead.schools.models import AcademicYear, ClassGroup, Pathway, School

PUPIL_FIELDS = (
    "upn", "legal_forename", "legal_surname", "preferred_forename", "preferred_surname",
    "date_of_birth", "sex", "sen_provision", "ehcp_last_review", "ehcp_next_review",
    "looked_after", "communication_notes", "date_joined", "date_left",
)


@transaction.atomic
def create_pupil(*, school: School, by: Any, audit: bool = True, **values: Any) -> Pupil:
    values["upn"] = normalise_upn(values.get("upn", ""))
    pupil = Pupil(school=school, **{k: v for k, v in values.items() if k in PUPIL_FIELDS})
    pupil.full_clean()
    pupil.save()
    if audit:
        log_action(school=school, user=by, action="pupil.created", obj=pupil, pupil_id=pupil.pk)
    return pupil


@transaction.atomic
def update_pupil(*, pupil: Pupil, by: Any, expected_version: int | None = None, audit: bool = True,
                 **values: Any) -> list[str]:
    """Change a pupil's details; returns the names of the fields that changed.

    With `expected_version`, the save is refused if someone else saved the pupil since the editor
    loaded it, so the second of two people editing at once is told instead of overwriting.
    """
    if "upn" in values:
        values["upn"] = normalise_upn(values["upn"])
    changed = [name for name in PUPIL_FIELDS if name in values and getattr(pupil, name) != values[name]]
    if not changed:
        return []
    for name in changed:
        setattr(pupil, name, values[name])
    pupil.full_clean()
    if expected_version is not None:
        pupil.version = claim_next_version(
            Pupil.objects.filter(school=pupil.school), pk=pupil.pk, expected_version=expected_version,
            message=_("Someone else changed this pupil's record while you were editing it. "
                      "Your changes have not been saved: reload the page to see theirs."))
        pupil.save(update_fields=[*changed, "updated_at"])
    else:
        pupil.version += 1
        pupil.save()
    if audit:
        log_action(school=pupil.school, user=by, action="pupil.changed", obj=pupil, pupil_id=pupil.pk,
                   data={"fields": changed})
    return changed


def set_needs(*, pupil: Pupil, needs: Sequence[str]) -> bool:
    """Replace the pupil's ranked needs (first = primary). Returns whether anything changed."""
    current = list(PupilNeed.objects.filter(school=pupil.school, pupil=pupil).order_by("rank")
                   .values_list("need", flat=True))
    wanted = list(dict.fromkeys(needs))
    if current == wanted:
        return False
    PupilNeed.objects.filter(school=pupil.school, pupil=pupil).delete()
    PupilNeed.objects.bulk_create(
        PupilNeed(school=pupil.school, pupil=pupil, need=need, rank=rank)
        for rank, need in enumerate(wanted, start=1))
    return True


def enrol(*, pupil: Pupil, academic_year: AcademicYear, nc_year: str,
          class_group: ClassGroup | None = None, pathway: Pathway | None = None) -> tuple[Enrolment, bool]:
    """Record the pupil's NC year, class and pathway for one academic year. Returns (enrolment, changed)."""
    enrolment = Enrolment.objects.filter(school=pupil.school, pupil=pupil, academic_year=academic_year).first()
    if enrolment is None:
        enrolment = Enrolment(school=pupil.school, pupil=pupil, academic_year=academic_year)
    elif (enrolment.nc_year, enrolment.class_group_id, enrolment.pathway_id) == (
            nc_year, class_group.pk if class_group else None, pathway.pk if pathway else None):
        return enrolment, False
    enrolment.nc_year = nc_year
    enrolment.class_group = class_group
    enrolment.pathway = pathway
    enrolment.full_clean(validate_unique=False)
    enrolment.save()
    return enrolment, True


@transaction.atomic
def add_member(*, school: School, by: Any, email: str, full_name: str, role: str, job_title: str = "",
               password: str | None = None) -> Membership:
    """Give a person a role in the school, creating their user account if they have none."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, full_name=full_name.strip())
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean()
        user.save()
    membership, created = Membership.objects.get_or_create(
        school=school, user=user, defaults={"role": role, "job_title": job_title})
    if not created:
        membership.role = role
        membership.job_title = job_title or membership.job_title
        membership.is_active = True
        membership.save()
    log_action(school=school, user=by, action="membership.added" if created else "membership.changed",
               obj=membership, data={"role": role})
    return membership


@transaction.atomic
def update_member(*, membership: Membership, by: Any, role: str, job_title: str, is_active: bool,
                  class_groups: Sequence[ClassGroup] = (), qualification_level: int | None = None,
                  independent_of_school: bool = False) -> Membership:
    if membership.user_id == getattr(by, "pk", None) and (role != Role.CAREERS_LEADER or not is_active):
        raise ValidationError(_("You cannot remove your own careers leader role. Ask another careers leader."))
    membership.role = role
    membership.job_title = job_title
    membership.is_active = is_active
    membership.qualification_level = qualification_level
    membership.independent_of_school = independent_of_school
    membership.save()
    membership.class_groups.set(class_groups)
    log_action(school=membership.school, user=by, action="membership.changed", obj=membership,
               data={"role": role, "active": is_active})
    return membership


@transaction.atomic
def assign_adviser(*, adviser: Membership, pupils: Sequence[Pupil], by: Any) -> int:
    """Assign pupils to a careers adviser. Returns how many were newly assigned."""
    if adviser.role != Role.ADVISER:
        raise ValidationError(_("Pupils can only be assigned to a careers adviser."))
    existing = set(AdviserAssignment.objects.filter(school=adviser.school, adviser=adviser)
                   .values_list("pupil_id", flat=True))
    new = [p for p in pupils if p.pk not in existing]
    AdviserAssignment.objects.bulk_create(
        AdviserAssignment(school=adviser.school, adviser=adviser, pupil=p) for p in new)
    log_action(school=adviser.school, user=by, action="adviser.assigned", obj=adviser, data={"pupils": len(new)})
    return len(new)


@transaction.atomic
def unassign_adviser(*, adviser: Membership, pupil: Pupil, by: Any) -> None:
    AdviserAssignment.objects.filter(school=adviser.school, adviser=adviser, pupil=pupil).delete()
    log_action(school=adviser.school, user=by, action="adviser.unassigned", obj=adviser, pupil_id=pupil.pk)
