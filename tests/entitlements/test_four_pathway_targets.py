"""Each target of the four-pathway example programme (examples/programmes/four-pathway.yaml), judged.

The school's 2025/26 spring term runs 5 January to 27 March 2026, its second half from
23 February; today is 10 March 2026, 191 of the 365 days of the academic year.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.entitlements.conftest import TODAY

pytestmark = pytest.mark.django_db
YEAR_END = dt.date(2026, 8, 31)
LATE_SUMMER = dt.date(2026, 7, 1)
HALF_TERM = (dt.date(2026, 2, 23), dt.date(2026, 3, 27))


def test_three_meaningful_employer_encounters_a_year_for_every_pupil(heathfield):
    s = heathfield
    met, on_track, at_risk, missed = s.pupil("5", "Sensory"), s.pupil("9", "Bridge"), s.pupil("R"), s.pupil("X")
    s.record("employer-talk", dt.date(2025, 10, 1), [met], meaningful=True, times=3)
    s.record("employer-talk", dt.date(2025, 11, 1), [on_track], meaningful=True)
    s.record("employer-talk", dt.date(2025, 11, 1), [missed], meaningful=True, times=2)
    s.record("employer-talk", dt.date(2025, 12, 1), [missed, at_risk])  # not meaningful
    s.record("employer-talk", dt.date(2025, 7, 1), [at_risk], meaningful=True)  # last year

    # A third of the way is the pace: one by now keeps a pupil on track, none is at risk.
    assert s.standing_of("employer-encounters") == {
        met.pk: (3, 3, "met"), on_track.pk: (3, 1, "on_track"), at_risk.pk: (3, 0, "at_risk"),
        missed.pk: (3, 2, "on_track")}
    assert s.standing_of("employer-encounters", YEAR_END)[missed.pk] == (3, 2, "not_met")


def test_four_meaningful_employer_encounters_a_year_for_intentional_years_3_to_6(heathfield):
    s = heathfield
    met, on_track, at_risk, missed = (s.pupil("3", "Intentional"), s.pupil("6", "Intentional"),
                                      s.pupil("4", "Intentional"), s.pupil("5", "Intentional"))
    other_pathway, older = s.pupil("4", "Bridge"), s.pupil("7", "Intentional")
    s.record("careers-week", dt.date(2026, 3, 9), [met], meaningful=True)  # careers week evidences Benchmark 5
    s.record("employer-talk", dt.date(2025, 10, 1), [met], meaningful=True, times=3)
    s.record("employer-talk", dt.date(2025, 10, 1), [on_track, other_pathway, older], meaningful=True, times=2)
    s.record("employer-talk", dt.date(2025, 10, 1), [at_risk], meaningful=True)
    s.record("employer-talk", dt.date(2025, 11, 1), [missed], meaningful=True, times=3)

    assert s.standing_of("employer-encounters-intentional-y3-6") == {
        met.pk: (4, 4, "met"), on_track.pk: (4, 2, "on_track"), at_risk.pk: (4, 1, "at_risk"),
        missed.pk: (4, 3, "on_track")}
    assert s.standing_of("employer-encounters-intentional-y3-6", YEAR_END)[missed.pk] == (4, 3, "not_met")


def test_six_meaningful_employer_encounters_a_year_for_intentional_years_7_to_14(heathfield):
    s = heathfield
    met, on_track, at_risk, missed = (s.pupil("7", "Intentional"), s.pupil("10", "Intentional"),
                                      s.pupil("12", "Intentional"), s.pupil("14", "Intentional"))
    not_intentional = s.pupil("10", "Active")
    s.record("workplace-visit", dt.date(2025, 9, 15), [met], meaningful=True, setting="off_site", times=6)
    s.record("employer-talk", dt.date(2025, 10, 1), [on_track, missed], meaningful=True, times=3)
    s.record("employer-talk", dt.date(2025, 10, 1), [at_risk, not_intentional], meaningful=True, times=2)
    s.record("employer-talk", dt.date(2026, 5, 1), [missed], meaningful=True, times=2)

    assert s.standing_of("employer-encounters-intentional-y7-14") == {
        met.pk: (6, 6, "met"), on_track.pk: (6, 3, "on_track"), at_risk.pk: (6, 2, "at_risk"),
        missed.pk: (6, 3, "on_track")}
    assert s.standing_of("employer-encounters-intentional-y7-14", YEAR_END)[missed.pk] == (6, 5, "not_met")


@pytest.mark.parametrize(("code", "activity", "day"), [("careers-week", "careers-week", dt.date(2026, 3, 9)),
                                                      ("science-week", "science-week", dt.date(2025, 11, 17))])
def test_careers_week_and_science_week_every_year_for_every_pupil(heathfield, code, activity, day):
    s = heathfield
    met, waiting = s.pupil("N1", "Sensory"), s.pupil("13", "Intentional")
    s.record(activity, day, [met])
    s.record(activity, dt.date(2025, 3, 10), [waiting])  # last year's week

    assert s.standing_of(code) == {met.pk: (1, 1, "met"), waiting.pk: (1, 0, "on_track")}
    assert s.standing_of(code, LATE_SUMMER)[waiting.pk] == (1, 0, "at_risk")
    assert s.standing_of(code, YEAR_END) == {met.pk: (1, 1, "met"), waiting.pk: (1, 0, "not_met")}


def test_six_employer_encounters_over_years_12_to_14_for_intentional_pupils(heathfield):
    s = heathfield
    met, missed = s.pupil("14", "Intentional"), s.pupil("14", "Intentional")
    on_track, at_risk = s.pupil("13", "Intentional"), s.pupil("13", "Intentional")
    s.record("employer-talk", dt.date(2023, 10, 2), [met, missed], times=2)  # Year 12
    s.record("employer-talk", dt.date(2024, 10, 2), [met, missed, on_track, at_risk], times=2)  # Year 13 / 12
    s.record("employer-talk", dt.date(2025, 10, 2), [met, on_track], times=2)
    s.record("employer-talk", dt.date(2025, 10, 2), [missed])
    s.record("employer-talk", dt.date(2024, 3, 2), [on_track, at_risk], times=3)  # Year 11: before the span

    windows = s.windows_of("post16-encounters-intentional")
    assert (windows[met.pk], windows[on_track.pk]) == ((dt.date(2023, 9, 1), dt.date(2026, 8, 31)),
                                                       (dt.date(2024, 9, 1), dt.date(2027, 8, 31)))
    # Half of the younger pupils' three years has gone, so three is the pace; the Year 14 pupil
    # short of six is at risk with under six months left.
    assert s.standing_of("post16-encounters-intentional") == {
        met.pk: (6, 6, "met"), missed.pk: (6, 5, "at_risk"), on_track.pk: (6, 4, "on_track"),
        at_risk.pk: (6, 2, "at_risk")}
    assert s.standing_of("post16-encounters-intentional", YEAR_END)[missed.pk] == (6, 5, "not_met")


def test_three_of_the_post_16_encounters_off_site_for_intentional_pupils(heathfield):
    s = heathfield
    met, missed = s.pupil("14", "Intentional"), s.pupil("14", "Intentional")
    on_track, at_risk = s.pupil("13", "Intentional"), s.pupil("13", "Intentional")
    bridge = s.pupil("13", "Bridge")
    s.record("workplace-visit", dt.date(2023, 11, 2), [met, missed, bridge], setting="off_site", times=2)
    s.record("workplace-visit", dt.date(2025, 11, 2), [met, on_track], setting="off_site")
    s.record("employer-talk", dt.date(2025, 1, 20), [missed, at_risk], setting="on_site", times=4)

    assert s.standing_of("post16-offsite-encounters-intentional") == {
        met.pk: (3, 3, "met"), missed.pk: (3, 2, "at_risk"), on_track.pk: (3, 1, "on_track"),
        at_risk.pk: (3, 0, "at_risk")}
    assert s.standing_of("post16-offsite-encounters-intentional", YEAR_END)[missed.pk] == (3, 2, "not_met")


def test_three_further_education_visits_a_year_for_intentional_post_16(heathfield):
    s = heathfield
    met, on_track, at_risk, missed = (s.pupil("12", "Intentional"), s.pupil("13", "Intentional"),
                                      s.pupil("14", "Intentional"), s.pupil("12", "Intentional"))
    younger = s.pupil("11", "Intentional")
    s.record("provider-visit", dt.date(2025, 10, 8), [met, younger], provider_kinds=["college"], times=2)
    s.record("provider-visit", dt.date(2026, 1, 14), [met, on_track], provider_kinds=["specialist_college"])
    s.record("provider-visit", dt.date(2026, 1, 15), [at_risk], provider_kinds=["day_service"])  # not FE
    s.record("provider-visit", dt.date(2026, 1, 16), [at_risk])  # no provider recorded
    s.record("provider-visit", dt.date(2025, 11, 8), [missed], provider_kinds=["college"], times=2)

    assert s.standing_of("fe-visits-intentional-post16") == {
        met.pk: (3, 3, "met"), on_track.pk: (3, 1, "on_track"), at_risk.pk: (3, 0, "at_risk"),
        missed.pk: (3, 2, "on_track")}
    assert s.standing_of("fe-visits-intentional-post16", YEAR_END)[missed.pk] == (3, 2, "not_met")


def test_two_day_service_or_college_visits_a_year_for_the_other_pathways_post_16(heathfield):
    s = heathfield
    met, on_track, at_risk, missed = (s.pupil("12", "Sensory"), s.pupil("13", "Active"), s.pupil("14", "Bridge"),
                                      s.pupil("12", "Active"))
    intentional = s.pupil("12", "Intentional")
    s.record("provider-visit", dt.date(2025, 10, 8), [met, intentional], provider_kinds=["day_service"])
    s.record("provider-visit", dt.date(2026, 2, 4), [met, on_track, missed], provider_kinds=["specialist_college"])
    s.record("provider-visit", dt.date(2026, 2, 5), [at_risk], provider_kinds=["employer"])  # not a college

    assert s.standing_of("provider-visits-post16") == {
        met.pk: (2, 2, "met"), on_track.pk: (2, 1, "on_track"), at_risk.pk: (2, 0, "at_risk"),
        missed.pk: (2, 1, "on_track")}
    assert s.standing_of("provider-visits-post16", YEAR_END)[missed.pk] == (2, 1, "not_met")


def test_two_college_or_apprenticeship_talks_a_year_post_16(heathfield):
    s = heathfield
    met, on_track, at_risk, missed = (s.pupil("12", "Intentional"), s.pupil("13", "Bridge"), s.pupil("14", "Active"),
                                      s.pupil("13", "Sensory"))
    year_11 = s.pupil("11", "Intentional")
    s.record("provider-encounter", dt.date(2025, 10, 8), [met, on_track, missed, year_11])
    s.record("provider-encounter", dt.date(2026, 2, 4), [met], pal=True)
    s.record("employer-talk", dt.date(2026, 2, 5), [at_risk])  # an employer, not a provider

    assert s.standing_of("fe-apprenticeship-talks-post16") == {
        met.pk: (2, 2, "met"), on_track.pk: (2, 1, "on_track"), at_risk.pk: (2, 0, "at_risk"),
        missed.pk: (2, 1, "on_track")}
    assert s.standing_of("fe-apprenticeship-talks-post16", YEAR_END)[missed.pk] == (2, 1, "not_met")


@pytest.mark.parametrize(("code", "activity", "year"), [("guidance-every-half-term", "guidance-meeting", "13"),
                                                       ("lmi-every-half-term", "lmi-session", "9")])
def test_once_every_half_term_for_intentional_pupils(heathfield, code, activity, year):
    s = heathfield
    met, waiting, bridge = s.pupil(year, "Intentional"), s.pupil(year, "Intentional"), s.pupil(year, "Bridge")
    s.record(activity, dt.date(2026, 3, 2), [met, bridge])
    s.record(activity, dt.date(2026, 2, 10), [waiting])  # the half term before

    assert s.windows_of(code) == {met.pk: HALF_TERM, waiting.pk: HALF_TERM}
    assert s.standing_of(code) == {met.pk: (1, 1, "met"), waiting.pk: (1, 0, "on_track")}
    # Three quarters of the half term gone (20 March), then over (the Easter holiday).
    assert s.standing_of(code, dt.date(2026, 3, 20))[waiting.pk] == (1, 0, "at_risk")
    assert s.standing_of(code, dt.date(2026, 4, 1))[waiting.pk] == (1, 0, "not_met")
    # The next half term starts again from nothing.
    assert s.standing_of(code, dt.date(2026, 4, 14))[met.pk] == (1, 0, "on_track")


@pytest.mark.parametrize(("code", "activity", "pathway"), [
    ("work-experience-intentional-post16", "work-experience", "Intentional"),
    ("careers-sessions-post16", "careers-lesson", "Active")])
def test_weekly_sessions_post_16_at_least_five_a_half_term(heathfield, code, activity, pathway):
    s = heathfield
    met, on_track, at_risk, missed = (s.pupil("12", pathway), s.pupil("13", pathway), s.pupil("14", pathway),
                                      s.pupil("12", pathway))
    s.record(activity, dt.date(2026, 2, 23), [met], times=5)
    s.record(activity, dt.date(2026, 2, 24), [on_track], times=2)
    s.record(activity, dt.date(2026, 2, 2), [at_risk], times=4)  # the first half of the term
    s.record(activity, dt.date(2026, 2, 25), [at_risk])
    s.record(activity, dt.date(2026, 2, 23), [missed], times=2)
    s.record(activity, dt.date(2026, 3, 16), [missed], times=2)

    # Half of the half term gone: two sessions is the pace.
    assert s.standing_of(code) == {
        met.pk: (5, 5, "met"), on_track.pk: (5, 2, "on_track"), at_risk.pk: (5, 1, "at_risk"),
        missed.pk: (5, 2, "on_track")}
    assert s.standing_of(code, HALF_TERM[1])[missed.pk] == (5, 4, "not_met")


def test_work_experience_target_is_for_intentional_pupils_only(heathfield):
    s = heathfield
    intentional, sensory = s.pupil("12", "Intentional"), s.pupil("12", "Sensory")

    assert set(s.standing_of("work-experience-intentional-post16")) == {intentional.pk}
    assert set(s.standing_of("careers-sessions-post16")) == {intentional.pk, sensory.pk}


def test_the_statutory_checks_sit_beside_the_schools_targets(heathfield):
    s = heathfield
    pupil = s.pupil("9", "Intentional")
    s.record("provider-encounter", dt.date(2024, 11, 5), [pupil], pal=True)
    s.record("provider-encounter", dt.date(2025, 11, 5), [pupil], pal=True)

    assert s.standing_of("pal-key-phase-1", TODAY) == {pupil.pk: (2, 2, "met")}
    assert s.rule("employer-encounters").kind == "school"
