"""Who may read and record EHCP annual reviews and Preparing for Adulthood outcomes.

Which pupils a member sees is decided by `people.selectors.pupils_visible_to` (class staff their
classes, advisers their assigned pupils); these predicates decide what their role may do.
Senior leaders and governors see no pupil's review: only how many reviews are due or overdue.
"""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership


def can_view_due_list(membership: Membership | None) -> bool:
    """Everyone opens the list; governors and senior leaders see counts only."""
    return membership is not None


def can_view_reviews(membership: Membership | None) -> bool:
    """A pupil's reviews, outcomes, contribution and ePEP, for pupils the member may see."""
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.STAFF, Role.ADVISER}


def can_record_reviews(membership: Membership | None) -> bool:
    """Record reviews and set outcomes and targets: the careers leader and class staff."""
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.STAFF}


def can_record_progress(membership: Membership | None) -> bool:
    """Record progress towards an outcome: also advisers, whose guidance feeds the employment outcomes."""
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.STAFF, Role.ADVISER}
