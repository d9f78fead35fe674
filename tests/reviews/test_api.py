from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.reviews.models import PfaProgress
from tests import factories
from tests.api.conftest import ApiClient, token_for
from tests.conftest import TODAY
from tests.reviews.factories import outcome, progress, review

pytestmark = pytest.mark.django_db


def _api(member, *, read_only=False):
    return ApiClient(token_for(member, read_only=read_only))


@pytest.mark.parametrize("role", ["class_teacher", "adviser"])
def test_every_reviews_endpoint_is_404_for_a_pupil_not_visible(world, role):
    hidden = world.pupils[1]
    made = review(hidden, due=dt.date(2026, 3, 2), held=dt.date(2026, 3, 3))
    item = outcome(hidden)
    api = _api(getattr(world, role))
    base = f"/pupils/{hidden.pk}"
    assert api.get(f"{base}/reviews").status_code == 404
    assert api.get(f"{base}/pfa-outcomes").status_code == 404
    assert api.post(f"{base}/reviews", {"date_due": "2026-06-01"}).status_code == 404
    assert api.patch(f"{base}/reviews", {"review_id": made.pk, "notes": "x"}).status_code == 404
    assert api.post(f"{base}/pfa-outcomes", {"area": "health", "text": "x", "set_on": "2026-03-01"}).status_code == 404
    assert api.post(f"{base}/pfa-progress", {"outcome_id": item.pk, "date": "2026-03-09",
                                             "level": "secure"}).status_code == 404
    assert PfaProgress.objects.count() == 0
    listed = api.get("/reviews").json()
    assert hidden.pk not in {row["pupil_id"] for row in listed}


def test_governor_gets_no_pupil_level_reviews(world):
    api = _api(world.leader, read_only=True)
    assert api.get("/reviews").status_code == 403
    assert api.get(f"/pupils/{world.pupils[0].pk}/reviews").status_code == 403


def test_recording_a_held_review_moves_the_pupils_dates(world):
    pupil = world.pupils[0]
    api = _api(world.class_teacher)
    response = api.post(f"/pupils/{pupil.pk}/reviews", {"date_due": "2026-03-02", "date_held": "2026-03-05",
                                                        "attendees": "Gran; Oak class teacher", "outcome": "amend"})
    assert response.status_code == 201
    body = response.json()
    assert body["next_review_due"] == "2027-03-05"
    assert body["academic_year"] == "2025/26"
    pupil.refresh_from_db()
    assert pupil.ehcp_last_review == dt.date(2026, 3, 5)
    assert _api(world.careers_leader).get(f"/pupils/{pupil.pk}").json()["ehcp_next_review"] == "2027-03-05"


def test_patch_with_an_old_version_is_409(world):
    made = review(world.pupils[0], due=dt.date(2026, 3, 2))
    api = _api(world.careers_leader)
    first = api.patch(f"/pupils/{world.pupils[0].pk}/reviews", {"review_id": made.pk, "version": 1, "notes": "A"})
    assert first.status_code == 200
    assert first.json()["version"] == 2
    second = api.patch(f"/pupils/{world.pupils[0].pk}/reviews", {"review_id": made.pk, "version": 1, "notes": "B"})
    assert second.status_code == 409


def test_missing_fields_are_422_with_the_form_messages(world):
    api = _api(world.careers_leader)
    response = api.post(f"/pupils/{world.pupils[0].pk}/reviews", {})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "date_due"]


def test_adviser_reads_outcomes_and_adds_progress_for_their_pupil(world):
    mine = world.adviser_pupils[0]
    item = outcome(mine)
    progress(item, day=dt.date(2025, 12, 1))
    api = _api(world.adviser)
    listed = api.get(f"/pupils/{mine.pk}/pfa-outcomes").json()
    assert [(o["area"], len(o["progress"])) for o in listed] == [("employment", 1)]
    response = api.post(f"/pupils/{mine.pk}/pfa-progress", {"outcome_id": item.pk, "date": TODAY.isoformat(),
                                                            "level": "developing", "note": "Visited the depot"})
    assert response.status_code == 201
    assert response.json()["recorded_by"] == "Careers Adviser"
    # Advisers record progress but not outcomes or reviews.
    assert api.post(f"/pupils/{mine.pk}/pfa-outcomes", {"area": "health", "text": "x",
                                                        "set_on": "2026-03-01"}).status_code == 403


def test_read_only_token_cannot_record(world):
    api = _api(world.careers_leader, read_only=True)
    assert api.post(f"/pupils/{world.pupils[0].pk}/reviews", {"date_due": "2026-06-01"}).status_code == 403


def test_due_list_filters_by_status(world):
    late = world.pupils[0]
    late.ehcp_next_review = TODAY - dt.timedelta(days=1)
    late.save()
    rows = _api(world.careers_leader).get("/reviews", status="overdue").json()
    assert rows == [{"pupil_id": late.pk, "upn": late.upn, "ehcp_last_review": None,
                     "next_review_due": (TODAY - dt.timedelta(days=1)).isoformat(), "status": "overdue",
                     "preparing_for_adulthood": True}]


def test_an_outcome_below_year_9_is_422(world):
    pupil = world.pupils[0]
    enrolment = pupil.enrolments.get()
    enrolment.nc_year = "8"
    enrolment.save()
    response = _api(world.careers_leader).post(f"/pupils/{pupil.pk}/pfa-outcomes", {
        "area": "employment", "text": "Tries a work taster", "set_on": "2026-03-01"})
    assert response.status_code == 422
    assert "Year 9" in response.json()["detail"][0]["msg"]


def test_due_list_query_count_is_the_same_for_one_or_many(world):
    api = _api(world.careers_leader)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/reviews").status_code == 200
        return len(queries)

    count()
    one = count()
    for i in range(10):
        pupil = factories.PupilFactory(school=world.school, ehcp_next_review=TODAY + dt.timedelta(days=i))
        factories.EnrolmentFactory(pupil=pupil, academic_year=world.class_group.academic_year, nc_year="12")
    assert count() == one
