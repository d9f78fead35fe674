"""The school's entitlement rules: read by every member, changed by the careers leader."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roadahead.activities.models import ActivityType
from roadahead.activities.services import ensure_activity_types
from roadahead.benchmarks.selectors import benchmarks as school_benchmarks
from roadahead.core.forms import add_validation_errors
from roadahead.entitlements import selectors, services
from roadahead.entitlements.enums import RuleKind
from roadahead.entitlements.forms import RuleForm
from roadahead.entitlements.models import EntitlementRule
from roadahead.entitlements.rules import can_edit_rules, can_view_rules
from roadahead.entitlements.wording import describe_rule, who
from roadahead.people.decorators import school_view
from roadahead.schools.models import School
from roadahead.schools.selectors import pathways as school_pathways

KIND_ORDER = (RuleKind.STATUTORY, RuleKind.BENCHMARK, RuleKind.SCHOOL)




@school_view(can_view_rules)
def rule_list(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    rules = list(selectors.rules_of(school=school).order_by("-is_active", "order", "name"))
    groups = []
    for kind in KIND_ORDER:
        members = [{"rule": r, "text": describe_rule(r)} for r in rules if r.kind == kind]
        groups.append({"kind": kind, "label": kind.label, "rows": members})
    return render(request, "entitlements/rule_list.html", {
        "groups": groups, "can_edit": can_edit_rules(request.membership),  # type: ignore[attr-defined]
        "school_checks": {"provider_access": school.check_provider_access,
                          "independent_guidance": school.check_independent_guidance,
                          "gatsby_benchmarks": school.check_gatsby_benchmarks},
    })


def _switched_off(school: School, rule: EntitlementRule) -> bool:
    """True when the school check the rule depends on is off, so the rule is not judged."""
    return bool(rule.school_check) and not getattr(school, f"check_{rule.school_check}", True)


@school_view(can_view_rules)
def rule_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    rule = selectors.rule_for(school=school, pk=pk)
    return render(request, "entitlements/rule_detail.html", {
        "rule": rule, "text": describe_rule(rule), "who": who(rule), "switched_off": _switched_off(school, rule),
        "can_edit": can_edit_rules(request.membership),  # type: ignore[attr-defined]
    })


def _initial(rule: EntitlementRule) -> dict[str, Any]:
    fields = ("name", "description", "kind", "source", "school_check", "first_year", "last_year", "needs",
              "settings", "provider_kinds", "meaningful_only", "pal_only", "count_part", "required", "period",
              "cutoff_month", "cutoff_day", "required_of_pupils", "pal_key_phase", "code", "order", "is_active")
    initial: dict[str, Any] = {name: getattr(rule, name) for name in fields}
    initial["benchmark"] = rule.benchmark_id
    for name in ("pathways", "activity_types", "evidences"):
        initial[name] = [obj.pk for obj in getattr(rule, name).all()]
    return initial


def _rule_form_page(request: HttpRequest, rule: EntitlementRule | None) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    # A school set up before rules existed still gets benchmarks and activity types to choose from.
    ensure_activity_types(school=school)
    form = RuleForm(request.POST or None, initial=_initial(rule) if rule else None, editing=rule is not None,
                    benchmarks=school_benchmarks(school=school), pathways=school_pathways(school=school),
                    activity_types=ActivityType.objects.filter(school=school).order_by("-is_active", "order", "name"))
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            if rule is None:
                saved = services.create_rule(school=school, by=request.user, **values)
            else:
                # A rule's code is how the programme file finds it, so it is fixed once made.
                values.pop("code", None)
                saved = EntitlementRule.objects.get(school=school, pk=rule.pk)
                services.update_rule(rule=saved, by=request.user, **values)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": saved.name})
            return redirect("rules:detail", school_slug=school.slug, pk=saved.pk)
    title = _("Add a rule") if rule is None else _("Change %(name)s") % {"name": rule.name}
    return render(request, "entitlements/rule_form.html", {"form": form, "title": title, "rule": rule})


@school_view(can_edit_rules)
def rule_create(request: HttpRequest) -> HttpResponse:
    return _rule_form_page(request, None)


@school_view(can_edit_rules)
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _rule_form_page(request, selectors.rule_for(school=request.school, pk=pk))  # type: ignore[attr-defined]


@require_POST
@school_view(can_edit_rules)
def rule_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Switch a rule off (or back on): pupils are no longer judged against it, and nothing is deleted."""
    school = request.school  # type: ignore[attr-defined]
    rule = selectors.rule_for(school=school, pk=pk)
    active = request.POST.get("is_active") == "1"
    services.set_active(rule=rule, by=request.user, active=active)
    if active:
        messages.success(request, _("%(name)s is in use again.") % {"name": rule.name})
    else:
        messages.success(request, _("%(name)s is switched off.") % {"name": rule.name})
    return redirect("rules:detail", school_slug=school.slug, pk=rule.pk)
