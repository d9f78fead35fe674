from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from roadahead.people.models import Membership

Predicate = Callable[[Membership | None], bool]
View = Callable[..., HttpResponse]


def school_view(allowed: Predicate | None = None) -> Callable[[View], View]:
    """Mark a view as living inside a school: the middleware has opened the school's scope.

    `allowed` is a predicate from a rules module; a member whose role fails it gets 403. The
    school slug is taken off the keyword arguments, since the view has `request.school`.
    """

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, school_slug: str, **kwargs: Any) -> HttpResponse:
            membership = getattr(request, "membership", None)
            if membership is None:
                raise Http404
            if allowed is not None and not allowed(membership):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.school_view = True  # type: ignore[attr-defined]
        return wrapper

    return decorator
