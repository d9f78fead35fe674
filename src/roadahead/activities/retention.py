"""Clearing what pupils said and staff noted at activities when leavers are anonymised (people/signals.py)."""

from __future__ import annotations

from typing import Any

from roadahead.activities.models import Participation, ParticipationRevision


def clear_free_text(*, school: Any, pupil_ids: list[int], **kwargs: Any) -> None:
    participations = Participation.objects.filter(school=school, pupil_id__in=pupil_ids)
    participations.update(response="", staff_note="")
    # Earlier versions of a participation hold the same words.
    ParticipationRevision.objects.filter(school=school, participation__in=participations).delete()
