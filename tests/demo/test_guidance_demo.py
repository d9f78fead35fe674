"""The demo's guidance meetings: recorded through the guidance service, with advocates, words and actions."""

from __future__ import annotations

import random

import pytest

from roadahead.activities.models import Participation
from roadahead.demo.guidance import record_guidance
from roadahead.guidance.enums import Advocate, Communication
from roadahead.guidance.models import GuidanceAction, GuidanceMeeting
from tests import factories
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def bigger_world(world):
    """Twenty pupils in Year 10 who use symbols (the world's pupils have SLD) and two Year 12s on the
    Intentional pathway, who meet the adviser every half term."""
    year = world.class_group.academic_year
    intentional = factories.PathwayFactory(school=world.school, name="Intentional")
    for index in range(18):
        pupil = factories.PupilFactory(school=world.school)
        factories.EnrolmentFactory(pupil=pupil, academic_year=year, class_group=world.class_group,
                                   nc_year="12" if index < 2 else "10", pathway=intentional if index < 2 else None)
        factories.PupilNeedFactory(pupil=pupil, need="SLD" if index % 3 else "MLD")
    return world


def test_record_guidance_records_realistic_meetings_that_count_for_standing(bigger_world):
    world = bigger_world
    record_guidance(school=world.school, today=TODAY, rng=random.Random("demo"))  # noqa: S311 (invented data)

    meetings = list(GuidanceMeeting.objects.filter(school=world.school).select_related("activity"))
    # Most pupils' yearly meeting has happened by March; the rest fall later in the year.
    assert len(meetings) >= 10
    assert all(m.date <= TODAY and m.date.weekday() < 5 for m in meetings)
    assert all(m.pupil_words and m.discussed for m in meetings)
    # Every meeting counts: an attended guidance activity for that pupil.
    attended = set(Participation.objects.filter(activity__activity_type__code="guidance-meeting",
                                                attendance="attended").values_list("pupil_id", "activity_id"))
    assert {(m.pupil_id, m.activity_id) for m in meetings} <= attended
    symbol_users = [m for m in meetings if Communication.SYMBOLS in m.communication]
    assert symbol_users
    assert all(m.advocate != Advocate.NONE for m in symbol_users)
    assert {m.adviser for m in meetings} == {world.adviser}
    assert GuidanceAction.objects.filter(school=world.school, done_on__isnull=True).exists()
    assert GuidanceAction.objects.filter(school=world.school, done_on__isnull=False).exists()


def test_intentional_post_16_pupils_meet_every_half_term_up_to_today(bigger_world):
    world = bigger_world
    record_guidance(school=world.school, today=TODAY, rng=random.Random("demo"))  # noqa: S311 (invented data)

    year_12 = GuidanceMeeting.objects.filter(school=world.school, pupil__enrolments__nc_year="12")
    # Autumn 1 and 2, spring 1, and spring 2 if its meeting day has come.
    assert 3 * 2 <= year_12.count() <= 4 * 2


def test_record_guidance_is_the_same_every_time_for_the_same_seed(bigger_world):
    record_guidance(school=bigger_world.school, today=TODAY, rng=random.Random("same"))  # noqa: S311
    first = list(GuidanceMeeting.objects.filter(school=bigger_world.school).order_by("pupil_id", "date")
                 .values_list("date", "pupil_words"))
    GuidanceMeeting.objects.filter(school=bigger_world.school).delete()
    record_guidance(school=bigger_world.school, today=TODAY, rng=random.Random("same"))  # noqa: S311
    again = list(GuidanceMeeting.objects.filter(school=bigger_world.school).order_by("pupil_id", "date")
                 .values_list("date", "pupil_words"))
    assert first == again
