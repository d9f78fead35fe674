"""Clearing career profiles when leavers are anonymised (people/signals.py): the words, the plans'
aims, My future and its pictures (files too). Kinds, sources and destination categories stay."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from roadahead.people.signals import REMOVED
from roadahead.profiles import images
from roadahead.profiles.models import MyFuture, Picture, ProfileEntry, TransitionPlan


def clear_free_text(*, school: Any, pupil_ids: list[int], **kwargs: Any) -> None:
    ProfileEntry.objects.filter(school=school, pupil_id__in=pupil_ids).update(text=REMOVED, end_reason="")
    TransitionPlan.objects.filter(school=school, pupil_id__in=pupil_ids).update(
        pupil_aim="", family_aim="", school_aim="", plan="")
    MyFuture.objects.filter(school=school, pupil_id__in=pupil_ids).delete()
    pictures = Picture.objects.filter(school=school, pupil_id__in=pupil_ids)
    names = list(pictures.values_list("file_name", flat=True))
    pictures.delete()
    # The files go only once the anonymising has been saved.
    transaction.on_commit(lambda: [images.remove(name) for name in names])
