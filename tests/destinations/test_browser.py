"""Recording a leaver's destination and a check-in by keyboard alone; axe-core on every page visited."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from roadahead.destinations.models import CheckIn, Destination
from tests.browser_support import Keyboard, sign_in
from tests.conftest import PASSWORD
from tests.destinations.factories import destination, leave, pathway

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_careers_leader_records_a_destination_and_a_check_in_by_keyboard(page, axe, world):
    college = pathway(world.school, "Pathway 3", ["specialist-college", "day-service"])
    pupil = leave(world.pupils[1], dt.date(2025, 3, 14), pathway_=college)
    other = leave(world.pupils[0], dt.date(2025, 3, 14))
    destination(other, "day-service")
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/destinations/")
    page.get_by_text("Not recorded yet").wait_for()
    axe(page)
    keys = Keyboard(page)

    keys.tab_to(pupil.display_name)
    keys.press("Enter")
    page.wait_for_url(re.compile(rf"/destinations/pupil/{pupil.pk}/$"))
    axe(page)
    keys.tab_to("Record their destination")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/record/$"))
    axe(page)

    keys.tab_to("category")
    keys.type("Specialist")
    keys.tab_to("start_date")
    keys.type("08/09/2025")
    keys.tab_to("notes")
    keys.type("Chose the college herself on the second transition visit.")
    keys.tab_to("Save")
    keys.press("Enter")
    page.wait_for_url(re.compile(rf"/destinations/pupil/{pupil.pk}/$"))
    page.get_by_text("The destination is saved.").wait_for()
    axe(page)
    made = Destination.objects.get(pupil=pupil)
    assert made.category.code == "specialist-college"
    assert made.in_keeping is True
    assert made.start_date == dt.date(2025, 9, 8)

    # The first check-in (14 March 2026) is due now: record it from the leaver's page.
    keys.tab_to("Record check-in 1")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/check-ins/\d+/$"))
    axe(page)
    keys.tab_to("status=same")
    keys.press("Space")
    keys.tab_to("sustained=yes")
    keys.press("Space")
    keys.tab_to("Save the check-in")
    keys.press("Enter")
    page.get_by_text("The check-in is saved.").wait_for()
    check_in = CheckIn.objects.get(pupil=pupil, number=1)
    assert check_in.sustained is True
    assert check_in.status == "same"

    for path in ("/s/oakfield/destinations/check-ins/", "/s/oakfield/destinations/report/",
                 "/s/oakfield/destinations/retention/", f"/s/oakfield/destinations/{made.pk}/in-keeping/",
                 "/s/oakfield/imports/destinations/"):
        page.goto(path)
        page.locator("h1").wait_for()
        axe(page)
