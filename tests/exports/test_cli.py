"""`roadahead export --school SLUG --format json|xlsx|csv [--output FILE]`."""

from __future__ import annotations

import io
import json
import stat
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from roadahead.audit.models import AuditEntry
from tests.exports.helpers import fill

pytestmark = pytest.mark.django_db


def _main(*args: str) -> None:
    from roadahead.__main__ import main

    main(["export", *args])


def test_json_goes_to_standard_output(world, capsys):
    fill(world)
    _main("--school", "oakfield", "--format", "json")
    document = json.loads(capsys.readouterr().out)
    assert document["school"]["slug"] == "oakfield"
    assert document["tables"]["people.pupil"]["rows"]


@pytest.mark.parametrize(("file_format", "name"), [("json", "out.json"), ("xlsx", "out.xlsx"), ("csv", "out.zip")])
def test_writes_the_file_readable_only_by_its_owner(world, tmp_path, file_format, name):
    fill(world)
    out = io.StringIO()
    path = tmp_path / name
    call_command("export", "--school", "oakfield", "--format", file_format, "--output", str(path), stdout=out)
    assert "from Oakfield School to" in out.getvalue()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    content = path.read_bytes()
    if file_format == "json":
        assert json.loads(content)["format"] == "road-ahead-export"
    elif file_format == "xlsx":
        assert load_workbook(io.BytesIO(content), read_only=True).sheetnames[0] == "About"
    else:
        assert "README.txt" in zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left behind
    entry = AuditEntry.objects.filter(school=world.school, action="export.school").get()
    assert entry.user is None
    assert entry.data["format"] == file_format


def test_an_unknown_school_exits_non_zero_with_the_error_on_stderr(world, capsys):
    with pytest.raises(SystemExit) as exit_info:
        _main("--school", "nowhere", "--format", "json")
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert "There is no school with the short name 'nowhere'." in captured.err
    assert captured.out == ""


def test_an_unwritable_file_exits_non_zero(world, tmp_path, capsys):
    # (The console script closes the database connection when it fails: no queries after it.)
    with pytest.raises(SystemExit) as exit_info:
        _main("--school", "oakfield", "--format", "xlsx", "--output", str(tmp_path / "missing" / "out.xlsx"))
    assert exit_info.value.code == 1
    assert "Cannot write to" in capsys.readouterr().err


def test_a_failed_export_leaves_no_file_and_no_audit_entry(world, tmp_path):
    with pytest.raises(CommandError, match="is a folder"):
        call_command("export", "--school", "oakfield", "--format", "json", "--output", str(tmp_path))
    with pytest.raises(CommandError, match="Cannot write to"):
        call_command("export", "--school", "oakfield", "--format", "json", "--output",
                     str(tmp_path / "missing" / "out.json"))
    assert list(tmp_path.iterdir()) == []
    assert not AuditEntry.objects.filter(action="export.school").exists()


def test_spreadsheets_need_an_output_file(world, capsys):
    with pytest.raises(SystemExit) as exit_info:
        _main("--school", "oakfield", "--format", "csv")
    assert exit_info.value.code == 1
    assert "needs --output FILE" in capsys.readouterr().err


def test_an_unknown_format_is_refused(world, capsys):
    with pytest.raises(SystemExit) as exit_info:
        _main("--school", "oakfield", "--format", "pdf")
    assert exit_info.value.code != 0
    assert "invalid choice" in capsys.readouterr().err


def test_an_export_failing_part_way_leaves_nothing_behind(world, tmp_path, monkeypatch):
    from roadahead.exports import selectors

    def broken(*, table, school):
        yield [None] * len(table.columns)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(selectors, "table_rows", broken)
    with pytest.raises(RuntimeError):
        call_command("export", "--school", "oakfield", "--format", "csv", "--output", str(tmp_path / "out.zip"))
    assert list(tmp_path.iterdir()) == []
    assert not AuditEntry.objects.filter(action="export.school").exists()
