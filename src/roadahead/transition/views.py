"""Transition visit pages: pairs, individual visits, a pupil's visits, the lists and the figures.

Every pupil-level page resolves pupils through transition selectors built on pupils_visible_to,
so an adviser reaches only their assigned pupils and class staff their classes (anyone else is a
404); governors reach the summary only. Pupils' responses to a pair's visits are recorded on the
activities recording screen, which the pair page links to with the group already listed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from roadahead.activities.selectors import activity_types, providers_for_choice
from roadahead.audit.services import log_action
from roadahead.core.forms import add_validation_errors
from roadahead.people.decorators import school_view
from roadahead.people.enums import Role
from roadahead.people.models import Enrolment, Pupil
from roadahead.profiles import rules as profile_rules
from roadahead.profiles import selectors as profile_selectors
from roadahead.profiles import services as profile_services
from roadahead.schools.selectors import academic_year_start_on, class_groups
from roadahead.transition import rules, selectors, services
from roadahead.transition.enums import KIND_SLUGS, VisitKind
from roadahead.transition.forms import (
    DestinationForm,
    HalfForm,
    PairEditForm,
    PairForm,
    VisitFilterForm,
    VisitForm,
)
from roadahead.transition.models import TransitionVisit


def _member(request: HttpRequest) -> Any:
    return request.membership  # type: ignore[attr-defined]


def _types(school: Any, include: list[int] | None = None) -> Any:
    return activity_types(school=school, include=include or [])


# ## Lists ###########################################################################################
@school_view(rules.can_view_transition)
def visit_list(request: HttpRequest) -> HttpResponse:
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    today = timezone.localdate()
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    form = VisitFilterForm(request.GET or None, providers=list(selectors.providers_for_choice(school=school)))
    provider = kind = None
    if form.is_valid():
        provider, kind = form.cleaned_data["provider"], form.cleaned_data["kind"]
    rows = selectors.visit_list(membership=membership, day=today,
                                filters=selectors.VisitFilters(when=when, provider=provider, kind=kind or ""))
    log_action(school=school, user=request.user, action="transition.visits_listed", data={"count": len(rows)})
    return render(request, "transition/visit_list.html", {
        "form": form, "rows": rows, "when": when, "tab": when, "today": today,
        "can_record": rules.can_record_transition(membership)})


@school_view(rules.can_view_transition)
def provider_list(request: HttpRequest) -> HttpResponse:
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    today = timezone.localdate()
    start_year = academic_year_start_on(school=school, day=today)
    rows = selectors.providers_overview(membership=membership, day=today, start_year=start_year)
    return render(request, "transition/provider_list.html", {"rows": rows, "tab": "providers", "today": today})


def _pupil_list(request: HttpRequest, *, without_only: bool) -> HttpResponse:
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    today = timezone.localdate()
    rows = selectors.pupils_overview(membership=membership, day=today, without_only=without_only)
    log_action(school=school, user=request.user, action="transition.pupils_listed",
               data={"count": len(rows), "without_only": without_only})
    return render(request, "transition/pupil_list.html", {
        "rows": rows, "without_only": without_only, "tab": "without" if without_only else "pupils",
        "can_record": rules.can_record_transition(membership)})


@school_view(rules.can_view_transition)
def pupil_list(request: HttpRequest) -> HttpResponse:
    return _pupil_list(request, without_only=False)


@school_view(rules.can_view_transition)
def without_list(request: HttpRequest) -> HttpResponse:
    return _pupil_list(request, without_only=True)


@school_view(rules.can_view_summary)
def summary(request: HttpRequest) -> HttpResponse:
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    figures = selectors.summary(school=school, day=timezone.localdate(),
                                suppress=rules.suppresses_small_groups(membership))
    return render(request, "transition/summary.html", {
        "figures": figures, "tab": "summary", "can_view": rules.can_view_transition(membership)})


# ## Pairs ###########################################################################################
def _group_pupils(request: HttpRequest) -> Any:
    """Pupils a member may put in a group: those they may see, on roll."""
    membership, today = _member(request), timezone.localdate()
    return (selectors.transition_pupils(membership=membership, day=today)
            .exclude(date_left__lte=today).order_by("legal_surname", "legal_forename", "id"))


def _class_choices(request: HttpRequest) -> list[Any]:
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    groups = class_groups(school=school, start_year=academic_year_start_on(school=school, day=timezone.localdate()))
    if membership.role == Role.STAFF:
        groups = groups.filter(staff=membership)
    return list(groups)


@school_view(rules.can_record_transition)
def pair_create(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    today = timezone.localdate()
    classes = _class_choices(request)
    pupils = _group_pupils(request)
    types = _types(school)
    form = PairForm(request.POST or None, providers=selectors.providers_for_choice(school=school), pupils=pupils,
                    class_groups=classes, types=types,
                    default_type=types.filter(code=services.TRANSITION_TYPE).first(),
                    initial={"in_school_date": today})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = list(data["pupils"])
        if data["class_group"]:
            if data["class_group"] not in {c.pk for c in classes}:
                raise Http404
            start_year = academic_year_start_on(school=school, day=today)
            chosen += list(pupils.filter(id__in=Enrolment.objects.filter(
                school=school, academic_year__start_year=start_year, class_group_id=data["class_group"])
                .values("pupil_id")))
        chosen = list({p.pk: p for p in chosen}.values())
        halves = {}
        for kind, date_field in (("in_school", "in_school_date"), ("at_provider", "at_provider_date")):
            if data[date_field]:
                halves[kind] = services.HalfInput(data[date_field], data["activity_type"],
                                                  data["people_met"] if kind == "in_school" else "")
        try:
            pair = services.create_pair(school=school, by=request.user, provider=data["provider"], pupils=chosen,
                                        title=data["title"], purpose=data["purpose"], **halves)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The paired visits are saved. Record who went to each on the day."))
            return redirect("transition:pair_detail", school_slug=school.slug, pk=pair.pk)
    return render(request, "transition/pair_form.html", {"form": form, "pair": None})


def _record_url(school_slug: str, visit: TransitionVisit | None, group: list[int]) -> str:
    if visit is None:
        return ""
    url = reverse("activities:record", kwargs={"school_slug": school_slug, "pk": visit.activity_id})
    return f"{url}?{urlencode([('pupil', pk) for pk in group])}" if group else url


@school_view(rules.can_view_transition)
def pair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    view = selectors.pair_detail(membership=membership, pk=pk, day=timezone.localdate())
    log_action(school=school, user=request.user, action="transition_pair.viewed", obj=view.pair,
               data={"pupils": len(view.rows)})
    halves = [(VisitKind.IN_SCHOOL.label, view.in_school, _record_url(school.slug, view.in_school, view.group_ids),
               "in-school"),
              (VisitKind.AT_PROVIDER.label, view.at_provider,
               _record_url(school.slug, view.at_provider, view.group_ids), "at-provider")]
    return render(request, "transition/pair_detail.html", {
        "view": view, "pair": view.pair, "halves": halves,
        "can_record": rules.can_record_transition(membership),
        "can_delete": rules.can_delete_transition(membership),
        "can_update_destination": rules.can_record_transition(membership)
        and profile_rules.can_record_profiles(membership)})


@school_view(rules.can_record_transition)
def pair_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership, today = _member(request), timezone.localdate()
    school = request.school  # type: ignore[attr-defined]
    view = selectors.pair_detail(membership=membership, pk=pk, day=today)
    pair = view.pair
    pupils = _group_pupils(request)
    form = PairEditForm(request.POST or None, pupils=pupils, initial={
        "title": pair.title, "purpose": pair.purpose, "pupils": view.group_ids, "version": pair.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Pupils in the group whom this member cannot see stay in it: they cannot untick them.
        hidden = list(pair.pupils.exclude(pk__in=pupils.values("pk")))
        try:
            services.update_pair(pair=pair, by=request.user, expected_version=data.get("version"),
                                 title=data["title"], purpose=data["purpose"], pupils=[*data["pupils"], *hidden])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The paired visits are saved."))
            return redirect("transition:pair_detail", school_slug=school.slug, pk=pair.pk)
    return render(request, "transition/pair_form.html", {"form": form, "pair": pair})


@school_view(rules.can_record_transition)
def pair_add_half(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    if kind not in KIND_SLUGS:
        raise Http404
    kind_value = KIND_SLUGS[kind]
    view = selectors.pair_detail(membership=membership, pk=pk, day=timezone.localdate())
    if (view.in_school if kind_value == VisitKind.IN_SCHOOL else view.at_provider) is not None:
        return redirect("transition:pair_detail", school_slug=school.slug, pk=pk)
    types = _types(school)
    form = HalfForm(request.POST or None, types=types, default_type=types.filter(code=services.TRANSITION_TYPE).first())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_half(pair=view.pair, by=request.user, kind=kind_value,
                              half=services.HalfInput(data["date"], data["activity_type"], data["people_met"]))
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The visit is saved."))
            return redirect("transition:pair_detail", school_slug=school.slug, pk=pk)
    return render(request, "transition/half_form.html", {
        "form": form, "pair": view.pair, "kind_label": VisitKind(kind_value).label})


@school_view(rules.can_delete_transition)
def pair_delete(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    view = selectors.pair_detail(membership=membership, pk=pk, day=timezone.localdate())
    if request.method == "POST":
        services.delete_pair(pair=view.pair, by=request.user)
        messages.success(request, _("The paired visits and everything recorded on them are deleted."))
        return redirect("transition:list", school_slug=school.slug)
    return render(request, "transition/delete.html", {"pair": view.pair, "visit": None})


# ## A pupil's visits ################################################################################
@school_view(rules.can_view_transition)
def pupil_visits(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    today = timezone.localdate()
    pupil = selectors.transition_pupil(membership=membership, pk=pupil_pk, day=today)
    log_action(school=school, user=request.user, action="transition.pupil_viewed", obj=pupil, pupil_id=pupil.pk)
    return render(request, "transition/pupil.html", {
        "pupil": pupil, "visits": selectors.transition_for_pupil(school=school, pupil=pupil),
        "planned": selectors.planned_for_pupil(school=school, pupil=pupil, day=today),
        "destination": _destination(request, pupil),
        "can_record": rules.can_record_transition(membership)})


@school_view()
def pupil_section(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    """The pupil page's transition summary, loaded by htmx so the pupil page's queries stay fixed.

    Governors get an empty answer rather than a 403: the pupil page asks everyone for it.
    """
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    if not rules.can_view_transition(membership):
        return HttpResponse("")
    today = timezone.localdate()
    pupil = selectors.transition_pupil(membership=membership, pk=pupil_pk, day=today)
    log_action(school=school, user=request.user, action="transition.summary_viewed", obj=pupil, pupil_id=pupil.pk)
    return render(request, "transition/section_fragment.html", {
        "pupil": pupil, "summary": selectors.pupil_summary(school=school, pupil=pupil, day=today),
        "can_record": rules.can_record_transition(membership)})


def _destination(request: HttpRequest, pupil: Pupil) -> Any:
    """The pupil's current intended destination, read through the profiles app for roles it lets read it."""
    if not profile_rules.can_view_profiles(_member(request)):
        return None
    return profile_selectors.intended_destination(school=request.school, pupil=pupil)  # type: ignore[attr-defined]


