"""Leavers' destinations: the list, one leaver's history, recording, check-ins, the report, the local
authority file and the retention schedule. Thin: selectors read, rules decide, services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roadahead.audit.services import log_action
from roadahead.core.dates import academic_year_label
from roadahead.core.downloads import csv_response, record_rows
from roadahead.core.forms import add_validation_errors
from roadahead.destinations import reports, retention, rules, scheduling, selectors, services
from roadahead.destinations.enums import CheckInState
from roadahead.destinations.forms import CheckInForm, DestinationForm, OverrideForm, RetentionForm
from roadahead.destinations.models import Destination
from roadahead.people.decorators import school_view


@school_view(rules.can_view_destinations)
def leaver_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    rows = selectors.leaver_rows(membership=membership, day=today)
    years = sorted({row.leaving_year for row in rows}, reverse=True)
    chosen: int | None = None
    raw = request.GET.get("year", "")
    if raw.isdigit() and int(raw) in years:
        chosen = int(raw)
        rows = [row for row in rows if row.leaving_year == chosen]
    return render(request, "destinations/list.html", {
        "rows": rows, "years": [(y, academic_year_label(y)) for y in years], "chosen": chosen,
        "states": CheckInState, "can_report": rules.can_view_report(membership),
        "can_export": rules.can_export_for_la(membership), "can_retention": rules.can_manage_retention(membership)})


@school_view(rules.can_view_destinations)
def check_ins(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    due = selectors.check_ins_due(membership=membership, day=timezone.localdate())
    return render(request, "destinations/check_ins.html", {
        "overdue": [d for d in due if d.state == CheckInState.OVERDUE],
        "due": [d for d in due if d.state == CheckInState.DUE],
        "can_record": rules.can_record_destinations(membership)})


@school_view(rules.can_view_destinations)
def pupil_destinations(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    pupil = selectors.visible_leaver(membership=membership, pk=pupil_pk, day=today)
    destinations, check_in_list = selectors.pupil_history(school=school, pupil=pupil)
    log_action(school=school, user=request.user, action="destination.viewed", obj=pupil, pupil_id=pupil.pk)
    return render(request, "destinations/pupil.html", {
        "pupil": pupil, "destinations": destinations, "current": destinations[0] if destinations else None,
        "check_ins": [(c, scheduling.state_of(due_on=c.due_on, done_on=c.done_on, today=today))
                      for c in check_in_list],
        "states": CheckInState, "can_record": rules.can_record_destinations(membership),
        "can_override": rules.can_override_in_keeping(membership)})


@school_view(rules.can_view_destinations)
def fragment(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    """The pupil page's section, loaded by htmx so the pupil page's own queries stay fixed."""
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    pupil = selectors.visible_pupil(membership=membership, pk=pupil_pk, day=today)
    left = pupil.date_left is not None and pupil.date_left <= today
    destination = selectors.destination_for_pupil(school=school, pupil=pupil) if left else None
    return render(request, "destinations/fragment.html", {
        "pupil": pupil, "left": left, "destination": destination,
        "can_record": rules.can_record_destinations(membership)})


def _destination_form(request: HttpRequest, pupil: Any, destination: Destination | None) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    initial: dict[str, Any] = {}
    if destination is not None:
        initial = {name: getattr(destination, name) for name in services.DESTINATION_FIELDS}
        initial["version"] = destination.version
    form = DestinationForm(request.POST or None, initial=initial, school=school)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {name: data[name] for name in services.DESTINATION_FIELDS}
        try:
            if destination is None:
                services.record_destination(school=school, pupil=pupil, user=request.user, member=membership,
                                            **values)
            else:
                services.update_destination(destination=destination, user=request.user,
                                            expected_version=data["version"] or 0, **values)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The destination is saved."))
            return redirect("destinations:pupil", school_slug=school.slug, pupil_pk=pupil.pk)
    return render(request, "destinations/form.html", {"form": form, "pupil": pupil, "destination": destination})


@school_view(rules.can_record_destinations)
def record(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    pupil = selectors.visible_leaver(membership=request.membership,  # type: ignore[attr-defined]
                                     pk=pupil_pk, day=timezone.localdate())
    return _destination_form(request, pupil, None)


@school_view(rules.can_record_destinations)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    destination = selectors.destination_for_member(membership=request.membership,  # type: ignore[attr-defined]
                                                   pk=pk, day=timezone.localdate())
    return _destination_form(request, destination.pupil, destination)


@school_view(rules.can_override_in_keeping)
def override(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    destination = selectors.destination_for_member(membership=request.membership,  # type: ignore[attr-defined]
                                                   pk=pk, day=timezone.localdate())
    current = {None: "auto", True: "yes", False: "no"}[destination.in_keeping_override]
    form = OverrideForm(request.POST or None,
                        initial={"judgement": current, "override_reason": destination.override_reason})
    if request.method == "POST" and form.is_valid():
        judgement = {"auto": None, "yes": True, "no": False}[form.cleaned_data["judgement"]]
        try:
            services.override_in_keeping(destination=destination, user=request.user, in_keeping=judgement,
                                         reason=form.cleaned_data["override_reason"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The judgement is saved."))
            return redirect("destinations:pupil", school_slug=school.slug, pupil_pk=destination.pupil_id)
    return render(request, "destinations/override.html", {"form": form, "destination": destination,
                                                           "pupil": destination.pupil})


@school_view(rules.can_record_destinations)
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    item = selectors.check_in_for_member(membership=membership, pk=pk, day=today)
    initial: dict[str, Any] = {"done_on": item.done_on or today, "status": item.status, "notes": item.notes,
                               "sustained": {True: "yes", False: "no", None: ""}[item.sustained]}
    form = CheckInForm(request.POST or None, initial=initial, school=school)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_check_in(
                check_in=item, user=request.user, member=membership, done_on=data["done_on"], status=data["status"],
                sustained={"yes": True, "no": False}.get(data["sustained"]), notes=data["notes"],
                new_category=data["new_category"], new_provider=data["new_provider"],
                new_start_date=data["new_start_date"], today=today)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The check-in is saved."))
            return redirect("destinations:pupil", school_slug=school.slug, pupil_pk=item.pupil_id)
    current = services.current_destination(school=school, pupil=item.pupil)
    return render(request, "destinations/check_in_form.html", {"form": form, "item": item, "pupil": item.pupil,
                                                               "current": current})


@school_view(rules.can_view_report)
def report(request: HttpRequest) -> HttpResponse:
    """Figures by pathway, year of leaving and group; governors' small groups withheld. ?format=csv downloads."""
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    suppress = rules.suppresses_small_groups(membership)
    built = reports.build_report(school=school, day=timezone.localdate(), suppress=suppress)
    if request.GET.get("format") == "csv":
        return csv_response("destinations-report.csv", reports.REPORT_FIELDS,
                            record_rows(reports.report_records(built), reports.REPORT_FIELDS), bom=True, no_store=True)
    sections = [(reports.DIMENSIONS[name], built.groups.get(name, [])) for name in reports.DIMENSIONS]
    return render(request, "destinations/report.html", {"report": built, "sections": sections,
                                                        "suppress": suppress, "smallest": reports.SMALLEST_GROUP})


