"""The termly self-evaluation against the Gatsby Benchmarks: evaluations, their criteria and
statuses, and the action plan.

Every member may read the evaluations and their criteria (the benchmark summary: no pupils are
named in it). The action plan is for careers leaders, senior leaders and governors; class staff and
careers advisers get 403 for it. An evaluation of another school answers 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from roadahead.api.common import membership_of, require
from roadahead.audit.services import log_action
from roadahead.evaluation import rules, selectors
from roadahead.evaluation.enums import Status
from roadahead.evaluation.models import Evaluation
from roadahead.schools.enums import TermName

router = Router(tags=["evaluation"])

StatusName = Literal[tuple(Status.values)]  # type: ignore[valid-type]
TermNameValue = Literal[tuple(TermName.values)]  # type: ignore[valid-type]


class BenchmarkScoreOut(Schema):
    benchmark: int
    percent: int = Field(description="Achieved criteria count 1, in progress a half, over all the benchmark's "
                                     "criteria; rounded half up.")
    achieved: int
    in_progress: int
    not_started: int


class EvaluationOut(Schema):
    id: int
    start_year: int = Field(description="The academic year's first calendar year: 2025 for 2025/26.")
    term: TermNameValue
    cohort_from: str = Field(description="The first NC year of the cohort judged; blank with cohort_to for "
                                         "every pupil on roll.")
    cohort_to: str
    cohort: str = Field(description="The cohort in words.")
    benchmarks: list[BenchmarkScoreOut]
    fully_achieved: int = Field(description="How many benchmarks are at 100%.")


class CriterionOut(Schema):
    code: str
    benchmark: int
    text: str
    status: StatusName
    confirmed: bool = Field(description="Whether the careers leader has confirmed the status.")
    evidence: str


class CohortOut(Schema):
    on_roll: int
    in_cohort: int
    outside_cohort: int = Field(description="Pupils on roll not in the cohort: counted, never dropped.")


class EvaluationDetailOut(EvaluationOut):
    previous_id: int | None = Field(description="The evaluation before this one, to compare with.")
    previous_benchmarks: list[BenchmarkScoreOut]
    cohort_counts: CohortOut
    criteria: list[CriterionOut]


class ActionOut(Schema):
    id: int
    benchmark: int
    description: str
    owner: str
    due_on: dt.date | None
    done_on: dt.date | None
    overdue: bool
    evaluation_id: int | None


def _scores(found: dict[int, selectors.Score]) -> list[dict[str, Any]]:
    return [{"benchmark": s.benchmark, "percent": s.percent, "achieved": s.achieved,
             "in_progress": s.in_progress, "not_started": s.not_started} for s in found.values()]


def _out(row: selectors.EvaluationScores) -> dict[str, Any]:
    e = row.evaluation
    return {"id": e.pk, "start_year": e.start_year, "term": e.term, "cohort_from": e.cohort_from,
            "cohort_to": e.cohort_to, "cohort": selectors.cohort_label(e.cohort_from, e.cohort_to),
            "benchmarks": _scores(row.scores), "fully_achieved": row.fully_achieved}


def _history(request: HttpRequest) -> list[selectors.EvaluationScores]:
    membership = require(request, rules.can_view_summary)
    return selectors.history(school=membership.school)


@router.get("/evaluations", response=list[EvaluationOut], summary="The school's self-evaluations, oldest first")
def list_evaluations(request: HttpRequest) -> list[dict[str, Any]]:
    """Each term's evaluation with its percentage per benchmark."""
    return [_out(row) for row in _history(request)]


@router.get("/evaluations/actions", response=list[ActionOut], summary="The action plan, by benchmark")
def list_actions(request: HttpRequest) -> list[dict[str, Any]]:
    """Every action, by benchmark, open ones first by due date; `overdue` when open past its due date."""
    membership = require(request, rules.can_view_evaluation)
    today = timezone.localdate()
    return [{"id": a.pk, "benchmark": a.benchmark.number, "description": a.description, "owner": a.owner_label,
             "due_on": a.due_on, "done_on": a.done_on, "overdue": selectors.is_overdue(a, today),
             "evaluation_id": a.evaluation_id} for a in selectors.actions(school=membership.school)]


@router.get("/evaluations/{evaluation_id}", response=EvaluationDetailOut,
            summary="One self-evaluation with every criterion's status and evidence")
def get_evaluation(request: HttpRequest, evaluation_id: int) -> dict[str, Any]:
    rows = _history(request)
    membership = membership_of(request)
    index = next((i for i, r in enumerate(rows) if r.evaluation.pk == evaluation_id), None)
    if index is None:
        raise HttpError(404, _("Not found."))
    row = rows[index]
    evaluation: Evaluation = row.evaluation
    marks = selectors.marks_of(evaluation)
    period = selectors.period_of(evaluation, today=timezone.localdate())
    statement = selectors.cohort_statement(evaluation, day=period.end)
    log_action(school=membership.school, user=request.user, action="evaluation.read", obj=evaluation,
               data={"api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return {**_out(row), "previous_id": rows[index - 1].evaluation.pk if index else None,
            "previous_benchmarks": _scores(rows[index - 1].scores) if index else [],
            "cohort_counts": {"on_roll": statement.on_roll, "in_cohort": statement.in_cohort,
                              "outside_cohort": statement.outside_total},
            "criteria": [{"code": m.criterion.code, "benchmark": m.criterion.benchmark.number,
                          "text": m.criterion.text, "status": m.status, "confirmed": m.confirmed,
                          "evidence": m.evidence} for m in marks]}
