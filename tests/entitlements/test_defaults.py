"""Road Ahead's statutory and benchmark checks: created once, switchable per school, judged right."""

from __future__ import annotations

import datetime as dt

import pytest

from roadahead.activities.models import ActivityType
from roadahead.audit.models import AuditEntry
from roadahead.entitlements.defaults import DEFAULT_RULES
from roadahead.entitlements.models import EntitlementRule
from roadahead.entitlements.services import ensure_default_rules, update_rule
from roadahead.standing.engine import standing
from tests import factories
from tests.entitlements.conftest import TODAY

pytestmark = pytest.mark.django_db
YEAR_END = dt.date(2026, 8, 31)
LATE_SUMMER = dt.date(2026, 7, 1)  # more than three quarters of the year gone


def test_defaults_are_created_with_kind_source_switch_and_benchmark(plain):
    rules = {r.code: r for r in EntitlementRule.objects.filter(school=plain.school).select_related("benchmark")}

    summary = {code: (r.kind, r.source, r.school_check, r.benchmark.number, r.first_year, r.last_year, r.required,
                      r.period) for code, r in rules.items()}
    assert summary == {
        "pal-key-phase-1": ("statutory", "Provider Access Legislation (2023)", "provider_access", 7, "8", "9", 2,
                            "years"),
        "pal-key-phase-2": ("statutory", "Provider Access Legislation (2023)", "provider_access", 7, "10", "11", 2,
                            "years"),
        "pal-key-phase-3": ("statutory", "Provider Access Legislation (2023)", "provider_access", 7, "12", "13", 2,
                            "years"),
        "independent-guidance": ("statutory", "Statutory guidance: independent careers guidance (Years 7-13)",
                                 "independent_guidance", 8, "7", "13", 1, "academic_year"),
        "bm5-every-year": ("benchmark", "Gatsby Benchmark 5", "gatsby_benchmarks", 5, "7", "14", 1, "academic_year"),
        "bm6-by-16": ("benchmark", "Gatsby Benchmark 6", "gatsby_benchmarks", 6, "7", "11", 2, "years"),
        "bm6-by-18": ("benchmark", "Gatsby Benchmark 6", "gatsby_benchmarks", 6, "12", "13", 1, "years"),
        "bm7-by-16": ("benchmark", "Gatsby Benchmark 7", "gatsby_benchmarks", 7, "7", "11", 2, "years"),
        "bm8-by-16": ("benchmark", "Gatsby Benchmark 8", "gatsby_benchmarks", 8, "7", "11", 1, "years"),
        "bm8-by-18": ("benchmark", "Gatsby Benchmark 8", "gatsby_benchmarks", 8, "12", "13", 1, "years"),
    }
    pal = [rules[f"pal-key-phase-{n}"] for n in (1, 2, 3)]
    assert [(r.pal_key_phase, r.pal_only, r.cutoff_month, r.cutoff_day, r.required_of_pupils) for r in pal] == [
        (1, True, 2, 28, True), (2, True, 2, 28, True), (3, True, 2, 28, False)]
    assert sorted(rules["bm7-by-16"].provider_kinds) == [
        "college", "day_service", "sixth_form", "specialist_college", "training_provider"]
    assert list(rules["bm8-by-16"].activity_types.values_list("code", flat=True)) == ["guidance-meeting"]


def test_ensure_default_rules_twice_creates_nothing_more(plain):
    before = EntitlementRule.objects.filter(school=plain.school).count()

    assert ensure_default_rules(school=plain.school) == []

    assert EntitlementRule.objects.filter(school=plain.school).count() == before == len(DEFAULT_RULES)
    assert AuditEntry.objects.filter(action="rule.defaults_created").count() == 1


def test_ensure_default_rules_keeps_the_schools_changes_and_restores_a_deleted_check(plain):
    rule = plain.rule("bm5-every-year")
    update_rule(rule=rule, by=None, required=2, is_active=False)
    plain.rule("bm8-by-18").delete()

    made = ensure_default_rules(school=plain.school)

    assert [r.code for r in made] == ["bm8-by-18"]
    rule.refresh_from_db()
    assert (rule.required, rule.is_active) == (2, False)


def test_ensure_default_rules_adds_the_guidance_meeting_type_if_missing(db):
    school = factories.SchoolFactory(slug="bare")

    ensure_default_rules(school=school)

    kind = ActivityType.objects.get(school=school, code="guidance-meeting")
    assert list(kind.default_benchmarks.values_list("number", flat=True)) == [8]
    assert ActivityType.objects.filter(school=school).count() == 1
    rule = EntitlementRule.objects.get(school=school, code="independent-guidance")
    assert list(rule.activity_types.all()) == [kind]


