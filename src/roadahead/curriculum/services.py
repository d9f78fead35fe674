"""Writes to subjects and schemes of learning.

Each service validates with full_clean, runs in one transaction and writes one audit entry that
names the fields changed, never their values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.core import dates
from roadahead.curriculum.models import Scheme, Subject
from roadahead.schools.models import Phase, School

SCHEME_FIELDS = ("subject", "title", "careers_statement", "first_year", "last_year")


def _refuse_duplicate_subject(*, school: School, name: str, exclude_pk: int | None = None) -> None:
    same = Subject.objects.filter(school=school, name__iexact=name)
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    if same.exists():
        raise ValidationError({"name": _("There is already a subject called %(name)s.") % {"name": name}})


def _save(obj: Subject | Scheme, field: str, message: str) -> None:
    # Two people adding the same name at once both pass the check; the unique constraint stops
    # the second, who gets the same plain message.
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as error:
        raise ValidationError({field: message}) from error


@transaction.atomic
def create_subject(*, school: School, by: Any, name: str) -> Subject:
    subject = Subject(school=school, name=name.strip())
    subject.full_clean(validate_constraints=False)
    _refuse_duplicate_subject(school=school, name=subject.name)
    _save(subject, "name", _("There is already a subject called %(name)s.") % {"name": subject.name})
    log_action(school=school, user=by, action="subject.created", obj=subject)
    return subject


@transaction.atomic
def rename_subject(*, subject: Subject, by: Any, name: str) -> bool:
    """Rename a subject; its schemes follow. Returns whether the name changed."""
    name = name.strip()
    if name == subject.name:
        return False
    subject.name = name
    subject.full_clean(validate_constraints=False)
    _refuse_duplicate_subject(school=subject.school, name=name, exclude_pk=subject.pk)
    _save(subject, "name", _("There is already a subject called %(name)s.") % {"name": name})
    log_action(school=subject.school, user=by, action="subject.renamed", obj=subject, data={"fields": ["name"]})
    return True


def _check_scheme(scheme: Scheme, phases: Sequence[Phase]) -> None:
    if scheme.subject_id and scheme.subject.school_id != scheme.school_id:
        raise ValidationError({"subject": _("Choose one of your school's subjects.")})
    if any(phase.school_id != scheme.school_id for phase in phases):
        raise ValidationError({"phases": _("Choose your school's own phases.")})
    if bool(scheme.first_year) != bool(scheme.last_year):
        raise ValidationError({"last_year": _("Give both the first and the last NC year, or neither.")})
    if scheme.first_year:
        first, last = dates.nc_year_ordinal(scheme.first_year), dates.nc_year_ordinal(scheme.last_year)
        if first is None or last is None:
            raise ValidationError({"first_year": _("Choose NC years from Nursery to Year 14.")})
        if first > last:
            raise ValidationError({"last_year": _("The last NC year must not come before the first.")})
    if not phases and not scheme.first_year:
        # A scheme with neither would appear nowhere on the coverage grid.
        raise ValidationError(_("Tick the phases this scheme is taught in, or give its NC years, or both."))
    duplicate = Scheme.objects.filter(school=scheme.school, subject=scheme.subject_id, title__iexact=scheme.title)
    if scheme.pk:
        duplicate = duplicate.exclude(pk=scheme.pk)
    if duplicate.exists():
        raise ValidationError({"title": _("This subject already has a scheme called %(title)s.")
                               % {"title": scheme.title}})


def _tidy(values: dict[str, Any]) -> dict[str, Any]:
    tidy = {k: v for k, v in values.items() if k in SCHEME_FIELDS}
    for name in ("title", "careers_statement"):
        if isinstance(tidy.get(name), str):
            tidy[name] = tidy[name].strip()
    return tidy


@transaction.atomic
def create_scheme(*, school: School, by: Any, phases: Sequence[Phase] = (), **values: Any) -> Scheme:
    scheme = Scheme(school=school, **_tidy(values))
    scheme.full_clean(validate_constraints=False)
    _check_scheme(scheme, phases)
    _save(scheme, "title", _("This subject already has a scheme called %(title)s.") % {"title": scheme.title})
    scheme.phases.set(phases)
    log_action(school=school, user=by, action="scheme.created", obj=scheme)
    return scheme


@transaction.atomic
def update_scheme(*, scheme: Scheme, by: Any, phases: Sequence[Phase] | None = None, **values: Any) -> list[str]:
    """Change a scheme; returns the names of the fields that changed (phases included)."""
    values = _tidy(values)
    changed = [name for name in SCHEME_FIELDS if name in values and getattr(scheme, name) != values[name]]
    for name in changed:
        setattr(scheme, name, values[name])
    current = {p.pk for p in scheme.phases.all()}
    new_phases = list(phases) if phases is not None else list(scheme.phases.all())
    if {p.pk for p in new_phases} != current:
        changed.append("phases")
    if not changed:
        return []
    scheme.full_clean(validate_constraints=False)
    _check_scheme(scheme, new_phases)
    _save(scheme, "title", _("This subject already has a scheme called %(title)s.") % {"title": scheme.title})
    scheme.phases.set(new_phases)
    log_action(school=scheme.school, user=by, action="scheme.changed", obj=scheme, data={"fields": changed})
    return changed
