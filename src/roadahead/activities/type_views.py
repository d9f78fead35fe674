"""The careers leader's pages for the school's benchmarks and activity types (part of set-up)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from roadahead.activities import type_services
from roadahead.activities.models import ActivityType
from roadahead.activities.services import ensure_activity_types
from roadahead.activities.type_forms import ActivityTypeForm, BenchmarkForm
from roadahead.benchmarks.models import Benchmark
from roadahead.benchmarks.selectors import benchmarks as school_benchmarks
from roadahead.benchmarks.services import update_benchmark
from roadahead.core.forms import add_validation_errors
from roadahead.people import rules
from roadahead.people.decorators import school_view


@school_view(rules.can_view_school_setup)
def type_list(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    if rules.can_manage_school(request.membership):  # type: ignore[attr-defined]
        ensure_activity_types(school=school)  # a school set up before types existed gets the defaults
    kinds = (ActivityType.objects.filter(school=school).prefetch_related("default_benchmarks")
             .order_by("-is_active", "order", "name"))
    return render(request, "activities/types/list.html", {
        "kinds": kinds, "benchmarks": school_benchmarks(school=school),
        "can_manage": rules.can_manage_school(request.membership)})  # type: ignore[attr-defined]


def _type_form_page(request: HttpRequest, kind: ActivityType | None) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    form = ActivityTypeForm(request.POST or None, instance=kind, benchmarks=school_benchmarks(school=school))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = list(data.pop("benchmarks"))
        try:
            if kind is None:
                type_services.create_activity_type(school=school, by=request.user, benchmarks=chosen, **data)
            else:
                fresh = ActivityType.objects.get(school=school, pk=kind.pk)
                type_services.update_activity_type(kind=fresh, by=request.user, benchmarks=chosen, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": data["name"]})
            return redirect("activity_types:list", school_slug=school.slug)
    title = _("Add an activity type") if kind is None else _("Change %(name)s") % {"name": kind.name}
    return render(request, "activities/types/form.html", {"form": form, "title": title})


@school_view(rules.can_manage_school)
def type_create(request: HttpRequest) -> HttpResponse:
    return _type_form_page(request, None)


@school_view(rules.can_manage_school)
def type_edit(request: HttpRequest, pk: int) -> HttpResponse:
    kind = ActivityType.objects.filter(school=request.school, pk=pk).first()  # type: ignore[attr-defined]
    if kind is None:
        raise Http404
    return _type_form_page(request, kind)


@school_view(rules.can_manage_school)
def benchmark_edit(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    benchmark = Benchmark.objects.filter(school=school, pk=pk).first()
    if benchmark is None:
        raise Http404
    form = BenchmarkForm(request.POST or None, initial={"title": benchmark.title, "summary": benchmark.summary})
    if request.method == "POST" and form.is_valid():
        try:
            update_benchmark(benchmark=benchmark, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Benchmark %(n)d is saved.") % {"n": benchmark.number})
            return redirect("activity_types:list", school_slug=school.slug)
    return render(request, "activities/types/form.html", {
        "form": form, "title": _("Change the wording of benchmark %(n)d") % {"n": benchmark.number}})
