"""Activity imports: a good file becomes activities and participations; a bad one writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.activities.enums import Attendance
from roadahead.activities.models import Activity, ActivityType, Participation, ParticipationRevision
from roadahead.activities.services import ensure_activity_types
from roadahead.audit.models import AuditEntry
from roadahead.imports.models import ImportKind, ImportStatus
from roadahead.people.models import Pupil
from tests import factories
from tests.imports.activity_helpers import HEADERS, activity_csv, activity_xlsx, errors_of, import_file, visit_rows

pytestmark = pytest.mark.django_db


def nothing_written(school) -> bool:
    return not Activity.objects.filter(school=school).exists() and not Participation.objects.exists()


def test_good_csv_makes_one_activity_per_ref_with_each_pupils_part(world):
    factories.ProviderFactory(school=world.school, name="Crumbs Bakery")
    rows = visit_rows(world.pupils, provider="crumbs bakery") + visit_rows(
        world.pupils[:2], ref="A2", title="Talk from a nurse", kind="employer-talk", benchmarks="", meaningful="no")
    run = import_file(world.school, activity_csv(rows))
    assert (run.status, run.kind, run.rows, run.created_count) == (ImportStatus.DONE, ImportKind.ACTIVITIES, 6, 2)
    visit = Activity.objects.get(school=world.school, import_ref="A1")
    assert (visit.title, visit.date, visit.setting, str(visit.academic_year)) == (
        "Visit to the bakery", dt.date(2026, 2, 12), "off_site", "2025/26")
    assert [p.name for p in visit.providers.all()] == ["Crumbs Bakery"]
    assert sorted(visit.benchmarks.values_list("number", flat=True)) == [5, 6]
    # "meaningful: yes" on a workplace visit ticks the employer's task and feedback too.
    assert (visit.meaningful, visit.employer_task, visit.employer_feedback) == (True, True, True)
    talk = Activity.objects.get(school=world.school, import_ref="A2")
    assert list(talk.benchmarks.values_list("number", flat=True)) == [5]  # the type's usual benchmark
    assert not talk.meaningful
    first = Participation.objects.get(activity=visit, pupil=world.pupils[0])
    assert (first.attendance, first.engagement, first.response) == ("part", 1, "Liked the ovens 0")
    assert Participation.objects.filter(activity=visit).count() == 4
    entries = AuditEntry.objects.filter(school=world.school, action__startswith="import.")
    assert [(e.action, e.data["created"], e.data["participations_created"]) for e in entries] == [
        ("import.activities", 2, 6)]


def test_good_xlsx_with_excel_dates_and_number_cells_imports(world):
    rows = visit_rows(world.pupils[:2])
    for row in rows:
        row[1] = dt.datetime(2025, 11, 3)
        row[6] = 5
        row[11] = 4
    run = import_file(world.school, activity_xlsx(rows), file_name="activities.xlsx")
    assert run.status == ImportStatus.DONE, errors_of(run)
    activity = Activity.objects.get(import_ref="A1")
    assert activity.date == dt.date(2025, 11, 3)
    assert list(activity.benchmarks.values_list("number", flat=True)) == [5]
    assert set(Participation.objects.values_list("engagement", flat=True)) == {4}


def test_headers_in_other_words_and_values_as_codes_are_understood(world):
    headers = ["Activity Ref", "Activity Date", "Activity Title", "Activity Type", "Where", "Gatsby Benchmarks",
               "PAL", "Pupil UPN", "Attended", "Engagement Level", "Pupil Voice", "Staff Note"]
    rows = [["P1", "2026-01-20", "College taster", "provider-encounter", "on_site", "7", "Y", p.upn, "Y",
             "Engaged", "Asked about cooking", "Needed a break"] for p in world.pupils[:2]]
    run = import_file(world.school, activity_csv(rows, headers))
    assert run.status == ImportStatus.DONE, errors_of(run)
    activity = Activity.objects.get(import_ref="P1")
    assert (activity.counts_for_pal, activity.in_school_day) == (True, True)
    assert set(Participation.objects.values_list("attendance", "engagement", "staff_note")) == {
        (Attendance.ATTENDED, 3, "Needed a break")}


def test_reimporting_the_same_file_updates_instead_of_duplicating(world):
    rows = visit_rows(world.pupils)
    import_file(world.school, activity_csv(rows))
    again = import_file(world.school, activity_csv(rows))
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 1)
    rows[0][12] = "Wants to work there"
    rows[1][2] = rows[2][2] = rows[3][2] = rows[0][2] = "Bakery visit"
    changed = import_file(world.school, activity_csv(rows))
    assert (changed.created_count, changed.updated_count) == (0, 1)
    activity = Activity.objects.get(school=world.school)
    assert (activity.title, activity.version) == ("Bakery visit", 2)
    revision = ParticipationRevision.objects.get()
    assert revision.previous["response"] == "Liked the ovens 0"
    assert Participation.objects.get(activity=activity, pupil=world.pupils[0]).response == "Wants to work there"


def test_the_same_ref_in_another_school_is_another_activity(world, other_world):
    import_file(world.school, activity_csv(visit_rows(world.pupils)))
    import_file(other_world.school, activity_csv(visit_rows(other_world.pupils)))
    assert Activity.objects.filter(import_ref="A1").count() == 2
    assert Participation.objects.filter(activity__school=other_world.school).count() == 4


def test_dry_run_counts_without_writing(world):
    run = import_file(world.school, activity_csv(visit_rows(world.pupils)), dry_run=True)
    assert (run.pk, run.status, run.created_count, run.rows) == (None, ImportStatus.CHECKED, 1, 4)
    assert nothing_written(world.school)
    assert not AuditEntry.objects.filter(action__startswith="import.").exists()


def _bad(world, change) -> list[str]:
    rows = visit_rows(world.pupils)
    headers = list(HEADERS)
    change(rows, headers)
    run = import_file(world.school, activity_csv(rows, headers))
    assert run.status == ImportStatus.FAILED
    assert nothing_written(world.school)
    assert AuditEntry.objects.filter(action="import.activities.rejected").count() == 1
    return errors_of(run)


def test_unknown_upn_is_named_with_its_row(world):
    def change(rows, headers):
        rows[2][9] = "Z999999999999"
    assert _bad(world, change) == ["Row 4, upn: Z999999999999 is not a pupil of this school. Import or add the "
                                   "pupil first, or correct the UPN."]


def test_another_schools_pupil_is_unknown_here(world, other_world):
    def change(rows, headers):
        rows[0][9] = other_world.pupils[0].upn
    assert _bad(world, change)[0].startswith(f"Row 2, upn: {other_world.pupils[0].upn} is not a pupil of this school")


def test_unknown_type_lists_the_schools_types(world):
    def change(rows, headers):
        for row in rows:
            row[3] = "Trip to the moon"
    errors = _bad(world, change)
    assert len(errors) == 1  # said once for the activity, not on each of its rows
    assert errors[0].startswith("Row 2, type: 'Trip to the moon' is not one of this school's types of activity.")
    assert "Workplace visit" in errors[0]


def test_bad_date_is_refused(world):
    def change(rows, headers):
        for row in rows:
            row[1] = "31/02/2026"
    assert _bad(world, change) == ["Row 2, date: '31/02/2026' is not a real date."]


@pytest.mark.parametrize(("value", "message"), [
    ("9", "'9' is not a benchmark number."), ("5;0", "'0' is not a benchmark number."),
    ("five", "'five' is not a benchmark number.")])
def test_benchmark_outside_one_to_eight_is_refused(world, value, message):
    def change(rows, headers):
        for row in rows:
            row[6] = value
    errors = _bad(world, change)
    assert errors[0].startswith(f"Row 2, benchmarks: {message}")


def test_duplicate_pupil_rows_in_one_activity_are_refused(world):
    def change(rows, headers):
        rows.append(list(rows[1]))
    assert _bad(world, change) == [
        f"Row 6, upn: {world.pupils[1].upn} is also on row 3 for the same activity_ref 'A1'. Each pupil may appear "
        "once per activity."]


def test_conflicting_activity_values_name_both_rows(world):
    def change(rows, headers):
        rows[2][2] = "Visit to the bank"
        rows[3][1] = "13/02/2026"
    assert _bad(world, change) == [
        "Row 4, title: 'Visit to the bank' differs from row 2 ('Visit to the bakery'), which has the same "
        "activity_ref 'A1'. Every row of one activity must give the same title.",
        "Row 5, date: 13/02/2026 differs from row 2 (12/02/2026), which has the same activity_ref 'A1'. Every row "
        "of one activity must give the same date."]


def test_formula_in_a_text_cell_is_refused(world):
    def change(rows, headers):
        rows[1][12] = "=HYPERLINK(\"http://evil.example\")"
    errors = _bad(world, change)
    assert errors[0].startswith("Row 3, response: '=HYPERLINK(")
    assert "spreadsheets run as a formula" in errors[0]


def test_missing_required_column_is_named(world):
    def change(rows, headers):
        headers[9] = "Pupil"
    errors = _bad(world, change)
    assert errors == ["Row 1: Required columns are missing: upn. The header row has: 'activity_ref', 'date', 'title', "
                      "'type', 'setting', 'provider', 'benchmarks', 'meaningful', 'pal_encounter', 'Pupil', "
                      "'attendance', 'engagement', 'response'."]


def test_unknown_provider_is_named(world):
    def change(rows, headers):
        for row in rows:
            row[5] = "Nowhere Ltd; Crumbs"
    factories.ProviderFactory(school=world.school, name="Crumbs")
    assert _bad(world, change) == ["Row 2, provider: 'Nowhere Ltd': not in the provider directory. Add them to the "
                                   "directory first, or correct the name as the directory spells it."]


def test_pal_encounter_on_a_type_that_is_not_a_provider_encounter_is_refused(world):
    def change(rows, headers):
        for row in rows:
            row[8] = "yes"
    errors = _bad(world, change)
    assert errors[0].startswith("Row 2, pal_encounter: Only a provider encounter can count for PAL, and 'Workplace "
                                "visit' is not one.")


def test_bad_participation_values_are_each_reported(world):
    def change(rows, headers):
        rows[0][10] = "maybe"
        rows[1][11] = "7"
    errors = _bad(world, change)
    assert errors[0].startswith("Row 2, attendance: 'maybe' is not an attendance.")
    assert errors[1].startswith("Row 3, engagement: '7' is not an engagement.")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "The file is empty."),
    (b"activity_ref,date,title,type,upn\r\n", "The file has a header row but no activities."),
    (b"\x00\x01\x02\x03" * 200, "Road Ahead cannot read this file"),
    (b"<?xml version='1.0'?><CTfile></CTfile>", "This is an XML file"),
])
def test_empty_and_junk_files_are_refused_whole(world, content, message):
    run = import_file(world.school, content)
    assert run.status == ImportStatus.FAILED
    assert errors_of(run)[0].startswith(message)
    assert nothing_written(world.school)


def test_a_row_cannot_name_a_pupil_outside_the_file_school_even_after_check(world):
    """Checked again when written: a pupil deleted between check and confirm fails the whole file."""
    from roadahead.imports import activity_services

    content = activity_csv(visit_rows(world.pupils))
    run = activity_services.check_upload(school=world.school, by=None, file_name="a.csv", content=content)
    Pupil.objects.filter(pk=world.pupils[3].pk).delete()
    run = activity_services.confirm_import(run=run, by=None)
    assert run.status == ImportStatus.FAILED
    assert nothing_written(world.school)


def test_import_query_count_does_not_grow_with_rows(world):
    many = [factories.PupilFactory(school=world.school) for _ in range(30)]
    ensure_activity_types(school=world.school)

    def queries(count: int, prefix: str) -> int:
        rows = []
        for n in range(count):
            rows += visit_rows(many[:count * 3], ref=f"{prefix}{n}", title=f"Visit {n}")
        with CaptureQueriesContext(connection) as captured:
            run = import_file(world.school, activity_csv(rows))
        assert run.status == ImportStatus.DONE, errors_of(run)
        return len(captured)

    assert queries(2, "S") == queries(10, "L")


def test_a_large_file_imports_every_row(world):
    # Speed is measured by benchmarks/import_activities.py, never by a timed test.
    pupils = Pupil.objects.bulk_create(factories.PupilFactory.build(school=world.school, upn=f"Q{n:012d}")
                                       for n in range(100))
    rows = []
    for a in range(50):
        rows += visit_rows(pupils, ref=f"A{a}", title=f"Activity {a}", day=f"{1 + a % 28:02d}/01/2026")
    run = import_file(world.school, activity_csv(rows))
    assert run.status == ImportStatus.DONE
    assert Participation.objects.count() == 5_000
    assert Activity.objects.filter(school=world.school).count() == 50


def test_types_are_made_if_the_school_has_none_yet(world):
    assert not ActivityType.objects.filter(school=world.school).exists()
    run = import_file(world.school, activity_csv(visit_rows(world.pupils)))
    assert run.status == ImportStatus.DONE
