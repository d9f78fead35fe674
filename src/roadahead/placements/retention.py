"""Clearing placement reports' words when leavers are anonymised (people/signals.py)."""

from __future__ import annotations

from typing import Any

from roadahead.placements.models import PlacementReport


def clear_free_text(*, school: Any, pupil_ids: list[int], **kwargs: Any) -> None:
    PlacementReport.objects.filter(school=school, assignment__pupil_id__in=pupil_ids).update(
        strengths="", achievements="", development="", employer_feedback="", reflection="", outcome_notes="")
