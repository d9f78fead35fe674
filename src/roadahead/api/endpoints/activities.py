"""Activities and who took part: the same rules, services and audit trail as the recording screens.

Every member may read the school's activities; the participations shown are only those of pupils
the member may see. Careers leaders and class staff record (class staff only for their own
pupils); a careers leader may change any activity, class staff those they created.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from roadahead.activities import rules, selectors, services
from roadahead.activities.enums import Attendance, Engagement, Reaction, ResponseMethod, Setting
from roadahead.activities.models import Activity, ActivityType, Participation
from roadahead.activities.services import ParticipationInput
from roadahead.api.common import field_problem, membership_of, page_of, problems, require
from roadahead.api.schemas import Message, Named, ValidationProblems
from roadahead.audit.services import log_action
from roadahead.benchmarks.models import Benchmark
from roadahead.core.locking import StaleEdit
from roadahead.people.models import Membership, Pupil
from roadahead.people.selectors import pupils_visible_to, visible_pupil
from roadahead.providers.models import Provider

router = Router(tags=["activities"])

CHECKLIST = ("purpose_shared", "outcomes_fitted", "two_way", "reflection", "employer_task", "employer_feedback")
PAL = ("pal_provider", "pal_careers", "pal_learning", "pal_questions", "in_school_day")
TEXTS = ("people_met", "purpose", "learning_outcomes")


# ## Shapes #######################################################################################
class ActivityTypeOut(Schema):
    id: int
    code: str
    name: str


class ParticipationIn(Schema):
    pupil_id: int
    attendance: Attendance = Attendance.ATTENDED
    engagement: Engagement | None = None
    reaction: Reaction | None = None
    response: str = Field("", max_length=5000)
    response_method: ResponseMethod | None = None
    staff_note: str = Field("", max_length=5000)


class ParticipationOut(Schema):
    pupil_id: int
    attendance: Attendance
    engagement: Engagement | None
    reaction: str = Field(description="liked, unsure, disliked, or empty.")
    response: str
    response_method: str = Field(description="own_words, symbols, observed, advocate, or empty.")
    staff_note: str
    updated_at: dt.datetime


class ActivityOut(Schema):
    id: int
    title: str
    date: dt.date
    end_date: dt.date | None
    activity_type: ActivityTypeOut
    setting: Setting
    academic_year: str
    term: str | None
    providers: list[Named]
    benchmarks: list[int] = Field(description="Numbers of the Gatsby benchmarks it evidences.")
    people_met: str
    purpose: str
    learning_outcomes: str
    purpose_shared: bool
    outcomes_fitted: bool
    two_way: bool
    reflection: bool
    employer_task: bool
    employer_feedback: bool
    meaningful: bool = Field(description="Judged from the checklist: read only.")
    pal_provider: bool
    pal_careers: bool
    pal_learning: bool
    pal_questions: bool
    in_school_day: bool
    counts_for_pal: bool = Field(description="Judged from the PAL points and type: read only.")
    import_ref: str | None = Field(description="The activity_ref of the imported file that made it, if any.")
    version: int = Field(description="Send it back with a change so that nobody else's edit is overwritten.")


class ActivityDetailOut(ActivityOut):
    participations: list[ParticipationOut] = Field(description="Only pupils you may see.")
    others_recorded: int = Field(description="How many more pupils are recorded whom you may not see.")


class ActivityPage(Schema):
    count: int
    page: int
    page_size: int
    next_page: int | None
    items: list[ActivityOut]


class ActivityQuery(Schema):
    date_from: dt.date | None = Field(None, alias="from")
    date_to: dt.date | None = Field(None, alias="to")
    academic_year: int | None = Field(None, description="The year the academic year starts in: 2025 for 2025/26.")
    type: int | None = Field(None, description="Activity type id.")
    benchmark: int | None = Field(None, ge=1, le=8)
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=100)


class ActivityCreate(Schema):
    activity_type_id: int
    title: str = Field(min_length=1, max_length=200)
    date: dt.date
    end_date: dt.date | None = None
    setting: Setting | None = Field(None, description="Left out: the type's usual setting.")
    provider_ids: list[int] = Field(default_factory=list, max_length=50)
    benchmarks: list[int] | None = Field(None, max_length=8, description="Left out: the type's usual benchmarks.")
    people_met: str = Field("", max_length=5000)
    purpose: str = Field("", max_length=5000)
    learning_outcomes: str = Field("", max_length=5000)
    purpose_shared: bool = False
    outcomes_fitted: bool = False
    two_way: bool = False
    reflection: bool = False
    employer_task: bool = False
    employer_feedback: bool = False
    pal_provider: bool = False
    pal_careers: bool = False
    pal_learning: bool = False
    pal_questions: bool = False
    in_school_day: bool = True
    participations: list[ParticipationIn] = Field(default_factory=list, max_length=2000)


class ActivityPatch(Schema):
    """Only the fields sent are changed."""

    activity_type_id: int = None  # type: ignore[assignment]
    title: str = Field(None, min_length=1, max_length=200)
    date: dt.date = None  # type: ignore[assignment]
    end_date: dt.date | None = None
    setting: Setting = None  # type: ignore[assignment]
    provider_ids: list[int] = Field(None, max_length=50)
    benchmarks: list[int] = Field(None, max_length=8)
    people_met: str = Field(None, max_length=5000)
    purpose: str = Field(None, max_length=5000)
    learning_outcomes: str = Field(None, max_length=5000)
    purpose_shared: bool = None  # type: ignore[assignment]
    outcomes_fitted: bool = None  # type: ignore[assignment]
    two_way: bool = None  # type: ignore[assignment]
    reflection: bool = None  # type: ignore[assignment]
    employer_task: bool = None  # type: ignore[assignment]
    employer_feedback: bool = None  # type: ignore[assignment]
    pal_provider: bool = None  # type: ignore[assignment]
    pal_careers: bool = None  # type: ignore[assignment]
    pal_learning: bool = None  # type: ignore[assignment]
    pal_questions: bool = None  # type: ignore[assignment]
    in_school_day: bool = None  # type: ignore[assignment]
    version: int | None = Field(None, description="The version you read. If the activity has changed since, "
                                                  "nothing is saved and the answer is 409.")


class ParticipationsPut(Schema):
    # Checked in the endpoint rather than required here, so that an activity of another school is
    # a 404 before anything about the body is said.
    participations: list[ParticipationIn] | None = Field(None, max_length=2000, description=(
        "Everyone you may see who took part. Pupils you may see who are recorded but not listed are taken off "
        "the activity; pupils you may not see are left as they are."))


class PupilActivityOut(Schema):
    id: int
    title: str
    date: dt.date
    activity_type: ActivityTypeOut
    benchmarks: list[int]
    meaningful: bool


class PupilParticipationOut(ParticipationOut):
    activity: PupilActivityOut


class PupilParticipationPage(Schema):
    count: int
    page: int
    page_size: int
    next_page: int | None
    items: list[PupilParticipationOut]


class PageQuery(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=100)


# ## Helpers ######################################################################################
def _type_out(kind: ActivityType) -> dict[str, Any]:
    return {"id": kind.pk, "code": kind.code, "name": kind.name}


def activity_out(activity: Activity) -> dict[str, Any]:
    """From rows already loaded (type, year, term, providers and benchmarks prefetched)."""
    data = {name: getattr(activity, name) for name in (
        "id", "title", "date", "end_date", "setting", *TEXTS, *CHECKLIST, "meaningful", *PAL, "counts_for_pal",
        "import_ref", "version")}
    data["activity_type"] = _type_out(activity.activity_type)
    data["academic_year"] = str(activity.academic_year)
    data["term"] = activity.term.get_name_display() if activity.term else None
    data["providers"] = [{"id": p.pk, "name": p.name} for p in activity.providers.all()]
    data["benchmarks"] = sorted(b.number for b in activity.benchmarks.all())
    return data


def participation_out(participation: Participation) -> dict[str, Any]:
    return {name: getattr(participation, name) for name in (
        "pupil_id", "attendance", "engagement", "reaction", "response", "response_method", "staff_note",
        "updated_at")}


def _listing(school: Any) -> Any:
    return (Activity.objects.filter(school=school)
            .select_related("activity_type", "academic_year", "term")
            .prefetch_related("providers", "benchmarks").order_by("-date", "-id"))


def _find(membership: Membership, pk: int) -> Activity:
    activity = _listing(membership.school).filter(pk=pk).first()
    if activity is None:
        raise Http404  # another school's activity is exactly as missing as one that never was
    return activity


def _detail(membership: Membership, activity: Activity, day: dt.date) -> dict[str, Any]:
    visible = selectors.participants_visible(activity=activity, membership=membership, day=day)
    data = activity_out(activity)
    data["participations"] = [participation_out(p) for p in visible]
    data["others_recorded"] = selectors.hidden_participant_count(activity=activity, membership=membership, day=day)
    return data


def _activity_type(school: Any, pk: int) -> ActivityType:
    kind = ActivityType.objects.filter(school=school, pk=pk).first()
    if kind is None:
        raise field_problem("activity_type_id", _("There is no type of activity with this id in your school."))
    return kind


def _providers(school: Any, ids: list[int]) -> list[Provider]:
    found = list(Provider.objects.filter(school=school, pk__in=ids))
    if len(found) != len(set(ids)):
        raise field_problem("provider_ids", _("Some of these ids are not providers in your school's directory."))
    return found


def _benchmarks(school: Any, numbers: list[int]) -> list[Benchmark]:
    found = list(Benchmark.objects.filter(school=school, number__in=numbers))
    if len(found) != len(set(numbers)):
        raise field_problem("benchmarks", _("Benchmarks are numbered 1 to 8."))
    return found


def _entries(membership: Membership, given: list[ParticipationIn], day: dt.date, *,
             where: str = "participations") -> list[ParticipationInput]:
    """The entries to record, refusing any pupil the member may not see exactly as one that does not exist."""
    ids = [p.pupil_id for p in given]
    if len(ids) != len(set(ids)):
        raise field_problem(where, _("A pupil is listed twice."))
    pupils = {p.pk: p for p in pupils_visible_to(membership=membership, day=day).filter(pk__in=ids)}
    missing = [pk for pk in ids if pk not in pupils]
    if missing:
        raise field_problem(where, _("There is no pupil you may record for with the id %(id)s.") % {"id": missing[0]})
    return [ParticipationInput(pupil=pupils[p.pupil_id], attendance=p.attendance, engagement=p.engagement,
                               reaction=p.reaction or "", response=p.response,
                               response_method=p.response_method or "", staff_note=p.staff_note) for p in given]


# ## Endpoints ####################################################################################
@router.get("/activities", response={200: ActivityPage, 422: ValidationProblems}, by_alias=True,
            summary="List the school's activities")
def list_activities(request: HttpRequest, filters: Query[ActivityQuery]) -> dict[str, Any]:
    """Newest first. Every member may list activities; who took part is in `GET /activities/{id}`."""
    membership = require(request, rules.can_view_activities)
    # The same selector as the web list, so both filter the same way.
    found = (selectors.activity_list(school=membership.school, filters=selectors.ActivityFilters(
        starts_on=filters.date_from, ends_on=filters.date_to, academic_year=filters.academic_year,
        activity_type=filters.type, benchmark=filters.benchmark))
        .select_related("academic_year", "term").prefetch_related("providers"))
    page = page_of(found, page=filters.page, page_size=filters.page_size)
    return {**page.__dict__, "items": [activity_out(a) for a in page.items]}


@router.get("/activities/{activity_id}", response={200: ActivityDetailOut, 404: Message},
            summary="One activity, with the participations of pupils you may see")
def get_activity(request: HttpRequest, activity_id: int) -> dict[str, Any]:
    membership = require(request, rules.can_view_activities)
    return _detail(membership, _find(membership, activity_id), timezone.localdate())


@router.post("/activities", response={201: ActivityDetailOut, 403: Message, 422: ValidationProblems},
             summary="Record an activity and who took part (careers leaders and class staff)")
def create_activity(request: HttpRequest, payload: ActivityCreate) -> Status[dict[str, Any]]:
    """Class staff may list only pupils they may see. Leave `benchmarks` out for the type's usual ones."""
    membership = require(request, rules.can_record)
    school, today = membership.school, timezone.localdate()
    kind = _activity_type(school, payload.activity_type_id)
    providers = _providers(school, payload.provider_ids)
    benchmarks = _benchmarks(school, payload.benchmarks) if payload.benchmarks is not None else None
    entries = _entries(membership, payload.participations, today)
    values = payload.model_dump(include={"title", "date", "end_date", *TEXTS, *CHECKLIST, *PAL})
    try:
        with transaction.atomic():
            activity = services.create_activity(school=school, by=request.user, activity_type=kind,
                                                setting=payload.setting or kind.default_setting,
                                                providers=providers, benchmarks=benchmarks, **values)
            if entries:
                services.record_participations(activity=activity, by=request.user, entries=entries)
    except ValidationError as error:
        raise problems(error) from None
    return Status(201, _detail(membership, _find(membership, activity.pk), today))


