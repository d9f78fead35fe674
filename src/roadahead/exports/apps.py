from __future__ import annotations

from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "roadahead.exports"
    label = "exports"
