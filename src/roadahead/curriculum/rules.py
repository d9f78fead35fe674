"""Who may read and change the school's curriculum links (Benchmark 4)."""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership


def can_view_curriculum(membership: Membership | None) -> bool:
    """Every member reads the schemes and the coverage grid: it is planning, not pupil data."""
    return membership is not None


def can_manage_subjects(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_add_scheme(membership: Membership | None) -> bool:
    """Class staff write the medium-term plans, so they may add schemes; the careers leader edits them."""
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.STAFF}


def can_edit_scheme(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER
