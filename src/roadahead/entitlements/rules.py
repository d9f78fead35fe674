"""Who may read and change a school's entitlement rules."""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership


def can_view_rules(membership: Membership | None) -> bool:
    """Every member may read the rules: they say what each pupil is entitled to."""
    return membership is not None


def can_edit_rules(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER
