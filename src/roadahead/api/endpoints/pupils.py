"""Pupils: the same people, the same rules and the same audit trail as the web pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from roadahead.api.common import field_problem, membership_of, page_of, problems, require
from roadahead.api.schemas import (
    Message,
    PupilCreate,
    PupilOut,
    PupilPage,
    PupilPatch,
    PupilQuery,
    ValidationProblems,
)
from roadahead.audit.services import log_action
from roadahead.core import dates
from roadahead.people import rules, selectors, services
from roadahead.people.models import Enrolment, Membership, Pupil
from roadahead.people.validators import normalise_upn
from roadahead.schools.models import School
from roadahead.schools.selectors import academic_year_start_on, class_groups, pathways
from roadahead.schools.services import ensure_academic_year

router = Router(tags=["pupils"])

ENROLMENT_FIELDS = ("nc_year", "class_id", "pathway_id")


def _named(obj: Any) -> dict[str, Any] | None:
    return {"id": obj.pk, "name": obj.name} if obj is not None else None


def pupil_out(pupil: Pupil, enrolment: Enrolment | None, *, year_label: str) -> dict[str, Any]:
    """The API's view of a pupil, from rows the selectors have already loaded (no further queries)."""
    data = {name: getattr(pupil, name) for name in (
        "id", "upn", "legal_forename", "legal_surname", "preferred_forename", "preferred_surname",
        "date_of_birth", "sex", "sen_provision", "looked_after", "ehcp_last_review", "ehcp_next_review",
        "communication_notes", "date_joined", "date_left", "version")}
    data["needs"] = [n.need for n in pupil.need_list]  # type: ignore[attr-defined]
    data["current_enrolment"] = None if enrolment is None else {
        "academic_year": year_label, "nc_year": enrolment.nc_year,
        "class": _named(enrolment.class_group), "pathway": _named(enrolment.pathway)}
    return data


def _year_label(school: School, day: dt.date) -> str:
    return dates.academic_year_label(academic_year_start_on(school=school, day=day))


def _detail(membership: Membership, pk: int, day: dt.date) -> tuple[Pupil, dict[str, Any]]:
    pupil = selectors.pupil_detail(membership=membership, pk=pk, day=day)
    return pupil, pupil_out(pupil, pupil.current, year_label=_year_label(membership.school, day))  # type: ignore[attr-defined]


def _refuse_duplicate_upn(school: School, upn: str, exclude_pk: int | None = None) -> None:
    same = Pupil.objects.filter(school=school, upn=normalise_upn(upn))
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    if same.exists():
        raise field_problem("upn", _("Another pupil in this school already has this UPN."))


def _enrolment_values(school: School, day: dt.date, given: dict[str, Any],
                      current: Enrolment | None) -> dict[str, Any] | None:
    """What to record for this academic year's enrolment, or None when nothing about it was sent.

    Fields left out keep their current values, so a client can move a pupil to another class
    without repeating their NC year.
    """
    if not given:
        return None
    start_year = academic_year_start_on(school=school, day=day)
    nc_year = given.get("nc_year") or (current.nc_year if current else None)
    if not nc_year:
        raise field_problem("nc_year", _("Give the pupil's NC year this academic year as well as their class "
                                         "or pathway."))
    if "class_id" in given:
        class_group = None
        if given["class_id"] is not None:
            class_group = class_groups(school=school, start_year=start_year).filter(pk=given["class_id"]).first()
            if class_group is None:
                raise field_problem("class_id", _("There is no class with this id in your school this "
                                                  "academic year."))
    else:
        class_group = current.class_group if current else None
    if "pathway_id" in given:
        pathway = None
        if given["pathway_id"] is not None:
            pathway = pathways(school=school).filter(pk=given["pathway_id"]).first()
            if pathway is None:
                raise field_problem("pathway_id", _("There is no pathway with this id in your school."))
    else:
        pathway = current.pathway if current else None
    return {"start_year": start_year, "nc_year": nc_year, "class_group": class_group, "pathway": pathway}


def _enrol(pupil: Pupil, values: dict[str, Any]) -> bool:
    year = ensure_academic_year(school=pupil.school, start_year=values["start_year"])
    _enrolment, changed = services.enrol(pupil=pupil, academic_year=year, nc_year=values["nc_year"],
                                         class_group=values["class_group"], pathway=values["pathway"])
    return changed


