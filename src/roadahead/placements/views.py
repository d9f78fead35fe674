"""Placement pages. Thin: selectors read (applying who may see which pupils), rules decide,
services write. Attendance is recorded on the activity recording screen, not here."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roadahead.audit.services import log_action
from roadahead.core.forms import add_validation_errors
from roadahead.core.pdf import render_pdf
from roadahead.people.decorators import school_view
from roadahead.people.rules import can_view_providers
from roadahead.people.selectors import pupils_visible_to, visible_pupil
from roadahead.placements import rotation, rules, selectors, services
from roadahead.placements.forms import AreaForm, AssignForm, PlacementForm, ReportForm
from roadahead.placements.models import Placement
from roadahead.providers.models import Provider
from roadahead.schools.models import Term
from roadahead.schools.selectors import academic_year_start_on, year_bounds


@school_view(rules.can_view_placements)
def placement_list(request: HttpRequest) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    if not rules.can_see_pupil_placements(membership):
        # Senior leaders and governors: how many placements and pupils this year, never who.
        start_year = academic_year_start_on(school=school, day=today)
        first, last = year_bounds(school=school, start_year=start_year)
        return render(request, "placements/counts.html", {
            "counts": selectors.placement_counts(school=school, starts_on=first, ends_on=last)})
    placements = selectors.placement_list(membership=membership, day=today)
    current = [p for p in placements if p.ends_on >= today]
    past = [p for p in placements if p.ends_on < today]
    return render(request, "placements/list.html", {
        "current": current, "past": past, "can_manage": rules.can_manage_placements(membership)})


def _form_context(school: Any, placement: Placement | None) -> dict[str, Any]:
    include = [placement.provider_id] if placement and placement.provider_id else []
    providers = Provider.objects.filter(school=school).filter(is_active=True) | Provider.objects.filter(
        school=school, pk__in=include)
    confidence = selectors.send_confidence(school=school)
    terms = Term.objects.filter(school=school).select_related("academic_year").order_by("-starts_on")[:9]
    return {"providers": providers.order_by("name", "id"), "terms": Term.objects.filter(
        school=school, pk__in=[t.pk for t in terms]).select_related("academic_year").order_by("starts_on"),
        "confidence": confidence}


def _placement_values(form: PlacementForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    areas = [line for line in (data.pop("areas", "") or "").splitlines() if line.strip()]
    if data["where"] != "on_site":
        data["on_site_kind"] = ""
    for name in ("title", "supervisor_name", "supervisor_phone", "contacts", "purpose", "learning_outcomes", "notes"):
        data[name] = data[name].strip()
    data["areas"] = areas
    return data


@school_view(rules.can_manage_placements)
def placement_create(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    choice = _form_context(school, None)
    form = PlacementForm(request.POST or None, initial={"kind": "work_experience", "where": "off_site"},
                         providers=choice["providers"], terms=choice["terms"], confidence=choice["confidence"])
    if request.method == "POST" and form.is_valid():
        values = _placement_values(form)
        areas = values.pop("areas")
        try:
            placement = services.create_placement(school=school, by=request.user, areas=areas, **values)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(title)s is set up. Now add the pupils.") % {"title": placement.title})
            return redirect("placements:detail", school_slug=school.slug, pk=placement.pk)
    return render(request, "placements/form.html", {"form": form, "placement": None,
                                                    "confidence_rows": _confidence_rows(choice)})


def _confidence_rows(choice: dict[str, Any]) -> list[tuple[Provider, Any]]:
    confidence = choice["confidence"]
    return [(p, confidence[p.pk]) for p in choice["providers"] if p.pk in confidence]


@school_view(rules.can_manage_placements)
def placement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    placement = selectors.placement_detail(membership=membership, pk=pk, day=timezone.localdate())
    choice = _form_context(school, placement)
    initial = {name: getattr(placement, name) for name in services.PLACEMENT_FIELDS}
    initial["provider"], initial["term"], initial["version"] = (placement.provider_id, placement.term_id,
                                                                placement.version)
    form = PlacementForm(request.POST or None, initial=initial, providers=choice["providers"],
                         terms=choice["terms"], confidence=choice["confidence"], with_areas=False)
    if request.method == "POST" and form.is_valid():
        values = _placement_values(form)
        values.pop("areas")
        try:
            services.update_placement(placement=placement, by=request.user,
                                      expected_version=form.cleaned_data.get("version"), **values)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(title)s is saved.") % {"title": placement.title})
            return redirect("placements:detail", school_slug=school.slug, pk=placement.pk)
    return render(request, "placements/form.html", {"form": form, "placement": placement,
                                                    "confidence_rows": _confidence_rows(choice)})


@school_view(rules.can_see_pupil_placements)
def placement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    placement = selectors.placement_detail(membership=membership, pk=pk, day=today)
    assignments = selectors.assignments(placement=placement, membership=membership, day=today)
    sessions = selectors.sessions(placement=placement)
    weeks = max([len(sessions), *(len(a.rotation.all()) for a in assignments)])
    attendance = selectors.attendance(assignments=assignments, day=today)
    log_action(school=school, user=request.user, action="placement.viewed", obj=placement)
    return render(request, "placements/detail.html", {
        "placement": placement, "areas": list(placement.areas.all()), "sessions": sessions,
        "plan": selectors.rotation_table(assignments=assignments, weeks=min(weeks, 52),
                                         session_dates=[s.date for s in sessions]),
        "week_numbers": range(1, min(weeks, 52) + 1),
        "rows": [(a, attendance[a.pk], selectors.report_of(a)) for a in assignments],
        "warnings": services.check_warnings(placement, today=today), "today": today,
        "can_manage": rules.can_manage_placements(membership), "can_record": rules.can_record_sessions(membership),
        "confidence": selectors.send_confidence(school=school, provider_ids=[placement.provider_id]).get(
            placement.provider_id) if placement.provider_id else None,
    })


@school_view(rules.can_manage_placements)
def area_add(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    placement = selectors.placement_detail(membership=membership, pk=pk, day=timezone.localdate())
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            area = services.add_area(placement=placement, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(name)s is added.") % {"name": area.name})
            return redirect("placements:detail", school_slug=school.slug, pk=placement.pk)
    return render(request, "placements/area_form.html", {"form": form, "placement": placement})


@school_view(rules.can_manage_placements)
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    placement = selectors.placement_detail(membership=membership, pk=pk, day=today)
    areas = placement.areas.all()
    form = AssignForm(request.POST or None, pupils=pupils_visible_to(membership=membership, day=today)
                      .filter(date_left__isnull=True).order_by("legal_surname", "legal_forename", "id"), areas=areas)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        area_list = list(areas)
        start = area_list.index(data["rotate_from"]) if data["rotate_from"] in area_list else 0
        steps = rotation.rotate_through(area_list, weeks=data["rotate_weeks"] or 0, start=start)
        try:
            services.assign_pupil(placement=placement, by=request.user, pupil=data["pupil"], area=data["area"],
                                  rotation=steps, starts_on=data["starts_on"], ends_on=data["ends_on"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(name)s is on the placement.") % {"name": data["pupil"].display_name})
            return redirect("placements:detail", school_slug=school.slug, pk=placement.pk)
    return render(request, "placements/assign_form.html", {"form": form, "placement": placement})


@require_POST
@school_view(rules.can_manage_placements)
def assignment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    assignment = selectors.assignment_detail(membership=membership, pk=pk, day=timezone.localdate())
    services.remove_assignment(assignment=assignment, by=request.user)
    messages.success(request, _("%(name)s is taken off the placement.") % {"name": assignment.pupil.display_name})
    return redirect("placements:detail", school_slug=school.slug, pk=assignment.placement_id)


@require_POST
@school_view(rules.can_manage_placements)
def sessions_make(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    placement = selectors.placement_detail(membership=membership, pk=pk, day=timezone.localdate())
    try:
        made = services.generate_sessions(placement=placement, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The placement has %(n)s sessions, school holidays left out.") % {"n": len(made)})
    return redirect("placements:detail", school_slug=school.slug, pk=placement.pk)


@require_POST
@school_view(rules.can_record_sessions)
def session_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the usual recording screen for a session, with the pupils on the placement listed.

    The recording screen itself limits class staff to their own pupils, as for any activity.
    """
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    session = selectors.session_detail(membership=membership, pk=pk, day=today)
    activity = services.session_activity(session=session, by=request.user)
    pupil_ids = [a.pupil_id for a in selectors.assignments(placement=session.placement, membership=membership,
                                                            day=today)
                 if (a.starts_on is None or a.starts_on <= session.date)
                 and (a.ends_on is None or a.ends_on >= session.date)]
    url = reverse("activities:record", kwargs={"school_slug": school.slug, "pk": activity.pk})
    return redirect(f"{url}?{urlencode([('pupil', pk) for pk in pupil_ids])}" if pupil_ids else url)


