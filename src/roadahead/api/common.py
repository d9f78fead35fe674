"""Small helpers every endpoint uses: the caller's membership, role checks, errors and pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from roadahead.people.models import Membership

T = TypeVar("T")


def membership_of(request: HttpRequest) -> Membership:
    membership = getattr(request, "membership", None)
    if membership is None:  # the middleware refuses such requests; this is a second lock
        raise HttpError(401, _("Send a valid API token."))
    return membership


def require(request: HttpRequest, allowed: Callable[[Membership | None], bool]) -> Membership:
    """The caller's membership, or 403 if their role does not allow this."""
    membership = membership_of(request)
    if not allowed(membership):
        raise HttpError(403, _("Your role in this school does not allow this. "
                               "Ask your careers leader if you need it."))
    return membership


def problems(error: DjangoValidationError, *, where: str = "payload") -> NinjaValidationError:
    """A Django validation error as a 422 in the shape django-ninja gives its own."""
    found: list[dict[str, Any]] = []
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            loc: list[str | int] = ["body", where] if field == NON_FIELD_ERRORS else ["body", where, field]
            found.extend({"type": "value_error", "loc": loc, "msg": message}
                         for e in errors for message in e.messages)
    else:
        found.extend({"type": "value_error", "loc": ["body", where], "msg": message} for message in error.messages)
    return NinjaValidationError(found)


def field_problem(field: str, message: str, *, where: str = "payload") -> NinjaValidationError:
    return NinjaValidationError([{"type": "value_error", "loc": ["body", where, field], "msg": message}])


@dataclass
class Page:
    count: int
    page: int
    page_size: int
    next_page: int | None
    items: list[Any]


def page_of(queryset: QuerySet[Any], *, page: int, page_size: int) -> Page:
    """One page of a query: a count and a slice, so two queries (plus prefetches) per page.

    A page past the end is empty rather than an error, so a client can stop at the first empty page.
    """
    count = queryset.count()
    start = (page - 1) * page_size
    items = list(queryset[start:start + page_size]) if start < count else []
    return Page(count=count, page=page, page_size=page_size,
                next_page=page + 1 if start + page_size < count else None, items=items)
