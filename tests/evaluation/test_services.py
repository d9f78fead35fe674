"""Starting evaluations, marking criteria, suggestions that never overwrite a confirmed status,
the cohort statement and the action plan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from roadahead.audit.models import AuditEntry
from roadahead.core.locking import StaleEdit
from roadahead.evaluation import selectors, services
from roadahead.evaluation.enums import Status, Variant
from roadahead.evaluation.models import Criterion, Mark
from roadahead.schools.enums import SchoolType
from tests import factories
from tests.evaluation.helpers import TODAY, set_status, start

pytestmark = pytest.mark.django_db


def test_special_school_gets_the_special_wording_and_a_mainstream_school_the_standard(world, other_world):
    other_world.school.school_type = SchoolType.MAINSTREAM
    other_world.school.save()
    special = {c.code: c for c in services.ensure_criteria(school=world.school)}
    standard = {c.code: c for c in services.ensure_criteria(school=other_world.school)}
    assert special["5.1"].variant == Variant.SPECIAL
    assert "adapted to their needs" in special["5.1"].text
    assert "adapted" not in standard["5.1"].text
    assert special["8.1"].text == standard["8.1"].text  # no special wording needed
    assert {c.benchmark.number for c in special.values()} == set(range(1, 9))


def test_loading_criteria_twice_adds_nothing(world):
    first = len(services.ensure_criteria(school=world.school))
    assert len(services.ensure_criteria(school=world.school)) == first
    assert Criterion.objects.filter(school=world.school).count() == first


def test_new_evaluation_starts_from_last_terms_statuses_unconfirmed(world):
    autumn = start(world, term="autumn")
    services.mark_benchmark(evaluation=autumn, by=world.careers_leader.user, expected_version=autumn.version,
                            values={Mark.objects.get(evaluation=autumn, criterion__code="5.1").criterion_id:
                                    (Status.ACHIEVED, "Bakery visits for every class")})
    spring = start(world, term="spring")
    mark = Mark.objects.get(evaluation=spring, criterion__code="5.1")
    assert (mark.status, mark.evidence, mark.confirmed) == (Status.ACHIEVED, "Bakery visits for every class", False)


def test_a_term_can_be_evaluated_once_and_not_before_it_starts(world):
    start(world, term="spring")
    with pytest.raises(ValidationError):
        start(world, term="spring")
    with pytest.raises(ValidationError):
        start(world, term="summer")


def test_cohort_years_must_run_forwards(world):
    with pytest.raises(ValidationError):
        start(world, cohort_from="11", cohort_to="9")


def test_marking_confirms_and_a_stale_version_is_refused(world):
    evaluation = start(world)
    criterion = Mark.objects.get(evaluation=evaluation, criterion__code="1.1").criterion_id
    services.mark_benchmark(evaluation=evaluation, by=world.careers_leader.user, expected_version=1,
                            values={criterion: (Status.IN_PROGRESS, "Governors agreed it in January")})
    mark = Mark.objects.get(evaluation=evaluation, criterion_id=criterion)
    assert (mark.status, mark.confirmed) == (Status.IN_PROGRESS, True)
    with pytest.raises(StaleEdit):
        services.mark_benchmark(evaluation=evaluation, by=world.careers_leader.user, expected_version=1,
                                values={criterion: (Status.ACHIEVED, "")})
    assert AuditEntry.objects.filter(action="evaluation.marked", object_id=evaluation.pk).count() == 1


def test_suggestions_fill_unconfirmed_marks_and_never_a_confirmed_one(world):
    evaluation = start(world)
    set_status(evaluation, "5.1", Status.NOT_STARTED, confirmed=True)
    set_status(evaluation, "8.1", Status.NOT_STARTED, confirmed=False)
    ids = dict(Mark.objects.filter(evaluation=evaluation).values_list("criterion__code", "criterion_id"))
    changed = services.apply_suggestions(evaluation=evaluation, by=world.careers_leader.user,
                                         suggestions={ids["5.1"]: Status.ACHIEVED, ids["8.1"]: Status.ACHIEVED})
    assert changed == 1
    assert Mark.objects.get(evaluation=evaluation, criterion_id=ids["5.1"]).status == Status.NOT_STARTED
    filled = Mark.objects.get(evaluation=evaluation, criterion_id=ids["8.1"])
    assert (filled.status, filled.from_suggestion, filled.confirmed) == (Status.ACHIEVED, True, False)


def test_cohort_statement_counts_every_pupil_on_roll_outside_the_cohort(world):
    year = world.class_group.academic_year
    for nc in ("4", "4", "R"):
        factories.EnrolmentFactory(pupil=factories.PupilFactory(school=world.school), academic_year=year, nc_year=nc)
    factories.PupilFactory(school=world.school)  # on roll, no enrolment this year
    factories.PupilFactory(school=world.school, date_left=dt.date(2025, 12, 19))  # left: not on roll
    evaluation = start(world, cohort_from="7", cohort_to="14")
    statement = selectors.cohort_statement(evaluation, day=TODAY)
    assert statement.label == "Year 7 to Year 14"
    assert (statement.on_roll, statement.in_cohort, statement.outside_total) == (8, 4, 4)
    assert statement.outside == [("Reception", 1), ("Year 4", 2), ("No NC year recorded this year", 1)]
    assert statement.in_cohort + sum(n for _label, n in statement.outside) == statement.on_roll


def test_cohort_of_all_pupils_leaves_no_one_outside(world):
    factories.PupilFactory(school=world.school)
    evaluation = start(world, cohort_from="", cohort_to="")
    statement = selectors.cohort_statement(evaluation, day=TODAY)
    assert statement.label == "All pupils on roll"
    assert (statement.on_roll, statement.in_cohort, statement.outside) == (5, 5, [])


def test_action_plan_orders_open_actions_by_due_date_and_shows_overdue(world):
    evaluation = start(world)
    benchmark = Mark.objects.filter(evaluation=evaluation, criterion__code="5.1").get().criterion.benchmark
    later = services.create_action(school=world.school, by=world.careers_leader.user, benchmark=benchmark,
                                   description="Invite the garden centre", owner_member=world.careers_leader,
                                   due_on=dt.date(2026, 5, 1))
    late = services.create_action(school=world.school, by=world.careers_leader.user, benchmark=benchmark,
                                  description="Book the bakery", owner_text="Enterprise adviser",
                                  due_on=dt.date(2026, 2, 1))
    assert [a.pk for a in selectors.actions(school=world.school)] == [late.pk, later.pk]
    assert selectors.is_overdue(late, TODAY)
    assert not selectors.is_overdue(later, TODAY)
    services.set_action_done(action=late, by=world.careers_leader.user, done_on=TODAY)
    assert not selectors.is_overdue(late, TODAY)
    assert [a.pk for a in selectors.actions(school=world.school)] == [later.pk, late.pk]


def test_action_owner_must_be_of_the_same_school(world, other_world):
    benchmark = services.ensure_criteria(school=world.school)[0].benchmark
    with pytest.raises(ValidationError):
        services.create_action(school=world.school, by=None, benchmark=benchmark, description="Plan",
                               owner_member=other_world.careers_leader)
