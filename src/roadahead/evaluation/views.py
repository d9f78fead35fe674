"""The self-evaluation pages: history and trend, one term's evaluation, marking a benchmark, the
benchmark-shaped summary (page and CSV) and the action plan. Thin: selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roadahead.core.downloads import csv_response, record_rows
from roadahead.core.forms import add_validation_errors
from roadahead.evaluation import evidence, rules, selectors, services
from roadahead.evaluation.forms import ActionForm, BenchmarkForm, CohortForm, EvaluationForm
from roadahead.evaluation.models import Action, Evaluation
from roadahead.people.decorators import school_view
from roadahead.people.enums import Role
from roadahead.people.models import Membership
from roadahead.schools.models import AcademicYear
from roadahead.schools.selectors import academic_year_start_on
from roadahead.standing import charts


def _staff(school: Any) -> Any:
    return (Membership.objects.filter(school=school, is_active=True).exclude(role=Role.LEADER)
            .select_related("user").order_by("user__full_name"))


@school_view(rules.can_view_evaluation)
def evaluation_list(request: HttpRequest) -> HttpResponse:
    """Every evaluation with its percentage per benchmark, and the trend as a chart and a table."""
    school = request.school  # type: ignore[attr-defined]
    rows = selectors.history(school=school)
    numbers = [b.number for b in selectors.benchmarks(school=school)]
    chart = None
    if rows:
        chart = charts.line_chart(
            id_prefix="evaluation-trend", width=720, height=300,
            categories=[r.short_label for r in rows],
            series=[charts.Series(name=_("Benchmark %(n)s") % {"n": n},
                                  points=[r.scores[n].percent / 100 if n in r.scores else None for r in rows])
                    for n in numbers],
            title=_("Percentage per benchmark in each evaluation"),
            desc=_("From %(first)s to %(last)s. The table gives the same numbers.") % {
                "first": rows[0].label, "last": rows[-1].label})
    table = [{"evaluation": r.evaluation, "label": r.label, "fully_achieved": r.fully_achieved,
              "cohort": selectors.cohort_label(r.evaluation.cohort_from, r.evaluation.cohort_to),
              "cells": [r.scores[n].percent if n in r.scores else None for n in numbers]} for r in reversed(rows)]
    return render(request, "evaluation/list.html", {
        "rows": table, "numbers": numbers, "chart": chart,
        "can_manage": rules.can_manage_evaluation(request.membership)})  # type: ignore[attr-defined]


@school_view(rules.can_manage_evaluation)
def evaluation_create(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    today = timezone.localdate()
    current = academic_year_start_on(school=school, day=today)
    years = sorted({y.start_year for y in AcademicYear.objects.filter(school=school, start_year__lte=current)}
                   | {current}, reverse=True)
    form = EvaluationForm(request.POST or None, years=years, initial={"year": current, "cohort_from": "7"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation = services.create_evaluation(
                school=school, by=request.user, start_year=data["year"], term=data["term"], today=today,
                cohort_from=data["cohort_from"], cohort_to=data["cohort_to"], cohort_note=data["cohort_note"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The evaluation for %(term)s is started.") % {"term": str(evaluation)})
            return redirect("evaluation:detail", school_slug=school.slug, pk=evaluation.pk)
    return render(request, "evaluation/create.html", {"form": form})


def _evaluation(request: HttpRequest, pk: int) -> Evaluation:
    return selectors.evaluation_detail(school=request.school, pk=pk)  # type: ignore[attr-defined]


def _suggestions(request: HttpRequest, evaluation: Evaluation, marks: list[Any]) -> dict[int, evidence.Suggestion]:
    found = selectors.suggestions_for(evaluation=evaluation, marks=marks, today=timezone.localdate(),
                                      viewer=request.membership)  # type: ignore[attr-defined]
    if rules.sees_aggregates_only(request.membership):  # type: ignore[attr-defined]
        found = {k: evidence.suppress(v) for k, v in found.items()}
    return found


@school_view(rules.can_view_evaluation)
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One term's evaluation: the cohort, each benchmark's percentage beside last term's, every
    criterion with its status, evidence and suggestion, and the benchmark's actions."""
    school = request.school  # type: ignore[attr-defined]
    today = timezone.localdate()
    evaluation = _evaluation(request, pk)
    marks = selectors.marks_of(evaluation)
    previous = selectors.previous_evaluation(evaluation=evaluation)
    suggestions = _suggestions(request, evaluation, marks)
    period = selectors.period_of(evaluation, today=today)
    plan = selectors.actions(school=school)
    sections = selectors.sections(evaluation=evaluation, marks=marks, previous=previous, suggestions=suggestions,
                                  actions=plan)
    waiting = sum(1 for m in marks if not m.confirmed and m.criterion_id in suggestions
                  and suggestions[m.criterion_id].status != m.status)
    return render(request, "evaluation/detail.html", {
        "evaluation": evaluation, "sections": sections, "previous": previous, "period": period,
        "statement": selectors.cohort_statement(evaluation, day=period.end), "waiting": waiting,
        "unconfirmed": sum(1 for m in marks if not m.confirmed), "today": today,
        "can_manage": rules.can_manage_evaluation(request.membership)})  # type: ignore[attr-defined]


