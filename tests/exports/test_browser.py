"""Exporting everything by keyboard alone, from the set-up page, with axe-core (WCAG 2.2 A and AA)
on every page visited: zero violations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from roadahead.audit.models import AuditEntry
from tests.browser_support import Keyboard, sign_in
from tests.conftest import PASSWORD
from tests.exports.helpers import fill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_careers_leader_downloads_the_json_archive_by_keyboard(page, axe, world):
    fill(world)
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/set-up/")
    axe(page)
    keys = Keyboard(page)
    keys.tab_to("Export everything the school holds")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/s/oakfield/export/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Export everything the school holds"
    axe(page)

    keys.tab_to("file_format=")
    while keys.focused() != "file_format=json":
        keys.press("ArrowDown")
    keys.tab_to("Download the export")
    with page.expect_download() as download:
        keys.press("Enter")
    assert download.value.suggested_filename == "oakfield-export-2026-03-10.json"
    document = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert document["tables"]["people.pupil"]["rows"]
    assert AuditEntry.objects.filter(school=world.school, action="export.school").count() == 1
    axe(page)  # still on the export page, nothing broken
    assert page.console_errors == []
