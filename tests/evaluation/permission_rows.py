"""Who may reach the self-evaluation pages (gathered by tests/test_permissions.py).

The careers leader works on evaluations; senior leaders and governors read them (aggregates
only); class staff and advisers read the summary only.
"""

from __future__ import annotations

import datetime as dt

from roadahead.evaluation import services
from tests.permission_table import Objects, Row, all_roles, careers_leader_only

READERS = {"careers_leader": 200, "class_teacher": 403, "adviser": 403, "leader": 200}


def _evaluation(objects: Objects, role: str) -> dict[str, int]:
    world = objects.world
    evaluation = services.create_evaluation(school=world.school, by=world.careers_leader.user, start_year=2025,
                                            term="spring", today=dt.date(2026, 3, 10), cohort_from="7")
    return {"pk": evaluation.pk}


def _benchmark(objects: Objects, role: str) -> dict[str, int]:
    return {**_evaluation(objects, role), "number": 5}


def _action(objects: Objects, role: str) -> dict[str, int]:
    world = objects.world
    benchmark = services.ensure_criteria(school=world.school)[0].benchmark
    action = services.create_action(school=world.school, by=world.careers_leader.user, benchmark=benchmark,
                                    description="Publish the programme", owner_member=world.careers_leader)
    return {"pk": action.pk}


ROWS: dict[str, Row] = {
    "evaluation:list": Row(READERS),
    "evaluation:create": Row(careers_leader_only()),
    "evaluation:latest_summary": Row(all_roles(200)),
    "evaluation:detail": Row(READERS, _evaluation),
    "evaluation:cohort": Row(careers_leader_only(), _evaluation),
    "evaluation:benchmark": Row(careers_leader_only(), _benchmark),
    "evaluation:apply_suggestions": Row(careers_leader_only(302), _evaluation, method="post"),
    "evaluation:summary": Row(all_roles(200), _evaluation),
    "evaluation:summary_csv": Row(all_roles(200), _evaluation),
    "evaluation:actions": Row(READERS),
    "evaluation:action_create": Row(careers_leader_only()),
    "evaluation:action_edit": Row(careers_leader_only(), _action),
    "evaluation:action_done": Row(careers_leader_only(302), _action, method="post"),
}
