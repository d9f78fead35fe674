from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from roadahead.api.models import ApiToken
from roadahead.people.models import Membership


def tokens_of(*, membership: Membership) -> QuerySet[ApiToken]:
    """The member's own tokens in this school, newest first."""
    return ApiToken.objects.filter(school=membership.school, user=membership.user).order_by("-created_at", "-id")


def own_token(*, membership: Membership, pk: int) -> ApiToken:
    """One of the member's own tokens; anyone else's is a 404, as if it did not exist."""
    token = tokens_of(membership=membership).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token
