from __future__ import annotations

import re

import pytest

from tests.browser_support import sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_careers_leader_changes_an_activity_types_benchmarks(page, axe, world):
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/set-up/")
    page.get_by_role("link", name="The Gatsby Benchmarks and the kinds of activity staff record").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Benchmarks and activity types"
    axe(page)
    page.get_by_role("link", name="Change Class job").click()
    axe(page)
    page.get_by_label("4. Linking curriculum learning to careers").check()
    page.get_by_role("button", name="Save").click()
    assert "Class job is saved." in page.get_by_role("alert").inner_text()
    row = page.locator("tr", has_text="Class job")
    assert row.locator("td").nth(1).inner_text() == "4, 6"
    axe(page)
