"""Reads of subjects, schemes of learning and how they cover the school's phases.

A scheme covers a phase when the phase is ticked on it, or when its NC year range overlaps the
phase's years. The grid, the filtered scheme list and the activity list behind a cell all use
`scheme_covers`, so the numbers in a cell and the list behind it always agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from roadahead.core import dates
from roadahead.curriculum.models import Scheme, Subject
from roadahead.schools.models import AcademicYear, Phase, School


def subjects(*, school: School) -> QuerySet[Subject]:
    """The school's subjects with how many schemes each has: one query."""
    return Subject.objects.filter(school=school).annotate(scheme_count=Count("schemes")).order_by("name")


def subject_detail(*, school: School, pk: int) -> Subject:
    subject = Subject.objects.filter(school=school, pk=pk).first()
    if subject is None:
        raise Http404
    return subject


def phases(*, school: School) -> list[Phase]:
    return list(Phase.objects.filter(school=school).order_by("order", "name"))


def _ordinal_range(first: str, last: str) -> tuple[int, int] | None:
    low, high = dates.nc_year_ordinal(first or ""), dates.nc_year_ordinal(last or "")
    if low is None or high is None:
        return None
    return low, high


def scheme_covers(scheme: Scheme, phase: Phase, phase_ids: set[int] | None = None) -> bool:
    """Whether `scheme` is planned for `phase`: ticked, or its NC years overlap the phase's.

    `phase_ids` are the scheme's ticked phases, passed in when already loaded (prefetched).
    """
    ticked = phase_ids if phase_ids is not None else {p.pk for p in scheme.phases.all()}
    if phase.pk in ticked:
        return True
    years = _ordinal_range(scheme.first_year, scheme.last_year)
    span = _ordinal_range(phase.first_year, phase.last_year)
    return years is not None and span is not None and years[0] <= span[1] and span[0] <= years[1]


def _schemes_with_phases(school: School) -> QuerySet[Scheme]:
    return (Scheme.objects.filter(school=school).select_related("subject")
            .prefetch_related(Prefetch("phases", queryset=Phase.objects.filter(school=school)))
            .order_by("subject__name", "title"))


def academic_years(*, school: School) -> list[AcademicYear]:
    return list(AcademicYear.objects.filter(school=school).order_by("-start_year"))


@dataclass
class Cell:
    subject: Subject
    phase: Phase
    schemes: int = 0
    activities: int = 0


@dataclass
class CoverageGrid:
    phases: list[Phase]
    rows: list[tuple[Subject, list[Cell]]]
    unplaced: list[Scheme] = field(default_factory=list)  # schemes with neither phases nor years

    @property
    def gaps(self) -> int:
        return sum(1 for _, cells in self.rows for cell in cells if not cell.schemes)


def coverage_grid(*, school: School, start_year: int) -> CoverageGrid:
    """Subjects by phases: the schemes with careers statements covering each cell, and the
    activities recorded against those schemes in the academic year starting in `start_year`.

    Four queries whatever the number of subjects, schemes and activities: phases, subjects,
    schemes (with their activity count in the year) and their ticked phases.
    """
    phase_list = phases(school=school)
    subject_list = list(Subject.objects.filter(school=school).order_by("name"))
    schemes = list(_schemes_with_phases(school).exclude(careers_statement="").annotate(
        year_activities=Count("activities", filter=Q(activities__academic_year__start_year=start_year))))
    cells = {(s.pk, p.pk): Cell(s, p) for s in subject_list for p in phase_list}
    unplaced = []
    for scheme in schemes:
        ticked = {p.pk for p in scheme.phases.all()}
        placed = False
        for phase in phase_list:
            if scheme_covers(scheme, phase, ticked):
                placed = True
                cell = cells[(scheme.subject_id, phase.pk)]
                cell.schemes += 1
                cell.activities += scheme.year_activities
        if not placed:
            unplaced.append(scheme)
    rows = [(s, [cells[(s.pk, p.pk)] for p in phase_list]) for s in subject_list]
    return CoverageGrid(phase_list, rows, unplaced)


def scheme_list(*, school: School, subject: Subject | None = None, phase: Phase | None = None) -> list[Scheme]:
    """The school's schemes, optionally those of one subject and those covering one phase."""
    schemes = _schemes_with_phases(school)
    if subject is not None:
        schemes = schemes.filter(subject=subject)
    found = list(schemes)
    if phase is not None:
        found = [s for s in found if scheme_covers(s, phase, {p.pk for p in s.phases.all()})]
    return found


def scheme_detail(*, school: School, pk: int) -> Scheme:
    scheme = _schemes_with_phases(school).filter(pk=pk).first()
    if scheme is None:
        raise Http404
    return scheme


def _activity_model() -> Any:
    # Activities link to schemes, and `activities` sits above `curriculum`, so it may not be
    # imported here; the reverse relation names the model without an upward import.
    return Scheme._meta.get_field("activities").related_model


def _activity_rows(activities: QuerySet[Any]) -> list[dict[str, Any]]:
    """Only what a lesson plan needs: no pupils, attendance or responses."""
    return list(activities.order_by("-date", "-id").values(
        "id", "title", "date", "scheme_id", "scheme__title", "activity_type__name"))


def scheme_activities(*, school: School, scheme: Scheme) -> list[dict[str, Any]]:
    """The activities recorded against one scheme, newest first: titles, dates and types only."""
    return _activity_rows(_activity_model().objects.filter(school=school, scheme=scheme))


def cell_activities(*, school: School, start_year: int, subject: Subject | None = None,
                    phase: Phase | None = None) -> list[dict[str, Any]]:
    """The activities counted in a grid cell (or a row, a column, the whole grid): two or three queries."""
    schemes = scheme_list(school=school, subject=subject, phase=phase)
    ids: Iterable[int] = [s.pk for s in schemes if s.careers_statement]
    return _activity_rows(_activity_model().objects.filter(
        school=school, scheme__in=list(ids), academic_year__start_year=start_year))
