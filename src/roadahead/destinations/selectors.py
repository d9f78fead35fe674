"""Reads: leavers the member may see, their destinations and check-ins, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from roadahead.core import dates
from roadahead.destinations import scheduling
from roadahead.destinations.enums import CheckInState
from roadahead.destinations.models import NEWEST_FIRST, CheckIn, Destination
from roadahead.people.models import Membership, Pupil
from roadahead.people.selectors import pupils_visible_to
from roadahead.schools.models import AcademicYear, School

DESTINATION_RELATED = ("category", "provider", "pathway", "recorded_by__user")


def leaving_year_in(years: list[AcademicYear], day: dt.date) -> int:
    """The academic year (its start year) `day` falls in, by the school's years if set up, else 1 Sep-31 Aug."""
    for year in years:
        if year.starts_on <= day <= year.ends_on:
            return year.start_year
    return dates.academic_year_of(day)


def leavers_visible_to(*, membership: Membership, day: dt.date) -> QuerySet[Pupil]:
    return pupils_visible_to(membership=membership, day=day).filter(date_left__isnull=False, date_left__lte=day)


def visible_leaver(*, membership: Membership, pk: int, day: dt.date) -> Pupil:
    """A pupil who has left and whom the member may see; anything else is a 404."""
    pupil = leavers_visible_to(membership=membership, day=day).filter(pk=pk).first()
    if pupil is None:
        raise Http404
    return pupil


def visible_pupil(*, membership: Membership, pk: int, day: dt.date) -> Pupil:
    """Any pupil the member may see (the pupil page's fragment shows 'not left yet' for pupils on roll)."""
    pupil = pupils_visible_to(membership=membership, day=day).filter(pk=pk).first()
    if pupil is None:
        raise Http404
    return pupil


def destination_for_member(*, membership: Membership, pk: int, day: dt.date) -> Destination:
    destination = (Destination.objects.filter(school=membership.school, pk=pk,
                                              pupil__in=leavers_visible_to(membership=membership, day=day))
                   .select_related("pupil", *DESTINATION_RELATED).first())
    if destination is None:
        raise Http404
    return destination


def check_in_for_member(*, membership: Membership, pk: int, day: dt.date) -> CheckIn:
    check_in = (CheckIn.objects.filter(school=membership.school, pk=pk,
                                       pupil__in=leavers_visible_to(membership=membership, day=day))
                .select_related("pupil").first())
    if check_in is None:
        raise Http404
    return check_in


def destination_for_pupil(*, school: School, pupil: Pupil) -> Destination | None:
    """The pupil's latest destination, with `check_ins` (all the pupil's check-ins, in order), or None.

    Two queries. For the EHCP contribution and other pages that show where a leaver went.
    """
    destination = (Destination.objects.filter(school=school, pupil=pupil).select_related(*DESTINATION_RELATED)
                   .order_by(*NEWEST_FIRST).first())
    if destination is None:
        return None
    destination.check_ins = list(  # type: ignore[attr-defined]
        CheckIn.objects.filter(school=school, pupil=pupil).select_related("new_destination__category")
        .order_by("number"))
    return destination


def pupil_history(*, school: School, pupil: Pupil) -> tuple[list[Destination], list[CheckIn]]:
    destinations = list(Destination.objects.filter(school=school, pupil=pupil).select_related(*DESTINATION_RELATED)
                        .order_by(*NEWEST_FIRST))
    check_ins = list(CheckIn.objects.filter(school=school, pupil=pupil)
                     .select_related("new_destination__category", "recorded_by__user").order_by("number"))
    return destinations, check_ins


@dataclass
class LeaverRow:
    pupil: Pupil
    destination: Destination | None
    check_ins: list[CheckIn] = field(default_factory=list)
    next_check_in: CheckIn | None = None
    next_state: CheckInState | None = None
    sustained: bool | None = None
    leaving_year: int = 0


def _latest(destinations: list[Destination]) -> Destination | None:
    if not destinations:
        return None
    return max(destinations, key=lambda d: (d.start_date or dt.date.min, d.pk))


def leaver_rows(*, membership: Membership, day: dt.date, left_from: dt.date | None = None,
                left_to: dt.date | None = None) -> list[LeaverRow]:
    """Every leaver the member may see (optionally left between two days), newest leavers first.

    Four queries whatever the number of leavers.
    """
    school = membership.school
    pupils = leavers_visible_to(membership=membership, day=day)
    if left_from is not None:
        pupils = pupils.filter(date_left__gte=left_from)
    if left_to is not None:
        pupils = pupils.filter(date_left__lte=left_to)
    pupils = pupils.prefetch_related(
        Prefetch("destinations", queryset=Destination.objects.filter(school=school)
                 .select_related("category", "provider"), to_attr="destination_list"),
        Prefetch("destination_check_ins", queryset=CheckIn.objects.filter(school=school).order_by("number"),
                 to_attr="check_in_list"),
    ).order_by("-date_left", "legal_surname", "legal_forename", "id")
    years = list(AcademicYear.objects.filter(school=school))
    rows = []
    for pupil in pupils:
        check_ins = pupil.check_in_list  # type: ignore[attr-defined]
        row = LeaverRow(pupil=pupil, destination=_latest(pupil.destination_list),  # type: ignore[attr-defined]
                        check_ins=check_ins)
        pending = [c for c in check_ins if c.done_on is None]
        if pending:
            row.next_check_in = pending[0]
            row.next_state = scheduling.state_of(due_on=pending[0].due_on, done_on=None, today=day)
        done = [c for c in check_ins if c.done_on is not None and c.sustained is not None]
        row.sustained = done[-1].sustained if done else None
        row.leaving_year = leaving_year_in(years, pupil.date_left)
        rows.append(row)
    return rows


@dataclass
class DueCheckIn:
    check_in: CheckIn
    state: CheckInState
    destination: Destination | None


def check_ins_due(*, membership: Membership, day: dt.date) -> list[DueCheckIn]:
    """Check-ins not yet made whose time has come (due or overdue), soonest due first. Two queries."""
    school = membership.school
    check_ins = list(CheckIn.objects.filter(
        school=school, done_on__isnull=True, due_on__lte=day + scheduling.DUE_BEFORE,
        pupil__in=leavers_visible_to(membership=membership, day=day))
        .select_related("pupil").order_by("due_on", "id"))
    latest: dict[int, Destination] = {}
    for destination in (Destination.objects.filter(school=school, pupil_id__in={c.pupil_id for c in check_ins})
                        .select_related("category").order_by("start_date", "id")):
        current = latest.get(destination.pupil_id)
        if current is None or (destination.start_date or dt.date.min, destination.pk) >= (
                current.start_date or dt.date.min, current.pk):
            latest[destination.pupil_id] = destination
    return [DueCheckIn(c, scheduling.state_of(due_on=c.due_on, done_on=None, today=day), latest.get(c.pupil_id))
            for c in check_ins]
