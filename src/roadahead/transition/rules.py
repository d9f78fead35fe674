"""Who may read and record transition visits.

A transition visit says what a pupil made of a possible next placement, so pupil-level records are
for the people working with the pupil:

- careers leaders read and record for every pupil, and alone delete visits and pairs;
- class staff read and record for the pupils in their classes (they go on the visits);
- careers advisers read the visits of the pupils assigned to them, and record none;
- senior leaders and governors see aggregates only (the summary page): how many visits, to whom,
  and how many pupils in Year 11 and above have had one, never a pupil's name or words.

Which pupils a member may see comes from `people.selectors.pupils_visible_to`; a pupil outside it
is a 404 on every transition page and API call.
"""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership

READERS = frozenset({Role.CAREERS_LEADER, Role.STAFF, Role.ADVISER})
RECORDERS = frozenset({Role.CAREERS_LEADER, Role.STAFF})


def can_view_transition(membership: Membership | None) -> bool:
    """Pupil-level transition visits: names, who went, what they said."""
    return membership is not None and membership.role in READERS


def can_record_transition(membership: Membership | None) -> bool:
    return membership is not None and membership.role in RECORDERS


def can_delete_transition(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_view_summary(membership: Membership | None) -> bool:
    """The figures without names: everyone, governors included."""
    return membership is not None


def sees_every_pupil(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER


def suppresses_small_groups(membership: Membership | None) -> bool:
    """Governors and senior leaders see no figure resting on fewer than five pupils."""
    return membership is None or membership.role == Role.LEADER
