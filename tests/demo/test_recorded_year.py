"""The demo schools hold a realistic recorded year: last academic year in full and this one to today.

The demo is built once for the package (tests/demo/conftest.py) with today as 10 March 2026; these
tests only read it.
"""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from roadahead.activities.models import Activity, Participation, Series
from roadahead.activities.services import judge_meaningful, judge_pal
from roadahead.cpd.models import CpdRecord
from roadahead.curriculum.models import Scheme
from roadahead.events.models import Event, Feedback
from roadahead.lmi.models import LmiItem, LmiShare
from roadahead.people.models import Enrolment, Pupil
from roadahead.providers.enums import ProviderKind
from tests.demo.conftest import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_demo")]
SCHOOLS = ("parkside", "heathfield")


@pytest.mark.parametrize("slug", SCHOOLS)
def test_last_year_is_recorded_in_every_term_and_this_year_up_to_today(slug):
    activities = Activity.objects.filter(school__slug=slug)

    last_year = Counter(activities.filter(academic_year__start_year=2024).values_list("term__name", flat=True))
    assert set(last_year) == {"autumn", "spring", "summer"}
    assert min(last_year.values()) >= 40
    this_year = set(activities.filter(academic_year__start_year=2025).values_list("term__name", flat=True))
    assert this_year == {"autumn", "spring"}
    # Nothing recorded after today; the only later activities are transition visits still to come.
    assert not activities.filter(date__gt=TODAY).exclude(activity_type__code="transition-visit").exists()
    assert not activities.filter(date__week_day__in=[1, 7]).exists()


@pytest.mark.parametrize("slug", SCHOOLS)
def test_autumn_event_has_stallholders_families_pupils_and_feedback(slug):
    event = Event.objects.get(school__slug=slug, activity__date__year=2024)

    stalls = list(event.stallholders.values_list("provider__kind", flat=True))
    assert 9 <= len(stalls) <= 15
    assert event.families_attended >= 15
    assert event.activity.term.name == "autumn"
    assert set(Feedback.objects.filter(event=event).values_list("respondent", flat=True)) == {
        "pupil", "family", "provider", "staff"}
    assert Feedback.objects.filter(event=event, respondent="pupil", added_to_profile=True).exists()
    came = event.activity.participations.exclude(attendance="absent")
    assert came.count() >= 15
    if slug == "parkside":
        assert 12 <= len(stalls) <= 14
        years = set(Enrolment.objects.filter(academic_year__start_year=2024, pupil__in=came.values("pupil"))
                    .values_list("nc_year", flat=True))
        assert years <= {str(n) for n in range(7, 15)}
    else:
        assert stalls.count(ProviderKind.COLLEGE) + stalls.count(ProviderKind.SPECIALIST_COLLEGE) >= 4
        assert stalls.count(ProviderKind.DAY_SERVICE) >= 2


@pytest.mark.parametrize("slug", SCHOOLS)
def test_weekly_series_have_sessions_recorded_one_by_one(slug):
    series = Series.objects.filter(school__slug=slug, activity_type__code="work-experience")

    assert series.exists()
    longest = max(series, key=lambda s: s.sessions.count())
    sessions = list(longest.sessions.order_by("date"))
    assert len(sessions) >= 10
    assert all((b.date - a.date).days % 7 == 0 for a, b in itertools.pairwise(sessions))
    assert all(s.participations.exists() for s in sessions)
    assert longest.pupils.count() == sessions[0].participations.count()


def test_parkside_runs_its_own_series():
    titles = set(Series.objects.filter(school__slug="parkside").values_list("activity_type__code", "title"))

    assert any(code == "work-related-learning" for code, _ in titles)
    assert any(code == "enterprise-project" for code, _ in titles)
    cafe = Series.objects.get(school__slug="parkside", title__startswith="Corner Cup café course 2025")
    assert cafe.sessions.count() == 12


def test_heathfield_runs_class_jobs_and_post_16_careers_series():
    codes = Counter(Series.objects.filter(school__slug="heathfield").values_list("activity_type__code", flat=True))

    assert codes["class-job"] >= 5
    assert codes["careers-lesson"] >= 2


