"""Writes for entitlement rules: create, change, switch on and off, and the default checks.

Every write checks the rule (`full_clean` plus the checks a JSON list cannot make itself), refuses
another school's activity types, benchmarks and pathways, runs in one transaction and leaves one
audit entry naming the fields changed, never their values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from roadahead.activities.defaults import DEFAULT_ACTIVITY_TYPES
from roadahead.activities.enums import Setting
from roadahead.activities.models import ActivityType
from roadahead.audit.services import log_action
from roadahead.benchmarks.models import Benchmark
from roadahead.benchmarks.services import ensure_benchmarks
from roadahead.entitlements.defaults import DEFAULT_RULES, REQUIRED_TYPE_CODES, DefaultRule
from roadahead.entitlements.enums import Period
from roadahead.entitlements.models import EntitlementRule
from roadahead.people.enums import NeedType
from roadahead.providers.enums import ProviderKind
from roadahead.schools.models import Pathway, School

RULE_FIELDS = (
    "name", "description", "kind", "source", "school_check", "benchmark", "first_year", "last_year", "needs",
    "settings", "provider_kinds", "meaningful_only", "pal_only", "count_part", "required", "period", "cutoff_month",
    "cutoff_day", "required_of_pupils", "pal_key_phase", "order", "is_active",
)
M2M_FIELDS = ("pathways", "activity_types", "evidences")


def _check_lists(rule: EntitlementRule) -> None:
    """The list fields hold codes; refuse any code Road Ahead does not know, naming the field."""
    errors: dict[str, str] = {}
    for name, allowed in (("settings", Setting.values), ("provider_kinds", ProviderKind.values),
                          ("needs", NeedType.values)):
        values = getattr(rule, name) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            errors[name] = _("Give a list of codes.")
            continue
        unknown = sorted(set(values) - set(allowed))
        if unknown:
            errors[name] = _("Not known: %(codes)s.") % {"codes": ", ".join(unknown)}
        else:
            # One order, no repeats: the same rule then always looks the same in the audit and the file.
            setattr(rule, name, sorted(set(values), key=list(allowed).index))
    if rule.period != Period.YEARS and rule.pal_key_phase is not None:
        errors["pal_key_phase"] = _("A PAL key phase is a rule across years, such as Years 8 to 9.")
    if errors:
        raise ValidationError(errors)


def _check_school(school: School, *, benchmark: Benchmark | None, pathways: Iterable[Pathway] | None,
                  activity_types: Iterable[ActivityType] | None, evidences: Iterable[Benchmark] | None) -> None:
    """Forms and the API are scoped, but a rule must never point at another school's rows."""
    items: list[models.Model] = [*(pathways or []), *(activity_types or []), *(evidences or [])]
    if benchmark is not None:
        items.append(benchmark)
    for item in items:
        if item.school_id != school.pk:  # type: ignore[attr-defined]
            raise ValidationError(_("That belongs to another school."))


def _unique_code(school: School, name: str) -> str:
    base = slugify(name)[:70] or "rule"
    taken = set(EntitlementRule.objects.filter(school=school, code__startswith=base).values_list("code", flat=True))
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


@transaction.atomic
def create_rule(*, school: School, by: Any, code: str = "", pathways: Sequence[Pathway] = (),
                activity_types: Sequence[ActivityType] = (), evidences: Sequence[Benchmark] = (), audit: bool = True,
                **values: Any) -> EntitlementRule:
    """Create a rule. Without a `code`, one is made from the name."""
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"create_rule() got unexpected fields: {', '.join(sorted(unknown))}")
    _check_school(school, benchmark=values.get("benchmark"), pathways=pathways, activity_types=activity_types,
                  evidences=evidences)
    rule = EntitlementRule(school=school, code=code or _unique_code(school, values.get("name", "")), **values)
    _check_lists(rule)
    rule.full_clean()
    rule.save()
    rule.pathways.set(pathways)
    rule.activity_types.set(activity_types)
    rule.evidences.set(evidences)
    if audit:
        log_action(school=school, user=by, action="rule.created", obj=rule)
    return rule


