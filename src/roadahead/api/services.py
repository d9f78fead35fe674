"""Creating and revoking API tokens."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roadahead.api.models import ApiToken, hash_token, new_token
from roadahead.audit.services import log_action
from roadahead.people.models import Membership

# Enough for every script a person runs; a cap keeps a forgotten loop from minting thousands.
MAX_TOKENS_PER_PERSON = 20


def may_write(membership: Membership) -> bool:
    """Whether the member's role can change anything, so a read and write token makes sense."""
    return not membership.read_only


@transaction.atomic
def create_token(*, membership: Membership, name: str, read_only: bool) -> tuple[ApiToken, str]:
    """Make a token for the member in their school. Returns the token and its value.

    The value is returned once and only its hash is kept, so it can never be shown again.
    """
    if not read_only and not may_write(membership):
        raise ValidationError({"read_only": _("Your role can only read, so your tokens are read only.")})
    if ApiToken.objects.filter(school=membership.school, user=membership.user).count() >= MAX_TOKENS_PER_PERSON:
        raise ValidationError(_("You have %(n)d API tokens, the most you can have. Revoke one you no longer use.")
                              % {"n": MAX_TOKENS_PER_PERSON})
    raw = new_token()
    token = ApiToken(school=membership.school, user=membership.user, name=name.strip(), read_only=read_only,
                     key_hash=hash_token(raw))
    token.full_clean()
    token.save()
    log_action(school=membership.school, user=membership.user, action="api_token.created", obj=token,
               data={"read_only": read_only})
    return token, raw


@transaction.atomic
def revoke_token(*, token: ApiToken, by: object) -> None:
    """Delete the token: the next request that uses it is refused."""
    log_action(school=token.school, user=by, action="api_token.revoked", obj=token)
    token.delete()
