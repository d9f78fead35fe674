from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from roadahead.activities.models import Activity, Participation
from roadahead.activities.services import ParticipationInput, ensure_activity_types
from roadahead.audit.models import AuditEntry
from roadahead.benchmarks.models import Benchmark
from roadahead.core.locking import StaleEdit
from roadahead.entitlements.services import create_rule
from roadahead.people.models import Enrolment, Pupil
from roadahead.standing.engine import standing
from roadahead.transition import services
from roadahead.transition.enums import VisitKind
from roadahead.transition.models import TransitionPair, TransitionVisit
from tests.conftest import TODAY
from tests.transition.factories import AT_PROVIDER_DAY, IN_SCHOOL_DAY, college, half, individual, pair, record

pytestmark = pytest.mark.django_db


def test_a_pair_makes_two_transition_activities_with_the_provider(world):
    made = pair(world.careers_leader, world.pupils[:2], purpose="See if the catering course suits them.")

    in_school, at_provider = half(made, VisitKind.IN_SCHOOL), half(made, VisitKind.AT_PROVIDER)
    assert (in_school.activity.date, in_school.activity.setting) == (IN_SCHOOL_DAY, "on_site")
    assert (at_provider.activity.date, at_provider.activity.setting) == (AT_PROVIDER_DAY, "off_site")
    assert in_school.activity.title == "Riverside College visits school"
    assert at_provider.activity.title == "Visit to Riverside College"
    for visit in (in_school, at_provider):
        assert visit.activity.activity_type.code == "transition-visit"
        assert [p.name for p in visit.activity.providers.all()] == ["Riverside College"]
        assert visit.activity.purpose == "See if the catering course suits them."
        assert visit.provider == made.provider
    assert in_school.activity.people_met == "Two college tutors"
    assert set(made.pupils.all()) == set(world.pupils[:2])
    # Nobody is recorded until staff record who went, on the recording screen.
    assert not Participation.objects.filter(school=world.school).exists()
    assert AuditEntry.objects.get(action="transition_pair.created").data == {"pupils": 2}


def test_a_pair_can_wait_for_its_second_date_but_needs_one(world):
    made = pair(world.careers_leader, world.pupils[:1], at_provider=None)
    assert list(made.visits.values_list("kind", flat=True)) == [VisitKind.IN_SCHOOL]

    services.add_half(pair=made, by=world.careers_leader.user, kind=VisitKind.AT_PROVIDER,
                      half=services.HalfInput(dt.date(2026, 3, 20)))

    assert made.visits.count() == 2
    with pytest.raises(ValidationError):
        services.add_half(pair=made, by=world.careers_leader.user, kind=VisitKind.AT_PROVIDER,
                          half=services.HalfInput(dt.date(2026, 3, 21)))
    with pytest.raises(ValidationError, match="at least one"):
        pair(world.careers_leader, world.pupils[:1], in_school=None, at_provider=None)
    with pytest.raises(ValidationError):
        pair(world.careers_leader, [])


def test_a_pair_refuses_another_schools_pupil_or_provider(world, other_world):
    with pytest.raises(ValidationError):
        pair(world.careers_leader, [other_world.pupils[0]])
    with pytest.raises(ValidationError):
        pair(world.careers_leader, world.pupils[:1], provider=college(other_world.school))
    assert not TransitionPair.objects.exists()


def test_both_halves_recorded_count_twice_for_a_transition_visits_rule(world):
    """Seed 000: in Key Stage 5, a possible placement meets the pupil in school, then the pupil visits it."""
    ensure_activity_types(school=world.school)
    Enrolment.objects.filter(pupil__in=world.pupils).update(nc_year="13")
    rule = create_rule(school=world.school, by=None, name="Transition visits (Years 12-14)", required=2,
                       first_year="12", last_year="14",
                       activity_types=[services.transition_type(world.school)])
    seven = Benchmark.objects.get(school=world.school, number=7)
    meets_provider = create_rule(school=world.school, by=None, name="Meet a provider", required=1,
                                 evidences=[seven])
    pupil, absent = world.pupils[0], world.pupils[2]

    def achieved(who: Pupil, which) -> int:
        report = standing(school=world.school, as_of=TODAY, pupils=Pupil.objects.filter(pk=who.pk))
        return next(row.achieved for row in report.for_pupil(who.pk) if row.rule_id == which.pk)

    made = pair(world.careers_leader, [pupil, absent])
    assert achieved(pupil, rule) == 0
    record(half(made, VisitKind.IN_SCHOOL), world.class_teacher,
           [ParticipationInput(pupil=pupil, engagement=3, reaction="liked", response="Nice people."),
            ParticipationInput(pupil=absent, attendance="absent")])
    assert (achieved(pupil, rule), achieved(absent, rule)) == (1, 0)
    record(half(made, VisitKind.AT_PROVIDER), world.class_teacher, [ParticipationInput(pupil=pupil)])
    assert achieved(pupil, rule) == 2
    assert achieved(pupil, meets_provider) == 2


