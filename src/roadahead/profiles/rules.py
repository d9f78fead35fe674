"""Who may read and record pupils' career profiles, intended destinations and My future pages.

These say what a role may do; which pupils a member may see is `people.selectors.pupils_visible_to`
(careers leaders everyone, class staff their classes, advisers their assigned pupils). Senior
leaders and governors see programme-level figures, not a pupil's own profile.
"""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership

PROFILE_ROLES = {Role.CAREERS_LEADER, Role.STAFF, Role.ADVISER}


def can_view_profiles(membership: Membership | None) -> bool:
    return membership is not None and membership.role in PROFILE_ROLES


def can_record_profiles(membership: Membership | None) -> bool:
    """Add and change entries, plans and My future pages for the pupils the member may see."""
    return membership is not None and membership.role in PROFILE_ROLES
