"""Clearing individual transition visits' notes when leavers are anonymised (people/signals.py)."""

from __future__ import annotations

from typing import Any

from roadahead.transition.models import TransitionVisit


def clear_free_text(*, school: Any, pupil_ids: list[int], **kwargs: Any) -> None:
    TransitionVisit.objects.filter(school=school, pupil_id__in=pupil_ids).update(companions_note="", next_steps="")
