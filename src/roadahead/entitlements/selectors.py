"""Reads for entitlement rules: always one school's, with what they count loaded in a fixed number of queries.

Standing itself is never computed here: that is `roadahead.standing.engine.standing`.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from roadahead.entitlements.models import EntitlementRule
from roadahead.schools.models import School


def rules_of(*, school: School, active_only: bool = False) -> QuerySet[EntitlementRule]:
    """The school's rules in their order, with benchmark, pathways, types and evidences loaded."""
    rules = (EntitlementRule.objects.filter(school=school).select_related("benchmark")
             .prefetch_related("pathways", "activity_types", "evidences").order_by("order", "name"))
    return rules.filter(is_active=True) if active_only else rules


def rule_for(*, school: School, pk: int) -> EntitlementRule:
    """One of the school's rules; another school's (or no) rule is a 404."""
    rule = rules_of(school=school).filter(pk=pk).first()
    if rule is None:
        raise Http404
    return rule


def rule_by_code(*, school: School, code: str) -> EntitlementRule | None:
    return rules_of(school=school).filter(code=code).first()
