from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from roadahead.people import rules
from roadahead.people.decorators import school_view
from roadahead.providers.models import Provider


@school_view(rules.can_view_providers)
def providers_list(request: HttpRequest) -> HttpResponse:
    providers = Provider.objects.filter(school=request.school)  # type: ignore[attr-defined]
    return render(request, "providers/list.html", {"providers": providers})
