"""The careers leader assigns pupils to a careers adviser, who then sees only those pupils."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from roadahead.audit.models import AuditEntry
from roadahead.people.models import AdviserAssignment

pytestmark = pytest.mark.django_db


def url(world, member=None) -> str:
    return reverse("people:adviser_pupils", kwargs={"school_slug": world.school.slug,
                                                    "pk": (member or world.adviser).pk})


def assigned(world) -> set[int]:
    return set(AdviserAssignment.objects.filter(adviser=world.adviser).values_list("pupil_id", flat=True))


def test_a_whole_class_is_assigned_at_once_and_a_pupil_removed(leader_client, world):
    before = assigned(world)
    response = leader_client.post(url(world), {"action": "assign", "class_group": world.class_group.pk})
    assert response.status_code == 302
    in_class = {p.pk for p in world.pupils if p.enrolments.filter(class_group=world.class_group).exists()}
    assert assigned(world) == before | in_class
    removed = next(iter(in_class))
    leader_client.post(url(world), {"action": "remove", "pupil": removed})
    assert removed not in assigned(world)
    assert AuditEntry.objects.filter(action="adviser.unassigned").exists()


def test_one_pupil_can_be_assigned_and_the_list_shows_them(leader_client, world):
    pupil = next(p for p in world.pupils if p.pk not in assigned(world))
    leader_client.post(url(world), {"action": "assign", "pupil": pupil.pk})
    assert pupil.pk in assigned(world)
    html = leader_client.get(url(world)).content.decode()
    assert pupil.sort_name in html


def test_assigning_nothing_says_what_to_choose(leader_client, world):
    response = leader_client.post(url(world), {"action": "assign"})
    assert response.status_code == 200
    assert "Choose a class, a year group or a pupil to assign." in response.content.decode()


def test_only_advisers_have_an_assignment_page_and_other_schools_pupils_cannot_be_assigned(
        leader_client, world, other_world):
    assert leader_client.get(url(world, world.class_teacher)).status_code == 404
    response = leader_client.post(url(world), {"action": "assign", "pupil": other_world.pupils[0].pk})
    assert response.status_code == 200  # not a choice: the form refuses it
    assert other_world.pupils[0].pk not in assigned(world)


def test_the_adviser_then_sees_the_newly_assigned_pupil(leader_client, world):
    pupil = next(p for p in world.pupils if p.pk not in assigned(world))
    client = Client()
    client.force_login(world.adviser.user)
    detail = reverse("people:pupil_detail", kwargs={"school_slug": world.school.slug, "pk": pupil.pk})
    assert client.get(detail).status_code == 404
    leader_client.post(url(world), {"action": "assign", "pupil": pupil.pk})
    assert client.get(detail).status_code == 200
