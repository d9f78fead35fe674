from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django_scopes import scope

from roadahead.people.selectors import membership_in
from roadahead.schools.models import School


class SchoolMiddleware:
    """Open the school's scope for every /s/<school>/ address.

    The school comes from the address; the signed-in user must be an active member of it, or the
    answer is 404, so nobody can find out which schools or pupils exist elsewhere. Inside, every
    scoped query is limited to this school, and the school's time zone is active.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.school = None  # type: ignore[attr-defined]
        request.membership = None  # type: ignore[attr-defined]
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        slug = match.kwargs.get("school_slug")
        if slug is None:
            return self.get_response(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        school = School.objects.filter(slug=slug).first()
        membership = membership_in(user=request.user, school=school) if school else None
        if school is None or membership is None:
            raise Http404
        membership.school = school
        request.school = school  # type: ignore[attr-defined]
        request.membership = membership  # type: ignore[attr-defined]
        with scope(school=school), timezone.override(zoneinfo.ZoneInfo(school.timezone)):
            return self.get_response(request)
