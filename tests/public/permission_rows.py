"""Who may reach the careers page editor, its preview and the published page (gathered by
tests/test_permissions.py). The published page needs no sign-in: everyone gets it."""

from __future__ import annotations

from tests.permission_table import Objects, Row, all_roles, careers_leader_only
from tests.public.helpers import make_page


def _published(objects: Objects, role: str) -> dict[str, str]:
    make_page(objects.world)
    return {"slug": objects.world.school.slug}


EVERYONE = {**all_roles(200), "anonymous": 200, "other_school": 200}

ROWS: dict[str, Row] = {
    "public:edit": Row(careers_leader_only()),
    "public:copy_html": Row(careers_leader_only(302)),
    "public:preview": Row({"careers_leader": 200, "class_teacher": 403, "adviser": 403, "leader": 200}),
    "careers:page": Row(EVERYONE, _published, school=False),
    "careers:easy_read": Row(EVERYONE, _published, school=False),
}
