from __future__ import annotations

from django.db import transaction

from roadahead.benchmarks.defaults import GATSBY_BENCHMARKS
from roadahead.benchmarks.models import Benchmark
from roadahead.schools.models import School


@transaction.atomic
def ensure_benchmarks(*, school: School) -> list[Benchmark]:
    """The school's eight benchmarks, creating any that are missing with the Gatsby defaults."""
    existing = {b.number: b for b in Benchmark.objects.filter(school=school)}
    missing = [Benchmark(school=school, number=n, title=title, summary=summary)
               for n, title, summary in GATSBY_BENCHMARKS if n not in existing]
    Benchmark.objects.bulk_create(missing)
    return sorted([*existing.values(), *missing], key=lambda b: b.number)
