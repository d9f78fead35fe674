"""The entitlements section of a programme file: checked with line numbers, applied by code, idempotent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from roadahead.entitlements.defaults import DEFAULT_RULES
from roadahead.entitlements.models import EntitlementRule
from roadahead.entitlements.services import create_rule
from roadahead.programmes.schema import ProgrammeInvalid, parse_programme
from roadahead.programmes.services import load_programme
from tests.programmes.conftest import SMALL

RULES = """\
entitlements:
  - code: college-visits
    name: Two college visits a year
    description: Pupils on Pathway A visit colleges.
    kind: school
    source: Our careers programme
    benchmark: 7
    who:
      years: [12, 14]
      pathways: [Pathway A]
      needs: [sld, PMLD]
    what:
      activity_types: [provider-visit]
      evidences: [7]
      settings: [off-site]
      provider_kinds: [college, specialist_college]
      meaningful_only: true
      count_part: false
    required: 2
    period: academic_year
  - code: pal-key-phase-1
    name: Provider access, Years 8-9, three encounters
    kind: statutory
    school_check: provider_access
    benchmark: 7
    who: {years: [8, 9]}
    what: {pal_only: true}
    required: 3
    period: years
    cutoff: "28-02"
    pal_key_phase: 1
  - code: guidance-half-termly
    name: Guidance every half term
    who: {years: [12, 14]}
    what: {activity_types: [guidance-meeting]}
    required: 1
    period: half term
    required_of_pupils: false
    active: false
