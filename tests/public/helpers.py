"""A filled-in careers page for the tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from roadahead.public import services
from roadahead.public.models import PublicPage
from tests.conftest import SchoolWorld


def page_values(world: SchoolWorld, **values: Any) -> dict[str, Any]:
    slug = world.school.slug
    return {
        "leader_name": f"Robin {slug.title()}", "leader_email": f"careers@{slug}.example",
        "leader_phone": "01632 960000",
        "summary": f"The {slug} programme runs from Year 7 to Year 14.", "impact": "Termly self-evaluation.",
        "next_review_on": dt.date(2026, 9, 1), "guidance": "Ask the careers leader for a meeting.",
        "pal_how_to_ask": "Email the careers leader with dates.", "pal_contact": f"careers@{slug}.example",
        "pal_refusal_grounds": "Clashes with exams.", "pal_premises": "The hall and a quiet room.",
        "pal_times": "Tuesday afternoons.", "safeguarding": "Bring photo ID.",
        "easy_read": "We help you plan what to do next.", "published": True, **values,
    }


def make_page(world: SchoolWorld, **values: Any) -> PublicPage:
    services.save_page(school=world.school, by=world.careers_leader.user, **page_values(world, **values))
    return PublicPage.objects.get(school=world.school)
