from __future__ import annotations

from django import template

from roadahead.destinations import rules
from roadahead.people.models import Membership

register = template.Library()


@register.filter
def can_view_destinations(membership: Membership | None) -> bool:
    """For the pupil page: only roles that may see a leaver's destination see the section."""
    return rules.can_view_destinations(membership)