def _visit_form_view(request: HttpRequest, pupil: Pupil, visit: TransitionVisit | None) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    today = timezone.localdate()
    # An old visit keeps its provider even if the school no longer works with it.
    providers = providers_for_choice(school=school, include=[visit.provider_id] if visit else [])
    if visit is None:
        initial: dict[str, Any] = {"date": today, "attendance": "attended"}
    else:
        took_part = selectors.response_of(visit=visit, pupil=pupil)
        initial = {"provider": visit.provider_id, "date": visit.activity.date, "companions": visit.companions,
                   "companions_note": visit.companions_note, "next_steps": visit.next_steps,
                   "version": visit.version}
        if took_part is not None:
            initial.update({name: getattr(took_part, name) for name in services.RESPONSE_FIELDS})
    form = VisitForm(request.POST or None, providers=providers, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = services.PupilResponse(**{name: data[name] for name in services.RESPONSE_FIELDS})
        values = {name: data[name] for name in services.VISIT_FIELDS}
        try:
            if visit is None:
                visit = services.record_individual_visit(school=school, pupil=pupil, by=request.user,
                                                         provider=data["provider"], date=data["date"],
                                                         response=response, **values)
            else:
                services.update_individual_visit(visit=visit, by=request.user, expected_version=data.get("version"),
                                                 provider=data["provider"], date=data["date"], response=response,
                                                 **values)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The transition visit is saved."))
            return redirect("transition:visit_detail", school_slug=school.slug, pk=visit.pk)
    return render(request, "transition/visit_form.html", {
        "form": form, "pupil": pupil, "visit": visit, "destination": _destination(request, pupil)})


@school_view(rules.can_record_transition)
def visit_create(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    pupil = selectors.transition_pupil(membership=_member(request), pk=pupil_pk, day=timezone.localdate())
    return _visit_form_view(request, pupil, None)


def _visit(request: HttpRequest, pk: int) -> TransitionVisit:
    return selectors.visit_detail(membership=_member(request), pk=pk, day=timezone.localdate())


@school_view(rules.can_view_transition)
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    visit = _visit(request, pk)
    if not visit.is_individual:
        return redirect("transition:pair_detail", school_slug=school.slug, pk=visit.pair_id)
    pupil = visit.pupil
    log_action(school=school, user=request.user, action="transition_visit.viewed", obj=visit, pupil_id=pupil.pk)
    return render(request, "transition/visit_detail.html", {
        "visit": visit, "pupil": pupil, "took_part": selectors.response_of(visit=visit, pupil=pupil),
        "destination": _destination(request, pupil),
        "can_change": rules.can_record_transition(membership),
        "can_delete": rules.can_delete_transition(membership),
        "can_update_destination": rules.can_record_transition(membership)
        and profile_rules.can_record_profiles(membership)})


@school_view(rules.can_record_transition)
def visit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(request, pk)
    if not visit.is_individual:
        # A pair's visits are changed on the activities pages and recorded on the recording screen.
        return redirect("activities:edit", school_slug=request.school.slug, pk=visit.activity_id)  # type: ignore[attr-defined]
    return _visit_form_view(request, visit.pupil, visit)


@school_view(rules.can_delete_transition)
def visit_delete(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    visit = _visit(request, pk)
    if request.method == "POST":
        services.delete_visit(visit=visit, by=request.user)
        messages.success(request, _("The transition visit is deleted."))
        if visit.is_individual:
            return redirect("transition:pupil", school_slug=school.slug, pupil_pk=visit.pupil_id)
        return redirect("transition:pair_detail", school_slug=school.slug, pk=visit.pair_id)
    return render(request, "transition/delete.html", {"visit": visit, "pair": visit.pair})


# ## Intended destination, from a visit ###################################################################
@school_view(rules.can_record_transition)
def update_destination(request: HttpRequest, pk: int, pupil_pk: int) -> HttpResponse:
    """Offer to update the pupil's intended destination for this year in the light of the visit.

    Written through the profiles app's service, so its history, checks and audit stay in one place.
    """
    school, membership = request.school, _member(request)  # type: ignore[attr-defined]
    if not profile_rules.can_record_profiles(membership):
        raise Http404
    today = timezone.localdate()
    visit = _visit(request, pk)
    pupil = selectors.visit_pupil(membership=membership, visit=visit, pupil_pk=pupil_pk, day=today)
    start_year = academic_year_start_on(school=school, day=today)
    current = profile_selectors.intended_destination(school=school, pupil=pupil)
    this_year = profile_selectors.plan_for_year(school=school, pupil=pupil, start_year=start_year)
    line = _("%(date)s: %(kind)s, %(provider)s.") % {
        "date": format_date(visit.activity.date, "j F Y"), "kind": visit.get_kind_display(),
        "provider": visit.provider.name}
    initial: dict[str, Any] = {"plan": line, "version": this_year.version if this_year else None}
    if current is not None:
        initial.update({name: getattr(current, name) for name in profile_services.PLAN_FIELDS
                        if name != "reviewed_on"})
        for name in ("pupil_category", "family_category", "school_category"):
            initial[name] = getattr(current, f"{name}_id")
        initial["plan"] = f"{current.plan}\n{line}".strip() if line not in current.plan else current.plan
    form = DestinationForm(request.POST or None, initial=initial,
                           categories=profile_selectors.destination_categories(school=school))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            profile_services.save_plan(school=school, pupil=pupil, member=membership, start_year=start_year,
                                       expected_version=version if this_year else None, reviewed_on=today,
                                       **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(name)s's intended destination is updated.") % {"name": pupil.display_name})
            if visit.is_individual:
                return redirect("transition:visit_detail", school_slug=school.slug, pk=visit.pk)
            return redirect("transition:pair_detail", school_slug=school.slug, pk=visit.pair_id)
    return render(request, "transition/destination_form.html", {
        "form": form, "pupil": pupil, "visit": visit, "current": current, "took_part":
        selectors.response_of(visit=visit, pupil=pupil)})

