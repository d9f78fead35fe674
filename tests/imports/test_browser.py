"""Importing pupils in a real browser, with the upload script and axe-core (WCAG 2.2 AA) on every page."""

from __future__ import annotations

import re

import pytest

from roadahead.people.models import Pupil
from tests.browser_support import sign_in
from tests.conftest import PASSWORD
from tests.imports.conftest import make_csv, pupil_rows, upn

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_careers_leader_uploads_checks_and_confirms(page, axe, world, tmp_path):
    good = tmp_path / "pupils.csv"
    good.write_bytes(make_csv(pupil_rows(30)))
    bad = tmp_path / "bad.csv"
    rows = pupil_rows(3)
    rows[1][3] = "31/02/2012"
    bad.write_bytes(make_csv(rows))

    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.get_by_role("link", name="Imports", exact=True).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Imports"
    axe(page)

    page.get_by_role("link", name="Import pupils").click()
    axe(page)
    # No file: the server's message comes back into the page.
    page.get_by_role("button", name="Check the file").click()
    assert "Choose a file to import." in page.locator(".govuk-error-summary").inner_text()
    axe(page)

    page.get_by_label("Upload a file").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "The file has problems"
    assert "'31/02/2012' is not a real date." in page.locator("table").inner_text()
    axe(page)

    page.get_by_role("link", name="Upload a corrected file").click()
    uploads: list[str | None] = []
    page.on("request", lambda r: uploads.append(r.headers.get("x-requested-with")) if r.method == "POST" else None)
    page.wait_for_selector("form[data-enhanced]", state="attached")  # the progress script has started
    page.get_by_label("Upload a file").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Check the pupils before importing"
    assert uploads == ["XMLHttpRequest"]  # sent by the progress-bar script, not a plain form post
    axe(page)
    assert not Pupil.objects.filter(upn=upn(1)).exists()

    page.get_by_role("button", name="Import 30 pupils").click()
    assert "Imported 30 pupils: 30 new, 0 updated, 0 unchanged." in page.content()
    assert page.get_by_role("heading", level=1).inner_text() == "Pupils imported"
    axe(page)
    assert Pupil.objects.filter(school=world.school, upn__startswith="H9").count() == 30
    assert page.console_errors == []
