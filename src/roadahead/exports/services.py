"""Exporting everything a school holds, as one JSON archive, one XLSX workbook or a ZIP of CSVs.

`export_school` writes the file to a binary stream the caller gives (a temporary file for the
page, the output file or standard output for `roadahead export`) and writes one audit entry
("export.school": the format, the number of tables and of rows; nothing personal).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django_scopes import scope

from roadahead.audit.services import log_action
from roadahead.exports import registry, selectors, writers
from roadahead.schools.models import School

FORMATS = {
    "json": (writers.write_json, "application/json", "json"),
    "xlsx": (writers.write_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "csv": (writers.write_csv_zip, "application/zip", "zip"),
}


@dataclass(frozen=True)
class Exported:
    file_format: str
    rows: dict[str, int]

    @property
    def tables(self) -> int:
        return len(self.rows)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def content_type(file_format: str) -> str:
    return FORMATS[file_format][1]


def file_name(*, school: School, file_format: str, day: dt.date) -> str:
    """The download's name: the school's short name and the day, e.g. oakfield-export-2026-03-10.zip."""
    suffix = "-csv" if file_format == "csv" else ""
    return f"{school.slug}-export-{day.isoformat()}{suffix}.{FORMATS[file_format][2]}"


def school_header(school: School) -> dict[str, Any]:
    return {"id": school.pk, "name": school.name, "slug": school.slug, "urn": school.urn}


def export_school(*, school: School, by: Any, file_format: str, out: IO[bytes],
                  exported_at: dt.datetime) -> Exported:
    """Write every table the school holds to `out` in `file_format` ("json", "xlsx" or "csv")."""
    if file_format not in FORMATS:
        raise ValueError(f"Unknown export format {file_format!r}")
    write = FORMATS[file_format][0]

    def rows_of(table: registry.Table) -> Iterator[list[Any]]:
        return selectors.table_rows(table=table, school=school)

    with scope(school=school):
        written = write(out, header=writers.Header(school=school_header(school), exported_at=exported_at),
                        tables=registry.tables(), rows_of=rows_of)
        exported = Exported(file_format=file_format, rows=dict(written.rows))
        log_action(school=school, user=by, action="export.school",
                   data={"format": file_format, "tables": exported.tables, "rows": exported.total})
    return exported
