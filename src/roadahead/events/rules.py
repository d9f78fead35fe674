"""Who may do what with events. Views ask these; they take a `Membership` like people.rules."""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership


def can_view_events(membership: Membership | None) -> bool:
    """Every member may see the school's events: advisers and governors read them."""
    return membership is not None


def can_manage_events(membership: Membership | None) -> bool:
    """Create and change events, choose stallholders and make feedback links."""
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_enter_feedback(membership: Membership | None) -> bool:
    """Type in feedback collected on paper or with symbols, and add a pupil's to their profile.

    Class staff do this for the pupils they may see, as they record activities.
    """
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.STAFF}
