"""Who may read which report.

- The governors' termly report and the Ofsted evidence pack: careers leaders and senior leaders or
  governors. Both are aggregates with groups under five pupils withheld, whoever reads them.
- A pupil's careers record: whoever may open the pupil's page (`people.selectors.visible_pupil`),
  each section only for the roles its own app lets read it there.
- The cohort summary: careers leaders, senior leaders and class staff (their own pupils only);
  senior leaders and governors get small groups withheld. Careers advisers work with individual
  pupils and reach their records instead.
"""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership


def can_view_index(membership: Membership | None) -> bool:
    return membership is not None


def can_view_school_reports(membership: Membership | None) -> bool:
    """The governors' report and the Ofsted evidence pack."""
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.LEADER}


def can_view_pupil_record(membership: Membership | None) -> bool:
    """Every role; which pupils is the visibility selector's answer."""
    return membership is not None


def can_view_cohort_summary(membership: Membership | None) -> bool:
    return membership is not None and membership.role in {Role.CAREERS_LEADER, Role.LEADER, Role.STAFF}


def suppresses_small_groups(membership: Membership | None) -> bool:
    """In the cohort summary: senior leaders and governors see no figure resting on fewer than five pupils."""
    return membership is None or membership.role == Role.LEADER
