"""Who an API request acts as: the token's user, in the token's school, with their current role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django_scopes import scopes_disabled
from ninja.security import HttpBearer

from roadahead.api.models import TOKEN_PREFIX, ApiToken, hash_token
from roadahead.people.models import Membership

# Writing last_used_at on every request would turn each read into a write; once a minute is
# precise enough for someone deciding whether a token is still in use.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class TokenAuth:
    token: ApiToken
    membership: Membership


def token_from_header(value: str | None) -> str | None:
    """The raw token in an `Authorization: Bearer ra_…` header, or None."""
    if not value:
        return None
    scheme, _, raw = value.partition(" ")
    raw = raw.strip()
    if scheme.lower() != "bearer" or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    return raw


def authenticate(raw: str, *, now: dt.datetime) -> TokenAuth | None:
    """The token with this value and its owner's active membership of its school, or None.

    A token works only while its user is active and still an active member of the token's
    school; the role is read afresh on every request, so a change of role applies at once.
    """
    # The token names the school, so the lookup has to happen before any scope can be opened.
    with scopes_disabled():
        token = (ApiToken.objects.select_related("school", "user")
                 .filter(key_hash=hash_token(raw), user__is_active=True).first())
        if token is None:
            return None
        membership = (Membership.objects.select_related("school", "user")
                      .filter(school=token.school, user=token.user, is_active=True).first())
        if membership is None:
            return None
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(Q(last_used_at__isnull=True) | Q(last_used_at__lt=now),
                                    pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
    return TokenAuth(token=token, membership=membership)


def authenticate_header(value: str | None) -> TokenAuth | None:
    raw = token_from_header(value)
    return authenticate(raw, now=timezone.now()) if raw else None


class BearerToken(HttpBearer):
    """Describes the bearer scheme in the OpenAPI document and refuses requests without a token.

    The checking itself is done once, by `ApiTokenMiddleware`, which must open the school's
    scope around the whole request; this only confirms it did.
    """

    def __call__(self, request: HttpRequest) -> ApiToken | None:
        return getattr(request, "api_token", None)

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:  # pragma: no cover
        return getattr(request, "api_token", None)
