"""Careers guidance meetings (Benchmark 8): the same people, rules and audit trail as the web pages.

Careers leaders read and record for every pupil; careers advisers only for the pupils assigned to
them; class staff read their pupils' meetings; senior leaders and governors get 403. A pupil the
caller may not see answers 404, exactly as one that does not exist.
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
from roadahead.api.schemas import Message, ValidationProblems
from roadahead.audit.services import log_action
from roadahead.guidance import rules, selectors, services
from roadahead.guidance.enums import Advocate, Communication, Mode, Qualification
from roadahead.guidance.models import GuidanceAction, GuidanceMeeting
from roadahead.people.enums import Role
from roadahead.people.models import Membership

router = Router(tags=["guidance"])

ModeName = Literal[tuple(Mode.values)]  # type: ignore[valid-type]
AdvocateName = Literal[tuple(Advocate.values)]  # type: ignore[valid-type]
CommunicationName = Literal[tuple(Communication.values)]  # type: ignore[valid-type]
QualificationName = Literal[tuple(Qualification.values)]  # type: ignore[valid-type]


class Person(Schema):
    id: int
    name: str


class ActionOut(Schema):
    id: int
    description: str
    owner: Person | None = Field(description="The member of staff doing it, if it is one.")
    owner_text: str = Field(description="Who is doing it, when it is not a member of staff.")
    due_on: dt.date | None
    done_on: dt.date | None


class MeetingOut(Schema):
    id: int
    pupil_id: int
    adviser: Person | None = Field(description="Empty only if the member of staff has since been deleted.")
    adviser_qualification: QualificationName
    adviser_independent: bool
    date: dt.date
    mode: ModeName
    advocate: AdvocateName
    communication: list[CommunicationName]
    support_notes: str
    pupil_words: str = Field(description="The pupil's own words, as they expressed them.")
    discussed: str
    next_due: dt.date | None
    activity_id: int | None = Field(description="The activity that counts the meeting for standing.")
    version: int
    actions: list[ActionOut]


class OutstandingActionOut(ActionOut):
    meeting_id: int
    pupil_id: int
    meeting_date: dt.date


class ActionIn(Schema):
    description: str = Field(max_length=300)
    owner_id: int | None = Field(None, description="A member of staff's membership id.")
    owner_text: str = Field("", max_length=120)
    due_on: dt.date | None = None
    done_on: dt.date | None = None


class MeetingCreate(Schema):
    """Only `date` must be given; an adviser's meetings are always their own."""

    date: dt.date | None = None
    adviser_id: int | None = Field(None, description="Careers leaders: who held it (default: you).")
    adviser_qualification: QualificationName | None = Field(
        None, description="Default: from the adviser's staff record.")
    adviser_independent: bool | None = Field(None, description="Default: from the adviser's staff record.")
    mode: ModeName = Mode.IN_PERSON.value
    advocate: AdvocateName = Advocate.NONE.value
    communication: list[CommunicationName] = []
    support_notes: str = ""
    pupil_words: str = ""
    discussed: str = ""
    next_due: dt.date | None = None
    actions: list[ActionIn] = []


class ActionQuery(Schema):
    owner_id: int | None = Field(None, description="Only actions this member of staff is doing.")
    due: Literal["overdue", "soon"] | None = Field(None, description="overdue, or soon (the next four weeks).")


def _person(member: Membership | None) -> dict[str, Any] | None:
    return None if member is None else {"id": member.pk, "name": member.user.display_name}


def _action_out(action: GuidanceAction) -> dict[str, Any]:
    return {"id": action.pk, "description": action.description, "owner": _person(action.owner_member),
            "owner_text": action.owner_text, "due_on": action.due_on, "done_on": action.done_on}


