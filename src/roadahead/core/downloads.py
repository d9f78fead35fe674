"""Files a member downloads: CSV built one way, and the response that carries a file.

Every CSV cell, the header's included, goes through `core.csvsafe.safe_cell`, so text a school
or a pupil typed (a name, a note starting with "=") never runs as a formula in a spreadsheet. An
empty value (None) is an empty cell. Views keep their own audit entry: what was exported, and how
many rows, is theirs to say.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.http import HttpResponse

from roadahead.core.csvsafe import safe_cell

CSV_TYPE = "text/csv; charset=utf-8"


def csv_text(header: Sequence[Any] | None, rows: Iterable[Sequence[Any]], *, lineterminator: str = "\r\n") -> str:
    """The header (None for none) and rows as CSV text, every cell formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=lineterminator)
    if header is not None:
        writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def record_rows(records: Iterable[Mapping[str, Any]], fields: Sequence[str]) -> list[list[Any]]:
    """Records (dicts) as rows in the order of `fields`; a missing field is an empty cell."""
    return [[record.get(name) for name in fields] for record in records]


def download(content: bytes | str, *, filename: str, content_type: str, inline: bool = False,
             no_store: bool = False) -> HttpResponse:
    """A file for the browser to save (or, `inline`, to show). The file name must carry ids only,
    never a pupil's name: it ends up in download folders and email attachments. `no_store` keeps
    files with pupils' records out of shared caches."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    if no_store:
        response["Cache-Control"] = "no-store"
    return response


def csv_response(filename: str, header: Sequence[Any] | None, rows: Iterable[Sequence[Any]], *,
                 bom: bool = False, no_store: bool = False) -> HttpResponse:
    """A CSV download, UTF-8; with `bom` a byte order mark first, so that Excel reads accents right."""
    text = csv_text(header, rows)
    return download(text.encode("utf-8-sig" if bom else "utf-8"), filename=filename, content_type=CSV_TYPE,
                    no_store=no_store)
