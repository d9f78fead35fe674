from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from roadahead.activities import type_services
from roadahead.activities.defaults import DEFAULT_ACTIVITY_TYPES
from roadahead.activities.models import ActivityType
from roadahead.activities.services import ensure_activity_types
from roadahead.audit.models import AuditEntry
from roadahead.benchmarks.models import Benchmark
from roadahead.benchmarks.services import ensure_benchmarks, update_benchmark

pytestmark = pytest.mark.django_db


def test_defaults_give_every_school_eight_benchmarks_and_the_usual_types(world, other_world):
    ensure_activity_types(school=world.school)
    assert list(Benchmark.objects.filter(school=world.school).values_list("number", flat=True)) == list(range(1, 9))
    assert ActivityType.objects.filter(school=world.school).count() == len(DEFAULT_ACTIVITY_TYPES)
    pal = ActivityType.objects.get(school=world.school, code="provider-encounter")
    assert pal.is_provider_encounter
    assert [b.number for b in pal.default_benchmarks.all()] == [7]
    visit = ActivityType.objects.get(school=world.school, code="workplace-visit")
    assert (visit.is_workplace_experience, sorted(b.number for b in visit.default_benchmarks.all())) == (True, [5, 6])
    assert not ActivityType.objects.filter(school=other_world.school).exists()
    # Running again adds nothing.
    assert ensure_activity_types(school=world.school) == []


def test_create_and_change_an_activity_type(world):
    benchmarks = {b.number: b for b in ensure_benchmarks(school=world.school)}
    kind = type_services.create_activity_type(
        school=world.school, by=world.careers_leader.user, benchmarks=[benchmarks[4], benchmarks[6]],
        name="Careers week", description="A week of careers learning for the whole school.",
        default_setting="on_site", is_provider_encounter=False, is_workplace_experience=False, order=5,
        is_active=True)
    assert kind.code == "careers-week"
    changed = type_services.update_activity_type(kind=kind, by=world.careers_leader.user, benchmarks=[benchmarks[4]],
                                                 name="Careers and science week")
    assert changed == ["name", "default_benchmarks"]
    assert [b.number for b in kind.default_benchmarks.all()] == [4]
    assert list(AuditEntry.objects.filter(object_id=kind.pk).values_list("action", flat=True)) == [
        "activity_type.changed", "activity_type.created"]


def test_activity_type_names_are_unique_in_a_school(world):
    ensure_activity_types(school=world.school)
    with pytest.raises(ValidationError, match="already an activity type called"):
        type_services.create_activity_type(school=world.school, by=None, benchmarks=[], name="workplace visit")


def test_benchmarks_of_another_school_are_refused(world, other_world):
    theirs = ensure_benchmarks(school=other_world.school)
    with pytest.raises(ValidationError, match="another school"):
        type_services.create_activity_type(school=world.school, by=None, benchmarks=theirs[:1], name="Odd")


def test_update_benchmark_changes_the_wording_once(world):
    five = ensure_benchmarks(school=world.school)[4]
    assert update_benchmark(benchmark=five, by=None, title="Meeting employers", summary="") == ["title", "summary"]
    assert update_benchmark(benchmark=five, by=None, title="Meeting employers", summary="") == []


def test_careers_leader_edits_types_through_the_pages(leader_client, world):
    page = leader_client.get("/s/oakfield/set-up/activity-types/")
    assert page.status_code == 200
    assert "Provider encounter (PAL)" in page.content.decode()
    kind = ActivityType.objects.get(school=world.school, code="class-job")
    six = Benchmark.objects.get(school=world.school, number=6)
    response = leader_client.post(f"/s/oakfield/set-up/activity-types/{kind.pk}/", {
        "name": "Class job", "description": "", "default_setting": "on_site", "order": 3, "is_active": "on",
        "benchmarks": [six.pk, Benchmark.objects.get(school=world.school, number=4).pk]})
    assert response.status_code == 302
    assert sorted(b.number for b in kind.default_benchmarks.all()) == [4, 6]


def test_governor_reads_types_but_cannot_change_them(client, world):
    client.force_login(world.leader.user)
    ensure_activity_types(school=world.school)
    body = client.get("/s/oakfield/set-up/activity-types/").content.decode()
    assert "Workplace visit" in body
    assert "Add an activity type" not in body
