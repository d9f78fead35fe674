"""The token page in a real browser, checked with axe-core (WCAG 2.2 AA) before and after creating a token."""

from __future__ import annotations

import re

import pytest

from tests.browser_support import sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_class_teacher_creates_copies_and_revokes_a_token(page, axe, world):
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