"""
FULL = SMALL + RULES


def problems_of(text: str) -> list[str]:
    with pytest.raises(ProgrammeInvalid) as caught:
        parse_programme(text)
    return [str(p) for p in caught.value.problems]


def line_of_block(text: str, block: str) -> int:
    return text[:text.index(block)].count("\n") + 1


def test_rules_are_read_with_every_key():
    rules = {r.code: r for r in parse_programme(FULL).entitlements}

    visits = rules["college-visits"]
    assert (visits.first_year, visits.last_year, visits.pathways, visits.needs) == ("12", "14", ["Pathway A"],
                                                                                     ["SLD", "PMLD"])
    assert (visits.activity_types, visits.evidences, visits.settings, visits.provider_kinds) == (
        ["provider-visit"], [7], ["off_site"], ["college", "specialist_college"])
    assert (visits.meaningful_only, visits.count_part, visits.required, visits.period, visits.benchmark) == (
        True, False, 2, "academic_year", 7)
    pal = rules["pal-key-phase-1"]
    assert (pal.kind, pal.school_check, pal.cutoff, pal.pal_key_phase, pal.pal_only, pal.period) == (
        "statutory", "provider_access", (2, 28), 1, True, "years")
    guidance = rules["guidance-half-termly"]
    assert (guidance.period, guidance.required_of_pupils, guidance.active, guidance.kind) == (
        "half_term", False, False, "school")


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    ("  - code: college-visits\n", "  - code: College Visits\n", "code: College Visits",
     "rule code 'College Visits' should be lower-case letters"),
    ("  - code: guidance-half-termly\n", "  - code: college-visits\n", "code: college-visits\n    name: Guidance",
     "there are two entitlement rules with the code 'college-visits'"),
    ("    kind: school\n", "    kind: wish\n", "kind: wish", "the kind of rule 'college-visits' is 'wish'"),
    ("    benchmark: 7\n    who:\n", "    benchmark: 9\n    who:\n", "benchmark: 9", "numbered 1 to 8"),
    ("      years: [12, 14]\n", "      years: [14, 12]\n", "years: [14, 12]", "which is backwards"),
    ("      years: [12, 14]\n", "      years: [12, X]\n", "years: [12, X]", "which is not an NC year"),
    ("      pathways: [Pathway A]\n", "      pathways: [Pathway Z]\n", "pathways: [Pathway Z]",
     "names the pathway 'Pathway Z', which is not in this file's pathways"),
    ("      needs: [sld, PMLD]\n", "      needs: [sld, ZZZ]\n", "needs: [sld, ZZZ]", "lists 'ZZZ'"),
    ("      activity_types: [provider-visit]\n", "      activity_types: [rocket-launch]\n", "rocket-launch",
     "counts the activity type 'rocket-launch'"),
    ("      settings: [off-site]\n", "      settings: [moon]\n", "settings: [moon]", "lists 'moon'"),
    ("      provider_kinds: [college, specialist_college]\n", "      provider_kinds: [wizard]\n", "wizard",
     "lists 'wizard'"),
    ("      meaningful_only: true\n", "      meaningful_only: often\n", "meaningful_only: often",
     "should be true or false"),
    ("      count_part: false\n", "      count_part: false\n      colour: red\n", "colour: red",
     "'what' of rule 'college-visits' has no key 'colour'"),
    ("    required: 2\n", "    required: 0\n", "required: 0", "give a number from 1 to 100"),
    ("    period: academic_year\n", "    period: fortnight\n", "period: fortnight", "is 'fortnight'; use"),
    ("    cutoff: \"28-02\"\n", "    cutoff: \"31-02\"\n", "cutoff: \"31-02\"", "write a day and month as DD-MM"),
    ("    cutoff: \"28-02\"\n", "    cutoff: 2026-02-28\n", "cutoff: 2026-02-28", "write a day and month as DD-MM"),
    ("    pal_key_phase: 1\n", "    pal_key_phase: 4\n", "pal_key_phase: 4", "the key phases are 1, 2 and 3"),
    ("    period: half term\n", "    period: half term\n    cutoff: \"28-02\"\n", "cutoff: \"28-02\"\n    req",
     "only a rule across years (period: years) can have one"),
    ("    who: {years: [8, 9]}\n", "", "period: years", "its 'who' needs years"),
    ("  - code: guidance-half-termly\n    name: Guidance every half term\n", "  - code: guidance-half-termly\n",
     "code: guidance-half-termly", "an entitlement rule has no 'name'"),
])
def test_rule_problem_reported_with_line_and_message(old, new, needle, message):
    assert old in FULL
    text = FULL.replace(old, new, 1)

    problems = problems_of(text)

    expected_line = line_of_block(text, needle)
    assert any(p.startswith(f"line {expected_line}: ") and message in p for p in problems), problems


def test_rules_may_name_only_the_files_own_activity_types_when_it_lists_some():
    text = FULL + "activity_types:\n  - code: college-talk\n    name: College talk\n"

    problems = problems_of(text)

    assert problems == [f"line {line_of_block(text, 'activity_types: [provider-visit]')}: rule 'college-visits' "
                        "counts the activity type 'provider-visit', which is not one of this file's activity types"]


@pytest.mark.django_db
def test_loading_creates_the_default_checks_and_the_files_rules():
    result = load_programme(text=FULL, school_slug=None)

    rules = {r.code: r for r in EntitlementRule.objects.filter(school=result.school)}
    assert set(rules) == {d.code for d in DEFAULT_RULES} | {"college-visits", "guidance-half-termly"}
    visits = rules["college-visits"]
    assert [p.name for p in visits.pathways.all()] == ["Pathway A"]
    assert [t.code for t in visits.activity_types.all()] == ["provider-visit"]
    assert [b.number for b in visits.evidences.all()] == [7]
    assert (visits.benchmark.number, visits.needs, visits.count_part) == (7, ["SLD", "PMLD"], False)
    # The file's rule with a default's code tailors that check for this school.
    pal = rules["pal-key-phase-1"]
    assert (pal.required, pal.name, pal.cutoff_month, pal.cutoff_day) == (
        3, "Provider access, Years 8-9, three encounters", 2, 28)
    assert rules["guidance-half-termly"].is_active is False
    assert result.changes["entitlement rules"].created == len(DEFAULT_RULES) + 2
    assert result.changes["entitlement rules"].updated == 1


@pytest.mark.django_db
def test_loading_rules_twice_changes_nothing():
    load_programme(text=FULL, school_slug=None)
    before = (EntitlementRule.objects.count(), EntitlementRule.pathways.through.objects.count(),
              EntitlementRule.activity_types.through.objects.count())

    result = load_programme(text=FULL, school_slug=None)

    assert not result.changed
    assert result.changes["entitlement rules"].unchanged == 3
    assert (EntitlementRule.objects.count(), EntitlementRule.pathways.through.objects.count(),
            EntitlementRule.activity_types.through.objects.count()) == before


@pytest.mark.django_db
def test_changing_a_rule_in_the_file_updates_only_that_rule():
    load_programme(text=FULL, school_slug=None)

    result = load_programme(text=FULL.replace("      pathways: [Pathway A]\n", ""), school_slug=None)

    assert (result.changes["entitlement rules"].updated, result.changes["entitlement rules"].unchanged) == (1, 2)
    assert not EntitlementRule.objects.get(code="college-visits").pathways.exists()


@pytest.mark.django_db
def test_rules_added_on_screen_are_kept_when_the_file_is_loaded_again():
    school = load_programme(text=FULL, school_slug=None).school
    create_rule(school=school, by=None, code="our-own", name="Our own", required=1)

    load_programme(text=FULL, school_slug=None)

    assert EntitlementRule.objects.filter(school=school, code="our-own").exists()


@pytest.mark.django_db
def test_a_file_without_rules_still_gets_the_default_checks():
    result = load_programme(text=SMALL, school_slug=None)

    assert EntitlementRule.objects.filter(school=result.school).count() == len(DEFAULT_RULES)
    assert not load_programme(text=SMALL, school_slug=None).changed


@pytest.mark.django_db
def test_examples_load_their_targets(five_pathway, four_pathway):
    five = load_programme(text=five_pathway, school_slug=None)
    four = load_programme(text=four_pathway, school_slug=None)

    assert five.changes["entitlement rules"].as_dict() == {"created": 15, "updated": 1, "unchanged": 0}
    assert four.changes["entitlement rules"].as_dict() == {"created": 24, "updated": 0, "unchanged": 0}
    assert five.warnings == []
    assert four.warnings == []


def test_examples_in_the_targets_and_rules_guide_are_valid():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "user" / "targets-and-rules.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", doc, flags=re.DOTALL)
    school = "school:\n  name: Parkside School\npathways:\n" + "".join(f"  - name: Pathway {n}\n" for n in range(1, 6))

    read = [parse_programme(block if block.startswith("school:") else school + block) for block in blocks]

    assert read[0].school.values["check_provider_access"] is False
    assert [[rule.code for rule in programme.entitlements] for programme in read[1:]] == [
        ["independent-guidance"], ["post16-encounters"]]
