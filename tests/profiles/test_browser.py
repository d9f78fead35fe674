"""Editing a career profile by keyboard alone, from the pupil page to the pupil's My future page.

Every page visited is checked with axe-core (WCAG 2.2 A and AA): zero violations.
"""

from __future__ import annotations

import re

import pytest

from roadahead.profiles.models import ProfileEntry
from tests.browser_support import Keyboard, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_class_teacher_edits_a_profile_by_keyboard(page, axe, world):
    pupil = world.class_pupils[0]
    sign_in(page, world.class_teacher.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto(f"/s/oakfield/pupils/{pupil.pk}/")
    page.get_by_text("Nothing recorded in the career profile yet.").wait_for()
    axe(page)
    keys = Keyboard(page)

    keys.tab_to("Career profile and intended destinations")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/profiles/pupil/\d+/$"))
    axe(page)

    keys.tab_to("Add an entry")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/entries/new/$"))
    axe(page)
    keys.tab_to("kind=interest")
    keys.press("ArrowDown", 4)  # interest, strength, like, dislike, aspiration
    keys.tab_to("text")
    keys.type("Wants to work with animals")
    keys.tab_to("captured=own_words")
    keys.press("ArrowDown")  # with symbols or AAC
    keys.tab_to("recorded_on")
    keys.press("Control+a")
    keys.type("09/03/2026")
    keys.tab_to("on_my_future")
    keys.press("Space")
    keys.tab_to("Save")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/profiles/pupil/\d+/$"))
    page.get_by_text("The profile entry is saved.").wait_for()
    axe(page)
    made = ProfileEntry.objects.get(pupil=pupil)
    assert (made.kind, made.captured, made.on_my_future) == ("aspiration", "symbols", True)

    keys.tab_to("Change")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/entries/\d+/edit/$"))
    axe(page)
    keys.tab_to("text")
    keys.press("End")
    keys.type(" at the city farm")
    keys.tab_to("Save")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/profiles/pupil/\d+/$"))
    made.refresh_from_db()
    assert made.text == "Wants to work with animals at the city farm"

    keys.tab_to("No longer true")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/entries/\d+/end/$"))
    axe(page)
    keys.tab_to("reason")
    keys.type("After the taster day")
    keys.tab_to("replacement")
    keys.type("Wants to work in the farm café")
    keys.tab_to("Save")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/profiles/pupil/\d+/$"))
    page.get_by_text("It stays in the history.").wait_for()
    axe(page)
    made.refresh_from_db()
    assert made.ended_on is not None
    assert made.superseded_by.text == "Wants to work in the farm café"

    keys.tab_to("My future page")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/my-future/$"))
    page.get_by_text("Wants to work in the farm café").wait_for()
    axe(page)


def test_my_future_with_pictures_is_accessible(page, axe, world):
    from roadahead.profiles import services
    from tests.profiles.factories import entry, png_bytes

    pupil = world.pupils[0]
    entry(pupil, "Feeding the goats", on_my_future=True)
    services.add_picture(school=world.school, pupil=pupil, member=world.careers_leader, data=png_bytes((200, 200)),
                         section="photo", alt_text="Sam smiling in the school garden")
    services.add_picture(school=world.school, pupil=pupil, member=world.careers_leader, data=png_bytes(),
                         section="like", alt_text="Sam feeding a goat")
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))

    page.goto(f"/s/oakfield/profiles/pupil/{pupil.pk}/my-future/")
    page.get_by_alt_text("Sam feeding a goat").wait_for()
    assert page.evaluate("document.querySelector('img[alt=\"Sam feeding a goat\"]').naturalWidth") == 40
    axe(page)
    page.goto(f"/s/oakfield/profiles/pupil/{pupil.pk}/my-future/edit/")
    axe(page)
    page.goto(f"/s/oakfield/profiles/pupil/{pupil.pk}/my-future/pictures/new/")
    axe(page)


def test_intended_destinations_pages_are_accessible(page, axe, world):
    from tests import factories
    from tests.profiles.factories import category, plan

    pupil = world.pupils[0]
    internship = category(world.school)
    pathway = factories.PathwayFactory(school=world.school, vision="Paid work with support")
    pathway.in_keeping_destinations.add(internship)
    pupil.enrolments.update(pathway=pathway)
    plan(pupil, 2025, pupil_category=internship)
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto(f"/s/oakfield/profiles/pupil/{pupil.pk}/")
    page.get_by_text("In keeping with the pathway").wait_for()
    axe(page)
    page.goto(f"/s/oakfield/profiles/pupil/{pupil.pk}/destinations/2025/")
    axe(page)
