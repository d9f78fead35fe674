"""Helpers that record guidance meetings through the service, as the pages do."""

from __future__ import annotations

import datetime as dt
from typing import Any

from roadahead.guidance import services
from roadahead.guidance.models import GuidanceMeeting
from roadahead.people.models import Membership, Pupil


def meeting(pupil: Pupil, adviser: Membership, day: dt.date = dt.date(2026, 2, 10), *,
            actions: list[services.ActionInput] | None = None, **values: Any) -> GuidanceMeeting:
    values = {"pupil_words": "I want to work with animals.", "discussed": "Farm college open day.", **values}
    return services.record_meeting(school=pupil.school, pupil=pupil, adviser=adviser, by=adviser.user, date=day,
                                   actions=actions or [], **values)


def action(description: str = "Visit the farm college", **values: Any) -> services.ActionInput:
    return services.ActionInput(description=description, **values)
