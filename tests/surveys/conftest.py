from __future__ import annotations

from tests.api.conftest import api_as  # noqa: F401 (a fixture pytest finds by name)
