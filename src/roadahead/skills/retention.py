"""Clearing assessment evidence when leavers are anonymised (people/signals.py); the steps stay, for summaries."""

from __future__ import annotations

from typing import Any

from roadahead.skills.models import Assessment


def clear_free_text(*, school: Any, pupil_ids: list[int], **kwargs: Any) -> None:
    Assessment.objects.filter(school=school, pupil_id__in=pupil_ids).update(evidence="")
