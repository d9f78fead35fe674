"""Hostile import files, built in memory for tests/security/test_hostile_imports.py (D25)."""

from __future__ import annotations

import io
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable

from tests.imports.conftest import HEADERS, make_csv, make_xlsx, pupil_rows

GOOD_ROWS = pupil_rows(3)


def base_xlsx() -> bytes:
    return make_xlsx(GOOD_ROWS)


def rezip(content: bytes, *, add: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None,
          drop: tuple[str, ...] = ()) -> bytes:
    """A copy of the workbook `content` with entries added, replaced or dropped."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            data = (replace or {}).get(info.filename, source.read(info.filename))
            target.writestr(info.filename, data)
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def raw_zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip written by hand from (name, deflated data, crc, unpacked size, external attributes)."""
    out = io.BytesIO()
    central = []
    for name, data, crc, size, attributes in entries:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size,
                              len(encoded), 0) + encoded + data)
        central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 0x0314, 20, 0, 8, 0, 0, crc, len(data),
                                   size, len(encoded), 0, 0, 0, 0, attributes, offset) + encoded)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), start, 0))
    return out.getvalue()


def deflated_zeros(megabytes: int) -> tuple[bytes, int, int]:
    """`megabytes` MB of zeros, deflated without ever holding them: one flushed 1 MB block repeated."""
    block = bytes(1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    return chunk * megabytes + tail, crc, megabytes * 1024 * 1024


def zip_bomb(megabytes: int = 1024) -> bytes:
    data, crc, size = deflated_zeros(megabytes)
    workbook = zipfile.ZipFile(io.BytesIO(base_xlsx()))
    entries = []
    for info in workbook.infolist():
        raw = workbook.read(info.filename)
        if info.filename == "xl/worksheets/sheet1.xml":
            entries.append((info.filename, data, crc, size, 0))
        else:
            packed = zlib.compressobj(6, zlib.DEFLATED, -15)
            entries.append((info.filename, packed.compress(raw) + packed.flush(), zlib.crc32(raw), len(raw), 0))
    return raw_zip(entries)


def with_entry_attributes(name: str, attributes: int) -> bytes:
    workbook = zipfile.ZipFile(io.BytesIO(base_xlsx()))
    entries = []
    for info in workbook.infolist():
        raw = workbook.read(info.filename)
        packed = zlib.compressobj(6, zlib.DEFLATED, -15)
        entries.append((info.filename, packed.compress(raw) + packed.flush(), zlib.crc32(raw), len(raw), 0))
    target = b"/etc/passwd"
    packed = zlib.compressobj(6, zlib.DEFLATED, -15)
    entries.append((name, packed.compress(target) + packed.flush(), zlib.crc32(target), len(target), attributes))
    return raw_zip(entries)


LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b']>\n')


def laughs_in(part: str) -> bytes:
    original = zipfile.ZipFile(io.BytesIO(base_xlsx())).read(part)
    body = original.split(b"?>", 1)[1] if original.startswith(b"<?xml") else original
    body = body.replace(b"<c ", b"<c ", 1)
    poisoned = LAUGHS + body.replace(b">", b">&lol9;", 1) if part != "xl/worksheets/sheet1.xml" else (
        LAUGHS + body.replace(b"<sheetData>", b"<sheetData><row r=\"99\"><c r=\"A99\" t=\"inlineStr\"><is><t>&lol9;"
                              b"</t></is></c></row>", 1))
    return rezip(base_xlsx(), replace={part: poisoned})


def _body(part: str) -> bytes:
    original = zipfile.ZipFile(io.BytesIO(base_xlsx())).read(part)
    return original.split(b"?>", 1)[1] if original.startswith(b"<?xml") else original


def quadratic_blowup() -> bytes:
    entity = b"A" * 100_000
    body = _body("xl/worksheets/sheet1.xml")
    poisoned = (b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "' + entity + b'">]>'
                + body.replace(b"<sheetData>", b"<sheetData><row r=\"99\"><c r=\"A99\" t=\"inlineStr\"><is><t>"
                               + b"&a;" * 20_000 + b"</t></is></c></row>", 1))
    return rezip(base_xlsx(), replace={"xl/worksheets/sheet1.xml": poisoned})


