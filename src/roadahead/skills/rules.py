"""Who may read and record pupils' skills.

Which pupils a member sees is decided by people.selectors.pupils_visible_to; these say what a role
may do at all. Senior leaders and governors see only the cohort summary, as numbers for groups.
"""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership

_RECORDERS = {Role.CAREERS_LEADER, Role.STAFF, Role.ADVISER}


def can_view_pupil_skills(membership: Membership | None) -> bool:
    """A pupil's own assessments: careers leaders, class staff and advisers (for the pupils they see)."""
    return membership is not None and membership.role in _RECORDERS


def can_record_skills(membership: Membership | None) -> bool:
    return membership is not None and membership.role in _RECORDERS


def can_record_for_class(membership: Membership | None) -> bool:
    """Assessing a whole class on one skill: the careers leader and class staff."""
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.STAFF}


def can_view_frameworks(membership: Membership | None) -> bool:
    return membership is not None


def can_manage_frameworks(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_view_cohort(membership: Membership | None) -> bool:
    """The cohort summary: everyone but advisers, who work with a few assigned pupils."""
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.STAFF, Role.LEADER}


def can_drill_down(membership: Membership | None) -> bool:
    """Named pupils behind a cohort figure: not for senior leaders and governors, who see numbers only."""
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.STAFF}


def suppresses_small_groups(membership: Membership | None) -> bool:
    """Governors see no figure for a group of fewer than five pupils, which could single a pupil out."""
    return membership is None or membership.role == Role.LEADER


def can_remove_assessment(membership: Membership | None, assessed_by_id: int | None) -> bool:
    """The careers leader corrects anyone's record; others only their own."""
    if membership is None:
        return False
    if membership.role == Role.CAREERS_LEADER:
        return True
    return can_record_skills(membership) and assessed_by_id == membership.pk
