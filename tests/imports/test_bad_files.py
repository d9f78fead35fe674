"""Bad files write nothing at all and say exactly which row and column is wrong, and why."""

from __future__ import annotations

import io
import zipfile
from unittest import mock

import pytest

from roadahead.audit.models import AuditEntry
from roadahead.imports.models import ImportRun, ImportStatus
from roadahead.people.models import Enrolment, Pupil, PupilNeed
from roadahead.schools.models import ClassGroup
from tests.imports.conftest import FILES, HEADERS, error_texts, make_csv, make_xlsx, pupil_rows, run_import, upn

pytestmark = pytest.mark.django_db


@pytest.fixture
def counts(school):
    """Assert that a bad file left every table it could touch exactly as it was."""

    def snapshot() -> tuple[int, ...]:
        return (Pupil.objects.filter(school=school).count(), PupilNeed.objects.filter(school=school).count(),
                Enrolment.objects.filter(school=school).count(), ClassGroup.objects.filter(school=school).count(),
                AuditEntry.objects.filter(school=school, action="import.pupils").count())

    before = snapshot()
    yield
    assert snapshot() == before


def rejected(school, content: bytes, file_name: str = "pupils.csv") -> list[str]:
    run = run_import(school, content, file_name=file_name)
    assert run.status == ImportStatus.FAILED
    assert run.created_count == run.updated_count == 0
    return error_texts(run)


def with_row(values: dict[str, str], *, count: int = 3, at: int = 1) -> bytes:
    """Good rows, with one row's cells replaced (`at` counts data rows from 0; spreadsheet row at+2)."""
    rows = pupil_rows(count)
    for header, value in values.items():
        rows[at][HEADERS.index(header)] = value
    return make_csv(rows)


@pytest.mark.usefixtures("counts")
def test_bad_upn_is_reported_by_row_and_column(school):
    assert rejected(school, with_row({"UPN": "H12345"})) == [
        "Row 3, UPN: 'H12345': A UPN has 13 characters; this one has 6."]
    assert rejected(school, with_row({"UPN": "1234567890123"})) == [
        "Row 3, UPN: '1234567890123': A UPN is a letter followed by 12 digits."]


@pytest.mark.usefixtures("counts")
def test_duplicate_upn_in_file_names_both_rows(school):
    content = with_row({"UPN": upn(1)}, count=4, at=2)
    assert rejected(school, content) == [
        f"Row 4, UPN: {upn(1)} is also on row 2. Each pupil may appear only once."]


@pytest.mark.usefixtures("counts")
def test_unknown_need_code_lists_the_codes(school):
    assert rejected(school, with_row({"Primary Need": "ADHD"})) == [
        "Row 3, Primary Need: 'ADHD' is not a type of need. Use one of SPLD, MLD, SLD, PMLD, SEMH, SLCN, ASD, HI, "
        "VI, MSI, PD, OTH, NSA."]


@pytest.mark.usefixtures("counts")
def test_missing_required_column_is_reported_once_with_the_columns_found(school):
    headers = ["UPN", "Surname", "Forename", "Sex", "Year"]
    content = make_csv([[upn(n), "A", "B", "F", "9"] for n in range(1, 50)], headers)
    assert rejected(school, content) == [
        "Row 1: Required columns are missing: DOB (or Date of Birth, Birth Date). The header row has: 'UPN', "
        "'Surname', 'Forename', 'Sex', 'Year'."]


@pytest.mark.usefixtures("counts")
@pytest.mark.parametrize(("value", "message"), [
    ("31/02/2012", "'31/02/2012' is not a real date."),
    ("14/03/12", "'14/03/12' has a two-figure year. Write the year in full, for example 14/03/2012."),
    ("March 2012", "'March 2012' is not a date. Write dates as DD/MM/YYYY, for example 14/03/2012."),
    ("01/01/2030", "'01/01/2030' is in the future."),
    ("", "The date of birth is missing."),
])
def test_bad_date_of_birth_says_why(school, value, message):
    assert rejected(school, with_row({"DOB": value})) == [f"Row 3, DOB: {message}"]


@pytest.mark.usefixtures("counts")
@pytest.mark.parametrize("formula", ["=HYPERLINK(\"http://evil.example\")", "+44 1234", "-2+3", "@SUM(A1)"])
def test_formula_injection_is_refused(school, formula):
    errors = rejected(school, with_row({"Surname": formula}))
    assert len(errors) == 1
    assert errors[0].startswith("Row 3, Surname: '")
    assert f"starts with {formula[0]}, which spreadsheets run as a formula" in errors[0]


