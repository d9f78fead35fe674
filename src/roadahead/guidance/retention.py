"""Clearing guidance meetings' words when leavers are anonymised (people/signals.py); the meetings stay, for counts."""

from __future__ import annotations

from typing import Any

from roadahead.guidance.models import GuidanceAction, GuidanceMeeting
from roadahead.people.signals import REMOVED


def clear_free_text(*, school: Any, pupil_ids: list[int], **kwargs: Any) -> None:
    meetings = GuidanceMeeting.objects.filter(school=school, pupil_id__in=pupil_ids)
    meetings.update(support_notes="", pupil_words="", discussed="")
    GuidanceAction.objects.filter(school=school, meeting__in=meetings).update(description=REMOVED, owner_text="")
