"""Placements: the list, a placement's pupils and sessions, and a pupil's placements with reports.

These follow the web pages' rules: the careers leader sees every placement; class staff and
careers advisers only placements with their pupils on them, and only those pupils (anything else
answers 404, as if it did not exist). Senior leaders and governors see counts on the web pages
only, so every operation here answers them 403.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from roadahead.api.common import require
from roadahead.api.schemas import Message
from roadahead.audit.services import log_action
from roadahead.people.selectors import visible_pupil
from roadahead.placements import rules, selectors
from roadahead.placements.models import Assignment, Placement
from roadahead.placements.services import check_warnings

router = Router(tags=["placements"])


class PlacementOut(Schema):
    id: int
    title: str
    kind: str = Field(description="work_experience, internship or class_job.")
    where: str = Field(description="off_site or on_site.")
    on_site_kind: str
    provider_id: int | None
    provider: str | None
    starts_on: dt.date
    ends_on: dt.date
    weekday: int = Field(description="0 for Monday to 4 for Friday.")
    start_time: dt.time | None
    end_time: dt.time | None
    supervisor: str
    pupils: int | None = Field(description="Pupils on it whom the caller may see (null in a pupil's list).")
    checks_warnings: list[str] = Field(description="Health and safety or insurance checks missing or out of date.")


class AttendanceOut(Schema):
    sessions_held: int
    recorded: int
    attended: int
    part: int
    absent: int


class ReportOut(Schema):
    strengths: str
    achievements: str
    areas_for_development: str
    employer_feedback: str
    reflection: str
    reflection_method: str = Field(description="own_words, symbols, observed or advocate; empty if none.")
    outcome: str = Field(description="went_well, mixed or did_not_work; empty if not judged.")
    outcome_notes: str
    version: int


class AssignmentOut(Schema):
    id: int
    pupil_id: int
    placement_id: int
    area: str | None = Field(description="The area the pupil settles in.")
    rotation: list[str] = Field(description="The areas for weeks 1, 2, 3… before settling.")
    starts_on: dt.date
    ends_on: dt.date
    attendance: AttendanceOut
    report: ReportOut | None


class PupilPlacementOut(AssignmentOut):
    placement: PlacementOut


class SessionOut(Schema):
    id: int
    number: int
    date: dt.date
    activity_id: int | None = Field(description="The activity its attendance is recorded on, once recorded.")
    recorded: int
    attended: int


def _placement_out(placement: Placement, *, pupils: int | None, today: dt.date) -> dict[str, Any]:
    return {"id": placement.pk, "title": placement.title, "kind": placement.kind, "where": placement.where,
            "on_site_kind": placement.on_site_kind, "provider_id": placement.provider_id,
            "provider": placement.provider.name if placement.provider else None, "starts_on": placement.starts_on,
            "ends_on": placement.ends_on, "weekday": placement.weekday, "start_time": placement.start_time,
            "end_time": placement.end_time, "supervisor": placement.supervisor_name, "pupils": pupils,
            "checks_warnings": check_warnings(placement, today=today)}


def _assignment_out(a: Assignment, attendance: selectors.AttendanceSummary) -> dict[str, Any]:
    report = selectors.report_of(a)
    return {
        "id": a.pk, "pupil_id": a.pupil_id, "placement_id": a.placement_id, "area": a.area.name if a.area else None,
        "rotation": [step.area.name for step in a.rotation.all()],
        "starts_on": a.starts_on or a.placement.starts_on, "ends_on": a.ends_on or a.placement.ends_on,
        "attendance": {"sessions_held": attendance.sessions, "recorded": attendance.recorded,
                       "attended": attendance.attended, "part": attendance.part, "absent": attendance.absent},
        "report": None if report is None else {
            "strengths": report.strengths, "achievements": report.achievements,
            "areas_for_development": report.development, "employer_feedback": report.employer_feedback,
            "reflection": report.reflection, "reflection_method": report.reflection_method,
            "outcome": report.outcome, "outcome_notes": report.outcome_notes, "version": report.version},
    }


@router.get("/placements", response={200: list[PlacementOut], 403: Message}, summary="Placements, newest first")
def list_placements(request: HttpRequest) -> list[dict[str, Any]]:
    membership = require(request, rules.can_see_pupil_placements)
    today = timezone.localdate()
    return [_placement_out(p, pupils=p.pupil_count, today=today)
            for p in selectors.placement_list(membership=membership, day=today)]


@router.get("/placements/{placement_id}/pupils", response={200: list[AssignmentOut], 403: Message, 404: Message},
            summary="The pupils on a placement, with area, rotation, attendance and report")
def placement_pupils(request: HttpRequest, placement_id: int) -> list[dict[str, Any]]:
    membership = require(request, rules.can_see_pupil_placements)
    today = timezone.localdate()
    placement = selectors.placement_detail(membership=membership, pk=placement_id, day=today)
    found = selectors.assignments(placement=placement, membership=membership, day=today)
    attendance = selectors.attendance(assignments=found, day=today)
    log_action(school=membership.school, user=request.user, action="placement.viewed", obj=placement,
               data={"api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return [_assignment_out(a, attendance[a.pk]) for a in found]


@router.get("/placements/{placement_id}/sessions", response={200: list[SessionOut], 403: Message, 404: Message},
            summary="A placement's sessions, with how many attended each")
def placement_sessions(request: HttpRequest, placement_id: int) -> list[dict[str, Any]]:
    membership = require(request, rules.can_see_pupil_placements)
    placement = selectors.placement_detail(membership=membership, pk=placement_id, day=timezone.localdate())
    return [{"id": s.pk, "number": s.number, "date": s.date, "activity_id": s.activity_id,
             "recorded": s.recorded, "attended": s.attended} for s in selectors.sessions(placement=placement)]


@router.get("/pupils/{pupil_id}/placements", response={200: list[PupilPlacementOut], 403: Message, 404: Message},
            summary="A pupil's placements and reports, newest first")
def pupil_placements(request: HttpRequest, pupil_id: int) -> list[dict[str, Any]]:
    membership = require(request, rules.can_see_pupil_placements)
    today = timezone.localdate()
    pupil = visible_pupil(membership=membership, pk=pupil_id, day=today)
    found = selectors.placements_for_pupil(school=membership.school, pupil=pupil)
    attendance = selectors.attendance(assignments=found, day=today)
    log_action(school=membership.school, user=request.user, action="pupil.placements_viewed", obj=pupil,
               pupil_id=pupil.pk, data={"api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return [{**_assignment_out(a, attendance[a.pk]), "placement": _placement_out(a.placement, pupils=None, today=today)}
            for a in found]
