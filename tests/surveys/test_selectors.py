"""Results: counts, averages, shares, last year's comparison, the trend and the year summary,
with small groups withheld for governors and shown to the careers leader."""

from __future__ import annotations

import datetime as dt

import pytest

from roadahead.surveys import selectors
from roadahead.surveys.enums import Group, Kind, YesNo
from tests.surveys.helpers import answer, make_survey, question

pytestmark = pytest.mark.django_db


def _group(found, group):
    return next(g for g in found.groups if g.group == group)


def _row(found, group, q):
    return next(r for r in _group(found, group).questions if r.question.pk == q.pk)


def test_average_share_and_counts_per_question(world):
    survey = make_survey(world)
    rating = question(survey, Group.STAFF)
    yes_no = question(survey, Group.STAFF, Kind.YES_NO)
    for value in (5, 4, 4, 2, 1, 3):
        answer(survey, Group.STAFF, {rating: value, yes_no: YesNo.YES if value >= 3 else YesNo.NO})
    found = selectors.results(survey=survey, suppress=False, with_comments=True)
    row = _row(found, Group.STAFF, rating)
    assert row.figures.average == round(19 / 6, 2)
    assert row.figures.percent_positive == 50
    assert dict(row.figures.counts)["4: Good"] == 2
    assert _row(found, Group.STAFF, yes_no).figures.percent_positive == round(4 / 6 * 100)
    assert _group(found, Group.STAFF).responses == 6
    assert _group(found, Group.PUPILS).responses == 0


def test_small_group_is_withheld_for_governors_but_not_for_the_careers_leader(world):
    survey = make_survey(world)
    rating = question(survey, Group.EMPLOYERS)
    answer(survey, Group.EMPLOYERS, {rating: 5}, times=4)
    hidden = selectors.results(survey=survey, suppress=True, with_comments=False)
    assert _group(hidden, Group.EMPLOYERS).suppressed
    assert _row(hidden, Group.EMPLOYERS, rating).figures is None
    shown = selectors.results(survey=survey, suppress=False, with_comments=True)
    assert _row(shown, Group.EMPLOYERS, rating).figures.average == 5
    answer(survey, Group.EMPLOYERS, {rating: 3})
    five = selectors.results(survey=survey, suppress=True, with_comments=False)
    assert not _group(five, Group.EMPLOYERS).suppressed
    assert _row(five, Group.EMPLOYERS, rating).figures.average == 4.6


def test_comments_only_when_asked_for(world):
    survey = make_survey(world)
    text = question(survey, Group.FAMILIES, Kind.TEXT)
    answer(survey, Group.FAMILIES, {text: "More college visits"})
    assert _row(selectors.results(survey=survey, suppress=False, with_comments=True), Group.FAMILIES,
                text).comments == ("More college visits",)
    assert _row(selectors.results(survey=survey, suppress=False, with_comments=False), Group.FAMILIES,
                text).comments == ()


def test_compared_with_last_year_where_the_wording_matches(world):
    before = make_survey(world, start_year=2024, opens_on=dt.date(2025, 6, 1), closes_on=dt.date(2025, 6, 30))
    old = question(before, Group.STAFF)
    answer(before, Group.STAFF, {old: 2}, times=5)
    now = make_survey(world)
    same = next(q for q in now.questions.all() if q.text == old.text)
    answer(now, Group.STAFF, {same: 5}, times=5)
    from roadahead.surveys import services
    new = services.add_question(survey=now, by=None, text="A brand new question", kind=Kind.RATING,
                                groups=[Group.STAFF])
    found = selectors.results(survey=now, suppress=False, with_comments=False)
    assert found.last_year == before
    compared = _row(found, Group.STAFF, same)
    assert compared.last_year.average == 2
    assert compared.last_year.percent_positive == 0
    assert compared.figures.percent_positive == 100
    assert _row(found, Group.STAFF, new).last_year is None


def test_trend_by_year_and_group(world):
    before = make_survey(world, start_year=2024, opens_on=dt.date(2025, 6, 1), closes_on=dt.date(2025, 6, 30))
    answer(before, Group.STAFF, {question(before, Group.STAFF): 2}, times=5)
    answer(before, Group.FAMILIES, {question(before, Group.FAMILIES): 5}, times=2)
    now = make_survey(world)
    answer(now, Group.STAFF, {question(now, Group.STAFF): 4}, times=6)
    years = selectors.trend(school=world.school, suppress=True)
    assert [y.label for y in years] == ["2024/25", "2025/26"]
    assert years[0].cells[Group.STAFF].percent_positive == 0
    assert years[1].cells[Group.STAFF].percent_positive == 100
    assert years[0].cells[Group.FAMILIES].suppressed
    assert years[0].cells[Group.FAMILIES].average is None
    assert selectors.trend(school=world.school, suppress=False)[0].cells[Group.FAMILIES].average == 5


def test_year_summary_for_reports(world, other_world):
    year = world.class_group.academic_year
    assert selectors.year_summary(school=world.school, academic_year=year, suppress=True) is None
    survey = make_survey(world)
    make_survey(other_world)
    rating = question(survey, Group.FAMILIES)
    text = question(survey, Group.FAMILIES, Kind.TEXT)
    answer(survey, Group.FAMILIES, {rating: 4, text: "Private words"}, times=5)
    answer(survey, Group.PUPILS, {question(survey, Group.PUPILS, Kind.YES_NO): YesNo.YES}, times=2)
    summary = selectors.year_summary(school=world.school, academic_year=year, suppress=True)
    assert summary.titles == ("Careers review",)
    groups = {g.group: g for g in summary.groups}
    assert groups[Group.FAMILIES].responses == 5
    assert not groups[Group.FAMILIES].suppressed
    assert groups[Group.PUPILS].suppressed
    row = next(q for q in summary.questions if q.text == rating.text)
    assert (row.group_label, row.responses, row.average, row.share_positive) == ("Parents and carers", 5, 4, 1)
    pupils = [q for q in summary.questions if q.group == Group.PUPILS]
    assert pupils
    assert all(q.suppressed and q.share_positive is None for q in pupils)
    assert "Private words" not in repr(summary)
    assert all(q.text != text.text for q in summary.questions)
    open_to_all = selectors.year_summary(school=world.school, academic_year=year, suppress=False)
    assert next(q for q in open_to_all.questions if q.group == Group.PUPILS and q.responses).share_positive == 1
