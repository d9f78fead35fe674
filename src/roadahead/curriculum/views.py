from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from roadahead.core.dates import academic_year_label
from roadahead.core.forms import add_validation_errors
from roadahead.curriculum import rules, selectors, services
from roadahead.curriculum.forms import SchemeFilterForm, SchemeForm, SubjectForm
from roadahead.curriculum.models import Scheme, Subject
from roadahead.people.decorators import school_view
from roadahead.schools.forms import YearForm
from roadahead.schools.models import Phase
from roadahead.schools.selectors import academic_year_start_on


def _year_form(request: HttpRequest) -> YearForm:
    school = request.school  # type: ignore[attr-defined]
    current = academic_year_start_on(school=school, day=timezone.localdate())
    return YearForm(request.GET or None, years=selectors.academic_years(school=school), current=current)


@school_view(rules.can_view_curriculum)
def programme(request: HttpRequest) -> HttpResponse:
    """One menu item for the records behind the programme: curriculum links, LMI and staff training."""
    return render(request, "curriculum/programme.html")


@school_view(rules.can_view_curriculum)
def grid(request: HttpRequest) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    year_form = _year_form(request)
    start_year = year_form.start_year()
    return render(request, "curriculum/grid.html", {
        "year_form": year_form, "start_year": start_year, "year_label": academic_year_label(start_year),
        "grid": selectors.coverage_grid(school=school, start_year=start_year),
        "can_add": rules.can_add_scheme(membership), "can_manage": rules.can_manage_subjects(membership),
    })


def _filter_form(request: HttpRequest) -> SchemeFilterForm:
    school = request.school  # type: ignore[attr-defined]
    return SchemeFilterForm(request.GET or None, subjects=selectors.subjects(school=school),
                            phases=Phase.objects.filter(school=school))


@school_view(rules.can_view_curriculum)
def scheme_list(request: HttpRequest) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    form = _filter_form(request)
    filters = form.filters()
    return render(request, "curriculum/scheme_list.html", {
        "form": form, "schemes": selectors.scheme_list(school=school, **filters),
        "filtered": any(filters.values()), "subject": filters["subject"], "phase": filters["phase"],
        "can_add": rules.can_add_scheme(membership),
    })


@school_view(rules.can_view_curriculum)
def activity_list(request: HttpRequest) -> HttpResponse:
    """The lessons and activities behind a grid cell: titles and dates only, never pupils."""
    school = request.school  # type: ignore[attr-defined]
    form = _filter_form(request)
    filters = form.filters()
    year_form = _year_form(request)
    start_year = year_form.start_year()
    return render(request, "curriculum/activity_list.html", {
        "form": form, "year_form": year_form, "start_year": start_year, "year_label": academic_year_label(start_year),
        **filters,
        "activities": selectors.cell_activities(school=school, start_year=start_year, **filters),
    })


@school_view(rules.can_view_curriculum)
def scheme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    scheme = selectors.scheme_detail(school=school, pk=pk)
    return render(request, "curriculum/scheme_detail.html", {
        "scheme": scheme, "phases": list(scheme.phases.all()),
        "activities": selectors.scheme_activities(school=school, scheme=scheme),
        "can_edit": rules.can_edit_scheme(membership),
    })


def _scheme_form_view(request: HttpRequest, scheme: Scheme | None) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    initial: dict[str, Any] | None = None
    if scheme is not None:
        initial = {"subject": scheme.subject_id, "title": scheme.title, "careers_statement": scheme.careers_statement,
                   "phases": [p.pk for p in scheme.phases.all()], "first_year": scheme.first_year,
                   "last_year": scheme.last_year}
    elif request.GET.get("subject", "").isdigit():
        initial = {"subject": int(request.GET["subject"])}
    subjects = selectors.subjects(school=school)
    form = SchemeForm(request.POST or None, initial=initial, subjects=subjects,
                      phases=Phase.objects.filter(school=school).order_by("order", "name"))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        phases = list(data.pop("phases"))
        try:
            if scheme is None:
                saved = services.create_scheme(school=school, by=request.user, phases=phases, **data)
            else:
                saved = scheme
                services.update_scheme(scheme=scheme, by=request.user, phases=phases, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(title)s is saved.") % {"title": saved.title})
            return redirect("curriculum:scheme_detail", school_slug=school.slug, pk=saved.pk)
    return render(request, "curriculum/scheme_form.html", {
        "form": form, "scheme": scheme, "no_subjects": not subjects.exists(),
        "can_manage": rules.can_manage_subjects(request.membership),  # type: ignore[attr-defined]
    })


@school_view(rules.can_add_scheme)
def scheme_create(request: HttpRequest) -> HttpResponse:
    return _scheme_form_view(request, None)


@school_view(rules.can_edit_scheme)
def scheme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _scheme_form_view(request, selectors.scheme_detail(school=request.school, pk=pk))  # type: ignore[attr-defined]


@school_view(rules.can_view_curriculum)
def subject_list(request: HttpRequest) -> HttpResponse:
    return render(request, "curriculum/subject_list.html", {
        "subjects": selectors.subjects(school=request.school),  # type: ignore[attr-defined]
        "can_manage": rules.can_manage_subjects(request.membership),  # type: ignore[attr-defined]
    })


def _subject_form_view(request: HttpRequest, subject: Subject | None) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    form = SubjectForm(request.POST or None, initial={"name": subject.name} if subject else None)
    if request.method == "POST" and form.is_valid():
        try:
            if subject is None:
                services.create_subject(school=school, by=request.user, name=form.cleaned_data["name"])
            else:
                services.rename_subject(subject=subject, by=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": form.cleaned_data["name"].strip()})
            return redirect("curriculum:subject_list", school_slug=school.slug)
    return render(request, "curriculum/subject_form.html", {"form": form, "subject": subject})


@school_view(rules.can_manage_subjects)
def subject_create(request: HttpRequest) -> HttpResponse:
    return _subject_form_view(request, None)


@school_view(rules.can_manage_subjects)
def subject_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _subject_form_view(request, selectors.subject_detail(school=request.school, pk=pk))  # type: ignore[attr-defined]
