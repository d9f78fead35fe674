from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from roadahead.people import rules
from roadahead.people.enums import Role
from roadahead.people.models import Enrolment, Membership, Pupil, PupilNeed
from roadahead.schools.models import School
from roadahead.schools.selectors import academic_year_start_on


def memberships_for(*, user: object) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, is_active=True).select_related("school").order_by("school__name")


def membership_in(*, user: object, school: School) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, school=school, is_active=True).first()


def pupils_visible_to(*, membership: Membership, day: dt.date) -> QuerySet[Pupil]:
    """Every pupil this member may see.

    Careers leaders and senior leaders see the whole school; class staff see the pupils enrolled
    in their classes this academic year; careers advisers see only the pupils assigned to them.
    """
    school = membership.school
    pupils = Pupil.objects.filter(school=school)
    if rules.sees_every_pupil(membership):
        return pupils
    if membership.role == Role.STAFF:
        start_year = academic_year_start_on(school=school, day=day)
        return pupils.filter(
            id__in=Enrolment.objects.filter(
                school=school, academic_year__start_year=start_year,
                class_group__staff=membership).values("pupil_id"))
    if membership.role == Role.ADVISER:
        return pupils.filter(adviser_assignments__adviser=membership)
    return pupils.none()


def visible_pupil(*, membership: Membership, pk: int, day: dt.date) -> Pupil:
    """The pupil with this id if the member may see it; otherwise 404, as if it did not exist."""
    pupil = pupils_visible_to(membership=membership, day=day).filter(pk=pk).first()
    if pupil is None:
        raise Http404
    return pupil


@dataclass
class PupilFilters:
    search: str = ""
    nc_year: str = ""
    class_group: int | None = None
    pathway: int | None = None
    need: str = ""
    looked_after: bool | None = None
    status: str = "on_roll"  # on_roll | left | all
    extra: dict[str, str] = field(default_factory=dict)


def enrolled_in(pupils: QuerySet[Pupil], *, school: School, start_year: int, nc_year: str = "",
                nc_years: Sequence[str] | None = None, class_group: int | None = None,
                pathway: int | None = None) -> QuerySet[Pupil]:
    """`pupils` narrowed to those whose enrolment in the academic year starting `start_year` is in
    this NC year (or one of `nc_years`; an empty list matches no one), class and pathway. With none
    of these given, `pupils` unchanged. One subquery, so still one query when read."""
    wanted: dict[str, object] = {}
    if nc_year:
        wanted["nc_year"] = nc_year
    if nc_years is not None:
        wanted["nc_year__in"] = list(nc_years)
    if class_group:
        wanted["class_group_id"] = class_group
    if pathway:
        wanted["pathway_id"] = pathway
    if not wanted:
        return pupils
    return pupils.filter(pk__in=Enrolment.objects.filter(
        school=school, academic_year__start_year=start_year, **wanted).values("pupil_id"))


def pupil_list(*, membership: Membership, filters: PupilFilters, day: dt.date) -> QuerySet[Pupil]:
    """Visible pupils matching the filters, with this year's enrolment and needs prefetched.

    Each pupil gets `current` (this year's Enrolment or None) and `need_list` (ranked needs), in a
    fixed number of queries whatever the number of pupils.
    """
    school = membership.school
    start_year = academic_year_start_on(school=school, day=day)
    pupils = pupils_visible_to(membership=membership, day=day)
    if filters.status == "on_roll":
        pupils = pupils.filter(Q(date_left__isnull=True) | Q(date_left__gt=day))
    elif filters.status == "left":
        pupils = pupils.filter(date_left__lte=day)
    if filters.search:
        for word in filters.search.split()[:5]:
            pupils = pupils.filter(
                Q(legal_forename__icontains=word) | Q(legal_surname__icontains=word)
                | Q(preferred_forename__icontains=word) | Q(preferred_surname__icontains=word)
                | Q(upn__iexact=word))
    pupils = enrolled_in(pupils, school=school, start_year=start_year, nc_year=filters.nc_year,
                         class_group=filters.class_group, pathway=filters.pathway)
    if filters.need:
        pupils = pupils.filter(id__in=PupilNeed.objects.filter(school=school, need=filters.need).values("pupil_id"))
    if filters.looked_after is not None:
        pupils = pupils.filter(looked_after=filters.looked_after)
    return pupils.prefetch_related(
        Prefetch("enrolments",
                 queryset=Enrolment.objects.filter(school=school, academic_year__start_year=start_year)
                 .select_related("class_group", "pathway"),
                 to_attr="current_enrolments"),
        Prefetch("needs", queryset=PupilNeed.objects.filter(school=school).order_by("rank"), to_attr="need_list"),
    ).order_by("legal_surname", "legal_forename", "id")


def current_enrolment(pupil: Pupil) -> Enrolment | None:
    enrolments = getattr(pupil, "current_enrolments", None)
    return enrolments[0] if enrolments else None


def pupil_detail(*, membership: Membership, pk: int, day: dt.date) -> Pupil:
    """One visible pupil with every enrolment and need loaded."""
    pupil = visible_pupil(membership=membership, pk=pk, day=day)
    school = membership.school
    pupil.all_enrolments = list(  # type: ignore[attr-defined]
        Enrolment.objects.filter(school=school, pupil=pupil)
        .select_related("academic_year", "class_group", "pathway").order_by("-academic_year__start_year"))
    pupil.need_list = list(PupilNeed.objects.filter(school=school, pupil=pupil).order_by("rank"))  # type: ignore[attr-defined]
    start_year = academic_year_start_on(school=school, day=day)
    pupil.current = next(  # type: ignore[attr-defined]
        (e for e in pupil.all_enrolments if e.academic_year.start_year == start_year), None)  # type: ignore[attr-defined]
    return pupil
