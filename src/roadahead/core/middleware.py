from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse


class SessionTimeoutMiddleware:
    """Sign out a session left idle for ROADAHEAD_SESSION_IDLE_SECONDS.

    The absolute limit is the session cookie age; this adds the idle limit, checked on each
    request from the time of the previous one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get("last_seen", now)
            if now - last_seen > settings.SESSION_IDLE_SECONDS:
                logout(request)
            elif now - last_seen > 60:  # write at most once a minute
                request.session["last_seen"] = now
            else:
                request.session.setdefault("last_seen", now)
        return self.get_response(request)
