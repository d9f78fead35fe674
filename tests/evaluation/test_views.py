"""The self-evaluation pages as each role sees them."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.evaluation.enums import Status
from roadahead.evaluation.models import Action, Mark
from tests import factories
from tests.evaluation.helpers import achieve_benchmark, encounter, set_status, start

pytestmark = pytest.mark.django_db
BASE = "/s/oakfield/evaluation/"


def _as(client, member):
    client.force_login(member.user)
    return client


def test_detail_compares_with_last_term_and_states_the_cohort(client, world):
    autumn = start(world, term="autumn")
    set_status(autumn, "5.1", Status.IN_PROGRESS)
    spring = start(world, term="spring")
    achieve_benchmark(spring, 5)
    factories.EnrolmentFactory(pupil=factories.PupilFactory(school=world.school),
                               academic_year=world.class_group.academic_year, nc_year="3")
    page = _as(client, world.careers_leader).get(f"{BASE}{spring.pk}/").content.decode()
    assert "compared with Autumn 2025/26" in page
    assert "up 83" in page  # 17% to 100%
    assert "Year 7 to Year 14: 4 pupils" in page
    assert "1 pupil: Year 3 1" in page


def test_leader_sees_suggestions_without_links_to_pupils(client, world):
    encounter(world, dt.date(2025, 11, 4), world.pupils)
    evaluation = start(world)
    leader_page = _as(client, world.careers_leader).get(f"{BASE}{evaluation.pk}/").content.decode()
    assert "4 of 4 pupils" in leader_page
    assert "/coverage/benchmark/5/" in leader_page
    governor_page = _as(client, world.leader).get(f"{BASE}{evaluation.pk}/").content.decode()
    assert "Fewer than 5 pupils" in governor_page
    assert "/coverage/benchmark/" not in governor_page
    assert "Mark the criteria" not in governor_page
    for pupil in world.pupils:
        assert pupil.legal_surname not in governor_page


def test_marking_a_benchmark_confirms_each_criterion(client, world):
    evaluation = start(world)
    marks = Mark.objects.filter(evaluation=evaluation, criterion__benchmark__number=5)
    data = {"version": evaluation.version}
    for mark in marks:
        data[f"status_{mark.criterion_id}"] = Status.ACHIEVED
        data[f"evidence_{mark.criterion_id}"] = "Employer visits every term"
    response = _as(client, world.careers_leader).post(f"{BASE}{evaluation.pk}/benchmark/5/", data)
    assert response.status_code == 302
    assert set(marks.values_list("status", "confirmed")) == {(Status.ACHIEVED, True)}
    page = client.get(f"{BASE}{evaluation.pk}/summary/").content.decode()
    assert "Benchmark 5" in page
    assert "Employer visits every term" in page


def test_summary_csv_guards_formulas_and_lists_every_criterion(client, world):
    evaluation = start(world)
    Mark.objects.filter(evaluation=evaluation, criterion__code="1.1").update(evidence="=HYPERLINK(1)")
    response = _as(client, world.class_teacher).get(f"{BASE}{evaluation.pk}/summary.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == Mark.objects.filter(evaluation=evaluation).count()
    assert rows[0]["criterion"] == "1.1"
    assert rows[0]["evidence"] == "'=HYPERLINK(1)"
    assert rows[0]["status"] == "Not started"


def test_class_staff_and_advisers_read_the_summary_only(client, world):
    evaluation = start(world)
    for member in (world.class_teacher, world.adviser):
        _as(client, member)
        assert client.get(f"{BASE}summary/").status_code == 200
        assert client.get(f"{BASE}{evaluation.pk}/").status_code == 403
        assert client.get(f"{BASE}actions/").status_code == 403


def test_apply_suggestions_keeps_confirmed_statuses(client, world):
    encounter(world, dt.date(2025, 11, 4), world.pupils)
    evaluation = start(world)
    set_status(evaluation, "5.1", Status.NOT_STARTED, confirmed=True)
    _as(client, world.careers_leader).post(f"{BASE}{evaluation.pk}/suggestions/")
    assert Mark.objects.get(evaluation=evaluation, criterion__code="5.1").status == Status.NOT_STARTED
    page = client.get(f"{BASE}{evaluation.pk}/").content.decode()
    assert "(differs from your confirmed status)" in page


def test_action_plan_shows_overdue(client, world):
    evaluation = start(world)
    _as(client, world.careers_leader).post(f"{BASE}actions/new/", {
        "benchmark": 5, "description": "Book the bakery", "owner_text": "Enterprise adviser", "due_on": "01/02/2026"})
    page = client.get(f"{BASE}actions/").content.decode()
    assert "Book the bakery" in page
    assert "Overdue" in page
    assert "1 action is overdue." in page
    assert "Book the bakery" in client.get(f"{BASE}{evaluation.pk}/").content.decode()


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["list", "detail", "summary", "actions"])
def test_query_count_does_not_grow_with_pupils_evaluations_or_actions(client, world, page):
    first = start(world, term="autumn")
    urls = {"list": BASE, "detail": f"{BASE}{first.pk}/", "summary": f"{BASE}{first.pk}/summary/",
            "actions": f"{BASE}actions/"}
    _as(client, world.careers_leader)
    client.get(urls[page])
    few = _count(client, urls[page])
    start(world, term="spring")
    year = world.class_group.academic_year
    for _ in range(10):
        factories.EnrolmentFactory(pupil=factories.PupilFactory(school=world.school), academic_year=year,
                                   nc_year="9")
    for number in (1, 5, 8):
        client.post(f"{BASE}actions/new/", {"benchmark": number, "description": "Do it", "owner_text": "Someone"})
    encounter(world, dt.date(2025, 11, 4), world.pupils)
    assert _count(client, urls[page]) == few


def test_changing_the_cohort_changes_the_statement(client, world):
    evaluation = start(world)
    response = _as(client, world.careers_leader).post(f"{BASE}{evaluation.pk}/cohort/", {
        "cohort_from": "11", "cohort_to": "14", "cohort_note": "Key stage 4 and post 16", "version": 1})
    assert response.status_code == 302
    page = client.get(f"{BASE}{evaluation.pk}/").content.decode()
    assert "Year 11 to Year 14: 0 pupils" in page
    assert "4 pupils: Year 10 4" in page


def test_a_stale_benchmark_form_is_refused_with_a_message(client, world):
    evaluation = start(world)
    mark = Mark.objects.get(evaluation=evaluation, criterion__code="1.1")
    data = {"version": 1}
    for other in Mark.objects.filter(evaluation=evaluation, criterion__benchmark__number=1):
        data[f"status_{other.criterion_id}"] = Status.IN_PROGRESS
        data[f"evidence_{other.criterion_id}"] = ""
    _as(client, world.careers_leader)
    assert client.post(f"{BASE}{evaluation.pk}/benchmark/1/", data).status_code == 302
    data[f"status_{mark.criterion_id}"] = Status.ACHIEVED
    page = client.post(f"{BASE}{evaluation.pk}/benchmark/1/", data).content.decode()
    assert "Someone else changed this evaluation after you opened it" in page
    assert Mark.objects.get(pk=mark.pk).status == Status.IN_PROGRESS


def test_an_action_is_changed_and_marked_done(client, world):
    start(world)
    _as(client, world.careers_leader).post(f"{BASE}actions/new/", {
        "benchmark": 8, "description": "Book the adviser", "owner_member": world.careers_leader.pk})
    action = Action.objects.get()
    client.post(f"{BASE}actions/{action.pk}/edit/", {
        "benchmark": 8, "description": "Book the adviser for Year 11", "owner_member": world.careers_leader.pk,
        "due_on": "20/03/2026", "version": action.version})
    client.post(f"{BASE}actions/{action.pk}/done/")
    action.refresh_from_db()
    assert action.description == "Book the adviser for Year 11"
    assert action.done_on == dt.date(2026, 3, 10)
    page = client.get(f"{BASE}actions/").content.decode()
    assert "0 actions are overdue." in page
