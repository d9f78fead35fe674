"""The demo's self-evaluations: three terms with improving percentages, and an action plan."""

from __future__ import annotations

import random

import pytest

from roadahead.demo.evaluation import record_evaluation
from roadahead.evaluation import selectors
from roadahead.evaluation.models import Action, Evaluation, Mark
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_three_terms_improve_and_the_plan_has_done_open_and_overdue_actions(world):
    record_evaluation(school=world.school, today=TODAY, rng=random.Random(7))  # noqa: S311 (invented data)
    rows = selectors.history(school=world.school)
    assert [(r.evaluation.start_year, r.evaluation.term) for r in rows] == [
        (2024, "summer"), (2025, "autumn"), (2025, "spring")]
    totals = [sum(s.percent for s in r.scores.values()) for r in rows]
    assert totals[0] < totals[1] <= totals[2]
    assert all(r.evaluation.cohort_from == "7" for r in rows)
    newest = rows[-1].evaluation
    assert not Mark.objects.filter(evaluation=newest, criterion__benchmark__number=1, confirmed=False).exists()
    assert Mark.objects.filter(evaluation=newest, criterion__benchmark__number=8, confirmed=False).exists()
    plan = selectors.actions(school=world.school)
    assert {a.done_on is not None for a in plan} == {True, False}
    assert any(selectors.is_overdue(a, TODAY) for a in plan)


def test_recording_twice_adds_nothing(world):
    record_evaluation(school=world.school, today=TODAY, rng=random.Random(7))  # noqa: S311 (invented data)
    counts = (Evaluation.objects.count(), Action.objects.count())
    record_evaluation(school=world.school, today=TODAY, rng=random.Random(8))  # noqa: S311 (invented data)
    assert (Evaluation.objects.count(), Action.objects.count()) == counts
