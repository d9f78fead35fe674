"""The demo's surveys: one per recorded year, answers from every group, a few groups small."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from roadahead.demo.surveys import record_surveys
from roadahead.standing.coverage import SUPPRESS_BELOW
from roadahead.surveys import selectors
from roadahead.surveys.enums import Group
from roadahead.surveys.models import Survey

pytestmark = pytest.mark.django_db


def test_demo_surveys_have_every_group_and_some_small_groups(world):
    today = dt.date(2026, 3, 10)
    record_surveys(school=world.school, today=today, rng=random.Random(7))  # noqa: S311
    surveys = list(Survey.objects.filter(school=world.school).select_related("academic_year")
                   .order_by("academic_year__start_year"))
    assert [s.academic_year.start_year for s in surveys] == [2024, 2025]
    assert not surveys[0].is_open
    assert surveys[1].accepts_answers(today)
    rows = {row.survey.pk: row.responses for row in selectors.survey_rows(school=world.school)}
    for survey in surveys:
        assert all(rows[survey.pk][g] > 0 for g in Group.values)
    sizes = [n for counts in rows.values() for n in counts.values()]
    assert any(n < SUPPRESS_BELOW for n in sizes)
    assert any(n >= 10 for n in sizes)
    results = selectors.results(survey=surveys[1], suppress=False, with_comments=True)
    assert results.last_year == surveys[0]
    compared = [r for g in results.groups for r in g.questions if r.last_year is not None]
    assert compared
    record_surveys(school=world.school, today=today, rng=random.Random(7))  # noqa: S311
    assert Survey.objects.filter(school=world.school).count() == 2
