from __future__ import annotations

import datetime as dt

from roadahead.core.downloads import csv_response, csv_text, download, record_rows


def test_every_cell_is_guarded_and_an_empty_value_is_an_empty_cell():
    text = csv_text(("name", "note"), [("=HYPERLINK(\"x\")", None), ("Zoë", 3)])
    assert text == "name,note\r\n\"'=HYPERLINK(\"\"x\"\")\",\r\nZoë,3\r\n"


def test_records_follow_the_fields_order_and_a_missing_field_is_empty():
    assert record_rows([{"b": 2, "a": 1}, {"a": "-5"}], ("a", "b")) == [[1, 2], ["-5", None]]
    assert csv_text(("a", "b"), record_rows([{"a": "-5"}], ("a", "b")), lineterminator="\n") == "a,b\n'-5,\n"


def test_a_csv_download_is_an_attachment_with_a_byte_order_mark_only_when_asked():
    plain = csv_response("pupils.csv", ("upn",), [("A123",)])
    assert plain["Content-Type"] == "text/csv; charset=utf-8"
    assert plain["Content-Disposition"] == 'attachment; filename="pupils.csv"'
    assert plain.content == b"upn\r\nA123\r\n"
    assert not plain.has_header("Cache-Control")

    marked = csv_response("epep.csv", None, [("Section", "@risk")], bom=True, no_store=True)
    assert marked.content == "\ufeffSection,'@risk\r\n".encode()
    assert marked["Cache-Control"] == "no-store"


def test_a_file_can_open_in_the_browser():
    response = download(b"%PDF", filename=f"report-{dt.date(2026, 3, 10).isoformat()}.pdf",
                        content_type="application/pdf", inline=True)
    assert response["Content-Disposition"] == 'inline; filename="report-2026-03-10.pdf"'
