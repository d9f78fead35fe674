"""The demo's placements: a spring placement at a social enterprise with rotation, jobs in school,
a supported internship, class jobs, and reports from the placement before."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from roadahead.activities.models import Participation
from roadahead.demo.placements import record_placements
from roadahead.placements import selectors, services
from roadahead.placements.models import Placement, PlacementReport
from roadahead.schools.models import Term
from tests import factories
from tests.conftest import TODAY
from tests.placements.factories import SPRING

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_of_twenty(world):
    """Twenty pupils from Year 5 to Year 14, and the spring term with its half term."""
    year = world.class_group.academic_year
    Term.objects.create(school=world.school, academic_year=year, name="spring", **SPRING)
    needs = ["SLD", "ASD", "MLD", "PMLD", "SLCN"]
    for index in range(16):
        pupil = factories.PupilFactory(school=world.school)
        factories.EnrolmentFactory(pupil=pupil, academic_year=year, nc_year=str(5 + index % 10),
                                   class_group=world.class_group)
        factories.PupilNeedFactory(pupil=pupil, need=needs[index % len(needs)])
    return world


def test_record_placements_sets_up_every_kind_and_records_sessions_so_far(school_of_twenty):
    world = school_of_twenty
    record_placements(school=world.school, today=TODAY, rng=random.Random("demo"))  # noqa: S311 (invented data)

    placements = {p.title: p for p in Placement.objects.filter(school=world.school)}
    cafe = placements["Spring work experience at Hillside Café"]
    assert "social enterprise" in cafe.provider.name
    assert cafe.areas.count() == 3
    assert cafe.assignments.count() == 6
    for assignment in cafe.assignments.all():
        assert assignment.rotation.count() == 3
        assert assignment.area is not None
    assert {p.kind for p in placements.values()} == {"work_experience", "internship", "class_job"}
    assert {p.on_site_kind for p in placements.values() if p.where == "on_site"} >= {"tuck_shop", "recycling"}
    # Sessions up to today are recorded as activities; the half term and the future are not.
    held = cafe.sessions.filter(activity__isnull=False)
    assert held.count() == 8
    assert max(s.date for s in held) <= TODAY
    assert dt.date(2026, 2, 18) not in {s.date for s in cafe.sessions.all()}
    participations = Participation.objects.filter(activity__placement_session__placement=cafe)
    assert participations.count() == 8 * 6
    assert participations.exclude(response="").filter(response_method="symbols").exists()
    # The finished autumn placement has reports, so the garden centre shows how it went.
    reports = PlacementReport.objects.filter(school=world.school, assignment__placement__title__startswith="Autumn")
    assert reports.count() == 4
    assert all(r.reflection and r.reflection_method and r.outcome for r in reports)
    garden = placements["Autumn work experience at the garden centre"].provider
    confidence = selectors.send_confidence(school=world.school)[garden.pk]
    assert sum(confidence.outcomes.values()) == 4
    # The café's insurance runs out mid-term, so its page carries the warning.
    assert any("insurance ran out" in w for w in services.check_warnings(cafe, today=TODAY))