def meeting_out(meeting: GuidanceMeeting) -> dict[str, Any]:
    data = {name: getattr(meeting, name) for name in (
        "id", "pupil_id", "adviser_qualification", "adviser_independent", "date", "mode", "advocate",
        "communication", "support_notes", "pupil_words", "discussed", "next_due", "activity_id", "version")}
    data["adviser"] = _person(meeting.adviser)
    data["actions"] = [_action_out(a) for a in meeting.actions.all()]
    return data


@router.get("/pupils/{pupil_id}/guidance-meetings", response={200: list[MeetingOut], 403: Message, 404: Message},
            summary="A pupil's careers guidance meetings, newest first")
def list_meetings(request: HttpRequest, pupil_id: int) -> list[dict[str, Any]]:
    membership = require(request, rules.can_view_guidance)
    pupil = selectors.guidance_pupil(membership=membership, pk=pupil_id, day=timezone.localdate())
    meetings = selectors.meetings_for_pupil(school=membership.school, pupil=pupil)
    log_action(school=membership.school, user=request.user, action="guidance.pupil_viewed", obj=pupil,
               pupil_id=pupil.pk, data={"api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return [meeting_out(m) for m in meetings]


@router.post("/pupils/{pupil_id}/guidance-meetings",
             response={201: MeetingOut, 403: Message, 404: Message, 422: ValidationProblems},
             summary="Record a careers guidance meeting (careers leaders, and advisers for their pupils)")
def create_meeting(request: HttpRequest, pupil_id: int, payload: MeetingCreate) -> Status:
    """Also records the meeting as an attended careers guidance activity, so it counts for standing."""
    membership = require(request, rules.can_record_guidance)
    school = membership.school
    pupil = selectors.guidance_pupil(membership=membership, pk=pupil_id, day=timezone.localdate())
    if payload.date is None:
        raise field_problem("date", _("Give the date of the meeting."))
    adviser = membership
    if payload.adviser_id is not None and payload.adviser_id != membership.pk:
        if membership.role == Role.ADVISER:
            raise field_problem("adviser_id", _("Advisers record the meetings they held themselves."))
        adviser = selectors.advisers(school=school).filter(pk=payload.adviser_id).first()
        if adviser is None:
            raise field_problem("adviser_id", _("There is no adviser or member of staff with this id in your school."))
    staff = {m.pk: m for m in selectors.staff(school=school)}
    actions = []
    for given in payload.actions:
        owner = None
        if given.owner_id is not None:
            owner = staff.get(given.owner_id)
            if owner is None:
                raise field_problem("actions", _("There is no member of staff with the id %(id)s.") % {
                    "id": given.owner_id})
        actions.append(services.ActionInput(description=given.description, owner_member=owner,
                                            owner_text=given.owner_text, due_on=given.due_on,
                                            done_on=given.done_on))
    values = payload.model_dump(exclude={"adviser_id", "actions"})
    try:
        meeting = services.record_meeting(school=school, pupil=pupil, adviser=adviser, by=request.user,
                                          actions=actions, **values)
    except ValidationError as error:
        raise problems(error) from None
    found = next(m for m in selectors.meetings_for_pupil(school=school, pupil=pupil) if m.pk == meeting.pk)
    return Status(201, meeting_out(found))


@router.get("/guidance/actions", response={200: list[OutstandingActionOut], 403: Message, 422: ValidationProblems},
            summary="Actions agreed at guidance meetings that are not done yet")
def list_actions(request: HttpRequest, filters: Query[ActionQuery]) -> list[dict[str, Any]]:
    """For the pupils you may see, soonest due first, undated last."""
    membership = require(request, rules.can_view_guidance)
    rows = selectors.outstanding_actions(membership=membership, day=timezone.localdate(),
                                         filters=selectors.ActionFilters(owner=filters.owner_id, due=filters.due or ""))
    log_action(school=membership.school, user=request.user, action="guidance.actions_listed",
               data={"count": len(rows), "api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return [{**_action_out(a), "meeting_id": a.meeting_id, "pupil_id": a.meeting.pupil_id,
             "meeting_date": a.meeting.date} for a in rows]
