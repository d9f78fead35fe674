"""`roadahead import pupils FILE --school SLUG [--dry-run]`: summaries, errors on stderr, exit codes."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from roadahead.audit.models import AuditEntry
from roadahead.imports.models import ImportRun, ImportStatus
from roadahead.people.models import Pupil
from tests.imports.conftest import make_csv, pupil_rows

pytestmark = pytest.mark.django_db


def run_cli(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "pupils.csv"
    path.write_bytes(make_csv(pupil_rows(3)))
    return path


def test_cli_imports_and_prints_a_summary(school, good_file):
    out, err = run_cli("pupils", str(good_file), "--school", "oakfield")
    assert "Imported 3 pupils into Oakfield School: 3 new, 0 updated, 0 unchanged." in out
    assert err == ""
    assert Pupil.objects.filter(school=school, upn__startswith="H9").count() == 3
    run = ImportRun.objects.get(school=school)
    assert (run.status, run.created_by) == (ImportStatus.DONE, None)
    assert AuditEntry.objects.filter(school=school, action="import.pupils").count() == 1


def test_cli_dry_run_writes_nothing(school, good_file):
    before = Pupil.objects.count()
    out, _err = run_cli("pupils", str(good_file), "--school", "oakfield", "--dry-run")
    assert "Would import 3 pupils into Oakfield School: 3 new, 0 updated, 0 unchanged." in out
    assert "Dry run: nothing was written." in out
    assert Pupil.objects.count() == before
    assert not ImportRun.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="import.").exists()


def test_cli_reports_each_error_on_stderr_and_fails(school, tmp_path):
    rows = pupil_rows(3)
    rows[0][0] = "BAD"
    rows[2][3] = "31/02/2012"
    path = tmp_path / "pupils.csv"
    path.write_bytes(make_csv(rows))
    before = Pupil.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"2 problem\(s\) found in pupils.csv; nothing was imported."):
        call_command("import", "pupils", str(path), "--school", "oakfield", stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "Row 2, UPN: 'BAD': A UPN has 13 characters; this one has 3.",
        "Row 4, DOB: '31/02/2012' is not a real date."]
    assert Pupil.objects.count() == before


def test_cli_dry_run_with_errors_fails_too(school, tmp_path):
    path = tmp_path / "pupils.csv"
    path.write_bytes(b"")
    with pytest.raises(CommandError):
        run_cli("pupils", str(path), "--school", "oakfield", "--dry-run")


@pytest.mark.parametrize(("args", "message"), [
    (["--school", "nowhere"], "There is no school with the short name 'nowhere'."),
])
def test_cli_unknown_school_fails(school, good_file, args, message):
    with pytest.raises(CommandError, match=message):
        run_cli("pupils", str(good_file), *args)


def test_cli_missing_file_fails(school, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run_cli("pupils", str(tmp_path / "absent.csv"), "--school", "oakfield")


def test_cli_exit_status_is_non_zero_with_the_error_on_stderr(school, tmp_path, capsys):
    # As the `roadahead` console script runs it: a CommandError becomes exit status 1 and stderr.
    from roadahead.__main__ import main

    path = tmp_path / "pupils.csv"
    path.write_bytes(make_csv([["Z1", "A", "B", "01/01/2012", "F", "9", "", "E", "", "N"]]))
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "pupils", str(path), "--school", "oakfield"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "Row 2, UPN: 'Z1': A UPN has 13 characters; this one has 2." in err
    assert "nothing was imported" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["import"])
    assert exit_info.value.code != 0
    assert "KIND" in capsys.readouterr().err
