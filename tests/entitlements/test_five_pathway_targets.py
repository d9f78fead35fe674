"""Each target of the five-pathway example programme (examples/programmes/five-pathway.yaml), judged.

The school's 2025/26 spring term runs 6 January to 27 March 2026; today is 10 March 2026.
"""

from __future__ import annotations

import datetime as dt

import pytest

from roadahead.standing.engine import standing
from tests.entitlements.conftest import TODAY

pytestmark = pytest.mark.django_db
YEAR_END = dt.date(2026, 8, 31)
LATE_SUMMER = dt.date(2026, 7, 1)


def test_the_school_extends_independent_guidance_to_year_14(parkside):
    s = parkside
    met, waiting, year_14, year_6 = s.pupil("9", "Pathway 2"), s.pupil("13", "Pathway 4"), s.pupil("14"), s.pupil("6")
    s.record("guidance-meeting", dt.date(2025, 12, 3), [met, year_6])

    rule = s.rule("independent-guidance")
    assert (rule.kind, rule.school_check, rule.first_year, rule.last_year) == (
        "statutory", "independent_guidance", "7", "14")
    assert s.standing_of("independent-guidance") == {
        met.pk: (1, 1, "met"), waiting.pk: (1, 0, "on_track"), year_14.pk: (1, 0, "on_track")}
    assert s.standing_of("independent-guidance", LATE_SUMMER)[year_14.pk] == (1, 0, "at_risk")
    assert s.standing_of("independent-guidance", YEAR_END)[year_14.pk] == (1, 0, "not_met")
    s.school.check_independent_guidance = False
    s.school.save()
    assert s.standing_of("independent-guidance") == {}


def test_a_possible_future_provider_every_year_from_year_7(parkside):
    s = parkside
    at_event, on_visit, at_talk, waiting = s.pupil("7"), s.pupil("12", "Pathway 3"), s.pupil("10"), s.pupil("14")
    year_6 = s.pupil("6")
    s.record("careers-event", dt.date(2025, 11, 20), [at_event, year_6])
    s.record("transition-visit", dt.date(2026, 2, 3), [on_visit])
    s.record("provider-encounter", dt.date(2026, 1, 14), [at_talk])
    s.record("workplace-visit", dt.date(2026, 1, 15), [waiting], setting="off_site")  # an employer, not a provider

    assert s.standing_of("future-provider-every-year") == {
        at_event.pk: (1, 1, "met"), on_visit.pk: (1, 1, "met"), at_talk.pk: (1, 1, "met"),
        waiting.pk: (1, 0, "on_track")}
    assert s.standing_of("future-provider-every-year", LATE_SUMMER)[waiting.pk] == (1, 0, "at_risk")
    assert s.standing_of("future-provider-every-year", YEAR_END)[waiting.pk] == (1, 0, "not_met")


def test_the_autumn_event_every_year_from_year_7_in_person(parkside):
    s = parkside
    whole, part, absent, year_5 = s.pupil("8"), s.pupil("11", "Pathway 1"), s.pupil("13"), s.pupil("5")
    s.record("careers-event", dt.date(2025, 11, 20), [whole, year_5])
    s.record("careers-event", dt.date(2025, 11, 20), [part], attendance="part")
    s.record("careers-event", dt.date(2025, 11, 20), [absent], attendance="absent")

    assert s.standing_of("autumn-event") == {
        whole.pk: (1, 1, "met"), part.pk: (1, 1, "met"), absent.pk: (1, 0, "on_track")}
    assert s.standing_of("autumn-event", LATE_SUMMER)[absent.pk] == (1, 0, "at_risk")
    assert s.standing_of("autumn-event", YEAR_END)[absent.pk] == (1, 0, "not_met")


def test_an_off_site_workplace_visit_every_year_in_the_upper_phase(parkside):
    s = parkside
    met, in_school, waiting, year_10 = s.pupil("7"), s.pupil("8"), s.pupil("9"), s.pupil("10")
    s.record("workplace-visit", dt.date(2026, 2, 4), [met, year_10], setting="off_site")
    s.record("workplace-visit", dt.date(2026, 2, 5), [in_school], setting="on_site")  # not off site

    assert s.standing_of("upper-workplace-visit") == {
        met.pk: (1, 1, "met"), in_school.pk: (1, 0, "on_track"), waiting.pk: (1, 0, "on_track")}
    assert s.standing_of("upper-workplace-visit", LATE_SUMMER)[waiting.pk] == (1, 0, "at_risk")
    assert s.standing_of("upper-workplace-visit", YEAR_END)[in_school.pk] == (1, 0, "not_met")


def test_transition_visits_in_years_12_to_14(parkside):
    s = parkside
    met, on_track, at_risk, missed = (s.pupil("12", "Pathway 1"), s.pupil("13", "Pathway 3"),
                                      s.pupil("14", "Pathway 5"), s.pupil("14", "Pathway 2"))
    year_11 = s.pupil("11", "Pathway 4")
    s.record("transition-visit", dt.date(2026, 1, 20), [met, on_track, missed, year_11], setting="on_site")
    s.record("transition-visit", dt.date(2026, 3, 3), [met])
    s.record("transition-visit", dt.date(2025, 3, 3), [at_risk], times=2)  # last year's visits

    assert s.standing_of("ks5-transition-visits") == {
        met.pk: (2, 2, "met"), on_track.pk: (2, 1, "on_track"), at_risk.pk: (2, 0, "at_risk"),
        missed.pk: (2, 1, "on_track")}
    assert s.standing_of("ks5-transition-visits", YEAR_END)[missed.pk] == (2, 1, "not_met")


def test_work_experience_or_work_related_learning_every_term_from_year_10(parkside):
    s = parkside
    placed, learning, project, autumn_only = s.pupil("10"), s.pupil("12"), s.pupil("14"), s.pupil("11")
    year_9 = s.pupil("9")
    s.record("work-experience", dt.date(2026, 1, 13), [placed, year_9], setting="off_site")
    s.record("work-related-learning", dt.date(2026, 1, 15), [learning])
    s.record("enterprise-project", dt.date(2026, 1, 14), [project], setting="virtual")
    s.record("work-related-learning", dt.date(2025, 11, 13), [autumn_only])  # last term

    spring = s.windows_of("workplace-learning-every-term")
    assert set(spring.values()) == {(dt.date(2026, 1, 6), dt.date(2026, 3, 27))}
    assert s.standing_of("workplace-learning-every-term") == {
        placed.pk: (1, 1, "met"), learning.pk: (1, 1, "met"), project.pk: (1, 1, "met"),
        autumn_only.pk: (1, 0, "at_risk")}
    assert s.standing_of("workplace-learning-every-term", dt.date(2026, 1, 10))[autumn_only.pk] == (1, 0, "on_track")
    assert s.standing_of("workplace-learning-every-term", dt.date(2026, 3, 27))[autumn_only.pk] == (1, 0, "not_met")
    assert s.standing_of("workplace-learning-every-term", dt.date(2025, 12, 19))[autumn_only.pk] == (1, 1, "met")


def test_every_rule_of_the_example_is_judged_with_the_statutory_checks(parkside):
    s = parkside
    s.pupil("12", "Pathway 4")

    report = standing(school=s.school, as_of=TODAY)
    codes = {report.rules[row.rule_id].code for row in report.rows}

    assert {"independent-guidance", "future-provider-every-year", "autumn-event", "ks5-transition-visits",
            "workplace-learning-every-term", "pal-key-phase-3", "bm5-every-year", "bm6-by-18",
            "bm8-by-18"} == codes
