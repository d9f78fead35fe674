"""D24 (docs/security.md): each import limit in roadahead.imports.parsers, tested just under, at and
just over: under and at are read, over is refused with a message that names the limit. Where the
limits differ from security.md's suggested figures, docs/security.md says so."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from roadahead.imports import parsers
from roadahead.imports.columns import CellError, cell_text
from roadahead.imports.parsers import FileProblem, read_table
from tests.imports.conftest import HEADERS, make_csv, make_xlsx, pupil_rows
from tests.security.hostile_files import base_xlsx, rezip, zip_bomb


def rows_csv(count: int) -> bytes:
    return make_csv(pupil_rows(count))


@pytest.mark.parametrize("count", [parsers.MAX_ROWS - 1, parsers.MAX_ROWS])
def test_rows_up_to_the_limit_are_read(count):
    assert len(read_table(file_name="pupils.csv", content=rows_csv(count)).rows) == count


def test_one_row_over_the_limit_is_refused():
    with pytest.raises(FileProblem, match="more than 20,000 rows"):
        read_table(file_name="pupils.csv", content=rows_csv(parsers.MAX_ROWS + 1))


def test_xlsx_rows_over_the_limit_are_refused_and_at_it_read():
    small = 50
    assert len(parsers.read_xlsx(make_xlsx(pupil_rows(small)), max_rows=small).rows) == small
    with pytest.raises(FileProblem, match="more than 50 rows"):
        parsers.read_xlsx(make_xlsx(pupil_rows(small + 1)), max_rows=small)


def wide(columns: int) -> list[str]:
    return [*HEADERS, *(f"Extra {i}" for i in range(columns - len(HEADERS)))]


@pytest.mark.parametrize("columns", [parsers.MAX_COLUMNS - 1, parsers.MAX_COLUMNS])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_columns_up_to_the_limit_are_read(kind, columns):
    headers = wide(columns)
    rows = [[*row, *([""] * (columns - len(row)))] for row in pupil_rows(2)]
    content = make_csv(rows, headers) if kind == "csv" else make_xlsx(rows, headers)
    assert len(read_table(file_name=f"pupils.{kind}", content=content).headers) == columns


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_one_column_over_the_limit_is_refused(kind):
    headers = wide(parsers.MAX_COLUMNS + 1)
    rows = [[*row, *(["x"] * (len(headers) - len(row)))] for row in pupil_rows(2)]
    content = make_csv(rows, headers) if kind == "csv" else make_xlsx(rows, headers)
    with pytest.raises(FileProblem, match="more than 200 columns"):
        read_table(file_name=f"pupils.{kind}", content=content)


@pytest.mark.parametrize("length", [parsers.MAX_CELL_CHARS - 1, parsers.MAX_CELL_CHARS])
def test_cells_up_to_the_limit_are_read(length):
    assert len(cell_text("x" * length)) == length


def test_one_character_over_the_cell_limit_is_refused():
    with pytest.raises(CellError, match="2001 characters long; the most this column takes is 2000"):
        cell_text("x" * (parsers.MAX_CELL_CHARS + 1))


def test_file_size_limit(settings):
    content = rows_csv(3)
    for limit in (len(content), len(content) + 1):
        settings.ROADAHEAD_MAX_UPLOAD_BYTES = limit
        assert len(read_table(file_name="pupils.csv", content=content).rows) == 3
    settings.ROADAHEAD_MAX_UPLOAD_BYTES = len(content) - 1
    with pytest.raises(FileProblem, match="the largest file Road Ahead accepts"):
        read_table(file_name="pupils.csv", content=content)


def test_the_real_file_size_limit_refuses_one_byte_more():
    limit = parsers.max_upload_bytes()
    assert limit == 25 * 1024 * 1024
    with pytest.raises(FileProblem, match="the largest file Road Ahead accepts is 25 MB"):
        read_table(file_name="pupils.csv", content=b"x" * (limit + 1))


def with_parts(total: int) -> bytes:
    content = base_xlsx()
    have = len(zipfile.ZipFile(io.BytesIO(content)).infolist())
    return rezip(content, add={f"customXml/item{i}.xml": b"<a/>" for i in range(total - have)})


@pytest.mark.parametrize("total", [parsers.MAX_XLSX_ENTRIES - 1, parsers.MAX_XLSX_ENTRIES])
def test_workbooks_with_parts_up_to_the_limit_are_read(total):
    assert len(read_table(file_name="pupils.xlsx", content=with_parts(total)).rows) == 3


def test_one_part_over_the_limit_is_refused():
    with pytest.raises(FileProblem, match="too many parts"):
        read_table(file_name="pupils.xlsx", content=with_parts(parsers.MAX_XLSX_ENTRIES + 1))


def test_unpacked_size_limit(monkeypatch):
    content = base_xlsx()
    total = sum(entry.file_size for entry in zipfile.ZipFile(io.BytesIO(content)).infolist())
    for limit in (total, total + 1):
        monkeypatch.setattr(parsers, "MAX_XLSX_UNPACKED_BYTES", limit)
        assert len(read_table(file_name="pupils.xlsx", content=content).rows) == 3
    monkeypatch.setattr(parsers, "MAX_XLSX_UNPACKED_BYTES", total - 1)
    with pytest.raises(FileProblem, match="unpacks to more than"):
        read_table(file_name="pupils.xlsx", content=content)


def test_the_real_unpacked_limit_refuses_more_than_200_mb():
    assert parsers.MAX_XLSX_UNPACKED_BYTES == 200 * 1024 * 1024
    with pytest.raises(FileProblem, match="unpacks to more than 200 MB"):
        read_table(file_name="pupils.xlsx", content=zip_bomb(201))


def test_compression_ratio_limit():
    """A large part that packs like real data is read; one that packs like a bomb is refused."""
    random_part = rezip(base_xlsx(), add={"customXml/blob.bin": os.urandom(2 * 1024 * 1024)})
    assert len(read_table(file_name="pupils.xlsx", content=random_part).rows) == 3
    with pytest.raises(FileProblem, match="compressed far more than a real spreadsheet"):
        read_table(file_name="pupils.xlsx", content=zip_bomb(2))


def test_an_upload_with_more_than_one_file_is_refused(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(world.careers_leader.user)
    url = reverse("imports:upload", kwargs={"school_slug": world.school.slug})
    one = SimpleUploadedFile("pupils.csv", rows_csv(2), content_type="text/csv")
    assert client.post(url, {"file": one}).status_code == 302
    files = [SimpleUploadedFile(f"pupils{i}.csv", rows_csv(2), content_type="text/csv") for i in range(2)]
    assert client.post(url, {"file": files}).status_code == 400
