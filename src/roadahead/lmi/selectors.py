"""Reads of the LMI log, always within one school and one academic year."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from roadahead.lmi.models import LmiItem, LmiShare
from roadahead.schools.models import ClassGroup, Pathway, School
from roadahead.schools.selectors import year_bounds


def _shares(school: School) -> QuerySet[LmiShare]:
    return LmiShare.objects.filter(school=school).prefetch_related(
        Prefetch("class_groups", queryset=ClassGroup.objects.filter(school=school).order_by("name")),
        Prefetch("pathways", queryset=Pathway.objects.filter(school=school)),
    ).order_by("-shared_on", "-id")


def item_list(*, school: School, start_year: int) -> list[LmiItem]:
    """Items received in the year, or received earlier and shared in it, with their shares.

    Four queries whatever the number of items and shares.
    """
    first, last = year_bounds(school=school, start_year=start_year)
    shared_in_year = LmiShare.objects.filter(school=school, item=OuterRef("pk"), shared_on__range=(first, last))
    items = (LmiItem.objects.filter(school=school)
             .filter(Q(received_on__range=(first, last)) | Q(Exists(shared_in_year)))
             .prefetch_related(Prefetch("shares", queryset=_shares(school)))
             .order_by("-received_on", "-id"))
    return list(items)


@dataclass(frozen=True)
class YearSummary:
    items: int
    shares: int
    with_classes: int
    with_pathways: int
    with_families: int
    with_staff: int


def year_summary(*, school: School, start_year: int) -> YearSummary:
    """How many items came in during the year and how often LMI was shared, with whom: two queries.

    A share to classes and families counts once in `shares` and once in each audience.
    """
    first, last = year_bounds(school=school, start_year=start_year)
    items = LmiItem.objects.filter(school=school, received_on__range=(first, last)).count()
    classes = LmiShare.class_groups.through.objects.filter(lmishare_id=OuterRef("pk"))
    pathways = LmiShare.pathways.through.objects.filter(lmishare_id=OuterRef("pk"))
    counts = (LmiShare.objects.filter(school=school, shared_on__range=(first, last))
              .annotate(has_classes=Exists(classes), has_pathways=Exists(pathways))
              .aggregate(shares=Count("id"),
                         with_classes=Count("id", filter=Q(has_classes=True)),
                         with_pathways=Count("id", filter=Q(has_pathways=True)),
                         with_families=Count("id", filter=Q(with_families=True)),
                         with_staff=Count("id", filter=Q(with_staff=True))))
    return YearSummary(items=items, **counts)


def item_detail(*, school: School, pk: int) -> LmiItem:
    item = (LmiItem.objects.filter(school=school, pk=pk)
            .prefetch_related(Prefetch("shares", queryset=_shares(school))).first())
    if item is None:
        raise Http404
    return item


def share_detail(*, school: School, pk: int) -> LmiShare:
    share = _shares(school).select_related("item").filter(pk=pk).first()
    if share is None:
        raise Http404
    return share
