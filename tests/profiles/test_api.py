"""The career profile API: reading entries and intended destinations, adding an entry, and the
same visibility as the web pages (an adviser's unassigned pupil is a 404)."""

from __future__ import annotations

import datetime as dt

import pytest

from roadahead.profiles.enums import EntryKind
from roadahead.profiles.models import ProfileEntry
from tests import factories
from tests.api.conftest import ApiClient, token_for
from tests.profiles.factories import category, entry, plan

pytestmark = pytest.mark.django_db

NEW = {"kind": "aspiration", "text": "Work at the garden centre", "source": "pupil", "captured": "symbols"}


def api(member) -> ApiClient:
    return ApiClient(token_for(member, read_only=member.read_only))


def test_entries_are_current_by_default_and_all_on_request(world):
    pupil = world.pupils[0]
    entry(pupil, "Goats", by=world.class_teacher)
    entry(pupil, "Painting", ended_on=dt.date(2026, 2, 1))
    current = api(world.careers_leader).get(f"/pupils/{pupil.pk}/profile-entries").json()
    assert [e["text"] for e in current] == ["Goats"]
    assert current[0]["recorded_by"]["name"] == "Class Teacher"
    everything = api(world.careers_leader).get(f"/pupils/{pupil.pk}/profile-entries", current="false").json()
    assert {e["text"] for e in everything} == {"Goats", "Painting"}


def test_add_an_entry(world):
    pupil = world.adviser_pupils[0]
    response = api(world.adviser).post(f"/pupils/{pupil.pk}/profile-entries", NEW)
    assert response.status_code == 201
    assert response.json()["recorded_on"] == "2026-03-10"
    made = ProfileEntry.objects.get(pupil=pupil)
    assert made.recorded_by == world.adviser
    assert made.kind == EntryKind.ASPIRATION


@pytest.mark.parametrize("missing", ["kind", "text", "source", "captured"])
def test_add_an_entry_without_a_required_field_is_a_422(world, missing):
    data = {k: v for k, v in NEW.items() if k != missing}
    response = api(world.careers_leader).post(f"/pupils/{world.pupils[0].pk}/profile-entries", data)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == missing


def test_adviser_cannot_read_or_add_for_an_unassigned_pupil(world):
    unassigned = world.pupils[1]
    entry(unassigned, "Secret")
    plan(unassigned)
    adviser = api(world.adviser)
    for path in ("profile-entries", "intended-destinations"):
        response = adviser.get(f"/pupils/{unassigned.pk}/{path}")
        assert response.status_code == 404
        assert b"Secret" not in response.content
    assert adviser.post(f"/pupils/{unassigned.pk}/profile-entries", NEW).status_code == 404
    assert ProfileEntry.objects.filter(pupil=unassigned).count() == 1


def test_class_staff_cannot_reach_a_pupil_outside_their_classes(world):
    outside = next(p for p in world.pupils if p not in world.class_pupils)
    assert api(world.class_teacher).get(f"/pupils/{outside.pk}/profile-entries").status_code == 404


def test_governors_get_no_pupil_profile(world):
    assert api(world.leader).get(f"/pupils/{world.pupils[0].pk}/profile-entries").status_code == 403


def test_another_schools_pupil_is_not_found(world, other_world):
    theirs = other_world.pupils[0]
    entry(theirs, "Theirs")
    assert api(world.careers_leader).get(f"/pupils/{theirs.pk}/profile-entries").status_code == 404
    assert api(world.careers_leader).post(f"/pupils/{theirs.pk}/profile-entries", NEW).status_code == 404


def test_intended_destinations_are_judged_against_the_pathway(world):
    pupil = world.pupils[0]
    internship = category(world.school)
    pathway = factories.PathwayFactory(school=world.school, vision="Paid work with support")
    pathway.in_keeping_destinations.add(internship)
    pupil.enrolments.update(pathway=pathway)
    plan(pupil, 2025, pupil_category=internship, pupil_aim="Garden centre")
    [found] = api(world.careers_leader).get(f"/pupils/{pupil.pk}/intended-destinations").json()
    assert found["academic_year"] == "2025/26"
    assert found["pathway_vision"] == "Paid work with support"
    assert found["aims"][0] == {"who": "pupil", "category": {"id": internship.pk, "name": internship.name},
                                "text": "Garden centre", "in_keeping": True}
    assert found["aims"][1]["in_keeping"] is None


def test_add_an_entry_dated_in_the_future_is_a_422(world):
    response = api(world.careers_leader).post(f"/pupils/{world.pupils[0].pk}/profile-entries",
                                              {**NEW, "recorded_on": "2026-04-01"})
    assert response.status_code == 422
    assert not ProfileEntry.objects.exists()
