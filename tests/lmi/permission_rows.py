"""Who may reach the labour market information pages (gathered by tests/test_permissions.py)."""

from __future__ import annotations

import datetime as dt

from roadahead.lmi.models import LmiFormat, LmiItem, LmiShare
from tests.permission_table import Objects, Row, all_roles

EDITORS = {"careers_leader": 200, "class_teacher": 200, "adviser": 403, "leader": 403}


def _item(objects: Objects) -> LmiItem:
    return LmiItem.objects.create(school=objects.world.school, received_on=dt.date(2026, 1, 12),
                                  source="Careers hub", title="Jobs in care")


def _item_pk(objects: Objects, role: str) -> dict[str, int]:
    return {"pk": _item(objects).pk}


def _share_pk(objects: Objects, role: str) -> dict[str, int]:
    share = LmiShare.objects.create(school=objects.world.school, item=_item(objects), shared_on=dt.date(2026, 2, 2),
                                    with_staff=True, format=LmiFormat.MEETING)
    return {"pk": share.pk}


ROWS: dict[str, Row] = {
    "lmi:list": Row(all_roles(200)),
    "lmi:detail": Row(all_roles(200), _item_pk),
    "lmi:create": Row(EDITORS),
    "lmi:edit": Row(EDITORS, _item_pk),
    "lmi:share_create": Row(EDITORS, _item_pk),
    "lmi:share_edit": Row(EDITORS, _share_pk),
    "lmi:share_delete": Row({"careers_leader": 302, "class_teacher": 302, "adviser": 403, "leader": 403},
                            _share_pk, method="post"),
}
