"""A parent answers the survey through the families' link by keyboard alone, then the careers
leader opens the results. Every page visited is checked with axe-core (WCAG 2.2 A and AA)."""

from __future__ import annotations

import re

import pytest

from roadahead.surveys.enums import Group, Kind, Method
from roadahead.surveys.models import Answer, Response
from roadahead.surveys.selectors import links
from tests.browser_support import Keyboard, sign_in
from tests.conftest import PASSWORD
from tests.surveys.helpers import answer, make_survey, question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_family_answers_by_keyboard_and_careers_leader_reads_the_results(page, axe, world):
    survey = make_survey(world)
    rating = question(survey, Group.FAMILIES)
    yes_no = question(survey, Group.FAMILIES, Kind.YES_NO)
    text = question(survey, Group.FAMILIES, Kind.TEXT)
    answer(survey, Group.FAMILIES, {rating: 5}, times=4)  # four earlier answers; this one makes five

    page.goto(f"/survey/{links(survey=survey)[Group.FAMILIES].token}/")
    axe(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Careers review"
    keys = Keyboard(page)
    keys.tab_to(f"q{rating.pk}=1")
    keys.press("ArrowDown", times=3)  # 4: Good
    assert keys.focused() == f"q{rating.pk}=4"
    keys.tab_to(f"q{yes_no.pk}=yes")
    keys.press("Space")
    keys.tab_to(f"q{text.pk}")
    keys.type("Please tell us about visits a week earlier.")
    keys.tab_to("Send my answers")
    keys.press("Enter")
    page.get_by_role("heading", name="Thank you").wait_for()
    axe(page)
    sent = Response.objects.filter(survey=survey).latest("id")
    assert (sent.group, sent.method) == (Group.FAMILIES, Method.ONLINE)
    assert sorted(Answer.objects.filter(response=sent).values_list("rating", flat=True),
                  key=lambda r: r or 0) == [None, None, 4]

    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/surveys/")
    axe(page)
    keys = Keyboard(page)
    keys.tab_to("Careers review")
    keys.press("Enter")
    page.wait_for_url(re.compile(rf"/surveys/{survey.pk}/$"))
    axe(page)
    table = page.locator("#table-families")
    row = table.get_by_role("row").filter(has_text=rating.text)
    assert "4.8" in row.inner_text()
    assert "100%" in row.inner_text()
    assert "Please tell us about visits a week earlier." in page.content()
    assert page.console_errors == []


def test_careers_leader_starts_a_survey_and_a_teacher_enters_answers_by_keyboard(page, axe, world):
    sign_in(page, world.careers_leader.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/surveys/")
    keys = Keyboard(page)
    keys.tab_to("Start a survey")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/surveys/new/$"))
    axe(page)
    keys.tab_to("closes_on")
    keys.type("31/03/2026")
    keys.tab_to("Start the survey")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/surveys/\d+/questions/$"))
    axe(page)
    assert "Did you enjoy learning about jobs this year?" in page.content()
    keys.tab_to("Links for each group")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/surveys/\d+/links/$"))
    axe(page)
    assert page.locator("#link-pupils").input_value().startswith("http")
    page.goto("/s/oakfield/surveys/trend/")
    axe(page)

    page.context.clear_cookies()
    sign_in(page, world.class_teacher.user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    page.goto("/s/oakfield/surveys/")
    keys = Keyboard(page)
    keys.tab_to("Enter answers")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/answer/$"))
    axe(page)
    keys.skip_to_content()
    keys.tab_to("Pupils")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/answer/pupils/$"))
    axe(page)
    keys.tab_to("method=")
    keys.press("ArrowDown", times=2)  # with symbols or pictures
    assert keys.focused() == "method=symbols"
    survey_id = int(re.search(r"/surveys/(\d+)/", page.url).group(1))
    first = question(make_survey_of(survey_id), Group.PUPILS, Kind.YES_NO)
    keys.tab_to(f"q{first.pk}=yes")
    keys.press("Space")
    keys.tab_to("Save the answers")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/surveys/$"))
    axe(page)
    saved = Response.objects.get(survey_id=survey_id)
    assert (saved.group, saved.method) == (Group.PUPILS, Method.SYMBOLS)


def make_survey_of(pk):
    from roadahead.surveys.models import Survey
    return Survey.objects.get(pk=pk)
