"""The survey API: the list and one survey's summary, small groups withheld for governors."""

from __future__ import annotations

import pytest

from roadahead.surveys.enums import Group, Kind
from tests.surveys.helpers import answer, make_survey, question

pytestmark = pytest.mark.django_db


def _answered(world):
    survey = make_survey(world)
    answer(survey, Group.STAFF, {question(survey, Group.STAFF): 4,
                                 question(survey, Group.STAFF, Kind.TEXT): "Secret comment"}, times=5)
    answer(survey, Group.EMPLOYERS, {question(survey, Group.EMPLOYERS): 2}, times=2)
    return survey


def test_list_gives_responses_per_group(world, other_world, api_as):
    survey = _answered(world)
    make_survey(other_world, title="Their survey")
    body = api_as("careers_leader").get("/surveys").json()
    assert [s["title"] for s in body] == ["Careers review"]
    groups = {g["group"]: g["responses"] for g in body[0]["groups"]}
    assert groups == {"pupils": 0, "families": 0, "employers": 2, "staff": 5}
    assert body[0]["id"] == survey.pk
    assert body[0]["academic_year"] == 2025


def test_governor_gets_small_groups_withheld_and_never_comments(world, api_as):
    survey = _answered(world)
    response = api_as("leader").get(f"/surveys/{survey.pk}")
    assert response.status_code == 200
    body = response.json()
    groups = {g["group"]: g for g in body["groups"]}
    assert groups["employers"]["responses"] is None
    assert groups["employers"]["suppressed"]
    employers = [q for q in body["questions"] if q["group"] == "employers"]
    assert all(q["average"] is None for q in employers)
    staff = next(q for q in body["questions"] if q["id"] == question(survey, Group.STAFF).pk and q["group"] == "staff")
    assert (staff["average"], staff["share_positive"], staff["answered"]) == (4, 1, 5)
    assert "Secret comment" not in response.content.decode()


def test_careers_leader_sees_small_groups(world, api_as):
    survey = _answered(world)
    body = api_as("careers_leader").get(f"/surveys/{survey.pk}").json()
    employers = next(q for q in body["questions"] if q["group"] == "employers" and q["kind"] == "rating")
    assert employers["average"] == 2


def test_adviser_is_refused_and_other_schools_survey_is_404(world, other_world, api_as):
    theirs = make_survey(other_world)
    assert api_as("adviser").get("/surveys").status_code == 403
    assert api_as("careers_leader").get(f"/surveys/{theirs.pk}").status_code == 404
