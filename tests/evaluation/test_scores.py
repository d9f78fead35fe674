"""Percentages per benchmark: achieved counts 1, in progress a half, rounded half up."""

from __future__ import annotations

import pytest

from roadahead.evaluation.enums import Status
from roadahead.evaluation.selectors import Score, history, scores
from tests.evaluation.helpers import achieve_benchmark, set_status, start

A, P, N = Status.ACHIEVED, Status.IN_PROGRESS, Status.NOT_STARTED


@pytest.mark.parametrize(("achieved", "in_progress", "not_started", "percent"), [
    (0, 0, 3, 0), (3, 0, 0, 100), (1, 0, 2, 33), (2, 0, 1, 67), (1, 1, 0, 75), (0, 1, 3, 13),
    (1, 1, 1, 50), (0, 1, 0, 50), (2, 1, 3, 42), (0, 0, 0, 0),
])
def test_percent_counts_in_progress_as_half_and_rounds_half_up(achieved, in_progress, not_started, percent):
    assert Score(1, achieved, in_progress, not_started).percent == percent


def test_fully_achieved_only_when_every_criterion_is_achieved():
    assert Score(1, 3, 0, 0).fully_achieved
    assert not Score(1, 2, 1, 0).fully_achieved
    assert not Score(1, 0, 0, 0).fully_achieved


def test_scores_group_statuses_by_benchmark():
    result = scores([(5, A), (5, P), (5, N), (8, A)])
    assert result[5].percent == 50
    assert result[8].percent == 100


@pytest.mark.django_db
def test_history_is_oldest_first_with_each_terms_percentages(world):
    autumn = start(world, term="autumn")
    set_status(autumn, "5.1", P)
    spring = start(world, term="spring")
    achieve_benchmark(spring, 5)
    rows = history(school=world.school)
    assert [r.evaluation.pk for r in rows] == [autumn.pk, spring.pk]
    assert rows[0].scores[5].percent == 17  # one of three in progress
    assert rows[1].scores[5].percent == 100
    assert rows[1].fully_achieved == 1
