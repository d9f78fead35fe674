"""CSRF protection for the public feedback form, which is served with `Referrer-Policy: no-referrer`.

The form's address holds the link's token, so the page must not pass it on in a Referer header.
Under that policy browsers send `Origin: null` and no Referer on the form's own POST, which
Django's origin and (on HTTPS) Referer checks refuse. On this one view we accept exactly that,
and still require the CSRF cookie and the form's CSRF token to match. This is safe here: the form
acts on no ambient authority (no sign-in, no session); the credential is the unguessable token in
the address, which a cross-site attacker does not have. A real foreign origin is still refused.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.decorators import decorator_from_middleware


class NoReferrerCsrfMiddleware(CsrfViewMiddleware):
    def _origin_verified(self, request: HttpRequest) -> bool:
        return request.META.get("HTTP_ORIGIN") == "null" or super()._origin_verified(request)

    def _check_referer(self, request: HttpRequest) -> None:
        if request.META.get("HTTP_REFERER") is None:
            return
        super()._check_referer(request)


csrf_protect_without_referrer = decorator_from_middleware(NoReferrerCsrfMiddleware)
