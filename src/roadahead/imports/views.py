from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from roadahead.core.downloads import download
from roadahead.imports import activity_services, destination_services, selectors, services
from roadahead.imports.activity_columns import MAX_ACTIVITY_ROWS
from roadahead.imports.exports import ExportFilters, export_activities
from roadahead.imports.forms import ActivityExportForm, ActivityUploadForm, DestinationUploadForm, PupilUploadForm
from roadahead.imports.models import ImportKind, ImportRun, ImportStatus
from roadahead.imports.parsers import MAX_ROWS, describe_size, max_upload_bytes
from roadahead.imports.runs import MAX_ERRORS_SHOWN
from roadahead.people import rules
from roadahead.people.decorators import school_view


@school_view(rules.can_manage_school)
def imports_list(request: HttpRequest) -> HttpResponse:
    runs = selectors.import_runs(school=request.school)[:50]  # type: ignore[attr-defined]
    return render(request, "imports/list.html", {"runs": runs})


def _upload(request: HttpRequest, *, form_class: type[forms.Form], template: str, max_rows: int,
            check: Callable[..., ImportRun]) -> HttpResponse:
    """An upload page: a good file is checked (`check(school=, by=, file_name=, content=)`) and kept
    for the careers leader to confirm on its run's page."""
    school = request.school  # type: ignore[attr-defined]
    # Bound on every POST: a post with no file at all must still say "Choose a file".
    form = form_class(request.POST, request.FILES) if request.method == "POST" else form_class()
    if form.is_bound and form.is_valid():
        file = form.cleaned_data["file"]
        run = check(school=school, by=request.user, file_name=file.name or "upload", content=file.read())
        return redirect("imports:detail", school_slug=school.slug, pk=run.pk)
    return render(request, template, {
        "form": form, "max_size": describe_size(max_upload_bytes()), "max_rows": f"{max_rows:,}"})


@school_view(rules.can_manage_school)
def upload(request: HttpRequest) -> HttpResponse:
    return _upload(request, form_class=PupilUploadForm, template="imports/upload.html", max_rows=MAX_ROWS,
                   check=partial(services.check_upload, today=timezone.localdate()))


@school_view(rules.can_manage_school)
def upload_activities(request: HttpRequest) -> HttpResponse:
    return _upload(request, form_class=ActivityUploadForm, template="imports/upload_activities.html",
                   max_rows=MAX_ACTIVITY_ROWS, check=activity_services.check_upload)


@school_view(rules.can_manage_school)
def upload_destinations(request: HttpRequest) -> HttpResponse:
    return _upload(request, form_class=DestinationUploadForm, template="imports/upload_destinations.html",
                   max_rows=destination_services.MAX_DESTINATION_ROWS,
                   check=partial(destination_services.check_upload, today=timezone.localdate()))


@school_view(rules.can_manage_school)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.import_run(school=request.school, pk=pk)  # type: ignore[attr-defined]
    kind = {ImportKind.ACTIVITIES: "activity", ImportKind.DESTINATIONS: "destination"}.get(run.kind, "pupil")
    template = {"activity": "imports/activity_detail.html",
                "destination": "imports/destination_detail.html"}.get(kind, "imports/detail.html")
    return render(request, template, {
        "preview_row_template": f"imports/_{kind}_preview_row.html",
        "run": run, "total": run.created_count + run.updated_count + run.unchanged_count,
        "hidden_errors": max(run.error_count - len(run.errors), 0), "max_errors": MAX_ERRORS_SHOWN,
        "statuses": ImportStatus})


@school_view(rules.can_manage_school)
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    run = selectors.import_run(school=school, pk=pk)
    try:
        if run.kind == ImportKind.ACTIVITIES:
            run = activity_services.confirm_import(run=run, by=request.user)
        elif run.kind == ImportKind.DESTINATIONS:
            run = destination_services.confirm_import(run=run, by=request.user, today=timezone.localdate())
        else:
            run = services.confirm_import(run=run, by=request.user, today=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("imports:detail", school_slug=school.slug, pk=run.pk)
    if run.kind == ImportKind.ACTIVITIES:
        _confirmed_activities(request, run)
    elif run.kind == ImportKind.DESTINATIONS:
        _confirmed_destinations(request, run)
    elif run.status == ImportStatus.DONE:
        total = run.created_count + run.updated_count + run.unchanged_count
        messages.success(request, ngettext(
            "Imported %(total)d pupil: %(new)d new, %(updated)d updated, %(unchanged)d unchanged.",
            "Imported %(total)d pupils: %(new)d new, %(updated)d updated, %(unchanged)d unchanged.", total)
            % {"total": total, "new": run.created_count, "updated": run.updated_count,
               "unchanged": run.unchanged_count})
    else:
        messages.error(request, _("Pupils' records changed since the file was checked, and the file now has "
                                  "problems. Nothing was imported."))
    return redirect("imports:detail", school_slug=school.slug, pk=run.pk)


@school_view(rules.can_manage_school)
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    services.cancel_import(run=selectors.import_run(school=school, pk=pk), by=request.user)
    messages.success(request, _("The import was cancelled and the uploaded file discarded."))
    return redirect("imports:list", school_slug=school.slug)


def _confirmed_activities(request: HttpRequest, run: ImportRun) -> None:
    if run.status == ImportStatus.DONE:
        total = run.created_count + run.updated_count + run.unchanged_count
        messages.success(request, ngettext(
            "Imported %(total)d activity: %(new)d new, %(updated)d updated, %(unchanged)d unchanged.",
            "Imported %(total)d activities: %(new)d new, %(updated)d updated, %(unchanged)d unchanged.", total)
            % {"total": total, "new": run.created_count, "updated": run.updated_count,
               "unchanged": run.unchanged_count})
    else:
        messages.error(request, _("Activities or pupils changed since the file was checked, and the file now has "
                                  "problems. Nothing was imported."))


def _confirmed_destinations(request: HttpRequest, run: ImportRun) -> None:
    if run.status == ImportStatus.DONE:
        messages.success(request, _("Imported destinations: %(new)d new, %(updated)d updated, %(unchanged)d "
                                    "unchanged.") % {"new": run.created_count, "updated": run.updated_count,
                                                     "unchanged": run.unchanged_count})
    else:
        messages.error(request, _("Pupils or destinations changed since the file was checked, and the file now has "
                                  "problems. Nothing was imported."))


@school_view(rules.can_export)
def export_activities_view(request: HttpRequest) -> HttpResponse:
    """The export form; submitted (a GET, since it only reads), the file itself."""
    school = request.school  # type: ignore[attr-defined]
    form = ActivityExportForm(request.GET or None, school=school)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        exported = export_activities(
            school=school, by=request.user, what=data["what"], file_format=data["file_format"],
            today=timezone.localdate(),
            filters=ExportFilters(academic_year=data["academic_year"], date_from=data["date_from"],
                                  date_to=data["date_to"], activity_type=data["activity_type"]))
        # Pupils' records must not be kept by shared caches.
        return download(exported.content, filename=exported.name, content_type=exported.content_type, no_store=True)
    return render(request, "imports/export_activities.html", {"form": form})
