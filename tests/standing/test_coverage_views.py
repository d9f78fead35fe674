"""The coverage pages as each member sees them: numbers, charts, tables and the pupils behind them."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from defusedxml.ElementTree import fromstring
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.activities.enums import Attendance
from roadahead.activities.services import ensure_activity_types
from roadahead.people.models import Pupil
from tests import factories
from tests.standing.test_coverage import activity, equity_world

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
BASE = "/s/oakfield/coverage/"


class Tables(HTMLParser):
    """Every table's rows as lists of cell texts, and the links in each cell."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.links: list[list[list[list[str]]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
            self.links.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
            self.links[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []
            self.links[-1][-1].append([])
        elif tag == "a" and self._cell is not None:
            self.links[-1][-1][-1].append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(response) -> Tables:
    parser = Tables()
    parser.feed(response.content.decode())
    return parser


def svgs(response):
    return [fromstring(m) for m in re.findall(r"<svg .*?</svg>", response.content.decode(), re.S)]


def coverage_world(world):
    ensure_activity_types(school=world.school)
    p = world.pupils
    activity(world, dt.date(2025, 10, 1), [5], {p[0]: Attendance.ATTENDED, p[1]: Attendance.PART,
                                               p[2]: Attendance.ABSENT})
    activity(world, dt.date(2026, 1, 20), [6], {p[0]: Attendance.ATTENDED})
    activity(world, dt.date(2025, 6, 1), [6], {p[3]: Attendance.ATTENDED})  # last year


def test_overview_table_and_chart_show_the_same_numbers(leader_client, world):
    coverage_world(world)
    response = leader_client.get(BASE)
    assert response.status_code == 200
    rows = {r[0]: r[1:] for r in tables(response).tables[0][1:]}
    five = next(v for k, v in rows.items() if k.startswith("5."))
    six = next(v for k, v in rows.items() if k.startswith("6."))
    assert five[:4] == ["2 pupils with evidence for benchmark 5", "2 pupils without evidence for benchmark 5", "4",
                        "50%"]
    assert six[0].startswith("1 ")
    assert six[3] == "25%"
    (chart,) = svgs(response)
    assert chart.get("role") == "img"
    assert chart.find(f"{SVG}title").text == "Share of pupils with evidence for each benchmark"
    texts = [t.text for t in chart.iter(f"{SVG}text")]
    assert "50% (2 of 4)" in texts
    assert "25% (1 of 4)" in texts
    assert texts.count("0% (0 of 4)") == 6


def test_overview_for_last_year_and_a_term(leader_client, world):
    coverage_world(world)
    last = {r[0][:2]: r for r in tables(leader_client.get(BASE, {"period": "last_year"})).tables[0][1:]}
    assert last["6."][1].startswith("1 ")
    autumn = {r[0][:2]: r for r in tables(leader_client.get(BASE, {"period": "term-2025-autumn"})).tables[0][1:]}
    assert autumn["5."][1].startswith("2 ")
    assert autumn["6."][1].startswith("0 ")


def test_overview_custom_dates_need_both_ends_in_order(leader_client, world):
    coverage_world(world)
    response = leader_client.get(BASE, {"period": "custom", "start": "01/02/2026", "end": "01/01/2026"})
    assert "The last day must be the same as or after the first day." in response.content.decode()
    response = leader_client.get(BASE, {"period": "custom", "start": "01/01/2026", "end": "31/01/2026"})
    rows = {r[0][:2]: r for r in tables(response).tables[0][1:]}
    assert rows["6."][1].startswith("1 ")
    assert rows["5."][1].startswith("0 ")


def test_overview_cohort_filters_count_only_matching_pupils(leader_client, world):
    coverage_world(world)
    Pupil.objects.filter(pk=world.pupils[1].pk).update(looked_after=True)
    response = leader_client.get(BASE, {"lac": "yes"})
    rows = {r[0][:2]: r for r in tables(response).tables[0][1:]}
    assert rows["5."][1:5] == ["1 pupils with evidence for benchmark 5", "0 pupils without evidence for benchmark 5",
                               "1", "100%"]
    response = leader_client.get(BASE, {"class_group": world.class_group.pk})  # pupils 0 and 2
    rows = {r[0][:2]: r for r in tables(response).tables[0][1:]}
    assert rows["5."][3:5] == ["2", "50%"]


@pytest.mark.parametrize(("role", "size"), [("careers_leader", 4), ("leader", 4), ("class_teacher", 2),
                                            ("adviser", 1)])
def test_overview_counts_only_the_pupils_each_member_may_see(client, world, role, size):
    coverage_world(world)
    client.force_login(getattr(world, role).user)
    response = client.get(BASE)
    rows = {r[0][:2]: r for r in tables(response).tables[0][1:]}
    assert rows["5."][3] == str(size)


def test_another_schools_coverage_is_not_found(client, world, other_world):
    client.force_login(other_world.careers_leader.user)
    for url in (BASE, BASE + "trend/", BASE + "equity/", BASE + "benchmark/5/"):
        assert client.get(url).status_code == 404


def test_drill_down_lists_exactly_the_pupils_behind_each_number(leader_client, world):
    coverage_world(world)
    found = tables(leader_client.get(BASE))
    five = next(i for i, row in enumerate(found.tables[0]) if row and row[0].startswith("5."))
    with_url, without_url = found.links[0][five][1][0], found.links[0][five][2][0]
    p = world.pupils
    response = leader_client.get(with_url)
    assert [row[0] for row in tables(response).tables[0][1:]] == sorted(f"{x.surname}, {x.forename}" for x in p[:2])
    assert "2 pupils" in response.content.decode()
    without = leader_client.get(without_url)
    assert [row[0] for row in tables(without).tables[0][1:]] == sorted(f"{x.surname}, {x.forename}" for x in p[2:])


def test_drill_down_for_a_class_teacher_names_only_their_pupils(client, world):
    coverage_world(world)
    client.force_login(world.class_teacher.user)
    response = client.get(BASE + "benchmark/5/", {"evidence": "with"})
    names = [row[0] for row in tables(response).tables[0][1:]]
    assert names == [f"{world.pupils[0].surname}, {world.pupils[0].forename}"]


def test_drill_down_of_an_unknown_benchmark_is_not_found(leader_client, world):
    coverage_world(world)
    assert leader_client.get(BASE + "benchmark/9/").status_code == 404


def test_equity_view_shows_gaps_and_suppresses_small_groups(leader_client, world):
    equity_world(world)
    response = leader_client.get(BASE + "equity/", {"by": "sex"})
    found = tables(response)
    five = found.tables[4]  # the fifth benchmark's table
    assert five[0][0] == "Sex"
    by_group = {r[0]: r[1:] for r in five[1:]}
    assert by_group["Female"][0] == "6"
    assert by_group["Female"][1].startswith("3 ")
    assert by_group["Female"][3] == "50%"
    assert by_group["Female"][4] == "6 points higher"  # 50% against 44% (4 of 9)
    assert by_group["Male"] == ["Fewer than 5 pupils"]
    assert by_group["All pupils"][:4] == ["9", "4", "5", "44%"]
    chart = svgs(response)[4]
    texts = [t.text for t in chart.iter(f"{SVG}text")]
    assert "50% (3 of 6)" in texts
    assert "fewer than 5 pupils: not shown" in texts
    assert "1 of 3" not in " ".join(texts)


def test_equity_drill_down_lists_the_group_and_refuses_small_ones(leader_client, world):
    girls, _boys = equity_world(world)
    response = leader_client.get(BASE + "benchmark/5/", {"evidence": "with", "by": "sex", "group": "F"})
    names = [row[0] for row in tables(response).tables[0][1:]]
    assert names == sorted(f"{x.surname}, {x.forename}" for x in girls[:3])
    small = leader_client.get(BASE + "benchmark/5/", {"evidence": "with", "by": "sex", "group": "M"})
    assert "This group has fewer than 5 pupils, so it is not shown." in small.content.decode()
    assert not tables(small).tables


def test_trend_page_has_a_chart_per_benchmark_and_a_table_with_links(leader_client, world):
    coverage_world(world)
    response = leader_client.get(BASE + "trend/")
    charts = svgs(response)
    assert len(charts) == 8
    assert charts[4].find(f"{SVG}title").text == "Benchmark 5: share of pupils with evidence in each term"
    found = tables(response)
    table = found.tables[-1]
    rows = {r[0]: r[1:] for r in table[1:]}
    assert list(rows)[-2:] == ["Autumn 2025/26", "Spring 2025/26"]
    assert rows["Autumn 2025/26"][0] == "4"
    assert rows["Autumn 2025/26"][5].startswith("50% (2")
    assert rows["Spring 2025/26"][6].startswith("25% (1")
    # The spring number opens the pupils of the spring term so far.
    spring_links = found.links[-1][list(rows).index("Spring 2025/26") + 1]
    query = parse_qs(urlsplit(spring_links[7][0]).query)
    assert query["start"] == ["2026-01-01"]
    assert query["end"] == ["2026-03-10"]
    drill = leader_client.get(spring_links[7][0])
    assert [r[0] for r in tables(drill).tables[0][1:]] == [f"{world.pupils[0].surname}, {world.pupils[0].forename}"]


@pytest.mark.parametrize("page", ["", "trend/", "equity/", "benchmark/5/"])
def test_coverage_pages_run_the_same_queries_for_1_or_200_pupils(leader_client, world, page):
    ensure_activity_types(school=world.school)
    Pupil.objects.filter(pk__in=[p.pk for p in world.pupils[1:]]).delete()
    activity(world, dt.date(2025, 10, 1), [5], {world.pupils[0]: Attendance.ATTENDED})
    leader_client.get(BASE + page)  # the first request of a session does its own bookkeeping
    with CaptureQueriesContext(connection) as few:
        assert leader_client.get(BASE + page).status_code == 200
    extra = [factories.PupilFactory(school=world.school, upn=f"Z{i:012d}") for i in range(199)]
    activity(world, dt.date(2025, 11, 1), [5, 6], dict.fromkeys(extra, Attendance.PART))
    with CaptureQueriesContext(connection) as many:
        response = leader_client.get(BASE + page)
    assert response.status_code == 200
    assert len(few) == len(many)
