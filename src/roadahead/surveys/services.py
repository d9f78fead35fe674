"""Writes for the stakeholder survey: keyword-only, checked, one transaction, one audit entry.

Audit entries name surveys, questions and responses by id and count answers; they never copy an
answer, a question's wording or anything typed into a written answer.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.schools.models import AcademicYear, School
from roadahead.surveys.defaults import DEFAULT_QUESTIONS
from roadahead.surveys.enums import Group, Kind, Method, YesNo
from roadahead.surveys.models import Answer, Question, Response, Survey, SurveyLink

GROUP_FIELDS = tuple(f"for_{g}" for g in Group.values)
LONGEST_ANSWER = 2000


def _token() -> str:
    return secrets.token_urlsafe(24)


def _check_dates(survey: Survey) -> None:
    if survey.opens_on and survey.closes_on and survey.closes_on < survey.opens_on:
        raise ValidationError({"closes_on": _("The closing date must be on or after the opening date.")})


def _previous_survey(*, school: School, academic_year: AcademicYear) -> Survey | None:
    """The newest survey of an earlier year: its questions are the starting point."""
    return (Survey.objects.filter(school=school, academic_year__start_year__lt=academic_year.start_year)
            .order_by("-academic_year__start_year", "-opens_on", "-id").first())


@transaction.atomic
def start_survey(*, school: School, by: Any, academic_year: AcademicYear, title: str, opens_on: dt.date,
                 closes_on: dt.date) -> Survey:
    """A new survey with last year's questions (or the default set) and a link for each group."""
    if academic_year.school_id != school.pk:
        raise ValidationError({"academic_year": _("Choose one of this school's academic years.")})
    survey = Survey(school=school, academic_year=academic_year, title=title.strip(), opens_on=opens_on,
                    closes_on=closes_on)
    survey.full_clean()
    _check_dates(survey)
    survey.save()
    previous = _previous_survey(school=school, academic_year=academic_year)
    copied: list[Question] = []
    if previous is not None:
        for old in Question.objects.filter(school=school, survey=previous, is_active=True).order_by("order", "id"):
            copied.append(Question(school=school, survey=survey, text=old.text, kind=old.kind, order=len(copied) + 1,
                                   **{name: getattr(old, name) for name in GROUP_FIELDS}))
    if not copied:
        copied = [Question(school=school, survey=survey, text=d.text, kind=d.kind, order=index + 1,
                           **{f"for_{g}": g in d.groups for g in Group.values})
                  for index, d in enumerate(DEFAULT_QUESTIONS)]
    Question.objects.bulk_create(copied)
    SurveyLink.objects.bulk_create([SurveyLink(school=school, survey=survey, group=g, token=_token())
                                    for g in Group.values])
    log_action(school=school, user=by, action="survey.started", obj=survey,
               data={"questions": len(copied), "copied_from": previous.pk if previous else None})
    return survey


@transaction.atomic
def update_survey(*, survey: Survey, by: Any, title: str, opens_on: dt.date, closes_on: dt.date,
                  is_open: bool) -> Survey:
    survey.title, survey.opens_on, survey.closes_on, survey.is_open = title.strip(), opens_on, closes_on, is_open
    survey.full_clean()
    _check_dates(survey)
    survey.save()
    log_action(school=survey.school, user=by, action="survey.changed", obj=survey,
               data={"fields": ["title", "opens_on", "closes_on", "is_open"]})
    return survey


def _clean_question(question: Question) -> None:
    question.text = " ".join(question.text.split())
    question.full_clean()
    if not any(getattr(question, name) for name in GROUP_FIELDS):
        raise ValidationError({"for_pupils": _("Choose at least one group to ask.")})


@transaction.atomic
def add_question(*, survey: Survey, by: Any, text: str, kind: str, groups: list[str]) -> Question:
    last = Question.objects.filter(school=survey.school_id, survey=survey).order_by("-order").first()
    question = Question(school=survey.school, survey=survey, text=text, kind=kind,
                        order=(last.order + 1) if last else 1, **{f"for_{g}": g in groups for g in Group.values})
    _clean_question(question)
    question.save()
    log_action(school=survey.school, user=by, action="survey.question_added", obj=survey,
               data={"question": question.pk})
    return question


def has_answers(question: Question) -> bool:
    return Answer.objects.filter(school=question.school_id, question=question).exists()


