"""Building events for the tests (and the permission rows) without repeating the arguments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from roadahead.events import services
from roadahead.events.models import Event
from roadahead.providers.models import Provider
from tests import factories
from tests.conftest import SchoolWorld


def make_event(world: SchoolWorld, *, title: str = "Spring careers fair", date: dt.date = dt.date(2026, 3, 20),
               stallholders: int = 2, **values: Any) -> Event:
    # Events share the directory's stallholders, as at a real school.
    providers = [Provider.objects.filter(school=world.school, name=f"Stall {i}").first()
                 or factories.ProviderFactory(school=world.school, name=f"Stall {i}") for i in range(stallholders)]
    return services.create_event(school=world.school, by=world.careers_leader.user, title=title, date=date,
                                 stallholders=providers, invited="Families of all pupils", families_attended=0,
                                 purpose="Meet colleges and services", **values)


def make_link(world: SchoolWorld, event: Event | None = None, respondent: str = "family") -> str:
    event = event or make_event(world)
    _link, raw = services.make_feedback_link(event=event, respondent=respondent, label="Families",
                                             by=world.careers_leader.user, today=dt.date(2026, 3, 10))
    return raw