@school_view(rules.can_export_for_la)
def la_export(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    rows = reports.la_rows(school=school, day=timezone.localdate())
    log_action(school=school, user=request.user, action="destination.la_exported", data={"rows": len(rows)})
    # Leavers' records are not for shared caches.
    return csv_response("leavers-destinations.csv", reports.LA_FIELDS, rows, bom=True, no_store=True)


@school_view(rules.can_manage_retention)
def retention_page(request: HttpRequest) -> HttpResponse:
    """The schedule, and the leavers who would be anonymised today, exactly as the action would."""
    school = request.school  # type: ignore[attr-defined]
    today = timezone.localdate()
    years = services.retention_years(school=school)
    form = RetentionForm(request.POST or None, initial={"years_after_leaving": years})
    if request.method == "POST" and form.is_valid():
        services.set_retention_years(school=school, user=request.user,
                                     years=form.cleaned_data["years_after_leaving"])
        messages.success(request, _("The retention schedule is saved."))
        return redirect("destinations:retention", school_slug=school.slug)
    due = list(retention.due_for_anonymising(school=school, today=today))
    return render(request, "destinations/retention.html", {
        "form": form, "years": years, "due": due, "ids": ",".join(str(p.pk) for p in due)})


@require_POST
@school_view(rules.can_manage_retention)
def retention_anonymise(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    raw = request.POST.get("ids", "")
    try:
        expected = {int(part) for part in raw.split(",") if part.strip()}
    except ValueError:
        raise PermissionDenied from None
    try:
        done = retention.anonymise(school=school, today=timezone.localdate(), user=request.user,
                                   expected_ids=expected)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(n)d leavers were anonymised.") % {"n": len(done)})
    return redirect("destinations:retention", school_slug=school.slug)
