from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadahead.audit.models import AuditEntry
from roadahead.reviews.enums import PfaArea, ProgressLevel
from roadahead.reviews.models import AnnualReview, PfaOutcome, PfaProgress
from tests import factories
from tests.conftest import TODAY
from tests.reviews.factories import outcome, progress, review

pytestmark = pytest.mark.django_db

PUPIL_URLS = ("pupil", "summary", "review_create", "outcome_create", "contribution", "contribution_pdf",
              "epep", "epep_pdf", "epep_csv")
REVIEW_URLS = ("review_edit", "review_progress")
OUTCOME_URLS = ("outcome_edit", "outcome_progress")


def _as(client, member):
    client.force_login(member.user)
    return client


def _url(name, world, **kwargs):
    return reverse(f"reviews:{name}", kwargs={"school_slug": world.school.slug, **kwargs})


@pytest.mark.parametrize("role", ["class_teacher", "adviser"])
def test_a_pupil_the_member_may_not_see_is_404_on_every_url(client, world, role):
    hidden = world.pupils[1]  # in the other class and assigned to no adviser
    hidden.looked_after = True
    hidden.save()
    made = review(hidden, due=dt.date(2026, 3, 2), held=dt.date(2026, 3, 3))
    item = outcome(hidden)
    _as(client, getattr(world, role))
    for name in PUPIL_URLS:
        assert client.get(_url(name, world, pupil_pk=hidden.pk)).status_code == 404, name
        assert client.post(_url(name, world, pupil_pk=hidden.pk), {}).status_code in {404, 405}, name
    for name in REVIEW_URLS:
        assert client.get(_url(name, world, pk=made.pk)).status_code in {403, 404}, name
        assert client.post(_url(name, world, pk=made.pk), {"date_due": "01/03/2026"}).status_code in {403, 404}
    for name in OUTCOME_URLS:
        assert client.get(_url(name, world, pk=item.pk)).status_code in {403, 404}, name
        assert client.post(_url(name, world, pk=item.pk), {"level": "secure", "date": "09/03/2026"}
                           ).status_code in {403, 404}
    assert PfaProgress.objects.count() == 0
    due = client.get(_url("due_list", world)).content.decode()
    assert hidden.legal_surname not in due


def test_adviser_reaches_their_assigned_pupil_and_records_progress(client, world):
    mine = world.adviser_pupils[0]
    item = outcome(mine)
    _as(client, world.adviser)
    assert client.get(_url("pupil", world, pupil_pk=mine.pk)).status_code == 200
    response = client.post(_url("outcome_progress", world, pk=item.pk),
                           {"date": "09/03/2026", "level": ProgressLevel.DEVELOPING, "note": "Asked about forklifts"})
    assert response.status_code == 302
    entry = PfaProgress.objects.get()
    assert entry.recorded_by == world.adviser
    assert entry.level == ProgressLevel.DEVELOPING


def test_governor_sees_counts_and_no_names(client, world):
    world.pupils[0].ehcp_next_review = TODAY - dt.timedelta(days=2)
    world.pupils[0].save()
    page = _as(client, world.leader).get(_url("due_list", world)).content.decode()
    assert 'id="due-counts"' in page
    assert world.pupils[0].legal_surname not in page
    assert world.pupils[0].forename not in page


def test_governor_pupil_page_has_no_review_section(client, world):
    page = _as(client, world.leader).get(
        reverse("people:pupil_detail", kwargs={"school_slug": "oakfield", "pk": world.pupils[0].pk})).content.decode()
    assert "EHCP annual review</h2>" not in page


def test_due_list_shows_overdue_first_with_days_late(client, world):
    late = world.pupils[2]
    late.ehcp_next_review = TODAY - dt.timedelta(days=3)
    late.save()
    page = _as(client, world.careers_leader).get(_url("due_list", world), {"status": "overdue"}).content.decode()
    assert late.sort_name in page
    assert "3 days late" in page
    assert world.pupils[0].sort_name not in page


def test_due_list_query_count_is_fixed(client, world):
    _as(client, world.careers_leader)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url("due_list", world)).status_code == 200
        return len(queries)

    count()  # the first request after signing in also loads the session and user
    one = count()
    for i in range(12):
        pupil = factories.PupilFactory(school=world.school, ehcp_next_review=TODAY + dt.timedelta(days=i))
        factories.EnrolmentFactory(pupil=pupil, academic_year=world.class_group.academic_year, nc_year="9",
                                   class_group=world.class_group)
    assert count() == one


def test_pupil_page_query_count_does_not_depend_on_reviews(client, world):
    pupil = world.pupils[0]
    url = reverse("people:pupil_detail", kwargs={"school_slug": "oakfield", "pk": pupil.pk})
    _as(client, world.careers_leader)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        assert _url("summary", world, pupil_pk=pupil.pk) in page
        return len(queries)

    count()  # the first request after signing in also loads the session and user
    before = count()
    review(pupil, due=dt.date(2025, 3, 2), held=dt.date(2025, 3, 3))
    for area in PfaArea:
        progress(outcome(pupil, area=area), day=dt.date(2026, 1, 5))
    assert count() == before


def test_summary_fragment_warns_when_overdue_and_sums_up_pfa(client, world):
    pupil = world.pupils[0]
    pupil.ehcp_next_review = TODAY - dt.timedelta(days=1)
    pupil.save()
    progress(outcome(pupil), day=dt.date(2026, 1, 5), level=ProgressLevel.ACHIEVED)
    page = _as(client, world.class_teacher).get(_url("summary", world, pupil_pk=pupil.pk)).content.decode()
    assert "is overdue" in page
    assert 'id="pfa-summary"' in page
    assert "Employment and education" in page


