"""An event from start to feedback in a real browser, checked with axe-core (WCAG 2.2 AA) on every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from roadahead.events.models import Feedback
from tests import factories
from tests.browser_support import sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

PHONE = {"width": 390, "height": 844}


def test_careers_leader_makes_an_event_and_a_parent_answers_on_a_phone(page, axe, browser, live_server, world):
    factories.ProviderFactory(school=world.school, name="Riverside College", kind="college")
    factories.ProviderFactory(school=world.school, name="Corner Bakery")
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/events/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Events")
    axe(page)

    page.get_by_role("link", name="Add an event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an event")
    axe(page)
    page.get_by_label("Name of the event").fill("Spring transition fair")
    page.get_by_label("Date").fill("20/03/2026")
    page.get_by_label("Who was invited").fill("Families of Years 9 to 14")
    page.get_by_label("Riverside College").check()
    page.get_by_label("Corner Bakery").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spring transition fair")
    expect(page.get_by_role("link", name="Riverside College")).to_be_visible()
    expect(page.get_by_role("link", name="Corner Bakery")).to_be_visible()
    axe(page)
    event_url = page.url

    page.get_by_role("link", name="Make feedback links").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make feedback links")
    axe(page)
    page.get_by_label("Parent or carer").check()
    page.get_by_label("A note to help you remember").fill("Families at the fair")
    page.get_by_role("button", name="Make the links").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("1 feedback link made")
    axe(page)
    address = page.get_by_label("Link 1").input_value()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/feedback/[\w-]{{40,}}/", address)

    # A parent, not signed in, on a phone.
    phone = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=PHONE, is_mobile=True,
                                has_touch=True)
    phone.set_default_timeout(10_000)
    parent = phone.new_page()
    errors: list[str] = []
    parent.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        parent.goto(address)
        expect(parent.get_by_role("heading", level=1)).to_have_text("Tell us what you thought of the event")
        expect(parent.get_by_text("About: Spring transition fair, 20 March 2026.")).to_be_visible()
        axe(parent)
        # Fits the phone's width, and every choice is a large touch target.
        assert parent.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # (GOV.UK radios lay a 44-pixel input over each drawn circle.)
        for choice in parent.locator(".govuk-radios__input").all():
            box = choice.bounding_box()
            assert box["height"] >= 44
            assert box["width"] >= 44
        send = parent.get_by_role("button", name="Send").bounding_box()
        assert send["height"] >= 44
        assert send["width"] >= 300

        parent.get_by_role("button", name="Send").click()  # nothing chosen: explained, link still good
        expect(parent.get_by_role("heading", name="There is a problem")).to_be_visible()
        axe(parent)
        parent.get_by_label("Very useful").check()
        parent.get_by_label("What was good about it?").fill("Meeting the college staff")
        parent.get_by_label("Is there anything you or your child").fill("A taster day at the college")
        parent.get_by_role("button", name="Send").click()
        expect(parent.get_by_role("heading", level=1)).to_have_text("Thank you")
        axe(parent)
        assert errors == []

        parent.goto(address)  # a second go is refused kindly, with 410 Gone
        expect(parent.get_by_role("heading", level=1)).to_have_text("This link does not work")
        expect(parent.get_by_text("Spring transition fair")).to_have_count(0)
        axe(parent)
        assert errors == ["Failed to load resource: the server responded with a status of 410 (Gone)"]
    finally:
        phone.close()

    feedback = Feedback.objects.get()
    assert (feedback.respondent, feedback.rating) == ("family", 4)
    page.goto(event_url)
    expect(page.get_by_text("1 response. Average rating 4.0 out of 4.")).to_be_visible()
    expect(page.get_by_text("Meeting the college staff")).to_be_visible()
    expect(page.get_by_role("cell", name="Answered")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Enter feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter feedback")
    axe(page)
    assert page.console_errors == []
