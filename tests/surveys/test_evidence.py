"""The self-evaluation's Benchmark 1 criterion about reviewing the programme with feedback (1.6)
is suggested from this academic year's stakeholder survey."""

from __future__ import annotations

import pytest

from roadahead.evaluation import selectors
from roadahead.evaluation.enums import Status
from roadahead.surveys.enums import Group, Kind
from tests.evaluation.helpers import TODAY, start
from tests.surveys.helpers import answer, make_survey, question

pytestmark = pytest.mark.django_db


def _feedback_suggestion(evaluation):
    marks = selectors.marks_of(evaluation)
    found = selectors.suggestions_for(evaluation=evaluation, marks=marks, today=TODAY)
    return next(found.get(m.criterion_id) for m in marks if m.criterion.code == "1.6")


def test_no_survey_is_not_started(world, other_world):
    survey = make_survey(other_world)  # another school's survey does not count
    for group in Group.values:
        answer(survey, group, {question(survey, group, Kind.TEXT): "Fine"})
    found = _feedback_suggestion(start(world))
    assert found.status == Status.NOT_STARTED
    assert found.figure == "No stakeholder survey this academic year."


def test_some_groups_is_in_progress_and_all_four_achieved_with_a_link_to_results(world):
    survey = make_survey(world)
    evaluation = start(world)
    answer(survey, Group.PUPILS, {question(survey, Group.PUPILS, Kind.YES_NO): "yes"})
    answer(survey, Group.STAFF, {question(survey, Group.STAFF): 4})
    partial = _feedback_suggestion(evaluation)
    assert partial.status == Status.IN_PROGRESS
    assert "none yet from parents and carers, employers and providers" in partial.figure
    for group in (Group.FAMILIES, Group.EMPLOYERS):
        answer(survey, group, {question(survey, group): 5})
    done = _feedback_suggestion(evaluation)
    assert done.status == Status.ACHIEVED
    assert done.url == f"/s/oakfield/surveys/{survey.pk}/"


def test_last_years_survey_does_not_count(world):
    import datetime as dt
    old = make_survey(world, start_year=2024, opens_on=dt.date(2025, 6, 1), closes_on=dt.date(2025, 6, 30))
    for group in Group.values:
        answer(old, group, {question(old, group, Kind.TEXT): "Fine"})
    assert _feedback_suggestion(start(world)).status == Status.NOT_STARTED
