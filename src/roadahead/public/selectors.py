"""Reads for the public careers page. The public views run without sign-in, so they find the
school by its slug and then read inside that school's scope only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roadahead.events.models import Event
from roadahead.public.models import PublicPage
from roadahead.schools.models import School

UPCOMING_LIMIT = 10


@dataclass(frozen=True)
class UpcomingEvent:
    """Only what the public may see about an event: never who went or any pupil."""

    title: str
    date: dt.date
    end_date: dt.date | None
    for_whom: str


def page_for(*, school: School) -> PublicPage | None:
    return PublicPage.objects.filter(school=school).first()


def published_page(*, school: School) -> PublicPage | None:
    return PublicPage.objects.filter(school=school, published=True).first()


def upcoming_events(*, school: School, today: dt.date, limit: int = UPCOMING_LIMIT) -> list[UpcomingEvent]:
    rows = (Event.objects.filter(school=school, activity__school=school, activity__date__gte=today)
            .order_by("activity__date", "activity_id")
            .values_list("activity__title", "activity__date", "activity__end_date", "invited")[:limit])
    return [UpcomingEvent(title, date, end, invited) for title, date, end, invited in rows]
