from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.core import dates
from roadahead.schools.models import AcademicYear, ClassGroup, DestinationCategory, Pathway, Phase, School, Term


@transaction.atomic
def ensure_academic_year(*, school: School, start_year: int) -> AcademicYear:
    """The school's academic year starting in `start_year`, made with 1 Sep-31 Aug if missing."""
    starts_on, ends_on = dates.academic_year_bounds(start_year)
    year, _ = AcademicYear.objects.get_or_create(
        school=school, start_year=start_year, defaults={"starts_on": starts_on, "ends_on": ends_on})
    return year


# ## Editing the school's set-up ###################################################################
# Each service below validates with full_clean, runs in one transaction and writes one audit entry
# naming the fields changed (never their values). They raise ValidationError keyed by field name,
# with messages a careers leader understands, so a form can show them beside the right box.

SCHOOL_FIELDS = (
    "name", "urn", "school_type", "careers_leader_name", "careers_leader_email", "careers_leader_phone",
    "check_provider_access", "check_independent_guidance", "check_gatsby_benchmarks",
)
PATHWAY_FIELDS = ("name", "order", "vision")
PHASE_FIELDS = ("name", "order", "first_year", "last_year", "description")
TERM_FIELDS = ("name", "starts_on", "ends_on", "first_half_ends_on", "second_half_starts_on")


def _record(*, school: School, by: Any, action: str, obj: Any, fields: list[str] | None = None) -> None:
    log_action(school=school, user=by, action=action, obj=obj, data={"fields": fields} if fields else None)


def _strip(values: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in values.items() if k in allowed}


def _apply(obj: Any, values: dict[str, Any], allowed: tuple[str, ...]) -> list[str]:
    """Copy changed values onto `obj`; return the names of the fields that changed."""
    changed = [name for name in allowed if name in values and getattr(obj, name) != values[name]]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


def _refuse_duplicate(queryset: QuerySet[Any], *, field: str, message: str) -> None:
    if queryset.exists():
        raise ValidationError({field: message})


@transaction.atomic
def update_school(*, school: School, by: Any, **values: Any) -> list[str]:
    """Change the school's details and statutory switches. Returns the names of the fields changed."""
    values = _strip(values, SCHOOL_FIELDS)
    changed = _apply(school, values, SCHOOL_FIELDS)
    if not changed:
        return []
    school.full_clean()
    school.save()
    _record(school=school, by=by, action="school.changed", obj=school, fields=changed)
    return changed


def _set_destinations(pathway: Pathway, destinations: Iterable[DestinationCategory] | None) -> bool:
    if destinations is None:
        return False
    wanted = {d.pk for d in destinations if d.school_id == pathway.school_id}
    current = set(pathway.in_keeping_destinations.values_list("pk", flat=True))
    if wanted == current:
        return False
    pathway.in_keeping_destinations.set(wanted)
    return True


def _pathway_name_free(*, school: School, name: str, exclude_pk: int | None = None) -> None:
    same = Pathway.objects.filter(school=school, name__iexact=name)
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    _refuse_duplicate(same, field="name", message=_("There is already a pathway called %(name)s.") % {"name": name})


@transaction.atomic
def create_pathway(*, school: School, by: Any, in_keeping_destinations: Iterable[DestinationCategory] | None = None,
                   **values: Any) -> Pathway:
    pathway = Pathway(school=school, **_strip(values, PATHWAY_FIELDS))
    _pathway_name_free(school=school, name=pathway.name)
    pathway.full_clean(validate_constraints=False)
    pathway.save()
    _set_destinations(pathway, in_keeping_destinations)
    _record(school=school, by=by, action="pathway.created", obj=pathway)
    return pathway


@transaction.atomic
def update_pathway(*, pathway: Pathway, by: Any,
                   in_keeping_destinations: Iterable[DestinationCategory] | None = None, **values: Any) -> list[str]:
    changed = _apply(pathway, _strip(values, PATHWAY_FIELDS), PATHWAY_FIELDS)
    if "name" in changed:
        _pathway_name_free(school=pathway.school, name=pathway.name, exclude_pk=pathway.pk)
    if changed:
        pathway.full_clean(validate_constraints=False)
        pathway.save()
    if _set_destinations(pathway, in_keeping_destinations):
        changed.append("in_keeping_destinations")
    if changed:
        _record(school=pathway.school, by=by, action="pathway.changed", obj=pathway, fields=changed)
    return changed


def _phase_name_free(*, school: School, name: str, exclude_pk: int | None = None) -> None:
    same = Phase.objects.filter(school=school, name__iexact=name)
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    _refuse_duplicate(same, field="name", message=_("There is already a phase called %(name)s.") % {"name": name})


@transaction.atomic
def create_phase(*, school: School, by: Any, **values: Any) -> Phase:
    phase = Phase(school=school, **_strip(values, PHASE_FIELDS))
    _phase_name_free(school=school, name=phase.name)
    phase.full_clean(validate_constraints=False)
    phase.save()
    _record(school=school, by=by, action="phase.created", obj=phase)
    return phase


@transaction.atomic
def update_phase(*, phase: Phase, by: Any, **values: Any) -> list[str]:
    changed = _apply(phase, _strip(values, PHASE_FIELDS), PHASE_FIELDS)
    if not changed:
        return []
    if "name" in changed:
        _phase_name_free(school=phase.school, name=phase.name, exclude_pk=phase.pk)
    phase.full_clean(validate_constraints=False)
    phase.save()
    _record(school=phase.school, by=by, action="phase.changed", obj=phase, fields=changed)
    return changed


