"""Who may do what with placements.

- The careers leader sets up and changes placements, assigns pupils and writes reports.
- Class staff see the placements their pupils are on and record those sessions' attendance
  (on the activity recording screen, which limits them to their own pupils).
- Careers advisers see their assigned pupils' placements and reports, read-only.
- Senior leaders and governors see counts only, never which pupil is where.
A pupil the member may not see is a 404 (people.selectors.visible_pupil); so is a placement with
none of the member's pupils on it.
"""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership


def can_view_placements(membership: Membership | None) -> bool:
    """Everyone opens the list; governors see counts on it."""
    return membership is not None


def can_see_pupil_placements(membership: Membership | None) -> bool:
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.STAFF, Role.ADVISER}


def can_manage_placements(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_record_sessions(membership: Membership | None) -> bool:
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.STAFF}


def sees_every_placement(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER
