"""Recording the careers programme: the activity list, the activity form, the recording screen,
series, and a pupil's timeline. Thin: selectors read, rules decide, services write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roadahead.activities import rules, selectors, services
from roadahead.activities.enums import Attendance
from roadahead.activities.forms import (
    MEANINGFUL_FIELDS,
    PAL_FIELDS,
    WORKPLACE_FIELDS,
    ActivityFilterForm,
    ActivityForm,
    AddPupilsForm,
    ParticipationRowForm,
    SeriesForm,
    TimelineFilterForm,
)
from roadahead.activities.models import Activity, ActivityType
from roadahead.audit.services import log_action
from roadahead.benchmarks.selectors import benchmarks as school_benchmarks
from roadahead.core.forms import add_validation_errors
from roadahead.curriculum.models import Scheme
from roadahead.people import rules as people_rules
from roadahead.people.decorators import school_view
from roadahead.people.enums import Role
from roadahead.people.models import Membership
from roadahead.people.selectors import pupils_visible_to, visible_pupil
from roadahead.schools.models import AcademicYear
from roadahead.schools.selectors import academic_year_start_on, class_groups, pathways

PAGE_SIZE = 50


# ## Helpers ###########################################################################################

def _classes_for(membership: Membership, start_year: int) -> list[Any]:
    """Class staff choose among their own classes; everyone else among all of this year's."""
    groups = class_groups(school=membership.school, start_year=start_year)
    if membership.role == Role.STAFF:
        groups = groups.filter(staff=membership)
    return list(groups)


def _audience(membership: Membership, today: dt.date) -> dict[str, Any]:
    start_year = academic_year_start_on(school=membership.school, day=today)
    return {"class_groups": _classes_for(membership, start_year), "pathways": list(pathways(school=membership.school)),
            "pupils": list(pupils_visible_to(membership=membership, day=today)
                           .order_by("legal_surname", "legal_forename", "id"))}


def _type_data(types: list[ActivityType]) -> dict[str, Any]:
    """What the activity form's script needs to pre-tick benchmarks and show the right checklists."""
    return {str(t.pk): {"benchmarks": [b.pk for b in t.default_benchmarks.all()],
                        "workplace": t.is_workplace_experience, "pal": t.is_provider_encounter} for t in types}


def _activity_form(request: HttpRequest, *, activity: Activity | None, audience: bool,
                   chosen: list[int] | None = None) -> ActivityForm:
    """The activity form; with `chosen` (pupils picked on the standing pages) it starts unbound with them."""
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    initial: dict[str, Any] = {}
    if activity is None:
        initial = {"date": today}
        if chosen is not None:
            initial["pupils"] = chosen
    elif request.method != "POST":
        initial = {"version": activity.version}
    types = selectors.activity_types(school=school, include=[activity.activity_type_id] if activity else [])
    providers = selectors.providers_for_choice(
        school=school, include=[p.pk for p in activity.providers.all()] if activity else [])
    data = None if chosen is not None else (request.POST or None)
    return ActivityForm(
        data, instance=activity, initial=initial, activity_types=types, providers=providers,
        benchmarks=school_benchmarks(school=school),
        schemes=Scheme.objects.filter(school=school).select_related("subject"),
        audience=_audience(membership, today) if audience else None)


def _activity_values(form: ActivityForm) -> dict[str, Any]:
    data = form.cleaned_data
    names = ("activity_type", "title", "date", "end_date", "setting", "people_met", "purpose", "learning_outcomes",
             "scheme", *MEANINGFUL_FIELDS, *WORKPLACE_FIELDS, *PAL_FIELDS)
    values = {name: data[name] for name in names}
    values["providers"] = list(data["providers"])
    # Nothing ticked means "the usual ones for this type", with or without the page's script.
    values["benchmarks"] = list(data["benchmarks"]) or list(data["activity_type"].default_benchmarks.all())
    return values


