"""Who may change and preview the school's public careers page."""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership
from roadahead.people.rules import is_careers_leader_or_leader


def can_edit_public_page(membership: Membership | None) -> bool:
    """The careers leader keeps the published information right."""
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_preview_public_page(membership: Membership | None) -> bool:
    """Senior leaders and governors read it before it goes out, to check it."""
    return is_careers_leader_or_leader(membership)
