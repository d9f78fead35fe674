"""Writes for the school's activity types (its own list, edited by the careers leader)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from roadahead.activities.models import ActivityType
from roadahead.audit.services import log_action
from roadahead.benchmarks.models import Benchmark
from roadahead.schools.models import School

TYPE_FIELDS = ("name", "description", "order", "default_setting", "is_provider_encounter",
               "is_workplace_experience", "is_active")


def _unique_code(school: School, name: str) -> str:
    base = slugify(name)[:50] or "activity"
    code, n = base, 2
    while ActivityType.objects.filter(school=school, code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


def _refuse_duplicate_name(school: School, name: str, exclude_pk: int | None = None) -> None:
    others = ActivityType.objects.filter(school=school, name__iexact=name.strip())
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise ValidationError({"name": _("There is already an activity type called %(name)s.") % {"name": name}})


def _check_benchmarks(school: School, benchmarks: Sequence[Benchmark]) -> None:
    if any(b.school_id != school.pk for b in benchmarks):
        raise ValidationError(_("That belongs to another school."))


@transaction.atomic
def create_activity_type(*, school: School, by: Any, benchmarks: Sequence[Benchmark], **values: Any) -> ActivityType:
    _check_benchmarks(school, benchmarks)
    _refuse_duplicate_name(school, values.get("name", ""))
    kind = ActivityType(school=school, code=_unique_code(school, values.get("name", "")),
                        **{k: v for k, v in values.items() if k in TYPE_FIELDS})
    kind.full_clean()
    kind.save()
    kind.default_benchmarks.set(benchmarks)
    log_action(school=school, user=by, action="activity_type.created", obj=kind)
    return kind


@transaction.atomic
def update_activity_type(*, kind: ActivityType, by: Any, benchmarks: Sequence[Benchmark], **values: Any) -> list[str]:
    """Change a type. Activities already recorded keep the benchmarks they were given."""
    _check_benchmarks(kind.school, benchmarks)
    changed = [k for k in TYPE_FIELDS if k in values and getattr(kind, k) != values[k]]
    if "name" in changed:
        _refuse_duplicate_name(kind.school, values["name"], exclude_pk=kind.pk)
    for name in changed:
        setattr(kind, name, values[name])
    if {b.pk for b in benchmarks} != set(kind.default_benchmarks.values_list("pk", flat=True)):
        changed.append("default_benchmarks")
    if not changed:
        return []
    kind.full_clean()
    kind.save()
    kind.default_benchmarks.set(benchmarks)
    log_action(school=kind.school, user=by, action="activity_type.changed", obj=kind, data={"fields": changed})
    return changed
