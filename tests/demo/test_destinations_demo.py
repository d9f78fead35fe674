"""The demo's leavers' destinations: three years of leavers, check-ins done and overdue, some not in keeping."""

from __future__ import annotations

import random

import pytest

from roadahead.demo.destinations import LEAVERS_PER_YEAR, record_destinations
from roadahead.destinations import reports, selectors
from roadahead.destinations.enums import CheckInState
from roadahead.destinations.models import CheckIn, Destination
from roadahead.people.models import Pupil
from tests import factories
from tests.conftest import TODAY
from tests.destinations.factories import pathway

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_world(world):
    pathway(world.school, "Pathway 2", ["specialist-college", "social-care-package"])
    pathway(world.school, "Pathway 5", ["supported-employment", "supported-internship", "apprenticeship"])
    for kind in ("specialist_college", "day_service", "college", "employer"):
        factories.ProviderFactory(school=world.school, kind=kind)
    return world


def test_three_years_of_leavers_with_destinations_and_check_ins(small_world):
    school = small_world.school
    record_destinations(school=school, today=TODAY, rng=random.Random(6))  # noqa: S311
    leavers = Pupil.objects.filter(school=school, date_left__isnull=False)
    years = {p.date_left.year for p in leavers}
    assert years == {2023, 2024, 2025}
    for year in years:
        assert leavers.filter(date_left__year=year).count() >= LEAVERS_PER_YEAR
    assert set(Destination.objects.filter(school=school).values_list("pupil_id", flat=True)) == set(
        leavers.values_list("pk", flat=True))
    assert CheckIn.objects.filter(school=school, done_on__isnull=False).exists()
    due = selectors.check_ins_due(membership=small_world.careers_leader, day=TODAY)
    assert any(d.state == CheckInState.OVERDUE for d in due)
    judged = [d.in_keeping for d in Destination.objects.filter(school=school)]
    assert True in judged
    assert False in judged
    report = reports.build_report(school=school, day=TODAY, suppress=True)
    assert report.total is not None
    assert report.total.leavers == leavers.count()
    assert not report.total.suppressed


def test_running_it_twice_adds_nothing(small_world):
    school = small_world.school
    record_destinations(school=school, today=TODAY, rng=random.Random(1))  # noqa: S311
    count = Destination.objects.filter(school=school).count()
    record_destinations(school=school, today=TODAY, rng=random.Random(2))  # noqa: S311
    assert Destination.objects.filter(school=school).count() == count
