"""The provider directory in a real browser, checked with axe-core (WCAG 2.2 AA) on every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser_support import sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_class_teacher_adds_a_provider_then_finds_it_by_filter(page, axe, world):
    factories.ProviderFactory(school=world.school, name="Corner Cafe", town="York")
    sign_in(page, world.class_teacher.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/providers/")
    assert page.get_by_role("status").inner_text() == "1 provider"
    axe(page)

    page.get_by_role("link", name="Add a provider").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a provider")
    axe(page)
    page.get_by_role("button", name="Save").click()  # nothing filled in: the errors are explained
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe(page)

    page.get_by_label("Name", exact=True).fill("Greenway Garden Centre")
    page.get_by_label("Employer", exact=True).check()
    page.get_by_label("hosts SEND placements or visits").check()
    page.get_by_label("Has hosted with support").check()
    page.get_by_label("Adjustments they make").fill("Visual instructions and a quiet room")
    page.get_by_label("Town").fill("Leeds")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Greenway Garden Centre")
    expect(page.get_by_text("Visual instructions and a quiet room")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Providers", exact=True).first.click()
    page.get_by_label("SEND placements").select_option(label="Hosts SEND placements")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"send=yes"))
    expect(page.get_by_role("status")).to_have_text("1 provider")
    assert page.locator("tbody tr").count() == 1
    axe(page)
    assert page.console_errors == []
