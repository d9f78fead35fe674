"""Two-factor: a person signed in with a password only reaches nothing but the two-factor pages."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from roadahead.accounts.services import has_two_factor

# Pages a person may reach before the second step: signing in and out, setting up and entering a
# code, and choosing a new password (which signs nobody in). The API has its own tokens.
OPEN_URL_NAMES = ("login", "logout", "accounts:two_factor_setup", "accounts:two_factor_verify",
                  "password_reset", "password_reset_done", "password_reset_complete")
OPEN_PREFIXES = ("/api/", "/accounts/reset/", "/static/")


def two_factor_required() -> bool:
    return getattr(settings, "ROADAHEAD_REQUIRE_TWO_FACTOR", False)


class TwoFactorMiddleware:
    """Send a signed-in person who has not yet given a code to set-up or to the code page.

    Must sit after django_otp's OTPMiddleware (which knows whether this session gave a code).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if two_factor_required() and request.user.is_authenticated and not request.user.is_verified():  # type: ignore[attr-defined]
            path = request.path_info
            open_paths = {reverse(name) for name in OPEN_URL_NAMES}
            if path not in open_paths and not path.startswith(OPEN_PREFIXES):
                target = "accounts:two_factor_verify" if has_two_factor(request.user) else "accounts:two_factor_setup"
                url = reverse(target)
                if request.method == "GET":
                    url += "?" + urlencode({"next": request.get_full_path()})
                return redirect(url)
        return self.get_response(request)
