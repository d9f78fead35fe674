"""Read an uploaded file into rows of cells: CSV, XLSX or the DfE Common Transfer File (XML).

The format is decided by the file's content, not its name: schools save CSV files as ".xls" and
Excel workbooks as ".csv" more often than you would think. Everything here is pure (no database)
and defensive: sizes are checked before anything is decompressed or parsed, XML is read with
defusedxml, and every refusal is a `FileProblem` carrying a message a careers leader understands.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import stat
import warnings
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

# Limits, documented in docs/user/importing-pupils.md. A whole-school MIS export is a few
# thousand rows and a few dozen columns; these leave room for a large trust school.
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 2_000
# XLSX is a zip: its declared unpacked sizes are checked before openpyxl opens it (zipfile never
# inflates a member past its declared size, so the declaration is a real bound).
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_XLSX_ENTRIES = 500
MAX_XLSX_RATIO = 200
# How far down a spreadsheet to look for the header row (some MIS exports put a title above it).
HEADER_SEARCH_ROWS = 10


class FileProblem(Exception):
    """The file as a whole cannot be read. The message is shown to the person who uploaded it."""


@dataclass
class SourceRow:
    number: int  # as the user sees it: the spreadsheet row, or the pupil's position in a CTF file
    cells: list[Any]


@dataclass
class Table:
    format: str  # "csv", "xlsx" or "ctf"
    headers: list[str]
    rows: list[SourceRow]
    header_row: int = 1
    # The CTF reader already knows which field each column holds; spreadsheets are matched by header.
    known_fields: dict[int, str] | None = None
    row_word: str = "Row"
    warnings: list[str] = field(default_factory=list)


def max_upload_bytes() -> int:
    return int(settings.ROADAHEAD_MAX_UPLOAD_BYTES)


def describe_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    return f"{max(size // 1024, 1)} KB"


def detect_format(content: bytes) -> str:
    """"csv", "xlsx" or "ctf", from the bytes; FileProblem for anything else."""
    head = content[:8]
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(_("This is an old-style Excel file (.xls). Open it in Excel, save it as an Excel "
                            "workbook (.xlsx) or as CSV, and upload that."))
    if head.startswith(b"%PDF"):
        raise FileProblem(_("This is a PDF. Export the pupil list from your MIS as a spreadsheet (CSV or "
                            "XLSX) or a Common Transfer File instead."))
    text_start = content[:512].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").replace(b"\x00", b"")
    if text_start.startswith(b"<"):
        lowered = text_start[:200].lower()
        if lowered.startswith((b"<html", b"<!doctype html", b"<table")):
            raise FileProblem(_("This is a web page, not a spreadsheet. Open it in Excel, save it as an "
                                "Excel workbook (.xlsx) or as CSV, and upload that."))
        return "ctf"
    return "csv"


HeaderScore = Callable[[list[Any]], int]


def read_table(*, file_name: str, content: bytes, max_rows: int = MAX_ROWS,
               header_score: HeaderScore | None = None, allow_ctf: bool = True) -> Table:
    """Read any supported file into a Table, or raise FileProblem.

    `max_rows` and `header_score` (how many known columns a row names, to find the header row)
    default to the pupil import's; other imports pass their own. Without `allow_ctf`, a Common
    Transfer File is refused.
    """
    if not content or not content.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise FileProblem(_("The file is empty."))
    if len(content) > max_upload_bytes():
        raise FileProblem(_("The file is %(size)s; the largest file Road Ahead accepts is %(limit)s.")
                          % {"size": describe_size(len(content)), "limit": describe_size(max_upload_bytes())})
    kind = detect_format(content)
    if kind == "ctf" and not allow_ctf:
        raise FileProblem(_("This is an XML file (perhaps a Common Transfer File), which holds pupils, not "
                            "activities. Upload a CSV or Excel (XLSX) file."))
    if kind == "xlsx":
        table = read_xlsx(content, max_rows=max_rows, header_score=header_score)
    elif kind == "ctf":
        from roadahead.imports.ctf import read_ctf

        table = read_ctf(content)
    else:
        table = read_csv(content, max_rows=max_rows, header_score=header_score)
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    expected = {"csv": {"csv", "txt", "tsv"}, "xlsx": {"xlsx", "xlsm"}, "ctf": {"xml", "ctf"}}[kind]
    if extension and extension not in expected:
        table.warnings.append(_("The file's name ends in .%(ext)s but it is a %(kind)s file; it was read as %(kind)s.")
                              % {"ext": extension, "kind": FORMAT_NAMES[kind]})
    return table


FORMAT_NAMES = {"csv": "CSV", "xlsx": "Excel (XLSX)", "ctf": "Common Transfer File (XML)"}


# ## CSV ##########################################################################################

def decode_text(content: bytes) -> str:
    """Decode a text export in whichever encoding the MIS or Excel wrote it."""
    if content.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]  # Excel's "Unicode text" export
    else:
        # Windows-1252 is what Excel on Windows writes for "CSV (comma delimited)".
        encodings = ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem(_("Road Ahead cannot read this file: it is not a spreadsheet, a CSV file or a Common "
                        "Transfer File."))


def looks_binary(text: str) -> bool:
    """Many control characters mean a binary file, not a text export with the odd stray byte."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return controls > max(8, len(sample) // 100)


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon (European Excel) or tab (Excel's text export), judged on the first lines."""
    lines = [line for line in text.splitlines()[:HEADER_SEARCH_ROWS] if line.strip()]
    best, best_count = ",", 0
    for delimiter in (",", ";", "\t"):
        count = max((line.count(delimiter) for line in lines), default=0)
        if count > best_count:
            best, best_count = delimiter, count
    return best


def read_csv(content: bytes, *, max_rows: int = MAX_ROWS, header_score: HeaderScore | None = None) -> Table:
    text = decode_text(content)
    if looks_binary(text):
        raise FileProblem(_("Road Ahead cannot read this file: it is not a spreadsheet, a CSV file or a Common "
                            "Transfer File."))
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for record in reader:
            if len(rows) > max_rows + HEADER_SEARCH_ROWS:
                raise FileProblem(_("The file has more than %(n)s rows. Split it into smaller files.")
                                  % {"n": f"{max_rows:,}"})
            rows.append(record)
    except csv.Error as error:
        raise FileProblem(_("Row %(row)d cannot be read: a cell is too long or a quotation mark is not closed.")
                          % {"row": reader.line_num}) from error
    return _table_from_rows("csv", rows, max_rows=max_rows, header_score=header_score)


# ## XLSX #########################################################################################

def check_zip(content: bytes) -> None:
    """Refuse zip bombs and macro workbooks before any XML is inflated."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise FileProblem(_("This Excel file is damaged and cannot be opened.")) from error
    names = {entry.filename for entry in entries}
    if any(_unsafe_entry(entry) for entry in entries):
        raise FileProblem(_("This Excel file has parts with names no spreadsheet uses. It may be damaged or "
                            "deliberately harmful."))
    if len(entries) > MAX_XLSX_ENTRIES:
        raise FileProblem(_("This Excel file has too many parts to be a pupil list."))
    total = sum(entry.file_size for entry in entries)
    if total > MAX_XLSX_UNPACKED_BYTES:
        raise FileProblem(_("This Excel file unpacks to more than %(limit)s, which is far too big for a pupil "
                            "list. It may be damaged or deliberately harmful.")
                          % {"limit": describe_size(MAX_XLSX_UNPACKED_BYTES)})
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > MAX_XLSX_RATIO * max(entry.compress_size, 1):
            raise FileProblem(_("This Excel file is compressed far more than a real spreadsheet is. It may be "
                                "damaged or deliberately harmful."))
    if "xl/workbook.xml" not in names:
        if "mimetype" in names or "content.xml" in names:
            raise FileProblem(_("This is an OpenDocument spreadsheet. Save it as an Excel workbook (.xlsx) or "
                                "as CSV, and upload that."))
        raise FileProblem(_("This is a zip file, not an Excel workbook."))
    if any(name.endswith("vbaProject.bin") or name.startswith("xl/externalLinks/") for name in names):
        raise FileProblem(_("This workbook contains macros or links to other files. Save it as a plain Excel "
                            "workbook (.xlsx) or as CSV, and upload that."))


def _unsafe_entry(entry: zipfile.ZipInfo) -> bool:
    """A part that would land outside a folder if unpacked (absolute, "..", backslashes) or a symlink.
    Nothing here unpacks to disk, but no real workbook has such parts."""
    name = entry.filename
    is_link = stat.S_ISLNK(entry.external_attr >> 16)
    return is_link or name.startswith("/") or "\\" in name or ".." in name.split("/") or ":" in name


def read_xlsx(content: bytes, *, max_rows: int = MAX_ROWS, header_score: HeaderScore | None = None) -> Table:
    check_zip(content)
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it ignores; none of that matters here.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                rows: list[list[Any]] = []
                for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
                    if len(rows) > max_rows + HEADER_SEARCH_ROWS:
                        raise FileProblem(_("The file has more than %(n)s rows. Split it into smaller files.")
                                          % {"n": f"{max_rows:,}"})
                    rows.append(list(values))
            finally:
                workbook.close()
    except FileProblem:
        raise
    except Exception as error:  # openpyxl raises many kinds of error on damaged files
        raise FileProblem(_("This Excel file is damaged or uses features Road Ahead cannot read. Save it again "
                            "as an Excel workbook (.xlsx) or as CSV, and upload that.")) from error
    return _table_from_rows("xlsx", rows, max_rows=max_rows, header_score=header_score)


# ## Shared ########################################################################################

def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table_from_rows(kind: str, rows: list[list[Any]], *, max_rows: int = MAX_ROWS,
                     header_score: HeaderScore | None = None) -> Table:
    if header_score is None:
        from roadahead.imports.columns import header_score

    # Trailing empty rows and columns are common in spreadsheets; they mean nothing.
    while rows and all(_is_blank(v) for v in rows[-1]):
        rows.pop()
    if not rows:
        raise FileProblem(_("The file is empty."))
    # The header is the first of the top rows that names known columns (MIS exports sometimes
    # put a title or a date above it); row 1 if none does.
    candidates = [(header_score(rows[i]), i) for i in range(min(HEADER_SEARCH_ROWS, len(rows)))]
    best_score = max(score for score, _i in candidates)
    header_index = next(i for score, i in candidates if score == best_score) if best_score else 0
    headers = [_header_text(v) for v in rows[header_index]]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise FileProblem(_("The file has more than %(n)d columns, which is more than a pupil list needs.")
                          % {"n": MAX_COLUMNS})
    data = [SourceRow(number=index + 1, cells=list(values))
            for index, values in enumerate(rows[header_index + 1 :], start=header_index + 1)
            if not all(_is_blank(v) for v in values)]
    if len(data) > max_rows:
        raise FileProblem(_("The file has more than %(n)s rows. Split it into smaller files.")
                          % {"n": f"{max_rows:,}"})
    return Table(format=kind, headers=headers, rows=data, header_row=header_index + 1)


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return " ".join(str(value).split())[:MAX_CELL_CHARS]


def iter_cells(row: SourceRow, width: int) -> Iterable[Any]:
    cells = row.cells
    for index in range(width):
        yield cells[index] if index < len(cells) else None
