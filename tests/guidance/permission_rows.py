"""Who may reach the guidance pages (gathered by tests/test_permissions.py).

Every row uses the adviser's assigned pupil, who is also in the class teacher's class, so each
role sees the page its role allows; tests/guidance/test_scoping.py covers unassigned pupils.
Governors and senior leaders reach no pupil-level guidance.
"""

from __future__ import annotations

from typing import Any

from tests.guidance.factories import action, meeting
from tests.permission_table import Objects, Row

READERS = {"careers_leader": 200, "class_teacher": 200, "adviser": 200, "leader": 403}
RECORDERS = {"careers_leader": 200, "class_teacher": 403, "adviser": 200, "leader": 403}


def _pupil(objects: Objects, role: str) -> dict[str, Any]:
    return {"pupil_pk": objects.world.adviser_pupils[0].pk}


def _meeting(objects: Objects, role: str) -> dict[str, Any]:
    world = objects.world
    return {"pk": meeting(world.adviser_pupils[0], world.adviser, actions=[action()]).pk}


def _action(objects: Objects, role: str) -> dict[str, Any]:
    world = objects.world
    return {"pk": meeting(world.adviser_pupils[0], world.adviser, actions=[action()]).actions.get().pk}


ROWS: dict[str, Row] = {
    "guidance:due": Row(READERS),
    "guidance:export": Row(READERS),
    "guidance:overdue": Row(READERS),
    "guidance:actions": Row(READERS),
    "guidance:action_done": Row({"careers_leader": 302, "class_teacher": 302, "adviser": 302, "leader": 403},
                                _action, method="post"),
    "guidance:pupil": Row(READERS, _pupil),
    # The pupil page asks every member for the fragment: governors get an empty answer.
    "guidance:pupil_section": Row({"careers_leader": 200, "class_teacher": 200, "adviser": 200, "leader": 200},
                                  _pupil),
    "guidance:record": Row(RECORDERS, _pupil),
    "guidance:detail": Row(READERS, _meeting),
    "guidance:edit": Row(RECORDERS, _meeting),
    "guidance:delete": Row({"careers_leader": 200, "class_teacher": 403, "adviser": 403, "leader": 403}, _meeting),
}
