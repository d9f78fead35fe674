"""Leavers' destinations: the same people, rules and audit trail as the web pages.

Careers leaders read and record every leaver's destination; class staff and careers advisers those
of the leavers they may see; senior leaders and governors get 403 for named leavers and read only
the report, where governors' groups of fewer than five leavers carry no figures. A pupil the caller
may not see, or who has not left, answers 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from roadahead.api.common import field_problem, problems, require
from roadahead.api.schemas import Message, Named, ValidationProblems
from roadahead.audit.services import log_action
from roadahead.core.dates import academic_year_label
from roadahead.destinations import reports, rules, scheduling, selectors, services
from roadahead.destinations.enums import CheckInState, CheckInStatus
from roadahead.destinations.models import CheckIn, Destination
from roadahead.providers.models import Provider
from roadahead.schools.models import DestinationCategory

router = Router(tags=["destinations"])

StatusName = Literal[tuple(CheckInStatus.values)]  # type: ignore[valid-type]
StateName = Literal[tuple(CheckInState.values)]  # type: ignore[valid-type]


class CategoryOut(Schema):
    id: int
    code: str
    name: str
    nccis_code: str = Field(description="The NCCIS activity code the local authority records.")


class DestinationOut(Schema):
    id: int
    pupil_id: int
    category: CategoryOut
    provider: Named | None
    start_date: dt.date | None
    notes: str
    pathway: Named | None = Field(description="The pupil's last pathway, which the destination was judged against.")
    in_keeping: bool | None = Field(description="In keeping with the pathway's aspiration (staff judgement if "
                                                "given, else automatic); null without a pathway.")
    in_keeping_automatic: bool | None
    override_reason: str
    version: int


class CheckInOut(Schema):
    id: int
    pupil_id: int
    number: int = Field(description="1, 2 or 3: the years after leaving.")
    due_on: dt.date
    state: StateName
    done_on: dt.date | None
    status: StatusName | Literal[""]
    sustained: bool | None
    new_destination_id: int | None


class LeaverOut(Schema):
    pupil_id: int
    date_left: dt.date
    year_of_leaving: str = Field(description="The academic year the pupil left in, such as 2024/25.")
    destination: DestinationOut | None = Field(description="The current (latest) destination, if recorded.")
    sustained: bool | None = Field(description="As found at the latest check-in; null before any.")
    next_check_in: CheckInOut | None


class PupilDestinationsOut(Schema):
    pupil_id: int
    date_left: dt.date
    destinations: list[DestinationOut] = Field(description="Newest first; the first is the current one.")
    check_ins: list[CheckInOut]


class DestinationCreate(Schema):
    category_id: int | None = Field(None, description="One of the school's destination categories.")
    provider_id: int | None = Field(None, description="A provider from the school's directory.")
    start_date: dt.date | None = None
    notes: str = Field("", max_length=5000)


class LeaverQuery(Schema):
    year: int | None = Field(None, description="Only pupils who left in the academic year starting this year "
                                               "(2024 for 2024/25).")


class ReportRecord(Schema):
    dimension: str = Field(description="all, pathway, year, need, sex or looked_after.")
    group: str
    leavers: int
    with_destination: int | None
    sustained: int | None
    in_keeping: int | None
    sustained_and_in_keeping: int | None
    sustained_percent: int | None
    in_keeping_percent: int | None
    suppressed: bool = Field(description="True when the group has fewer than five leavers and the caller is a "
                                         "governor or senior leader: no figures are given.")


def destination_out(d: Destination) -> dict[str, Any]:
    return {"id": d.pk, "pupil_id": d.pupil_id,
            "category": {"id": d.category.pk, "code": d.category.code, "name": d.category.name,
                         "nccis_code": d.category.nccis_code},
            "provider": {"id": d.provider.pk, "name": d.provider.name} if d.provider else None,
            "start_date": d.start_date, "notes": d.notes,
            "pathway": {"id": d.pathway.pk, "name": d.pathway.name} if d.pathway else None,
            "in_keeping": d.in_keeping, "in_keeping_automatic": d.in_keeping_auto,
            "override_reason": d.override_reason, "version": d.version}


def check_in_out(c: CheckIn, today: dt.date) -> dict[str, Any]:
    return {"id": c.pk, "pupil_id": c.pupil_id, "number": c.number, "due_on": c.due_on,
            "state": scheduling.state_of(due_on=c.due_on, done_on=c.done_on, today=today),
            "done_on": c.done_on, "status": c.status, "sustained": c.sustained,
            "new_destination_id": c.new_destination_id}


@router.get("/destinations", response={200: list[LeaverOut], 403: Message},
            summary="Leavers the caller may see, each with their current destination and next check-in")
def list_leavers(request: HttpRequest, query: Query[LeaverQuery]) -> list[dict[str, Any]]:
    membership = require(request, rules.can_view_destinations)
    today = timezone.localdate()
    rows = selectors.leaver_rows(membership=membership, day=today)
    if query.year is not None:
        rows = [row for row in rows if row.leaving_year == query.year]
    log_action(school=membership.school, user=request.user, action="destination.list_viewed",
               data={"api_token": request.api_token.pk, "rows": len(rows)})  # type: ignore[attr-defined]
    return [{"pupil_id": row.pupil.pk, "date_left": row.pupil.date_left,
             "year_of_leaving": academic_year_label(row.leaving_year),
             "destination": destination_out(row.destination) if row.destination else None,
             "sustained": row.sustained,
             "next_check_in": check_in_out(row.next_check_in, today) if row.next_check_in else None}
            for row in rows]


@router.get("/destinations/check-ins", response={200: list[CheckInOut], 403: Message},
            summary="Check-ins due or overdue for the leavers the caller may see, soonest first")
def list_check_ins(request: HttpRequest) -> list[dict[str, Any]]:
    membership = require(request, rules.can_view_destinations)
    today = timezone.localdate()
    return [check_in_out(item.check_in, today) for item in selectors.check_ins_due(membership=membership, day=today)]


@router.get("/destinations/report", response={200: list[ReportRecord], 403: Message},
            summary="Leavers by pathway, year of leaving and group: sustained and in keeping with the pathway")
def destinations_report(request: HttpRequest) -> list[dict[str, Any]]:
    membership = require(request, rules.can_view_report)
    built = reports.build_report(school=membership.school, day=timezone.localdate(),
                                 suppress=rules.suppresses_small_groups(membership))
    return reports.report_records(built)


@router.get("/pupils/{pupil_id}/destinations", response={200: PupilDestinationsOut, 403: Message, 404: Message},
            summary="A leaver's destinations and check-ins")
def pupil_destinations(request: HttpRequest, pupil_id: int) -> dict[str, Any]:
    membership = require(request, rules.can_view_destinations)
    today = timezone.localdate()
    pupil = selectors.visible_leaver(membership=membership, pk=pupil_id, day=today)
    destinations, check_ins = selectors.pupil_history(school=membership.school, pupil=pupil)
    log_action(school=membership.school, user=request.user, action="destination.viewed", obj=pupil,
               pupil_id=pupil.pk, data={"api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return {"pupil_id": pupil.pk, "date_left": pupil.date_left,
            "destinations": [destination_out(d) for d in destinations],
            "check_ins": [check_in_out(c, today) for c in check_ins]}


@router.post("/pupils/{pupil_id}/destinations",
             response={201: DestinationOut, 403: Message, 404: Message, 422: ValidationProblems},
             summary="Record a leaver's destination (judged against their last pathway; check-ins planned)")
def record_destination(request: HttpRequest, pupil_id: int, payload: DestinationCreate) -> Status:
    membership = require(request, rules.can_record_destinations)
    school = membership.school
    pupil = selectors.visible_leaver(membership=membership, pk=pupil_id, day=timezone.localdate())
    category = (DestinationCategory.objects.filter(school=school, pk=payload.category_id).first()
                if payload.category_id is not None else None)
    if category is None:
        raise field_problem("category_id", _("Choose one of your school's destinations."))
    provider = None
    if payload.provider_id is not None:
        provider = Provider.objects.filter(school=school, pk=payload.provider_id).first()
        if provider is None:
            raise field_problem("provider_id", _("Choose a provider from your school's directory."))
    try:
        destination = services.record_destination(
            school=school, pupil=pupil, user=request.user, member=membership, category=category, provider=provider,
            start_date=payload.start_date, notes=payload.notes)
    except ValidationError as error:
        raise problems(error) from None
    return Status(201, destination_out(destination))
