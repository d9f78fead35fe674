"""Creating, changing and switching rules through the services: checked, audited, one school only."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from roadahead.activities.models import ActivityType
from roadahead.activities.services import ensure_activity_types
from roadahead.audit.models import AuditEntry
from roadahead.benchmarks.models import Benchmark
from roadahead.benchmarks.services import ensure_benchmarks
from roadahead.entitlements import selectors
from roadahead.entitlements.enums import Period
from roadahead.entitlements.models import EntitlementRule
from roadahead.entitlements.services import create_rule, set_active, update_rule
from roadahead.standing.engine import standing
from tests import factories
from tests.entitlements.conftest import TODAY

pytestmark = pytest.mark.django_db


def bm(school, number):
    return Benchmark.objects.get(school=school, number=number)


@pytest.fixture
def kit(world):
    ensure_activity_types(school=world.school)
    return world


def test_create_rule_saves_what_counts_and_writes_one_audit_entry(kit):
    school = kit.school
    visit = ActivityType.objects.get(school=school, code="workplace-visit")
    pathway = factories.PathwayFactory(school=school, name="Intentional")

    rule = create_rule(school=school, by=kit.careers_leader.user, name="Six employer encounters", required=6,
                       benchmark=bm(school, 5), first_year="7", last_year="14", meaningful_only=True,
                       settings=["off_site"], provider_kinds=["employer"], needs=["SLD"], pathways=[pathway],
                       activity_types=[visit], evidences=[bm(school, 5)])

    rule = selectors.rule_for(school=school, pk=rule.pk)
    assert (rule.code, rule.required, rule.benchmark.number, rule.settings, rule.needs) == (
        "six-employer-encounters", 6, 5, ["off_site"], ["SLD"])
    assert [p.name for p in rule.pathways.all()] == ["Intentional"]
    assert [t.code for t in rule.activity_types.all()] == ["workplace-visit"]
    entry = AuditEntry.objects.get(action="rule.created")
    assert (entry.object_id, entry.user) == (rule.pk, kit.careers_leader.user)


def test_create_rule_without_code_makes_a_unique_one(kit):
    first = create_rule(school=kit.school, by=None, name="Guidance", required=1)
    second = create_rule(school=kit.school, by=None, name="Guidance", required=1)

    assert (first.code, second.code) == ("guidance", "guidance-2")


@pytest.mark.parametrize(("values", "field"), [
    ({"first_year": "7"}, "__all__"),
    ({"first_year": "11", "last_year": "7"}, "__all__"),
    ({"period": Period.YEARS}, "__all__"),
    ({"cutoff_month": 2, "cutoff_day": 28}, "__all__"),
    ({"settings": ["the moon"]}, "settings"),
    ({"provider_kinds": ["wizard"]}, "provider_kinds"),
    ({"needs": ["XYZ"]}, "needs"),
    ({"required": 0}, "required"),
    ({"pal_key_phase": 1}, "pal_key_phase"),
])
def test_create_rule_refuses_a_rule_that_does_not_make_sense(kit, values, field):
    with pytest.raises(ValidationError) as caught:
        create_rule(school=kit.school, by=None, name="Odd", **({"required": 1} | values))

    assert field in caught.value.message_dict
    assert not EntitlementRule.objects.filter(school=kit.school).exists()


def test_create_rule_refuses_another_schools_types_benchmarks_and_pathways(kit, other_world):
    ensure_activity_types(school=other_world.school)
    theirs = {
        "activity_types": [ActivityType.objects.filter(school=other_world.school).first()],
        "evidences": [bm(other_world.school, 5)],
        "pathways": [factories.PathwayFactory(school=other_world.school)],
        "benchmark": bm(other_world.school, 5),
    }
    for name, value in theirs.items():
        with pytest.raises(ValidationError, match="another school"):
            create_rule(school=kit.school, by=None, name="Leaky", required=1, **{name: value})
    assert not EntitlementRule.objects.filter(school=kit.school).exists()


def test_update_rule_changes_only_what_differs_and_lists_it(kit):
    rule = create_rule(school=kit.school, by=None, name="Talks", required=2)
    talk = ActivityType.objects.get(school=kit.school, code="employer-talk")

    changed = update_rule(rule=rule, by=kit.careers_leader.user, required=3, name="Talks", activity_types=[talk])

    assert changed == ["required", "activity_types"]
    rule.refresh_from_db()
    assert rule.required == 3
    assert list(rule.activity_types.values_list("code", flat=True)) == ["employer-talk"]
    assert AuditEntry.objects.get(action="rule.changed").data == {"fields": ["required", "activity_types"]}


def test_update_rule_with_nothing_new_writes_nothing(kit):
    rule = create_rule(school=kit.school, by=None, name="Talks", required=2)

    assert update_rule(rule=rule, by=None, required=2, pathways=[]) == []
    assert not AuditEntry.objects.filter(action="rule.changed").exists()


def test_update_rule_refuses_a_broken_change_and_keeps_the_rule(kit):
    rule = create_rule(school=kit.school, by=None, name="Talks", required=2)

    with pytest.raises(ValidationError):
        update_rule(rule=rule, by=None, period=Period.YEARS)

    rule.refresh_from_db()
    assert rule.period == Period.ACADEMIC_YEAR


def test_update_rule_refuses_another_schools_pathway(kit, other_world):
    rule = create_rule(school=kit.school, by=None, name="Talks", required=2)

    with pytest.raises(ValidationError, match="another school"):
        update_rule(rule=rule, by=None, pathways=[factories.PathwayFactory(school=other_world.school)])
    assert not rule.pathways.exists()


def test_set_active_switches_a_rule_off_and_the_engine_stops_judging_it(kit):
    rule = create_rule(school=kit.school, by=None, name="Talks", required=2)
    assert {r.rule_id for r in standing(school=kit.school, as_of=TODAY).rows} == {rule.pk}

    assert set_active(rule=rule, by=kit.careers_leader.user, active=False) is True
    assert set_active(rule=rule, by=None, active=False) is False

    assert standing(school=kit.school, as_of=TODAY).rows == []
    assert AuditEntry.objects.filter(action="rule.switched_off").count() == 1
    set_active(rule=rule, by=None, active=True)
    assert len(standing(school=kit.school, as_of=TODAY).rows) == len(kit.pupils)


def test_rule_for_another_schools_rule_is_a_404(kit, other_world):
    ensure_benchmarks(school=other_world.school)
    theirs = create_rule(school=other_world.school, by=None, name="Theirs", required=1)

    with pytest.raises(Http404):
        selectors.rule_for(school=kit.school, pk=theirs.pk)
    assert selectors.rule_by_code(school=kit.school, code=theirs.code) is None


def test_rules_of_lists_active_rules_in_order(kit):
    later = create_rule(school=kit.school, by=None, name="B later", required=1, order=2)
    first = create_rule(school=kit.school, by=None, name="A first", required=1, order=1)
    off = create_rule(school=kit.school, by=None, name="C off", required=1, order=0, is_active=False)

    assert list(selectors.rules_of(school=kit.school)) == [off, first, later]
    assert list(selectors.rules_of(school=kit.school, active_only=True)) == [first, later]