@router.patch("/activities/{activity_id}",
              response={200: ActivityDetailOut, 403: Message, 404: Message, 409: Message, 422: ValidationProblems},
              summary="Change an activity (careers leaders; class staff for activities they recorded)")
def update_activity(request: HttpRequest, activity_id: int, payload: ActivityPatch) -> dict[str, Any]:
    """Send only the fields to change, and the `version` you read to be told (409) instead of
    overwriting someone else's change."""
    membership = require(request, rules.can_record)
    activity = _find(membership, activity_id)
    if not rules.can_change_activity(membership, activity):
        raise HttpError(403, _("Only the careers leader, or the member of staff who recorded it, may change this "
                               "activity."))
    school = membership.school
    given = payload.model_dump(exclude_unset=True)
    version = given.pop("version", None)
    stale = _("Someone else changed this activity since you read it. Nothing has been saved: read it again and "
              "send your change with the new version.")
    if version is not None and version != activity.version:
        raise HttpError(409, stale)
    if "activity_type_id" in given:
        given["activity_type"] = _activity_type(school, given.pop("activity_type_id"))
    providers = _providers(school, given.pop("provider_ids")) if "provider_ids" in given else None
    benchmarks = _benchmarks(school, given.pop("benchmarks")) if "benchmarks" in given else None
    try:
        services.update_activity(activity=activity, by=request.user, expected_version=version, providers=providers,
                                 benchmarks=benchmarks, **given)
    except StaleEdit:
        raise HttpError(409, stale) from None
    except ValidationError as error:
        raise problems(error) from None
    return _detail(membership, _find(membership, activity.pk), timezone.localdate())


