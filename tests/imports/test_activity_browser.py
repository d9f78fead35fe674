"""Importing and exporting activities in a real browser, with axe-core (WCAG 2.2 AA) on every page."""

from __future__ import annotations

import re

import pytest

from roadahead.activities.models import Participation
from tests.browser_support import sign_in
from tests.conftest import PASSWORD
from tests.imports.activity_helpers import activity_csv, visit_rows

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_careers_leader_imports_activities_then_exports_them(page, axe, world, tmp_path):
    bad_rows = visit_rows(world.pupils)
    bad_rows[1][6] = "9"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(activity_csv(bad_rows))
    good = tmp_path / "activities.csv"
    good.write_bytes(activity_csv(visit_rows(world.pupils)))

    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto(page.url + "imports/")
    axe(page)
    page.get_by_role("link", name="Import activities").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Import activities"
    axe(page)

    page.get_by_label("Upload a file").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "The file has problems"
    assert "'9' is not a benchmark number." in page.locator("table").inner_text()
    axe(page)

    page.get_by_role("link", name="Upload a corrected file").click()
    page.wait_for_selector("form[data-enhanced]", state="attached")
    page.get_by_label("Upload a file").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Check the activities before importing"
    axe(page)
    page.get_by_role("button", name="Import 1 activity").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Activities imported"
    axe(page)
    assert Participation.objects.filter(activity__import_ref="A1").count() == 4

    page.get_by_role("link", name="Imports").first.click()
    page.get_by_role("link", name="Export activities").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Export activities"
    axe(page)
    page.get_by_label("CSV").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename.startswith("oakfield-participations-")
    assert page.console_errors == []
