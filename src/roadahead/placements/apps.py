from __future__ import annotations

from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    name = "roadahead.placements"
    label = "placements"

    def ready(self) -> None:
        # Leavers' free text is cleared by each app that holds some (people/signals.py).
        from roadahead.people.signals import pupils_anonymised
        from roadahead.placements.retention import clear_free_text

        pupils_anonymised.connect(clear_free_text, dispatch_uid="placements.clear_free_text")
