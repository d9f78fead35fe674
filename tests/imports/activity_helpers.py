"""Helpers for activity import tests: files in memory, built from the test school's pupils."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from roadahead.imports import activity_services, services
from roadahead.imports.models import ImportRun
from tests.imports.conftest import make_csv, make_xlsx

HEADERS = ["activity_ref", "date", "title", "type", "setting", "provider", "benchmarks", "meaningful",
           "pal_encounter", "upn", "attendance", "engagement", "response"]


def visit_rows(pupils: Sequence[Any], *, ref: str = "A1", title: str = "Visit to the bakery",
               day: str = "12/02/2026", kind: str = "Workplace visit", provider: str = "",
               benchmarks: str = "5;6", meaningful: str = "yes", pal: str = "no") -> list[list[Any]]:
    return [[ref, day, title, kind, "Out of school", provider, benchmarks, meaningful, pal, pupil.upn,
             "attended" if i % 3 else "part", str(1 + i % 4), f"Liked the ovens {i}"]
            for i, pupil in enumerate(pupils)]


def activity_csv(rows: Sequence[Sequence[Any]], headers: Sequence[str] = HEADERS, **kwargs: Any) -> bytes:
    return make_csv(rows, headers, **kwargs)


def activity_xlsx(rows: Sequence[Sequence[Any]], headers: Sequence[str] = HEADERS) -> bytes:
    return make_xlsx(rows, headers)


def import_file(school: Any, content: bytes, *, by: Any = None, file_name: str = "activities.csv",
                dry_run: bool = False) -> ImportRun:
    return activity_services.import_activities(school=school, by=by, file_name=file_name, content=content,
                                               dry_run=dry_run)


def errors_of(run: ImportRun) -> list[str]:
    return [str(services.RowError(**e)) for e in run.errors]
