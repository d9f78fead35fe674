"""C22 (docs/security.md): every CSV and XLSX cell a school downloads that starts with = + - @ tab,
carriage return or NUL has an apostrophe in front, and reading the file back gives the text that
was written once the apostrophe is taken off. 10,000+ random strings through each writer.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadahead.core.csvsafe import safe_cell
from roadahead.core.downloads import csv_text
from roadahead.exports import writers
from roadahead.exports.registry import TEXT, Column, Table
from roadahead.people.models import Pupil

DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\0")

# Text weighted towards what matters: strings that start with a dangerous character, quotes,
# commas and newlines, as well as anything Unicode at all.
cells = st.one_of(
    st.text(),
    st.builds(lambda start, rest: start + rest, st.sampled_from(DANGEROUS), st.text()),
    st.text(alphabet=st.sampled_from(['"', ",", "\n", "\r", "'", "=", "+", "-", "@", "\t", "\0", "a", " ", ";"])),
)


def unprefix(cell: str) -> str:
    """Take the guard's apostrophe off (text of apostrophes then a formula start had one added)."""
    if cell.startswith("'") and cell.lstrip("'").startswith(DANGEROUS):
        return cell[1:]
    return cell


def assert_guarded(written: str, original: str) -> None:
    if original.lstrip("'").startswith(DANGEROUS):
        assert written == "'" + original
    else:
        assert written == original


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(cells, min_size=10, max_size=10))
def test_csv_cells_are_guarded_and_round_trip(row):
    """1,000 examples of 10 cells each: 10,000 strings."""
    text = csv_text(["name", "note"], [row])
    header, parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert header == ["name", "note"]
    assert len(parsed) == len(row)
    for written, original in zip(parsed, row, strict=True):
        assert_guarded(written, original)
        assert unprefix(written) == original


TABLE = Table(key="people.pupil", title="Pupils", model=Pupil, school_field="school",
              columns=(Column(name="id", kind="number"), Column(name="note", kind=TEXT)))
HEADER = writers.Header(school={"name": "Oakfield School"}, exported_at=dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC))


def xlsx_round_trip(values: list[str]) -> list[str]:
    from openpyxl import load_workbook

    out = io.BytesIO()
    writers.write_xlsx(out, header=HEADER, tables=[TABLE], rows_of=lambda _t: ([i, v] for i, v in enumerate(values)))
    sheet = load_workbook(io.BytesIO(out.getvalue()), read_only=True)["Pupils"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    return [row[1] if row[1] is not None else "" for row in rows]


def xlsx_expected(value: str) -> str:
    """What a spreadsheet can hold of `value`: XML has no place for most control characters."""
    return writers._XLSX_ILLEGAL.sub("", value)


def xml_lines(text: str) -> str:
    """XML readers turn a carriage return into a line feed (XML 1.0, 2.11), so "\r" reads back as "\n"."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(cells, min_size=100, max_size=100))
def test_xlsx_cells_are_guarded_and_round_trip(values):
    """100 workbooks of 100 cells each: 10,000 strings."""
    read = xlsx_round_trip(values)
    assert len(read) == len(values)
    for written, original in zip(read, values, strict=True):
        # Characters XML cannot hold (NUL and other controls) are dropped first; what is left is guarded.
        held = xlsx_expected(original)
        assert written == xml_lines(safe_cell(held))
        assert not written.startswith(DANGEROUS)
        if "\r" not in held:
            assert unprefix(written) == held


def test_each_dangerous_start_is_guarded_in_both_writers():
    values = [start + "cmd|' /C calc'!A0" for start in DANGEROUS]
    parsed = next(csv.reader(io.StringIO(csv_text(None, [values]), newline="")))
    assert parsed == ["'" + value for value in values]
    read = xlsx_round_trip(values)
    # XLSX cannot hold NUL, so that one is written without it, and then needs no guard.
    assert read == ["'" + xml_lines(value) for value in values[:-1]] + ["cmd|' /C calc'!A0"]


def test_every_spreadsheet_writer_uses_the_guard():
    """A new CSV or XLSX writer anywhere in the code must go through core.csvsafe.safe_cell."""
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "src" / "roadahead"
    writers_found = [path for path in source.rglob("*.py")
                     if any(word in path.read_text(encoding="utf-8") for word in ("csv.writer(", "Workbook("))]
    assert len(writers_found) >= 4
    assert [str(path.relative_to(source)) for path in writers_found
            if "safe_cell" not in path.read_text(encoding="utf-8")] == []
