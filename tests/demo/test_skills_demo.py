"""The demo's skills assessments: recorded through the skills service, with plausible progress."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from roadahead.demo.skills import record_skills
from roadahead.skills.models import Assessment, Step
from roadahead.skills.selectors import pupil_progress
from tests import factories
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def bigger_world(world):
    """Twenty-four pupils from Year 7 to Year 13 with a range of needs, and last year on the calendar."""
    factories.AcademicYearFactory(school=world.school, start_year=2024)
    year = world.class_group.academic_year
    for index in range(20):
        pupil = factories.PupilFactory(school=world.school)
        factories.EnrolmentFactory(pupil=pupil, academic_year=year, class_group=world.class_group,
                                   nc_year=str(7 + index % 7))
        factories.PupilNeedFactory(pupil=pupil, need=("PMLD", "SLD", "ASD", "MLD", "SLCN")[index % 5])
    return world


def test_record_skills_gives_every_pupil_plausible_progress(bigger_world):
    world = bigger_world
    record_skills(school=world.school, today=TODAY, rng=random.Random("demo"))  # noqa: S311 (invented data)

    found = list(Assessment.objects.filter(school=world.school).select_related("skill__framework"))
    assert len(found) > 200
    assert all(a.date <= TODAY and a.date.weekday() < 5 for a in found)
    tops: dict[int, int] = defaultdict(int)
    for framework_id, value in Step.objects.filter(school=world.school).values_list("framework_id", "value"):
        tops[framework_id] = max(tops[framework_id], value)
    assert all(0 <= a.step <= tops[a.skill.framework_id] for a in found)
    assert {a.method for a in found} >= {"observation", "self", "adviser"}
    assert any(a.evidence for a in found)
    assert all(a.assessed_by is not None for a in found)
    # Progress: over the year most pupils end higher than they began, and few drop much.
    ups = downs = 0
    for pupil in world.pupils + list(world.school.pupils.all()):
        for progress in pupil_progress(school=world.school, pupil=pupil):
            ups += progress.change > 0
            downs += progress.change < -1
    assert ups > 50
    assert downs < ups / 10


def test_pupils_with_profound_needs_are_judged_by_watching(bigger_world):
    world = bigger_world
    record_skills(school=world.school, today=TODAY, rng=random.Random("demo"))  # noqa: S311 (invented data)

    quiet = Assessment.objects.filter(school=world.school, pupil__needs__need="PMLD", pupil__needs__rank=1)
    assert quiet.exists()
    assert not quiet.filter(method="self").exists()
