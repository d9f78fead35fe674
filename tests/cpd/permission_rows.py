"""Who may reach the staff careers training pages (gathered by tests/test_permissions.py).

Each role's row edits a record of its own: the careers leader may change anyone's, class staff
their own; advisers and governors change none.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from roadahead.cpd.models import CpdRecord
from tests.permission_table import Objects, Row, all_roles


def _own_record(objects: Objects, role: str) -> dict[str, int]:
    record = CpdRecord.objects.create(school=objects.world.school, member=getattr(objects.world, role),
                                      date=dt.date(2026, 1, 20), title="SEND and careers", hours=Decimal("2"))
    return {"pk": record.pk}


ROWS: dict[str, Row] = {
    "cpd:list": Row(all_roles(200)),
    "cpd:create": Row({"careers_leader": 200, "class_teacher": 200, "adviser": 403, "leader": 403}),
    "cpd:edit": Row({"careers_leader": 200, "class_teacher": 200, "adviser": 403, "leader": 403}, _own_record),
    "cpd:delete": Row({"careers_leader": 302, "class_teacher": 302, "adviser": 403, "leader": 403}, _own_record,
                      method="post"),
}
