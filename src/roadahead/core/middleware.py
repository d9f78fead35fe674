from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

# Set at sign-in (accounts.signals) and kept by this middleware: when the session began and when
# it was last used, in seconds since the epoch.
SIGNED_IN_AT = "signed_in_at"
LAST_SEEN = "last_seen"


class SessionTimeoutMiddleware:
    """Sign out a session left idle for SESSION_IDLE_SECONDS (30 minutes by default), and any
    session SESSION_COOKIE_AGE after sign-in (10 hours by default) however busy it has been.

    The cookie's own expiry moves on whenever the session is saved, so the absolute limit is
    checked here from the time of sign-in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            last_seen = session.get(LAST_SEEN, now)
            signed_in_at = session.get(SIGNED_IN_AT, now)
            if now - last_seen > settings.SESSION_IDLE_SECONDS or now - signed_in_at > settings.SESSION_COOKIE_AGE:
                logout(request)
            else:
                session.setdefault(SIGNED_IN_AT, now)
                if now - last_seen > 60:  # write at most once a minute
                    session[LAST_SEEN] = now
                else:
                    session.setdefault(LAST_SEEN, now)
        return self.get_response(request)


class NoStoreMiddleware:
    """Tell browsers and proxies not to keep any page served to a signed-in person (pupils' records,
    notes, needs), so the back button after signing out, or a shared cache, shows nothing.

    A response that already says how it may be cached keeps its own header; pages for anyone who is
    not signed in (the published careers page, sign-in) are left alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store, private"
        return response
