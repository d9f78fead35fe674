from __future__ import annotations

from django.apps import AppConfig


class TransitionConfig(AppConfig):
    name = "roadahead.transition"
    label = "transition"
