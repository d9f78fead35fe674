"""Who may reach the destination pages (gathered by tests/test_permissions.py).

The adviser's pupil is also in the class teacher's class this year and left in February, so the
careers leader, class staff and the adviser may all open their destination; senior leaders and
governors see figures only (the report). Adviser scoping for unassigned leavers is tested in
tests/destinations/test_views.py.
"""

from __future__ import annotations

from roadahead.destinations.models import CheckIn
from tests.destinations.factories import destination, leave
from tests.permission_table import Objects, Row, careers_leader_only

PUPIL = {"careers_leader": 200, "class_teacher": 200, "adviser": 200, "leader": 403}
REPORT = {"careers_leader": 200, "class_teacher": 403, "adviser": 403, "leader": 200}


def _leaver(objects: Objects, role: str) -> dict[str, int]:
    return {"pupil_pk": leave(objects.world.adviser_pupils[0]).pk}


def _destination(objects: Objects, role: str) -> dict[str, int]:
    return {"pk": destination(objects.world.adviser_pupils[0]).pk}


def _check_in(objects: Objects, role: str) -> dict[str, int]:
    made = destination(objects.world.adviser_pupils[0])
    return {"pk": CheckIn.objects.filter(school=made.school, pupil=made.pupil, number=1).get().pk}


ROWS: dict[str, Row] = {
    "destinations:list": Row(PUPIL),
    "destinations:check_ins": Row(PUPIL),
    "destinations:report": Row(REPORT),
    "destinations:export": Row(careers_leader_only()),
    "destinations:retention": Row(careers_leader_only()),
    "destinations:anonymise": Row(careers_leader_only(302), method="post"),
    "destinations:pupil": Row(PUPIL, _leaver),
    "destinations:fragment": Row(PUPIL, _leaver),
    "destinations:record": Row(PUPIL, _leaver),
    "destinations:edit": Row(PUPIL, _destination),
    "destinations:override": Row(careers_leader_only(), _destination),
    "destinations:check_in": Row(PUPIL, _check_in),
    # The destination import lives in imports, beside the pupil and activity imports.
    "imports:upload_destinations": Row(careers_leader_only()),
}
