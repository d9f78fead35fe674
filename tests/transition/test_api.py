from __future__ import annotations

import pytest

from roadahead.activities.services import ParticipationInput
from roadahead.audit.models import AuditEntry
from roadahead.transition.enums import VisitKind
from roadahead.transition.models import TransitionVisit
from tests.transition.factories import college, half, individual, pair, record

pytestmark = pytest.mark.django_db


def test_a_pupils_visits_newest_first_with_their_response(world, api_as):
    pupil = world.adviser_pupils[0]
    made = pair(world.careers_leader, [pupil])
    record(half(made, VisitKind.IN_SCHOOL), world.careers_leader,
           [ParticipationInput(pupil=pupil, reaction="liked", response="Friendly tutor.", response_method="symbols")])
    individual(pupil, world.careers_leader)

    response = api_as("adviser").get(f"/pupils/{pupil.pk}/transition-visits")

    assert response.status_code == 200
    body = response.json()
    assert [(v["kind"], v["date"], v["response"]) for v in body] == [
        ("individual", "2026-03-02", "I liked the kitchen. Big ovens."),
        ("in_school", "2026-02-03", "Friendly tutor.")]
    assert body[0]["companions"] == ["family"]
    assert body[1]["pair_id"] == made.pk
    assert AuditEntry.objects.filter(action="transition.pupil_viewed", pupil_id=pupil.pk).exists()


def test_an_adviser_gets_404_for_an_unassigned_pupil_and_governors_403(world, api_as):
    unassigned = world.pupils[1]
    individual(unassigned, world.careers_leader)
    assert api_as("adviser").get(f"/pupils/{unassigned.pk}/transition-visits").status_code == 404
    assert api_as("leader").get(f"/pupils/{unassigned.pk}/transition-visits").status_code == 403
    assert api_as("leader").get("/transition/visits").status_code == 403
    past = api_as("adviser").get("/transition/visits", when="past").json()
    assert past == []


def test_recording_an_individual_visit(world, api_as):
    pupil = world.class_pupils[0]
    provider = college(world.school, "Hillside Day Service")

    response = api_as("class_teacher").post(f"/pupils/{pupil.pk}/transition-visits", {
        "provider_id": provider.pk, "date": "2026-03-04", "companions": ["keyworker"], "engagement": 2,
        "reaction": "unsure", "response": "Loud. Liked the art room.", "response_method": "own_words",
        "next_steps": "Visit again on a quiet day."})

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["response"], body["engagement"]) == ("individual", "Loud. Liked the art room.", 2)
    visit = TransitionVisit.objects.get()
    assert visit.activity.participations.get().pupil == pupil
    # Advisers read but do not record; a pupil outside the class is not found.
    assert api_as("adviser").post(f"/pupils/{world.adviser_pupils[0].pk}/transition-visits", {
        "provider_id": provider.pk, "date": "2026-03-04"}).status_code == 403
    assert api_as("class_teacher").post(f"/pupils/{world.pupils[1].pk}/transition-visits", {
        "provider_id": provider.pk, "date": "2026-03-04"}).status_code == 404
    bad = api_as("class_teacher").post(f"/pupils/{pupil.pk}/transition-visits", {
        "provider_id": 999999, "date": "2026-03-04"})
    assert bad.status_code == 422


def test_lists_of_visits_and_pairs_keep_to_the_callers_pupils(world, api_as):
    mine, other = world.class_pupils[0], world.pupils[1]
    made = pair(world.careers_leader, [mine, other])
    pair(world.careers_leader, [other], provider=college(world.school, "Hillside Day Service"))
    individual(other, world.careers_leader)

    visits = api_as("class_teacher").get("/transition/visits", when="past").json()
    pairs = api_as("class_teacher").get("/transition/pairs").json()

    assert [(v["kind"], v["provider_name"]) for v in visits] == [
        ("at_provider", "Riverside College"), ("in_school", "Riverside College")]
    assert [(p["id"], p["pupil_ids"]) for p in pairs] == [(made.pk, [mine.pk])]
    assert [v["kind"] for v in pairs[0]["visits"]] == ["in_school", "at_provider"]
    everything = api_as("careers_leader").get("/transition/pairs").json()
    assert len(everything) == 2
