"""In a browser: the careers leader writes a rule and sees where a pupil stands against it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.browser_support import sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_careers_leader_creates_a_rule_and_sees_a_pupil_at_risk(page, axe, world):
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/rules/")
    assert page.get_by_role("heading", level=1).inner_text() == "What pupils are entitled to"
    axe(page)

    page.get_by_role("link", name="Add a rule").click()
    axe(page)
    # A cut-off on a yearly rule is refused, next to the field.
    page.get_by_label("Name", exact=True).fill("Employer encounters each year")
    page.get_by_label("How many").fill("3")
    page.get_by_label("Cut-off month").select_option(label="February")
    page.get_by_label("Cut-off day").fill("28")
    page.get_by_role("button", name="Save").click()
    assert "Only a rule across years can have a cut-off date." in page.locator(".govuk-error-summary").inner_text()
    axe(page)

    page.get_by_label("Cut-off month").select_option(label="No cut-off")
    page.get_by_label("Cut-off day").fill("")
    page.get_by_label("Meaningful encounters only").check()
    page.get_by_role("group", name="Activities evidencing any of these benchmarks").get_by_label(
        re.compile(r"^5\. ")).check()
    page.get_by_role("button", name="Save").click()
    assert "Employer encounters each year is saved." in page.get_by_role("alert").inner_text()
    assert page.get_by_text("At least 3 meaningful encounters evidencing Benchmark 5 each academic year, "
                            "for every pupil").is_visible()
    axe(page)

    # Nothing has been recorded: in March, with no encounter yet, the pupil is at risk.
    pupil = world.pupils[0]
    page.goto(reverse("people:pupil_detail", kwargs={"school_slug": "oakfield", "pk": pupil.pk}))
    row = page.locator("#standing-table tr", has_text="Employer encounters each year")
    assert row.locator(".govuk-tag").inner_text() == "At risk"
    assert "3 more meaningful encounters evidencing Benchmark 5 by 31 August 2026" in row.inner_text()
    axe(page)

    page.get_by_role("link", name=re.compile("See where they stand on another date")).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Where they stand"
    axe(page)
    page.get_by_label("Where they stood on").fill("31/08/2026")
    page.get_by_role("button", name="Show").click()
    row = page.locator("#standing-table tr", has_text="Employer encounters each year")
    assert row.locator(".govuk-tag").inner_text() == "Not met"
    axe(page)

    page.get_by_role("link", name="Employer encounters each year").click()
    page.get_by_role("button", name="Switch this rule off").click()
    assert "switched off" in page.get_by_role("alert").inner_text()
    axe(page)
    page.get_by_role("link", name="Change this rule").click()
    axe(page)
