"""Writing the tables in each format, a chunk at a time, to a binary file.

- JSON: one document, `{"format": "road-ahead-export", "version": 1, "school": …, "exported_at": …,
  "tables": {"people.pupil": {"title": …, "columns": […], "references": {"pupil_id": "people.pupil"},
  "rows": [[…], …]}, …}}`. Values as stored; no formula guard (JSON is read by programs, and the guard
  would change the values).
- XLSX: one workbook, an "About" sheet first, then one sheet per table (a table longer than Excel's
  row limit goes on over further sheets).
- CSV: a ZIP of one CSV per table (UTF-8 with a byte order mark, so Excel reads accents) and a
  README.txt.

In CSV and XLSX every text cell goes through `core.csvsafe.safe_cell`, so a pupil's words that
start with "=" cannot run as a formula in whoever opens the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.utils.translation import gettext as _

from roadahead.core.csvsafe import safe_cell
from roadahead.exports.registry import DENIED_FIELDS, DENIED_MODELS, IDS, JSON, Table

FORMAT_NAME = "road-ahead-export"
FORMAT_VERSION = 1
# Excel's limit is 1,048,576 rows a sheet; each sheet spends one on its header row.
XLSX_MAX_ROWS = 1_048_576
# Excel's limit on the characters in one cell; the JSON archive holds longer values in full.
XLSX_MAX_CELL = 32_767
_XLSX_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_SHEET_ILLEGAL = re.compile(r"[\\/?*\[\]:]")
FLUSH_EVERY = 500

TableRows = Callable[[Table], Iterator[list[Any]]]


@dataclass
class Written:
    """How many rows each table had, by table key, in the order written."""

    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


@dataclass(frozen=True)
class Header:
    school: dict[str, Any]
    exported_at: dt.datetime

    @property
    def when(self) -> str:
        return self.exported_at.isoformat(timespec="seconds")


# ## JSON ##########################################################################################

def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"Cannot write {type(value).__name__} as JSON")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def write_json(out: IO[bytes], *, header: Header, tables: Iterable[Table], rows_of: TableRows) -> Written:
    written = Written()
    out.write((f'{{"format": {_dumps(FORMAT_NAME)}, "version": {FORMAT_VERSION}, '
               f'"school": {_dumps(header.school)}, "exported_at": {_dumps(header.when)}, '
               f'"tables": {{').encode())
    for index, table in enumerate(tables):
        out.write((("," if index else "") + f"\n{_dumps(table.key)}: {{\"title\": {_dumps(table.title)}, "
                   f"\"columns\": {_dumps(table.column_names)}, \"references\": {_dumps(table.references)}, "
                   f"\"rows\": [").encode())
        count = 0
        pending: list[str] = []
        for row in rows_of(table):
            pending.append(("," if count else "") + "\n" + _dumps(row))
            count += 1
            if len(pending) >= FLUSH_EVERY:
                out.write("".join(pending).encode())
                pending.clear()
        pending.append("]}")
        out.write("".join(pending).encode())
        written.rows[table.key] = count
    out.write(b"\n}}\n")
    return written


# ## Cells for CSV and XLSX ########################################################################

def _unchanged(text: str) -> str:
    return text


def _cell_writer(table: Table, clean: Callable[[str], str] = _unchanged) -> Callable[[list[Any]], list[Any]]:
    """Turn a row of plain values into spreadsheet cells: lists of ids joined with semicolons, JSON
    as text, and every text through the formula guard, after `clean` (which must run first: XLSX
    drops control characters, and "\x01=cmd" would otherwise become an unguarded "=cmd")."""
    kinds = [c.kind for c in table.columns]

    def cells(row: list[Any]) -> list[Any]:
        out: list[Any] = []
        for kind, value in zip(kinds, row, strict=True):
            if value is None:
                out.append(None)
            elif kind == IDS:
                out.append(";".join(str(v) for v in value))
            elif kind == JSON:
                out.append(safe_cell(clean(_dumps(value))))
            else:
                out.append(safe_cell(clean(value) if isinstance(value, str) else value))
        return out

    return cells


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _xlsx_text(text: str) -> str:
    return _XLSX_ILLEGAL.sub("", text)


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        value = _XLSX_ILLEGAL.sub("", value)
        if len(value) > XLSX_MAX_CELL:
            value = value[:XLSX_MAX_CELL]
    return value


def _conventions() -> list[str]:
    return [
        _("Each table has an id column. A column ending in _id holds the id of a row in another table "
          "(pupil_id is a row of the Pupils table), so the tables join up; the links below say which table. "
          "A link to people.membership.user_id (for example created_by_id) holds a user id: the user_id "
          "column of the Staff (memberships) table."),
        _("A column listing several ids (for example an activity's benchmarks) separates them with "
          "semicolons."),
        _("Dates and times are written as ISO 8601 (2026-03-10; times in UTC). Choices are written as "
          "their stored value (for example careers_leader), booleans as true or false."),
        _("Text that starts with =, +, - or @ has an apostrophe in front, so that a spreadsheet shows it "
          "rather than running it as a formula. The JSON archive has the text as it was written."),
        _("Pictures and uploaded files are listed by their stored file name, not included."),
        _("Staff appear through the memberships table (name, email, role, active) only."),
        _("Never exported:") + " " + "; ".join(
            [f"{key} ({reason})" for key, reason in DENIED_MODELS.items()]
            + [f"{key} ({reason})" for key, reason in DENIED_FIELDS.items()]),
    ]


def _links(table: Table) -> str:
    return "; ".join(f"{column} → {target}" for column, target in table.references.items())


def _care() -> str:
    return _("This file holds special-category data about children (their needs, EHCP details and what they "
             "said). Keep it somewhere secure, share it only with people entitled to see it, and delete it "
             "when you no longer need it.")


# ## XLSX ##########################################################################################

def _sheet_name(title: str, used: set[str], part: int = 1) -> str:
    base = _SHEET_ILLEGAL.sub(" ", title).strip("' ") or "Table"
    suffix = f" ({part})" if part > 1 else ""
    candidate = base[:31 - len(suffix)].rstrip() + suffix
    number = 2
    while candidate.lower() in used:
        extra = f" {number}{suffix}"
        candidate = base[:31 - len(extra)].rstrip() + extra
        number += 1
    used.add(candidate.lower())
    return candidate


def write_xlsx(out: IO[bytes], *, header: Header, tables: Iterable[Table], rows_of: TableRows) -> Written:
    from openpyxl import Workbook

    written = Written()
    workbook = Workbook(write_only=True)
    about = workbook.create_sheet(_("About"))
    about.append([_("Road Ahead export: everything %(school)s holds") % {"school": header.school["name"]}])
    about.append([_("Exported at"), header.when])
    about.append([_care()])
    about.append([])
    about.append([_("Sheet"), _("Table"), _("What it holds"), _("Rows"), _("Links to other tables")])
    used = {_("About").lower()}
    per_sheet = XLSX_MAX_ROWS - 1
    for table in tables:
        to_cells = _cell_writer(table, clean=_xlsx_text)
        part = 1
        name = _sheet_name(table.title, used)
        sheet = workbook.create_sheet(name)
        sheet.append(table.column_names)
        in_sheet = count = 0
        for row in rows_of(table):
            if in_sheet == per_sheet:
                about.append([name, table.key, table.title, in_sheet, _links(table)])
                part += 1
                name = _sheet_name(table.title, used, part)
                sheet = workbook.create_sheet(name)
                sheet.append(table.column_names)
                in_sheet = 0
            sheet.append([_xlsx_value(v) for v in to_cells(row)])
            in_sheet += 1
            count += 1
        about.append([name, table.key, table.title if part == 1 else f"{table.title} ({_('continued')})",
                      in_sheet, _links(table)])
        written.rows[table.key] = count
    about.append([])
    for line in [*_conventions(), _("A cell longer than Excel allows (32,767 characters) is cut short here; the "
                                    "JSON archive has it in full.")]:
        about.append([_xlsx_value(line)])
    workbook.save(out)
    return written


# ## CSV (a ZIP) ###################################################################################

def csv_file_name(table: Table) -> str:
    return f"{table.key}.csv"


def write_csv_zip(out: IO[bytes], *, header: Header, tables: Iterable[Table], rows_of: TableRows) -> Written:
    written = Written()
    listing: list[tuple[str, Table]] = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            to_cells = _cell_writer(table)
            name = csv_file_name(table)
            count = 0
            with (archive.open(name, "w") as raw,
                  io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text):
                writer = csv.writer(text, lineterminator="\r\n")
                writer.writerow(table.column_names)
                for row in rows_of(table):
                    writer.writerow([_csv_value(v) for v in to_cells(row)])
                    count += 1
            written.rows[table.key] = count
            listing.append((name, table))
        archive.writestr("README.txt", _readme(header, listing, written))
    return written


def _readme(header: Header, listing: list[tuple[str, Table]], written: Written) -> str:
    lines = [
        _("Road Ahead export: everything %(school)s holds") % {"school": header.school["name"]},
        _("Exported at %(when)s (UTC).") % {"when": header.when},
        "",
        _care(),
        "",
        _("Each file below is one table, with a header row. Open it in a spreadsheet or read it with any "
          "program that reads CSV (UTF-8)."),
        "",
    ]
    width = max((len(name) for name, _table in listing), default=0)
    for name, table in listing:
        lines.append(f"{name.ljust(width)}  {table.title} ({written.rows[table.key]} rows)")
        if table.references:
            lines.append(f"{''.ljust(width)}  {_('links:')} {_links(table)}")
    lines.append("")
    lines.extend(_conventions())
    return "\r\n".join(lines) + "\r\n"
