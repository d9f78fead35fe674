"""Signals other apps listen to about pupils.

`pupils_anonymised` is sent (inside the transaction) when leavers' records are anonymised on the
school's retention schedule. Each app that keeps free text about pupils clears its own in a receiver
(`<app>/retention.py`, connected in its AppConfig.ready), so the app doing the anonymising need not
know every app above it. Arguments: `school`, `pupil_ids`.
"""

from __future__ import annotations

from django.dispatch import Signal

pupils_anonymised = Signal()

# What a required text field says once its words are gone.
REMOVED = "(removed when the record was anonymised)"
