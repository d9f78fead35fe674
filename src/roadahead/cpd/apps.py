from __future__ import annotations

from django.apps import AppConfig


class CpdConfig(AppConfig):
    name = "roadahead.cpd"
    label = "cpd"
    verbose_name = "Staff careers training"
