"""Who may reach the activity import and export pages (gathered by tests/test_permissions.py)."""

from __future__ import annotations

from tests.permission_table import Row, careers_leader_only

ROWS: dict[str, Row] = {
    "imports:upload_activities": Row(careers_leader_only()),
    # Senior leaders and governors may take the school's records away for reporting; class staff
    # and advisers see only some pupils, so a whole-school file is not theirs.
    "imports:export_activities": Row({"careers_leader": 200, "class_teacher": 403, "adviser": 403, "leader": 200}),
}
