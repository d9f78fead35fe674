"""Clearing EHCP review notes and PfA outcomes' words when leavers are anonymised (people/signals.py)."""

from __future__ import annotations

from typing import Any

from roadahead.people.signals import REMOVED
from roadahead.reviews.models import AnnualReview, PfaOutcome, PfaProgress


def clear_free_text(*, school: Any, pupil_ids: list[int], **kwargs: Any) -> None:
    AnnualReview.objects.filter(school=school, pupil_id__in=pupil_ids).update(attendees="", pupil_views="", notes="")
    outcomes = PfaOutcome.objects.filter(school=school, pupil_id__in=pupil_ids)
    PfaProgress.objects.filter(school=school, outcome__in=outcomes).update(note="")
    outcomes.update(text=REMOVED)