@pytest.mark.parametrize(("switch", "codes"), [
    ("check_provider_access", {"pal-key-phase-1", "pal-key-phase-2", "pal-key-phase-3"}),
    ("check_independent_guidance", {"independent-guidance"}),
    ("check_gatsby_benchmarks", {"bm5-every-year", "bm6-by-16", "bm6-by-18", "bm7-by-16", "bm8-by-16",
                                 "bm8-by-18"}),
])
def test_a_switched_off_check_gives_no_rows_and_the_others_stay(plain, switch, codes):
    for year in ("8", "10", "12"):
        plain.pupil(year)
    judged = {plain.rule(code).pk for code in codes}
    assert judged <= {row.rule_id for row in standing(school=plain.school, as_of=TODAY).rows}

    setattr(plain.school, switch, False)
    plain.school.save()

    rows = standing(school=plain.school, as_of=TODAY).rows
    assert rows
    assert not judged & {row.rule_id for row in rows}


@pytest.mark.parametrize(("phase", "younger", "older"), [(1, "8", "9"), (2, "10", "11"), (3, "12", "13")])
def test_pal_key_phase_counts_to_28_february_of_its_second_year(plain, phase, younger, older):
    code = f"pal-key-phase-{phase}"
    met, missed, on_track, at_risk = plain.pupil(older), plain.pupil(older), plain.pupil(younger), plain.pupil(younger)
    plain.record("provider-encounter", dt.date(2024, 11, 5), [met], pal=True)  # the first year of the phase
    plain.record("provider-encounter", dt.date(2026, 2, 28), [met], pal=True)  # the cut-off day itself
    plain.record("provider-encounter", dt.date(2025, 10, 1), [missed], pal=True)
    plain.record("provider-encounter", dt.date(2025, 11, 1), [missed])  # not all four points: not PAL
    plain.record("provider-encounter", dt.date(2026, 3, 2), [missed], pal=True)  # after the cut-off
    plain.record("provider-encounter", dt.date(2026, 5, 1), [on_track], pal=True)

    assert plain.windows_of(code)[met.pk] == (dt.date(2024, 9, 1), dt.date(2026, 2, 28))
    assert plain.windows_of(code)[on_track.pk] == (dt.date(2025, 9, 1), dt.date(2027, 2, 28))
    # The third key phase is offered, not required of pupils: a pupil short of it is never not met or at risk.
    short = "not_met" if phase != 3 else "on_track"
    behind = "at_risk" if phase != 3 else "on_track"
    assert plain.standing_of(code) == {
        met.pk: (2, 2, "met"), missed.pk: (2, 1, short), on_track.pk: (2, 0, "on_track"),
        at_risk.pk: (2, 0, "on_track")}
    # By 1 August well over half of the younger pupils' window has gone: one encounter is the pace.
    later = plain.standing_of(code, dt.date(2026, 8, 1))
    assert (later[on_track.pk], later[at_risk.pk]) == ((2, 1, "on_track"), (2, 0, behind))
    assert plain.rule(code).required_of_pupils is (phase != 3)


def test_independent_guidance_every_year_from_year_7_to_13(plain):
    met, waiting, missed = plain.pupil("13"), plain.pupil("7"), plain.pupil("10")
    too_young, too_old = plain.pupil("6"), plain.pupil("14")
    plain.record("guidance-meeting", dt.date(2025, 11, 12), [met, too_old])
    plain.record("careers-lesson", dt.date(2025, 11, 13), [missed])  # a lesson is not guidance
    plain.record("guidance-meeting", dt.date(2025, 6, 1), [missed])  # last year's does not count this year

    assert plain.standing_of("independent-guidance") == {
        met.pk: (1, 1, "met"), waiting.pk: (1, 0, "on_track"), missed.pk: (1, 0, "on_track")}
    assert plain.standing_of("independent-guidance", LATE_SUMMER)[missed.pk] == (1, 0, "at_risk")
    assert plain.standing_of("independent-guidance", YEAR_END)[missed.pk] == (1, 0, "not_met")
    assert too_young.pk not in plain.standing_of("independent-guidance")


def test_benchmark_5_a_meaningful_employer_encounter_every_year_from_year_7(plain):
    met, waiting, missed, too_young = plain.pupil("7"), plain.pupil("11"), plain.pupil("14"), plain.pupil("6")
    plain.record("employer-talk", dt.date(2025, 10, 2), [met, too_young], meaningful=True)
    plain.record("employer-talk", dt.date(2025, 10, 3), [missed])  # not meaningful: no reflection, no purpose

    assert plain.standing_of("bm5-every-year") == {
        met.pk: (1, 1, "met"), waiting.pk: (1, 0, "on_track"), missed.pk: (1, 0, "on_track")}
    assert plain.standing_of("bm5-every-year", LATE_SUMMER)[waiting.pk] == (1, 0, "at_risk")
    assert plain.standing_of("bm5-every-year", YEAR_END)[missed.pk] == (1, 0, "not_met")


