"""The demo's career profiles: varied sources and capture methods, history, destinations from Year 9."""

from __future__ import annotations

import random

import pytest

from roadahead.demo.profiles import record_profiles
from roadahead.profiles.enums import CaptureMethod, Source
from roadahead.profiles.models import MyFuture, ProfileEntry, TransitionPlan
from tests import factories
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def bigger_world(world):
    """Thirty pupils over two years: Year 8 to Year 13 now, with needs from profound to moderate,
    on a pathway with destinations in keeping with its vision."""
    school = world.school
    last_year = factories.AcademicYearFactory(school=school, start_year=2024)
    this_year = world.class_group.academic_year
    college = factories.DestinationCategoryFactory(school=school, code="specialist-college",
                                                   name="Specialist college")
    factories.DestinationCategoryFactory(school=school, code="employment", name="Paid employment")
    pathway = factories.PathwayFactory(school=school, name="Pathway 3")
    pathway.in_keeping_destinations.add(college)
    needs = ["PMLD", "SLD", "MLD", "ASD", "SLCN"]
    for index in range(30):
        pupil = factories.PupilFactory(school=school)
        nc_year = 8 + index % 6
        factories.EnrolmentFactory(pupil=pupil, academic_year=last_year, nc_year=str(nc_year - 1), pathway=pathway)
        factories.EnrolmentFactory(pupil=pupil, academic_year=this_year, nc_year=str(nc_year), pathway=pathway,
                                   class_group=world.class_group)
        factories.PupilNeedFactory(pupil=pupil, need=needs[index % len(needs)])
    return world


def _record(world, seed: str = "demo") -> None:
    record_profiles(school=world.school, today=TODAY, rng=random.Random(seed))  # noqa: S311 (invented data)


def test_profiles_are_varied_in_source_and_capture(bigger_world):
    _record(bigger_world)
    entries = ProfileEntry.objects.filter(school=bigger_world.school)
    assert entries.count() > 100
    assert {e.source for e in entries} >= {Source.PUPIL, Source.FAMILY, Source.STAFF, Source.PLACEMENT}
    assert set(entries.values_list("captured", flat=True)) == set(CaptureMethod.values)
    assert all(e.recorded_on <= TODAY and e.recorded_on.weekday() < 5 for e in entries)
    # Pupils with profound needs are seen or spoken for, never quoted in their own words.
    assert not entries.filter(pupil__needs__need="PMLD", captured=CaptureMethod.OWN_WORDS).exists()


def test_some_aspirations_change_and_the_history_keeps_both(bigger_world):
    _record(bigger_world)
    ended = ProfileEntry.objects.filter(school=bigger_world.school, ended_on__isnull=False)
    assert ended.exists()
    assert all(e.superseded_by is not None and e.superseded_by.recorded_on == e.ended_on for e in ended)


def test_intended_destinations_from_year_9_only(bigger_world):
    _record(bigger_world)
    plans = TransitionPlan.objects.filter(school=bigger_world.school).select_related("pupil")
    assert plans.exists()
    for plan in plans:
        enrolment = plan.pupil.enrolments.get(academic_year__start_year=plan.start_year)
        assert int(enrolment.nc_year) >= 9
    assert plans.filter(pupil_category__code="specialist-college").exists()
    assert MyFuture.objects.filter(school=bigger_world.school).exists()
    assert ProfileEntry.objects.filter(school=bigger_world.school, on_my_future=True).exists()


def test_the_same_seed_records_the_same_profiles(bigger_world):
    # Only this school's rows: other demo tests may have built the demo schools in this database.
    school = bigger_world.school

    def recorded() -> list:
        return list(ProfileEntry.objects.filter(school=school).order_by("pupil_id", "recorded_on", "kind", "text")
                    .values_list("pupil_id", "recorded_on", "text"))

    _record(bigger_world, "same")
    first = recorded()
    ProfileEntry.objects.filter(school=school).delete()
    TransitionPlan.objects.filter(school=school).delete()
    MyFuture.objects.filter(school=school).delete()
    _record(bigger_world, "same")
    assert recorded() == first
