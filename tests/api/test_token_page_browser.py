"""The token page in a real browser, checked with axe-core (WCAG 2.2 AA) before and after creating a token."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest

from tests.browser.conftest import CHROMIUM_ARGS, axe, chromium_path, page, sign_in  # noqa: F401 (fixtures)
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """This module's own Chromium, closed when the module is done.

    Importing the session-wide `browser` fixture into a test module makes a second session-wide
    copy, and two live Playwright instances in one thread fail; a module-scoped one is gone before
    any other module starts its own.
    """
    path = chromium_path()
    if path is None:
        if os.environ.get("ROADAHEAD_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is not installed and ROADAHEAD_REQUIRE_BROWSER=1")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_class_teacher_creates_copies_and_revokes_a_token(page, axe, world):  # noqa: F811
    sign_in(page, world.class_teacher.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.get_by_role("link", name="Your API tokens").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your API tokens"
    axe(page)

    page.get_by_label("What the token is for").fill("Class dashboard")
    page.get_by_label("Read and make changes").check()
    page.get_by_role("button", name="Create token").click()
    token = page.locator("#new-token").inner_text()
    assert token.startswith("ra_")
    axe(page)

    page.goto("/s/oakfield/api-tokens/")
    assert token not in page.content()
    page.get_by_role("button", name="Revoke Class dashboard").click()
    assert "has been revoked" in page.content()
    assert "You have no API tokens in this school." in page.content()
    axe(page)
    assert page.console_errors == []
