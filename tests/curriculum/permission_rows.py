"""Who may reach the curriculum pages (gathered by tests/test_permissions.py)."""

from __future__ import annotations

from roadahead.curriculum.models import Scheme, Subject
from tests.permission_table import Objects, Row, all_roles, careers_leader_only


def _subject(objects: Objects, role: str) -> dict[str, int]:
    return {"pk": Subject.objects.create(school=objects.world.school, name="Science").pk}


def _scheme(objects: Objects, role: str) -> dict[str, int]:
    subject = Subject.objects.create(school=objects.world.school, name="Science")
    scheme = Scheme.objects.create(school=objects.world.school, subject=subject, title="Forces",
                                   careers_statement="Engineers use forces.", first_year="7", last_year="9")
    return {"pk": scheme.pk}


ROWS: dict[str, Row] = {
    "curriculum:programme": Row(all_roles(200)),
    "curriculum:grid": Row(all_roles(200)),
    "curriculum:scheme_list": Row(all_roles(200)),
    "curriculum:activities": Row(all_roles(200)),
    "curriculum:scheme_detail": Row(all_roles(200), _scheme),
    "curriculum:scheme_create": Row({"careers_leader": 200, "class_teacher": 200, "adviser": 403, "leader": 403}),
    "curriculum:scheme_edit": Row(careers_leader_only(), _scheme),
    "curriculum:subject_list": Row(all_roles(200)),
    "curriculum:subject_create": Row(careers_leader_only()),
    "curriculum:subject_edit": Row(careers_leader_only(), _subject),
}
