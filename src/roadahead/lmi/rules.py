"""Who may read and record labour market information (Benchmark 2)."""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership


def can_view_lmi(membership: Membership | None) -> bool:
    return membership is not None


def can_edit_lmi(membership: Membership | None) -> bool:
    """Class staff share LMI with their classes, so they record it as well as the careers leader."""
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.STAFF}
