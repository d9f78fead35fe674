"""Setting up a placement by keyboard alone: the placement, a pupil with a rotation, its sessions.

Every page visited is checked with axe-core (WCAG 2.2 A and AA): zero violations.
"""

from __future__ import annotations

import re

import pytest

from roadahead.placements.models import Placement
from tests import factories
from tests.browser_support import Keyboard, sign_in
from tests.conftest import PASSWORD
from tests.placements.factories import spring_term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_careers_leader_sets_up_a_placement_by_keyboard(page, axe, world):
    factories.ProviderFactory(school=world.school, name="Riverside Garden Centre")
    spring_term(world)
    pupil = world.pupils[0]
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/placements/")
    axe(page)
    keys = Keyboard(page)

    keys.tab_to("Set up a placement")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/placements/new/$"))
    axe(page)
    keys.tab_to("title")
    keys.type("Spring at the garden centre")
    keys.tab_to("provider")
    keys.choose("Riverside")
    keys.tab_to("term")
    keys.choose("Spring")
    keys.tab_to("weekday")
    keys.choose("Wednesday")
    keys.tab_to("areas")
    keys.type("Tills")
    keys.press("Enter")
    keys.type("Planting")
    keys.press("Enter")
    keys.type("Stock room")
    keys.tab_to("supervisor_name")
    keys.type("Shop manager")
    keys.tab_to("Save")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/placements/\d+/$"))
    axe(page)
    made = Placement.objects.get(title="Spring at the garden centre")
    assert made.weekday == 2
    assert "No health and safety check is recorded." in page.content()

    keys.tab_to("Add a pupil")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/pupils/new/$"))
    axe(page)
    keys.tab_to("pupil")
    keys.choose(pupil.display_name)
    keys.tab_to("rotate_weeks")
    keys.press("Control+a")
    keys.type("3")
    keys.tab_to("area")
    keys.choose("Planting")
    keys.tab_to("Save")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/placements/\d+/$"))
    axe(page)

    keys.tab_to("Make the sessions")
    keys.press("Enter")
    page.get_by_text("The placement has 11 sessions, school holidays left out.").wait_for()
    axe(page)
    plan = page.locator("#rotation-plan tbody tr").first.locator("td").all_inner_texts()
    assert plan[:5] == ["Tills", "Planting", "Stock room", "Planting", "Planting"]
    assert made.sessions.count() == 11


def test_report_provider_and_pupil_pages_pass_axe(page, axe, world):
    from roadahead.placements import services
    from tests.placements.factories import assign, placement

    made = placement(world)
    assignment = assign(world, made, world.pupils[0], rotate=3, settle=1)
    services.generate_sessions(placement=made, by=world.careers_leader.user)
    services.save_report(assignment=assignment, by=world.careers_leader.user, strengths="Steady and kind",
                         reflection="Chose 'café' and 'happy'.", reflection_method="symbols", outcome="went_well")
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    for address, wait_for in (
        (f"/s/oakfield/placements/reports/{assignment.pk}/", "Steady and kind"),
        (f"/s/oakfield/placements/reports/{assignment.pk}/edit/", "How it went"),
        (f"/s/oakfield/providers/{made.provider.pk}/", "Went well: 1"),
        (f"/s/oakfield/pupils/{world.pupils[0].pk}/", "See all placements and reports"),
        (f"/s/oakfield/placements/pupil/{world.pupils[0].pk}/", "Placements, newest first"),
        ("/s/oakfield/placements/new/", "Providers who have hosted our pupils before"),
    ):
        page.goto(address)
        page.get_by_text(wait_for).first.wait_for()
        axe(page)
