from __future__ import annotations

from django.apps import AppConfig


class EntitlementsConfig(AppConfig):
    name = "roadahead.entitlements"
    label = "entitlements"
