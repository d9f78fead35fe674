from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from roadahead.core import dates
from roadahead.schools.models import AcademicYear, ClassGroup, Pathway, Phase, School


def academic_year_on(*, school: School, day: dt.date) -> AcademicYear | None:
    """The school's academic year containing `day`, if the school has set it up."""
    return AcademicYear.objects.filter(school=school, starts_on__lte=day, ends_on__gte=day).first()


def academic_year_start_on(*, school: School, day: dt.date) -> int:
    """The start year of the academic year containing `day`, by the school's own dates if known."""
    year = academic_year_on(school=school, day=day)
    return year.start_year if year else dates.academic_year_of(day)


def phases(*, school: School) -> QuerySet[Phase]:
    return Phase.objects.filter(school=school)


def pathways(*, school: School) -> QuerySet[Pathway]:
    return Pathway.objects.filter(school=school)


def class_groups(*, school: School, start_year: int) -> QuerySet[ClassGroup]:
    return ClassGroup.objects.filter(school=school, academic_year__start_year=start_year)


def phase_for_year(*, phase_list: list[Phase], nc_year: str) -> Phase | None:
    for phase in phase_list:
        if phase.covers(nc_year):
            return phase
    return None


def year_bounds(*, school: School, start_year: int) -> tuple[dt.date, dt.date]:
    """First and last day of an academic year, by the school's own calendar when it has one."""
    year = AcademicYear.objects.filter(school=school, start_year=start_year).first()
    return (year.starts_on, year.ends_on) if year else dates.academic_year_bounds(start_year)
