"""The web flow: upload, check, preview or errors, confirm; careers leaders only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roadahead.imports.models import ImportRun, ImportStatus
from roadahead.people.models import Pupil
from tests.imports.conftest import make_csv, make_xlsx, pupil_rows, upn

pytestmark = pytest.mark.django_db


def url(name: str, school, **kwargs) -> str:
    return reverse(f"imports:{name}", kwargs={"school_slug": school.slug, **kwargs})


def upload(client, school, content: bytes, name: str = "pupils.csv"):
    return client.post(url("upload", school), {"file": SimpleUploadedFile(name, content)})


def test_list_shows_past_imports(leader_client, school):
    response = upload(leader_client, school, make_csv(pupil_rows(2)), "autumn-census.csv")
    response = leader_client.get(url("list", school))
    assert response.status_code == 200
    body = response.content.decode()
    assert "autumn-census.csv" in body
    assert "Checked, waiting for confirmation" in body
    assert url("upload", school) in body


def test_upload_check_preview_confirm_imports_the_pupils(leader_client, school):
    rows = pupil_rows(3)
    rows[0][2] = "Zoë"
    response = upload(leader_client, school, make_csv(rows))
    run = ImportRun.objects.get(school=school)
    assert response.status_code == 302
    assert response["Location"] == url("detail", school, pk=run.pk)
    # Nothing is written until the careers leader confirms; the file waits on the run.
    assert not Pupil.objects.filter(school=school, upn=upn(1)).exists()
    assert run.status == ImportStatus.CHECKED
    assert bytes(run.content) == make_csv(rows)

    page = leader_client.get(response["Location"]).content.decode()
    assert "Check the pupils before importing" in page
    assert "Zoë Surname1" in page
    assert "Import 3 pupils" in page
    assert url("confirm", school, pk=run.pk) in page

    response = leader_client.post(url("confirm", school, pk=run.pk), follow=True)
    assert "Imported 3 pupils: 3 new, 0 updated, 0 unchanged." in response.content.decode()
    run.refresh_from_db()
    assert (run.status, run.content, run.preview) == (ImportStatus.DONE, None, [])
    assert Pupil.objects.get(school=school, upn=upn(1)).legal_forename == "Zoë"


def test_upload_of_a_bad_file_shows_the_error_table_and_keeps_no_file(leader_client, school):
    rows = pupil_rows(3)
    rows[1][3] = "31/02/2012"
    response = upload(leader_client, school, make_xlsx(rows), "pupils.xlsx")
    page = leader_client.get(response["Location"]).content.decode()
    assert "1 problem found. Nothing was imported." in page
    assert '<td class="govuk-table__cell">3</td>' in page
    assert '<td class="govuk-table__cell">DOB</td>' in page
    assert "&#x27;31/02/2012&#x27; is not a real date." in page
    run = ImportRun.objects.get(school=school)
    assert (run.status, run.content) == (ImportStatus.FAILED, None)
    assert leader_client.post(url("confirm", school, pk=run.pk)).status_code == 302
    assert not Pupil.objects.filter(school=school, upn__startswith="H9").exists()


def test_confirm_checks_the_file_again(leader_client, school):
    upload(leader_client, school, make_csv(pupil_rows(2)))
    run = ImportRun.objects.get(school=school)
    # Between check and confirm the rows became invalid (here: the stored file itself is replaced).
    run.content = make_csv([["bad", "A", "B", "01/01/2012", "F", "9", "", "E", "", "N"]])
    run.save()
    response = leader_client.post(url("confirm", school, pk=run.pk), follow=True)
    assert "Nothing was imported." in response.content.decode()
    run.refresh_from_db()
    assert (run.status, run.content) == (ImportStatus.FAILED, None)


def test_cancel_discards_the_file(leader_client, school):
    upload(leader_client, school, make_csv(pupil_rows(2)))
    run = ImportRun.objects.get(school=school)
    response = leader_client.post(url("cancel", school, pk=run.pk), follow=True)
    assert "The import was cancelled" in response.content.decode()
    run.refresh_from_db()
    assert (run.status, run.content) == (ImportStatus.CANCELLED, None)
    assert leader_client.post(url("confirm", school, pk=run.pk)).status_code == 302
    assert not Pupil.objects.filter(school=school, upn__startswith="H9").exists()


def test_a_new_upload_discards_the_one_waiting(leader_client, school):
    upload(leader_client, school, make_csv(pupil_rows(2)))
    upload(leader_client, school, make_csv(pupil_rows(3)))
    first, second = ImportRun.objects.filter(school=school).order_by("pk")
    assert (first.status, first.content) == (ImportStatus.CANCELLED, None)
    assert second.status == ImportStatus.CHECKED


def test_confirm_needs_post(leader_client, school):
    upload(leader_client, school, make_csv(pupil_rows(2)))
    run = ImportRun.objects.get(school=school)
    assert leader_client.get(url("confirm", school, pk=run.pk)).status_code == 405


def test_upload_without_a_file_says_so(leader_client, school):
    response = leader_client.post(url("upload", school), {})
    assert response.status_code == 200
    assert "Choose a file to import." in response.content.decode()
    assert not ImportRun.objects.exists()


def test_upload_over_the_size_limit_is_refused_on_the_form(leader_client, school, settings):
    settings.ROADAHEAD_MAX_UPLOAD_BYTES = 1024
    response = upload(leader_client, school, make_csv(pupil_rows(40)))
    assert response.status_code == 200
    assert "the largest file Road Ahead accepts is 1 KB" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_upload_page_uses_a_static_script_and_a_labelled_file_input(leader_client, school):
    page = leader_client.get(url("upload", school)).content.decode()
    assert 'src="/static/imports/upload.mjs"' in page
    assert 'enctype="multipart/form-data"' in page
    assert '<label class="govuk-label govuk-label--s" for="id_file">' in page
    assert 'class="govuk-file-upload' in page
    assert "<script>" not in page
    assert 'aria-live="polite"' in page


@pytest.mark.parametrize("member", ["class_teacher", "adviser", "leader"])
def test_other_roles_get_403(client, world, member):
    client.force_login(getattr(world, member).user)
    run = ImportRun.objects.create(school=world.school, kind="pupils", status="checked", file_name="f.csv",
                                   file_format="csv", content=make_csv(pupil_rows(1)))
    assert client.get(url("list", world.school)).status_code == 403
    assert client.get(url("upload", world.school)).status_code == 403
    assert upload(client, world.school, make_csv(pupil_rows(1))).status_code == 403
    assert client.get(url("detail", world.school, pk=run.pk)).status_code == 403
    assert client.post(url("confirm", world.school, pk=run.pk)).status_code == 403
    assert not Pupil.objects.filter(upn=upn(1)).exists()


def test_another_schools_imports_are_not_found(leader_client, world, other_world):
    theirs = ImportRun.objects.create(school=other_world.school, kind="pupils", status="checked",
                                      file_name="theirs.csv", file_format="csv", content=make_csv(pupil_rows(1)))
    assert leader_client.get(url("list", other_world.school)).status_code == 404
    assert leader_client.get(url("detail", world.school, pk=theirs.pk)).status_code == 404
    assert leader_client.post(url("confirm", world.school, pk=theirs.pk)).status_code == 404
    assert leader_client.post(url("cancel", world.school, pk=theirs.pk)).status_code == 404
    assert not Pupil.objects.filter(upn=upn(1)).exists()
    theirs.refresh_from_db()
    assert theirs.status == ImportStatus.CHECKED


def test_no_personal_data_in_urls(leader_client, school):
    response = upload(leader_client, school, make_csv(pupil_rows(1)))
    assert upn(1) not in response["Location"]
    assert "Surname1" not in response["Location"]
