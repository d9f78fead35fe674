"""Setting up paired transition visits and recording the pupils' responses, by keyboard alone.

Every page visited is checked with axe-core (WCAG 2.2 A and AA): zero violations.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from roadahead.activities.models import Participation
from roadahead.people.models import Enrolment
from roadahead.transition.enums import VisitKind
from roadahead.transition.models import TransitionPair
from tests.browser_support import Keyboard, sign_in
from tests.conftest import PASSWORD
from tests.transition.factories import college, half, individual, pair

pytestmark = pytest.mark.django_db(transaction=True)


def test_class_teacher_sets_up_paired_visits_and_records_responses_by_keyboard(page, axe, world):
    college(world.school, "Riverside College")
    first, second = sorted(world.class_pupils, key=lambda p: (p.legal_surname, p.legal_forename, p.pk))
    sign_in(page, world.class_teacher.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/transition/")
    axe(page)
    keys = Keyboard(page)

    keys.tab_to("Set up paired visits")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/transition/pairs/new/$"))
    axe(page)
    keys.tab_to("provider")
    keys.type("River")
    keys.tab_to("class_group")
    keys.type("Oak")
    keys.tab_to("in_school_date")
    keys.press("Control+a")
    keys.type("03/03/2026")
    keys.tab_to("people_met")
    keys.type("Two college tutors")
    keys.tab_to("at_provider_date")
    keys.type("09/03/2026")
    keys.tab_to("Save the paired visits")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/transition/pairs/\d+/$"))
    axe(page)
    made = TransitionPair.objects.get()
    assert set(made.pupils.all()) == {first, second}

    keys.tab_to("Record who went and their responses")  # the provider's visit to school comes first
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/activities/\d+/record/\?pupil="))
    axe(page)
    keys.tab_to(f"p{first.pk}-engagement")
    keys.press("ArrowRight", 2)  # "Engaged"
    keys.tab_to(f"p{first.pk}-reaction")
    keys.press("Space")  # "Liked it"
    keys.tab_to("Their words and a note")
    keys.press("Enter")
    keys.tab_to(f"p{first.pk}-response")
    keys.type("Can I cook there? I want the big kitchen.")
    keys.tab_to(f"p{first.pk}-response_method")
    keys.type("Own")
    keys.tab_to(f"p{second.pk}-attendance")
    keys.press("ArrowRight", 2)  # "Absent"
    keys.tab_to("Save")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/activities/\d+/$"))
    axe(page)

    recorded = {p.pupil_id: p for p in Participation.objects.filter(activity=half(made, VisitKind.IN_SCHOOL).activity)}
    assert (recorded[first.pk].attendance, recorded[first.pk].engagement, recorded[first.pk].reaction) == (
        "attended", 3, "liked")
    assert recorded[first.pk].response_method == "own_words"
    assert recorded[second.pk].attendance == "absent"
    page.goto(f"/s/oakfield/transition/pairs/{made.pk}/")
    axe(page)
    assert "Can I cook there? I want the big kitchen." in page.content()
    assert page.console_errors == []


def test_every_transition_page_passes_axe(page, axe, world):
    """The pages the keyboard test does not reach, as a careers leader sees them."""
    Enrolment.objects.filter(pupil__in=world.pupils).update(nc_year="13")
    pupil = world.pupils[0]
    visit = individual(pupil, world.careers_leader, dt.date(2026, 3, 2), companions=["family", "keyworker"])
    made = pair(world.careers_leader, world.pupils[:2], at_provider=None)
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    for url in ("/s/oakfield/transition/?when=past", "/s/oakfield/transition/providers/",
                "/s/oakfield/transition/pupils/", "/s/oakfield/transition/pupils/without/",
                "/s/oakfield/transition/summary/", f"/s/oakfield/transition/pupil/{pupil.pk}/",
                f"/s/oakfield/transition/pupil/{pupil.pk}/new/", f"/s/oakfield/transition/visits/{visit.pk}/",
                f"/s/oakfield/transition/visits/{visit.pk}/edit/", f"/s/oakfield/transition/visits/{visit.pk}/delete/",
                f"/s/oakfield/transition/visits/{visit.pk}/destination/{pupil.pk}/",
                f"/s/oakfield/transition/pairs/{made.pk}/edit/",
                f"/s/oakfield/transition/pairs/{made.pk}/add/at-provider/",
                f"/s/oakfield/transition/pairs/{made.pk}/delete/", f"/s/oakfield/pupils/{pupil.pk}/"):
        page.goto(url)
        axe(page)
        assert page.get_by_role("heading", level=1).is_visible()
    page.goto(f"/s/oakfield/transition/pupil/{pupil.pk}/new/")
    page.get_by_role("button", name="Save the visit").click()
    page.get_by_text("There is a problem").wait_for()
    axe(page)
    assert page.console_errors == []
