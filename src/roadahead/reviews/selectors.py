"""Reads of annual reviews and Preparing for Adulthood outcomes, always through the member's visibility.

A pupil the member may not see is a 404 here, exactly as on the pupil's own page; the views never
fetch a review or an outcome without going through these.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from roadahead.people.enums import SenProvision
from roadahead.people.models import Enrolment, Membership, Pupil
from roadahead.people.selectors import enrolled_in, pupils_visible_to, visible_pupil
from roadahead.reviews.due import due_status, next_due, pfa_applies
from roadahead.reviews.enums import DueStatus, PfaArea
from roadahead.reviews.models import AnnualReview, PfaOutcome, PfaProgress
from roadahead.schools.models import School
from roadahead.schools.selectors import academic_year_start_on

# ## The due and overdue list #####################################################################


@dataclass(frozen=True)
class DueFilters:
    status: str = ""  # a DueStatus value, or "" for every pupil
    nc_year: str = ""
    class_group: int | None = None
    pfa_only: bool = False


@dataclass(frozen=True)
class DueRow:
    pupil: Pupil
    enrolment: Enrolment | None
    due: dt.date | None
    status: DueStatus
    days: int | None  # days until due (negative when overdue)
    pfa: bool

    @property
    def days_late(self) -> int:
        return -self.days if self.days is not None and self.days < 0 else 0


def _ehcp_pupils_on_roll(pupils: QuerySet[Pupil], day: dt.date) -> QuerySet[Pupil]:
    return pupils.filter(Q(date_left__isnull=True) | Q(date_left__gt=day), sen_provision=SenProvision.EHC_PLAN)


def due_rows(*, membership: Membership, day: dt.date, filters: DueFilters | None = None) -> list[DueRow]:
    """Every visible pupil on roll with an EHC plan, with when their next review is due.

    Two queries whatever the number of pupils (pupils, then this year's enrolments). The due date
    is the pupil's `ehcp_next_review`, or a year after `ehcp_last_review` when only that is known;
    recording a review keeps both in step (see services.sync_pupil_dates). Sorted with the most
    overdue first and pupils with no date last, so the list reads as a to-do list.
    """
    filters = filters or DueFilters()
    school = membership.school
    start_year = academic_year_start_on(school=school, day=day)
    pupils = _ehcp_pupils_on_roll(pupils_visible_to(membership=membership, day=day), day)
    pupils = enrolled_in(pupils, school=school, start_year=start_year, nc_year=filters.nc_year,
                         class_group=filters.class_group)
    pupils = pupils.prefetch_related(Prefetch(
        "enrolments", queryset=Enrolment.objects.filter(school=school, academic_year__start_year=start_year)
        .select_related("class_group"), to_attr="current_enrolments"))
    rows = []
    for pupil in pupils:
        enrolment = pupil.current_enrolments[0] if pupil.current_enrolments else None  # type: ignore[attr-defined]
        due = next_due(last_review=pupil.ehcp_last_review, next_review=pupil.ehcp_next_review)
        status = due_status(due, today=day)
        pfa = pfa_applies(nc_year=enrolment.nc_year if enrolment else None, date_of_birth=pupil.date_of_birth,
                          start_year=start_year)
        if filters.status and status != filters.status:
            continue
        if filters.pfa_only and not pfa:
            continue
        rows.append(DueRow(pupil, enrolment, due, status, (due - day).days if due else None, pfa))
    rows.sort(key=lambda r: (r.due is None, r.due or day, r.pupil.legal_surname, r.pupil.legal_forename, r.pupil.pk))
    return rows


def due_counts(*, school: School, day: dt.date) -> dict[str, int]:
    """How many pupils on roll with an EHC plan have a review overdue, due soon, later or undated.

    The whole school, as counts only: what governors and senior leaders see. One query.
    """
    pupils = _ehcp_pupils_on_roll(Pupil.objects.filter(school=school), day)
    counted = Counter(
        due_status(next_due(last_review=last, next_review=nxt), today=day)
        for last, nxt in pupils.values_list("ehcp_last_review", "ehcp_next_review"))
    return {status.value: counted.get(status, 0) for status in DueStatus}


# ## One pupil ####################################################################################


def review_pupil(*, membership: Membership, pk: int, day: dt.date) -> Pupil:
    """A pupil the member may see, with `current` (this year's enrolment) and `pfa` set; else 404."""
    pupil = visible_pupil(membership=membership, pk=pk, day=day)
    start_year = academic_year_start_on(school=membership.school, day=day)
    pupil.current = (Enrolment.objects.filter(  # type: ignore[attr-defined]
        school=membership.school, pupil=pupil, academic_year__start_year=start_year)
        .select_related("class_group", "pathway").first())
    pupil.pfa = pfa_applies(  # type: ignore[attr-defined]
        nc_year=pupil.current.nc_year if pupil.current else None,  # type: ignore[attr-defined]
        date_of_birth=pupil.date_of_birth, start_year=start_year)
    return pupil


def reviews_for(*, school: School, pupil: Pupil) -> list[AnnualReview]:
    """The pupil's reviews, newest first: one query."""
    return list(AnnualReview.objects.filter(school=school, pupil=pupil)
                .select_related("academic_year", "recorded_by__user").order_by("-date_due", "-id"))


def visible_review(*, membership: Membership, pk: int, day: dt.date) -> AnnualReview:
    """A review of a pupil the member may see; otherwise 404, as if it did not exist."""
    review = (AnnualReview.objects.filter(
        school=membership.school, pk=pk, pupil__in=pupils_visible_to(membership=membership, day=day))
        .select_related("pupil", "academic_year").first())
    if review is None:
        raise Http404
    return review


def visible_outcome(*, membership: Membership, pk: int, day: dt.date) -> PfaOutcome:
    outcome = (PfaOutcome.objects.filter(
        school=membership.school, pk=pk, pupil__in=pupils_visible_to(membership=membership, day=day))
        .select_related("pupil").first())
    if outcome is None:
        raise Http404
    return outcome


def outcomes_for(*, school: School, pupil: Pupil, since: dt.date | None = None,
                 current_only: bool = False) -> list[PfaOutcome]:
    """The pupil's outcomes and targets, each with `history` (progress, newest first) and `latest`.

    Two queries. `since` keeps only progress on or after that day (outcomes still listed);
    `current_only` leaves out outcomes no longer worked on.
    """
    progress = PfaProgress.objects.filter(school=school).select_related("recorded_by__user", "review")
    if since is not None:
        progress = progress.filter(date__gte=since)
    outcomes = PfaOutcome.objects.filter(school=school, pupil=pupil)
    if current_only:
        outcomes = outcomes.filter(ended_on__isnull=True)
    found = list(outcomes.prefetch_related(Prefetch("progress", queryset=progress.order_by("-date", "-id"),
                                                    to_attr="history")).order_by("set_on", "id"))
    for outcome in found:
        outcome.latest = outcome.history[0] if outcome.history else None  # type: ignore[attr-defined]
    return found


@dataclass
class AreaGroup:
    area: PfaArea
    label: str
    outcomes: list[PfaOutcome] = field(default_factory=list)


def by_area(outcomes: list[PfaOutcome]) -> list[AreaGroup]:
    """The four areas in the Code of Practice's order, each with its outcomes (empty areas kept)."""
    groups = {area: AreaGroup(area, str(area.label)) for area in PfaArea}
    for outcome in outcomes:
        groups[PfaArea(outcome.area)].outcomes.append(outcome)
    return list(groups.values())


@dataclass(frozen=True)
class PfaSummaryRow:
    label: str
    current: int
    achieved: int


def pfa_summary(*, school: School, pupil: Pupil) -> list[PfaSummaryRow]:
    """Per area: outcomes being worked on, and how many of them are achieved. Two queries."""
    groups = by_area(outcomes_for(school=school, pupil=pupil, current_only=True))
    return [PfaSummaryRow(g.label, len(g.outcomes),
                          sum(1 for o in g.outcomes if o.latest and o.latest.level == "achieved"))  # type: ignore[attr-defined]
            for g in groups]
