"""Reads of staff careers training, always within one school and one academic year."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from roadahead.cpd.models import CpdRecord
from roadahead.people.enums import Role
from roadahead.people.models import Membership
from roadahead.schools.models import School
from roadahead.schools.selectors import year_bounds


@dataclass(frozen=True)
class Total:
    member: Membership
    hours: Decimal
    records: int


def totals(*, school: School, start_year: int) -> list[Total]:
    """Hours of careers training per member of staff in the year: one query.

    Every active member is listed, with none as 0, so the careers leader sees who has had no
    training yet; a member who has left still shows if they trained that year.
    """
    first, last = year_bounds(school=school, start_year=start_year)
    in_year = Q(cpd_records__date__range=(first, last), cpd_records__school=school)
    members = (Membership.objects.filter(school=school).select_related("user")
               .annotate(hours=Sum("cpd_records__hours", filter=in_year),
                         records=Count("cpd_records", filter=in_year))
               .filter(Q(is_active=True) | Q(records__gt=0))
               .order_by("user__full_name", "pk"))
    return [Total(m, m.hours or Decimal("0"), m.records) for m in members]


def records(*, school: School, start_year: int, member: Membership | None = None) -> QuerySet[CpdRecord]:
    """Training records in the year, newest first, optionally one member's only: one query."""
    first, last = year_bounds(school=school, start_year=start_year)
    found = CpdRecord.objects.filter(school=school, date__range=(first, last)).select_related("member__user")
    if member is not None:
        found = found.filter(member=member)
    return found.order_by("-date", "-id")


def record_detail(*, school: School, pk: int, viewer: Membership) -> CpdRecord:
    """A record the viewer may see: any for the careers leader, their own for anyone else.

    Another member's record is a 404, as if it did not exist.
    """
    found = CpdRecord.objects.filter(school=school, pk=pk).select_related("member__user")
    if viewer.role != Role.CAREERS_LEADER:
        found = found.filter(member=viewer)
    record = found.first()
    if record is None:
        raise Http404
    return record


def staff_members(*, school: School) -> QuerySet[Membership]:
    return Membership.objects.filter(school=school, is_active=True).select_related("user").order_by("user__full_name")