@pytest.mark.parametrize("slug", SCHOOLS)
def test_provider_encounters_from_year_8_some_counting_for_pal(slug):
    encounters = Activity.objects.filter(school__slug=slug, activity_type__is_provider_encounter=True,
                                         academic_year__start_year=2024)

    assert encounters.count() == 6
    assert encounters.filter(counts_for_pal=True).exists()
    assert encounters.filter(counts_for_pal=False).exists()
    years = set(Enrolment.objects.filter(academic_year__start_year=2024,
                                         pupil__participations__activity__in=encounters)
                .values_list("nc_year", flat=True))
    assert "8" in years
    assert not years & {"R", "1", "2", "3", "4", "5", "6", "7"}


@pytest.mark.parametrize("slug", SCHOOLS)
def test_meaningful_and_pal_flags_follow_the_checklist(slug):
    activities = list(Activity.objects.filter(school__slug=slug).select_related("activity_type"))

    assert all(a.meaningful == judge_meaningful(a) for a in activities)
    assert all(a.counts_for_pal == judge_pal(a) for a in activities)
    assert 0.6 < sum(a.meaningful for a in activities) / len(activities) < 0.98


@pytest.mark.parametrize("slug", SCHOOLS)
def test_curriculum_schemes_have_careers_statements_and_linked_lessons(slug):
    schemes = Scheme.objects.filter(school__slug=slug)

    assert schemes.count() >= 5
    assert not schemes.filter(careers_statement="").exists()
    assert all(s.phases.exists() for s in schemes)
    linked = Activity.objects.filter(school__slug=slug, scheme__isnull=False)
    assert linked.values("scheme").distinct().count() >= 3
    assert set(linked.values_list("activity_type__code", flat=True)) >= {"curriculum-lesson"}


def test_parkside_schemes_are_the_four_stem_subjects():
    subjects = set(Scheme.objects.filter(school__slug="parkside").values_list("subject__name", flat=True))

    assert subjects == {"Science", "Maths", "Computing", "Design and Technology"}


@pytest.mark.parametrize("slug", SCHOOLS)
def test_lmi_arrives_monthly_and_is_shared_with_classes_and_families(slug):
    items = LmiItem.objects.filter(school__slug=slug)

    months = {(d.year, d.month) for d in items.values_list("received_on", flat=True)}
    assert len(months) == items.count() >= 18
    shares = LmiShare.objects.filter(school__slug=slug)
    assert shares.filter(class_groups__isnull=False).exists()
    assert shares.filter(with_families=True).exists()
    assert not items.filter(shares__isnull=True).exists()


@pytest.mark.parametrize("slug", SCHOOLS)
def test_staff_have_careers_training_records(slug):
    records = CpdRecord.objects.filter(school__slug=slug)

    assert records.values("member").distinct().count() >= 3
    assert records.filter(member__role="careers_leader").count() > records.filter(member__role="staff").count() / 3


@pytest.mark.parametrize("slug", SCHOOLS)
def test_most_pupils_took_part_with_realistic_attendance_and_voice(slug):
    on_roll = Pupil.objects.filter(school__slug=slug, date_left__isnull=True)
    parts = Participation.objects.filter(school__slug=slug)

    took_part = on_roll.filter(participations__isnull=False).distinct().count()
    assert took_part >= 0.95 * on_roll.count()
    attendance = Counter(parts.values_list("attendance", flat=True))
    total = sum(attendance.values())
    assert 0.05 < attendance["absent"] / total < 0.12
    assert attendance["part"] > 0
    assert set(parts.exclude(response="").values_list("response_method", flat=True)) == {
        "own_words", "symbols", "observed", "advocate"}
    assert len(set(parts.exclude(engagement=None).values_list("engagement", flat=True))) == 4
    assert set(parts.exclude(reaction="").values_list("reaction", flat=True)) == {"liked", "unsure", "disliked"}
    assert parts.exclude(staff_note="").exists()
    assert not parts.filter(attendance="absent", engagement__isnull=False).exists()


def test_some_intentional_pupils_fall_short_of_six_employer_encounters():
    pupils = Enrolment.objects.filter(school__slug="heathfield", academic_year__start_year=2024,
                                      pathway__name="Intentional", nc_year__in=[str(n) for n in range(7, 15)])
    met = Counter(Participation.objects.filter(
        school__slug="heathfield", activity__academic_year__start_year=2024, activity__meaningful=True,
        activity__benchmarks__number=5, pupil__in=pupils.values("pupil")).exclude(attendance="absent")
        .values_list("pupil_id", flat=True))

    counts = [met[e.pupil_id] for e in pupils]
    assert len(counts) >= 3
    assert min(counts) < 6
    assert max(counts) > min(counts)
