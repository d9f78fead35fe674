from __future__ import annotations

from django.apps import AppConfig


class LmiConfig(AppConfig):
    name = "roadahead.lmi"
    label = "lmi"
    verbose_name = "Labour market information"
