from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django_scopes import scope

from roadahead.api.auth import authenticate_header

API_PREFIX = "/api/v1/"
# The OpenAPI document describes the API, not any school's data, so tools may read it freely.
PUBLIC_PATHS = frozenset({API_PREFIX + "openapi.json"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# POSTs that only read: searches carry names in the body to keep them out of addresses and logs.
READ_ONLY_POSTS = frozenset({API_PREFIX + "pupils/search"})

logger = logging.getLogger(__name__)


def _refuse(status: int, detail: str) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    patch_cache_control(response, no_store=True)
    return response


class ApiTokenMiddleware:
    """Authenticate /api/v1/ requests by bearer token and run them inside the token's school.

    Only the token counts: a session cookie sent along is ignored, so a web page can never make
    API calls on a signed-in person's behalf (no CSRF exposure). Read-only tokens may only read.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if not path.startswith(API_PREFIX):
            return self.get_response(request)
        if path in PUBLIC_PATHS:
            return self.get_response(request)
        auth = authenticate_header(request.headers.get("Authorization"))
        if auth is None:
            # Never log the header: even a wrong token may be one character off a right one.
            logger.info("API request refused: missing or unknown token (%s %s)", request.method, path)
            return _refuse(401, _("Send a valid API token as 'Authorization: Bearer <token>'. "
                                  "The token may be wrong, revoked, or belong to someone who no longer has access."))
        if auth.token.read_only and request.method not in SAFE_METHODS and not (
                request.method == "POST" and path in READ_ONLY_POSTS):
            return _refuse(403, _("This API token is read only. Create a read and write token to make changes."))
        school = auth.membership.school
        request.user = auth.membership.user
        request.school = school  # type: ignore[attr-defined]
        request.membership = auth.membership  # type: ignore[attr-defined]
        request.api_token = auth.token  # type: ignore[attr-defined]
        with scope(school=school), timezone.override(zoneinfo.ZoneInfo(school.timezone)):
            response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith("application/json"):
            # An unknown address (Django's HTML 404 page) or a wrong method (ninja's plain-text
            # 405): a program reading the API gets JSON for those too.
            allow = response.get("Allow")
            response = JsonResponse({"detail": response.reason_phrase}, status=response.status_code)
            if allow:
                response["Allow"] = allow
        # Pupil records must not be kept by browsers or shared caches.
        patch_cache_control(response, no_store=True)
        return response