def external_entity() -> bytes:
    body = _body("xl/worksheets/sheet1.xml")
    poisoned = (b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                + body.replace(b"<sheetData>", b"<sheetData><row r=\"99\"><c r=\"A99\" t=\"inlineStr\"><is><t>&x;"
                               b"</t></is></c></row>", 1))
    return rezip(base_xlsx(), replace={"xl/worksheets/sheet1.xml": poisoned})


def sheet_rows(rows: int, *, columns: int = 1, cell: str = "x") -> bytes:
    """A workbook whose first sheet is written as raw XML: `rows` rows of `columns` inline strings."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(i + 1) for i in range(columns)]
    parts = [b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main"><sheetData>']
    text = cell.encode()
    for r in range(1, rows + 1):
        cells = b"".join(b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (letter.encode(), r, text)
                         for letter in letters)
        parts.append(b'<row r="%d">%s</row>' % (r, cells))
    parts.append(b"</sheetData></worksheet>")
    return rezip(base_xlsx(), replace={"xl/worksheets/sheet1.xml": b"".join(parts)})


def hidden_first_sheet() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    hidden = workbook.active
    hidden.title = "Hidden"
    hidden.sheet_state = "hidden"
    visible = workbook.create_sheet("Pupils")
    visible.append(HEADERS)
    for row in GOOD_ROWS:
        visible.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def formulas() -> bytes:
    rows = [[*row[:1], '=HYPERLINK("http://evil.example","Click")', "=1+1", *row[3:]] for row in GOOD_ROWS]
    return make_xlsx(rows)


def ctf(body: bytes) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>' + body


HOSTILE: dict[str, Callable[[], tuple[str, bytes]]] = {
    # Zip bombs and other archives
    "zip bomb, 1 GB of zeros in one sheet": lambda: ("pupils.xlsx", zip_bomb(1024)),
    "zip bomb, 300 MB": lambda: ("pupils.xlsx", zip_bomb(300)),
    "one part compressed 1000:1": lambda: ("pupils.xlsx", zip_bomb(2)),
    "a thousand parts": lambda: ("pupils.xlsx", rezip(base_xlsx(), add={f"customXml/item{i}.xml": b"<a/>"
                                                                       for i in range(1000)})),
    "path traversal entry": lambda: ("pupils.xlsx", rezip(base_xlsx(), add={"../../../../tmp/evil.txt": b"x"})),
    "absolute path entry": lambda: ("pupils.xlsx", rezip(base_xlsx(), add={"/etc/cron.d/evil": b"x"})),
    "backslash path entry": lambda: ("pupils.xlsx", rezip(base_xlsx(), add={"..\\..\\evil.bat": b"x"})),
    "symlink entry": lambda: ("pupils.xlsx", with_entry_attributes("xl/media/link", (stat.S_IFLNK | 0o777) << 16)),
    "macro workbook (vbaProject.bin)": lambda: ("pupils.xlsm", rezip(base_xlsx(),
                                                                     add={"xl/vbaProject.bin": b"\0" * 64})),
    "macro workbook named .xlsx": lambda: ("pupils.xlsx", rezip(base_xlsx(), add={"xl/vbaProject.bin": b"VBA"})),
    "external links": lambda: ("pupils.xlsx", rezip(base_xlsx(), add={"xl/externalLinks/externalLink1.xml":
                                                                      b"<externalLink/>"})),
    "plain zip, not a workbook": lambda: ("pupils.xlsx", rezip(base_xlsx(), drop=("xl/workbook.xml",))),
    "OpenDocument spreadsheet": lambda: ("pupils.ods", rezip(base_xlsx(), add={"mimetype": b"application/"
                                         b"vnd.oasis.opendocument.spreadsheet"}, drop=("xl/workbook.xml",))),
    "truncated workbook": lambda: ("pupils.xlsx", base_xlsx()[: len(base_xlsx()) // 2]),
    "zip header then junk": lambda: ("pupils.xlsx", b"PK\x03\x04" + bytes(range(256)) * 40),
    "workbook inside a workbook": lambda: ("pupils.xlsx", rezip(base_xlsx(), replace={
        "xl/worksheets/sheet1.xml": base_xlsx()})),
    # XML attacks inside the workbook
    "billion laughs in the sheet": lambda: ("pupils.xlsx", laughs_in("xl/worksheets/sheet1.xml")),
    "billion laughs in workbook.xml": lambda: ("pupils.xlsx", laughs_in("xl/workbook.xml")),
    "billion laughs in styles": lambda: ("pupils.xlsx", laughs_in("xl/styles.xml")),
    "billion laughs in [Content_Types]": lambda: ("pupils.xlsx", laughs_in("[Content_Types].xml")),
    "quadratic blowup": lambda: ("pupils.xlsx", quadratic_blowup()),
    "external entity (XXE)": lambda: ("pupils.xlsx", external_entity()),
    # Size and shape
    "30,000 rows": lambda: ("pupils.xlsx", sheet_rows(30_000)),
    "16,384 columns": lambda: ("pupils.xlsx", sheet_rows(2, columns=16_384)),
    "a 1 MB cell": lambda: ("pupils.xlsx", sheet_rows(2, cell="x" * 1_048_576)),
    "formulas in the names": lambda: ("pupils.xlsx", formulas()),
    "hidden first sheet": lambda: ("pupils.xlsx", hidden_first_sheet()),
    # CSV
    "1,048,576 rows of CSV": lambda: ("pupils.csv", b"UPN\r\n" + b"A\r\n" * 1_048_576),
    "16,384 columns of CSV": lambda: ("pupils.csv", (",".join(["UPN"] * 16_384) + "\r\n").encode() * 2),
    "a 1 MB CSV cell": lambda: ("pupils.csv", make_csv([[*GOOD_ROWS[0][:1], "x" * 1_048_576, *GOOD_ROWS[0][2:]]])),
    "NUL bytes": lambda: ("pupils.csv", make_csv(GOOD_ROWS).replace(b",", b"\0,")),
    "invalid UTF-8 (and not Windows-1252)": lambda: ("pupils.csv", make_csv(GOOD_ROWS) + b"\x81\x8d\x8f\x90\x9d"
                                                     + b"\xc3\x28"),
    "byte order mark in the middle": lambda: ("pupils.csv", make_csv(GOOD_ROWS).replace(b"H9", b"\xef\xbb\xbfH9")),
    "unclosed quote and mixed newlines": lambda: ("pupils.csv", make_csv(GOOD_ROWS).replace(b"\r\n", b"\r", 2)
                                                  + b'"unclosed\n' + b"x" * 200_000),
    "formula injection in cells": lambda: ("pupils.csv", make_csv([[row[0], "=cmd|' /C calc'!A0", "+SUM(1)",
                                                                     *row[3:]] for row in GOOD_ROWS])),
    "HTML page saved as .csv": lambda: ("pupils.csv", b"<html><body><table><tr><td>UPN</td></tr></table>"),
    "PDF saved as .csv": lambda: ("pupils.csv", b"%PDF-1.7\n" + bytes(2000)),
    "old Excel (.xls) saved as .xlsx": lambda: ("pupils.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000)),
    "only byte order marks": lambda: ("pupils.csv", b"\xef\xbb\xbf" * 5),
    "binary junk": lambda: ("pupils.csv", bytes(range(256)) * 100),
    "UTF-16 with no header row": lambda: ("pupils.csv", "\ufeff\n\n,,,\n".encode("utf-16")),
    # Common Transfer File (XML)
    "CTF billion laughs": lambda: ("pupils.xml", LAUGHS + b"<CTfile>&lol9;</CTfile>"),
    "CTF external entity": lambda: ("pupils.xml", b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM '
                                                  b'"file:///etc/passwd">]><CTfile>&x;</CTfile>'),
    "CTF not well formed": lambda: ("pupils.xml", ctf(b"<CTfile><Header>")),
    "file over the upload limit": lambda: ("pupils.csv", make_csv(GOOD_ROWS) + b" " * (25 * 1024 * 1024)),
}
