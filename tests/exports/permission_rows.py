"""Who may reach the export page (gathered by tests/test_permissions.py): the careers leader only."""

from __future__ import annotations

from tests.permission_table import Row, careers_leader_only

ROWS: dict[str, Row] = {
    "exports:export": Row(careers_leader_only()),
}
