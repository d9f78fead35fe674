from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from roadahead.core.dates import academic_year_label
from roadahead.core.forms import add_validation_errors
from roadahead.lmi import rules, selectors, services
from roadahead.lmi.forms import ItemForm, ShareForm
from roadahead.lmi.models import LmiItem, LmiShare
from roadahead.people.decorators import school_view
from roadahead.schools.forms import YearForm
from roadahead.schools.models import AcademicYear, ClassGroup, Pathway
from roadahead.schools.selectors import academic_year_start_on


def _current_year(request: HttpRequest) -> int:
    return academic_year_start_on(school=request.school, day=timezone.localdate())  # type: ignore[attr-defined]


@school_view(rules.can_view_lmi)
def item_list(request: HttpRequest) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    year_form = YearForm(request.GET or None, current=_current_year(request),
                         years=list(AcademicYear.objects.filter(school=school)))
    start_year = year_form.start_year()
    return render(request, "lmi/list.html", {
        "year_form": year_form, "start_year": start_year, "year_label": academic_year_label(start_year),
        "items": selectors.item_list(school=school, start_year=start_year),
        "summary": selectors.year_summary(school=school, start_year=start_year),
        "can_edit": rules.can_edit_lmi(membership),
    })


@school_view(rules.can_view_lmi)
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_detail(school=request.school, pk=pk)  # type: ignore[attr-defined]
    return render(request, "lmi/detail.html", {
        "item": item, "can_edit": rules.can_edit_lmi(request.membership),  # type: ignore[attr-defined]
    })


def _item_form_view(request: HttpRequest, item: LmiItem | None) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    initial: dict[str, Any] = {"received_on": timezone.localdate()}
    if item is not None:
        initial = {name: getattr(item, name) for name in services.ITEM_FIELDS}
    form = ItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                saved = services.create_item(school=school, by=request.user, **form.cleaned_data)
            else:
                saved = item
                services.update_item(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("%(title)s is saved.") % {"title": saved.title})
            return redirect("lmi:detail", school_slug=school.slug, pk=saved.pk)
    return render(request, "lmi/item_form.html", {"form": form, "item": item})


@school_view(rules.can_edit_lmi)
def item_create(request: HttpRequest) -> HttpResponse:
    return _item_form_view(request, None)


@school_view(rules.can_edit_lmi)
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_form_view(request, selectors.item_detail(school=request.school, pk=pk))  # type: ignore[attr-defined]


def _share_form_view(request: HttpRequest, item: LmiItem, share: LmiShare | None) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    initial: dict[str, Any] = {"shared_on": timezone.localdate()}
    chosen: list[int] = []
    if share is not None:
        chosen = [c.pk for c in share.class_groups.all()]
        initial = {**{name: getattr(share, name) for name in services.SHARE_FIELDS},
                   "class_groups": chosen, "pathways": [p.pk for p in share.pathways.all()]}
    # This year's classes, and any older ones the share already names.
    classes = (ClassGroup.objects.filter(school=school)
               .filter(Q(academic_year__start_year=_current_year(request)) | Q(pk__in=chosen)).order_by("name"))
    form = ShareForm(request.POST or None, initial=initial, class_groups=classes,
                     pathways=Pathway.objects.filter(school=school))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        links = {"class_groups": list(data.pop("class_groups")), "pathways": list(data.pop("pathways"))}
        try:
            if share is None:
                services.add_share(item=item, by=request.user, **links, **data)
            else:
                services.update_share(share=share, by=request.user, **links, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The sharing of %(title)s is saved.") % {"title": item.title})
            return redirect("lmi:detail", school_slug=school.slug, pk=item.pk)
    return render(request, "lmi/share_form.html", {"form": form, "item": item, "share": share})


@school_view(rules.can_edit_lmi)
def share_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _share_form_view(request, selectors.item_detail(school=request.school, pk=pk), None)  # type: ignore[attr-defined]


@school_view(rules.can_edit_lmi)
def share_edit(request: HttpRequest, pk: int) -> HttpResponse:
    share = selectors.share_detail(school=request.school, pk=pk)  # type: ignore[attr-defined]
    return _share_form_view(request, share.item, share)


@require_POST
@school_view(rules.can_edit_lmi)
def share_delete(request: HttpRequest, pk: int) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    share = selectors.share_detail(school=school, pk=pk)
    item = share.item
    services.delete_share(share=share, by=request.user)
    messages.success(request, _("That record of sharing %(title)s is removed.") % {"title": item.title})
    return redirect("lmi:detail", school_slug=school.slug, pk=item.pk)
