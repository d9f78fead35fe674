"""Who may do what in a school. Views, the API and the CLI all ask these predicates."""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership


def can_manage_school(membership: Membership | None) -> bool:
    """Change the school's set-up, staff, imports and read the audit log."""
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_view_school_setup(membership: Membership | None) -> bool:
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.LEADER}


def sees_every_pupil(membership: Membership | None) -> bool:
    """Careers leaders and senior leaders see the whole school (people.selectors.pupils_visible_to)."""
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.LEADER}


def can_edit_pupils(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_view_providers(membership: Membership | None) -> bool:
    return membership is not None


def can_edit_providers(membership: Membership | None) -> bool:
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.STAFF}


def can_export(membership: Membership | None) -> bool:
    """Download whole-school files (activities with every pupil's part): careers leaders and leaders."""
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.LEADER}
