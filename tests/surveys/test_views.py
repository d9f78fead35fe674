"""The survey pages: the public link, staff entering answers, results for each role, CSVs,
question locking on the page, and query counts."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.surveys import services
from roadahead.surveys.enums import Group, Kind, Method, YesNo
from roadahead.surveys.models import Answer, Response
from roadahead.surveys.selectors import links
from tests.surveys.helpers import answer, make_survey, question

pytestmark = pytest.mark.django_db

BASE = "/s/oakfield/surveys/"


def _as(client, member):
    client.force_login(member.user)
    return client


def _public_url(survey, group=Group.FAMILIES):
    return f"/survey/{links(survey=survey)[group].token}/"


# ## The public link ##

def test_family_answers_through_the_link_without_signing_in(client, world):
    survey = make_survey(world)
    rating = question(survey, Group.FAMILIES)
    text = question(survey, Group.FAMILIES, Kind.TEXT)
    url = _public_url(survey)
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert rating.text in body
    assert question(survey, Group.STAFF).text not in body  # only the families' questions
    assert "noindex" in body
    assert page["Referrer-Policy"] == "no-referrer"
    assert page["Cache-Control"] == "no-store"
    assert "oakfield" not in url
    sent = client.post(url, {f"q{rating.pk}": "4", f"q{text.pk}": "Please run more college visits"},
                       REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Tester")
    assert "Thank you" in sent.content.decode()
    response = Response.objects.get(survey=survey)
    assert (response.group, response.method) == (Group.FAMILIES, Method.ONLINE)
    stored = " ".join(str(v) for v in Response.objects.filter(pk=response.pk).values().first().values())
    assert "203.0.113.9" not in stored
    assert "Tester" not in stored
    assert Answer.objects.filter(response=response, rating=4).exists()


def test_public_form_checks_the_csrf_token(world):
    from django.test import Client
    survey = make_survey(world)
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(_public_url(survey), {f"q{question(survey, Group.FAMILIES).pk}": "4"}).status_code == 403
    assert not Response.objects.filter(survey=survey).exists()


def test_unknown_or_closed_link_is_404_and_names_no_school(client, world):
    survey = make_survey(world)
    unknown = client.get("/survey/not-a-real-token/")
    assert unknown.status_code == 404
    assert "This survey is not open" in unknown.content.decode()
    url = _public_url(survey)
    services.update_survey(survey=survey, by=None, title=survey.title, opens_on=survey.opens_on,
                           closes_on=survey.closes_on, is_open=False)
    closed = client.get(url)
    assert closed.status_code == 404
    assert "Oakfield" not in closed.content.decode()
    assert client.post(url, {}).status_code == 404


def test_link_stops_working_after_the_closing_date(client, world):
    import datetime as dt
    survey = make_survey(world, opens_on=dt.date(2026, 2, 1), closes_on=dt.date(2026, 3, 9))
    assert client.get(_public_url(survey)).status_code == 404


def test_invalid_answer_is_refused_with_a_plain_message_and_nothing_written(client, world):
    survey = make_survey(world)
    rating = question(survey, Group.FAMILIES)
    page = client.post(_public_url(survey), {f"q{rating.pk}": "9"})
    assert page.status_code == 200
    assert "Choose one of the answers shown." in page.content.decode()
    empty = client.post(_public_url(survey), {})
    assert "Answer at least one question before sending." in empty.content.decode()
    assert not Response.objects.filter(survey=survey).exists()


# ## Staff entering answers ##

def test_adviser_enters_a_pupils_answers_given_with_symbols(client, world):
    survey = make_survey(world)
    yes_no = question(survey, Group.PUPILS, Kind.YES_NO)
    _as(client, world.adviser)
    page = client.get(f"{BASE}{survey.pk}/answer/pupils/")
    assert yes_no.text in page.content.decode()
    done = client.post(f"{BASE}{survey.pk}/answer/pupils/", {"method": Method.SYMBOLS, f"q{yes_no.pk}": YesNo.YES})
    assert done.status_code == 302
    response = Response.objects.get(survey=survey)
    assert (response.group, response.method) == (Group.PUPILS, Method.SYMBOLS)
    missing = client.post(f"{BASE}{survey.pk}/answer/pupils/", {f"q{yes_no.pk}": YesNo.YES})
    assert "How were the answers given?" in missing.content.decode()
    assert Response.objects.filter(survey=survey).count() == 1


def test_unknown_group_is_404(client, world):
    survey = make_survey(world)
    assert _as(client, world.class_teacher).get(f"{BASE}{survey.pk}/answer/governors/").status_code == 404


# ## Results for each role ##

def _answered(world):
    survey = make_survey(world)
    staff = question(survey, Group.STAFF)
    answer(survey, Group.STAFF, {staff: 4, question(survey, Group.STAFF, Kind.TEXT): "Need more training time"},
           times=6)
    answer(survey, Group.EMPLOYERS, {question(survey, Group.EMPLOYERS): 2}, times=3)
    return survey


def test_careers_leader_sees_small_groups_and_comments(client, world):
    survey = _answered(world)
    page = _as(client, world.careers_leader).get(f"{BASE}{survey.pk}/").content.decode()
    assert "Need more training time" in page
    assert "Fewer than 5 responses" not in page
    assert "<svg" in page
    assert 'id="table-staff"' in page


def test_governor_sees_small_groups_withheld_and_no_comments(client, world):
    survey = _answered(world)
    page = _as(client, world.leader).get(f"{BASE}{survey.pk}/").content.decode()
    assert "Need more training time" not in page
    assert "Fewer than 5 responses" in page
    assert "Download the summary (CSV)" in page
    assert "Download every response" not in page


def test_class_teacher_reads_results_without_comments(client, world):
    survey = _answered(world)
    page = _as(client, world.class_teacher).get(f"{BASE}{survey.pk}/").content.decode()
    assert "Need more training time" not in page
    assert "Fewer than 5 responses" not in page
    assert "Download the summary" not in page


def test_summary_csv_withholds_small_groups_for_the_governor(client, world):
    survey = _answered(world)
    rows = list(csv.DictReader(io.StringIO(_as(client, world.leader).get(
        f"{BASE}{survey.pk}/summary.csv").content.decode())))
    employers = [r for r in rows if r["group"] == "Employers and providers"]
    assert employers
    assert all(r["average_rating"] == "" and r["note"] == "Fewer than 5 responses" for r in employers)
    staff = next(r for r in rows if r["group"] == "Staff" and r["question"] == question(survey, Group.STAFF).text)
    assert staff["average_rating"] == "4.0"
    assert staff["percent_positive"] == "100"


def test_responses_csv_is_anonymous_and_formula_safe(client, world):
    survey = make_survey(world)
    text = question(survey, Group.FAMILIES, Kind.TEXT)
    answer(survey, Group.FAMILIES, {text: "=HYPERLINK(\"x\")"})
    content = _as(client, world.careers_leader).get(f"{BASE}{survey.pk}/responses.csv").content.decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:4] == ["response", "group", "how_given", "answered_on"]
    assert "'=HYPERLINK(\"x\")" in rows[1]
    assert rows[1][1] == "Parents and carers"


def test_trend_page_has_a_chart_and_table(client, world):
    _answered(world)
    page = _as(client, world.leader).get(f"{BASE}trend/").content.decode()
    assert "<svg" in page
    assert 'id="trend"' in page
    assert "2025/26" in page


# ## Managing ##

def test_careers_leader_starts_a_survey_from_the_page(client, world):
    _as(client, world.careers_leader)
    done = client.post(f"{BASE}new/", {"title": "Our review", "academic_year": "2025", "opens_on": "01/03/2026",
                                       "closes_on": "31/03/2026"})
    assert done.status_code == 302
    page = client.get(done["Location"]).content.decode()
    assert "Did you enjoy learning about jobs this year?" in page
    links_page = client.get(done["Location"].replace("questions/", "links/")).content.decode()
    assert links_page.count("http://testserver/survey/") == 4


def test_locked_question_shows_it_and_refuses_new_wording(client, world):
    survey = make_survey(world)
    rating = question(survey, Group.STAFF)
    answer(survey, Group.STAFF, {rating: 3})
    _as(client, world.careers_leader)
    url = f"{BASE}{survey.pk}/questions/{rating.pk}/"
    assert "already answered this question" in client.get(url).content.decode()
    client.post(url, {"text": "Changed", "kind": Kind.TEXT, "groups": ["pupils"], "order": "3"})
    rating.refresh_from_db()
    assert rating.text != "Changed"
    assert rating.kind == Kind.RATING
    assert rating.order == 3
    assert not rating.is_active


def test_other_schools_survey_is_404(client, world, other_world):
    theirs = make_survey(other_world)
    assert _as(client, world.careers_leader).get(f"{BASE}{theirs.pk}/").status_code == 404


# ## Query counts ##

def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["detail", "list", "trend"])
def test_query_count_does_not_grow_with_responses(client, world, page):
    survey = make_survey(world)
    url = {"detail": f"{BASE}{survey.pk}/", "list": BASE, "trend": f"{BASE}trend/"}[page]
    answer(survey, Group.STAFF, {question(survey, Group.STAFF): 4})
    _as(client, world.careers_leader)
    client.get(url)
    one = _count(client, url)
    for group in Group.values:
        rating = question(survey, group, Kind.YES_NO)
        text = question(survey, group, Kind.TEXT)
        answer(survey, group, {rating: YesNo.YES, text: "Good"}, times=8)
    assert _count(client, url) == one


def test_list_withholds_small_counts_for_the_governor_only(client, world):
    _answered(world)
    governor = _as(client, world.leader).get(BASE).content.decode()
    assert "Fewer than 5" in governor
    assert "Enter answers" not in governor
    leader = _as(client, world.careers_leader).get(BASE).content.decode()
    assert "Fewer than 5" not in leader
