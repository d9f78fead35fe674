"""Who may read and record leavers' destinations.

Which pupils a member sees is `people.selectors.pupils_visible_to`, as everywhere: careers leaders
see every leaver; class staff see leavers only while they are still in one of their classes this
academic year (most leavers are not, so in practice the careers leader keeps destinations); careers
advisers see the pupils assigned to them. Senior leaders and governors share one role, so they get
the figures (the report) and never a named leaver, and governors' figures hide groups of fewer than
five.
"""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership
from roadahead.people.rules import is_careers_leader_or_leader

PUPIL_ROLES = {Role.CAREERS_LEADER, Role.STAFF, Role.ADVISER}


def can_view_destinations(membership: Membership | None) -> bool:
    """Named leavers' destinations (for the leavers the member may see)."""
    return membership is not None and membership.role in PUPIL_ROLES


def can_record_destinations(membership: Membership | None) -> bool:
    """Record destinations and check-ins for the leavers the member may see."""
    return membership is not None and membership.role in PUPIL_ROLES


def can_override_in_keeping(membership: Membership | None) -> bool:
    """Overrule the automatic 'in keeping with the pathway' judgement, giving a reason."""
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_view_report(membership: Membership | None) -> bool:
    return is_careers_leader_or_leader(membership)


def suppresses_small_groups(membership: Membership | None) -> bool:
    """Governors see no figure for a group of fewer than five leavers, which could single one out."""
    return membership is None or membership.role == Role.LEADER


def can_export_for_la(membership: Membership | None) -> bool:
    """The local authority file names every leaver: the careers leader only."""
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_manage_retention(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER
