from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from roadahead.people.enums import SenProvision
from roadahead.reviews import selectors
from roadahead.reviews.enums import DueStatus, PfaArea, ProgressLevel
from tests import factories
from tests.conftest import TODAY
from tests.reviews.factories import outcome, progress, review

pytestmark = pytest.mark.django_db


def _dates(pupil, last=None, nxt=None):
    pupil.ehcp_last_review, pupil.ehcp_next_review = last, nxt
    pupil.save()


def test_due_rows_most_overdue_first_and_undated_last(world):
    a, b, c, d = world.pupils
    _dates(a, nxt=TODAY + dt.timedelta(days=10))
    _dates(b, last=dt.date(2025, 1, 5))  # a year later is 5 January 2026: overdue
    _dates(c)
    _dates(d, nxt=dt.date(2026, 12, 1))
    rows = selectors.due_rows(membership=world.careers_leader, day=TODAY)
    assert [(r.pupil, r.status) for r in rows] == [
        (b, DueStatus.OVERDUE), (a, DueStatus.DUE_SOON), (d, DueStatus.LATER), (c, DueStatus.NO_DATE)]
    assert rows[0].days_late == 64


def test_due_rows_filter_by_status_year_class_and_pfa(world):
    a, b, *_ = world.pupils
    _dates(a, nxt=TODAY - dt.timedelta(days=1))
    _dates(b, nxt=TODAY - dt.timedelta(days=3))
    overdue = selectors.due_rows(membership=world.careers_leader, day=TODAY,
                                 filters=selectors.DueFilters(status=DueStatus.OVERDUE))
    assert [r.pupil for r in overdue] == [b, a]
    in_oak = selectors.due_rows(membership=world.careers_leader, day=TODAY,
                                filters=selectors.DueFilters(status=DueStatus.OVERDUE,
                                                             class_group=world.class_group.pk))
    assert [r.pupil for r in in_oak] == [a]
    assert selectors.due_rows(membership=world.careers_leader, day=TODAY,
                              filters=selectors.DueFilters(nc_year="9")) == []
    assert len(selectors.due_rows(membership=world.careers_leader, day=TODAY,
                                  filters=selectors.DueFilters(pfa_only=True))) == 4


def test_due_rows_leave_out_pupils_without_a_plan_and_leavers(world):
    a, b, c, _d = world.pupils
    b.sen_provision = SenProvision.SEN_SUPPORT
    b.save()
    c.date_left = TODAY - dt.timedelta(days=1)
    c.save()
    shown = {r.pupil for r in selectors.due_rows(membership=world.careers_leader, day=TODAY)}
    assert a in shown
    assert b not in shown
    assert c not in shown


def test_due_rows_follow_who_may_see_whom(world, other_world):
    everyone = {r.pupil for r in selectors.due_rows(membership=world.careers_leader, day=TODAY)}
    assert everyone == set(world.pupils)
    assert {r.pupil for r in selectors.due_rows(membership=world.class_teacher, day=TODAY)} == set(world.class_pupils)
    assert {r.pupil for r in selectors.due_rows(membership=world.adviser, day=TODAY)} == set(world.adviser_pupils)


def test_due_rows_query_count_is_the_same_for_one_or_many(world):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            selectors.due_rows(membership=world.careers_leader, day=TODAY)
        return len(queries)

    for pupil in world.pupils[1:]:
        pupil.date_left = TODAY - dt.timedelta(days=5)
        pupil.save()
    one = count()
    for _ in range(15):
        pupil = factories.PupilFactory(school=world.school)
        factories.EnrolmentFactory(pupil=pupil, academic_year=world.class_group.academic_year, nc_year="11",
                                   class_group=world.class_group)
    assert count() == one


def test_due_counts_are_whole_school_counts_only(world, other_world):
    _dates(world.pupils[0], nxt=TODAY - dt.timedelta(days=1))
    _dates(world.pupils[1], nxt=TODAY + dt.timedelta(days=3))
    _dates(other_world.pupils[0], nxt=TODAY - dt.timedelta(days=1))
    assert selectors.due_counts(school=world.school, day=TODAY) == {
        "overdue": 1, "due_soon": 1, "later": 0, "no_date": 2}


def test_review_and_outcome_of_a_pupil_not_visible_are_404(world):
    hidden = world.pupils[1]  # in the other class, not assigned
    made = review(hidden, due=dt.date(2026, 3, 2))
    item = outcome(hidden)
    for member in (world.class_teacher, world.adviser):
        with pytest.raises(Http404):
            selectors.visible_review(membership=member, pk=made.pk, day=TODAY)
        with pytest.raises(Http404):
            selectors.visible_outcome(membership=member, pk=item.pk, day=TODAY)
    assert selectors.visible_review(membership=world.careers_leader, pk=made.pk, day=TODAY) == made


def test_outcomes_grouped_by_area_with_latest_progress(world):
    pupil = world.pupils[0]
    work = outcome(pupil)
    progress(work, day=dt.date(2025, 11, 1), level=ProgressLevel.EMERGING)
    progress(work, day=dt.date(2026, 2, 1), level=ProgressLevel.ACHIEVED)
    outcome(pupil, area=PfaArea.HEALTH, text="Books a dentist visit with help")
    groups = selectors.by_area(selectors.outcomes_for(school=world.school, pupil=pupil))
    assert [g.area for g in groups] == list(PfaArea)
    assert groups[0].outcomes[0].latest.level == ProgressLevel.ACHIEVED
    assert groups[1].outcomes == []
    summary = selectors.pfa_summary(school=world.school, pupil=pupil)
    assert [(s.current, s.achieved) for s in summary] == [(1, 1), (0, 0), (0, 0), (1, 0)]


def test_progress_since_keeps_outcomes_but_drops_old_entries(world):
    # Year 9 in 2024/25 by date of birth, though no enrolment was recorded for that year.
    work = outcome(world.pupils[0], set_on=dt.date(2024, 10, 1))
    progress(work, day=dt.date(2024, 11, 1))
    progress(work, day=dt.date(2025, 11, 1))
    found = selectors.outcomes_for(school=world.school, pupil=world.pupils[0], since=dt.date(2025, 3, 10))
    assert [p.date for p in found[0].history] == [dt.date(2025, 11, 1)]
