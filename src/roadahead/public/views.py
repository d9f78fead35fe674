from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_scopes import scope

from roadahead.core.forms import add_validation_errors
from roadahead.people.decorators import school_view
from roadahead.public import rules, selectors, services
from roadahead.public.forms import PublicPageForm
from roadahead.public.models import PublicPage
from roadahead.schools.models import School


@school_view(rules.can_edit_public_page)
def edit(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    page = selectors.page_for(school=school)
    initial: dict[str, Any] = {}
    if page is None:
        # A new page starts from what the school already knows about its careers leader.
        initial = {"leader_name": school.careers_leader_name}
    form = PublicPageForm(request.POST or None, instance=page or PublicPage(school=school),
                          initial={**initial, "version": page.version if page else 0})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            services.save_page(school=school, by=request.user, expected_version=version if page else None, **data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The careers page is saved."))
            return redirect("public:edit", school_slug=school.slug)
    return render(request, "public/edit.html", {
        "form": form, "page": page, "today": timezone.localdate(),
        "overdue": page is not None and page.review_overdue(timezone.localdate()),
    })


@school_view(rules.can_preview_public_page)
def preview(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    today = timezone.localdate()
    return render(request, "public/preview.html", {
        "page": selectors.page_for(school=school), "events": selectors.upcoming_events(school=school, today=today),
        "can_edit": rules.can_edit_public_page(request.membership),  # type: ignore[attr-defined]
    })


@school_view(rules.can_edit_public_page)
def copy_html(request: HttpRequest) -> HttpResponse:
    """The published content as plain HTML, for a school that would rather paste it into its own
    website than link to ours. Events are left out: they would go out of date on the copy."""
    school = request.school  # type: ignore[attr-defined]
    page = selectors.page_for(school=school)
    if page is None:
        return redirect("public:edit", school_slug=school.slug)
    html = render_to_string("public/_copy.html", {"page": page, "page_school": school})
    return render(request, "public/copy.html", {"page": page, "html": html.strip()})


def _public(request: HttpRequest, slug: str, template: str) -> HttpResponse:
    """No sign-in: the school comes from the address, and only its published page is shown."""
    school = School.objects.filter(slug=slug).first()
    if school is None:
        raise Http404
    with scope(school=school), timezone.override(school.timezone):
        page = selectors.published_page(school=school)
        if page is None:
            raise Http404
        events = selectors.upcoming_events(school=school, today=timezone.localdate())
        return render(request, template, {"public_school": school, "page": page, "events": events})


@require_safe
def page(request: HttpRequest, slug: str) -> HttpResponse:
    return _public(request, slug, "public/page.html")


@require_safe
def easy_read(request: HttpRequest, slug: str) -> HttpResponse:
    return _public(request, slug, "public/easy_read.html")
