"""Clearing event feedback about pupils when leavers are anonymised (people/signals.py)."""

from __future__ import annotations

from typing import Any

from roadahead.events.models import Feedback


def clear_free_text(*, school: Any, pupil_ids: list[int], **kwargs: Any) -> None:
    Feedback.objects.filter(school=school, pupil_id__in=pupil_ids).update(liked="", improve="", next_steps="")
