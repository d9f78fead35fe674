from __future__ import annotations

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "roadahead.events"
    label = "events"

    def ready(self) -> None:
        # Leavers' free text is cleared by each app that holds some (people/signals.py).
        from roadahead.events.retention import clear_free_text
        from roadahead.people.signals import pupils_anonymised

        pupils_anonymised.connect(clear_free_text, dispatch_uid="events.clear_free_text")
