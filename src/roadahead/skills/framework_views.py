"""The school's skills frameworks: everyone may read them; the careers leader renames, adds skills and archives."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from roadahead.core.forms import add_validation_errors
from roadahead.people.decorators import school_view
from roadahead.skills import rules, selectors, services
from roadahead.skills.forms import FrameworkForm, NewSkillForm, SkillForm


@school_view(rules.can_view_frameworks)
def framework_list(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    return render(request, "skills/frameworks.html", {
        "frameworks": selectors.frameworks(school=school),
        "can_manage": rules.can_manage_frameworks(request.membership),  # type: ignore[attr-defined]
    })


def _edit(request: HttpRequest, obj: object, form_class: type[FrameworkForm], update: object,
          heading: str) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    fields = ("name", "description", "archived", "version")
    form = form_class(request.POST or None, initial={f: getattr(obj, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            update(by=request.user, expected_version=data.pop("version"), **data)  # type: ignore[operator]
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": data["name"].strip()})
            return redirect("skills:frameworks", school_slug=school.slug)
    return render(request, "skills/edit.html", {"form": form, "heading": heading, "obj": obj})


@school_view(rules.can_manage_frameworks)
def framework_edit(request: HttpRequest, pk: int) -> HttpResponse:
    framework = selectors.framework(school=request.school, pk=pk)  # type: ignore[attr-defined]

    def update(**values: object) -> list[str]:
        return services.update_framework(framework=framework, **values)  # type: ignore[arg-type]

    return _edit(request, framework, FrameworkForm, update, _("Change a framework"))


@school_view(rules.can_manage_frameworks)
def skill_edit(request: HttpRequest, pk: int) -> HttpResponse:
    skill = selectors.skill(school=request.school, pk=pk)  # type: ignore[attr-defined]

    def update(**values: object) -> list[str]:
        return services.update_skill(skill=skill, **values)  # type: ignore[arg-type]

    return _edit(request, skill, SkillForm, update, _("Change a skill"))


@school_view(rules.can_manage_frameworks)
def skill_add(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    framework = selectors.framework(school=school, pk=pk)
    form = NewSkillForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            skill = services.add_skill(framework=framework, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(name)s is added to %(framework)s.") % {
                "name": skill.name, "framework": framework.name})
            return redirect("skills:frameworks", school_slug=school.slug)
    return render(request, "skills/skill_add.html", {"form": form, "framework": framework})