def test_benchmark_6_workplace_experiences_by_16(plain):
    met, short, beginning, behind = plain.pupil("11"), plain.pupil("11"), plain.pupil("7"), plain.pupil("9")
    plain.record("workplace-visit", dt.date(2023, 10, 4), [met], meaningful=True, setting="off_site")  # in Year 9
    plain.record("work-experience", dt.date(2025, 10, 4), [met, short], meaningful=True, setting="off_site")
    plain.record("workplace-visit", dt.date(2025, 10, 5), [short, behind], setting="off_site")  # not meaningful

    assert plain.windows_of("bm6-by-16")[met.pk] == (dt.date(2021, 9, 1), dt.date(2026, 8, 31))
    assert plain.standing_of("bm6-by-16") == {
        met.pk: (2, 2, "met"), short.pk: (2, 1, "at_risk"), beginning.pk: (2, 0, "on_track"),
        behind.pk: (2, 0, "at_risk")}
    assert plain.standing_of("bm6-by-16", YEAR_END)[short.pk] == (2, 1, "not_met")


def test_benchmark_6_a_further_workplace_experience_by_18(plain):
    met, beginning, behind = plain.pupil("13"), plain.pupil("12"), plain.pupil("13")
    plain.record("work-experience", dt.date(2024, 10, 4), [met], meaningful=True)  # in Year 12
    plain.record("work-experience", dt.date(2024, 6, 4), [behind], meaningful=True)  # in Year 11: the by-16 span

    assert plain.standing_of("bm6-by-18") == {
        met.pk: (1, 1, "met"), beginning.pk: (1, 0, "on_track"), behind.pk: (1, 0, "at_risk")}
    assert plain.standing_of("bm6-by-18", YEAR_END)[behind.pk] == (1, 0, "not_met")


def test_benchmark_7_encounters_with_the_range_of_providers_by_16(plain):
    met, short, beginning, behind = plain.pupil("11"), plain.pupil("11"), plain.pupil("7"), plain.pupil("9")
    plain.record("careers-event", dt.date(2024, 11, 20), [met], provider_kinds=["college"])
    plain.record("provider-visit", dt.date(2025, 11, 20), [met, short], provider_kinds=["day_service"])
    plain.record("provider-visit", dt.date(2025, 12, 1), [short, behind], provider_kinds=["employer"])
    plain.record("provider-visit", dt.date(2025, 12, 2), [short])  # no provider named

    assert plain.standing_of("bm7-by-16") == {
        met.pk: (2, 2, "met"), short.pk: (2, 1, "at_risk"), beginning.pk: (2, 0, "on_track"),
        behind.pk: (2, 0, "at_risk")}
    assert plain.standing_of("bm7-by-16", YEAR_END)[short.pk] == (2, 1, "not_met")


def test_benchmark_8_a_guidance_meeting_by_16_and_another_by_18(plain):
    met_16, behind_16, early_16 = plain.pupil("11"), plain.pupil("11"), plain.pupil("9")
    met_18, behind_18, early_18 = plain.pupil("13"), plain.pupil("13"), plain.pupil("12")
    plain.record("guidance-meeting", dt.date(2022, 12, 1), [met_16])  # in Year 8
    plain.record("transition-visit", dt.date(2025, 12, 1), [behind_16, behind_18])  # evidences 8, not a meeting
    plain.record("guidance-meeting", dt.date(2025, 1, 15), [met_18])  # in Year 12
    plain.record("guidance-meeting", dt.date(2024, 1, 15), [behind_18])  # in Year 11: counts only by 16

    assert plain.standing_of("bm8-by-16") == {
        met_16.pk: (1, 1, "met"), behind_16.pk: (1, 0, "at_risk"), early_16.pk: (1, 0, "on_track")}
    assert plain.standing_of("bm8-by-18") == {
        met_18.pk: (1, 1, "met"), behind_18.pk: (1, 0, "at_risk"), early_18.pk: (1, 0, "on_track")}
    assert plain.standing_of("bm8-by-16", YEAR_END)[behind_16.pk] == (1, 0, "not_met")
    assert plain.standing_of("bm8-by-18", YEAR_END)[behind_18.pk] == (1, 0, "not_met")
