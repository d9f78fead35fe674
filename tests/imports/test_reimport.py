"""Importing again updates pupils matched by UPN, never duplicates them, and reports what changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.audit.models import AuditEntry
from roadahead.imports import services
from roadahead.imports.models import ImportStatus
from roadahead.people.models import Enrolment, Pupil
from tests.imports.conftest import HEADERS, TODAY, make_csv, pupil_rows, run_import, upn

pytestmark = pytest.mark.django_db


def test_importing_the_same_file_twice_changes_nothing_the_second_time(school):
    content = make_csv(pupil_rows(5))
    first = run_import(school, content)
    second = run_import(school, content)
    assert (first.created_count, first.updated_count, first.unchanged_count) == (5, 0, 0)
    assert (second.created_count, second.updated_count, second.unchanged_count) == (0, 0, 5)
    assert Pupil.objects.filter(school=school, upn__startswith="H9").count() == 5
    assert Enrolment.objects.filter(school=school, pupil__upn__startswith="H9").count() == 5


def test_reimport_updates_the_pupil_with_the_same_upn(school):
    run_import(school, make_csv(pupil_rows(3)))
    pupil = Pupil.objects.get(school=school, upn=upn(2))
    version = pupil.version
    rows = pupil_rows(3)
    rows[1][1] = "Renamed"  # surname
    rows[1][5] = "10"  # year
    rows[1][8] = "PMLD"  # primary need
    run = run_import(school, make_csv(rows))
    assert (run.created_count, run.updated_count, run.unchanged_count) == (0, 1, 2)
    pupil.refresh_from_db()
    assert pupil.legal_surname == "Renamed"
    # The version moves on, so someone editing the old record is told rather than overwriting it.
    assert pupil.version == version + 1
    assert list(pupil.needs.values_list("need", flat=True)) == ["PMLD"]
    assert Enrolment.objects.get(pupil=pupil, academic_year__start_year=2025).nc_year == "10"


def test_reimport_of_an_existing_pupil_keeps_what_the_file_leaves_out(school, world):
    pupil = world.pupils[0]
    pupil.communication_notes = "Uses symbols."
    pupil.save()
    headers = ["UPN", "Surname", "Forename", "DOB", "Year"]
    run = run_import(school, make_csv([[pupil.upn, "Newname", pupil.legal_forename, "01/10/2010", "11"]], headers))
    assert run.updated_count == 1
    pupil.refresh_from_db()
    assert (pupil.legal_surname, pupil.communication_notes, pupil.sex) == ("Newname", "Uses symbols.", "F")
    # No need columns: the pupil's needs stay; no class column: the class stays.
    assert list(pupil.needs.values_list("need", flat=True)) == ["SLD"]
    enrolment = Enrolment.objects.get(pupil=pupil, academic_year__start_year=2025)
    assert (enrolment.nc_year, enrolment.class_group) == ("11", world.class_group)


def test_upns_are_matched_in_any_case_and_spacing(school):
    run_import(school, make_csv(pupil_rows(1)))
    rows = pupil_rows(1)
    rows[0][0] = " " + upn(1).lower()[:5] + " " + upn(1)[5:]
    run = run_import(school, make_csv(rows))
    assert (run.created_count, run.unchanged_count) == (0, 1)


def test_other_schools_pupils_are_never_touched(school, other_world):
    other = other_world.pupils[0]
    rows = pupil_rows(1)
    rows[0][0] = other.upn
    run = run_import(school, make_csv(rows))
    assert run.created_count == 1
    other.refresh_from_db()
    assert other.legal_surname != "Surname1"
    assert Pupil.objects.filter(upn=other.upn).count() == 2


def test_one_audit_entry_with_counts_only(school, world):
    run = run_import(school, make_csv(pupil_rows(4)), by=world.careers_leader.user)
    entries = AuditEntry.objects.filter(school=school, action="import.pupils")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.data == {"rows": 4, "created": 4, "updated": 0, "unchanged": 0}
    assert (entry.user, entry.object_id) == (world.careers_leader.user, run.pk)
    assert not AuditEntry.objects.filter(school=school, action__startswith="pupil.").exists()


def test_dry_run_reports_counts_and_writes_nothing(school):
    before = Pupil.objects.count()
    run = run_import(school, make_csv(pupil_rows(3)), dry_run=True)
    assert (run.status, run.created_count, run.pk) == (ImportStatus.CHECKED, 3, None)
    assert Pupil.objects.count() == before
    assert not AuditEntry.objects.filter(action="import.pupils").exists()


def test_check_reports_new_updated_and_unchanged_without_writing(school):
    run_import(school, make_csv(pupil_rows(3)))
    rows = pupil_rows(4)
    rows[0][1] = "Changed"
    result = services.check_pupil_file(school=school, file_name="p.csv", content=make_csv(rows), today=TODAY)
    assert (result.created, result.updated, result.unchanged) == (1, 1, 2)
    assert [(p["row"], p["action"], p["changes"]) for p in result.preview] == [
        (2, "updated", ["surname"]), (5, "created", [])]
    assert Pupil.objects.get(school=school, upn=upn(1)).legal_surname == "Surname1"


def test_date_left_and_review_date_are_set_and_blank_cells_keep_them(school):
    headers = [*HEADERS, "Leaving Date", "EHCP Review Date"]
    rows = [[*pupil_rows(1)[0], "20/07/2026", "2026-06-01"]]
    run_import(school, make_csv(rows, headers))
    pupil = Pupil.objects.get(school=school, upn=upn(1))
    assert (pupil.date_left, pupil.ehcp_next_review) == (dt.date(2026, 7, 20), dt.date(2026, 6, 1))
    run = run_import(school, make_csv([[*pupil_rows(1)[0], "", ""]], headers))
    assert run.unchanged_count == 1
    pupil.refresh_from_db()
    assert pupil.date_left == dt.date(2026, 7, 20)


def _queries_for(school, rows: int, start: int) -> int:
    content = make_csv(pupil_rows(rows, start=start))
    with CaptureQueriesContext(connection) as captured:
        run = run_import(school, content)
    assert run.status == ImportStatus.DONE
    return len(captured)


def test_query_count_does_not_grow_with_rows(school):
    small = _queries_for(school, 10, start=1)
    large = _queries_for(school, 100, start=1000)
    # Per-row queries would add at least 90. SQLite's 999-parameter limit splits the bulk inserts
    # of 100 pupils into a couple of extra batches; nothing else may grow.
    assert large <= small + 4, (small, large)
    # A re-import of 100 unchanged pupils needs the same handful of reads and no writes.
    with CaptureQueriesContext(connection) as captured:
        run = run_import(school, make_csv(pupil_rows(100, start=1000)))
    assert run.unchanged_count == 100
    assert len(captured) <= small
