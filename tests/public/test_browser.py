"""The published careers page and its easy-read version, opened by someone not signed in, and the
careers leader's edit page with its review warning. Every page visited is checked with axe-core
(WCAG 2.2 A and AA): zero violations."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.browser_support import sign_in
from tests.conftest import PASSWORD
from tests.events.helpers import make_event
from tests.public.helpers import make_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_page_and_easy_read_are_accessible(page, axe, world):
    make_page(world, next_review_on=dt.date(2026, 1, 1))
    make_event(world, title="Spring careers fair", date=dt.date(2026, 3, 20))
    page.goto("/careers/oakfield/")
    assert page.get_by_role("heading", level=1).inner_text() == "Careers at Oakfield School"
    assert page.get_by_text("Spring careers fair").is_visible()
    axe(page)
    page.get_by_role("link", name="Read this page in easy read").click()
    page.wait_for_url(re.compile(r"/careers/oakfield/easy-read/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Careers at our school"
    axe(page)
    assert page.console_errors == []

    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    assert page.get_by_text("was due for review").is_visible()
    page.get_by_role("link", name="Review the careers page").click()
    page.wait_for_url(re.compile(r"/s/oakfield/public-page/$"))
    axe(page)
    page.goto("/s/oakfield/public-page/preview/")
    axe(page)
    page.goto("/s/oakfield/public-page/html/")
    assert "Careers at Oakfield School" in page.get_by_label("HTML of the careers page").input_value()
    axe(page)