def _class_checks(group: ClassGroup) -> None:
    if group.phase_id is not None and group.phase.school_id != group.school_id:  # type: ignore[union-attr]
        raise ValidationError({"phase": _("Choose one of your school's phases.")})
    if group.academic_year.school_id != group.school_id:
        raise ValidationError({"academic_year": _("Choose one of your school's academic years.")})
    same = ClassGroup.objects.filter(school=group.school, academic_year=group.academic_year,
                                     name__iexact=group.name)
    if group.pk is not None:
        same = same.exclude(pk=group.pk)
    _refuse_duplicate(same, field="name", message=_("There is already a class called %(name)s in %(year)s.")
                      % {"name": group.name, "year": group.academic_year.label})


@transaction.atomic
def create_class_group(*, school: School, by: Any, academic_year: AcademicYear, name: str,
                       phase: Phase | None = None) -> ClassGroup:
    group = ClassGroup(school=school, academic_year=academic_year, name=name.strip(), phase=phase)
    group.full_clean(validate_constraints=False)
    _class_checks(group)
    group.save()
    _record(school=school, by=by, action="class_group.created", obj=group)
    return group


@transaction.atomic
def update_class_group(*, group: ClassGroup, by: Any, **values: Any) -> list[str]:
    """Rename a class or change its phase. Its academic year stays: pupils' enrolments point at it."""
    changed = _apply(group, _strip(values, ("name", "phase")), ("name", "phase"))
    if not changed:
        return []
    group.full_clean(validate_constraints=False)
    _class_checks(group)
    group.save()
    _record(school=group.school, by=by, action="class_group.changed", obj=group, fields=changed)
    return changed


@transaction.atomic
def create_academic_year(*, school: School, by: Any, start_year: int, starts_on: dt.date | None = None,
                         ends_on: dt.date | None = None) -> AcademicYear:
    """Add an academic year, 1 September to 31 August unless the school's own dates are given."""
    default_start, default_end = dates.academic_year_bounds(start_year)
    year = AcademicYear(school=school, start_year=start_year, starts_on=starts_on or default_start,
                        ends_on=ends_on or default_end)
    if AcademicYear.objects.filter(school=school, start_year=start_year).exists():
        raise ValidationError({"start_year": _("%(label)s is already set up.") % {"label": year.label}})
    year.full_clean(validate_constraints=False)
    # A day must belong to one academic year at most, or "this year" would be ambiguous.
    overlapping = AcademicYear.objects.filter(school=school, starts_on__lte=year.ends_on,
                                              ends_on__gte=year.starts_on).first()
    if overlapping is not None:
        raise ValidationError(_("These dates overlap %(label)s (%(start)s to %(end)s).") % {
            "label": overlapping.label, "start": f"{overlapping.starts_on:%-d %B %Y}",
            "end": f"{overlapping.ends_on:%-d %B %Y}"})
    year.save()
    _record(school=school, by=by, action="academic_year.created", obj=year)
    return year


def _term_checks(term: Term) -> None:
    year = term.academic_year
    if year.school_id != term.school_id:
        raise ValidationError(_("Choose one of your school's academic years."))
    if not (year.starts_on <= term.starts_on and term.ends_on <= year.ends_on):
        raise ValidationError(_("The term must fall inside the academic year %(label)s (%(start)s to %(end)s).") % {
            "label": year.label, "start": f"{year.starts_on:%-d %B %Y}", "end": f"{year.ends_on:%-d %B %Y}"})
    others = Term.objects.filter(school=term.school, academic_year=year)
    if term.pk is not None:
        others = others.exclude(pk=term.pk)
    if others.filter(name=term.name).exists():
        raise ValidationError({"name": _("%(term)s term %(label)s is already set up.") % {
            "term": term.get_name_display(), "label": year.label}})
    clash = others.filter(starts_on__lte=term.ends_on, ends_on__gte=term.starts_on).first()
    if clash is not None:
        raise ValidationError(_("These dates overlap the %(term)s term.") % {"term": clash.get_name_display()})


@transaction.atomic
def create_term(*, academic_year: AcademicYear, by: Any, **values: Any) -> Term:
    term = Term(school=academic_year.school, academic_year=academic_year, **_strip(values, TERM_FIELDS))
    term.full_clean(validate_constraints=False)
    _term_checks(term)
    term.save()
    _record(school=term.school, by=by, action="term.created", obj=term)
    return term


@transaction.atomic
def update_term(*, term: Term, by: Any, **values: Any) -> list[str]:
    changed = _apply(term, _strip(values, TERM_FIELDS), TERM_FIELDS)
    if not changed:
        return []
    term.full_clean(validate_constraints=False)
    _term_checks(term)
    term.save()
    _record(school=term.school, by=by, action="term.changed", obj=term, fields=changed)
    return changed


def delete_school(*, school: School) -> None:
    """Delete a school and every row it owns, in one transaction.

    Many records hold protected links to the school's own lists (an activity to its type, an
    assessment to its skill) so that a careers leader cannot lose records by deleting one list
    entry. When the whole school goes those links are no obstacle: the blocking rows are deleted
    first, then the school, repeating while something still blocks. Every blocking row found this
    way belongs to the school being deleted (each app keeps its links within one school).
    """
    with transaction.atomic():
        for _ in range(50):  # far more rounds than there are layers of protected links
            try:
                with transaction.atomic():
                    school.delete()
                return
            except ProtectedError as error:
                _delete_protected(error.protected_objects)
        raise RuntimeError("The school could not be deleted: protected links go round in a circle.")


def _delete_protected(objects: Iterable[Any]) -> None:
    by_model: dict[type, list[Any]] = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj.pk)
    for model, pks in by_model.items():
        try:
            with transaction.atomic():
                model._base_manager.filter(pk__in=pks).delete()
        except ProtectedError as error:
            _delete_protected(error.protected_objects)
            model._base_manager.filter(pk__in=pks).delete()