def test_an_individual_visit_records_the_pupils_response_on_an_activity_without_their_name(world):
    pupil = world.pupils[0]

    visit = individual(pupil, world.class_teacher, companions=["family", "keyworker", "family"],
                       companions_note="Her grandad")

    assert visit.kind == VisitKind.INDIVIDUAL
    assert visit.companions == ["family", "keyworker"]
    assert visit.get_companions_display() == ["Parent, carer or family member", "Key worker or teaching assistant"]
    activity = visit.activity
    assert activity.title == "Individual transition visit to Meadow Farm College"
    assert pupil.legal_forename not in activity.title
    participation = activity.participations.get()
    assert (participation.pupil, participation.attendance, participation.engagement, participation.reaction,
            participation.response, participation.response_method) == (
        pupil, "attended", 4, "liked", "I liked the kitchen. Big ovens.", "own_words")
    entry = AuditEntry.objects.get(action="transition_visit.recorded")
    assert entry.pupil_id == pupil.pk
    assert "kitchen" not in str(entry.data)


def test_changing_an_individual_visit_moves_its_activity_and_keeps_one_participation(world):
    visit = individual(world.pupils[0], world.class_teacher)
    other = college(world.school, "Hillside Day Service")

    changed = services.update_individual_visit(
        visit=visit, by=world.careers_leader.user, expected_version=1, provider=other, date=dt.date(2026, 3, 5),
        next_steps="Try the day service's art room.",
        response=services.PupilResponse(reaction="unsure", response="Too noisy.", response_method="symbols"))

    assert changed == ["next_steps", "provider", "date", "response"]
    visit.refresh_from_db()
    assert visit.version == 2
    assert (visit.activity.date, visit.activity.title) == (
        dt.date(2026, 3, 5), "Individual transition visit to Hillside Day Service")
    assert [p.name for p in visit.activity.providers.all()] == ["Hillside Day Service"]
    participation = Participation.objects.get(activity=visit.activity)
    assert (participation.reaction, participation.response) == ("unsure", "Too noisy.")
    assert participation.revisions.count() == 1
    with pytest.raises(StaleEdit):
        services.update_individual_visit(visit=visit, by=world.careers_leader.user, expected_version=1,
                                         next_steps="Stale")
    visit.refresh_from_db()
    assert services.update_individual_visit(visit=visit, by=world.careers_leader.user,
                                            next_steps="Try the day service's art room.") == []


def test_deleting_a_visit_or_a_pair_deletes_their_activities(world):
    visit = individual(world.pupils[0], world.class_teacher)
    made = pair(world.careers_leader, world.pupils[:2])
    record(half(made, VisitKind.IN_SCHOOL), world.careers_leader, [ParticipationInput(pupil=world.pupils[0])])
    assert Activity.objects.count() == 3

    services.delete_visit(visit=visit, by=world.careers_leader.user)
    services.delete_pair(pair=made, by=world.careers_leader.user)

    assert not Activity.objects.exists()
    assert not TransitionVisit.objects.exists()
    assert not TransitionPair.objects.exists()
    assert not Participation.objects.exists()


def test_changing_a_pairs_group_and_purpose_keeps_its_activities_in_step(world):
    made = pair(world.careers_leader, world.pupils[:2])

    changed = services.update_pair(pair=made, by=world.careers_leader.user, expected_version=1,
                                   pupils=world.pupils[1:3], purpose="Try the horticulture course.")

    assert changed == ["purpose", "pupils"]
    assert set(made.pupils.all()) == set(world.pupils[1:3])
    assert {v.activity.purpose for v in made.visits.all()} == {"Try the horticulture course."}
    with pytest.raises(StaleEdit):
        services.update_pair(pair=made, by=world.careers_leader.user, expected_version=1, title="Stale")


def test_deleting_the_activity_on_the_activities_pages_deletes_the_visit(world):
    visit = individual(world.pupils[0], world.class_teacher)
    visit.activity.delete()
    assert not TransitionVisit.objects.exists()
