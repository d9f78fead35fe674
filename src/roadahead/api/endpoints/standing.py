"""Standing, PAL and benchmark coverage: the same records as `roadahead report`, for the pupils you may see.

Every member may read them. Careers leaders and senior leaders get the whole school; class staff
the pupils in their classes this academic year; careers advisers the pupils assigned to them. The
coverage cohort is narrowed the same way, so its counts never reveal pupils the member cannot see.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from roadahead.api.common import membership_of
from roadahead.api.schemas import ValidationProblems
from roadahead.audit.services import log_action
from roadahead.people.selectors import pupils_visible_to
from roadahead.standing.reports import coverage_records, pal_records, standing_records

router = Router(tags=["standing"])

StatusName = Literal["met", "on_track", "at_risk", "not_met"]


class AsOf(Schema):
    as_of: dt.date | None = Field(None, description="The day to report on, YYYY-MM-DD (default today).")


class StandingOut(Schema):
    upn: str
    rule: str = Field(description="The rule's code.")
    benchmark: int | None = Field(description="The Gatsby Benchmark (1-8) the rule reports under, if any.")
    period_start: dt.date
    period_end: dt.date
    required: int
    achieved: int
    status: StatusName


class PalOut(Schema):
    upn: str
    key_phase: int = Field(description="The Provider Access Legislation key phase, 1 to 3.")
    required: int
    achieved: int
    status: StatusName


class CoverageOut(Schema):
    benchmark: int
    title: str
    cohort_size: int = Field(description="Pupils on roll on the last day of the academic year that you may see.")
    with_evidence: int = Field(description="How many of them took part in an activity evidencing the benchmark.")


def _run(request: HttpRequest, query: AsOf, report: Any, action: str) -> list[dict[str, Any]]:
    membership = membership_of(request)
    today = timezone.localdate()
    as_of = query.as_of or today
    # Visibility is judged on the day reported on, so class staff see last year's class for a past date.
    visible = pupils_visible_to(membership=membership, day=as_of)
    records = report(school=membership.school, as_of=as_of, pupils=visible)
    log_action(school=membership.school, user=request.user, action=action,
               data={"as_of": as_of.isoformat(), "count": len(records),
                     "api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return records


@router.get("/standing", response={200: list[StandingOut], 422: ValidationProblems},
            summary="Every pupil you may see against every rule that applies to them")
def list_standing(request: HttpRequest, query: Query[AsOf]) -> list[dict[str, Any]]:
    """One record per pupil on roll per applicable rule, as `roadahead report standing` prints it:
    what is required over which period, what has been achieved by `as_of`, and the status
    (met, on_track, at_risk or not_met)."""
    return _run(request, query, standing_records, "standing.listed")


@router.get("/standing/pal", response={200: list[PalOut], 422: ValidationProblems},
            summary="Provider access (PAL) key phases for every pupil you may see")
def list_pal(request: HttpRequest, query: Query[AsOf]) -> list[dict[str, Any]]:
    """One record per pupil per PAL key phase that applies to them on `as_of`."""
    return _run(request, query, pal_records, "standing.pal_listed")


@router.get("/standing/coverage", response={200: list[CoverageOut], 422: ValidationProblems},
            summary="Benchmark coverage over the academic year")
def list_coverage(request: HttpRequest, query: Query[AsOf]) -> list[dict[str, Any]]:
    """Per benchmark, over the academic year containing `as_of`: how many pupils you may see were on
    roll at its end, and how many of them have evidence."""
    return _run(request, query, coverage_records, "standing.coverage_listed")
