"""Career profile, intended destinations and My future pages for one pupil.

Every view resolves the pupil (or the entry or picture) through the member's visibility, so a
pupil an adviser is not assigned, or a class teacher does not teach, is a 404 on every address.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roadahead.audit.services import log_action
from roadahead.core.dates import academic_year_label
from roadahead.core.downloads import csv_response
from roadahead.core.forms import add_validation_errors
from roadahead.core.pdf import render_pdf
from roadahead.people.decorators import school_view
from roadahead.people.models import Pupil
from roadahead.profiles import images, rules, selectors, services
from roadahead.profiles.enums import KIND_HEADINGS, EntryKind
from roadahead.profiles.forms import EndEntryForm, EntryForm, MyFutureForm, PictureForm, PlanForm
from roadahead.profiles.models import ProfileEntry
from roadahead.schools.selectors import academic_year_start_on


def _pupil(request: HttpRequest, pupil_pk: int) -> Pupil:
    return selectors.visible_pupil_for_profile(membership=request.membership,  # type: ignore[attr-defined]
                                               pk=pupil_pk, day=timezone.localdate())


def _no_future_date(form: Any, field: str) -> bool:
    """Profiles record what has happened: a date after today is refused on the form."""
    if form.cleaned_data[field] > timezone.localdate():
        form.add_error(field, _("The date must be today or in the past."))
        return False
    return True


def _to_profile(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    return redirect("profiles:profile", school_slug=request.school.slug, pupil_pk=pupil_pk)  # type: ignore[attr-defined]


@school_view(rules.can_view_profiles)
def profile(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    pupil = _pupil(request, pupil_pk)
    today = timezone.localdate()
    current = selectors.profile_for_pupil(school=school, pupil=pupil)
    log_action(school=school, user=request.user, action="profile.viewed", obj=pupil, pupil_id=pupil.pk)
    this_year = academic_year_start_on(school=school, day=today)
    plans = selectors.transition_plans(school=school, pupil=pupil)
    return render(request, "profiles/profile.html", {
        "pupil": pupil,
        "sections": [(kind, KIND_HEADINGS[kind], current[kind]) for kind in EntryKind],
        "history": selectors.profile_history(school=school, pupil=pupil),
        "plans": plans, "this_year": this_year, "this_year_label": academic_year_label(this_year),
        "has_this_year": any(p.plan.start_year == this_year for p in plans),
        "can_record": rules.can_record_profiles(request.membership),  # type: ignore[attr-defined]
    })


@school_view(rules.can_view_profiles)
def fragment(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    """The short summary on the pupil page, loaded by htmx so the page's own queries stay fixed."""
    school = request.school  # type: ignore[attr-defined]
    pupil = _pupil(request, pupil_pk)
    return render(request, "profiles/fragment.html", {"pupil": pupil,
                                                       **selectors.summary(school=school, pupil=pupil)})


