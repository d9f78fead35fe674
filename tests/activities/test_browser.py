"""The daily job, in a browser, by keyboard alone: record a class of twelve, then see it on a timeline."""

from __future__ import annotations

import re

import pytest

from roadahead.activities import services
from roadahead.activities.models import Participation
from tests.activities.conftest import add_class_pupils
from tests.browser_support import Keyboard, sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

# Every key press (and every field's typed text, counted once) from the activity list to the pupil's
# timeline. Keep it here so the job cannot quietly get longer: if a change adds steps, this fails.
KEYBOARD_INTERACTIONS = 83


def test_record_a_class_of_twelve_by_keyboard_then_see_it_on_a_timeline(page, axe, world):
    services.ensure_activity_types(school=world.school)
    add_class_pupils(world, 10)
    sign_in(page, world.class_teacher.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/activities/")
    axe(page)
    keys = Keyboard(page)

    keys.skip_to_content()
    keys.press("Tab")
    assert keys.focused() == "Record an activity"
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/activities/new/$"))
    axe(page)

    keys.skip_to_content()
    keys.press("Tab")
    assert keys.focused() == "activity_type"
    keys.type("Workplace")
    keys.press("Tab")
    keys.type("Oak")
    keys.press("Tab", 3)  # past the pathway and the list of pupils to the title
    assert keys.focused() == "title"
    keys.type("Visit to the bakery")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/record/\?class_group="))
    axe(page)
    assert page.locator(".ra-roster__row").count() == 12

    # The "saved" banner takes focus as the page opens, so the next Tab is already in the content.
    keys.press("Tab")
    assert keys.focused() == "Mark everyone as attended"
    keys.press("Tab")  # the first pupil's attendance, already "Attended"
    for row in range(12):
        if row == 1:
            keys.press("ArrowRight")  # the second pupil came for part of it
        keys.press("Tab")  # engagement
        keys.press("ArrowRight")  # "Engaged with support"
        keys.press("Tab")  # how they felt (left for another time)
        keys.press("Tab")  # their words and a note (closed)
        keys.press("Tab")  # the next pupil, or Save after the last
    assert keys.focused() == "Save"
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/activities/\d+/(#.*)?$"))
    axe(page)
    assert "Saved: 12 pupils recorded." in page.content()
    records = list(Participation.objects.filter(activity__title="Visit to the bakery").order_by(
        "pupil__legal_surname", "pupil__legal_forename", "pupil_id"))
    assert len(records) == 12
    assert [r.attendance for r in records].count("part") == 1
    assert records[1].attendance == "part"
    assert {r.engagement for r in records} == {2}

    # From the "saved" banner, past "Change who took part" and "Change the activity" to the first pupil.
    keys.press("Tab", 3)
    first = records[0].pupil
    assert keys.focused() == f"{first.surname}, {first.forename}"
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/activities/timeline/\d+/(#.*)?$"))
    axe(page)
    assert page.get_by_role("heading", level=1).inner_text() == first.display_name
    assert page.get_by_role("link", name="Visit to the bakery").is_visible()
    assert keys.count == KEYBOARD_INTERACTIONS
    assert page.console_errors == []


def test_every_activities_page_passes_axe(page, axe, world):
    """The pages the keyboard test does not reach, as a careers leader sees them."""
    services.ensure_activity_types(school=world.school)
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/activities/series/new/")
    axe(page)
    page.get_by_label("Title").fill("Garden centre")
    page.get_by_label("Type of activity").select_option(label="Work experience session")
    page.get_by_label("Day of the week").select_option(label="Wednesday")
    page.get_by_label("First session").fill("02/03/2026")
    page.get_by_label("Last session on or before").fill("25/03/2026")
    page.get_by_label("A class").select_option(label="Oak")
    # The script ticked the type's usual benchmark.
    assert page.get_by_label("6. ").is_checked()
    page.get_by_role("button", name="Set up the series").click()
    page.wait_for_url(re.compile(r"/series/\d+/$"))
    axe(page)
    page.get_by_role("link", name="Record Garden centre: session 1").click()
    page.wait_for_url(re.compile(r"/record/$"))
    axe(page)
    page.get_by_role("radio", name="Absent").first.check()
    page.get_by_role("button", name="Mark everyone as attended").click()
    assert page.get_by_role("radio", name="Attended").first.is_checked()
    page.locator("summary").first.click()
    page.get_by_label("What they said or showed").first.fill("I watered the plants")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/activities/\d+/(#.*)?$"))
    axe(page)
    page.get_by_role("link", name="Change the activity").click()
    page.wait_for_url(re.compile(r"/edit/$"))
    axe(page)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/activities/\d+/(#.*)?$"))
    page.get_by_role("link", name="Delete").click()
    page.wait_for_url(re.compile(r"/delete/$"))
    axe(page)
    page.goto("/s/oakfield/activities/series/")
    axe(page)
    page.goto("/s/oakfield/activities/?benchmark=6")
    axe(page)
    page.goto(f"/s/oakfield/activities/timeline/{world.class_pupils[0].pk}/?benchmark=6")
    assert "I watered the plants" in page.content()
    axe(page)
    assert page.console_errors == []
