"""Who may reach the placement pages (gathered by tests/test_permissions.py).

Rows use the adviser's assigned pupil, who is also in the class teacher's class, so each role
sees what its role allows; tests/placements/test_views.py covers pupils a member may not see.
Senior leaders and governors see counts only.
"""

from __future__ import annotations

from typing import Any

from roadahead.placements import services
from tests.permission_table import Objects, Row, all_roles, careers_leader_only
from tests.placements.factories import assign, placement

READERS = {"careers_leader": 200, "class_teacher": 200, "adviser": 200, "leader": 403}


def _placement(objects: Objects, role: str) -> dict[str, Any]:
    world = objects.world
    made = placement(world)
    assign(world, made, world.adviser_pupils[0], rotate=3)
    return {"pk": made.pk}


def _assignment(objects: Objects, role: str) -> dict[str, Any]:
    world = objects.world
    return {"pk": assign(world, placement(world), world.adviser_pupils[0], rotate=3).pk}


def _session(objects: Objects, role: str) -> dict[str, Any]:
    world = objects.world
    made = placement(world)
    assign(world, made, world.adviser_pupils[0])
    return {"pk": services.generate_sessions(placement=made, by=world.careers_leader.user)[0].pk}


def _pupil(objects: Objects, role: str) -> dict[str, Any]:
    return {"pupil_pk": objects.world.adviser_pupils[0].pk}


ROWS: dict[str, Row] = {
    "placements:list": Row(all_roles(200)),
    "placements:create": Row(careers_leader_only()),
    "placements:detail": Row(READERS, _placement),
    "placements:edit": Row(careers_leader_only(), _placement),
    "placements:area_add": Row(careers_leader_only(), _placement),
    "placements:assign": Row(careers_leader_only(), _placement),
    "placements:sessions_make": Row(careers_leader_only(302), _placement, method="post"),
    "placements:assignment_remove": Row(careers_leader_only(302), _assignment, method="post"),
    "placements:session_record": Row({"careers_leader": 302, "class_teacher": 302, "adviser": 403, "leader": 403},
                                     _session, method="post"),
    "placements:report": Row(READERS, _assignment),
    "placements:report_edit": Row(careers_leader_only(), _assignment),
    "placements:report_pdf": Row(READERS, _assignment),
    "placements:pupil": Row(READERS, _pupil),
    # The pupil page asks every member for the fragment: governors get an empty answer.
    "placements:pupil_section": Row(all_roles(200), _pupil),
    "placements:provider_section": Row(all_roles(200), lambda o, r: {"pk": o.provider.pk}),
}
