"""Who may reach the EHCP review pages (gathered by tests/test_permissions.py).

Every pupil-level row uses the adviser's pupil, who is also in the class teacher's class, so the
role alone decides. Senior leaders and governors get counts on the list page and nothing pupil-level.
Unassigned and unseen pupils (404) are walked in tests/reviews/test_views.py.
"""

from __future__ import annotations

import datetime as dt

from tests.permission_table import Objects, Row
from tests.reviews.factories import outcome, review

READERS = {"careers_leader": 200, "class_teacher": 200, "adviser": 200, "leader": 403}
RECORDERS = {"careers_leader": 200, "class_teacher": 200, "adviser": 403, "leader": 403}


def _pupil(objects: Objects, role: str) -> dict[str, int]:
    return {"pupil_pk": objects.world.adviser_pupils[0].pk}


def _looked_after(objects: Objects, role: str) -> dict[str, int]:
    pupil = objects.world.adviser_pupils[0]
    pupil.looked_after = True
    pupil.save()
    return {"pupil_pk": pupil.pk}


def _review(objects: Objects, role: str) -> dict[str, int]:
    made = review(objects.world.adviser_pupils[0], due=dt.date(2026, 3, 2), held=dt.date(2026, 3, 3))
    outcome(objects.world.adviser_pupils[0])
    return {"pk": made.pk}


def _outcome(objects: Objects, role: str) -> dict[str, int]:
    return {"pk": outcome(objects.world.adviser_pupils[0]).pk}


ROWS: dict[str, Row] = {
    "reviews:due_list": Row({"careers_leader": 200, "class_teacher": 200, "adviser": 200, "leader": 200}),
    "reviews:pupil": Row(READERS, _pupil),
    "reviews:summary": Row(READERS, _pupil),
    "reviews:review_create": Row(RECORDERS, _pupil),
    "reviews:outcome_create": Row(RECORDERS, _pupil),
    "reviews:contribution": Row(READERS, _pupil),
    "reviews:contribution_pdf": Row(READERS, _pupil),
    "reviews:epep": Row(READERS, _looked_after),
    "reviews:epep_pdf": Row(READERS, _looked_after),
    "reviews:epep_csv": Row(READERS, _looked_after),
    "reviews:review_edit": Row(RECORDERS, _review),
    "reviews:review_progress": Row(READERS, _review),
    "reviews:outcome_edit": Row(RECORDERS, _outcome),
    "reviews:outcome_progress": Row(READERS, _outcome),
}
