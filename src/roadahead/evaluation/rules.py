"""Who may do what with the self-evaluation.

- The careers leader starts evaluations, marks criteria, applies suggestions and keeps the action plan.
- Senior leaders and governors read everything as aggregates: evaluations, history, suggestions
  (with groups under five pupils' figures withheld and no links to lists of pupils) and the
  action plan. They never see pupil names here.
- Class staff and careers advisers read the benchmark summary only (each evaluation's
  percentages, criteria, statuses and evidence notes, and its CSV), not the working pages.
"""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership
from roadahead.people.rules import is_careers_leader_or_leader


def can_manage_evaluation(membership: Membership | None) -> bool:
    return membership is not None and membership.role == Role.CAREERS_LEADER


def can_view_evaluation(membership: Membership | None) -> bool:
    """The working pages: evaluations, history, suggestions and the action plan."""
    return is_careers_leader_or_leader(membership)


def can_view_summary(membership: Membership | None) -> bool:
    return membership is not None


def sees_aggregates_only(membership: Membership | None) -> bool:
    """Figures for small groups withheld and no links to pupils: everyone but the careers leader."""
    return not can_manage_evaluation(membership)