def _form_context(form: ActivityForm) -> dict[str, Any]:
    types = list(form.fields["activity_type"].queryset)
    return {"form": form, "type_data": _type_data(types),
            "meaningful_fields": [form[n] for n in MEANINGFUL_FIELDS],
            "workplace_fields": [form[n] for n in WORKPLACE_FIELDS],
            "pal_fields": [form[n] for n in PAL_FIELDS]}


def _record_url(school_slug: str, activity: Activity, data: dict[str, Any]) -> str:
    query: list[tuple[str, Any]] = []
    if data.get("class_group"):
        query.append(("class_group", data["class_group"]))
    if data.get("pathway"):
        query.append(("pathway", data["pathway"]))
    query += [("pupil", pk) for pk in data.get("pupils") or []]
    url = reverse("activities:record", kwargs={"school_slug": school_slug, "pk": activity.pk})
    return f"{url}?{urlencode(query)}" if query else url


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _years(school: Any) -> list[tuple[int, str]]:
    return [(y.start_year, y.label) for y in AcademicYear.objects.filter(school=school).order_by("-start_year")]


# ## The list and one activity ###########################################################################

@school_view(rules.can_view_activities)
def activity_list(request: HttpRequest) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    start_year = academic_year_start_on(school=school, day=today)
    form = ActivityFilterForm(request.GET or None, years=_years(school),
                              types=selectors.activity_types(school=school),
                              class_groups=class_groups(school=school, start_year=start_year))
    filters = selectors.ActivityFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.ActivityFilters(
            starts_on=data["starts_on"], ends_on=data["ends_on"], academic_year=data["year"],
            activity_type=data["type"], benchmark=data["benchmark"], class_group=data["class_group"],
            text=data["q"])
    page = Paginator(selectors.activity_list(school=school, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "activities/activity_list.html", {
        "form": form, "page_obj": page, "can_record": rules.can_record(membership),
        "can_export": people_rules.can_export(membership),
        "querystring_without_page": (query.urlencode() + "&") if query else "",
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
    })


@school_view(rules.can_view_activities)
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    activity = selectors.activity_detail(school=school, pk=pk)
    participants = selectors.participants_visible(activity=activity, membership=membership, day=today)
    return render(request, "activities/activity_detail.html", {
        "activity": activity, "participants": participants,
        "hidden_count": selectors.hidden_participant_count(activity=activity, membership=membership, day=today),
        "can_record": rules.can_record(membership),
        "can_change": rules.can_change_activity(membership, activity),
        "can_delete": rules.can_delete_activity(membership),
        "revisions": selectors.revisions_for(activity=activity) if rules.can_see_history(membership) else None,
        "pal_type": activity.activity_type.is_provider_encounter,
        "workplace_type": activity.activity_type.is_workplace_experience,
    })


def _chosen_on_standing(request: HttpRequest) -> list[int] | None:
    """Pupils posted by the standing pages (`from_standing=1&pupils=<id>...`), each one the member may see.

    None if any id is mangled or names a pupil the member cannot see: nothing is pre-filled then.
    """
    membership = request.membership  # type: ignore[attr-defined]
    raw = request.POST.getlist("pupils")
    ids = list(dict.fromkeys(v for v in (_int_or_none(x) for x in raw) if v is not None))
    if len(ids) != len(set(raw)):
        return None
    visible = set(pupils_visible_to(membership=membership, day=timezone.localdate())
                  .filter(pk__in=ids).values_list("pk", flat=True))
    return ids if visible == set(ids) else None


@school_view(rules.can_record)
def activity_create(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    if request.method == "POST" and request.POST.get("from_standing") == "1":
        # Not a save: the standing pages open this form with their chosen pupils as the group.
        chosen = _chosen_on_standing(request)
        if chosen is None:
            return HttpResponseBadRequest(_("That list includes a pupil you cannot record for."))
        if chosen:
            messages.info(request, ngettext("%(n)s pupil chosen on the standing page is picked below.",
                                            "%(n)s pupils chosen on the standing page are picked below.",
                                            len(chosen)) % {"n": len(chosen)})
        form = _activity_form(request, activity=None, audience=True, chosen=chosen)
        return render(request, "activities/activity_form.html", {**_form_context(form), "activity": None})
    form = _activity_form(request, activity=None, audience=True)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.create_activity(school=school, by=request.user, **_activity_values(form))
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The activity is saved. Now record who took part."))
            return redirect(_record_url(school.slug, activity, form.cleaned_data))
    return render(request, "activities/activity_form.html", {**_form_context(form), "activity": None})


@school_view(rules.can_record)
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    activity = selectors.activity_detail(school=school, pk=pk)
    if not rules.can_change_activity(membership, activity):
        raise PermissionDenied
    form = _activity_form(request, activity=activity, audience=False)
    if request.method == "POST" and form.is_valid():
        values = _activity_values(form)
        try:
            # The bound form has copied its values onto `activity`; the service compares against
            # the stored row, so load it afresh.
            stored = selectors.activity_detail(school=school, pk=pk)
            services.update_activity(activity=stored, by=request.user,
                                     expected_version=form.cleaned_data.get("version"), **values)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect("activities:detail", school_slug=school.slug, pk=pk)
    return render(request, "activities/activity_form.html", {**_form_context(form), "activity": activity})


@school_view(rules.can_delete_activity)
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    activity = selectors.activity_detail(school=school, pk=pk)
    if request.method == "POST":
        services.delete_activity(activity=activity, by=request.user)
        messages.success(request, _("The activity and its attendance records are deleted."))
        return redirect("activities:list", school_slug=school.slug)
    return render(request, "activities/activity_delete.html", {
        "activity": activity, "recorded": activity.participations.count()})


# ## The recording screen #################################################################################

def _row_initial(row: selectors.RosterRow) -> dict[str, Any]:
    p = row.participation
    if p is None:
        return {"attendance": Attendance.ATTENDED}
    return {"attendance": p.attendance, "engagement": p.engagement, "reaction": p.reaction, "response": p.response,
            "response_method": p.response_method, "staff_note": p.staff_note}


@school_view(rules.can_record)
def activity_record(request: HttpRequest, pk: int) -> HttpResponse:
    """One screen for a whole class: a row per pupil, "everyone attended", one save.

    The roster is the pupils already recorded plus any class, pathway or pupils named in the
    address (the activity form sends them here), always limited to the pupils this member may
    see. A posted pupil id outside that roster refuses the whole save.
    """
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    activity = selectors.activity_detail(school=school, pk=pk)
    source = request.POST if request.method == "POST" else request.GET
    class_group = _int_or_none(source.get("class_group"))
    pathway = _int_or_none(source.get("pathway"))
    pupil_ids = [v for v in (_int_or_none(x) for x in source.getlist("pupil")) if v is not None]
    roster = selectors.roster_for(membership=membership, day=today, activity=activity, class_group=class_group,
                                  pathway=pathway, pupil_ids=pupil_ids)
    allowed = {row.pupil.pk for row in roster}
    if request.method == "POST":
        posted = {v for v in (_int_or_none(x) for x in request.POST.getlist("pupil")) if v is not None}
        if posted - allowed or len(posted) != len(request.POST.getlist("pupil")):
            # Someone posted a pupil they may not see (or a mangled id): save nothing at all.
            return HttpResponseBadRequest(_("That list includes a pupil you cannot record for. Nothing was saved."))
    rows = []
    mark_all = request.method == "POST" and request.POST.get("action") == "all_attended"
    for row in roster:
        prefix = f"p{row.pupil.pk}"
        data = None
        if request.method == "POST":
            data = request.POST.copy() if mark_all else request.POST
            if mark_all:
                data[f"{prefix}-attendance"] = Attendance.ATTENDED
        form = ParticipationRowForm(data, prefix=prefix, initial=_row_initial(row))
        rows.append({"row": row, "form": form})
    # Validate every row (not stopping at the first bad one) so all problems show at once.
    valid = [r["form"].is_valid() for r in rows] if request.method == "POST" and not mark_all else [False]
    if all(valid):
        entries, removed = [], []
        for r in rows:
            data = r["form"].cleaned_data
            if data["remove"]:
                removed.append(r["row"].pupil.pk)
                continue
            entries.append(services.ParticipationInput(
                pupil=r["row"].pupil, attendance=data["attendance"], engagement=data["engagement"],
                reaction=data["reaction"], response=data["response"].strip(),
                response_method=data["response_method"], staff_note=data["staff_note"].strip()))
        try:
            result = services.record_participations(activity=activity, by=request.user, entries=entries,
                                                    remove_others=bool(removed), remove_within=removed)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved: %(n)s pupils recorded.") % {"n": len(entries)}
                             + (" " + _("%(n)s taken off.") % {"n": result.removed} if result.removed else ""))
            return redirect("activities:detail", school_slug=school.slug, pk=activity.pk)
    start_year = academic_year_start_on(school=school, day=today)
    add_form = AddPupilsForm(initial={"class_group": class_group, "pathway": pathway},
                             class_groups=_classes_for(membership, start_year), pathways=pathways(school=school))
    return render(request, "activities/activity_record.html", {
        "activity": activity, "rows": rows, "add_form": add_form, "class_group": class_group, "pathway": pathway,
        "pupil_ids": pupil_ids, "mark_all": mark_all,
        "has_errors": any(r["form"].errors for r in rows),
    })


# ## Series ###############################################################################################

@school_view(rules.can_view_activities)
def series_list(request: HttpRequest) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    return render(request, "activities/series_list.html", {
        "series_list": selectors.series_list(school=school), "can_record": rules.can_record(membership)})


@school_view(rules.can_record)
def series_create(request: HttpRequest) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    types = selectors.activity_types(school=school)
    form = SeriesForm(request.POST or None, activity_types=types,
                      providers=selectors.providers_for_choice(school=school),
                      benchmarks=school_benchmarks(school=school), audience=_audience(membership, today),
                      initial={"starts_on": today})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        roster = selectors.roster_for(membership=membership, day=today, class_group=data["class_group"],
                                      pathway=data["pathway"], pupil_ids=data["pupils"])
        try:
            series = services.create_series(
                school=school, by=request.user, providers=list(data["providers"]),
                benchmarks=list(data["benchmarks"]) or None, pupils=[r.pupil for r in roster],
                **{name: data[name] for name in ("title", "activity_type", "frequency", "weekday", "starts_on",
                                                 "ends_on", "setting", "purpose", "learning_outcomes")})
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The series is saved with its sessions. Record each session on "
                                        "the day."))
            return redirect("activities:series_detail", school_slug=school.slug, pk=series.pk)
    return render(request, "activities/series_form.html", {"form": form, "type_data": _type_data(list(types))})


