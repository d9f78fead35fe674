from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from roadahead.imports.models import ImportRun
from roadahead.people import rules
from roadahead.people.decorators import school_view


@school_view(rules.can_manage_school)
def imports_list(request: HttpRequest) -> HttpResponse:
    runs = ImportRun.objects.filter(school=request.school).select_related("created_by")[:50]  # type: ignore[attr-defined]
    return render(request, "imports/list.html", {"runs": runs})
