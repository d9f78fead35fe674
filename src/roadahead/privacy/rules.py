"""Who may answer a subject access request or erase a pupil: the careers leader only.

Both show or remove a child's whole record, special-category data included, so they are for the
person who runs the programme (usually with the school's data protection officer), not for class
staff, advisers or governors.
"""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership


def can_handle_requests(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER
