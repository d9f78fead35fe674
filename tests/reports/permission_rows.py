"""Who may reach the reports (gathered by tests/test_permissions.py).

The governors' report and the Ofsted pack: careers leaders and senior leaders. A pupil's careers
record: whoever may open the pupil's page (the adviser's pupil is in the class teacher's class, so
every role may). The cohort summary: careers leaders, senior leaders and class staff.
"""

from __future__ import annotations

from tests.permission_table import Objects, Row, all_roles

SCHOOL_REPORTS = {"careers_leader": 200, "class_teacher": 403, "adviser": 403, "leader": 200}
COHORT = {"careers_leader": 200, "class_teacher": 200, "adviser": 403, "leader": 200}


def _pupil(objects: Objects, role: str) -> dict[str, int]:
    return {"pupil_pk": objects.world.adviser_pupils[0].pk}


ROWS: dict[str, Row] = {
    "reports:index": Row(all_roles(200)),
    "reports:governors": Row(SCHOOL_REPORTS),
    "reports:governors_pdf": Row(SCHOOL_REPORTS),
    "reports:ofsted": Row(SCHOOL_REPORTS),
    "reports:ofsted_pdf": Row(SCHOOL_REPORTS),
    "reports:pupil": Row(all_roles(200), _pupil),
    "reports:pupil_pdf": Row(all_roles(200), _pupil),
    "reports:cohort": Row(COHORT),
    "reports:cohort_pdf": Row(COHORT),
}
