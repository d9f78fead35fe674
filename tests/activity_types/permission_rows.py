"""Who may reach the benchmark and activity type pages (gathered by tests/test_permissions.py)."""

from __future__ import annotations

from roadahead.activities.models import ActivityType
from roadahead.activities.services import ensure_activity_types
from roadahead.benchmarks.models import Benchmark
from tests.permission_table import Row, careers_leader_only


def _type(objects, role):
    ensure_activity_types(school=objects.world.school)
    return {"pk": ActivityType.objects.filter(school=objects.world.school).first().pk}


def _benchmark(objects, role):
    ensure_activity_types(school=objects.world.school)
    return {"pk": Benchmark.objects.get(school=objects.world.school, number=5).pk}


ROWS: dict[str, Row] = {
    "activity_types:list": Row({"careers_leader": 200, "class_teacher": 403, "adviser": 403, "leader": 200}),
    "activity_types:create": Row(careers_leader_only()),
    "activity_types:edit": Row(careers_leader_only(), _type),
    "activity_types:benchmark_edit": Row(careers_leader_only(), _benchmark),
}
