"""Activity imports from the command line and the web, and the export that imports again."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from roadahead.activities.models import Activity, ActivityType, Participation
from roadahead.activities.services import (
    ParticipationInput,
    create_activity,
    ensure_activity_types,
    record_participations,
)
from roadahead.audit.models import AuditEntry
from roadahead.imports.models import ImportRun, ImportStatus
from tests.imports.activity_helpers import activity_csv, errors_of, import_file, visit_rows

pytestmark = pytest.mark.django_db


def run_cli(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# ## CLI ##########################################################################################
def test_cli_imports_activities_and_prints_a_summary(world, tmp_path):
    path = tmp_path / "activities.csv"
    path.write_bytes(activity_csv(visit_rows(world.pupils)))
    out, err = run_cli("activities", str(path), "--school", "oakfield")
    assert "Imported 4 rows into Oakfield School: 1 activities, 1 new, 0 updated, 0 unchanged." in out
    assert err == ""
    assert Participation.objects.filter(activity__import_ref="A1").count() == 4


def test_cli_dry_run_writes_nothing(world, tmp_path):
    path = tmp_path / "activities.csv"
    path.write_bytes(activity_csv(visit_rows(world.pupils)))
    out, _err = run_cli("activities", str(path), "--school", "oakfield", "--dry-run")
    assert "Would import 4 rows" in out
    assert "Dry run: nothing was written." in out
    assert not Activity.objects.exists()


def test_cli_errors_go_to_stderr_with_a_failing_exit(world, tmp_path):
    rows = visit_rows(world.pupils)
    rows[1][9] = "Z999999999999"
    path = tmp_path / "activities.csv"
    path.write_bytes(activity_csv(rows))
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"1 problem\(s\) found in activities.csv; nothing was imported."):
        call_command("import", "activities", str(path), "--school", "oakfield", stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "Row 3, upn: Z999999999999 is not a pupil of this school. Import or add the pupil first, or correct the UPN."]
    assert not Activity.objects.exists()


# ## Web ##########################################################################################
def url(name: str, school, **kwargs) -> str:
    return reverse(f"imports:{name}", kwargs={"school_slug": school.slug, **kwargs})


def test_upload_check_preview_confirm_imports_the_activities(leader_client, world):
    school = world.school
    response = leader_client.post(url("upload_activities", school),
                                  {"file": SimpleUploadedFile("autumn.csv", activity_csv(visit_rows(world.pupils)))})
    run = ImportRun.objects.get(school=school)
    assert response["Location"] == url("detail", school, pk=run.pk)
    assert not Activity.objects.exists()
    page = leader_client.get(response["Location"]).content.decode()
    assert "Check the activities before importing" in page
    assert "Visit to the bakery" in page
    assert "Import 1 activity" in page
    response = leader_client.post(url("confirm", school, pk=run.pk), follow=True)
    assert "Imported 1 activity: 1 new, 0 updated, 0 unchanged." in response.content.decode()
    assert Participation.objects.filter(activity__import_ref="A1").count() == 4
    run.refresh_from_db()
    assert (run.status, run.content) == (ImportStatus.DONE, None)


def test_upload_of_a_bad_file_shows_each_problem_by_row_and_column(leader_client, world):
    rows = visit_rows(world.pupils)
    rows[2][1] = "yesterday"
    response = leader_client.post(url("upload_activities", world.school),
                                  {"file": SimpleUploadedFile("a.csv", activity_csv(rows))}, follow=True)
    page = response.content.decode()
    assert "The file has problems" in page
    assert "&#x27;yesterday&#x27; is not a date." in page
    assert url("upload_activities", world.school) in page
    assert not Activity.objects.exists()


def test_upload_page_without_a_file_says_choose_one(leader_client, world):
    response = leader_client.post(url("upload_activities", world.school), {})
    assert "Choose a file to import." in response.content.decode()


# ## Export #######################################################################################
def _recorded(world, *, title: str = "=cmd|' /C calc'!A0", response: str = "+44 is my code") -> Activity:
    ensure_activity_types(school=world.school)
    kind = ActivityType.objects.get(school=world.school, code="employer-talk")
    activity = create_activity(school=world.school, by=world.careers_leader.user, activity_type=kind, title=title,
                               date="2026-02-03", purpose_shared=True, outcomes_fitted=True, two_way=True,
                               reflection=True)
    record_participations(activity=activity, by=world.careers_leader.user, entries=[
        ParticipationInput(pupil=world.pupils[0], engagement=4, response=response),
        ParticipationInput(pupil=world.pupils[1], attendance="absent")])
    return activity


def test_export_of_participations_imports_again_updating_in_place(leader_client, world):
    activity = _recorded(world)
    response = leader_client.get(url("export_activities", world.school),
                                 {"what": "participations", "file_format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    # Text cells that a spreadsheet would run are defused with an apostrophe.
    assert "'=cmd|' /C calc'!A0" in text
    assert "'+44 is my code" in text
    assert f"RA-{activity.pk}" in text
    # Imported again (after defusing, the title starts with an apostrophe, which is plain text).
    content = text.replace("'=cmd|' /C calc'!A0", "Talk from a baker").replace("'+44", "Forty-four").encode()
    run = import_file(world.school, content)
    assert run.status == ImportStatus.DONE, errors_of(run)
    assert (run.created_count, run.updated_count) == (0, 1)
    activity.refresh_from_db()
    assert (activity.title, activity.import_ref, activity.meaningful) == ("Talk from a baker", f"RA-{activity.pk}",
                                                                          True)
    assert Activity.objects.count() == 1
    assert Participation.objects.get(pupil=world.pupils[1]).attendance == "absent"
    entry = AuditEntry.objects.get(action="export.activities")
    assert (entry.data["activities"], entry.data["rows"], entry.data["what"]) == (1, 2, "participations")


def test_unchanged_export_reimports_as_unchanged(leader_client, world):
    _recorded(world, title="Talk from a baker", response="I liked the bread")
    import_file(world.school, activity_csv(visit_rows(world.pupils, ref="B7")))
    response = leader_client.get(url("export_activities", world.school),
                                 {"what": "participations", "file_format": "xlsx"})
    run = import_file(world.school, response.content, file_name="export.xlsx")
    assert run.status == ImportStatus.DONE, errors_of(run)
    assert (run.created_count, run.updated_count, run.unchanged_count) == (0, 0, 2)


def test_activity_export_is_one_row_per_activity_filtered_by_type(world, client):
    _recorded(world)
    import_file(world.school, activity_csv(visit_rows(world.pupils)))
    client.force_login(world.leader.user)  # a senior leader or governor may export
    talk = ActivityType.objects.get(school=world.school, code="employer-talk")
    response = client.get(url("export_activities", world.school),
                          {"what": "activities", "file_format": "xlsx", "activity_type": talk.pk})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("activity_ref", "date", "end_date", "title")
    assert len(rows) == 2
    assert rows[1][3] == "'=cmd|' /C calc'!A0"
    assert rows[1][-2:] == (2, 1)  # pupils recorded, of whom attended


def test_export_form_refuses_an_end_before_the_start(leader_client, world):
    response = leader_client.get(url("export_activities", world.school),
                                 {"what": "activities", "file_format": "csv", "date_from": "10/03/2026",
                                  "date_to": "01/03/2026"})
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not AuditEntry.objects.filter(action="export.activities").exists()


# ## The documented examples ######################################################################
@pytest.mark.parametrize("name", ["activities-example.csv", "activities-example.xlsx"])
def test_documented_example_files_import(world, name):
    from pathlib import Path

    from tests.imports.conftest import run_import

    examples = Path(__file__).resolve().parents[2] / "docs" / "examples"
    run_import(world.school, (examples / "pupils" / "pupils-example.csv").read_bytes())
    run = import_file(world.school, (examples / "activities" / name).read_bytes(), file_name=name)
    assert run.status == ImportStatus.DONE, errors_of(run)
    assert (run.rows, run.created_count) == (6, 3)
    taster = Activity.objects.get(school=world.school, import_ref="SPR-01")
    assert (taster.counts_for_pal, taster.meaningful) == (True, True)
    assert Participation.objects.get(activity__import_ref="AUT-02", pupil__upn="H801200000104").engagement == 2