def _list(request: HttpRequest, filters: PupilQuery) -> dict[str, Any]:
    membership = membership_of(request)
    today = timezone.localdate()
    found = selectors.pupil_list(membership=membership, day=today, filters=selectors.PupilFilters(
        search=filters.search, nc_year=filters.year or "", class_group=filters.class_id, pathway=filters.pathway,
        need=filters.need or "", looked_after=filters.looked_after, status=filters.status))
    page = page_of(found, page=filters.page, page_size=filters.page_size)
    year_label = _year_label(membership.school, today)
    log_action(school=membership.school, user=request.user, action="pupil.listed",
               data={"count": len(page.items), "api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return {**page.__dict__,
            "items": [pupil_out(p, selectors.current_enrolment(p), year_label=year_label) for p in page.items]}


@router.get("/pupils", response={200: PupilPage, 422: ValidationProblems}, by_alias=True,
            summary="List the pupils you may see")
def list_pupils(request: HttpRequest, filters: Query[PupilQuery]) -> dict[str, Any]:
    """Careers leaders and senior leaders see every pupil; class staff the pupils in their classes
    this academic year; careers advisers the pupils assigned to them. Pupils who have left are
    listed only with `status=left` or `status=all`. To search by name or UPN without putting them
    in the address (and so in server logs), use `POST /pupils/search`."""
    return _list(request, filters)


@router.post("/pupils/search", response={200: PupilPage, 422: ValidationProblems}, by_alias=True,
             summary="List the pupils you may see, with the filters in the body")
def search_pupils(request: HttpRequest, filters: PupilQuery) -> dict[str, Any]:
    """The same as `GET /pupils`, with the filters sent as JSON so that names and UPNs stay out
    of addresses. It only reads, so read-only tokens may use it."""
    return _list(request, filters)


@router.get("/pupils/{pupil_id}", response={200: PupilOut, 404: Message}, by_alias=True, summary="One pupil")
def get_pupil(request: HttpRequest, pupil_id: int) -> dict[str, Any]:
    """A pupil you may not see answers 404, exactly as one that does not exist."""
    membership = membership_of(request)
    pupil, data = _detail(membership, pupil_id, timezone.localdate())
    log_action(school=membership.school, user=request.user, action="pupil.viewed", obj=pupil, pupil_id=pupil.pk,
               data={"api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return data


@router.post("/pupils", response={201: PupilOut, 403: Message, 422: ValidationProblems}, by_alias=True,
             summary="Add a pupil (careers leaders)")
def create_pupil(request: HttpRequest, payload: PupilCreate) -> Status[dict[str, Any]]:
    membership = require(request, rules.can_edit_pupils)
    school, today = membership.school, timezone.localdate()
    values = payload.model_dump(exclude={"needs", *ENROLMENT_FIELDS})
    enrolment = _enrolment_values(school, today, payload.model_dump(include=set(ENROLMENT_FIELDS),
                                                                    exclude_none=True), current=None)
    _refuse_duplicate_upn(school, values["upn"])
    try:
        with transaction.atomic():
            pupil = services.create_pupil(school=school, by=request.user, **values)
            services.set_needs(pupil=pupil, needs=payload.needs)
            if enrolment is not None:
                _enrol(pupil, enrolment)
    except IntegrityError:
        # Two clients adding the same UPN at once: the database's unique key stops the second.
        raise field_problem("upn", _("Another pupil in this school already has this UPN.")) from None
    except ValidationError as error:
        raise problems(error) from None
    return Status(201, _detail(membership, pupil.pk, today)[1])


@router.patch("/pupils/{pupil_id}",
              response={200: PupilOut, 403: Message, 404: Message, 409: Message, 422: ValidationProblems},
              by_alias=True, summary="Change a pupil (careers leaders)")
def update_pupil(request: HttpRequest, pupil_id: int, payload: PupilPatch) -> dict[str, Any]:
    """Send only the fields to change, and the `version` you read to be told (409) instead of
    overwriting someone else's change."""
    membership = require(request, rules.can_edit_pupils)
    school, today = membership.school, timezone.localdate()
    pupil = selectors.pupil_detail(membership=membership, pk=pupil_id, day=today)
    given = payload.model_dump(exclude_unset=True)
    version = given.pop("version", None)
    stale = _("Someone else changed this pupil's record since you read it. Nothing has been saved: "
              "read the pupil again and send your change with the new version.")
    if version is not None and version != pupil.version:
        raise HttpError(409, stale)
    needs = given.pop("needs", None)
    enrolment = _enrolment_values(school, today, {k: given.pop(k) for k in ENROLMENT_FIELDS if k in given},
                                  current=pupil.current)  # type: ignore[attr-defined]
    if "upn" in given:
        _refuse_duplicate_upn(school, given["upn"], exclude_pk=pupil.pk)
    try:
        with transaction.atomic():
            changed = services.update_pupil(pupil=pupil, by=request.user, expected_version=version, audit=False,
                                            **given)
            if needs is not None and services.set_needs(pupil=pupil, needs=needs):
                changed.append("needs")
            if enrolment is not None and _enrol(pupil, enrolment):
                changed.append("enrolment")
            if changed:
                log_action(school=school, user=request.user, action="pupil.changed", obj=pupil, pupil_id=pupil.pk,
                           data={"fields": changed, "api_token": request.api_token.pk})  # type: ignore[attr-defined]
    except services.StaleEdit:
        raise HttpError(409, stale) from None
    except IntegrityError:
        raise field_problem("upn", _("Another pupil in this school already has this UPN.")) from None
    except ValidationError as error:
        raise problems(error) from None
    return _detail(membership, pupil.pk, today)[1]
