from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.core.forms import add_validation_errors
from roadahead.people import rules, selectors, services
from roadahead.people.decorators import school_view
from roadahead.people.enums import Role
from roadahead.people.forms import (
    AddStaffForm,
    AssignPupilsForm,
    EditStaffForm,
    PupilFilterForm,
    PupilForm,
    PupilSearchForm,
)
from roadahead.people.models import AdviserAssignment, Enrolment, Membership, Pupil
from roadahead.schools.selectors import academic_year_start_on, class_groups, pathways
from roadahead.schools.services import ensure_academic_year

PAGE_SIZE = 50


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send a signed-in person to their school, or let them choose if they have several."""
    memberships = list(selectors.memberships_for(user=request.user))
    if len(memberships) == 1:
        return redirect("schools:dashboard", school_slug=memberships[0].school.slug)
    return redirect("choose_school")


@login_required
def choose_school(request: HttpRequest) -> HttpResponse:
    return render(request, "core/choose_school.html", {"memberships": selectors.memberships_for(user=request.user)})


def _search_key(school_id: int) -> str:
    return f"pupil_search:{school_id}"


@school_view()
def pupil_list(request: HttpRequest) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    key = _search_key(school.pk)
    if request.method == "POST":
        # The words searched for are kept in the session, not the address; the filters stay in it.
        search_form = PupilSearchForm(request.POST)
        words = search_form.cleaned_data["q"].strip() if search_form.is_valid() else ""
        if words and "clear" not in request.POST:
            request.session[key] = words
        else:
            request.session.pop(key, None)
        query = request.GET.copy()
        query.pop("page", None)
        return redirect(request.path + (f"?{query.urlencode()}" if query else ""))
    today = timezone.localdate()
    start_year = academic_year_start_on(school=school, day=today)
    groups = list(class_groups(school=school, start_year=start_year))
    pathway_list = list(pathways(school=school))
    form = PupilFilterForm(request.GET or None, class_groups=groups, pathways=pathway_list)
    words = request.session.get(key, "")
    filters = selectors.PupilFilters(search=words)
    if form.is_valid():
        data = form.cleaned_data
        lac = {"yes": True, "no": False}.get(data["lac"])
        filters = selectors.PupilFilters(
            search=words, nc_year=data["year"], class_group=data["class_group"], pathway=data["pathway"],
            need=data["need"], looked_after=lac, status=data["status"] or "on_roll")
    pupils = selectors.pupil_list(membership=membership, filters=filters, day=today)
    page = Paginator(pupils, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"pupil": p, "enrolment": selectors.current_enrolment(p)} for p in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "people/pupil_list.html", {
        "form": form, "search_form": PupilSearchForm(initial={"q": words}), "searching": bool(words),
        "page_obj": page, "rows": rows,
        "querystring_without_page": (query.urlencode() + "&") if query else "",
        "can_edit": rules.can_edit_pupils(membership),
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
    })


@school_view()
def pupil_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    pupil = selectors.pupil_detail(membership=membership, pk=pk, day=timezone.localdate())
    log_action(school=school, user=request.user, action="pupil.viewed", obj=pupil, pupil_id=pupil.pk)
    return render(request, "people/pupil_detail.html", {
        "pupil": pupil, "can_edit": rules.can_edit_pupils(membership),
        "advisers": Membership.objects.filter(school=school, assignments__pupil=pupil).select_related("user"),
    })


def _save_pupil_form(request: HttpRequest, form: PupilForm, pupil: Pupil | None) -> Pupil:
    school = request.school  # type: ignore[attr-defined]
    data = form.cleaned_data
    fields = {name: data[name] for name in PupilForm.Meta.fields}
    duplicate = Pupil.objects.filter(school=school, upn=fields["upn"].strip().upper())
    if pupil is not None:
        duplicate = duplicate.exclude(pk=pupil.pk)
    if duplicate.exists():
        raise ValidationError({"upn": _("Another pupil in this school already has this UPN.")})
    with transaction.atomic():
        if pupil is not None:
            # The bound form has already copied its values onto `pupil`; compare against the
            # stored row so the service sees what really changed.
            pupil = Pupil.objects.get(school=school, pk=pupil.pk)
        if pupil is None:
            pupil = services.create_pupil(school=school, by=request.user, **fields)
        else:
            services.update_pupil(pupil=pupil, by=request.user, expected_version=data.get("version"), **fields)
        needs = [n for n in [data["primary_need"], *data["secondary_needs"]] if n]
        services.set_needs(pupil=pupil, needs=needs)
        year = ensure_academic_year(school=school, start_year=academic_year_start_on(school=school,
                                                                                       day=timezone.localdate()))
        services.enrol(pupil=pupil, academic_year=year, nc_year=data["nc_year"],
                       class_group=data["class_group"], pathway=data["pathway"])
    return pupil


def _pupil_form_view(request: HttpRequest, pupil: Pupil | None) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    today = timezone.localdate()
    start_year = academic_year_start_on(school=school, day=today)
    kwargs: dict[str, Any] = {"class_groups": class_groups(school=school, start_year=start_year),
                              "pathways": pathways(school=school)}
    if pupil is not None and request.method != "POST":
        current = next((e for e in pupil.all_enrolments if e.academic_year.start_year == start_year), None)  # type: ignore[attr-defined]
        needs = [n.need for n in pupil.need_list]  # type: ignore[attr-defined]
        kwargs["initial"] = {
            "version": pupil.version, "primary_need": needs[0] if needs else "", "secondary_needs": needs[1:],
            "nc_year": current.nc_year if current else "", "class_group": current.class_group_id if current else None,
            "pathway": current.pathway_id if current else None}
    form = PupilForm(request.POST or None, instance=pupil, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_pupil_form(request, form, pupil)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(name)s's record is saved.") % {"name": saved.display_name})
            return redirect("people:pupil_detail", school_slug=school.slug, pk=saved.pk)
    return render(request, "people/pupil_form.html", {"form": form, "pupil": pupil})


@school_view(rules.can_edit_pupils)
def pupil_create(request: HttpRequest) -> HttpResponse:
    return _pupil_form_view(request, None)


@school_view(rules.can_edit_pupils)
def pupil_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = selectors.pupil_detail(membership=request.membership, pk=pk, day=timezone.localdate())  # type: ignore[attr-defined]
    return _pupil_form_view(request, pupil)


@school_view(rules.can_manage_school)
def staff_list(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    members = (Membership.objects.filter(school=school).select_related("user")
               .prefetch_related("class_groups").order_by("-is_active", "role", "user__full_name"))
    return render(request, "people/staff_list.html", {"members": members})


@school_view(rules.can_manage_school)
def staff_add(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    form = AddStaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership = services.add_member(school=school, by=request.user, email=data["email"],
                                         full_name=data["full_name"], role=data["role"], job_title=data["job_title"])
        messages.success(request, _("%(name)s has been added. They can set a password with "
                                    "'Forgotten your password?' on the sign-in page.") % {"name": membership.user})
        return redirect("people:staff_list", school_slug=school.slug)
    return render(request, "people/staff_form.html", {"form": form, "title": _("Add a member of staff")})


@school_view(rules.can_manage_school)
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    membership = Membership.objects.filter(school=school, pk=pk).select_related("user").first()
    if membership is None:
        raise Http404
    start_year = academic_year_start_on(school=school, day=timezone.localdate())
    form = EditStaffForm(request.POST or None, instance=membership,
                         class_groups=class_groups(school=school, start_year=start_year))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_member(membership=membership, by=request.user, role=data["role"],
                                   job_title=data["job_title"], is_active=data["is_active"],
                                   class_groups=list(data["class_groups"]),
                                   qualification_level=data["qualification_level"],
                                   independent_of_school=data["independent_of_school"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("people:staff_list", school_slug=school.slug)
    return render(request, "people/staff_form.html", {"form": form, "title": str(membership.user)})


@school_view(rules.can_manage_school)
def adviser_pupils(request: HttpRequest, pk: int) -> HttpResponse:
    """The pupils a careers adviser is assigned: they see and record for these pupils only."""
    school = request.school  # type: ignore[attr-defined]
    adviser = Membership.objects.filter(school=school, pk=pk, role=Role.ADVISER).select_related("user").first()
    if adviser is None:
        raise Http404
    today = timezone.localdate()
    start_year = academic_year_start_on(school=school, day=today)
    on_roll = selectors.pupils_visible_to(membership=request.membership, day=today).filter(  # type: ignore[attr-defined]
        date_left__isnull=True)
    assigned_ids = AdviserAssignment.objects.filter(school=school, adviser=adviser).values("pupil_id")
    form = AssignPupilsForm(request.POST if request.POST.get("action") == "assign" else None,
                            class_groups=class_groups(school=school, start_year=start_year),
                            pupils=on_roll.exclude(pk__in=assigned_ids).order_by(
                                "legal_surname", "legal_forename", "pk"))
    if request.method == "POST" and request.POST.get("action") == "remove":
        pupil = Pupil.objects.filter(school=school, pk=request.POST.get("pupil"),
                                     adviser_assignments__adviser=adviser).first()
        if pupil is None:
            raise Http404
        services.unassign_adviser(adviser=adviser, pupil=pupil, by=request.user)
        messages.success(request, _("Removed."))
        return redirect("people:adviser_pupils", school_slug=school.slug, pk=adviser.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = Enrolment.objects.filter(school=school, academic_year__start_year=start_year)
        if data["class_group"]:
            chosen = chosen.filter(class_group=data["class_group"])
        if data["nc_year"]:
            chosen = chosen.filter(nc_year=data["nc_year"])
        pupils = list(on_roll.filter(pk__in=chosen.values("pupil_id"))) if (
            data["class_group"] or data["nc_year"]) else []
        if data["pupil"]:
            pupils.append(data["pupil"])
        added = services.assign_adviser(adviser=adviser, pupils=pupils, by=request.user)
        messages.success(request, _("%(n)d pupils assigned.") % {"n": added})
        return redirect("people:adviser_pupils", school_slug=school.slug, pk=adviser.pk)
    assigned = (Pupil.objects.filter(school=school, pk__in=assigned_ids)
                .order_by("legal_surname", "legal_forename", "pk").prefetch_related(_current_enrolment(start_year)))
    return render(request, "people/adviser_pupils.html", {"adviser": adviser, "form": form, "assigned": assigned})


def _current_enrolment(start_year: int) -> Prefetch:
    return Prefetch("enrolments", queryset=Enrolment.objects.filter(academic_year__start_year=start_year)
                    .select_related("class_group"), to_attr="this_year")
