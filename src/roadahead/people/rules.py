"""Who may do what in a school. Views, the API and the CLI all ask these predicates."""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership


def is_careers_leader_or_leader(membership: Membership | None) -> bool:
    """The careers leader or a senior leader/governor: the two roles that look at the whole school.

    The building block for other apps' rules (who reads reports, totals, previews); whether it also
    means seeing every pupil's record is `sees_every_pupil`'s decision, not this one's.
    """
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.LEADER}


def can_manage_school(membership: Membership | None) -> bool:
    """Change the school's set-up, staff, imports and read the audit log."""
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_view_school_setup(membership: Membership | None) -> bool:
    return is_careers_leader_or_leader(membership)


def sees_every_pupil(membership: Membership | None) -> bool:
    """Careers leaders and senior leaders see the whole school (people.selectors.pupils_visible_to)."""
    return is_careers_leader_or_leader(membership)


def can_edit_pupils(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_view_providers(membership: Membership | None) -> bool:
    return membership is not None


def can_edit_providers(membership: Membership | None) -> bool:
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.STAFF}


def can_export(membership: Membership | None) -> bool:
    """Download whole-school files (activities with every pupil's part): careers leaders and leaders."""
    return is_careers_leader_or_leader(membership)
