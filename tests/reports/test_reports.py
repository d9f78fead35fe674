"""The four reports as pages and PDFs: the figures they print, small groups withheld, no pupil named
in the school-wide reports, the pupil record's visibility and audit, and queries that do not grow
with the number of pupils."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadahead.audit.models import AuditEntry
from roadahead.destinations.models import Destination
from roadahead.guidance.models import GuidanceMeeting
from roadahead.profiles.models import TransitionPlan
from roadahead.schools.models import DestinationCategory
from roadahead.surveys import services
from roadahead.surveys.enums import Group, Kind
from tests import factories
from tests.pdf_support import pdf_info, pdf_pages, pdf_text
from tests.reports.helpers import TODAY, add_pupils, encounter, evaluation, set_up
from tests.surveys.helpers import answer, make_survey, question

pytestmark = pytest.mark.django_db

CANARY = "Zanzibarqueen"


def _url(world, name: str, **kwargs) -> str:
    return reverse(f"reports:{name}", kwargs={"school_slug": world.school.slug, **kwargs})


def _as(client, membership):
    client.force_login(membership.user)
    return client


def _pdf(client, url: str) -> str:
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    pages = pdf_pages(response.content)
    assert pages
    assert all(page.startswith(b"\x89PNG") for page in pages)
    return pdf_text(response.content)


def _line(text: str, label: str, *, last: bool = False) -> str:
    """The first (or last) line of a PDF's text that starts with `label` (after the layout's indent)."""
    found = [line.strip() for line in text.splitlines() if line.strip().startswith(label)]
    assert found, f"no line starts with {label!r}"
    return found[-1] if last else found[0]


def _rows(html: str, table_id: str) -> list[str]:
    """Each row of a table on a page, as its cells' words."""
    table = html.split(f'id="{table_id}"')[1].split("</table>", maxsplit=1)[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)]


def _busy_school(world) -> None:
    """The world's four Year 10 pupils plus five more, an employer encounter for five of them, two
    evaluations, a pupil named with the canary, and a leaver with a destination."""
    set_up(world)
    more = add_pupils(world, 5, surname=CANARY)
    encounter(world, TODAY.replace(day=2), [*world.pupils[:1], *more[:4]])
    encounter(world, TODAY.replace(day=3), more[:2], code="provider-encounter", title="College taster talk")
    evaluation(world, term="autumn", achieve=(1,))
    evaluation(world, achieve=(1, 2))
    leaver = factories.PupilFactory(school=world.school, legal_surname=CANARY, date_left=TODAY.replace(year=2025,
                                                                                                        month=7))
    category = DestinationCategory.objects.create(school=world.school, code="college", name="College",
                                                  nccis_code="230")
    Destination.objects.create(school=world.school, pupil=leaver, category=category)


# ## The governors' termly report ###################################################################

def test_governors_pdf_gives_this_terms_figures(client, world):
    _busy_school(world)
    text = _pdf(_as(client, world.careers_leader), _url(world, "governors_pdf"))
    assert "Governors' termly report: Spring 2025/26" in text
    for heading in ("The benchmarks this term", "Trend across terms", "Where pupils stand against the targets",
                    "Provider encounters by key phase", "Where the last leavers went", "Gaps between groups",
                    "The action plan"):
        assert heading in text
    # 2 of 8 benchmarks this term: BM2 went from 0% to 100%.
    assert re.search(r"2\. Learning from career and labour market(\s+information)?\s+100%\s+0%\s+\+100", text)
    assert "9 pupils on roll" in text
    assert "5 of 9" in _line(text, "A meaningful employer encounter every")
    assert "All pupils in Year 10" in text
    assert "56% (5 of 9)" in _line(text, "All pupils in Year 10")
    assert "Autumn 2025/26" in text


def test_governors_report_withholds_groups_under_five(client, world):
    set_up(world)
    looked_after = add_pupils(world, 4, looked_after=True)
    encounter(world, TODAY.replace(day=2), looked_after[:1])
    client = _as(client, world.leader)
    text = _pdf(client, _url(world, "governors_pdf"))
    assert _line(text, "Looked after").split(None, 2)[-1].startswith("fewer than 5 pupils")
    page = client.get(_url(world, "governors")).content.decode()
    assert "25% (1 of 4)" not in page
    assert "fewer than 5 pupils" in page

    add_pupils(world, 1, looked_after=True)
    text = _pdf(client, _url(world, "governors_pdf"))
    assert "20% (1 of 5)" in _line(text, "Looked after")


def test_governors_report_withholds_small_groups_from_the_careers_leader_too(client, world):
    set_up(world)  # the world's four pupils: every group is under five
    text = _pdf(_as(client, world.careers_leader), _url(world, "governors_pdf"))
    assert "fewer than 5 pupils" in _line(text, "All pupils in Year 10")
    assert "(0 of 4)" not in text


def test_governors_report_summarises_this_years_stakeholder_survey(client, world):
    set_up(world)
    page = _as(client, world.leader).get(_url(world, "governors")).content.decode()
    assert "No stakeholder survey has been run this academic year." in page

    survey = make_survey(world)
    families, staff = question(survey, Group.FAMILIES), question(survey, Group.STAFF)
    answer(survey, Group.FAMILIES, {families: 5}, times=4)
    answer(survey, Group.FAMILIES, {families: 3})
    answer(survey, Group.STAFF, {staff: 4}, times=3)
    comment = next(q for q in services.questions_for(survey=survey, group=Group.FAMILIES) if q.kind == Kind.TEXT)
    answer(survey, Group.FAMILIES, {comment: "Written by a parent: canary remark"})
    text = _pdf(client, _url(world, "governors_pdf"))
    assert "What pupils, families, employers and staff told us" in text
    # Six families answered (five rated the question: four 5s and a 3); three staff are withheld.
    assert _line(text, "Parents and carers").split()[-1] == "6"
    assert "fewer than 5 responses" in _line(text, "Staff")
    assert re.search(r"4\.6\s+80%", " ".join(text.split()))
    assert "canary remark" not in text


def test_governors_report_for_a_chosen_term(client, world):
    _busy_school(world)
    page = _as(client, world.leader).get(_url(world, "governors"), {"year": 2025, "term": "autumn"})
    html = page.content.decode()
    assert "Autumn 2025/26: figures from" in html
    assert "Spring 2025/26" not in html.split('id="trend-table"')[1].split("</table>")[0]


def test_school_wide_reports_name_no_pupil(client, world):
    _busy_school(world)
    client = _as(client, world.careers_leader)
    for name in ("governors", "ofsted"):
        assert CANARY not in client.get(_url(world, name)).content.decode()
        assert CANARY not in _pdf(client, _url(world, f"{name}_pdf"))


def test_governors_report_is_a_tagged_pdf_titled_for_screen_readers(client, world):
    set_up(world)
    response = _as(client, world.careers_leader).get(_url(world, "governors_pdf"))
    info = pdf_info(response.content)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Governors' termly report"


# ## The Ofsted evidence pack ###########################################################################

def test_ofsted_pdf_answers_an_inspectors_questions(client, world):
    _busy_school(world)
    world.school.careers_leader_name = "Robin Careers"
    world.school.save()
    text = _pdf(_as(client, world.careers_leader), _url(world, "ofsted_pdf"))
    assert "Ofsted evidence pack: 2025/26" in text
    assert "Robin Careers" in text
    for heading in ("Self-evaluation against the benchmarks", "Benchmark coverage by year group",
                    "Provider encounters this year", "Guidance meetings by year group",
                    "Work experience and placements by year group", "Staff careers training",
                    "Labour market information", "Careers in the curriculum", "Destinations"):
        assert heading in text
    assert "College taster talk" in text
    assert "Year 10" in _line(text, "Year 10")
    assert "The latest self-evaluation: Spring 2025/26." in text


