"""Who may read and record careers guidance meetings (Benchmark 8).

Guidance notes hold what a pupil said about their hopes and worries, so they are shared only
with the people working with the pupil:

- careers leaders read and record for every pupil, and alone may delete a meeting;
- careers advisers read and record only for the pupils assigned to them, and change the
  meetings they held (the careers leader changes any);
- class staff read their own pupils' meetings (they often advocate in them and carry out the
  actions agreed) and mark actions done, but do not record meetings: guidance is the adviser's job;
- senior leaders and governors see no pupil-level guidance notes. They follow Benchmark 8
  through the standing and coverage pages, which count meetings without showing what was said.

Which pupils a member may see at all comes from `people.selectors.pupils_visible_to`; a pupil
outside it is a 404 on every guidance page and API call.
"""

from __future__ import annotations

from roadahead.guidance.models import GuidanceMeeting
from roadahead.people.enums import Role
from roadahead.people.models import Membership

READERS = frozenset({Role.CAREERS_LEADER, Role.ADVISER, Role.STAFF})
RECORDERS = frozenset({Role.CAREERS_LEADER, Role.ADVISER})


def can_view_guidance(membership: Membership | None) -> bool:
    return membership is not None and membership.role in READERS


def can_record_guidance(membership: Membership | None) -> bool:
    return membership is not None and membership.role in RECORDERS


def can_change_meeting(membership: Membership | None, meeting: GuidanceMeeting) -> bool:
    """The careers leader changes any meeting; an adviser the meetings they held."""
    if membership is None:
        return False
    if membership.role == Role.CAREERS_LEADER:
        return True
    return membership.role == Role.ADVISER and meeting.adviser_id == membership.pk


def can_delete_meeting(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_mark_actions(membership: Membership | None) -> bool:
    """Anyone who reads a pupil's meetings may tick off an action done for that pupil."""
    return can_view_guidance(membership)
