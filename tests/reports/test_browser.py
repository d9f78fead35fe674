"""The reports by keyboard alone: the careers leader finds the governors' report from the
navigation and downloads its PDF; every report page passes axe-core (WCAG 2.2 A and AA)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser_support import Keyboard, sign_in
from tests.conftest import PASSWORD
from tests.pdf_support import pdf_text
from tests.reports.helpers import TODAY, add_pupils, encounter, evaluation, set_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _records(world) -> None:
    set_up(world)
    pupils = add_pupils(world, 5, looked_after=True)
    encounter(world, TODAY.replace(day=2), [*world.pupils, *pupils[:3]])
    evaluation(world, term="autumn")
    evaluation(world, achieve=(1, 5))


def test_careers_leader_downloads_the_governors_report_by_keyboard(page, axe, world):
    _records(world)
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    keys = Keyboard(page)

    keys.tab_to("Reports", exact=True)
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/s/oakfield/reports/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Reports"
    axe(page)

    keys.tab_to("Governors' termly report")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/reports/governors/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Governors' termly report"
    assert page.locator("#equity-table tr", has_text="Looked after").first.inner_text().endswith("60% (3 of 5)")
    axe(page)

    keys.tab_to("Download the report as a PDF")
    with page.expect_download() as download:
        keys.press("Enter")
    assert download.value.suggested_filename == "governors-report-2025-spring.pdf"
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    assert "Governors' termly report: Spring 2025/26" in pdf_text(data)
    assert page.console_errors == []


def test_every_report_page_passes_axe(page, axe, world):
    _records(world)
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    pupil = world.pupils[0]
    for path, heading in (("ofsted/", "Ofsted evidence pack"), ("cohort/?year_from=10&year_to=10", "Cohort summary"),
                          (f"pupil/{pupil.pk}/", "Careers record"), ("governors/?year=2025&term=autumn",
                                                                      "Governors' termly report")):
        page.goto(f"/s/oakfield/reports/{path}")
        assert page.get_by_role("heading", level=1).inner_text() == heading
        axe(page)
