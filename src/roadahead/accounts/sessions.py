"""The session engine (SESSION_ENGINE = "roadahead.accounts.sessions"): Django's database sessions,
with each row noting whose session it is, so ending a person's sessions is one DELETE."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore


class SessionStore(DatabaseStore):
    @classmethod
    def get_model_class(cls) -> Any:
        from roadahead.accounts.models import Session

        return Session

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        instance = super().create_model_instance(data)
        try:
            instance.user_id = int(data.get(SESSION_KEY))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            instance.user_id = None
        return instance