@pytest.mark.usefixtures("counts")
def test_too_long_name_is_refused(school):
    assert rejected(school, with_row({"Surname": "A" * 101})) == [
        "Row 3, Surname: The value is 101 characters long; the most this column takes is 100."]


@pytest.mark.usefixtures("counts")
def test_nul_byte_in_a_cell_is_refused(school):
    assert rejected(school, with_row({"Forename": "Ev\x00a"})) == [
        "Row 3, Forename: The cell contains hidden binary characters (NUL). Retype it or export the file again."]


@pytest.mark.usefixtures("counts")
def test_bad_values_in_other_columns_are_all_reported(school):
    content = with_row({"Sex": "X", "Year": "Year 20", "SEN Provision": "Q", "LAC": "maybe", "Class": "=1+1"})
    assert rejected(school, content) == [
        "Row 3, Sex: 'X' is not a sex Road Ahead knows. Use M, F or U (not known), or Male or Female.",
        "Row 3, Year: 'Year 20' is not an NC year. Use R, 1 to 14, N1, N2 or X (not following NC years); "
        "'Year 10' is fine too.",
        "Row 3, Class: '=1+1' starts with =, which spreadsheets run as a formula. Road Ahead refuses it for "
        "safety: remove the = or the formula.",
        "Row 3, SEN Provision: 'Q' is not an SEN provision. Use E (EHC plan), K (SEN support) or N (none).",
        "Row 3, LAC: 'maybe' is not yes or no. Use Yes or No (Y/N, True/False, 1/0), or leave it empty for no.",
    ]


@pytest.mark.usefixtures("counts")
def test_unknown_pathway_names_the_schools_pathways(school):
    from tests.factories import PathwayFactory

    PathwayFactory(school=school, name="Bridge")
    PathwayFactory(school=school, name="Sensory")
    rows = [[*row, "Bridge"] for row in pupil_rows(2)]
    rows[1][-1] = "Pathway 9"
    assert rejected(school, make_csv(rows, [*HEADERS, "Pathway"])) == [
        "Row 3, Pathway: 'Pathway 9' is not one of this school's pathways (Bridge, Sensory)."]


@pytest.mark.usefixtures("counts")
def test_nsa_need_with_an_ehc_plan_is_refused(school):
    assert rejected(school, with_row({"Primary Need": "NSA"})) == [
        "Row 3, Primary Need: NSA (no specialist assessment) is used only with SEN support (K), but this "
        "pupil's SEN provision is E."]


@pytest.mark.usefixtures("counts")
def test_one_bad_row_among_two_thousand_writes_nothing(school):
    rows = pupil_rows(2000)
    rows[999][3] = "not a date"
    rows[1999][0] = "Z"
    assert rejected(school, make_csv(rows)) == [
        "Row 1001, DOB: 'not a date' is not a date. Write dates as DD/MM/YYYY, for example 14/03/2012.",
        "Row 2001, UPN: 'Z': A UPN has 13 characters; this one has 1."]


@pytest.mark.usefixtures("counts")
def test_errors_are_all_counted_but_only_the_first_200_kept(school):
    rows = pupil_rows(250)
    for row in rows:
        row[3] = "soon"
    run = run_import(school, make_csv(rows))
    assert run.error_count == 250
    assert len(run.errors) == 200
    assert run.errors[0]["row"] == 2


@pytest.mark.usefixtures("counts")
def test_a_database_failure_mid_write_leaves_nothing(school):
    with mock.patch("roadahead.imports.services.Enrolment.objects.bulk_create", side_effect=RuntimeError("disk")), \
            pytest.raises(RuntimeError):
        run_import(school, make_csv(pupil_rows(20)))
    assert not ImportRun.objects.filter(school=school, status=ImportStatus.DONE).exists()


# ## Whole-file problems ##########################################################################

@pytest.mark.usefixtures("counts")
@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf"])
def test_empty_file_is_refused(school, content):
    assert rejected(school, content) == ["The file is empty."]


@pytest.mark.usefixtures("counts")
def test_header_without_pupils_is_refused(school):
    assert rejected(school, make_csv([])) == ["The file has a header row but no pupils."]


@pytest.mark.usefixtures("counts")
def test_binary_junk_is_refused(school):
    junk = bytes(range(256)) * 64
    assert rejected(school, junk, "pupils.csv") == [
        "Road Ahead cannot read this file: it is not a spreadsheet, a CSV file or a Common Transfer File."]


@pytest.mark.usefixtures("counts")
@pytest.mark.parametrize(("content", "start"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "This is an old-style Excel file (.xls)."),
    (b"%PDF-1.7\n" + b"x" * 100, "This is a PDF."),
    (b"<html><body><table></table></body></html>", "This is a web page, not a spreadsheet."),
    (b"<?xml version='1.0'?><Pupils/>", "This XML file is not a Common Transfer File"),
    (b"<CTfile><CTFpupilData>", "This XML file is damaged and cannot be read"),
])
def test_files_of_other_kinds_are_named(school, content, start):
    [message] = rejected(school, content)
    assert message.startswith(start)


