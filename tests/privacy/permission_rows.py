"""Who may reach subject access and erasure (gathered by tests/test_permissions.py): the careers leader only."""

from __future__ import annotations

from tests.permission_table import Row, careers_leader_only


def _pupil(objects, role):
    return {"pupil_pk": objects.world.adviser_pupils[0].pk}


ROWS: dict[str, Row] = {
    "privacy:subject_access": Row(careers_leader_only(), _pupil),
    "privacy:erase": Row(careers_leader_only(), _pupil),
}
