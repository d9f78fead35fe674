from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from roadahead.api.common import membership_of
from roadahead.api.schemas import MeOut

router = Router(tags=["me"])


@router.get("/me", response=MeOut, summary="Who this token acts as")
def me(request: HttpRequest) -> dict[str, Any]:
    """The token's user, school and role: the API lets the token do what that role may do."""
    membership = membership_of(request)
    token = request.api_token  # type: ignore[attr-defined]
    return {
        "user": {"id": membership.user.pk, "name": membership.user.display_name, "email": membership.user.email},
        "school": {"slug": membership.school.slug, "name": membership.school.name},
        "role": membership.role,
        "token_name": token.name,
        "read_only": token.read_only,
    }
