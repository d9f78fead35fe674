"""Recording skills in a browser by keyboard alone: one pupil on several skills, then a class on one skill.

Every page on the way is checked with axe-core, as are the cohort summary and the frameworks page.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from roadahead.skills.models import Assessment, Skill
from roadahead.skills.services import ensure_default_frameworks
from tests.browser_support import Keyboard, sign_in
from tests.conftest import PASSWORD
from tests.skills.factories import assess

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_record_skills_for_a_pupil_and_a_class_by_keyboard(page, axe, world):
    ensure_default_frameworks(school=world.school, audit=False)
    pupil = world.class_pupils[0]
    assess(pupil, Skill.objects.get(school=world.school, code="listening"), 3, dt.date(2025, 10, 6))
    sign_in(page, world.class_teacher.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))

    # The pupil page loads the skills section by htmx.
    page.goto(f"/s/oakfield/pupils/{pupil.pk}/")
    page.get_by_role("link", name=re.compile("^Record skills")).wait_for()
    axe(page)

    keys = Keyboard(page)
    page.goto(f"/s/oakfield/skills/pupils/{pupil.pk}/")
    axe(page)
    keys.tab_to("Record skills", exact=True)
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/record/$"))
    axe(page)
    listening, speaking = (page.get_by_label(name, exact=True).get_attribute("name")
                           for name in ("Listening", "Speaking"))
    keys.tab_to(listening, exact=True)
    keys.type("5")
    keys.press("Tab")
    assert keys.focused() == speaking
    keys.type("7")
    keys.tab_to("evidence", exact=True)
    keys.type("Took the lunch orders and read them back to the class.")
    keys.tab_to("Save", exact=True)
    keys.press("Enter")
    page.wait_for_url(re.compile(rf"/skills/pupils/{pupil.pk}/$"))
    axe(page)
    assert page.get_by_role("img", name="Essential skills: steps over time").count() == 1
    row = page.get_by_role("row", name=re.compile(r"^Listening 3 5 \+2 2"))
    assert row.count() == 1
    saved = Assessment.objects.filter(pupil=pupil, date=dt.date(2026, 3, 10)).order_by("skill__position")
    assert [(a.skill.name, a.step) for a in saved] == [("Listening", 5), ("Speaking", 7)]

    # A class on one skill.
    page.goto("/s/oakfield/skills/class/")
    axe(page)
    keys.tab_to("class_group", exact=True)
    keys.tab_to("skill", exact=True)
    keys.type("Essential skills: Teamwork")
    keys.tab_to("Show the class", exact=True)
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/skills/class/\?class_group="))
    axe(page)
    first, second = world.class_pupils
    keys.tab_to(f"pupil_{first.pk}", exact=True)
    keys.type("4")
    keys.press("Tab")
    assert keys.focused() == f"pupil_{second.pk}"
    keys.type("6")
    keys.tab_to("Save", exact=True)
    keys.press("Enter")
    page.get_by_text("Teamwork recorded for 2 pupils.").wait_for()
    axe(page)
    teamwork = Assessment.objects.filter(skill__code="teamwork").order_by("pupil_id")
    assert sorted((a.pupil_id, a.step) for a in teamwork) == sorted([(first.pk, 4), (second.pk, 6)])


def test_cohort_and_frameworks_pages_pass_axe(page, axe, world):
    ensure_default_frameworks(school=world.school, audit=False)
    listening = Skill.objects.get(school=world.school, code="listening")
    for i, pupil in enumerate(world.pupils):
        assess(pupil, listening, 2, dt.date(2025, 6, 1))
        assess(pupil, listening, 2 + i % 2, dt.date(2026, 2, 1))
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    for url in ("/s/oakfield/skills/", "/s/oakfield/skills/?by=class", "/s/oakfield/skills/cohort/year/10/",
                "/s/oakfield/skills/frameworks/"):
        page.goto(url)
        axe(page)
    page.get_by_role("link", name=re.compile("^Change or archive Essential skills")).click()
    axe(page)
