"""The rules pages: who may read and change them, what the form refuses, and what a change does."""

from __future__ import annotations

import pytest
from django.urls import reverse

from roadahead.activities.models import ActivityType
from roadahead.activities.services import ensure_activity_types
from roadahead.audit.models import AuditEntry
from roadahead.benchmarks.models import Benchmark
from roadahead.entitlements.enums import Period, RuleKind
from roadahead.entitlements.models import EntitlementRule
from roadahead.entitlements.services import create_rule
from tests import factories

pytestmark = pytest.mark.django_db


def url(world, name, **kwargs):
    return reverse(f"rules:{name}", kwargs={"school_slug": world.school.slug, **kwargs})


@pytest.fixture
def rule(world):
    ensure_activity_types(school=world.school)
    five = Benchmark.objects.get(school=world.school, number=5)
    intentional = factories.PathwayFactory(school=world.school, name="Intentional")
    return create_rule(school=world.school, by=None, name="Employer encounters", required=3, meaningful_only=True,
                       evidences=[five], pathways=[intentional], first_year="7", last_year="14",
                       kind=RuleKind.BENCHMARK, source="Gatsby Benchmark 5")


def form_data(**overrides):
    data = {"name": "College visits", "kind": "school", "required": "2", "period": "academic_year", "order": "0",
            "count_part": "on", "required_of_pupils": "on", "is_active": "on"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("role", ["careers_leader", "class_teacher", "adviser", "leader"])
def test_rule_list_shows_rules_in_plain_words_to_every_role(client, world, rule, role):
    client.force_login(getattr(world, role).user)
    response = client.get(url(world, "list"))
    text = response.content.decode()
    assert response.status_code == 200
    assert ("At least 3 meaningful encounters evidencing Benchmark 5 each academic year, for Intentional pupils "
            "in Years 7 to 14") in text
    # Only the careers leader is offered the buttons that change rules.
    assert ("Add a rule" in text) is (role == "careers_leader")
    assert (url(world, "edit", pk=rule.pk) in text) is (role == "careers_leader")


def test_rule_list_groups_rules_by_kind(leader_client, world, rule):
    create_rule(school=world.school, by=None, name="Guidance by 16", required=1, kind=RuleKind.STATUTORY)
    text = leader_client.get(url(world, "list")).content.decode()
    statutory, benchmark, own = (text.index(h) for h in ("Statutory duty", "Gatsby Benchmark<", "own target"))
    assert statutory < text.index("Guidance by 16") < benchmark < text.index("Employer encounters") < own
    assert "No rules of this kind yet." in text[own:]


@pytest.mark.parametrize("role", ["class_teacher", "adviser", "leader"])
def test_rule_detail_is_read_only_for_other_roles(client, world, rule, role):
    client.force_login(getattr(world, role).user)
    text = client.get(url(world, "detail", pk=rule.pk)).content.decode()
    assert "Employer encounters" in text
    assert "Gatsby Benchmark 5" in text
    assert "Switch this rule off" not in text
    assert "Change this rule" not in text
    assert client.get(url(world, "edit", pk=rule.pk)).status_code == 403
    assert client.post(url(world, "set_active", pk=rule.pk)).status_code == 403
    rule.refresh_from_db()
    assert rule.is_active


def test_rule_of_another_school_is_not_found(leader_client, world, other_world):
    theirs = create_rule(school=other_world.school, by=None, name="Their rule", required=1)
    for name in ("detail", "edit"):
        assert leader_client.get(url(world, name, pk=theirs.pk)).status_code == 404
    assert leader_client.post(url(world, "set_active", pk=theirs.pk)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active


def test_careers_leader_creates_rule_with_every_kind_of_field(leader_client, world):
    ensure_activity_types(school=world.school)
    intentional = factories.PathwayFactory(school=world.school, name="Intentional")
    visit = ActivityType.objects.get(school=world.school, code="workplace-visit")
    six = Benchmark.objects.get(school=world.school, number=6)
    response = leader_client.post(url(world, "create"), form_data(
        name="Off-site encounters over Years 12 to 14", kind="school", source="Our programme", required="3",
        period="years", first_year="12", last_year="14", pathways=[intentional.pk], needs=["SLD", "ASD"],
        activity_types=[visit.pk], evidences=[six.pk], settings=["off_site"], provider_kinds=["employer"],
        meaningful_only="on", count_part=None, benchmark=six.pk, order="5"))
    rule = EntitlementRule.objects.get(school=world.school, name="Off-site encounters over Years 12 to 14")
    assert response.status_code == 302
    assert response["Location"] == url(world, "detail", pk=rule.pk)
    assert (rule.period, rule.first_year, rule.last_year, rule.required, rule.order) == ("years", "12", "14", 3, 5)
    assert set(rule.needs) == {"SLD", "ASD"}
    assert rule.settings == ["off_site"]
    assert rule.provider_kinds == ["employer"]
    assert rule.meaningful_only
    assert not rule.count_part
    assert rule.benchmark == six
    assert list(rule.pathways.all()) == [intentional]
    assert list(rule.activity_types.all()) == [visit]
    assert rule.code == "off-site-encounters-over-years-12-to-14"
    assert AuditEntry.objects.filter(school=world.school, action="rule.created", object_id=rule.pk).exists()
    page = leader_client.get(response["Location"]).content.decode()
    assert "is saved" in page
    assert ("At least 3 meaningful encounters of the type Workplace visit evidencing Benchmark 6 with an employer "
            "out of school attended in full across Years 12 to 14, for Intentional pupils with") in page


def test_careers_leader_changes_rule_and_form_starts_from_its_values(leader_client, world, rule):
    page = leader_client.get(url(world, "edit", pk=rule.pk)).content.decode()
    assert 'value="Employer encounters"' in page
    assert 'value="3"' in page
    # The code is fixed once a rule exists: the programme file finds the rule by it.
    assert 'name="code"' not in page
    five = Benchmark.objects.get(school=world.school, number=5)
    response = leader_client.post(url(world, "edit", pk=rule.pk), form_data(
        name="Employer encounters", kind="benchmark", source="Gatsby Benchmark 5", required="4", first_year="7",
        last_year="14",
        meaningful_only="on", evidences=[five.pk], pathways=[p.pk for p in rule.pathways.all()]))
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.required == 4
    entry = AuditEntry.objects.get(school=world.school, action="rule.changed", object_id=rule.pk)
    assert entry.data["fields"] == ["required"]


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"first_year": "7"}, "last_year", "Choose both the first and the last NC year, or neither."),
    ({"last_year": "11"}, "first_year", "Choose both the first and the last NC year, or neither."),
    ({"first_year": "11", "last_year": "7"}, "last_year", "The last NC year must not come before the first."),
    ({"period": "years"}, "first_year", "A rule across years needs its first and last NC year."),
    ({"cutoff_month": "2", "cutoff_day": "28"}, "cutoff_month", "Only a rule across years can have a cut-off date."),
    ({"period": "years", "first_year": "8", "last_year": "9", "cutoff_month": "2"}, "cutoff_day",
     "Give both the cut-off month and day, or neither."),
    ({"required": "0"}, "required", "greater than or equal to 1"),
    ({"name": ""}, "name", "This field is required."),
])
def test_rule_form_refuses_inconsistent_rules(leader_client, world, overrides, field, message):
    response = leader_client.post(url(world, "create"), form_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    page = response.content.decode()
    assert "There is a problem" in page
    assert f'href="#id_{field}"' in page
    assert not EntitlementRule.objects.filter(school=world.school).exists()


def test_rule_form_accepts_pal_key_phase_with_cutoff(leader_client, world):
    response = leader_client.post(url(world, "create"), form_data(
        name="Key phase 1", kind="statutory", period="years", first_year="8", last_year="9", cutoff_month="2",
        cutoff_day="28", pal_only="on", pal_key_phase="1", school_check="provider_access"))
    assert response.status_code == 302
    rule = EntitlementRule.objects.get(school=world.school, name="Key phase 1")
    assert (rule.cutoff_month, rule.cutoff_day, rule.pal_key_phase, rule.school_check) == (2, 28, 1,
                                                                                           "provider_access")


def test_rule_form_refuses_a_code_already_taken(leader_client, world, rule):
    response = leader_client.post(url(world, "create"), form_data(code=rule.code))
    assert response.status_code == 200
    assert EntitlementRule.objects.filter(school=world.school).count() == 1


def test_careers_leader_switches_rule_off_and_on(leader_client, world, rule):
    response = leader_client.post(url(world, "set_active", pk=rule.pk), {"is_active": "0"})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert not rule.is_active
    page = leader_client.get(url(world, "detail", pk=rule.pk)).content.decode()
    assert "switched off: pupils are not judged against it" in page
    assert "Use this rule again" in page
    assert "Switched off" in leader_client.get(url(world, "list")).content.decode()
    leader_client.post(url(world, "set_active", pk=rule.pk), {"is_active": "1"})
    rule.refresh_from_db()
    assert rule.is_active
    assert AuditEntry.objects.filter(school=world.school, object_id=rule.pk,
                                     action__in=["rule.switched_off", "rule.switched_on"]).count() == 2


def test_rule_detail_says_when_the_schools_check_is_off(leader_client, world):
    rule = create_rule(school=world.school, by=None, name="PAL", required=2, period=Period.YEARS, first_year="8",
                       last_year="9", school_check="provider_access", kind=RuleKind.STATUTORY)
    world.school.check_provider_access = False
    world.school.save()
    page = leader_client.get(url(world, "detail", pk=rule.pk)).content.decode()
    assert "which is switched off, so pupils are not judged against it" in page


def test_rule_list_runs_a_fixed_number_of_queries(leader_client, world, rule, django_assert_max_num_queries):
    leader_client.get(url(world, "list"))
    for n in range(10):
        create_rule(school=world.school, by=None, name=f"Rule {n}", required=1,
                    evidences=list(Benchmark.objects.filter(school=world.school)[:2]))
    with django_assert_max_num_queries(20) as few:
        leader_client.get(url(world, "list"))
    create_rule(school=world.school, by=None, name="One more", required=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        leader_client.get(url(world, "list"))
