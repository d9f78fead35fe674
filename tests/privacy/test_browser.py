"""Subject access and erasure by keyboard alone, from the pupil page, with axe-core (WCAG 2.2 A and AA)
on every page visited: zero violations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from roadahead.audit.models import AuditEntry
from roadahead.people.models import Pupil
from roadahead.privacy.models import Erasure
from tests.browser_support import Keyboard, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_careers_leader_downloads_a_subject_access_file_and_erases_a_record(page, axe, world):
    pupil = world.pupils[1]
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto(f"/s/oakfield/pupils/{pupil.pk}/")
    axe(page)
    keys = Keyboard(page)
    keys.tab_to("Subject access request")
    keys.press("Enter")
    page.wait_for_url(re.compile(rf"/privacy/pupil/{pupil.pk}/subject-access/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Subject access request"
    axe(page)
    keys.tab_to("file_format=")
    while keys.focused() != "file_format=json":
        keys.press("ArrowDown")
    keys.tab_to("Download")
    with page.expect_download() as download:
        keys.press("Enter")
    assert download.value.suggested_filename == f"subject-access-{pupil.pk}-2026-03-10.json"
    document = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert document["pupil_id"] == pupil.pk
    assert AuditEntry.objects.filter(school=world.school, action="privacy.subject_access").count() == 1

    page.goto(f"/s/oakfield/pupils/{pupil.pk}/")
    keys.tab_to("Erase this record")
    keys.press("Enter")
    page.wait_for_url(re.compile(rf"/privacy/pupil/{pupil.pk}/erase/$"))
    axe(page)
    # Without the box ticked: an error, nothing erased.
    keys.tab_to("reason")
    keys.type("Added in error")
    keys.tab_to("Erase the record")
    keys.press("Enter")
    page.wait_for_load_state()
    assert "Confirm that you understand" in page.locator(".govuk-error-summary").inner_text()
    axe(page)
    assert Pupil.objects.filter(pk=pupil.pk).exists()
    keys.tab_to("confirm")
    keys.press("Space")
    keys.tab_to("Erase the record")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/s/oakfield/pupils/$"))
    axe(page)
    assert not Pupil.objects.filter(pk=pupil.pk).exists()
    assert Erasure.objects.get(school=world.school).reason == "Added in error"
    assert page.console_errors == []
