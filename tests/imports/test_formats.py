"""Valid files in every format and header variant import fully, with the values a school expects."""

from __future__ import annotations

import datetime as dt

import pytest

from roadahead.imports.models import ImportStatus
from roadahead.people.models import Enrolment, Pupil
from roadahead.schools.models import ClassGroup
from tests.imports.conftest import FILES, HEADERS, make_csv, make_xlsx, pupil_rows, run_import, upn

pytestmark = pytest.mark.django_db


def needs_of(pupil: Pupil) -> list[str]:
    return list(pupil.needs.order_by("rank").values_list("need", flat=True))


def enrolment_of(pupil: Pupil) -> Enrolment:
    return Enrolment.objects.select_related("class_group", "academic_year").get(
        pupil=pupil, academic_year__start_year=2025)


def test_utf8_csv_imports_every_column(school, world):
    run = run_import(school, (FILES / "utf8.csv").read_bytes(), by=world.careers_leader.user)
    assert run.status == ImportStatus.DONE, run.errors
    assert (run.created_count, run.updated_count, run.unchanged_count) == (3, 0, 0)
    maisie = Pupil.objects.get(school=school, upn="H801200000001")
    assert (maisie.legal_forename, maisie.preferred_forename, maisie.legal_surname) == ("Maisie", "Mae", "Ashdown")
    assert maisie.date_of_birth == dt.date(2011, 3, 14)
    assert maisie.ehcp_next_review == dt.date(2026, 5, 1)
    assert needs_of(maisie) == ["SLD", "SLCN"]
    assert enrolment_of(maisie).nc_year == "9"
    assert enrolment_of(maisie).class_group.name == "Willow"
    tomasz = Pupil.objects.get(school=school, upn="H801200000002")
    assert (tomasz.sex, tomasz.sen_provision, tomasz.looked_after) == ("M", "E", True)
    assert tomasz.date_of_birth == dt.date(2010, 11, 2)
    assert enrolment_of(tomasz).nc_year == "10"
    ruby = Pupil.objects.get(school=school, upn="H801200000003")
    assert (ruby.sex, ruby.sen_provision, ruby.looked_after) == ("F", "K", False)


def test_bom_csv_with_mis_header_variants_imports(school):
    run = run_import(school, (FILES / "utf8-bom-variants.csv").read_bytes())
    assert run.status == ImportStatus.DONE, run.errors
    kit = Pupil.objects.get(school=school, upn="H801200000004")
    assert (kit.legal_surname, kit.legal_forename, kit.sex, kit.sen_provision) == ("Dunmore", "Kit", "M", "K")
    assert needs_of(kit) == ["SPLD"]
    assert enrolment_of(kit).class_group.name == "Elm"
    noor = Pupil.objects.get(school=school, upn="H801200000005")
    assert (noor.sen_provision, noor.looked_after) == ("N", True)
    assert needs_of(noor) == []


def test_cp1252_csv_keeps_accented_names(school):
    content = (FILES / "cp1252.csv").read_bytes()
    assert b"Zo\xeb" in content  # really Windows-1252, as Excel on Windows writes it
    run = run_import(school, content)
    assert run.status == ImportStatus.DONE, run.errors
    assert Pupil.objects.get(school=school, upn="H801200000006").legal_forename == "Zoë"
    sian = Pupil.objects.get(school=school, upn="H801200000007")
    assert sian.legal_forename == "Siân"
    assert needs_of(sian) == ["SLD"]  # the full name of the need is accepted
    assert enrolment_of(sian).nc_year == "12"


def test_semicolon_csv_imports(school):
    run = run_import(school, (FILES / "semicolon.csv").read_bytes())
    assert run.status == ImportStatus.DONE, run.errors
    ola = Pupil.objects.get(school=school, upn="H801200000008")
    assert (ola.sex, ola.looked_after) == ("U", True)
    assert needs_of(ola) == ["HI"]
    assert enrolment_of(ola).class_group.name == "Cedar"


def test_tab_separated_text_imports_reception_pupil(school):
    run = run_import(school, (FILES / "tab.txt").read_bytes(), file_name="pupils.txt")
    assert run.status == ImportStatus.DONE, run.errors
    amara = Pupil.objects.get(school=school, upn="H801200000010")
    assert enrolment_of(amara).nc_year == "R"
    assert enrolment_of(amara).class_group is None
    # Columns the file does not have keep the model's defaults.
    assert amara.sen_provision == "E"


def test_utf16_text_export_imports(school):
    content = make_csv(pupil_rows(2), delimiter="\t", encoding="utf-16")
    run = run_import(school, content, file_name="pupils.txt")
    assert run.status == ImportStatus.DONE, run.errors
    assert run.created_count == 2


