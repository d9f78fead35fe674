"""In a browser: a governor's question answered on the coverage pages, down to the pupils behind it."""

from __future__ import annotations

import re

import pytest

from roadahead.people.models import Pupil
from tests.browser_support import sign_in
from tests.conftest import PASSWORD
from tests.standing.test_coverage import equity_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_coverage_equity_and_drill_down(page, axe, world):
    girls, _boys = equity_world(world)
    Pupil.objects.filter(pk__in=[p.pk for p in girls[:5]]).update(looked_after=True)
    sign_in(page, world.leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/coverage/")
    axe(page)
    five = page.locator("#coverage-table tr[data-benchmark='5']")
    assert "44%" in five.inner_text()
    assert page.locator("svg[role='img']").count() == 1

    page.get_by_role("link", name="Gaps between groups").click()
    page.wait_for_url(re.compile(r"/coverage/equity/"))
    page.get_by_label("Compare by").select_option(label="Looked after")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"by=looked_after"))
    axe(page)
    table = page.locator("table[data-benchmark='5']")
    looked_after = table.locator("tr[data-group='yes']")
    assert "60%" in looked_after.inner_text()  # 3 of the 5 looked-after pupils
    assert "Fewer than 5 pupils" in table.locator("tr[data-group='no']").inner_text()

    looked_after.get_by_role("link", name=re.compile("Looked after: pupils without evidence")).click()
    page.wait_for_url(re.compile(r"/coverage/benchmark/5/"))
    axe(page)
    assert page.get_by_role("heading", name="Pupils without evidence").is_visible()
    names = page.locator("#drill-table tbody tr td:first-child").all_inner_texts()
    assert names == sorted(f"{p.surname}, {p.forename}" for p in girls[3:5])

    page.get_by_role("link", name="Back to coverage").click()
    page.get_by_role("link", name="Trend by term").click()
    page.wait_for_url(re.compile(r"/coverage/trend/"))
    axe(page)
    assert page.locator("svg[role='img']").count() == 8
    assert page.console_errors == []
