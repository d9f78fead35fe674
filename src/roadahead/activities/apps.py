from __future__ import annotations

from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "roadahead.activities"
    label = "activities"

    def ready(self) -> None:
        # Leavers' free text is cleared by each app that holds some (people/signals.py).
        from roadahead.activities.retention import clear_free_text
        from roadahead.people.signals import pupils_anonymised

        pupils_anonymised.connect(clear_free_text, dispatch_uid="activities.clear_free_text")
