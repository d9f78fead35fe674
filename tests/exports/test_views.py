"""The export page: what it holds, the care it needs, the download, and who may use it."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from roadahead.audit.models import AuditEntry
from tests.exports.helpers import fill

pytestmark = pytest.mark.django_db
URL = "/s/oakfield/export/"


def _download(response) -> bytes:
    return b"".join(response.streaming_content)


def test_page_explains_the_export_and_the_care_it_needs(leader_client, world):
    page = leader_client.get(URL).content.decode()
    assert "Export everything the school holds" in page
    assert "special-category data about children" in page
    assert "delete it when you have finished with it" in page
    assert "Participations" in page  # the list of tables
    assert "For the national self-evaluation tool" in page
    assert "/s/oakfield/evaluation/summary/" in page


@pytest.mark.parametrize(("file_format", "content_type", "name"), [
    ("json", "application/json", "oakfield-export-2026-03-10.json"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "oakfield-export-2026-03-10.xlsx"),
    ("csv", "application/zip", "oakfield-export-2026-03-10-csv.zip"),
])
def test_download_in_each_format(leader_client, world, file_format, content_type, name):
    fill(world)
    response = leader_client.post(URL, {"file_format": file_format})
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Cache-Control"] == "no-store"
    content = _download(response)
    if file_format == "json":
        assert json.loads(content)["school"]["slug"] == "oakfield"
    elif file_format == "xlsx":
        assert "Pupils" in load_workbook(io.BytesIO(content), read_only=True).sheetnames
    else:
        assert "people.pupil.csv" in zipfile.ZipFile(io.BytesIO(content)).namelist()


def test_each_download_is_audited_with_who_and_which_format(leader_client, world):
    fill(world)
    _download(leader_client.post(URL, {"file_format": "csv"}))
    entry = AuditEntry.objects.get(school=world.school, action="export.school")
    assert entry.user == world.careers_leader.user
    assert entry.data["format"] == "csv"
    assert entry.data["rows"] > 20
    text = json.dumps(entry.data)
    for pupil in world.pupils:
        assert pupil.legal_surname not in text


def test_no_format_chosen_shows_an_error(leader_client, world):
    response = leader_client.post(URL, {})
    assert response.status_code == 200
    assert "Choose a file format." in response.content.decode()
    assert not AuditEntry.objects.filter(action="export.school").exists()


@pytest.mark.parametrize("role", ["class_teacher", "adviser", "leader"])
def test_other_roles_cannot_download(client, world, role):
    client.force_login(getattr(world, role).user)
    assert client.post(URL, {"file_format": "json"}).status_code == 403
    assert not AuditEntry.objects.filter(action="export.school").exists()


def test_another_schools_leader_cannot_download(client, world, other_world):
    client.force_login(other_world.careers_leader.user)
    assert client.post(URL, {"file_format": "json"}).status_code == 404


def test_set_up_page_links_to_the_export_for_the_careers_leader_only(client, leader_client, world):
    assert URL in leader_client.get("/s/oakfield/set-up/").content.decode()
    client.force_login(world.leader.user)
    page = client.get("/s/oakfield/set-up/")
    assert page.status_code == 200
    assert URL not in page.content.decode()
