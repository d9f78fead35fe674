"""The demo's EHCP reviews: a review a year, some overdue, PfA outcomes with progress from Year 9."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from roadahead.demo.reviews import record_reviews
from roadahead.people.models import Pupil
from roadahead.reviews.due import due_status, next_due
from roadahead.reviews.enums import DueStatus, PfaArea
from roadahead.reviews.models import AnnualReview, PfaOutcome, PfaProgress
from roadahead.schools.models import School
from tests import factories
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def bigger_world(world):
    """Thirty pupils, Year 7 to Year 14 now, enrolled last year too, with needs from profound to moderate."""
    school = world.school
    last_year = factories.AcademicYearFactory(school=school, start_year=2024)
    this_year = world.class_group.academic_year
    needs = ["PMLD", "SLD", "MLD", "ASD", "SLCN"]
    for index in range(30):
        nc_year = 7 + index % 8
        pupil = factories.PupilFactory(school=school, date_of_birth=dt.date(2025 - nc_year - 5, 11, 1))
        factories.EnrolmentFactory(pupil=pupil, academic_year=last_year, nc_year=str(nc_year - 1))
        factories.EnrolmentFactory(pupil=pupil, academic_year=this_year, nc_year=str(nc_year),
                                   class_group=world.class_group)
        factories.PupilNeedFactory(pupil=pupil, need=needs[index % len(needs)])
    return world


def _record(world, seed: str = "demo") -> None:
    record_reviews(school=world.school, today=TODAY, rng=random.Random(seed))  # noqa: S311 (invented data)


def test_every_pupil_with_a_plan_has_reviews_and_dates_in_step(bigger_world):
    _record(bigger_world)
    pupils = Pupil.objects.filter(school=bigger_world.school)
    for pupil in pupils:
        reviews = list(AnnualReview.objects.filter(pupil=pupil))
        assert 2 <= len(reviews) <= 3
        assert len({r.academic_year_id for r in reviews}) == len(reviews)
        held = [r.date_held for r in reviews if r.date_held]
        assert pupil.ehcp_last_review == max(held)
        assert all(d <= TODAY for d in held)
    statuses = {due_status(next_due(last_review=p.ehcp_last_review, next_review=p.ehcp_next_review), today=TODAY)
                for p in pupils}
    assert DueStatus.OVERDUE in statuses
    assert DueStatus.LATER in statuses


def test_pfa_outcomes_only_from_year_9_in_every_area_with_progress(bigger_world):
    _record(bigger_world)
    outcomes = PfaOutcome.objects.filter(school=bigger_world.school).select_related("pupil")
    years = {e.pupil_id: e.nc_year for e in bigger_world.class_group.academic_year.enrolments.all()}
    assert outcomes.exists()
    assert all(int(years[o.pupil_id]) >= 9 for o in outcomes)
    assert {o.area for o in outcomes} == set(PfaArea.values)
    progress = PfaProgress.objects.filter(school=bigger_world.school)
    assert progress.filter(review__isnull=False).exists()
    assert progress.filter(review__isnull=True).exists()
    assert len(set(progress.values_list("level", flat=True))) >= 4
    assert all(p.date >= p.outcome.set_on and p.date <= TODAY for p in progress.select_related("outcome"))


def test_running_it_twice_adds_nothing(bigger_world):
    _record(bigger_world)
    count = AnnualReview.objects.count(), PfaOutcome.objects.count()
    _record(bigger_world, seed="again")
    assert (AnnualReview.objects.count(), PfaOutcome.objects.count()) == count


def test_the_same_seed_gives_the_same_reviews(bigger_world):
    # Only this school's rows: other demo tests may have built the demo schools in this database.
    school = bigger_world.school
    _record(bigger_world, seed="one")
    first = sorted(AnnualReview.objects.filter(school=school).values_list("pupil_id", "date_due", "date_held"))
    AnnualReview.objects.filter(school=school).delete()
    PfaOutcome.objects.filter(school=school).delete()
    _record(bigger_world, seed="one")
    assert sorted(AnnualReview.objects.filter(school=school).values_list("pupil_id", "date_due", "date_held")) == first


def test_it_runs_on_the_demo_schools(built_demo):
    for school in School.objects.filter(slug__in=["parkside", "heathfield"]):
        record_reviews(school=school, today=TODAY, rng=random.Random(school.slug))  # noqa: S311 (invented data)
        assert AnnualReview.objects.filter(school=school, date_held__isnull=True, date_due__lt=TODAY).exists()
        assert PfaProgress.objects.filter(school=school).count() > 20