def test_recording_a_review_through_the_form_updates_the_pupil(client, world):
    pupil = world.pupils[0]
    _as(client, world.class_teacher)
    response = client.post(_url("review_create", world, pupil_pk=pupil.pk), {
        "date_due": "02/03/2026", "date_held": "04/03/2026", "attendees": "Dad; Oak class teacher",
        "pupil_views": "Pointed to the bakery photo", "outcome": "maintain", "next_review_due": "", "then": "progress"})
    made = AnnualReview.objects.get()
    assert response["Location"] == _url("review_progress", world, pk=made.pk)
    pupil.refresh_from_db()
    assert pupil.ehcp_last_review == dt.date(2026, 3, 4)
    assert pupil.ehcp_next_review == dt.date(2027, 3, 4)
    assert made.recorded_by == world.class_teacher


def test_form_shows_the_services_errors_beside_the_field(client, world):
    pupil = world.pupils[0]
    review(pupil, due=dt.date(2025, 11, 1))
    page = _as(client, world.careers_leader).post(_url("review_create", world, pupil_pk=pupil.pk), {
        "date_due": "01/06/2026", "outcome": ""}).content.decode()
    assert "already has a review for 2025/26" in page
    assert AnnualReview.objects.count() == 1


def test_stale_review_edit_is_refused_on_the_form(client, world):
    made = review(world.pupils[0], due=dt.date(2026, 3, 2))
    _as(client, world.careers_leader)
    form = {"date_due": "02/03/2026", "notes": "Mine", "outcome": "", "version": made.version}
    made.notes = "Theirs"
    made.version += 1
    made.save()
    page = client.post(_url("review_edit", world, pk=made.pk), form).content.decode()
    assert "Someone else changed this review" in page
    made.refresh_from_db()
    assert made.notes == "Theirs"


def test_progress_at_the_review_form_records_each_outcome(client, world):
    pupil = world.pupils[0]
    held = review(pupil, due=dt.date(2026, 3, 2), held=dt.date(2026, 3, 3))
    work, health = outcome(pupil), outcome(pupil, area=PfaArea.HEALTH, text="Walks to the shop with staff")
    _as(client, world.careers_leader)
    page = client.get(_url("review_progress", world, pk=held.pk)).content.decode()
    assert "Walks to the shop with staff" in page
    response = client.post(_url("review_progress", world, pk=held.pk), {
        f"level_{work.pk}": "secure", f"note_{work.pk}": "Did both tasters", f"level_{health.pk}": ""})
    assert response.status_code == 302
    assert list(PfaProgress.objects.values_list("outcome_id", "level", "date")) == [
        (work.pk, "secure", dt.date(2026, 3, 3))]


def test_outcome_form_for_a_pupil_below_year_9_sends_them_back(client, world):
    young = factories.PupilFactory(school=world.school, date_of_birth=dt.date(2015, 1, 1))
    factories.EnrolmentFactory(pupil=young, academic_year=world.class_group.academic_year, nc_year="6")
    _as(client, world.careers_leader)
    response = client.get(_url("outcome_create", world, pupil_pk=young.pk))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Preparing for Adulthood is part of the review from Year 9." in page


def test_adding_an_outcome_through_the_form(client, world):
    pupil = world.pupils[0]
    _as(client, world.careers_leader)
    response = client.post(_url("outcome_create", world, pupil_pk=pupil.pk), {
        "area": "independent_living", "kind": "target", "text": "Makes a hot drink safely", "set_on": "09/03/2026",
        "review": ""})
    assert response.status_code == 302
    made = PfaOutcome.objects.get()
    assert (made.area, made.kind, made.pupil) == ("independent_living", "target", pupil)
    page = client.get(_url("pupil", world, pupil_pk=pupil.pk)).content.decode()
    assert "Makes a hot drink safely" in page
    assert AuditEntry.objects.filter(action="ehcp_review.pupil_viewed", pupil_id=pupil.pk).exists()


def test_epep_only_for_looked_after_pupils(client, world):
    _as(client, world.careers_leader)
    assert client.get(_url("epep", world, pupil_pk=world.pupils[0].pk)).status_code == 404


def test_epep_csv_is_safe_for_spreadsheets_and_names_no_one_in_the_file_name(client, world):
    pupil = world.pupils[0]
    pupil.looked_after = True
    pupil.save()
    outcome(pupil, text="=Works in a cafe two mornings")
    response = _as(client, world.careers_leader).get(_url("epep_csv", world, pupil_pk=pupil.pk))
    text = response.content.decode("utf-8-sig")
    assert "'=Works in a cafe two mornings" in text
    assert "Keep working towards" in text
    assert pupil.legal_surname not in response["Content-Disposition"]
    assert AuditEntry.objects.filter(action="epep.exported", pupil_id=pupil.pk).exists()


def test_pupil_reviews_page_warns_when_overdue_and_lists_reviews_newest_first(client, world):
    pupil = world.pupils[0]
    review(pupil, due=dt.date(2024, 3, 1), held=dt.date(2024, 3, 4), attendees="Mum")
    review(pupil, due=dt.date(2025, 3, 1), held=dt.date(2025, 3, 3), attendees="Dad", next_review_due=TODAY
           - dt.timedelta(days=2))
    page = _as(client, world.careers_leader).get(_url("pupil", world, pupil_pk=pupil.pk)).content.decode()
    assert 'id="overdue-warning"' in page
    assert "8 March 2026" in page
    assert page.index("2024/25") < page.index("2023/24")
