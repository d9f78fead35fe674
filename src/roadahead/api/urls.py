"""The JSON API at /api/v1/, described by /api/v1/openapi.json.

Authentication and the school scope are handled by `roadahead.api.middleware.ApiTokenMiddleware`.
There are no interactive docs: django-ninja's Swagger page needs "ninja" in INSTALLED_APPS for its
bundled scripts (otherwise it loads them from a CDN, which our content security policy blocks).
Point any OpenAPI tool at openapi.json instead.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError

from roadahead.api.auth import BearerToken
from roadahead.api.endpoints import (
    activities,
    destinations,
    evaluation,
    guidance,
    me,
    placements,
    profiles,
    providers,
    pupils,
    reviews,
    skills,
    standing,
    surveys,
    transition,
)
from roadahead.api.parser import TextParser, body_refusal

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Road Ahead API",
    version="1",
    description="Read and change a school's pupils, provider directory and activities. Every request needs an API "
                "token (create one under 'Your API tokens'), sent as `Authorization: Bearer ra_…`; it acts "
                "as its owner with their role in the token's school.",
    urls_namespace="api",
    docs_url=None,
    auth=BearerToken(),
    parser=TextParser(),
)
api.add_router("", me.router)
api.add_router("", pupils.router)
api.add_router("", providers.router)
api.add_router("", activities.router)
api.add_router("", standing.router)
api.add_router("", guidance.router)
api.add_router("", skills.router)
api.add_router("", profiles.router)
api.add_router("", reviews.router)
api.add_router("", placements.router)
api.add_router("", transition.router)
api.add_router("", destinations.router)
api.add_router("", evaluation.router)
api.add_router("", surveys.router)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    refusal = body_refusal(exc)
    if refusal is not None:
        return api.create_response(request, {"detail": refusal.errors}, status=422)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": _("Your role in this school does not allow this.")}, status=403)


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    # A client gets JSON, not the HTML error page, and never a stack trace.
    logger.exception("API error on %s %s", request.method, request.path_info)
    return api.create_response(request, {"detail": _("Sorry, something went wrong. Nothing has been half-saved; "
                                                     "please try again in a moment.")}, status=500)