@transaction.atomic
def update_question(*, question: Question, by: Any, text: str, kind: str, groups: list[str], order: int,
                    is_active: bool) -> Question:
    """Change a question. Once anyone has answered it, its wording, kind and groups stay as they
    were (the answers were given to that question); it can still be moved or switched off."""
    locked = has_answers(question)
    new_groups = {f"for_{g}": g in groups for g in Group.values}
    if locked and (" ".join(text.split()) != question.text or kind != question.kind
                   or any(getattr(question, k) != v for k, v in new_groups.items())):
        raise ValidationError(_("People have already answered this question, so its wording, kind of answer and "
                                "groups cannot change. Switch it off and add a new question instead."))
    question.text, question.kind, question.order, question.is_active = text, kind, order, is_active
    for name, value in new_groups.items():
        setattr(question, name, value)
    _clean_question(question)
    question.save()
    log_action(school=question.school, user=by, action="survey.question_changed", obj=question.survey,
               data={"question": question.pk, "is_active": is_active})
    return question


@transaction.atomic
def new_link(*, survey: Survey, group: str, by: Any) -> SurveyLink:
    """A fresh address for one group; the old one stops working at once."""
    if group not in Group.values:
        raise ValidationError(_("Choose a group."))
    link, _created = SurveyLink.objects.get_or_create(school=survey.school, survey=survey, group=group,
                                                      defaults={"token": _token()})
    if not _created:
        link.token = _token()
        link.save(update_fields=["token"])
    log_action(school=survey.school, user=by, action="survey.link_replaced", obj=survey, data={"group": group})
    return link


def questions_for(*, survey: Survey, group: str) -> list[Question]:
    """The questions one group is asked, in order."""
    return [q for q in Question.objects.filter(school=survey.school_id, survey=survey, is_active=True)
            .order_by("order", "id") if q.asks(group)]


def _answer(question: Question, value: Any) -> Answer | None:
    """The stored answer for a posted value, None for no answer; ValidationError for a bad one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    answer = Answer(school_id=question.school_id, question=question)
    if question.kind == Kind.RATING:
        try:
            rating = int(value)
        except (TypeError, ValueError):
            rating = 0
        if not 1 <= rating <= 5:
            raise ValidationError(_("Choose a number from 1 to 5."))
        answer.rating = rating
    elif question.kind == Kind.YES_NO:
        if value not in YesNo.values:
            raise ValidationError(_("Choose yes, no or not sure."))
        answer.choice = value
    else:
        text = str(value).strip()
        if len(text) > LONGEST_ANSWER:
            raise ValidationError(_("Please keep this answer under %(n)s characters.") % {"n": LONGEST_ANSWER})
        answer.text = text
    return answer


@transaction.atomic
def submit_response(*, survey: Survey, group: str, method: str, answers: Mapping[int, Any], as_of: dt.date,
                    by: Any = None) -> Response:
    """Store one person's answers, keyed by question id. Nothing about who they are is kept.

    Refused, with nothing written, when the survey is not taking answers on `as_of`, an answer is
    not one of the allowed ones, a question is not asked of the group, or nothing was answered.
    `by` is the member entering answers on someone's behalf (None through the link).
    """
    if group not in Group.values:
        raise ValidationError({"group": _("Choose who is answering.")})
    if method not in Method.values:
        raise ValidationError({"method": _("Choose how the answer was given.")})
    if not survey.accepts_answers(as_of):
        raise ValidationError(_("This survey is not taking answers."))
    asked = {q.pk: q for q in questions_for(survey=survey, group=group)}
    errors: dict[str, list[str]] = {}
    made: list[Answer] = []
    for question_id, value in answers.items():
        question = asked.get(int(question_id))
        if question is None:
            errors.setdefault("__all__", []).append(_("One of the answers is to a question this survey does not ask."))
            continue
        try:
            answer = _answer(question, value)
        except ValidationError as error:
            errors[f"q{question.pk}"] = error.messages
            continue
        if answer is not None:
            made.append(answer)
    if errors:
        raise ValidationError(errors)
    if not made:
        raise ValidationError(_("Answer at least one question before sending."))
    response = Response(school=survey.school, survey=survey, group=group, method=method, answered_on=as_of)
    response.full_clean()
    response.save()
    for answer in made:
        answer.response = response
    Answer.objects.bulk_create(made)
    log_action(school=survey.school, user=by, action="survey.response_added", obj=response,
               data={"survey": survey.pk, "group": group, "method": method, "answers": len(made)})
    return response
