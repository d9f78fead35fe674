"""The programme records in a real browser, checked with axe-core (WCAG 2.2 AA) on every page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser_support import sign_in
from tests.conftest import PASSWORD
from tests.cpd.helpers import record
from tests.curriculum.helpers import add_activity, build_curriculum
from tests.lmi.helpers import item, share

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_careers_leader_walks_the_programme_records(page, axe, world):
    c = build_curriculum(world.school)
    add_activity(world.school, c.budgeting, dt.date(2026, 2, 2), title="Shop prices")
    care = item(world.school, dt.date(2025, 9, 20), "Jobs in care")
    share(care, dt.date(2025, 10, 1), classes=[world.class_group], families=True)
    record(world.class_teacher, dt.date(2026, 1, 5), "1.5", "Talking about jobs with pupils")

    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Programme", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme records")
    axe(page)

    page.get_by_role("link", name="Careers in the curriculum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Careers in the curriculum")
    expect(page.get_by_text("2 subjects and phases with no scheme yet")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="1 activity for Maths in Key Stage 4").click()
    expect(page.get_by_role("status")).to_have_text("1 activity in 2025/26 for Maths in Key Stage 4")
    expect(page.get_by_role("cell", name="Shop prices")).to_be_visible()
    axe(page)

    page.goto("/s/oakfield/curriculum/programme/")
    page.get_by_role("link", name="Labour market information").click()
    expect(page.get_by_role("status")).to_contain_text("1 item received, shared 1 time: 1 with classes")
    axe(page)

    page.goto("/s/oakfield/curriculum/programme/")
    page.get_by_role("link", name="Staff careers training").click()
    expect(page.get_by_role("cell", name="Talking about jobs with pupils", exact=True)).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("^Class Teacher"))).to_contain_text("1.5")
    axe(page)
    assert page.console_errors == []


def test_every_other_programme_page_passes_axe(page, axe, world):
    c = build_curriculum(world.school)
    add_activity(world.school, c.budgeting, dt.date(2026, 2, 2), title="Shop prices")
    care = item(world.school, dt.date(2025, 9, 20), "Jobs in care")
    made = share(care, dt.date(2025, 10, 1), classes=[world.class_group], families=True)
    training = record(world.class_teacher, dt.date(2026, 1, 5), "1.5", "Talking about jobs with pupils")
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    for address in (
        "curriculum/schemes/", f"curriculum/schemes/?subject={c.english.pk}&phase={c.ks3.pk}",
        f"curriculum/schemes/{c.budgeting.pk}/", "curriculum/schemes/new/",
        f"curriculum/schemes/{c.budgeting.pk}/edit/", "curriculum/subjects/", "curriculum/subjects/new/",
        f"curriculum/subjects/{c.maths.pk}/edit/", f"lmi/{care.pk}/", "lmi/new/", f"lmi/{care.pk}/edit/",
        f"lmi/{care.pk}/shared/", f"lmi/shared/{made.pk}/edit/", "training/new/", f"training/{training.pk}/edit/",
    ):
        page.goto(f"/s/oakfield/{address}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe(page)
    page.goto("/s/oakfield/curriculum/schemes/new/")
    page.get_by_role("button", name="Save").click()  # nothing filled in: the errors are explained
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe(page)
    assert page.console_errors == []
