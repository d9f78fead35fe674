from __future__ import annotations

import re

import pytest

from tests.browser_support import sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_careers_leader_signs_in_filters_pupils_and_opens_one(page, axe, world, other_world):
    page.goto("/accounts/login/")
    axe(page)
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Oakfield School"
    axe(page)

    page.get_by_role("link", name="Pupils", exact=True).first.click()
    page.wait_for_url(re.compile(r"/s/oakfield/pupils/"))
    assert page.get_by_role("status").inner_text() == "4 pupils"
    axe(page)

    page.get_by_label("Class").select_option(label="Oak")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"class_group="))
    assert page.get_by_role("status").inner_text() == "2 pupils"
    rows = page.locator("tbody tr")
    assert rows.count() == 2
    axe(page)

    first = world.class_pupils[0]
    page.get_by_role("link", name=f"{first.surname}, {first.forename}").click()
    assert page.get_by_role("heading", level=1).inner_text() == first.display_name
    assert first.upn in page.content()
    axe(page)
    # Nothing from the other school appeared anywhere along the way.
    assert other_world.pupils[0].upn not in page.content()
    assert page.console_errors == []


def test_keyboard_only_reaches_the_pupil_list(page, axe, world):
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")  # skip link first
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.get_by_label("Email address").focus()
    page.keyboard.type(world.careers_leader.user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    axe(page)


def test_class_teacher_sees_only_their_class(page, axe, world):
    sign_in(page, world.class_teacher.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/pupils/")
    assert page.get_by_role("status").inner_text() == "2 pupils"
    axe(page)
