"""School set-up in a real browser, checked with axe-core (WCAG 2.2 AA) on every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser_support import sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_careers_leader_edits_school_and_adds_a_term(page, axe, world):
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.get_by_role("link", name="School set-up").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("School set-up")
    axe(page)

    page.get_by_role("link", name="Change school details and statutory checks").click()
    hint = page.locator("#not-bound-hint")
    expect(hint).to_be_hidden()
    page.get_by_label("Independent special school").check()
    expect(hint).to_be_visible()  # shown as soon as the type is picked, before saving
    axe(page)
    page.get_by_label("check provider access (PAL)").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The school's details are saved.")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Add a term to 2025/26").click()
    page.get_by_label("Spring").check()
    page.get_by_label("First day", exact=True).fill("05/01/2026")
    page.get_by_label("Last day", exact=True).fill("27/03/2026")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The term is added.")).to_be_visible()
    expect(page.get_by_text("No half-term break recorded")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Add a phase").click()
    page.get_by_label("Name").fill("Upper")
    page.get_by_label("First NC year").select_option(label="Year 11")
    page.get_by_label("Last NC year").select_option(label="Year 9")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The first year of a phase must come before its last year.")).to_be_visible()
    axe(page)
    assert page.console_errors == []


def test_governor_reads_setup_without_change_links(page, axe, world):
    sign_in(page, world.leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/set-up/")
    expect(page.get_by_role("heading", level=1)).to_have_text("School set-up")
    expect(page.get_by_role("link", name=re.compile("^Change"))).to_have_count(0)
    axe(page)
