from __future__ import annotations

from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "roadahead.skills"
    label = "skills"

    def ready(self) -> None:
        # Leavers' free text is cleared by each app that holds some (people/signals.py).
        from roadahead.people.signals import pupils_anonymised
        from roadahead.skills.retention import clear_free_text

        pupils_anonymised.connect(clear_free_text, dispatch_uid="skills.clear_free_text")