@pytest.mark.usefixtures("counts")
def test_file_over_the_size_limit_is_refused_before_reading(school, tmp_path, settings):
    settings.ROADAHEAD_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.write(make_csv(pupil_rows(1)))
        handle.write(b"x" * (20 * 1024 * 1024))
    assert rejected(school, big.read_bytes()) == [
        "The file is 20 MB; the largest file Road Ahead accepts is 10 MB."]


@pytest.mark.usefixtures("counts")
def test_twenty_megabytes_of_rows_is_refused_for_too_many_rows(school, tmp_path):
    big = tmp_path / "big.csv"
    row = make_csv(pupil_rows(1)).split(b"\r\n")[1] + b"\r\n"
    with big.open("wb") as handle:
        handle.write(make_csv([]))
        handle.write(row * (20 * 1024 * 1024 // len(row)))
    assert rejected(school, big.read_bytes()) == ["The file has more than 20,000 rows. Split it into smaller files."]


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.usefixtures("counts")
def test_xlsx_zip_bomb_is_refused_before_unpacking(school):
    # About 1 MB on disk, declaring 300 MB unpacked: refused from the zip's directory alone.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(300):
                sheet.write(chunk)
    content = buffer.getvalue()
    assert len(content) < 2 * 1024 * 1024
    with mock.patch("openpyxl.load_workbook") as load:
        [message] = rejected(school, content, "pupils.xlsx")
    assert message.startswith("This Excel file unpacks to more than 200 MB")
    load.assert_not_called()


@pytest.mark.usefixtures("counts")
def test_xlsx_compressed_far_too_well_is_refused(school):
    content = _zip({"xl/workbook.xml": b"<workbook/>", "xl/sharedStrings.xml": b" " * (50 * 1024 * 1024)})
    [message] = rejected(school, content, "pupils.xlsx")
    assert message.startswith("This Excel file is compressed far more than a real spreadsheet is.")


@pytest.mark.usefixtures("counts")
@pytest.mark.parametrize(("entries", "start"), [
    ({"xl/workbook.xml": b"<workbook/>", "xl/vbaProject.bin": b"macro"}, "This workbook contains macros"),
    ({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"},
     "This is an OpenDocument spreadsheet."),
    ({"word/document.xml": b"<w/>"}, "This is a zip file, not an Excel workbook."),
    ({"xl/workbook.xml": b"not xml at all"}, "This Excel file is damaged"),
])
def test_zip_files_that_are_not_plain_workbooks_are_refused(school, entries, start):
    [message] = rejected(school, _zip(entries), "pupils.xlsx")
    assert message.startswith(start)


@pytest.mark.usefixtures("counts")
def test_truncated_xlsx_is_refused(school):
    content = make_xlsx(pupil_rows(3))
    [message] = rejected(school, content[: len(content) // 2], "pupils.xlsx")
    assert message == "This Excel file is damaged and cannot be opened."


@pytest.mark.usefixtures("counts")
def test_xlsx_errors_name_spreadsheet_rows(school):
    rows = pupil_rows(3)
    rows[2][3] = 40982  # a date serial in a cell not formatted as a date
    assert error_texts(run_import(school, make_xlsx(rows), file_name="p.xlsx")) == [
        "Row 4, DOB: '40982' is a number, not a date. Format the column as dates, or write dates as DD/MM/YYYY."]


@pytest.mark.usefixtures("counts")
def test_xml_entity_expansion_is_refused(school):
    [message] = rejected(school, (FILES / "billion-laughs.xml").read_bytes(), "transfer.xml")
    assert message.startswith("This XML file declares entities or a document type, which Road Ahead refuses")


@pytest.mark.usefixtures("counts")
def test_ctf_errors_name_the_pupil_and_the_element(school):
    content = (FILES / "ctf.xml").read_bytes().replace(b"<DOB>2011-10-30</DOB>", b"<DOB>2011-02-30</DOB>")
    content = content.replace(b"<SENtype>PD</SENtype>", b"<SENtype>XX</SENtype>")
    assert rejected(school, content, "transfer.xml") == [
        "Pupil 2, DOB: '2011-02-30' is not a real date.",
        "Pupil 2, SENtype (rank 1): 'XX' is not a type of need. Use one of SPLD, MLD, SLD, PMLD, SEMH, SLCN, ASD, "
        "HI, VI, MSI, PD, OTH, NSA."]
