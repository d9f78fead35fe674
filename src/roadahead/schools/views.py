from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from roadahead.people import rules
from roadahead.people.decorators import school_view
from roadahead.people.selectors import pupils_visible_to
from roadahead.schools.models import AcademicYear, DestinationCategory, Pathway, Phase
from roadahead.schools.selectors import academic_year_on


@school_view()
def dashboard(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    today = timezone.localdate()
    visible = pupils_visible_to(membership=request.membership, day=today)  # type: ignore[attr-defined]
    context = {
        "today": today,
        "academic_year": academic_year_on(school=school, day=today),
        "pupil_count": visible.filter(date_left__isnull=True).count(),
        "can_manage": rules.can_manage_school(request.membership),  # type: ignore[attr-defined]
    }
    return render(request, "schools/dashboard.html", context)


@school_view(rules.can_view_school_setup)
def setup(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    context = {
        "years": AcademicYear.objects.filter(school=school).prefetch_related("terms").order_by("-start_year"),
        "phases": Phase.objects.filter(school=school),
        "pathways": Pathway.objects.filter(school=school).prefetch_related("in_keeping_destinations"),
        "destination_categories": DestinationCategory.objects.filter(school=school),
        "can_manage": rules.can_manage_school(request.membership),  # type: ignore[attr-defined]
    }
    return render(request, "schools/setup.html", context)