def test_xlsx_with_date_cells_and_number_cells_imports(school):
    rows = [[upn(1), "Mallory", "Ines", dt.datetime(2011, 3, 14), "F", 9, "Willow", "E", "ASD", "No"],
            [upn(2), "Nettleford", "Jay", "02/11/2010", "M", 10.0, "Hazel", "K", "MLD", 1]]
    run = run_import(school, make_xlsx(rows), file_name="pupils.xlsx")
    assert run.status == ImportStatus.DONE, run.errors
    assert run.file_format == "xlsx"
    ines = Pupil.objects.get(school=school, upn=upn(1))
    assert ines.date_of_birth == dt.date(2011, 3, 14)
    assert enrolment_of(ines).nc_year == "9"
    jay = Pupil.objects.get(school=school, upn=upn(2))
    assert (jay.date_of_birth, jay.looked_after) == (dt.date(2010, 11, 2), True)
    assert enrolment_of(jay).nc_year == "10"


def test_xlsx_named_csv_is_read_by_its_content(school):
    run = run_import(school, make_xlsx(pupil_rows(1)), file_name="pupils.csv")
    assert run.status == ImportStatus.DONE, run.errors
    assert any("ends in .csv" in w for w in run.warnings)


def test_ctf_uses_latest_sen_entry_and_ranked_needs(school):
    run = run_import(school, (FILES / "ctf.xml").read_bytes(), file_name="transfer.xml")
    assert run.status == ImportStatus.DONE, run.errors
    assert run.file_format == "ctf"
    lowenna = Pupil.objects.get(school=school, upn="H801200000011")
    assert (lowenna.preferred_forename, lowenna.preferred_surname) == ("Wenna", "Kettering-Vale")
    assert (lowenna.sex, lowenna.looked_after, lowenna.date_of_birth) == ("F", True, dt.date(2012, 5, 17))
    # The 2022 entry (E, three needs) replaces the 2019 one (K, MLD); needs follow SENtypeRank.
    assert lowenna.sen_provision == "E"
    assert needs_of(lowenna) == ["ASD", "SLCN", "SEMH"]
    assert enrolment_of(lowenna).nc_year == "8"
    oren = Pupil.objects.get(school=school, upn="H801200000012")
    assert (oren.sex, oren.looked_after, needs_of(oren)) == ("M", False, ["PD"])


def test_title_rows_above_the_header_are_skipped_and_rows_keep_their_numbers(school):
    content = b"Pupil list printed 10/03/2026\r\n\r\n" + make_csv([*pupil_rows(1), [upn(2), "X", "Y", "31/13/2011",
                                                                                     "F", "9", "", "E", "", "N"]])
    run = run_import(school, content)
    # Title on row 1, blank row 2, header row 3: the bad pupil is on spreadsheet row 5.
    assert [(e["row"], e["column"]) for e in run.errors] == [(5, "DOB")]


def test_headers_match_ignoring_case_spaces_and_punctuation(school):
    headers = ["upn", " SURNAME ", "legal_forename", "date-of-birth", "GENDER", "nc year"]
    run = run_import(school, make_csv([[upn(1), "Oakes", "Priya", "01/01/2012", "f", "y8"]], headers))
    assert run.status == ImportStatus.DONE, run.errors
    assert Pupil.objects.get(school=school, upn=upn(1)).legal_forename == "Priya"


def test_class_is_created_once_for_the_current_academic_year(school):
    run_import(school, make_csv(pupil_rows(4)))
    willows = ClassGroup.objects.filter(school=school, name="Willow")
    assert willows.count() == 1
    assert willows.get().academic_year.start_year == 2025
    assert Enrolment.objects.filter(school=school, class_group=willows.get()).count() == 2


def test_existing_class_is_matched_ignoring_case(school, world):
    rows = pupil_rows(1)
    rows[0][6] = "OAK"
    run_import(school, make_csv(rows))
    assert enrolment_of(Pupil.objects.get(school=school, upn=upn(1))).class_group == world.class_group
    assert not ClassGroup.objects.filter(school=school, name="OAK").exists()


def test_pathway_matches_an_existing_pathway_ignoring_case(school):
    from tests.factories import PathwayFactory

    pathway = PathwayFactory(school=school, name="Pathway 3")
    rows = [[*row, "pathway 3"] for row in pupil_rows(1)]
    run = run_import(school, make_csv(rows, [*HEADERS, "Pathway"]))
    assert run.status == ImportStatus.DONE, run.errors
    assert enrolment_of(Pupil.objects.get(school=school, upn=upn(1))).pathway == pathway


def test_needs_given_as_full_names_and_other_needs_list(school):
    headers = ["UPN", "Surname", "Forename", "DOB", "Year", "Primary Need", "Secondary Need", "Other Needs"]
    rows = [[upn(1), "Quill", "Ada", "01/01/2012", "8", "Autistic spectrum disorder", "slcn", "HI; VI"]]
    run = run_import(school, make_csv(rows, headers))
    assert run.status == ImportStatus.DONE, run.errors
    assert needs_of(Pupil.objects.get(school=school, upn=upn(1))) == ["ASD", "SLCN", "HI", "VI"]


@pytest.mark.parametrize("name", ["pupils-example.csv", "pupils-example.xlsx", "ctf-example.xml"])
def test_documented_example_files_import(school, name):
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "docs" / "examples" / "pupils" / name
    run = run_import(school, path.read_bytes(), file_name=name)
    assert run.status == ImportStatus.DONE, run.errors
    assert run.created_count == (2 if name.endswith(".xml") else 5)
