"""Career profiles and intended destinations: the same people, rules and audit trail as the web pages.

Careers leaders read and record for every pupil; class staff for the pupils in their classes this
academic year; careers advisers only for the pupils assigned to them; senior leaders and governors
get 403. A pupil the caller may not see answers 404, exactly as one that does not exist.
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
from roadahead.profiles import rules, selectors, services
from roadahead.profiles.enums import CaptureMethod, EntryKind, Source
from roadahead.profiles.models import ProfileEntry

router = Router(tags=["career profiles"])

KindName = Literal[tuple(EntryKind.values)]  # type: ignore[valid-type]
SourceName = Literal[tuple(Source.values)]  # type: ignore[valid-type]
CaptureName = Literal[tuple(CaptureMethod.values)]  # type: ignore[valid-type]


class EntryOut(Schema):
    id: int
    pupil_id: int
    kind: KindName
    text: str
    source: SourceName = Field(description="Who it came from.")
    captured: CaptureName = Field(description="How it was captured.")
    recorded_on: dt.date
    recorded_by: Named | None = Field(description="The member of staff who recorded it.")
    ended_on: dt.date | None = Field(description="When it stopped being true; null while it is current.")
    end_reason: str
    superseded_by_id: int | None = Field(description="The entry that replaced it, if one did.")
    on_my_future: bool = Field(description="Whether the pupil's My future page shows it.")
    version: int


class EntryQuery(Schema):
    current: bool = Field(True, description="Only entries that are still true (default); false for the whole "
                                            "history, ended entries included.")


class EntryCreate(Schema):
    """`kind`, `text`, `source` and `captured` must be given."""

    kind: KindName | None = None
    text: str = Field("", max_length=500)
    source: SourceName | None = None
    captured: CaptureName | None = None
    recorded_on: dt.date | None = Field(None, description="Default: today.")
    on_my_future: bool = False


class AimOut(Schema):
    who: Literal["pupil", "family", "school"]
    category: Named | None = Field(description="One of the school's destination categories, if chosen.")
    text: str
    in_keeping: bool | None = Field(description="Whether the category is one of the pathway's destinations in "
                                                "keeping with its vision; null without a pathway or a category.")


class PlanOut(Schema):
    id: int
    pupil_id: int
    academic_year: str = Field(description="The academic year it was reviewed in, such as 2025/26.")
    pathway: Named | None = Field(description="The pupil's pathway that year.")
    pathway_vision: str
    aims: list[AimOut]
    plan: str = Field(description="The transition plan: the steps agreed towards leaving school.")
    reviewed_on: dt.date
    reviewed_by: Named | None
    version: int


def _named_member(member: Any) -> dict[str, Any] | None:
    return None if member is None else {"id": member.pk, "name": member.user.display_name}


def entry_out(entry: ProfileEntry) -> dict[str, Any]:
    data = {name: getattr(entry, name) for name in (
        "id", "pupil_id", "kind", "text", "source", "captured", "recorded_on", "ended_on", "end_reason",
        "superseded_by_id", "on_my_future", "version")}
    data["recorded_by"] = _named_member(entry.recorded_by)
    return data


def _pupil(membership: Any, pupil_id: int) -> Any:
    return selectors.visible_pupil_for_profile(membership=membership, pk=pupil_id, day=timezone.localdate())


@router.get("/pupils/{pupil_id}/profile-entries", response={200: list[EntryOut], 403: Message, 404: Message},
            summary="A pupil's career profile entries, newest first")
def list_entries(request: HttpRequest, pupil_id: int, query: Query[EntryQuery]) -> list[dict[str, Any]]:
    membership = require(request, rules.can_view_profiles)
    pupil = _pupil(membership, pupil_id)
    entries = (ProfileEntry.objects.filter(school=membership.school, pupil=pupil)
               .select_related("recorded_by__user").order_by("-recorded_on", "-id"))
    if query.current:
        entries = entries.filter(ended_on__isnull=True)
    log_action(school=membership.school, user=request.user, action="profile.viewed", obj=pupil, pupil_id=pupil.pk,
               data={"api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return [entry_out(e) for e in entries]


@router.post("/pupils/{pupil_id}/profile-entries",
             response={201: EntryOut, 403: Message, 404: Message, 422: ValidationProblems},
             summary="Add an entry to a pupil's career profile")
def create_entry(request: HttpRequest, pupil_id: int, payload: EntryCreate) -> Status:
    """Recorded as by the token's owner. To change what is true, add the new entry here and end the
    old one on the profile page, so the history keeps both."""
    membership = require(request, rules.can_record_profiles)
    pupil = _pupil(membership, pupil_id)
    for name, message in (("kind", _("Say what kind of entry it is.")),
                          ("source", _("Say where it came from.")),
                          ("captured", _("Say how it was captured."))):
        if getattr(payload, name) is None:
            raise field_problem(name, message)
    if not payload.text.strip():
        raise field_problem("text", _("Say what the entry is."))
    today = timezone.localdate()
    if payload.recorded_on is not None and payload.recorded_on > today:
        raise field_problem("recorded_on", _("The date must be today or in the past."))
    values = payload.model_dump()
    values["recorded_on"] = payload.recorded_on or today
    try:
        entry = services.add_entry(school=membership.school, pupil=pupil, member=membership, **values)
    except ValidationError as error:
        raise problems(error) from None
    entry.recorded_by = membership
    return Status(201, entry_out(entry))


@router.get("/pupils/{pupil_id}/intended-destinations", response={200: list[PlanOut], 403: Message, 404: Message},
            summary="What the pupil, the family and the school aim for after school, one review per year")
def list_plans(request: HttpRequest, pupil_id: int) -> list[dict[str, Any]]:
    """Newest first, each judged against the pupil's pathway in that year."""
    membership = require(request, rules.can_view_profiles)
    pupil = _pupil(membership, pupil_id)
    views = selectors.transition_plans(school=membership.school, pupil=pupil)
    log_action(school=membership.school, user=request.user, action="transition_plan.viewed", obj=pupil,
               pupil_id=pupil.pk, data={"api_token": request.api_token.pk})  # type: ignore[attr-defined]
    out = []
    for view in views:
        plan = view.plan
        aims = []
        for who, aim in zip(("pupil", "family", "school"), view.aims, strict=True):
            aims.append({"who": who, "category": {"id": aim.category.pk, "name": aim.category.name}
                         if aim.category else None, "text": aim.text, "in_keeping": aim.in_keeping})
        out.append({"id": plan.pk, "pupil_id": plan.pupil_id, "academic_year": view.label,
                    "pathway": {"id": view.pathway.pk, "name": view.pathway.name} if view.pathway else None,
                    "pathway_vision": view.pathway.vision if view.pathway else "", "aims": aims,
                    "plan": plan.plan, "reviewed_on": plan.reviewed_on,
                    "reviewed_by": _named_member(plan.reviewed_by), "version": plan.version})
    return out
