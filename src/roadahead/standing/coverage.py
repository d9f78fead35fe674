"""Benchmark coverage: for each benchmark, how many pupils of a cohort have evidence in a period.

"With evidence" means the pupil attended, or attended part of, at least one activity that evidences
the benchmark and whose date falls in the period. Absent pupils do not count. The cohort is the
given pupils, or every pupil on roll on the last day of the period. The same selector serves the
coverage page, the API and the CLI, and it runs one aggregate query whatever the number of pupils.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Func, IntegerField, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from roadahead.activities.enums import Attendance
from roadahead.benchmarks.models import Benchmark
from roadahead.people.models import Pupil
from roadahead.schools.models import School
from roadahead.standing.engine import on_roll

# Part attendance still gives a pupil the experience; absence gives none.
EVIDENCE_ATTENDANCE = (Attendance.ATTENDED, Attendance.PART)


@dataclass(frozen=True)
class CoverageRow:
    benchmark: int
    title: str
    cohort_size: int
    with_evidence: int

    @property
    def without_evidence(self) -> int:
        return self.cohort_size - self.with_evidence

    @property
    def share(self) -> float:
        return self.with_evidence / self.cohort_size if self.cohort_size else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.share)


def cohort_pupils(*, school: School, end: dt.date, pupils: QuerySet[Pupil] | None = None) -> QuerySet[Pupil]:
    """The pupils counted: the given ones (kept to this school), or everyone on roll on `end`."""
    if pupils is None:
        return on_roll(school=school, as_of=end)
    return pupils.filter(school=school)


def evidence_q(*, school: School, start: dt.date, end: dt.date, prefix: str = "") -> Q:
    """The participations that count as evidence, seen from a model `prefix` away from Participation."""
    return Q(**{
        f"{prefix}school": school,
        f"{prefix}attendance__in": EVIDENCE_ATTENDANCE,
        f"{prefix}activity__school": school,
        f"{prefix}activity__date__gte": start,
        f"{prefix}activity__date__lte": end,
    })


def benchmark_coverage(*, school: School, start: dt.date, end: dt.date,
                       pupils: QuerySet[Pupil] | None = None) -> list[CoverageRow]:
    """One row per benchmark of the school, in benchmark order; one SQL query."""
    cohort_ids = cohort_pupils(school=school, end=end, pupils=pupils).order_by().values("pk")
    # COUNT(*) over the cohort as a scalar subquery, so the whole answer is one statement.
    cohort_size = Subquery(
        Pupil.objects.filter(pk__in=cohort_ids).order_by()
        .annotate(n=Func(F("pk"), function="COUNT")).values("n"),
        output_field=IntegerField())
    evidence = Q(
        activities__school=school,
        activities__date__gte=start,
        activities__date__lte=end,
        activities__participations__school=school,
        activities__participations__attendance__in=EVIDENCE_ATTENDANCE,
        activities__participations__pupil__in=cohort_ids,
    )
    rows = (Benchmark.objects.filter(school=school).order_by("number")
            .annotate(with_evidence=Count("activities__participations__pupil", distinct=True, filter=evidence),
                      cohort_size=Coalesce(cohort_size, 0))
            .values_list("number", "title", "cohort_size", "with_evidence"))
    return [CoverageRow(benchmark=number, title=title, cohort_size=size, with_evidence=count)
            for number, title, size, count in rows]
