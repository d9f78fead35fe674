"""The stakeholder survey (Benchmark 1), read-only: the school's surveys and one survey's summary.

Careers leaders, class staff, senior leaders and governors may read them; careers advisers get
403. For senior leaders and governors a group with fewer than five responses, and a question
fewer than five answered, has its figures withheld (null, with `suppressed` true). Written
answers are never returned. A survey of another school answers 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from roadahead.api.common import require
from roadahead.audit.services import log_action
from roadahead.surveys import rules, selectors
from roadahead.surveys.enums import Group, Kind
from roadahead.surveys.models import Survey

router = Router(tags=["surveys"])

GroupName = Literal[tuple(Group.values)]  # type: ignore[valid-type]
KindName = Literal[tuple(Kind.values)]  # type: ignore[valid-type]


class GroupCountOut(Schema):
    group: GroupName
    label: str
    responses: int | None = Field(description="Null when withheld (fewer than five, for senior leaders).")
    suppressed: bool


class SurveyOut(Schema):
    id: int
    title: str
    academic_year: int = Field(description="The academic year's first calendar year: 2025 for 2025/26.")
    opens_on: dt.date
    closes_on: dt.date
    is_open: bool = Field(description="False when the careers leader stopped answers before the closing date.")
    groups: list[GroupCountOut]


class QuestionOut(Schema):
    id: int
    text: str
    kind: KindName
    group: GroupName
    answered: int | None = Field(description="How many in the group answered it; null when withheld.")
    average: float | None = Field(description="Mean rating from 1 to 5; null for yes/no questions or when withheld.")
    share_positive: float | None = Field(description="From 0 to 1: answers of 4 or 5, or yes.")
    last_year_share_positive: float | None = Field(description="The same wording in last year's survey.")
    suppressed: bool


class SurveySummaryOut(SurveyOut):
    last_year_id: int | None
    questions: list[QuestionOut]


def _groups(counts: dict[str, int], suppress: bool) -> list[dict[str, Any]]:
    found = []
    for group in Group:
        n = counts.get(group.value, 0)
        hidden = suppress and n < selectors.SUPPRESS_BELOW
        found.append({"group": group.value, "label": str(group.label), "responses": None if hidden else n,
                      "suppressed": hidden})
    return found


def _survey(survey: Survey, counts: dict[str, int], suppress: bool) -> dict[str, Any]:
    return {"id": survey.pk, "title": survey.title, "academic_year": survey.academic_year.start_year,
            "opens_on": survey.opens_on, "closes_on": survey.closes_on, "is_open": survey.is_open,
            "groups": _groups(counts, suppress)}


@router.get("/surveys", response=list[SurveyOut], summary="The school's stakeholder surveys, newest first")
def list_surveys(request: HttpRequest) -> list[dict[str, Any]]:
    membership = require(request, rules.can_view_results)
    suppress = rules.sees_suppressed(membership)
    return [_survey(row.survey, row.responses, suppress) for row in selectors.survey_rows(school=membership.school)]


@router.get("/surveys/{survey_id}", response=SurveySummaryOut,
            summary="One survey's figures by group and question, with last year's where the wording matches")
def get_survey(request: HttpRequest, survey_id: int) -> dict[str, Any]:
    membership = require(request, rules.can_view_results)
    survey = Survey.objects.filter(school=membership.school, pk=survey_id).select_related("academic_year").first()
    if survey is None:
        raise HttpError(404, _("Not found."))
    suppress = rules.sees_suppressed(membership)
    found = selectors.results(survey=survey, suppress=suppress, with_comments=False)
    questions = []
    for group in found.groups:
        for row in group.questions:
            if row.is_text:
                continue
            last = row.last_year
            questions.append({
                "id": row.question.pk, "text": row.question.text, "kind": row.question.kind, "group": group.group,
                "answered": None if row.suppressed else row.answered, "suppressed": row.suppressed,
                "average": row.figures.average if row.figures else None,
                "share_positive": row.figures.share_positive if row.figures else None,
                "last_year_share_positive": last.share_positive if last else None})
    log_action(school=membership.school, user=request.user, action="survey.read", obj=survey,
               data={"api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return {**_survey(survey, {g.group: g.responses for g in found.groups}, suppress),
            "last_year_id": found.last_year.pk if found.last_year else None, "questions": questions}
