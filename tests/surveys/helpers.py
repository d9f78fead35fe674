"""Building surveys and answers for the survey tests."""

from __future__ import annotations

import datetime as dt

from roadahead.surveys import services
from roadahead.surveys.enums import Kind, Method
from roadahead.surveys.models import Question, Survey

TODAY = dt.date(2026, 3, 10)


def make_survey(world, *, start_year=2025, title="Careers review", opens_on=dt.date(2026, 3, 1),
                closes_on=dt.date(2026, 3, 31)) -> Survey:
    from roadahead.schools.services import ensure_academic_year
    year = ensure_academic_year(school=world.school, start_year=start_year)
    return services.start_survey(school=world.school, by=world.careers_leader.user, academic_year=year, title=title,
                                 opens_on=opens_on, closes_on=closes_on)


def question(survey: Survey, group: str, kind: str = Kind.RATING) -> Question:
    """The first question of this kind asked of this group."""
    return next(q for q in services.questions_for(survey=survey, group=group) if q.kind == kind)


def answer(survey: Survey, group: str, values: dict, *, times: int = 1, method: str = Method.ONLINE, as_of=None):
    """`times` responses from `group`, each answering {question: value}."""
    day = as_of or survey.opens_on
    return [services.submit_response(survey=survey, group=group, method=method,
                                     answers={q.pk: v for q, v in values.items()}, as_of=day)
            for _ in range(times)]
