"""Who may reach the standing pages (gathered by tests/test_permissions.py)."""

from __future__ import annotations

from roadahead.benchmarks.services import ensure_benchmarks
from tests.permission_table import Objects, Row, all_roles

ROWS: dict[str, Row] = {
    # The adviser's pupil is also in the class teacher's class, so every role may see where they stand.
    "pupil_standing:page": Row(all_roles(200), lambda o, r: {"pupil_pk": o.world.adviser_pupils[0].pk}),
    "pupil_standing:fragment": Row(all_roles(200), lambda o, r: {"pupil_pk": o.world.adviser_pupils[0].pk}),
    # The grid and "who still needs what": every member, each seeing only their own pupils; the CSV
    # file is for those who may export whole-school files.
    "standing:grid": Row(all_roles(200)),
    "standing:needs": Row(all_roles(200)),
    "standing:export": Row({"careers_leader": 200, "class_teacher": 403, "adviser": 403, "leader": 200}),
    # Benchmark coverage: every member, counting only the pupils they may see.
    "coverage:overview": Row(all_roles(200)),
    "coverage:trend": Row(all_roles(200)),
    "coverage:equity": Row(all_roles(200)),
    "coverage:pupils": Row(all_roles(200), lambda o, r: _benchmark_five(o)),
}


def _benchmark_five(objects: Objects) -> dict[str, int]:
    ensure_benchmarks(school=objects.world.school)
    return {"number": 5}
