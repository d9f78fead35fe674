"""A pupil's skills: progress, recording several skills at once, a class on one skill, and the export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roadahead.audit.services import log_action
from roadahead.core.downloads import csv_response
from roadahead.core.forms import add_validation_errors
from roadahead.people.decorators import school_view
from roadahead.people.models import Pupil
from roadahead.people.selectors import pupils_visible_to, visible_pupil
from roadahead.schools.models import ClassGroup
from roadahead.schools.selectors import academic_year_start_on
from roadahead.skills import rules, selectors, services
from roadahead.skills.charts import progress_chart
from roadahead.skills.enums import Method
from roadahead.skills.forms import ClassPickForm, ClassRecordForm, PupilRecordForm


def _pupil(request: HttpRequest, pupil_pk: int) -> Pupil:
    """The pupil if the member may see them: 404 for anyone else's, adviser's unassigned pupils included."""
    return visible_pupil(membership=request.membership, pk=pupil_pk, day=timezone.localdate())  # type: ignore[attr-defined]


def _charts(progress: list[selectors.SkillProgress], labels: dict[int, dict[int, str]]) -> list[dict[str, Any]]:
    """One chart and table per framework the pupil has been assessed in."""
    grouped: dict[int, list[selectors.SkillProgress]] = {}
    for one in progress:
        grouped.setdefault(one.framework.pk, []).append(one)
    charts = []
    for framework_id, items in grouped.items():
        framework = items[0].framework
        top = max(labels.get(framework_id, {0: ""}), default=0)
        desc = "; ".join(_("%(skill)s from step %(first)s to step %(latest)s") % {
            "skill": p.skill.name, "first": p.first_step, "latest": p.latest_step} for p in items)
        charts.append({"framework": framework, "items": items, "top": top, "svg": progress_chart(
            progress=items, top_step=top, id_prefix=f"skills-chart-{framework_id}",
            title=_("%(framework)s: steps over time") % {"framework": framework.name}, desc=desc + ".")})
    return charts


@school_view(rules.can_view_pupil_skills)
def pupil_skills(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    pupil = _pupil(request, pupil_pk)
    progress = selectors.pupil_progress(school=school, pupil=pupil)
    labels = selectors.step_labels(school=school)
    assessments = list(selectors.pupil_assessments(school=school, pupil=pupil))
    for a in assessments:
        a.step_label = labels.get(a.skill.framework_id, {}).get(a.step, "")  # type: ignore[attr-defined]
        a.can_remove = rules.can_remove_assessment(membership, a.assessed_by_id)  # type: ignore[attr-defined]
    log_action(school=school, user=request.user, action="pupil.skills_viewed", obj=pupil, pupil_id=pupil.pk)
    return render(request, "skills/pupil.html", {
        "pupil": pupil, "charts": _charts(progress, labels), "assessments": assessments,
        "can_record": rules.can_record_skills(membership),
    })


@school_view(rules.can_view_pupil_skills)
def pupil_summary(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    """The latest steps, for the pupil page (loaded by htmx so the page's own queries stay fixed)."""
    school = request.school  # type: ignore[attr-defined]
    pupil = _pupil(request, pupil_pk)
    progress = selectors.pupil_progress(school=school, pupil=pupil)
    log_action(school=school, user=request.user, action="pupil.skills_viewed", obj=pupil, pupil_id=pupil.pk)
    return render(request, "skills/pupil_summary.html", {"pupil": pupil, "progress": progress})


def _default_method(request: HttpRequest) -> str:
    return Method.ADVISER if request.membership.role == "adviser" else Method.OBSERVATION  # type: ignore[attr-defined]


@school_view(rules.can_record_skills)
def record_for_pupil(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    pupil = _pupil(request, pupil_pk)
    skills = selectors.open_skills(school=school)
    latest = {p.skill.pk: p.history[-1] for p in selectors.pupil_progress(school=school, pupil=pupil)}
    form = PupilRecordForm(
        request.POST or None, skills=skills, labels=selectors.step_labels(school=school), latest=latest,
        activities=selectors.evidence_activities(school=school, pupil=pupil, since=today - dt.timedelta(days=366)),
        today=today, initial={"date": today, "method": _default_method(request)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entries = [services.Entry(pupil=pupil, skill=skill, step=step, evidence=data["evidence"],
                                  participation=data.get("participation"))
                   for skill, step in form.chosen()]
        try:
            made = services.record_assessments(school=school, by=request.user, assessed_by=membership,
                                               date=data["date"], method=data["method"], entries=entries)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(n)s steps recorded for %(pupil)s.") % {
                "n": len(made), "pupil": pupil.display_name})
            return redirect("skills:pupil", school_slug=school.slug, pupil_pk=pupil.pk)
    if request.method == "GET":
        # The form shows each skill's last step: a read of the pupil's record.
        log_action(school=school, user=request.user, action="pupil.skills_viewed", obj=pupil, pupil_id=pupil.pk)
    return render(request, "skills/record.html", {"pupil": pupil, "form": form, "skills": skills})


def _class_choices(request: HttpRequest, start_year: int) -> Any:
    """Classes this year: all for the careers leader, their own for class staff."""
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    classes = ClassGroup.objects.filter(school=school, academic_year__start_year=start_year).order_by("name")
    if not rules.can_manage_frameworks(membership):
        classes = classes.filter(staff=membership)
    return classes


@school_view(rules.can_record_for_class)
def record_for_class(request: HttpRequest) -> HttpResponse:
    """Pick a class and a skill, then give each pupil a step (or none) in one form."""
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    start_year = academic_year_start_on(school=school, day=today)
    skills = selectors.open_skills(school=school)
    pick = ClassPickForm(request.GET or None, classes=_class_choices(request, start_year), skills=skills)
    context: dict[str, Any] = {"pick": pick}
    if not (request.GET and pick.is_valid()):
        return render(request, "skills/class.html", context)
    class_group, skill = pick.cleaned_data["class_group"], pick.cleaned_data["skill"]
    pupils = list(pupils_visible_to(membership=membership, day=today)
                  .filter(enrolments__class_group=class_group, enrolments__academic_year__start_year=start_year)
                  .order_by("legal_surname", "legal_forename", "id").distinct())
    latest = selectors.latest_steps(school=school, skill=skill, pupils=pupils)
    if request.method == "GET":
        log_action(school=school, user=request.user, action="skills.class_viewed", obj=class_group,
                   data={"skill": skill.pk, "pupils": len(pupils)})
    form = ClassRecordForm(request.POST or None, pupils=pupils,
                           labels=selectors.step_labels(school=school).get(skill.framework_id, {}), latest=latest,
                           today=today, initial={"date": today})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entries = [services.Entry(pupil=pupil, skill=skill, step=step, evidence=data["evidence"])
                   for pupil, step in form.chosen()]
        try:
            made = services.record_assessments(school=school, by=request.user, assessed_by=membership,
                                               date=data["date"], method=data["method"], entries=entries)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(skill)s recorded for %(n)s pupils.") % {"skill": skill.name, "n": len(made)})
            return redirect(request.get_full_path())
    context.update({"form": form, "class_group": class_group, "skill": skill, "pupils": pupils})
    return render(request, "skills/class.html", context)


@require_POST
@school_view(rules.can_record_skills)
def remove_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    visible = pupils_visible_to(membership=membership, day=timezone.localdate())
    found = selectors.assessment(school=school, pk=pk, pupils=visible)
    if not rules.can_remove_assessment(membership, found.assessed_by_id):
        raise PermissionDenied
    services.remove_assessment(assessment=found, by=request.user)
    messages.success(request, _("The assessment is removed."))
    return redirect("skills:pupil", school_slug=school.slug, pupil_pk=found.pupil_id)


EXPORT_COLUMNS = ("upn", "forename", "surname", "framework", "skill", "step", "step_label", "date", "method",
                  "assessed_by", "evidence", "activity", "activity_date")


@school_view(rules.can_view_pupil_skills)
def export_assessments(request: HttpRequest) -> HttpResponse:
    """Every assessment of the pupils the member may see, as CSV; cells safe from formula injection."""
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    visible = pupils_visible_to(membership=membership, day=timezone.localdate())
    labels = selectors.step_labels(school=school)
    rows = []
    for a in selectors.assessments_for_export(school=school, pupils=visible):
        activity = a.participation.activity if a.participation else None
        rows.append((
            a.pupil.upn, a.pupil.forename, a.pupil.surname, a.skill.framework.name, a.skill.name, a.step,
            labels.get(a.skill.framework_id, {}).get(a.step, ""), a.date.isoformat(), a.get_method_display(),
            a.assessed_by.user.display_name if a.assessed_by else "", a.evidence,
            activity.title if activity else "", activity.date.isoformat() if activity else ""))
    log_action(school=school, user=request.user, action="skills.exported", data={"count": len(rows)})
    return csv_response("skills-assessments.csv", EXPORT_COLUMNS, rows)
