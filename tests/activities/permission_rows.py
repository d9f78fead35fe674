"""Who may reach the activities pages (gathered by tests/test_permissions.py)."""

from __future__ import annotations

from tests.permission_table import Row

ROWS: dict[str, Row] = {}
