from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roadahead.core.dates import academic_year_label
from roadahead.core.forms import add_validation_errors
from roadahead.cpd import rules, selectors, services
from roadahead.cpd.forms import RecordForm
from roadahead.cpd.models import CpdRecord
from roadahead.people.decorators import school_view
from roadahead.schools.forms import YearForm
from roadahead.schools.models import AcademicYear
from roadahead.schools.selectors import academic_year_start_on


@school_view(rules.can_view_cpd)
def record_list(request: HttpRequest) -> HttpResponse:
    """The careers leader sees everyone's totals and records; senior leaders and governors the
    totals only; class staff and advisers their own records."""
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    current = academic_year_start_on(school=school, day=timezone.localdate())
    year_form = YearForm(request.GET or None, current=current,
                         years=list(AcademicYear.objects.filter(school=school)))
    start_year = year_form.start_year()
    context: dict[str, Any] = {
        "year_form": year_form, "start_year": start_year, "year_label": academic_year_label(start_year),
        "can_add": rules.can_add_own_cpd(membership), "manages_all": rules.can_manage_all_cpd(membership),
    }
    if rules.can_see_cpd_totals(membership):
        rows = selectors.totals(school=school, start_year=start_year)
        context["totals"] = rows
        context["total_hours"] = sum((row.hours for row in rows), Decimal("0"))
    if rules.can_manage_all_cpd(membership):
        context["records"] = list(selectors.records(school=school, start_year=start_year))
    elif not rules.can_see_cpd_totals(membership):
        own = list(selectors.records(school=school, start_year=start_year, member=membership))
        context["records"] = own
        context["own_hours"] = sum((r.hours for r in own), Decimal("0"))
    return render(request, "cpd/list.html", context)


def _record_form_view(request: HttpRequest, record: CpdRecord | None) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    manages_all = rules.can_manage_all_cpd(membership)
    initial: dict[str, Any] = {"date": timezone.localdate(), "member": membership.pk}
    if record is not None:
        initial = {name: getattr(record, name) for name in services.RECORD_FIELDS}
        initial["member"] = record.member_id
    form = RecordForm(request.POST or None, initial=initial,
                      members=selectors.staff_members(school=school) if manages_all else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not manages_all:
            # Class staff record only their own training, whatever the form was sent with.
            data["member"] = membership
        try:
            if record is None:
                services.create_record(school=school, by=request.user, **data)
            else:
                services.update_record(record=record, by=request.user, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(title)s is saved.") % {"title": data["title"].strip()})
            return redirect("cpd:list", school_slug=school.slug)
    return render(request, "cpd/form.html", {"form": form, "record": record})


@school_view(rules.can_add_own_cpd)
def record_create(request: HttpRequest) -> HttpResponse:
    return _record_form_view(request, None)


def _editable_record(request: HttpRequest, pk: int) -> CpdRecord:
    membership = request.membership  # type: ignore[attr-defined]
    record = selectors.record_detail(school=request.school, pk=pk, viewer=membership)  # type: ignore[attr-defined]
    if not rules.can_edit_cpd_record(membership, record.member_id):
        raise PermissionDenied
    return record


@school_view(rules.can_add_own_cpd)
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_form_view(request, _editable_record(request, pk))


@require_POST
@school_view(rules.can_add_own_cpd)
def record_delete(request: HttpRequest, pk: int) -> HttpResponse:
    record = _editable_record(request, pk)
    services.delete_record(record=record, by=request.user)
    messages.success(request, _("%(title)s is removed.") % {"title": record.title})
    return redirect("cpd:list", school_slug=request.school.slug)  # type: ignore[attr-defined]
