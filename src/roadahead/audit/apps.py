from __future__ import annotations

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "roadahead.audit"
    label = "audit"

    def ready(self) -> None:
        # The schools app announces set-up changes by signal, since it may not import audit.
        from roadahead.audit import receivers

        receivers.connect()
