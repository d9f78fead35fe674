"""Who may do what with activities. Views ask these; the recording screen also limits each member
to the pupils they may see (people.selectors.pupils_visible_to).

- Everyone in the school may see the list of activities and an activity's details; the pupils
  listed on an activity are only those the viewer may see.
- Careers leaders and class staff record activities. Careers advisers record guidance meetings
  (elsewhere), not class activities; senior leaders and governors only read.
- A careers leader may change any activity; class staff may change the activities they created.
  Anyone who records may record attendance for their own pupils on any activity, since a
  whole-school event is usually set up by the careers leader and marked by each class.
- Only a careers leader may delete an activity, or read the history of changes to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadahead.people.enums import Role
from roadahead.people.models import Membership

if TYPE_CHECKING:
    from roadahead.activities.models import Activity, Series


def can_view_activities(membership: Membership | None) -> bool:
    return membership is not None


def can_record(membership: Membership | None) -> bool:
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.STAFF}


def can_change_activity(membership: Membership | None, activity: Activity | Series) -> bool:
    if membership is None:
        return False
    if membership.role == Role.CAREERS_LEADER:
        return True
    created_by = getattr(activity, "created_by_id", None)
    return membership.role == Role.STAFF and created_by is not None and created_by == membership.user_id


def can_delete_activity(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_see_history(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER
