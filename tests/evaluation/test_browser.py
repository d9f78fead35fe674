"""Completing a termly self-evaluation by keyboard alone: start it, use the suggestions, mark a
benchmark, add an action, read the summary. Every page visited is checked with axe-core (WCAG 2.2
A and AA): zero violations."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from roadahead.evaluation.enums import Status
from roadahead.evaluation.models import Action, Criterion, Evaluation, Mark
from tests.browser_support import Keyboard, sign_in
from tests.conftest import PASSWORD
from tests.evaluation.helpers import encounter, start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_careers_leader_completes_an_evaluation_by_keyboard(page, axe, world):
    start(world, term="autumn")  # last term's, to compare with
    encounter(world, dt.date(2026, 2, 4), world.pupils)
    criteria = {c.code: c.pk for c in Criterion.objects.filter(school=world.school)}
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/evaluation/")
    axe(page)
    keys = Keyboard(page)

    keys.tab_to("Start an evaluation")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/evaluation/new/$"))
    axe(page)
    keys.tab_to("term=")
    keys.press("ArrowDown")  # autumn is taken: spring
    assert keys.focused() == "term=spring"
    keys.tab_to("cohort_note")
    keys.type("Years 7 to 14: the years our programme is planned for.")
    keys.tab_to("Start the evaluation")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/evaluation/\d+/$"))
    axe(page)
    evaluation = Evaluation.objects.get(school=world.school, term="spring")
    assert "Years 7 to 14: the years our programme is planned for." in page.content()

    keys.tab_to("Use the suggestions for criteria not yet confirmed")
    keys.press("Enter")
    page.get_by_text("statuses were filled in from the records").wait_for()
    axe(page)
    assert Mark.objects.get(evaluation=evaluation, criterion__code="5.1").status == Status.ACHIEVED

    keys.tab_to("Mark the criteria of Benchmark 5")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/benchmark/5/$"))
    axe(page)
    for code in ("5.1", "5.2", "5.3"):
        keys.tab_to(f"status_{criteria[code]}=")
        # Arrow keys move the choice round the group, from wherever it stands.
        for _ in range(3):
            if keys.focused().endswith("=achieved"):
                break
            keys.press("ArrowDown")
        assert keys.focused() == f"status_{criteria[code]}=achieved"
        keys.tab_to(f"evidence_{criteria[code]}")
        keys.type(f"Evidence for {code}: employer visits in every class.")
    keys.tab_to("Save and confirm")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/evaluation/\d+/#benchmark-5$"))
    axe(page)
    assert set(Mark.objects.filter(evaluation=evaluation, criterion__benchmark__number=5)
               .values_list("status", "confirmed")) == {(Status.ACHIEVED, True)}
    assert page.locator("#percentages tr[data-benchmark='5'] td").first.inner_text() == "100%"

    keys.tab_to("Add an action for Benchmark 5")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/actions/new/"))
    axe(page)
    keys.tab_to("description")
    keys.type("Invite the garden centre for the summer term")
    keys.tab_to("owner_text")
    keys.type("Enterprise adviser")
    keys.tab_to("due_on")
    keys.type("01/05/2026")
    keys.tab_to("Save")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/evaluation/actions/$"))
    axe(page)
    assert Action.objects.get(school=world.school).description == "Invite the garden centre for the summer term"

    page.goto(f"/s/oakfield/evaluation/{evaluation.pk}/summary/")
    axe(page)
    assert "Evidence for 5.2: employer visits in every class." in page.content()
    page.goto("/s/oakfield/evaluation/")
    axe(page)
    assert page.locator("#history tbody tr").count() == 2