# ## ENTRIES ######################################################################################
def _entry_form_view(request: HttpRequest, pupil: Pupil, entry: ProfileEntry | None) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    if entry is None:
        initial: dict[str, Any] = {"recorded_on": timezone.localdate(), "kind": request.GET.get("kind", "")}
    else:
        initial = {name: getattr(entry, name) for name in services.ENTRY_FIELDS}
        initial["version"] = entry.version
    form = EntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _no_future_date(form, "recorded_on"):
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            if entry is None:
                services.add_entry(school=school, pupil=pupil, member=membership, **data)
            else:
                services.update_entry(entry=entry, member=membership, expected_version=version, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The profile entry is saved."))
            return _to_profile(request, pupil.pk)
    return render(request, "profiles/entry_form.html", {"form": form, "pupil": pupil, "entry": entry})


@school_view(rules.can_record_profiles)
def entry_create(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    return _entry_form_view(request, _pupil(request, pupil_pk), None)


def _entry(request: HttpRequest, pk: int) -> ProfileEntry:
    return selectors.entry_for_member(membership=request.membership, pk=pk,  # type: ignore[attr-defined]
                                      day=timezone.localdate())


@school_view(rules.can_record_profiles)
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    return _entry_form_view(request, entry.pupil, entry)


@school_view(rules.can_record_profiles)
def entry_end(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    if entry.ended_on is not None:
        raise Http404
    form = EndEntryForm(request.POST or None, initial={"ended_on": timezone.localdate(), "version": entry.version})
    if request.method == "POST" and form.is_valid() and _no_future_date(form, "ended_on"):
        data = form.cleaned_data
        try:
            services.end_entry(entry=entry, member=request.membership,  # type: ignore[attr-defined]
                               expected_version=data["version"], ended_on=data["ended_on"], reason=data["reason"],
                               replacement=data["replacement"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The entry is marked as no longer true. It stays in the history."))
            return _to_profile(request, entry.pupil_id)
    return render(request, "profiles/entry_end.html", {"form": form, "pupil": entry.pupil, "entry": entry})


# ## INTENDED DESTINATIONS ########################################################################
@school_view(rules.can_record_profiles)
def plan_edit(request: HttpRequest, pupil_pk: int, start_year: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    pupil = _pupil(request, pupil_pk)
    today = timezone.localdate()
    # Plans are reviewed for this year; last year's may still be corrected. Nothing further back or ahead.
    if start_year not in {academic_year_start_on(school=school, day=today) - 1,
                          academic_year_start_on(school=school, day=today)}:
        raise Http404
    existing = selectors.plan_for_year(school=school, pupil=pupil, start_year=start_year)
    if existing is None:
        previous = selectors.intended_destination(school=school, pupil=pupil, start_year=start_year)
        # A new year's review starts from last year's aims, which are then confirmed or changed.
        initial: dict[str, Any] = {name: getattr(previous, name) for name in services.PLAN_FIELDS} if previous else {}
        initial["reviewed_on"] = today
    else:
        initial = {name: getattr(existing, name) for name in services.PLAN_FIELDS}
        initial["version"] = existing.version
    form = PlanForm(request.POST or None, initial=initial,
                    categories=selectors.destination_categories(school=school))
    if request.method == "POST" and form.is_valid() and _no_future_date(form, "reviewed_on"):
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.save_plan(school=school, pupil=pupil, member=membership, start_year=start_year,
                               expected_version=version if existing else None, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The intended destinations are saved."))
            return _to_profile(request, pupil.pk)
    return render(request, "profiles/plan_form.html", {
        "form": form, "pupil": pupil, "year_label": academic_year_label(start_year), "existing": existing})


# ## MY FUTURE ####################################################################################
@school_view(rules.can_view_profiles)
def my_future(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    pupil = _pupil(request, pupil_pk)
    content = selectors.my_future(school=school, pupil=pupil)
    log_action(school=school, user=request.user, action="my_future.viewed", obj=pupil, pupil_id=pupil.pk)
    return render(request, "profiles/my_future.html", {
        "pupil": pupil, "content": content,
        "can_record": rules.can_record_profiles(request.membership),  # type: ignore[attr-defined]
    })


def _pdf_images(content: selectors.MyFutureContent) -> tuple[dict[str, tuple[bytes, str]], dict[str, list[Any]]]:
    """The pictures' bytes for WeasyPrint by name (p<id>), and the pictures that have them by section."""
    found: dict[str, tuple[bytes, str]] = {}
    shown: dict[str, list[Any]] = {}
    groups = [("photo", [content.photo] if content.photo else []), *content.pictures.items()]
    for section, pictures in groups:
        for picture in pictures:
            try:
                found[f"p{picture.pk}"] = (images.read(picture.file_name), picture.mime_type)
            except OSError:
                continue  # a missing file leaves the picture out rather than failing the document
            shown.setdefault(section, []).append(picture)
    return found, shown


@school_view(rules.can_view_profiles)
def my_future_pdf(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    pupil = _pupil(request, pupil_pk)
    content = selectors.my_future(school=school, pupil=pupil)
    found, shown = _pdf_images(content)
    photo = shown.pop("photo", [None])[0]
    pdf = render_pdf("profiles/my_future_pdf.html",
                     {"pupil": pupil, "content": content, "pictures": shown, "school": school,
                      "photo_key": f"p{photo.pk}" if photo else "", "printed": timezone.localdate()}, images=found)
    log_action(school=school, user=request.user, action="my_future.printed", obj=pupil, pupil_id=pupil.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    # The file name is the pupil's id, not their name: no personal data in the address or the download.
    response["Content-Disposition"] = f'inline; filename="my-future-{pupil.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@school_view(rules.can_record_profiles)
def my_future_edit(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    pupil = _pupil(request, pupil_pk)
    page = selectors.my_future_page(school=school, pupil=pupil)
    entries = ProfileEntry.objects.filter(school=school, pupil=pupil, ended_on__isnull=True).order_by("kind", "id")
    form = MyFutureForm(request.POST or None, entries=entries, initial={
        "entries": [e.pk for e in entries if e.on_my_future], "next_steps": page.next_steps if page else "",
        "version": page.version if page else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_my_future(school=school, pupil=pupil, member=membership, next_steps=data["next_steps"],
                                    chosen_entry_ids=[e.pk for e in data["entries"]],
                                    expected_version=data["version"] if page else None)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("My future is saved."))
            return redirect("profiles:my_future", school_slug=school.slug, pupil_pk=pupil.pk)
    return render(request, "profiles/my_future_form.html", {
        "form": form, "pupil": pupil, "pictures": selectors.pictures(school=school, pupil=pupil)})


@school_view(rules.can_record_profiles)
def picture_add(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    pupil = _pupil(request, pupil_pk)
    form = PictureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_picture(school=school, pupil=pupil, member=membership, data=data["image"],
                                 section=data["section"], alt_text=data["alt_text"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The picture is added."))
            return redirect("profiles:my_future_edit", school_slug=school.slug, pupil_pk=pupil.pk)
    return render(request, "profiles/picture_form.html", {"form": form, "pupil": pupil})


@school_view(rules.can_view_profiles)
def picture(request: HttpRequest, pk: int) -> HttpResponse:
    """The picture's bytes, only to a member who may see the pupil; never cached by shared caches."""
    found = selectors.picture_for_member(membership=request.membership, pk=pk,  # type: ignore[attr-defined]
                                         day=timezone.localdate())
    try:
        data = images.read(found.file_name)
    except OSError:
        raise Http404 from None
    response = HttpResponse(data, content_type=found.mime_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'inline; filename="picture-{found.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@school_view(rules.can_record_profiles)
def picture_remove(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.picture_for_member(membership=request.membership, pk=pk,  # type: ignore[attr-defined]
                                         day=timezone.localdate())
    services.remove_picture(picture=found, member=request.membership)  # type: ignore[attr-defined]
    messages.success(request, _("The picture is removed."))
    return redirect("profiles:my_future_edit", school_slug=request.school.slug,  # type: ignore[attr-defined]
                    pupil_pk=found.pupil_id)


EXPORT_COLUMNS = ("upn", "forename", "surname", "kind", "text", "source", "captured", "recorded_on", "recorded_by",
                  "ended_on", "end_reason", "on_my_future")


@school_view(rules.can_view_profiles)
def export_entries(request: HttpRequest) -> HttpResponse:
    """Every career profile entry of the pupils the member may see, as CSV (formula-safe cells)."""
    rows = [(e.pupil.upn, e.pupil.preferred_forename or e.pupil.legal_forename,
             e.pupil.preferred_surname or e.pupil.legal_surname, e.get_kind_display(), e.text, e.get_source_display(),
             e.get_captured_display(), e.recorded_on.isoformat(),
             e.recorded_by.user.display_name if e.recorded_by else "", e.ended_on.isoformat() if e.ended_on else "",
             e.end_reason, "yes" if e.on_my_future else "no")
            for e in selectors.entries_for_export(membership=request.membership,  # type: ignore[attr-defined]
                                                  day=timezone.localdate())]
    log_action(school=request.school, user=request.user, action="profiles.exported",  # type: ignore[attr-defined]
               data={"count": len(rows)})
    return csv_response("career-profiles.csv", EXPORT_COLUMNS, rows)