@school_view(rules.can_manage_evaluation)
def benchmark_edit(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Mark every criterion of one benchmark: status and evidence, with the suggestion beside each."""
    school = request.school  # type: ignore[attr-defined]
    evaluation = _evaluation(request, pk)
    marks = [m for m in selectors.marks_of(evaluation) if m.criterion.benchmark.number == number]
    if not marks:
        raise Http404
    form = BenchmarkForm(request.POST or None, marks=marks, initial={"version": evaluation.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_benchmark(evaluation=evaluation, by=request.user,
                                    expected_version=form.cleaned_data["version"], values=form.values())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Benchmark %(n)s is saved.") % {"n": number})
            return redirect(f"{_detail_url(school, evaluation)}#benchmark-{number}")
    suggestions = _suggestions(request, evaluation, marks)
    rows = [{"mark": mark, "status": status, "note": note, "suggestion": suggestions.get(mark.criterion_id)}
            for mark, status, note in form.rows]
    return render(request, "evaluation/benchmark_form.html", {
        "evaluation": evaluation, "benchmark": marks[0].criterion.benchmark, "form": form, "rows": rows})


def _detail_url(school: Any, evaluation: Evaluation) -> str:
    return reverse("evaluation:detail", kwargs={"school_slug": school.slug, "pk": evaluation.pk})


@require_POST
@school_view(rules.can_manage_evaluation)
def apply_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    evaluation = _evaluation(request, pk)
    marks = selectors.marks_of(evaluation)
    found = selectors.suggestions_for(evaluation=evaluation, marks=marks, today=timezone.localdate(),
                                      viewer=request.membership)  # type: ignore[attr-defined]
    changed = services.apply_suggestions(evaluation=evaluation, by=request.user,
                                         suggestions={k: v.status for k, v in found.items()})
    messages.success(request, _("%(n)s statuses were filled in from the records. Criteria you had confirmed "
                                "were not changed.") % {"n": changed})
    return redirect("evaluation:detail", school_slug=school.slug, pk=evaluation.pk)


@school_view(rules.can_manage_evaluation)
def cohort_edit(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    evaluation = _evaluation(request, pk)
    form = CohortForm(request.POST or None, initial={
        "cohort_from": evaluation.cohort_from, "cohort_to": evaluation.cohort_to,
        "cohort_note": evaluation.cohort_note, "version": evaluation.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_cohort(evaluation=evaluation, by=request.user, expected_version=data["version"],
                                   cohort_from=data["cohort_from"], cohort_to=data["cohort_to"],
                                   cohort_note=data["cohort_note"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The cohort is saved."))
            return redirect("evaluation:detail", school_slug=school.slug, pk=evaluation.pk)
    return render(request, "evaluation/cohort_form.html", {"evaluation": evaluation, "form": form})


# ## The benchmark-shaped summary ##################################################################

def _summary_rows(evaluation: Evaluation) -> tuple[list[selectors.BenchmarkSection], list[dict[str, Any]]]:
    marks = selectors.marks_of(evaluation)
    sections = selectors.sections(evaluation=evaluation, marks=marks,
                                  previous=selectors.previous_evaluation(evaluation=evaluation))
    records = [{"benchmark": s.benchmark.number, "benchmark_title": s.benchmark.title, "percent": s.score.percent,
                "criterion": m.criterion.code, "criterion_text": m.criterion.text,
                "status": str(m.get_status_display()), "evidence": m.evidence}
               for s in sections for m in s.marks]
    return sections, records


SUMMARY_FIELDS = ("benchmark", "benchmark_title", "percent", "criterion", "criterion_text", "status", "evidence")


@school_view(rules.can_view_summary)
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    """What a careers leader needs beside the national self-evaluation tool: our criteria, each
    status and its evidence note, by benchmark. Every member may read it."""
    return _render_summary(request, _evaluation(request, pk))


def _render_summary(request: HttpRequest, evaluation: Evaluation | None) -> HttpResponse:
    sections = _summary_rows(evaluation)[0] if evaluation is not None else []
    return render(request, "evaluation/summary.html", {
        "evaluation": evaluation, "sections": sections,
        "others": [r.evaluation for r in reversed(selectors.history(school=request.school))],  # type: ignore[attr-defined]
        "can_view_evaluation": rules.can_view_evaluation(request.membership)})  # type: ignore[attr-defined]


@school_view(rules.can_view_summary)
def summary_csv(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _evaluation(request, pk)
    _sections, records = _summary_rows(evaluation)
    return csv_response(f"self-evaluation-{evaluation.start_year}-{evaluation.term}.csv", SUMMARY_FIELDS,
                        record_rows(records, SUMMARY_FIELDS))


@school_view(rules.can_view_summary)
def latest_summary(request: HttpRequest) -> HttpResponse:
    """The newest evaluation's summary: the page class staff and advisers are pointed to."""
    rows = selectors.history(school=request.school)  # type: ignore[attr-defined]
    return _render_summary(request, rows[-1].evaluation if rows else None)


# ## The action plan ###############################################################################

@school_view(rules.can_view_evaluation)
def action_list(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    today = timezone.localdate()
    plan = selectors.actions(school=school)
    by_benchmark = []
    for benchmark in selectors.benchmarks(school=school):
        items = [a for a in plan if a.benchmark_id == benchmark.pk]
        by_benchmark.append({"benchmark": benchmark, "actions": items})
    return render(request, "evaluation/actions.html", {
        "by_benchmark": by_benchmark, "today": today,
        "overdue": sum(1 for a in plan if selectors.is_overdue(a, today)),
        "can_manage": rules.can_manage_evaluation(request.membership)})  # type: ignore[attr-defined]


def _action_form_view(request: HttpRequest, action: Action | None) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    benchmarks = selectors.benchmarks(school=school)
    initial: dict[str, Any] = {}
    if action is not None:
        initial = {name: getattr(action, name) for name in ("description", "owner_member", "owner_text",
                                                            "due_on", "done_on")}
        initial.update(benchmark=action.benchmark.number, version=action.version)
    elif request.GET.get("benchmark", "").isdigit():
        initial["benchmark"] = int(request.GET["benchmark"])
    form = ActionForm(request.POST or None, initial=initial, benchmarks=benchmarks, members=_staff(school))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["benchmark"] = next(b for b in benchmarks if b.number == data["benchmark"])
        version = data.pop("version", None)
        try:
            if action is None:
                # An action is raised in the newest evaluation, which is the one being worked on.
                history = selectors.history(school=school)
                evaluation = history[-1].evaluation if history else None
                services.create_action(school=school, by=request.user, evaluation=evaluation, **data)
            else:
                services.update_action(action=action, by=request.user, expected_version=version or 0, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The action is saved."))
            return redirect("evaluation:actions", school_slug=school.slug)
    return render(request, "evaluation/action_form.html", {"form": form, "action": action})


@school_view(rules.can_manage_evaluation)
def action_create(request: HttpRequest) -> HttpResponse:
    return _action_form_view(request, None)


@school_view(rules.can_manage_evaluation)
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _action_form_view(request, selectors.action_detail(school=request.school, pk=pk))  # type: ignore[attr-defined]


@require_POST
@school_view(rules.can_manage_evaluation)
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an action done today, or open it again if it was done."""
    school = request.school  # type: ignore[attr-defined]
    action = selectors.action_detail(school=school, pk=pk)
    services.set_action_done(action=action, by=request.user,
                             done_on=None if action.done_on else timezone.localdate())
    messages.success(request, _("The action is marked done.") if action.done_on else _("The action is open again."))
    return redirect("evaluation:actions", school_slug=school.slug)

