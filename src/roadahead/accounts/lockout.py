"""Who django-axes counts failed sign-ins against: an email address and a client address.

The email address (AXES_USERNAME_CALLABLE) is trimmed and lower-cased as sign-in does, so
"Teacher@School.example " does not start a fresh count.

The client address (AXES_CLIENT_IP_CALLABLE):

Without a proxy in front, X-Forwarded-For is whatever the client chose to send, so only
REMOTE_ADDR counts. Behind N trusted proxies (ROADAHEAD_TRUSTED_PROXIES=N), each proxy appends the
address it saw, so the N-th entry from the right is the one the nearest trusted proxy received the
request from: the right-most entry the client could not forge. Entries further left are ignored.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = getattr(settings, "ROADAHEAD_TRUSTED_PROXIES", 0)
    if proxies <= 0:
        return remote
    forwarded = [item.strip() for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if item.strip()]
    if len(forwarded) < proxies:
        # Fewer entries than proxies: the request did not come through them all; trust nothing sent.
        return remote
    return _valid(forwarded[-proxies]) or remote


def username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    value = (credentials or {}).get("username") or (credentials or {}).get("email")
    if value is None and request is not None:
        value = request.POST.get("username", "")
    return str(value or "").strip().lower()
