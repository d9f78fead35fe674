"""Who may reach the transition pages (gathered by tests/test_permissions.py).

Every row uses the adviser's assigned pupil, who is also in the class teacher's class, so each
role sees what its role allows; tests/transition/test_scoping.py covers pupils a member may not
see. Governors and senior leaders reach the figures only (and an empty pupil-page section).
"""

from __future__ import annotations

from typing import Any

from roadahead.transition.enums import VisitKind
from tests.permission_table import Objects, Row, all_roles, careers_leader_only
from tests.transition.factories import half, individual, pair

READERS = {"careers_leader": 200, "class_teacher": 200, "adviser": 200, "leader": 403}
RECORDERS = {"careers_leader": 200, "class_teacher": 200, "adviser": 403, "leader": 403}


def _pupil(objects: Objects, role: str) -> dict[str, Any]:
    return {"pupil_pk": objects.world.adviser_pupils[0].pk}


def _pair(objects: Objects, role: str) -> dict[str, Any]:
    world = objects.world
    return {"pk": pair(world.careers_leader, world.adviser_pupils).pk}


def _open_pair(objects: Objects, role: str) -> dict[str, Any]:
    world = objects.world
    return {"pk": pair(world.careers_leader, world.adviser_pupils, at_provider=None).pk, "kind": "at-provider"}


def _visit(objects: Objects, role: str) -> dict[str, Any]:
    world = objects.world
    return {"pk": individual(world.adviser_pupils[0], world.careers_leader).pk}


def _destination(objects: Objects, role: str) -> dict[str, Any]:
    world = objects.world
    made = pair(world.careers_leader, world.adviser_pupils)
    return {"pk": half(made, VisitKind.AT_PROVIDER).pk, "pupil_pk": world.adviser_pupils[0].pk}


ROWS: dict[str, Row] = {
    "transition:list": Row(READERS),
    "transition:providers": Row(READERS),
    "transition:pupils": Row(READERS),
    "transition:without": Row(READERS),
    "transition:summary": Row(all_roles(200)),
    "transition:pair_create": Row(RECORDERS),
    "transition:pair_detail": Row(READERS, _pair),
    "transition:pair_edit": Row(RECORDERS, _pair),
    "transition:pair_add_half": Row(RECORDERS, _open_pair),
    "transition:pair_delete": Row(careers_leader_only(), _pair),
    "transition:pupil": Row(READERS, _pupil),
    # The pupil page asks every member for the fragment: governors get an empty answer.
    "transition:pupil_section": Row(all_roles(200), _pupil),
    "transition:visit_create": Row(RECORDERS, _pupil),
    "transition:visit_detail": Row(READERS, _visit),
    "transition:visit_edit": Row(RECORDERS, _visit),
    "transition:visit_delete": Row(careers_leader_only(), _visit),
    "transition:destination": Row(RECORDERS, _destination),
}
