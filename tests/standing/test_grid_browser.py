"""In a browser: the careers leader finds who is at risk on the grid and starts an activity for them."""

from __future__ import annotations

import re

import pytest

from tests.browser_support import sign_in
from tests.conftest import PASSWORD
from tests.standing.test_grid import build_grid_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_grid_to_an_activity_for_two_chosen_pupils(page, axe, world):
    build_grid_world(world)
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.get_by_role("link", name="Standing").click()
    page.wait_for_url(re.compile(r"/s/oakfield/standing/$"))
    axe(page)

    page.get_by_label("NC year").select_option(label="Year 10")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"year=10"))
    axe(page)
    rows = page.locator("table tbody tr").filter(has=page.locator("th a"))
    assert rows.count() == 2
    clark = page.locator("tr", has=page.get_by_role("link", name="Clark, Cara"))
    assert clark.get_by_text("At risk").is_visible()
    assert "0 of 3" in clark.inner_text()

    page.get_by_label("Choose Adams, Amy").check()
    page.get_by_label("Choose Clark, Cara").check()
    assert page.get_by_text("2 pupils chosen").is_visible()
    page.get_by_role("button", name="Start an activity for these pupils").click()
    page.wait_for_url(re.compile(r"/activities/new/$"))
    axe(page)
    chosen = page.get_by_label("Or choose pupils").evaluate(
        "s => [...s.selectedOptions].map(o => o.textContent)")
    assert chosen == ["Adams, Amy", "Clark, Cara"]

    page.get_by_label("Type of activity").select_option(label="Employer talk or workshop")
    page.get_by_label("Title").fill("Talk from the garden centre")
    page.get_by_role("button", name="Save and record who took part").click()
    page.wait_for_url(re.compile(r"/record/\?"))
    axe(page)
    names = page.locator(".ra-roster__row").all_inner_texts()
    assert len(names) == 2
    assert "Adams" in names[0]
    assert "Clark" in names[1]
    assert page.console_errors == []


def test_needs_page_and_sorted_grid_pass_axe(page, axe, world):
    build_grid_world(world)
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/standing/?sort=not_met")
    axe(page)
    page.get_by_role("link", name="Who still needs what this term").click()
    page.wait_for_url(re.compile(r"/standing/needs/$"))
    axe(page)
    assert page.get_by_text("1 pupil is 1 short of the 2 needed.").is_visible()
    page.get_by_label("Before the end of").select_option(label="This half term")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"period=half_term"))
    axe(page)
    # A pupil listed under two rules is one pupil: ticking one box ticks the other.
    boxes = page.get_by_label("Choose Clark, Cara")
    assert boxes.count() == 2
    boxes.first.check()
    assert boxes.nth(1).is_checked()
    assert page.get_by_text("1 pupil chosen").is_visible()
    assert page.console_errors == []
