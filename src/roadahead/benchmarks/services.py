from __future__ import annotations

from typing import Any

from django.db import transaction

from roadahead.audit.services import log_action
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


@transaction.atomic
def update_benchmark(*, benchmark: Benchmark, by: Any, title: str, summary: str) -> list[str]:
    """Change a benchmark's wording for this school; returns the fields that changed."""
    changed = [name for name, value in (("title", title.strip()), ("summary", summary.strip()))
               if getattr(benchmark, name) != value]
    if not changed:
        return []
    benchmark.title, benchmark.summary = title.strip(), summary.strip()
    benchmark.full_clean()
    benchmark.save()
    log_action(school=benchmark.school, user=by, action="benchmark.changed", obj=benchmark, data={"fields": changed})
    return changed