@transaction.atomic
def update_rule(*, rule: EntitlementRule, by: Any, pathways: Sequence[Pathway] | None = None,
                activity_types: Sequence[ActivityType] | None = None, evidences: Sequence[Benchmark] | None = None,
                audit: bool = True, **values: Any) -> list[str]:
    """Change a rule; returns the names of the fields that changed (none: nothing is written)."""
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"update_rule() got unexpected fields: {', '.join(sorted(unknown))}")
    school = rule.school
    _check_school(school, benchmark=values.get("benchmark"), pathways=pathways, activity_types=activity_types,
                  evidences=evidences)
    changed = [name for name, value in values.items() if getattr(rule, name) != value]
    for name in changed:
        setattr(rule, name, values[name])
    wanted = {"pathways": pathways, "activity_types": activity_types, "evidences": evidences}
    m2m_changed = [name for name, items in wanted.items() if items is not None
                   and {i.pk for i in items} != set(getattr(rule, name).values_list("pk", flat=True))]
    if not changed and not m2m_changed:
        return []
    _check_lists(rule)
    rule.full_clean()
    if changed:
        rule.save()
    for name in m2m_changed:
        getattr(rule, name).set(wanted[name])
    changed += m2m_changed
    if audit:
        log_action(school=school, user=by, action="rule.changed", obj=rule, data={"fields": changed})
    return changed


@transaction.atomic
def set_active(*, rule: EntitlementRule, by: Any, active: bool) -> bool:
    """Switch a rule on or off (kept, with its history, either way). Returns whether it changed."""
    if rule.is_active == active:
        return False
    rule.is_active = active
    rule.save(update_fields=["is_active", "updated_at"])
    log_action(school=rule.school, user=by, action="rule.switched_on" if active else "rule.switched_off", obj=rule)
    return True


def _ensure_required_types(school: School, benchmarks: dict[int, Benchmark]) -> dict[str, ActivityType]:
    """The activity types the default rules count, creating any the school lacks from Road Ahead's defaults."""
    types = {t.code: t for t in ActivityType.objects.filter(school=school, code__in=sorted(REQUIRED_TYPE_CODES))}
    last = ActivityType.objects.filter(school=school).order_by("-order").values_list("order", flat=True).first()
    for default in DEFAULT_ACTIVITY_TYPES:
        if default.code in REQUIRED_TYPE_CODES and default.code not in types:
            kind = ActivityType.objects.create(
                school=school, code=default.code, name=default.name, order=(last or 0) + 10,
                description=default.description, default_setting=default.setting,
                is_provider_encounter=default.provider_encounter, is_workplace_experience=default.workplace)
            kind.default_benchmarks.set([benchmarks[n] for n in default.benchmarks])
            types[default.code] = kind
    return types


def _values_of(default: DefaultRule, benchmarks: dict[int, Benchmark], order: int) -> dict[str, Any]:
    return {
        "name": default.name, "description": default.description, "kind": default.kind, "source": default.source,
        "school_check": default.school_check,
        "benchmark": benchmarks[default.benchmark] if default.benchmark else None,
        "first_year": default.first_year, "last_year": default.last_year,
        "provider_kinds": list(default.provider_kinds), "meaningful_only": default.meaningful_only,
        "pal_only": default.pal_only, "required": default.required, "period": default.period,
        "cutoff_month": default.cutoff[0] if default.cutoff else None,
        "cutoff_day": default.cutoff[1] if default.cutoff else None,
        "required_of_pupils": default.required_of_pupils, "pal_key_phase": default.pal_key_phase, "order": order,
    }


@transaction.atomic
def ensure_default_rules(*, school: School, audit: bool = True) -> list[EntitlementRule]:
    """Create the statutory and benchmark checks the school lacks (matched by code); return those made.

    A rule the school already has is left exactly as it is, even if switched off or changed: the
    school's version wins. Whether a check is judged at all follows the school's switches. With
    `audit=False` the caller writes the audit entry (loading a programme file writes one for everything).
    """
    existing = set(EntitlementRule.objects.filter(school=school).values_list("code", flat=True))
    missing = [d for d in DEFAULT_RULES if d.code not in existing]
    if not missing:
        return []
    benchmarks = {b.number: b for b in ensure_benchmarks(school=school)}
    types = _ensure_required_types(school, benchmarks)
    made = []
    for default in missing:
        order = DEFAULT_RULES.index(default) + 1
        made.append(create_rule(
            school=school, by=None, code=default.code, audit=False,
            activity_types=[types[code] for code in default.activity_types],
            evidences=[benchmarks[n] for n in default.evidences], **_values_of(default, benchmarks, order)))
    if audit:
        log_action(school=school, user=None, action="rule.defaults_created", data={"rules": len(made)})
    return made