@school_view(rules.can_view_activities)
def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    series = selectors.series_detail(school=school, pk=pk)
    return render(request, "activities/series_detail.html", {
        "series": series, "sessions": selectors.series_sessions(series=series),
        "totals": selectors.series_totals(series, membership=membership, day=timezone.localdate()),
        "can_record": rules.can_record(membership), "today": timezone.localdate(),
    })


# ## A pupil's timeline ###################################################################################

@school_view(rules.can_view_activities)
def pupil_timeline(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    pupil = visible_pupil(membership=membership, pk=pupil_pk, day=today)
    first = selectors.pupil_timeline(membership=membership, pupil=pupil, as_of=None)
    form = TimelineFilterForm(request.GET or None, years=first.year_choices)
    year = benchmark = None
    if form.is_valid():
        year, benchmark = form.cleaned_data["year"], form.cleaned_data["benchmark"]
    timeline = first if not (year or benchmark) else selectors.pupil_timeline(
        membership=membership, pupil=pupil, academic_year=year, benchmark=benchmark)
    log_action(school=school, user=request.user, action="pupil.timeline_viewed", obj=pupil, pupil_id=pupil.pk)
    return render(request, "activities/pupil_timeline.html", {
        "pupil": pupil, "timeline": timeline, "form": form, "filtered": bool(year or benchmark),
    })