def test_ofsted_pack_as_of_an_earlier_day(client, world):
    _busy_school(world)
    html = _as(client, world.leader).get(_url(world, "ofsted"), {"year": 2025, "as_of": "01/03/2026"}).content.decode()
    assert "records from 1 September 2025 to 1 March 2026" in html
    assert "College taster talk" not in html  # on 3 March


# ## A pupil's careers record ###########################################################################

def test_pupil_record_pdf_tells_the_pupils_story(client, world):
    set_up(world)
    pupil = world.pupils[0]
    encounter(world, TODAY.replace(day=2), [pupil], title="Bakery visit")
    encounter(world, TODAY.replace(year=2025, month=2, day=5), [pupil], title="Garden centre tour")
    GuidanceMeeting.objects.create(school=world.school, pupil=pupil, adviser=world.adviser, date=TODAY,
                                   discussed="Talked about working with animals")
    text = _pdf(_as(client, world.careers_leader), _url(world, "pupil_pdf", pupil_pk=pupil.pk))
    assert "Careers record" in text
    assert pupil.display_name in text
    assert "2025/26 (Year 10)" in text
    assert "Bakery visit" in text
    assert "2024/25" in text
    assert "Garden centre tour" in text
    assert "Where they stand now" in text
    assert "Talked about working with animals" in text


def test_pupil_record_is_audited_as_a_read_of_the_pupil(client, world):
    pupil = world.pupils[0]
    client = _as(client, world.careers_leader)
    client.get(_url(world, "pupil", pupil_pk=pupil.pk))
    client.get(_url(world, "pupil_pdf", pupil_pk=pupil.pk))
    actions = list(AuditEntry.objects.filter(school=world.school, pupil_id=pupil.pk).values_list("action", flat=True))
    assert actions.count("pupil.careers_record_viewed") == 1
    assert actions.count("pupil.careers_record_printed") == 1


def test_pupil_record_is_hidden_from_members_who_may_not_see_the_pupil(client, world, other_world):
    outside_class = next(p for p in world.pupils if p not in world.class_pupils)
    not_assigned = world.pupils[1]
    cases = [(world.class_teacher, outside_class), (world.adviser, not_assigned),
             (world.careers_leader, other_world.pupils[0])]
    for member, pupil in cases:
        client = _as(client, member)
        for name in ("pupil", "pupil_pdf"):
            assert client.get(_url(world, name, pupil_pk=pupil.pk)).status_code == 404
    assert not AuditEntry.objects.filter(action__startswith="pupil.careers_record").exists()


def test_pupil_record_shows_a_governor_only_what_the_pupil_page_does(client, world):
    pupil = world.pupils[0]
    GuidanceMeeting.objects.create(school=world.school, pupil=pupil, adviser=world.adviser, date=TODAY,
                                   discussed="Worried about the bus")
    governor = _as(client, world.leader).get(_url(world, "pupil", pupil_pk=pupil.pk)).content.decode()
    assert "Where they stand now" in governor
    assert "Guidance meetings and agreed actions" not in governor
    assert "Worried about the bus" not in governor
    leader = _as(client, world.careers_leader).get(_url(world, "pupil", pupil_pk=pupil.pk)).content.decode()
    assert "Worried about the bus" in leader


def test_pupil_page_links_to_the_careers_record(client, world):
    pupil = world.pupils[0]
    html = _as(client, world.adviser).get(reverse("people:pupil_detail", kwargs={
        "school_slug": world.school.slug, "pk": pupil.pk})).content.decode()
    assert _url(world, "pupil", pupil_pk=pupil.pk) in html


# ## The cohort summary #############################################################################

def test_cohort_pdf_gives_the_cohorts_figures(client, world):
    _busy_school(world)
    text = _pdf(_as(client, world.careers_leader), _url(world, "cohort_pdf") + "?year_from=10&year_to=10")
    assert "Cohort summary: Year 10" in text
    assert "Year 10: 9 pupils on roll" in text
    for heading in ("Benchmark coverage this year", "Where they stand against the targets",
                    "Provider encounters by key phase", "Skills progress this year", "Intended destinations"):
        assert heading in text
    assert "56% (5 of 9)" in _line(text, "5. Encounters with employers")