@router.put("/activities/{activity_id}/participations",
            response={200: ActivityDetailOut, 403: Message, 404: Message, 422: ValidationProblems},
            summary="Record who took part and how (careers leaders and class staff, for pupils they may see)")
def put_participations(request: HttpRequest, activity_id: int, payload: ParticipationsPut) -> dict[str, Any]:
    """Replaces the record of every pupil you may see: listed pupils are recorded (changes keep their
    history), unlisted ones you may see are taken off, and pupils you may not see are untouched."""
    membership = require(request, rules.can_record)
    activity = _find(membership, activity_id)
    if payload.participations is None:
        raise field_problem("participations", _("Send the list of participations (an empty list takes everyone "
                                                "you may see off the activity)."))
    today = timezone.localdate()
    entries = _entries(membership, payload.participations, today)
    visible_ids = list(pupils_visible_to(membership=membership, day=today).values_list("pk", flat=True))
    try:
        services.record_participations(activity=activity, by=request.user, entries=entries, remove_others=True,
                                       remove_within=visible_ids)
    except ValidationError as error:
        raise problems(error) from None
    return _detail(membership, _find(membership, activity.pk), today)


@router.get("/pupils/{pupil_id}/participations",
            response={200: PupilParticipationPage, 404: Message, 422: ValidationProblems},
            summary="Everything a pupil took part in, newest first")
def pupil_participations(request: HttpRequest, pupil_id: int, paging: Query[PageQuery]) -> dict[str, Any]:
    """A pupil you may not see answers 404, exactly as one that does not exist."""
    membership = membership_of(request)
    pupil: Pupil = visible_pupil(membership=membership, pk=pupil_id, day=timezone.localdate())
    found = (Participation.objects.filter(school=membership.school, pupil=pupil)
             .select_related("activity__activity_type").prefetch_related("activity__benchmarks")
             .order_by("-activity__date", "-activity_id"))
    page = page_of(found, page=paging.page, page_size=paging.page_size)
    log_action(school=membership.school, user=request.user, action="pupil.participations_listed", pupil_id=pupil.pk,
               obj=pupil, data={"count": len(page.items), "api_token": request.api_token.pk})  # type: ignore[attr-defined]
    items = []
    for participation in page.items:
        activity = participation.activity
        items.append({**participation_out(participation), "activity": {
            "id": activity.pk, "title": activity.title, "date": activity.date,
            "activity_type": _type_out(activity.activity_type),
            "benchmarks": sorted(b.number for b in activity.benchmarks.all()), "meaningful": activity.meaningful}})
    return {**page.__dict__, "items": items}
