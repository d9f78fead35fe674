"""Who may reach the skills pages (gathered by tests/test_permissions.py).

Pupil pages use the adviser's pupil, who is also in the class teacher's class, so every recording
role may open them; governors see only the cohort summary. Unassigned pupils are walked in
tests/skills/test_scoping.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from roadahead.skills.models import Assessment, Framework, Skill
from roadahead.skills.services import ensure_default_frameworks
from tests.permission_table import Objects, Row, all_roles, careers_leader_only

RECORDERS = {"careers_leader": 200, "class_teacher": 200, "adviser": 200, "leader": 403}


def _defaults(objects: Objects) -> None:
    ensure_default_frameworks(school=objects.world.school, audit=False)


def _pupil(objects: Objects, role: str) -> dict[str, Any]:
    _defaults(objects)
    return {"pupil_pk": objects.world.adviser_pupils[0].pk}


def _framework(objects: Objects, role: str) -> dict[str, Any]:
    _defaults(objects)
    return {"pk": Framework.objects.get(school=objects.world.school, code="essential-skills").pk}


def _skill(objects: Objects, role: str) -> dict[str, Any]:
    _defaults(objects)
    return {"pk": Skill.objects.get(school=objects.world.school, code="listening").pk}


def _own_assessment(objects: Objects, role: str) -> dict[str, Any]:
    _defaults(objects)
    world = objects.world
    made = Assessment.objects.create(
        school=world.school, pupil=world.adviser_pupils[0], step=4, date=dt.date(2026, 2, 2),
        skill=Skill.objects.get(school=world.school, code="listening"), assessed_by=getattr(world, role))
    return {"pk": made.pk}


def _group(objects: Objects, role: str) -> dict[str, Any]:
    _defaults(objects)
    return {"by": "year", "key": "10"}


ROWS: dict[str, Row] = {
    "skills:cohort": Row({"careers_leader": 200, "class_teacher": 200, "adviser": 403, "leader": 200},
                         lambda o, r: _defaults(o) or {}),
    "skills:cohort_pupils": Row({"careers_leader": 200, "class_teacher": 200, "adviser": 403, "leader": 403},
                                _group),
    "skills:class": Row({"careers_leader": 200, "class_teacher": 200, "adviser": 403, "leader": 403}),
    "skills:export": Row(RECORDERS),
    "skills:pupil": Row(RECORDERS, _pupil),
    "skills:pupil_summary": Row(RECORDERS, _pupil),
    "skills:record": Row(RECORDERS, _pupil),
    "skills:remove": Row({"careers_leader": 302, "class_teacher": 302, "adviser": 302, "leader": 403},
                         _own_assessment, method="post"),
    "skills:frameworks": Row(all_roles(200), lambda o, r: _defaults(o) or {}),
    "skills:framework_edit": Row(careers_leader_only(), _framework),
    "skills:skill_add": Row(careers_leader_only(), _framework),
    "skills:skill_edit": Row(careers_leader_only(), _skill),
}
