from __future__ import annotations

from django import template

from roadahead.people.models import Membership
from roadahead.profiles import rules

register = template.Library()


@register.filter
def can_view_profiles(membership: Membership | None) -> bool:
    """For the pupil page: only roles that may open a pupil's profile see the section's links."""
    return rules.can_view_profiles(membership)