def test_cohort_summary_withholds_small_groups_for_senior_leaders_only(client, world):
    set_up(world)  # four pupils in Year 10
    query = {"year_from": "10", "year_to": "10"}
    governor = _as(client, world.leader).get(_url(world, "cohort"), query).content.decode()
    assert "fewer than 5 pupils" in governor
    assert "(0 of 4)" not in governor
    careers_leader = _as(client, world.careers_leader).get(_url(world, "cohort"), query).content.decode()
    assert "(0 of 4)" in careers_leader
    assert "This cohort has fewer than" not in careers_leader


def test_cohort_summary_counts_only_a_teachers_own_pupils(client, world):
    set_up(world)
    html = _as(client, world.class_teacher).get(_url(world, "cohort")).content.decode()
    assert f"{len(world.class_pupils)} pupils on roll" in html


# ## Queries ########################################################################################

def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["governors", "cohort"])
def test_report_queries_do_not_grow_with_pupils(client, world, name):
    set_up(world)
    client = _as(client, world.careers_leader)
    few = add_pupils(world, 1, looked_after=True)
    encounter(world, TODAY.replace(day=2), few)
    url = _url(world, name)
    client.get(url)  # warm caches (content types, sessions)
    one = _queries(client, url)
    many = add_pupils(world, 29, looked_after=True)
    encounter(world, TODAY.replace(day=4), many)
    assert _queries(client, url) == one


def test_index_says_what_each_report_is_for(client, world):
    html = _as(client, world.leader).get(_url(world, "index")).content.decode()
    for title in ("Governors' termly report", "Ofsted evidence pack", "Cohort summary", "A pupil's careers record"):
        assert title in html
    adviser = _as(client, world.adviser).get(_url(world, "index")).content.decode()
    assert "Governors' termly report" not in adviser
    assert "a pupil assigned to you" in adviser


def test_governors_report_counts_provider_encounters_by_key_phase(client, world):
    set_up(world)
    more = add_pupils(world, 5)
    for day in (3, 5):
        encounter(world, TODAY.replace(day=day), [*world.pupils[:2], *more[:3]], code="provider-encounter",
                  title="Apprenticeship provider talk", pal=True)
    text = _pdf(_as(client, world.leader), _url(world, "governors_pdf"))
    line = _line(text, "Provider access: key phase 2", last=True)  # the table's, after the chart's
    assert re.search(r"9\s+56% \(5 of 9\)\s+2$", line)


def test_ofsted_pack_counts_guidance_meetings_by_year_group(client, world):
    set_up(world)
    year_8 = add_pupils(world, 5, nc_year="8")
    for pupil in year_8[:3]:
        GuidanceMeeting.objects.create(school=world.school, pupil=pupil, adviser=world.adviser, date=TODAY)
    GuidanceMeeting.objects.create(school=world.school, pupil=world.pupils[0], adviser=world.adviser, date=TODAY)
    html = _as(client, world.careers_leader).get(_url(world, "ofsted")).content.decode()
    rows = _rows(html, "guidance-table")
    assert "Year 8 5 60% (3 of 5) 3" in rows
    assert "Year 10 fewer than 5 pupils fewer than 5 pupils fewer than 5 pupils" in rows


def test_cohort_summary_counts_intended_destinations(client, world):
    set_up(world)
    more = add_pupils(world, 6)
    college = DestinationCategory.objects.create(school=world.school, code="college", name="Specialist college",
                                                 nccis_code="280")
    for pupil in more[:4]:
        TransitionPlan.objects.create(school=world.school, pupil=pupil, start_year=2025, pupil_category=college,
                                      reviewed_on=TODAY)
    html = _as(client, world.careers_leader).get(_url(world, "cohort")).content.decode()
    assert "Pupils with an intended destination recorded: 40% (4 of 10)." in html
    table = html.split('id="destinations-table"')[1].split("</table>")[0]
    assert "Specialist college" in table
    assert "40% (4 of 10)" in table
