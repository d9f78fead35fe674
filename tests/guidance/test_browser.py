"""Recording a guidance meeting by keyboard alone, from the pupil page to marking an action done.

Every page visited is checked with axe-core (WCAG 2.2 A and AA): zero violations.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from roadahead.guidance.models import GuidanceMeeting
from tests.browser_support import Keyboard, sign_in
from tests.conftest import PASSWORD
from tests.guidance.factories import action, meeting

pytestmark = pytest.mark.django_db(transaction=True)


def test_adviser_records_a_guidance_meeting_by_keyboard(page, axe, world):
    world.adviser.qualification_level = 6
    world.adviser.independent_of_school = True
    world.adviser.save()
    pupil = world.adviser_pupils[0]
    pupil.communication_notes = "Uses symbols and a communication book."
    pupil.save()
    sign_in(page, world.adviser.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto(f"/s/oakfield/pupils/{pupil.pk}/")
    page.get_by_text("No guidance meetings recorded yet.").wait_for()
    axe(page)
    keys = Keyboard(page)

    keys.tab_to("Record a guidance meeting")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/guidance/pupil/\d+/new/$"))
    axe(page)
    assert "Uses symbols and a communication book." in page.content()

    keys.tab_to("date")
    keys.press("Control+a")
    keys.type("03/03/2026")
    keys.tab_to("advocate")
    keys.type("Class")
    keys.tab_to("communication=symbols")
    keys.press("Space")
    keys.tab_to("support_notes")
    keys.type("Her class teacher used the symbol book and checked each choice twice.")
    keys.tab_to("pupil_words")
    keys.type("Animals. Outside. Not the big college.")
    keys.tab_to("discussed")
    keys.type("Farm college taster day; travel training.")
    keys.tab_to("next_due")
    keys.type("01/06/2026")
    keys.tab_to("actions-0-description")
    keys.type("Book the farm college taster day")
    keys.tab_to("actions-0-owner_member")
    keys.type("Class")
    keys.tab_to("actions-0-due_on")
    keys.type("20/03/2026")
    keys.tab_to("Save the meeting")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/guidance/\d+/$"))
    axe(page)

    made = GuidanceMeeting.objects.get()
    assert (made.date, made.advocate, made.communication) == (dt.date(2026, 3, 3), "class_teacher", ["symbols"])
    assert made.pupil_words == "Animals. Outside. Not the big college."
    assert made.next_due == dt.date(2026, 6, 1)
    assert made.adviser_qualification == "level_6"
    item = made.actions.get()
    assert (item.owner_member, item.due_on) == (world.class_teacher, dt.date(2026, 3, 20))
    assert made.activity.participations.get().pupil == pupil

    keys.tab_to("Mark done today")
    with page.expect_navigation():  # back to the same page, now saying when it was done
        keys.press("Enter")
    axe(page)
    assert "The action is marked done." in page.content()
    item.refresh_from_db()
    assert item.done_on == dt.date(2026, 3, 10)
    assert page.console_errors == []


def test_every_guidance_list_and_page_passes_axe(page, axe, world):
    """The pages the keyboard test does not reach, as a careers leader sees them."""
    pupil = world.pupils[1]
    made = meeting(pupil, world.adviser, dt.date(2025, 12, 1), next_due=dt.date(2026, 3, 1),
                   actions=[action(due_on=dt.date(2026, 3, 1), owner_member=world.class_teacher)])
    meeting(world.pupils[2], world.adviser, dt.date(2025, 12, 2), next_due=dt.date(2026, 3, 20))
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    for url in ("/s/oakfield/guidance/", "/s/oakfield/guidance/overdue/", "/s/oakfield/guidance/actions/",
                f"/s/oakfield/guidance/pupil/{pupil.pk}/", f"/s/oakfield/guidance/{made.pk}/edit/",
                f"/s/oakfield/guidance/{made.pk}/delete/"):
        page.goto(url)
        axe(page)
        assert page.get_by_role("heading", level=1).is_visible()
    page.goto(f"/s/oakfield/guidance/{made.pk}/edit/")
    page.get_by_label("Next meeting due").fill("01/01/2025")
    page.get_by_role("button", name="Save the meeting").click()
    page.get_by_text("There is a problem").wait_for()
    axe(page)
    assert page.console_errors == []
