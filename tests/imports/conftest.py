"""Helpers for import tests: build CSV, XLSX and CTF files in memory, and run imports."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from roadahead.imports import services
from roadahead.imports.models import ImportRun

FILES = Path(__file__).parent / "files"
TODAY = dt.date(2026, 3, 10)
HEADERS = ["UPN", "Surname", "Forename", "DOB", "Sex", "Year", "Class", "SEN Provision", "Primary Need", "LAC"]


def upn(n: int) -> str:
    return f"H9{n:011d}"


def pupil_rows(count: int, *, start: int = 1) -> list[list[Any]]:
    return [[upn(n), f"Surname{n}", f"Forename{n}", "14/03/2011", "F" if n % 2 else "M", "9",
             "Willow" if n % 2 else "Hazel", "E", "SLD", "N"] for n in range(start, start + count)]


def make_csv(rows: Sequence[Sequence[Any]], headers: Sequence[str] = HEADERS, *, delimiter: str = ",",
             encoding: str = "utf-8") -> bytes:
    lines = [delimiter.join(headers), *(delimiter.join(str(c) for c in row) for row in rows)]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def make_xlsx(rows: Sequence[Sequence[Any]], headers: Sequence[str] = HEADERS) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run_import(school: Any, content: bytes, *, by: Any = None, file_name: str = "pupils.csv",
               dry_run: bool = False) -> ImportRun:
    return services.import_pupils(school=school, by=by, file_name=file_name, content=content, today=TODAY,
                                  dry_run=dry_run)


def error_texts(run: ImportRun) -> list[str]:
    return [str(services.RowError(**e)) for e in run.errors]


@pytest.fixture
def school(world):
    return world.school
