"""`roadahead programme check|load`: errors on stderr and a non-zero exit, the school created on load."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from roadahead.programmes.schema import MAX_BYTES
from roadahead.schools.models import Pathway, School
from tests.programmes.conftest import EXAMPLES, SMALL, line_of


@pytest.fixture
def small_file(tmp_path):
    path = tmp_path / "programme.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.fixture
def broken_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(SMALL.replace("first_year: 7", "first_year: 15"), encoding="utf-8")
    return path


def run_cli(*args: str, data_dir) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ROADAHEAD_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "roadahead.settings"}
    command = [sys.executable, "-m", "roadahead", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False,  # noqa: S603
                          timeout=120)


@pytest.mark.django_db
def test_load_creates_the_school(small_file):
    out = StringIO()

    call_command("programme", "load", str(small_file), "--school", "brook", stdout=out, stderr=StringIO())

    school = School.objects.get(slug="brook")
    assert school.name == "Brookfield School"
    assert Pathway.objects.filter(school=school).count() == 1
    assert "Created the school Brookfield School (brook)." in out.getvalue()


@pytest.mark.django_db
def test_load_twice_reports_nothing_changed(small_file):
    call_command("programme", "load", str(small_file), stdout=StringIO(), stderr=StringIO())
    out = StringIO()

    call_command("programme", "load", str(small_file), stdout=out, stderr=StringIO())

    assert "Nothing changed: the school already matched the file." in out.getvalue()


@pytest.mark.django_db
def test_load_of_an_invalid_file_fails_and_writes_nothing(broken_file):
    with pytest.raises(CommandError) as caught:
        call_command("programme", "load", str(broken_file), stdout=StringIO(), stderr=StringIO())

    line = line_of(broken_file.read_text(), "first_year: 15")
    assert f"line {line}: phase 'Upper' has first_year '15', which is not an NC year" in str(caught.value)
    assert "nothing was loaded" in str(caught.value)
    assert School.objects.count() == 0


@pytest.mark.django_db
def test_check_does_not_load(small_file):
    out = StringIO()

    call_command("programme", "check", str(small_file), stdout=out, stderr=StringIO())

    assert "is a valid programme file for Brookfield School" in out.getvalue()
    assert School.objects.count() == 0


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="there is no such file"):
        call_command("programme", "check", str(tmp_path / "nope.yaml"))


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))

    with pytest.raises(CommandError, match=r"may be at most 1,048,576 bytes"):
        call_command("programme", "check", str(path))


def test_non_utf8_file_is_refused(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(SMALL.replace("Brookfield", "Br\u00f6okfield").encode("latin-1"))

    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("programme", "check", str(path))


def test_cli_check_exits_zero_for_a_valid_file(tmp_path):
    result = run_cli("programme", "check", str(EXAMPLES / "five-pathway.yaml"), data_dir=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "is a valid programme file for Parkside School" in result.stdout


def test_cli_check_exits_non_zero_with_errors_on_stderr(broken_file, tmp_path):
    result = run_cli("programme", "check", str(broken_file), data_dir=tmp_path)

    assert result.returncode == 1
    assert "phase 'Upper' has first_year '15', which is not an NC year" in result.stderr
    assert result.stdout == ""