def _report_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    assignment = selectors.assignment_detail(membership=membership, pk=pk, day=today)
    placement = assignment.placement
    return {"assignment": assignment, "placement": placement, "pupil": assignment.pupil, "school": school,
            "report": selectors.report_of(assignment),
            "attendance": selectors.attendance(assignments=[assignment], day=today)[assignment.pk],
            "printed": today,
            "rotation_names": [step.area.name for step in assignment.rotation.all()],
            "can_manage": rules.can_manage_placements(membership)}


@school_view(rules.can_see_pupil_placements)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = _report_context(request, pk)
    assignment = context["assignment"]
    log_action(school=request.school, user=request.user, action="placement.report_viewed",  # type: ignore[attr-defined]
               obj=assignment.placement, pupil_id=assignment.pupil_id)
    return render(request, "placements/report.html", context)


@school_view(rules.can_see_pupil_placements)
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    context = _report_context(request, pk)
    assignment = context["assignment"]
    pdf = render_pdf("placements/report_pdf.html", context)
    log_action(school=request.school, user=request.user, action="placement.report_printed",  # type: ignore[attr-defined]
               obj=assignment.placement, pupil_id=assignment.pupil_id)
    response = HttpResponse(pdf, content_type="application/pdf")
    # Ids, not names, in the file name: no personal data in the download.
    response["Content-Disposition"] = f'inline; filename="placement-report-{assignment.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@school_view(rules.can_manage_placements)
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    assignment = selectors.assignment_detail(membership=membership, pk=pk, day=timezone.localdate())
    report = selectors.report_of(assignment)
    initial: dict[str, Any] = {}
    if report is not None:
        initial = {name: getattr(report, name) for name in services.REPORT_FIELDS}
        initial["version"] = report.version
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            services.save_report(assignment=assignment, by=request.user, expected_version=version, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The report is saved."))
            return redirect("placements:report", school_slug=school.slug, pk=assignment.pk)
    return render(request, "placements/report_form.html", {"form": form, "assignment": assignment,
                                                           "pupil": assignment.pupil})


@school_view(rules.can_see_pupil_placements)
def pupil_placements(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    pupil = visible_pupil(membership=membership, pk=pupil_pk, day=today)
    found = selectors.placements_for_pupil(school=school, pupil=pupil)
    attendance = selectors.attendance(assignments=found, day=today)
    log_action(school=school, user=request.user, action="pupil.placements_viewed", obj=pupil, pupil_id=pupil.pk)
    return render(request, "placements/pupil.html", {
        "pupil": pupil, "rows": [(a, attendance[a.pk], selectors.report_of(a)) for a in found], "today": today})


@school_view(rules.can_view_placements)
def pupil_section(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    """The pupil page's placements, loaded by htmx so the pupil page's queries stay fixed.

    Governors get an empty answer: the pupil page asks everyone who may see the pupil.
    """
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    if not rules.can_see_pupil_placements(membership):
        return HttpResponse("")
    today = timezone.localdate()
    pupil = visible_pupil(membership=membership, pk=pupil_pk, day=today)
    found = selectors.placements_for_pupil(school=school, pupil=pupil)
    log_action(school=school, user=request.user, action="pupil.placements_viewed", obj=pupil, pupil_id=pupil.pk)
    return render(request, "placements/section_fragment.html", {
        "pupil": pupil, "current": [a for a in found if a.placement.ends_on >= today],
        "past": [a for a in found if a.placement.ends_on < today]})


@school_view(can_view_providers)
def provider_section(request: HttpRequest, pk: int) -> HttpResponse:
    """A provider's placements and SEND confidence: needs counted, never names."""
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    provider = Provider.objects.filter(school=school, pk=pk).first()
    if provider is None:
        raise Http404
    confidence = selectors.send_confidence(school=school, provider_ids=[provider.pk]).get(provider.pk)
    return render(request, "placements/provider_fragment.html", {
        "provider": provider, "confidence": confidence,
        "show_notes": rules.can_manage_placements(membership)})
