from __future__ import annotations

from django.apps import AppConfig


class StandingConfig(AppConfig):
    name = "roadahead.standing"
    label = "standing"
