"""EHCP annual reviews and Preparing for Adulthood outcomes: the same rules and audit trail as the pages.

Careers leaders, class staff and careers advisers read the reviews and outcomes of the pupils they
may see (advisers: their assigned pupils only); a pupil you may not see answers 404, exactly as one
that does not exist. Careers leaders and class staff record reviews and outcomes; advisers may also
record progress. Senior leaders and governors read no pupil's review (403).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from roadahead.api.common import membership_of, problems
from roadahead.api.schemas import Message, ValidationProblems
from roadahead.audit.services import log_action
from roadahead.core.locking import StaleEdit
from roadahead.people.models import Membership, Pupil
from roadahead.reviews import rules, selectors, services
from roadahead.reviews.models import AnnualReview, PfaOutcome, PfaProgress

router = Router(tags=["reviews"])

DueName = Literal["overdue", "due_soon", "later", "no_date"]
OutcomeName = Literal["maintain", "amend", "cease"]
AreaName = Literal["employment", "independent_living", "community", "health"]
KindName = Literal["ehcp", "target"]
LevelName = Literal["not_started", "emerging", "developing", "secure", "achieved"]


class DueQuery(Schema):
    status: DueName | None = Field(None, description="Only pupils whose next review is in this state.")
    year: str | None = Field(None, description="Only pupils in this NC year this academic year.")
    pfa_only: bool = Field(False, description="Only pupils in Year 9 and above (Preparing for Adulthood).")


class DueOut(Schema):
    pupil_id: int
    upn: str
    ehcp_last_review: dt.date | None
    next_review_due: dt.date | None
    status: DueName
    preparing_for_adulthood: bool


# Required fields are checked by the services, so that a pupil you may not see answers 404 before
# anything is said about the body (and with the same messages as the web forms).
class ReviewIn(Schema):
    date_due: dt.date | None = Field(None, description="Required.")
    date_held: dt.date | None = None
    attendees: str = Field("", description="Who attended: names and roles.")
    pupil_views: str = Field("", description="What the pupil said, signed or showed, and how.")
    notes: str = ""
    outcome: OutcomeName | Literal[""] = Field("", description="Needs date_held.")
    next_review_due: dt.date | None = Field(None, description="Default: a year after date_held.")


class ReviewPatch(Schema):
    review_id: int | None = Field(None, description="Required: which of the pupil's reviews to change.")
    version: int | None = Field(None, description="The version you read: a change since answers 409.")
    date_due: dt.date | None = None
    date_held: dt.date | None = None
    attendees: str | None = None
    pupil_views: str | None = None
    notes: str | None = None
    outcome: OutcomeName | Literal[""] | None = None
    next_review_due: dt.date | None = None


class ReviewOut(Schema):
    id: int
    academic_year: str
    date_due: dt.date
    date_held: dt.date | None
    attendees: str
    pupil_views: str
    notes: str
    outcome: str
    next_review_due: dt.date | None
    version: int


class ProgressIn(Schema):
    outcome_id: int | None = Field(None, description="Required: one of this pupil's outcomes or targets.")
    date: dt.date | None = Field(None, description="Required.")
    level: LevelName | None = Field(None, description="Required.")
    note: str = ""
    review_id: int | None = Field(None, description="The review it was agreed at, if any.")


class ProgressOut(Schema):
    id: int
    date: dt.date
    level: LevelName
    note: str
    review_id: int | None
    recorded_by: str | None


class OutcomeIn(Schema):
    area: AreaName | None = Field(None, description="Required.")
    kind: KindName = "ehcp"
    text: str = Field("", description="Required.")
    set_on: dt.date | None = Field(None, description="Required.")
    review_id: int | None = None


class OutcomeOut(Schema):
    id: int
    area: AreaName
    kind: KindName
    text: str
    set_on: dt.date
    review_id: int | None
    ended_on: dt.date | None
    progress: list[ProgressOut] = Field(description="Newest first.")


def _reader(request: HttpRequest) -> Membership:
    membership = membership_of(request)
    if not rules.can_view_reviews(membership):
        raise HttpError(403, _("Senior leaders and governors see counts of reviews, not pupils' reviews."))
    return membership


def _pupil(request: HttpRequest, pupil_id: int, allowed: Any = rules.can_view_reviews) -> tuple[Membership, Pupil]:
    """The pupil if visible (404 otherwise, whatever the role), then the role check (403)."""
    membership = membership_of(request)
    pupil = selectors.review_pupil(membership=membership, pk=pupil_id, day=timezone.localdate())
    if not allowed(membership):
        raise HttpError(403, _("Your role in this school does not allow this. Ask your careers leader if you need it."))
    return membership, pupil


def _token(request: HttpRequest) -> int:
    return request.api_token.pk  # type: ignore[attr-defined]


def _review_out(review: AnnualReview) -> dict[str, Any]:
    data = {name: getattr(review, name) for name in ("id", "date_due", "date_held", "attendees", "pupil_views",
                                                     "notes", "outcome", "next_review_due", "version")}
    data["academic_year"] = review.academic_year.label
    return data


def _progress_out(entry: PfaProgress) -> dict[str, Any]:
    return {"id": entry.pk, "date": entry.date, "level": entry.level, "note": entry.note, "review_id": entry.review_id,
            "recorded_by": entry.recorded_by.user.display_name if entry.recorded_by else None}


def _outcome_out(outcome: PfaOutcome) -> dict[str, Any]:
    return {"id": outcome.pk, "area": outcome.area, "kind": outcome.kind, "text": outcome.text,
            "set_on": outcome.set_on, "review_id": outcome.review_id, "ended_on": outcome.ended_on,
            "progress": [_progress_out(p) for p in getattr(outcome, "history", [])]}


@router.get("/reviews", response={200: list[DueOut], 403: Message, 422: ValidationProblems},
            summary="When each pupil's next EHCP annual review is due")
def list_due(request: HttpRequest, query: Query[DueQuery]) -> list[dict[str, Any]]:
    """Pupils on roll with an EHC plan that you may see, the most overdue first. A review is
    `due_soon` from six weeks before its date and `overdue` the day after it."""
    membership = _reader(request)
    rows = selectors.due_rows(membership=membership, day=timezone.localdate(), filters=selectors.DueFilters(
        status=query.status or "", nc_year=query.year or "", pfa_only=query.pfa_only))
    log_action(school=membership.school, user=request.user, action="ehcp_review.due_listed",
               data={"count": len(rows), "api_token": _token(request)})
    return [{"pupil_id": r.pupil.pk, "upn": r.pupil.upn, "ehcp_last_review": r.pupil.ehcp_last_review,
             "next_review_due": r.due, "status": r.status, "preparing_for_adulthood": r.pfa} for r in rows]


@router.get("/pupils/{pupil_id}/reviews", response={200: list[ReviewOut], 403: Message, 404: Message},
            summary="A pupil's EHCP annual reviews, newest first")
def list_reviews(request: HttpRequest, pupil_id: int) -> list[dict[str, Any]]:
    membership, pupil = _pupil(request, pupil_id)
    reviews = selectors.reviews_for(school=membership.school, pupil=pupil)
    log_action(school=membership.school, user=request.user, action="ehcp_review.pupil_viewed", obj=pupil,
               pupil_id=pupil.pk, data={"api_token": _token(request)})
    return [_review_out(r) for r in reviews]


@router.post("/pupils/{pupil_id}/reviews",
             response={201: ReviewOut, 403: Message, 404: Message, 422: ValidationProblems},
             summary="Record a review: one due, or one held with who attended and the outcome")
def create_review(request: HttpRequest, pupil_id: int, payload: ReviewIn) -> Status[dict[str, Any]]:
    """One review per pupil per academic year (of the due date). The pupil's `ehcp_last_review` and
    `ehcp_next_review` follow the reviews recorded."""
    membership, pupil = _pupil(request, pupil_id, rules.can_record_reviews)
    try:
        review = services.record_review(school=membership.school, pupil=pupil, by=request.user,
                                        recorded_by=membership, **payload.model_dump())
    except ValidationError as error:
        raise problems(error) from None
    return Status(201, _review_out(review))


@router.patch("/pupils/{pupil_id}/reviews",
              response={200: ReviewOut, 403: Message, 404: Message, 409: Message, 422: ValidationProblems},
              summary="Change a review (typically: record that it was held and what it decided)")
def update_review(request: HttpRequest, pupil_id: int, payload: ReviewPatch) -> dict[str, Any]:
    """Send `review_id`, only the fields to change, and the `version` you read."""
    membership, pupil = _pupil(request, pupil_id, rules.can_record_reviews)
    review = next((r for r in selectors.reviews_for(school=membership.school, pupil=pupil)
                   if r.pk == payload.review_id), None)
    if review is None:
        raise problems(ValidationError({"review_id": _("Choose one of this pupil's reviews.")}))
    given = payload.model_dump(exclude_unset=True, exclude={"review_id"})
    version = given.pop("version", None)
    try:
        services.update_review(review=review, by=request.user, expected_version=version, recorded_by=membership,
                               **given)
    except StaleEdit:
        raise HttpError(409, _("Someone else changed this review since you read it. Nothing has been saved: read "
                               "it again and send your change with the new version.")) from None
    except ValidationError as error:
        raise problems(error) from None
    review.refresh_from_db()
    return _review_out(review)


@router.get("/pupils/{pupil_id}/pfa-outcomes", response={200: list[OutcomeOut], 403: Message, 404: Message},
            summary="A pupil's Preparing for Adulthood outcomes and targets, with progress")
def list_outcomes(request: HttpRequest, pupil_id: int) -> list[dict[str, Any]]:
    membership, pupil = _pupil(request, pupil_id)
    outcomes = selectors.outcomes_for(school=membership.school, pupil=pupil)
    log_action(school=membership.school, user=request.user, action="pfa_outcome.listed", obj=pupil,
               pupil_id=pupil.pk, data={"api_token": _token(request)})
    return [_outcome_out(o) for o in outcomes]


def _review_of(membership: Membership, pupil: Pupil, review_id: int | None) -> AnnualReview | None:
    if review_id is None:
        return None
    review = next((r for r in selectors.reviews_for(school=membership.school, pupil=pupil) if r.pk == review_id), None)
    if review is None:
        raise problems(ValidationError({"review_id": _("Choose one of this pupil's reviews.")}))
    return review


@router.post("/pupils/{pupil_id}/pfa-outcomes",
             response={201: OutcomeOut, 403: Message, 404: Message, 422: ValidationProblems},
             summary="Add an EHCP outcome or provision plan target (Year 9 and above)")
def create_outcome(request: HttpRequest, pupil_id: int, payload: OutcomeIn) -> Status[dict[str, Any]]:
    membership, pupil = _pupil(request, pupil_id, rules.can_record_reviews)
    values = payload.model_dump(exclude={"review_id"})
    try:
        outcome = services.add_outcome(school=membership.school, pupil=pupil, by=request.user,
                                       review=_review_of(membership, pupil, payload.review_id), **values)
    except ValidationError as error:
        raise problems(error) from None
    return Status(201, _outcome_out(outcome))


@router.post("/pupils/{pupil_id}/pfa-progress",
             response={201: ProgressOut, 403: Message, 404: Message, 422: ValidationProblems},
             summary="Record progress towards an outcome or target")
def create_progress(request: HttpRequest, pupil_id: int, payload: ProgressIn) -> Status[dict[str, Any]]:
    """Earlier progress stays as the outcome's history."""
    membership, pupil = _pupil(request, pupil_id, rules.can_record_progress)
    outcome = PfaOutcome.objects.filter(school=membership.school, pupil=pupil, pk=payload.outcome_id).first()
    if outcome is None:
        raise problems(ValidationError({"outcome_id": _("Choose one of this pupil's outcomes or targets.")}))
    try:
        entry = services.record_progress(outcome=outcome, by=request.user, date=payload.date,  # type: ignore[arg-type]
                                         level=payload.level or "",
                                         note=payload.note, recorded_by=membership,
                                         review=_review_of(membership, pupil, payload.review_id))
    except ValidationError as error:
        raise problems(error) from None
    return Status(201, _progress_out(entry))
