from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from roadahead.imports.models import ImportRun
from roadahead.schools.models import School


def import_runs(*, school: School) -> QuerySet[ImportRun]:
    # The stored file is not needed for a list and may be megabytes per row.
    return ImportRun.objects.filter(school=school).select_related("created_by").defer("content", "preview")


def import_run(*, school: School, pk: int) -> ImportRun:
    """One of the school's import runs; another school's is a 404, as if it did not exist."""
    run = ImportRun.objects.filter(school=school, pk=pk).select_related("created_by").first()
    if run is None:
        raise Http404
    return run
