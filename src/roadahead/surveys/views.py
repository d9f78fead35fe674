"""The stakeholder survey pages. Thin: selectors read, services write, rules decide who may."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django_scopes import scope, scopes_disabled

from roadahead.audit.services import log_action
from roadahead.core.csvsafe import safe_cell
from roadahead.core.dates import academic_year_label
from roadahead.core.forms import add_validation_errors
from roadahead.events.csrf import csrf_protect_without_referrer
from roadahead.people.decorators import school_view
from roadahead.schools.models import AcademicYear
from roadahead.schools.selectors import academic_year_start_on
from roadahead.schools.services import ensure_academic_year
from roadahead.standing import charts
from roadahead.standing.coverage import SUPPRESS_BELOW
from roadahead.surveys import rules, selectors, services
from roadahead.surveys.enums import Group, Method
from roadahead.surveys.forms import AnswersForm, EntryForm, QuestionEditForm, QuestionForm, SurveyEditForm, SurveyForm
from roadahead.surveys.models import Survey


def _survey(request: HttpRequest, pk: int) -> Survey:
    return selectors.survey_detail(school=request.school, pk=pk)  # type: ignore[attr-defined]


@school_view(rules.can_view_surveys)
def survey_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    return render(request, "surveys/list.html", {
        "rows": selectors.survey_rows(school=request.school),  # type: ignore[attr-defined]
        "groups": list(Group), "today": timezone.localdate(), "suppress": rules.sees_suppressed(membership),
        "suppress_below": SUPPRESS_BELOW,
        "can_manage": rules.can_manage_surveys(membership), "can_results": rules.can_view_results(membership),
        "can_enter": rules.can_enter_responses(membership)})


def _year_choices(school: Any, current: int) -> list[tuple[int, str]]:
    years = {y.start_year: y.label for y in AcademicYear.objects.filter(school=school)}
    years.setdefault(current, academic_year_label(current))
    return sorted(years.items(), reverse=True)


@school_view(rules.can_manage_surveys)
def survey_create(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    today = timezone.localdate()
    current = academic_year_start_on(school=school, day=today)
    form = SurveyForm(request.POST or None, years=_year_choices(school, current), initial={
        "academic_year": current, "opens_on": today,
        "title": _("Careers programme review %(year)s") % {"year": academic_year_label(current)}})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            year = ensure_academic_year(school=school, start_year=data["academic_year"])
            survey = services.start_survey(school=school, by=request.user, academic_year=year, title=data["title"],
                                           opens_on=data["opens_on"], closes_on=data["closes_on"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The survey is started. Check the questions before you send the links."))
            return redirect("surveys:questions", school_slug=school.slug, pk=survey.pk)
    return render(request, "surveys/form.html", {"form": form, "survey": None})


@school_view(rules.can_manage_surveys)
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    form = SurveyEditForm(request.POST or None, initial={
        "title": survey.title, "opens_on": survey.opens_on, "closes_on": survey.closes_on, "is_open": survey.is_open})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_survey(survey=survey, by=request.user, title=data["title"], opens_on=data["opens_on"],
                                   closes_on=data["closes_on"], is_open=data["is_open"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The survey is saved."))
            return redirect("surveys:detail", school_slug=request.school.slug, pk=survey.pk)  # type: ignore[attr-defined]
    return render(request, "surveys/form.html", {"form": form, "survey": survey})


@school_view(rules.can_manage_surveys)
def question_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The survey's questions, with a form to add one."""
    survey = _survey(request, pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_question(survey=survey, by=request.user, text=data["text"], kind=data["kind"],
                                  groups=data["groups"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The question is added."))
            return redirect("surveys:questions", school_slug=request.school.slug, pk=survey.pk)  # type: ignore[attr-defined]
    return render(request, "surveys/questions.html", {
        "survey": survey, "questions": selectors.questions(survey=survey), "form": form,
        "labels": dict(Group.choices)})


@school_view(rules.can_manage_surveys)
def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    question = selectors.question_detail(survey=survey, pk=question_pk)
    locked = services.has_answers(question)
    form = QuestionEditForm(request.POST or None, initial={
        "text": question.text, "kind": question.kind, "groups": question.groups, "order": question.order,
        "is_active": question.is_active})
    if locked:
        for name in ("text", "kind", "groups"):
            form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_question(question=question, by=request.user, text=data["text"], kind=data["kind"],
                                     groups=list(data["groups"]), order=data["order"], is_active=data["is_active"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The question is saved."))
            return redirect("surveys:questions", school_slug=request.school.slug, pk=survey.pk)  # type: ignore[attr-defined]
    return render(request, "surveys/question_form.html", {"survey": survey, "question": question, "form": form,
                                                          "locked": locked})


@school_view(rules.can_manage_surveys)
@never_cache
def survey_links(request: HttpRequest, pk: int) -> HttpResponse:
    """The address for each group. POST with a group makes that group a new address."""
    survey = _survey(request, pk)
    if request.method == "POST":
        try:
            services.new_link(survey=survey, group=request.POST.get("group", ""), by=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The new link is ready; the old one no longer works."))
        return redirect("surveys:links", school_slug=request.school.slug, pk=survey.pk)  # type: ignore[attr-defined]
    found = selectors.links(survey=survey)
    rows = [{"group": g, "url": request.build_absolute_uri(reverse("survey_public:form",
                                                                   kwargs={"token": found[g.value].token}))
             if g.value in found else ""} for g in Group]
    response = render(request, "surveys/links.html", {"survey": survey, "rows": rows,
                                                      "open_now": survey.accepts_answers(timezone.localdate())})
    response["Referrer-Policy"] = "no-referrer"
    return response


def _results_context(request: HttpRequest, survey: Survey) -> dict[str, Any]:
    membership = request.membership  # type: ignore[attr-defined]
    suppress = rules.sees_suppressed(membership)
    found = selectors.results(survey=survey, suppress=suppress, with_comments=rules.can_read_comments(membership))
    chart_groups = [g for g in found.groups if not g.suppressed and g.responses]
    chart = None
    if any(g.responses for g in found.groups):
        chart = charts.bar_chart(
            id_prefix=f"survey-{survey.pk}-groups",
            bars=[charts.Bar(label=g.label, value=(g.responses / max(found.total, 1)),
                             text=(_("Fewer than %(n)s") % {"n": SUPPRESS_BELOW}) if g.suppressed
                             else str(g.responses), group=i)
                  for i, g in enumerate(found.groups)],
            title=_("Responses by group"),
            desc=_("How many people in each group answered. The table beside it gives the same numbers."))
    question_charts = {}
    for group in chart_groups:
        bars = [charts.Bar(label=r.question.text[:60], value=r.figures.share_positive or 0,
                           text=f"{r.figures.percent_positive}%" if r.figures.share_positive is not None else "-")
                for r in group.questions if r.figures is not None and r.figures.answered]
        if bars:
            question_charts[group.group] = charts.bar_chart(
                id_prefix=f"survey-{survey.pk}-{group.group}", bars=bars, label_width=320,
                title=_("%(group)s: share answering 4 or 5, or yes") % {"group": group.label},
                desc=_("One bar per question. The table below gives the counts."))
    return {"survey": survey, "results": found, "chart": chart, "question_charts": question_charts,
            "suppress": suppress, "suppress_below": SUPPRESS_BELOW,
            "methods": [(str(m.label), found.methods.get(m.value, 0)) for m in Method if found.methods.get(m.value)],
            "can_manage": rules.can_manage_surveys(membership),
            "can_comments": rules.can_read_comments(membership),
            "can_responses_csv": rules.can_download_responses(membership),
            "can_summary_csv": rules.can_download_summary(membership),
            "can_enter": rules.can_enter_responses(membership)}


@school_view(rules.can_view_results)
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One survey's results by group, compared with last year's where the wording matches."""
    survey = _survey(request, pk)
    return render(request, "surveys/detail.html", _results_context(request, survey))


@school_view(rules.can_view_results)
def survey_trend(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    years = selectors.trend(school=request.school, suppress=rules.sees_suppressed(membership))  # type: ignore[attr-defined]
    chart = None
    if years:
        chart = charts.line_chart(
            id_prefix="survey-trend", width=720, height=300, categories=[y.label for y in years],
            series=[charts.Series(name=str(g.label), points=[y.cells[g.value].share_positive for y in years])
                    for g in Group],
            title=_("Share of positive answers by group and year"),
            desc=_("Answers of 4 or 5, or yes, out of every rating and yes or no answer. "
                   "The table gives the same numbers."))
    return render(request, "surveys/trend.html", {"years": years, "groups": list(Group), "chart": chart,
                                                  "suppress_below": SUPPRESS_BELOW})


@school_view(rules.can_enter_responses)
def respond_choose(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    return render(request, "surveys/respond_choose.html", {
        "survey": survey, "groups": list(Group), "open_now": survey.accepts_answers(timezone.localdate())})


@school_view(rules.can_enter_responses)
def respond(request: HttpRequest, pk: int, group: str) -> HttpResponse:
    """Staff type in one person's answers: a paper form, symbols, or answers given with support."""
    survey = _survey(request, pk)
    if group not in Group.values:
        raise Http404
    today = timezone.localdate()
    questions = services.questions_for(survey=survey, group=group)
    entry = EntryForm(request.POST if request.method == "POST" else None)
    form = AnswersForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST" and entry.is_valid() and form.is_valid():
        try:
            services.submit_response(survey=survey, group=group, method=entry.cleaned_data["method"],
                                     answers=form.answers(), as_of=today, by=request.user)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The answers are saved."))
            if "another" in request.POST:
                return redirect("surveys:respond", school_slug=request.school.slug, pk=survey.pk,  # type: ignore[attr-defined]
                                group=group)
            return redirect("surveys:list", school_slug=request.school.slug)  # type: ignore[attr-defined]
    return render(request, "surveys/respond.html", {
        "survey": survey, "group": Group(group), "entry": entry, "form": form,
        "open_now": survey.accepts_answers(today)})


@school_view(rules.can_download_summary)
def summary_csv(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    membership = request.membership  # type: ignore[attr-defined]
    found = selectors.results(survey=survey, suppress=rules.sees_suppressed(membership), with_comments=False)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["group", "group_responses", "question", "kind", "answered", "average_rating",
                     "percent_positive", "last_year_percent_positive", "note"])
    withheld = _("Fewer than %(n)s responses") % {"n": SUPPRESS_BELOW}
    for group in found.groups:
        for row in group.questions:
            if row.is_text:
                continue
            figures = row.figures
            last = row.last_year
            writer.writerow([safe_cell(v) for v in (
                group.label, "" if group.suppressed else group.responses, row.question.text,
                row.question.get_kind_display(), "" if row.suppressed else row.answered,
                "" if figures is None or figures.average is None else figures.average,
                "" if figures is None or figures.percent_positive is None else figures.percent_positive,
                "" if last is None or last.percent_positive is None else last.percent_positive,
                withheld if row.suppressed else "")])
    log_action(school=request.school, user=request.user, action="survey.summary_downloaded", obj=survey)  # type: ignore[attr-defined]
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-summary.csv"'
    return response


@school_view(rules.can_download_responses)
def responses_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Every response, anonymous: group, how it was given, the day and each answer."""
    survey = _survey(request, pk)
    asked, rows = selectors.anonymous_responses(survey=survey)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(v) for v in ["response", "group", "how_given", "answered_on",
                                            *[q.text for q in asked]]])
    for number, (response, answers) in enumerate(rows, start=1):
        writer.writerow([safe_cell(v) for v in [number, response.get_group_display(), response.get_method_display(),
                                                response.answered_on.isoformat(),
                                                *[answers.get(q.pk, "") for q in asked]]])
    log_action(school=request.school, user=request.user, action="survey.responses_downloaded", obj=survey,  # type: ignore[attr-defined]
               data={"rows": len(rows)})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-responses.csv"'
    return response


# ## The public form ###############################################################################

def _private(response: HttpResponse) -> HttpResponse:
    # The token is in the address: no caching, and never pass the address on in a Referer header.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _not_open(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "surveys/public_closed.html", status=404))


# The global CSRF middleware would refuse the form's POST under the no-referrer policy; this view
# runs the same check adapted to it (see events/csrf.py).
@csrf_exempt
@csrf_protect_without_referrer
def public_survey(request: HttpRequest, token: str) -> HttpResponse:
    """The survey for one group, without sign-in: the link is the key. Unknown link, or a survey
    not taking answers today: 404, saying nothing about the school. Answers are anonymous: no
    name, email or IP address is stored."""
    if request.method not in {"GET", "POST"}:
        return _private(HttpResponse(status=405))
    today = timezone.localdate()
    with scopes_disabled():
        link = selectors.link_for_token(token=token)
    if link is None or not link.survey.accepts_answers(today):
        return _not_open(request)
    survey = link.survey
    with scope(school=link.school):
        questions = services.questions_for(survey=survey, group=link.group)
        form = AnswersForm(request.POST if request.method == "POST" else None, questions=questions)
        if request.method == "POST" and form.is_valid():
            try:
                services.submit_response(survey=survey, group=link.group, method=Method.ONLINE,
                                         answers=form.answers(), as_of=today)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                return _private(render(request, "surveys/public_thanks.html", {"school_name": link.school.name}))
        return _private(render(request, "surveys/public_form.html", {
            "form": form, "survey_title": survey.title, "school_name": link.school.name,
            "group": Group(link.group), "closes_on": survey.closes_on, "for_pupils": link.group == Group.PUPILS}))
