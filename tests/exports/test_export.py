"""Everything a school holds, in each format: complete, only this school's, no secrets, formula-safe."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from roadahead.activities.models import Participation
from roadahead.audit.models import AuditEntry
from roadahead.events.models import FeedbackLink
from roadahead.exports import registry, writers
from roadahead.people.models import Pupil
from tests import factories
from tests.exports.helpers import EXPORTED_AT, FORMULAS, all_text, export, fill, read, table

pytestmark = pytest.mark.django_db

FORMATS = ("json", "csv", "xlsx")
CANARY = "Quetzalcoatl"


@pytest.fixture
def filled(world, other_world):
    made = fill(world, formulas=True)
    # The other school holds the same kinds of record, with a name that must never appear.
    other = fill(other_world, words=f"{CANARY} words")
    factories.PupilFactory(school=other_world.school, legal_surname=CANARY, preferred_forename=CANARY)
    other_world.careers_leader.user.full_name = f"{CANARY} Leader"
    other_world.careers_leader.user.save()
    made.secrets.extend(other.secrets)
    return made


@pytest.mark.parametrize("file_format", FORMATS)
def test_every_table_has_exactly_the_schools_rows(filled, world, file_format):
    expected = {t.key: sorted(t.model._default_manager.filter(**{t.school_field: world.school.pk})
                              .values_list("pk", flat=True)) for t in registry.tables()}
    tables = read(file_format, export(world.school, file_format))
    assert set(tables) == set(expected)
    for key, ids in expected.items():
        assert sorted(int(v) for v in tables[key].column("id")) == ids, key
    # The tables have something in them to compare: records from many apps.
    assert len(tables["activities.participation"].rows) > len(world.pupils)  # the meeting is one too
    assert tables["activities.participationrevision"].rows
    assert tables["guidance.guidanceaction"].rows
    assert tables["events.feedbacklink"].rows
    assert tables["audit.auditentry"].rows


@pytest.mark.parametrize("file_format", FORMATS)
def test_nothing_of_another_school_appears(filled, world, other_world, file_format):
    content = export(world.school, file_format)
    assert CANARY not in all_text(file_format, content)
    assert "elmbrook" not in all_text(file_format, content)
    tables = read(file_format, content)
    theirs = set(Pupil.objects.filter(school=other_world.school).values_list("pk", flat=True))
    assert not {int(v) for v in tables["people.pupil"].column("id")} & theirs
    assert not {int(v) for v in tables["activities.participation"].column("pupil_id")} & theirs
    for key, found in tables.items():
        if "school_id" in found.columns:
            assert {int(v) for v in found.column("school_id")} <= {world.school.pk}, key
    members = tables["people.membership"]
    assert sorted(members.column("user_email")) == sorted(
        m.user.email for m in (world.careers_leader, world.class_teacher, world.adviser, world.leader))


@pytest.mark.parametrize("file_format", FORMATS)
def test_no_password_or_token_leaves(filled, world, file_format):
    text = all_text(file_format, export(world.school, file_format))
    hashes = [world.careers_leader.user.password, *FeedbackLink.objects.values_list("token_hash", flat=True),
              *(t.key_hash for t in world.careers_leader.user.api_tokens.all())]
    assert all(hashes)
    for secret in [*hashes, *filled.secrets]:
        assert secret not in text
    assert "password" not in read(file_format, export(world.school, file_format))["people.membership"].columns


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_formulas_are_neutralised_in_spreadsheets(filled, world, file_format):
    tables = read(file_format, export(world.school, file_format))
    for (key, column), value in FORMULAS.items():
        assert "'" + value in tables[key].column(column), (key, column)
        assert value not in tables[key].column(column)


def test_formulas_are_kept_verbatim_in_json(filled, world):
    tables = read("json", export(world.school, "json"))
    for (key, column), value in FORMULAS.items():
        assert value in tables[key].column(column), (key, column)


def test_xlsx_cells_holding_formulas_are_text(filled, world):
    book = load_workbook(io.BytesIO(export(world.school, "xlsx")))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def test_json_archive_has_the_header_and_columns_fit_rows(filled, world):
    document = json.loads(export(world.school, "json"))
    assert document["format"] == "road-ahead-export"
    assert document["version"] == 1
    assert document["school"] == {"id": world.school.pk, "name": "Oakfield School", "slug": "oakfield",
                                  "urn": world.school.urn}
    assert document["exported_at"] == "2026-03-10T10:00:00+00:00"
    for key, t in document["tables"].items():
        assert t["title"]
        assert all(len(row) == len(t["columns"]) for row in t["rows"]), key
    pupils = document["tables"]["people.pupil"]
    first = dict(zip(pupils["columns"], pupils["rows"][0], strict=True))
    assert first["date_of_birth"] == "2010-10-01"
    assert first["sex"] == "F"
    assert first["looked_after"] is False
    activities = document["tables"]["activities.activity"]
    # Many-to-many fields are lists of ids; foreign keys are ids, so the tables join up.
    activity = dict(zip(activities["columns"], activities["rows"][0], strict=True))
    assert isinstance(activity["benchmarks"], list)
    assert activity["providers"]
    participations = document["tables"]["activities.participation"]
    assert {r[participations["columns"].index("activity_id")] for r in participations["rows"]} <= {
        r[0] for r in activities["rows"]}
    # Each table says which table each of its links points to.
    assert participations["references"]["pupil_id"] == "people.pupil"
    assert activities["references"]["benchmarks"] == "benchmarks.benchmark"
    assert activities["references"]["created_by_id"] == "people.membership.user_id"
    assert "id" not in activities["references"]


def test_csv_zip_has_one_file_per_table_and_a_readme(filled, world):
    with zipfile.ZipFile(io.BytesIO(export(world.school, "csv"))) as archive:
        names = archive.namelist()
        readme = archive.read("README.txt").decode()
        teachers = archive.read("people.membership.csv").decode("utf-8-sig")
    assert sorted(names) == sorted([f"{t.key}.csv" for t in registry.tables()] + ["README.txt"])
    assert "Oakfield School" in readme
    assert "special-category data" in readme
    assert "people.pupil.csv" in readme
    assert "Pupils (4 rows)" in readme
    assert "pupil_id → people.pupil" in readme
    # The teacher's class is a many-to-many link: ids separated by semicolons.
    assert f",{world.class_group.pk}," in teachers.replace(";", ",")


def test_xlsx_has_an_about_sheet_and_readable_sheet_names(filled, world):
    book = load_workbook(io.BytesIO(export(world.school, "xlsx")), read_only=True)
    assert book.sheetnames[0] == "About"
    about = list(book["About"].iter_rows(values_only=True))
    assert "Oakfield School" in about[0][0]
    assert about[1][:2] == ("Exported at", "2026-03-10T10:00:00+00:00")
    assert "Pupils" in book.sheetnames
    assert "Participations" in book.sheetnames
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert len({n.lower() for n in book.sheetnames}) == len(book.sheetnames)
    book.close()


def test_a_table_longer_than_a_sheet_goes_on_over_more_sheets(filled, world, monkeypatch):
    monkeypatch.setattr(writers, "XLSX_MAX_ROWS", 3)  # two rows a sheet
    content = export(world.school, "xlsx")
    book = load_workbook(io.BytesIO(content), read_only=True)
    assert {"Pupils", "Pupils (2)"} <= set(book.sheetnames)
    assert "Pupils (3)" not in book.sheetnames
    book.close()
    assert len(read("xlsx", content)["people.pupil"].rows) == 4


def test_the_export_is_audited_without_personal_values(filled, world):
    before = AuditEntry.objects.filter(school=world.school, action="export.school").count()
    content = export(world.school, "json", by=world.careers_leader.user)
    entries = AuditEntry.objects.filter(school=world.school, action="export.school")
    assert entries.count() == before + 1
    entry = entries.first()
    rows = sum(len(t["rows"]) for t in json.loads(content)["tables"].values())
    assert entry.user == world.careers_leader.user
    assert entry.data == {"format": "json", "tables": len(registry.tables()), "rows": rows}


def test_membership_table_holds_name_email_role_and_active(filled, world):
    members = read("json", export(world.school, "json"))["people.membership"]
    row = next(r for r in members.rows if r[members.columns.index("user_id")] == world.class_teacher.user_id)
    values = dict(zip(members.columns, row, strict=True))
    assert values["user_full_name"] == "Class Teacher"
    assert values["user_email"] == "teacher@oakfield.example"
    assert values["role"] == "staff"
    assert values["is_active"] is True
    assert values["class_groups"] == [world.class_group.pk]


def _queries(school, file_format):
    with CaptureQueriesContext(connection) as captured:
        export(school, file_format)
    return len(captured)


@pytest.mark.parametrize("file_format", FORMATS)
def test_queries_do_not_grow_with_the_pupils(world, other_world, file_format):
    fill(world)
    for _ in range(29):
        pupil = factories.PupilFactory(school=other_world.school)
        factories.EnrolmentFactory(pupil=pupil, academic_year=other_world.class_group.academic_year,
                                   class_group=other_world.class_group)
    fill(other_world)
    assert Participation.objects.filter(school=other_world.school).count() > 30
    few, many = _queries(world.school, file_format), _queries(other_world.school, file_format)
    assert few == many
    links = sum(len(t.many_to_many) for t in registry.tables())
    # One query a table, one a many-to-many field, and the audit entry.
    assert many <= len(registry.tables()) + links + 3


def test_title_of_each_table_is_plain(world):
    assert table("people.pupil").title == "Pupils"
    assert table("activities.participation").title == "Participations"
    assert table("schools.school").title == "School"


class _Recorder(io.BytesIO):
    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, data) -> int:
        self.sizes.append(len(data))
        return super().write(data)


def test_json_is_written_as_it_is_read_not_built_whole(world):
    pupils = table("people.pupil")
    produced = []

    def rows_of(_table):
        for i in range(20_000):
            produced.append(i)
            yield [i] + [None] * (len(pupils.columns) - 1)

    out = _Recorder()
    header = writers.Header(school={"name": "Oakfield School"}, exported_at=EXPORTED_AT)
    written = writers.write_json(out, header=header, tables=[pupils], rows_of=rows_of)
    assert written.rows == {"people.pupil": 20_000}
    assert len(out.sizes) > 20
    assert max(out.sizes) < len(out.getvalue()) / 10
    assert len(json.loads(out.getvalue())["tables"]["people.pupil"]["rows"]) == 20_000
