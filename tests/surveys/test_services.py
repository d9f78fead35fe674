"""Starting surveys, changing questions and storing answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from roadahead.audit.models import AuditEntry
from roadahead.surveys import services
from roadahead.surveys.defaults import DEFAULT_QUESTIONS
from roadahead.surveys.enums import Group, Kind, Method
from roadahead.surveys.models import Answer, Question, Response
from tests.surveys.helpers import answer, make_survey, question

pytestmark = pytest.mark.django_db


def test_first_survey_starts_with_the_default_questions_and_a_link_per_group(world):
    survey = make_survey(world)
    texts = list(Question.objects.filter(survey=survey).order_by("order").values_list("text", flat=True))
    assert texts == [d.text for d in DEFAULT_QUESTIONS]
    tokens = {link.group: link.token for link in survey.links.all()}
    assert set(tokens) == set(Group.values)
    assert len(set(tokens.values())) == 4
    assert all(len(t) >= 32 for t in tokens.values())


def test_next_years_survey_copies_last_years_questions_not_switched_off(world):
    first = make_survey(world, start_year=2024, opens_on=dt.date(2025, 6, 1), closes_on=dt.date(2025, 6, 30))
    services.add_question(survey=first, by=None, text="Did the café visit help?", kind=Kind.YES_NO,
                          groups=[Group.PUPILS])
    dropped = question(first, Group.STAFF)
    services.update_question(question=dropped, by=None, text=dropped.text, kind=dropped.kind, groups=dropped.groups,
                             order=dropped.order, is_active=False)
    second = make_survey(world)
    texts = set(Question.objects.filter(survey=second).values_list("text", flat=True))
    assert "Did the café visit help?" in texts
    assert dropped.text not in texts


def test_closing_date_before_opening_is_refused(world):
    with pytest.raises(ValidationError, match="closing date"):
        make_survey(world, opens_on=dt.date(2026, 3, 20), closes_on=dt.date(2026, 3, 1))


def test_answered_question_wording_is_locked_but_it_can_be_switched_off(world):
    survey = make_survey(world)
    asked = question(survey, Group.FAMILIES)
    services.update_question(question=asked, by=None, text="How well do we tell you about careers?",
                             kind=asked.kind, groups=asked.groups, order=asked.order, is_active=True)
    answer(survey, Group.FAMILIES, {asked: 4})
    with pytest.raises(ValidationError, match="already answered"):
        services.update_question(question=asked, by=None, text="Something else", kind=asked.kind,
                                 groups=asked.groups, order=asked.order, is_active=True)
    services.update_question(question=asked, by=None, text=asked.text, kind=asked.kind, groups=asked.groups,
                             order=asked.order, is_active=False)
    asked.refresh_from_db()
    assert asked.text == "How well do we tell you about careers?"
    assert not asked.is_active


def test_question_needs_a_group(world):
    survey = make_survey(world)
    with pytest.raises(ValidationError, match="at least one group"):
        services.add_question(survey=survey, by=None, text="Anything?", kind=Kind.TEXT, groups=[])


def test_answers_are_stored_with_group_method_and_day_only(world):
    survey = make_survey(world)
    rating, text = question(survey, Group.FAMILIES), question(survey, Group.FAMILIES, Kind.TEXT)
    response = services.submit_response(survey=survey, group=Group.FAMILIES, method=Method.SUPPORTED,
                                        answers={rating.pk: "5", text.pk: "More visits please"},
                                        as_of=dt.date(2026, 3, 10), by=world.class_teacher.user)
    assert {f.name for f in Response._meta.get_fields()} == {"id", "school", "survey", "group", "method",
                                                           "answered_on", "answers"}
    assert set(Answer.objects.filter(response=response).values_list("rating", "text")) == {
        (None, "More visits please"), (5, "")}
    entry = AuditEntry.objects.filter(action="survey.response_added").latest("id")
    assert "More visits" not in str(entry.data)


@pytest.mark.parametrize(("kind", "value", "message"), [
    (Kind.RATING, "9", "1 to 5"), (Kind.YES_NO, "maybe", "yes, no or not sure")])
def test_bad_answer_is_refused_and_nothing_is_written(world, kind, value, message):
    survey = make_survey(world)
    good = question(survey, Group.STAFF)
    bad = question(survey, Group.STAFF, kind)
    answers = {good.pk: 4, bad.pk: value} if good != bad else {bad.pk: value}
    with pytest.raises(ValidationError, match=message):
        services.submit_response(survey=survey, group=Group.STAFF, method=Method.ONLINE, answers=answers,
                                 as_of=dt.date(2026, 3, 10))
    assert not Response.objects.filter(survey=survey).exists()
    assert not Answer.objects.filter(response__survey=survey).exists()


def test_question_for_another_group_or_closed_survey_is_refused(world):
    survey = make_survey(world)
    staff_only = question(survey, Group.STAFF)
    with pytest.raises(ValidationError, match="does not ask"):
        services.submit_response(survey=survey, group=Group.PUPILS, method=Method.ONLINE,
                                 answers={staff_only.pk: 3}, as_of=dt.date(2026, 3, 10))
    with pytest.raises(ValidationError, match="not taking answers"):
        services.submit_response(survey=survey, group=Group.STAFF, method=Method.ONLINE,
                                 answers={staff_only.pk: 3}, as_of=dt.date(2026, 4, 1))
    with pytest.raises(ValidationError, match="at least one"):
        services.submit_response(survey=survey, group=Group.STAFF, method=Method.ONLINE,
                                 answers={staff_only.pk: ""}, as_of=dt.date(2026, 3, 10))
    assert not Response.objects.filter(survey=survey).exists()


def test_new_link_stops_the_old_one(world):
    survey = make_survey(world)
    old = survey.links.get(group=Group.FAMILIES).token
    services.new_link(survey=survey, group=Group.FAMILIES, by=world.careers_leader.user)
    assert survey.links.get(group=Group.FAMILIES).token != old
    assert survey.links.get(group=Group.STAFF).token
