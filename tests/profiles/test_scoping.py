"""An adviser never sees or reaches a pupil they are not assigned, on any address; nor does class
staff reach pupils outside their classes, nor anyone another school's records."""

from __future__ import annotations

import pytest
from django.urls import reverse

from roadahead.people.models import Pupil
from roadahead.profiles import services
from roadahead.profiles.models import Picture, ProfileEntry
from tests.profiles.factories import entry, png_bytes

pytestmark = pytest.mark.django_db

PUPIL_URLS = ["profile", "fragment", "entry_create", "my_future", "my_future_pdf", "my_future_edit", "picture_add"]


def _records(world, pupil: Pupil) -> tuple[ProfileEntry, Picture]:
    made = entry(pupil, "Secret wish")
    picture = services.add_picture(school=world.school, pupil=pupil, member=world.careers_leader,
                                   data=png_bytes(), section="like", alt_text="A goat")
    return made, picture


def _all_addresses(school, pupil: Pupil, made: ProfileEntry, picture: Picture) -> list[tuple[str, str]]:
    slug = school.slug
    found = [("get", reverse(f"profiles:{name}", kwargs={"school_slug": slug, "pupil_pk": pupil.pk}))
             for name in PUPIL_URLS]
    found.append(("get", reverse("profiles:plan_edit", kwargs={"school_slug": slug, "pupil_pk": pupil.pk,
                                                               "start_year": 2025})))
    found += [("get", reverse("profiles:entry_edit", kwargs={"school_slug": slug, "pk": made.pk})),
              ("post", reverse("profiles:entry_edit", kwargs={"school_slug": slug, "pk": made.pk})),
              ("get", reverse("profiles:entry_end", kwargs={"school_slug": slug, "pk": made.pk})),
              ("post", reverse("profiles:entry_end", kwargs={"school_slug": slug, "pk": made.pk})),
              ("get", reverse("profiles:picture", kwargs={"school_slug": slug, "pk": picture.pk})),
              ("post", reverse("profiles:picture_remove", kwargs={"school_slug": slug, "pk": picture.pk})),
              ("post", reverse("profiles:entry_create", kwargs={"school_slug": slug, "pupil_pk": pupil.pk})),
              ("post", reverse("profiles:my_future_edit", kwargs={"school_slug": slug, "pupil_pk": pupil.pk}))]
    return found


def test_adviser_reaches_nothing_of_an_unassigned_pupil(client, world):
    unassigned = world.pupils[1]
    made, picture = _records(world, unassigned)
    client.force_login(world.adviser.user)
    for method, address in _all_addresses(world.school, unassigned, made, picture):
        response = getattr(client, method)(address)
        assert response.status_code == 404, f"{method} {address}"
        assert b"Secret wish" not in response.content
    assert ProfileEntry.objects.filter(pupil=unassigned).count() == 1
    assert Picture.objects.filter(pk=picture.pk).exists()


def test_adviser_reaches_their_assigned_pupil(client, world):
    assigned = world.adviser_pupils[0]
    _records(world, assigned)
    client.force_login(world.adviser.user)
    page = client.get(reverse("profiles:profile", kwargs={"school_slug": world.school.slug,
                                                          "pupil_pk": assigned.pk}))
    assert b"Secret wish" in page.content


def test_class_staff_reach_nothing_of_a_pupil_outside_their_classes(client, world):
    outside = next(p for p in world.pupils if p not in world.class_pupils)
    made, picture = _records(world, outside)
    client.force_login(world.class_teacher.user)
    for method, address in _all_addresses(world.school, outside, made, picture):
        assert getattr(client, method)(address).status_code == 404, f"{method} {address}"


def test_another_schools_records_are_not_found_by_id(leader_client, world, other_world):
    theirs = other_world.pupils[0]
    made, picture = _records(other_world, theirs)
    for method, address in _all_addresses(world.school, theirs, made, picture):
        assert getattr(leader_client, method)(address).status_code == 404, f"{method} {address}"


def test_governor_sees_no_pupils_profile(client, world):
    made, picture = _records(world, world.pupils[0])
    client.force_login(world.leader.user)
    for method, address in _all_addresses(world.school, world.pupils[0], made, picture):
        assert getattr(client, method)(address).status_code == 403, f"{method} {address}"
