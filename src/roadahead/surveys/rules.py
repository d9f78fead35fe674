"""Who may do what with the stakeholder survey. Predicates take a `Membership`, like people.rules.

- The careers leader does everything: surveys, questions, links, results with comments, both CSVs.
- Senior leaders and governors read results and the summary CSV; a group with fewer than five
  responses has its figures withheld for them, and they never see written comments.
- Class staff enter answers on someone's behalf and read results (without comments).
- Careers advisers enter answers on someone's behalf only.
"""

from __future__ import annotations

from roadahead.people.enums import Role
from roadahead.people.models import Membership


def _role_in(membership: Membership | None, roles: set[str]) -> bool:
    return membership is not None and membership.role in roles


def can_view_surveys(membership: Membership | None) -> bool:
    """The list of surveys: every member (advisers need it to reach the entry form)."""
    return membership is not None


def can_manage_surveys(membership: Membership | None) -> bool:
    return _role_in(membership, {Role.CAREERS_LEADER})


def can_view_results(membership: Membership | None) -> bool:
    return _role_in(membership, {Role.CAREERS_LEADER, Role.LEADER, Role.STAFF})


def can_read_comments(membership: Membership | None) -> bool:
    """Written answers may identify their writer: the careers leader only, never governors."""
    return _role_in(membership, {Role.CAREERS_LEADER})


def can_enter_responses(membership: Membership | None) -> bool:
    return _role_in(membership, {Role.CAREERS_LEADER, Role.STAFF, Role.ADVISER})


def can_download_responses(membership: Membership | None) -> bool:
    return _role_in(membership, {Role.CAREERS_LEADER})


def can_download_summary(membership: Membership | None) -> bool:
    return _role_in(membership, {Role.CAREERS_LEADER, Role.LEADER})


def sees_suppressed(membership: Membership | None) -> bool:
    """Governors and senior leaders: small groups' figures are withheld."""
    return _role_in(membership, {Role.LEADER})
