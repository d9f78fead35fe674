"""Who may export everything the school holds: the careers leader only.

The export holds every pupil's record, special-category data included, and the staff list, so it
is for the person who runs the programme, not for class staff, advisers or governors (who read
aggregates elsewhere).
"""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership


def can_export_everything(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER
