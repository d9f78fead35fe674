"""The demo's transition visits: pairs for the Year 13/14 class, individual visits, pupils' responses."""

from __future__ import annotations

import random

import pytest

from roadahead.activities.models import Participation
from roadahead.demo.transition import record_transition
from roadahead.people.models import Enrolment
from roadahead.transition.enums import VisitKind
from roadahead.transition.models import TransitionPair, TransitionVisit
from roadahead.transition.selectors import transition_for_pupil
from tests import factories
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def sixth_form(world):
    Enrolment.objects.filter(pupil__in=world.pupils).update(nc_year="14", class_group=world.class_group)
    for name, kind in (("Riverside College", "college"), ("Oak Lodge Day Centre", "day_service"),
                       ("Brook Specialist College", "specialist_college"), ("The Corner Shop", "employer")):
        factories.ProviderFactory(school=world.school, name=name, kind=kind)
    return world


def test_record_transition_pairs_the_class_and_records_their_responses(sixth_form):
    world = sixth_form
    record_transition(school=world.school, today=TODAY, rng=random.Random("demo"))  # noqa: S311 (invented data)

    pairs = list(TransitionPair.objects.filter(school=world.school))
    assert len(pairs) == 3
    assert "The Corner Shop" not in {p.provider.name for p in pairs}
    assert all(set(p.pupils.all()) == set(world.pupils) for p in pairs)
    halves = TransitionVisit.objects.filter(school=world.school, pair__isnull=False).select_related("activity")
    assert {v.kind for v in halves} == {VisitKind.IN_SCHOOL, VisitKind.AT_PROVIDER}
    past = [v for v in halves if v.activity.date <= TODAY]
    upcoming = [v for v in halves if v.activity.date > TODAY]
    assert past
    assert upcoming
    assert all(v.activity.participations.exists() for v in past)
    assert not any(v.activity.participations.exists() for v in upcoming)
    words = Participation.objects.filter(school=world.school, activity__transition_visit__isnull=False,
                                         attendance="attended").exclude(response="")
    assert words.count() >= 10
    # The world's pupils have severe learning difficulties: some answer with symbols, some in words.
    assert {p.response_method for p in words} == {"own_words", "symbols"}


def test_record_transition_adds_individual_visits_with_companions_and_next_steps(sixth_form):
    world = sixth_form
    record_transition(school=world.school, today=TODAY, rng=random.Random("demo"))  # noqa: S311 (invented data)

    individual = list(TransitionVisit.objects.filter(school=world.school, kind=VisitKind.INDIVIDUAL))
    assert 1 <= len(individual) <= 3
    for visit in individual:
        assert visit.companions
        assert visit.next_steps
        assert visit.activity.date <= TODAY
        mine = transition_for_pupil(school=world.school, pupil=visit.pupil)
        assert visit.pk in {v.visit.pk for v in mine}
        assert all(v.response for v in mine if v.visit.pk == visit.pk)


def test_record_transition_does_nothing_without_providers(world):
    record_transition(school=world.school, today=TODAY, rng=random.Random("demo"))  # noqa: S311 (invented data)
    assert not TransitionVisit.objects.filter(school=world.school).exists()
