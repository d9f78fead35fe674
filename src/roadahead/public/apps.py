from __future__ import annotations

from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "roadahead.public"
    label = "public"
