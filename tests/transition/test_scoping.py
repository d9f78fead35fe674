"""Advisers reach only their assigned pupils' transition visits, class staff only their classes',
and nobody reaches another school's: every such address is a 404, as if it did not exist."""

from __future__ import annotations

import pytest
from django.urls import reverse

from roadahead.activities.services import ParticipationInput
from roadahead.transition.enums import VisitKind
from roadahead.transition.selectors import transition_for_pupil
from tests.transition.factories import half, individual, pair, record

pytestmark = pytest.mark.django_db


def url(world, name: str, **kwargs) -> str:
    return reverse(f"transition:{name}", kwargs={"school_slug": world.school.slug, **kwargs})


def _pupil_addresses(world, pupil, visit):
    return [url(world, "pupil", pupil_pk=pupil.pk), url(world, "pupil_section", pupil_pk=pupil.pk),
            url(world, "visit_detail", pk=visit.pk), url(world, "destination", pk=visit.pk, pupil_pk=pupil.pk)]


def test_an_adviser_never_reaches_an_unassigned_pupils_visits(client, world):
    assigned, unassigned = world.adviser_pupils[0], world.pupils[1]
    theirs = individual(unassigned, world.careers_leader)
    mine = individual(assigned, world.careers_leader, next_steps="Assigned pupil's next step")
    client.force_login(world.adviser.user)

    for address in [url(world, "pupil", pupil_pk=unassigned.pk), url(world, "pupil_section", pupil_pk=unassigned.pk),
                    url(world, "visit_detail", pk=theirs.pk)]:
        assert client.get(address).status_code == 404, address
    assert "Assigned pupil&#x27;s next step" in client.get(url(world, "visit_detail", pk=mine.pk)).content.decode()
    past = client.get(url(world, "list") + "?when=past").content.decode()
    assert assigned.display_name in past
    assert unassigned.display_name not in past
    assert unassigned.display_name not in client.get(url(world, "pupils")).content.decode()


def test_a_pair_shows_an_adviser_only_their_pupils_and_hides_pairs_without_them(client, world):
    assigned, other = world.adviser_pupils[0], world.pupils[1]
    shared = pair(world.careers_leader, [assigned, other])
    record(half(shared, VisitKind.IN_SCHOOL), world.careers_leader,
           [ParticipationInput(pupil=assigned, response="Mine"), ParticipationInput(pupil=other, response="Theirs")])
    elsewhere = pair(world.careers_leader, [other])
    client.force_login(world.adviser.user)

    page = client.get(url(world, "pair_detail", pk=shared.pk)).content.decode()

    assert "Mine" in page
    assert "Theirs" not in page
    assert other.display_name not in page
    assert "1 more pupil is not shown" in page
    assert client.get(url(world, "pair_detail", pk=elsewhere.pk)).status_code == 404
    # Advisers read; they do not record.
    assert client.get(url(world, "pair_edit", pk=shared.pk)).status_code == 403


def test_class_staff_reach_only_their_classes_pupils(client, world):
    mine, not_mine = world.class_pupils[0], world.pupils[1]
    visit = individual(not_mine, world.careers_leader)
    made = pair(world.careers_leader, [not_mine])
    client.force_login(world.class_teacher.user)
    for address in [*_pupil_addresses(world, not_mine, visit), url(world, "pair_detail", pk=made.pk),
                    url(world, "visit_create", pupil_pk=not_mine.pk),
                    url(world, "destination", pk=half(made, VisitKind.IN_SCHOOL).pk, pupil_pk=not_mine.pk)]:
        assert client.get(address).status_code == 404, address
    # A pupil of theirs who was neither in the group nor went is not the visit's to update.
    assert client.get(url(world, "destination", pk=visit.pk, pupil_pk=mine.pk)).status_code == 404


def test_another_schools_visits_are_not_found(client, world, other_world):
    theirs = individual(other_world.pupils[0], other_world.careers_leader)
    their_pair = pair(other_world.careers_leader, other_world.pupils[:1])
    client.force_login(world.careers_leader.user)
    for address in [url(world, "visit_detail", pk=theirs.pk), url(world, "pair_detail", pk=their_pair.pk),
                    url(world, "pupil", pupil_pk=other_world.pupils[0].pk),
                    url(world, "visit_edit", pk=theirs.pk), url(world, "pair_delete", pk=their_pair.pk)]:
        assert client.get(address).status_code == 404, address


def test_transition_for_pupil_lists_the_visits_they_went_on_newest_first(world):
    pupil = world.pupils[0]
    made = pair(world.careers_leader, [pupil, world.pupils[1]])
    record(half(made, VisitKind.IN_SCHOOL), world.careers_leader,
           [ParticipationInput(pupil=pupil, reaction="liked", response="Friendly.")])
    record(half(made, VisitKind.AT_PROVIDER), world.careers_leader,
           [ParticipationInput(pupil=pupil, attendance="absent")])
    individual(pupil, world.careers_leader)
    individual(world.pupils[1], world.careers_leader)

    visits = transition_for_pupil(school=world.school, pupil=pupil)

    assert [(v.date.isoformat(), v.kind, v.response) for v in visits] == [
        ("2026-03-02", VisitKind.INDIVIDUAL, "I liked the kitchen. Big ovens."),
        ("2026-02-03", VisitKind.IN_SCHOOL, "Friendly.")]
    assert visits[0].next_steps == "A second visit with Mum in May."
    assert visits[1].reaction_label == "Liked it"
