from __future__ import annotations

from django.db.models import QuerySet

from roadahead.benchmarks.models import Benchmark
from roadahead.schools.models import School


def benchmarks(*, school: School) -> QuerySet[Benchmark]:
    return Benchmark.objects.filter(school=school).order_by("number")
