"""The self-evaluation API: evaluations, criteria with statuses, the action plan."""

from __future__ import annotations

import datetime as dt

import pytest

from roadahead.evaluation import services
from roadahead.evaluation.enums import Status
from tests.evaluation.helpers import achieve_benchmark, set_status, start

pytestmark = pytest.mark.django_db


def test_list_gives_each_terms_percentages(world, api_as):
    autumn = start(world, term="autumn")
    set_status(autumn, "5.1", Status.IN_PROGRESS)
    spring = start(world, term="spring")
    achieve_benchmark(spring, 5)
    body = api_as("class_teacher").get("/evaluations").json()
    assert [(e["id"], e["term"], e["cohort"]) for e in body] == [
        (autumn.pk, "autumn", "Year 7 to Year 14"), (spring.pk, "spring", "Year 7 to Year 14")]
    five = next(b for b in body[1]["benchmarks"] if b["benchmark"] == 5)
    assert (five["percent"], five["achieved"]) == (100, 3)
    assert body[1]["fully_achieved"] == 1


def test_detail_has_criteria_previous_scores_and_cohort_counts(world, api_as):
    autumn = start(world, term="autumn")
    spring = start(world, term="spring")
    set_status(spring, "8.1", Status.ACHIEVED)
    body = api_as("leader").get(f"/evaluations/{spring.pk}").json()
    assert body["previous_id"] == autumn.pk
    assert body["cohort_counts"] == {"on_roll": 4, "in_cohort": 4, "outside_cohort": 0}
    criterion = next(c for c in body["criteria"] if c["code"] == "8.1")
    assert (criterion["benchmark"], criterion["status"], criterion["confirmed"]) == (8, "achieved", True)
    assert len(body["previous_benchmarks"]) == 8


def test_another_schools_evaluation_is_not_found(world, other_world, api_as):
    theirs = start(other_world)
    assert api_as("careers_leader").get(f"/evaluations/{theirs.pk}").status_code == 404


def test_action_plan_for_leaders_not_for_class_staff_or_advisers(world, api_as):
    benchmark = services.ensure_criteria(school=world.school)[0].benchmark
    services.create_action(school=world.school, by=None, benchmark=benchmark, description="Publish the programme",
                           owner_text="Headteacher", due_on=dt.date(2026, 1, 31))
    body = api_as("leader").get("/evaluations/actions").json()
    assert [(a["benchmark"], a["owner"], a["overdue"]) for a in body] == [(1, "Headteacher", True)]
    assert api_as("class_teacher").get("/evaluations/actions").status_code == 403
    assert api_as("adviser").get("/evaluations/actions").status_code == 403
