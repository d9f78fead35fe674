"""The review-date warning, for any staff page that has `school` in its context (the school home
page includes it), so the schools app need not import this one."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from roadahead.public.models import PublicPage

register = template.Library()


@register.inclusion_tag("public/review_warning.html", takes_context=True)
def public_page_review_warning(context: Any, links: bool = False) -> dict[str, Any]:
    school = context.get("school")
    membership = context.get("membership")
    if school is None or membership is None:
        return {"show": False, "links": False}
    page = PublicPage.objects.filter(school=school).only("next_review_on").first()
    # Rendering happens inside the request, so reading today's date here is the view reading it.
    show = page is not None and page.review_overdue(timezone.localdate())
    return {"show": show, "page": page, "school": school, "can_edit": membership.role == "careers_leader",
            # Staff who look after the page find it from the home page (the tag's `links` argument).
            "links": links and membership.role in {"careers_leader", "leader"}}
