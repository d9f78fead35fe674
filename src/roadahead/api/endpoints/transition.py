"""Transition visits: the same people, rules and audit trail as the web pages.

Careers leaders read and record for every pupil; class staff for their classes; careers advisers
read their assigned pupils' visits only; senior leaders and governors get 403 (their figures are
on the summary page). A pupil the caller may not see answers 404, as one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from roadahead.activities.enums import Attendance, Engagement, Reaction, ResponseMethod
from roadahead.api.common import field_problem, problems, require
from roadahead.api.schemas import Message, ValidationProblems
from roadahead.audit.services import log_action
from roadahead.transition import rules, selectors, services
from roadahead.transition.enums import Companion, VisitKind

router = Router(tags=["transition"])

KindName = Literal[tuple(VisitKind.values)]  # type: ignore[valid-type]
CompanionName = Literal[tuple(Companion.values)]  # type: ignore[valid-type]
AttendanceName = Literal[tuple(Attendance.values)]  # type: ignore[valid-type]
ReactionName = Literal[tuple(Reaction.values)]  # type: ignore[valid-type]
MethodName = Literal[tuple(ResponseMethod.values)]  # type: ignore[valid-type]
EngagementValue = Literal[tuple(Engagement.values)]  # type: ignore[valid-type]


class VisitOut(Schema):
    id: int
    kind: KindName
    date: dt.date
    provider_id: int
    provider_name: str
    activity_id: int = Field(description="The activity that records who went and counts for standing.")
    pair_id: int | None = Field(description="The pair this visit is one half of; empty for an individual visit.")
    pupil_id: int | None = Field(description="Whose visit it is; individual visits only.")
    went: int = Field(description="Pupils you may see recorded as going (all or part).")


class PairHalf(Schema):
    visit_id: int
    kind: KindName
    date: dt.date
    activity_id: int


class PairOut(Schema):
    id: int
    title: str
    purpose: str
    provider_id: int
    provider_name: str
    pupil_ids: list[int] = Field(description="The group, limited to the pupils you may see.")
    visits: list[PairHalf]


class PupilVisitOut(Schema):
    id: int
    kind: KindName
    date: dt.date
    provider_name: str
    pair_id: int | None
    attendance: AttendanceName
    engagement: int | None
    reaction: str
    response: str = Field(description="What the pupil said, signed or chose, as they expressed it.")
    response_method: str
    companions: list[CompanionName]
    next_steps: str


class VisitCreate(Schema):
    """`provider_id` and `date` must be given (checked after the pupil, so a pupil you may not see is 404)."""

    provider_id: int | None = None
    date: dt.date | None = None
    companions: list[CompanionName] = []
    companions_note: str = Field("", max_length=200)
    attendance: AttendanceName = Attendance.ATTENDED.value
    engagement: EngagementValue | None = None
    reaction: ReactionName | Literal[""] = ""
    response: str = Field("", max_length=2000)
    response_method: MethodName | Literal[""] = ""
    staff_note: str = Field("", max_length=2000)
    next_steps: str = Field("", max_length=2000)


class VisitQuery(Schema):
    when: Literal["upcoming", "past"] = "upcoming"
    provider_id: int | None = None
    kind: KindName | None = None


def _visit_out(visit: Any) -> dict[str, Any]:
    return {"id": visit.pk, "kind": visit.kind, "date": visit.activity.date, "provider_id": visit.provider_id,
            "provider_name": visit.provider.name, "activity_id": visit.activity_id, "pair_id": visit.pair_id,
            "pupil_id": visit.pupil_id, "went": visit.went}


def _pupil_visit_out(item: selectors.PupilVisit) -> dict[str, Any]:
    return {"id": item.visit.pk, "kind": item.kind, "date": item.date, "provider_name": item.provider_name,
            "pair_id": item.visit.pair_id, "attendance": item.attendance, "engagement": item.engagement,
            "reaction": item.reaction, "response": item.response, "response_method": item.response_method,
            "companions": list(item.visit.companions), "next_steps": item.next_steps}


@router.get("/transition/visits", response={200: list[VisitOut], 403: Message, 422: ValidationProblems},
            summary="Upcoming (soonest first) or past (newest first) transition visits")
def list_visits(request: HttpRequest, filters: Query[VisitQuery]) -> list[dict[str, Any]]:
    membership = require(request, rules.can_view_transition)
    rows = selectors.visit_list(membership=membership, day=timezone.localdate(), filters=selectors.VisitFilters(
        when=filters.when, provider=filters.provider_id, kind=filters.kind or ""))
    log_action(school=membership.school, user=request.user, action="transition.visits_listed",
               data={"count": len(rows), "api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return [_visit_out(v) for v in rows]


@router.get("/transition/pairs", response={200: list[PairOut], 403: Message},
            summary="Paired transition visits with both halves, newest first")
def list_pairs(request: HttpRequest) -> list[dict[str, Any]]:
    membership = require(request, rules.can_view_transition)
    pairs = selectors.pair_list(membership=membership, day=timezone.localdate())
    log_action(school=membership.school, user=request.user, action="transition.pairs_listed",
               data={"count": len(pairs), "api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return [{"id": p.pk, "title": p.title, "purpose": p.purpose, "provider_id": p.provider_id,
             "provider_name": p.provider.name, "pupil_ids": p.visible_pupil_ids,
             "visits": [{"visit_id": v.pk, "kind": v.kind, "date": v.activity.date, "activity_id": v.activity_id}
                        for v in p.visits.all()]} for p in pairs]


@router.get("/pupils/{pupil_id}/transition-visits", response={200: list[PupilVisitOut], 403: Message, 404: Message},
            summary="The transition visits a pupil went on, newest first, with their response")
def pupil_visits(request: HttpRequest, pupil_id: int) -> list[dict[str, Any]]:
    membership = require(request, rules.can_view_transition)
    pupil = selectors.transition_pupil(membership=membership, pk=pupil_id, day=timezone.localdate())
    items = selectors.transition_for_pupil(school=membership.school, pupil=pupil)
    log_action(school=membership.school, user=request.user, action="transition.pupil_viewed", obj=pupil,
               pupil_id=pupil.pk, data={"api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return [_pupil_visit_out(i) for i in items]


@router.post("/pupils/{pupil_id}/transition-visits",
             response={201: PupilVisitOut, 403: Message, 404: Message, 422: ValidationProblems},
             summary="Record an individual transition visit (careers leaders, and class staff for their pupils)")
def create_visit(request: HttpRequest, pupil_id: int, payload: VisitCreate) -> Status:
    """Also records the visit as an activity the pupil attended, so it counts for standing."""
    membership = require(request, rules.can_record_transition)
    school = membership.school
    pupil = selectors.transition_pupil(membership=membership, pk=pupil_id, day=timezone.localdate())
    if payload.date is None:
        raise field_problem("date", _("Give the date of the visit."))
    provider = selectors.providers_for_choice(school=school).filter(pk=payload.provider_id).first()
    if provider is None:
        raise field_problem("provider_id", _("There is no provider with this id in your school's directory."))
    response = services.PupilResponse(
        attendance=payload.attendance, engagement=payload.engagement, reaction=payload.reaction,
        response=payload.response, response_method=payload.response_method, staff_note=payload.staff_note)
    try:
        visit = services.record_individual_visit(
            school=school, pupil=pupil, by=request.user, provider=provider, date=payload.date, response=response,
            companions=payload.companions, companions_note=payload.companions_note, next_steps=payload.next_steps)
    except ValidationError as error:
        raise problems(error) from None
    took_part = selectors.response_of(visit=visit, pupil=pupil)
    return Status(201, {
        "id": visit.pk, "kind": visit.kind, "date": visit.activity.date, "provider_name": provider.name,
        "pair_id": None, "attendance": took_part.attendance, "engagement": took_part.engagement,
        "reaction": took_part.reaction, "response": took_part.response, "response_method": took_part.response_method,
        "companions": list(visit.companions), "next_steps": visit.next_steps})
