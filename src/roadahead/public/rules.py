"""Who may change and preview the school's public careers page."""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership


def can_edit_public_page(membership: Membership | None) -> bool:
    """The careers leader keeps the published information right."""
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_preview_public_page(membership: Membership | None) -> bool:
    """Senior leaders and governors read it before it goes out, to check it."""
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.LEADER}
