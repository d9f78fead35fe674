from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from roadahead.api.models import ApiToken
from roadahead.people.decorators import school_view


@school_view()
def token_list(request: HttpRequest) -> HttpResponse:
    tokens = ApiToken.objects.filter(school=request.school, user=request.user)  # type: ignore[attr-defined]
    return render(request, "api/token_list.html", {"tokens": tokens})
