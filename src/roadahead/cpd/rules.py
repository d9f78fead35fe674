"""Who may read and record staff careers training (Benchmark 1)."""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership
from roadahead.people.rules import is_careers_leader_or_leader


def can_view_cpd(membership: Membership | None) -> bool:
    """Everyone opens the page; what it shows depends on the role (see the predicates below)."""
    return membership is not None


def can_manage_all_cpd(membership: Membership | None) -> bool:
    """The careers leader keeps everyone's training records."""
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_add_own_cpd(membership: Membership | None) -> bool:
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.STAFF}


def can_see_cpd_totals(membership: Membership | None) -> bool:
    """Senior leaders and governors see the hours per person, not what each course was."""
    return is_careers_leader_or_leader(membership)


def can_edit_cpd_record(membership: Membership | None, member_id: int) -> bool:
    """The careers leader changes anyone's record; class staff change only their own."""
    if can_manage_all_cpd(membership):
        return True
    return can_add_own_cpd(membership) and membership is not None and membership.pk == member_id
