"""`roadahead synth`: synthetic schools with the expected shape, the same every time for a seed."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from roadahead.activities.enums import Attendance
from roadahead.activities.models import Activity, Participation
from roadahead.activities.services import judge_meaningful, judge_pal
from roadahead.demo.synth import PRESETS, SynthSpec, synthesise
from roadahead.entitlements.models import EntitlementRule
from roadahead.people.models import Enrolment, Pupil, PupilNeed
from roadahead.schools.models import School
from roadahead.standing.engine import on_roll, standing

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 10)


def small(**overrides) -> SynthSpec:
    preset = PRESETS["small"]
    values = {"schools": preset.schools, "pupils": preset.pupils, "years": preset.years, "kind": preset.kind,
              "today": TODAY, "seed": 3} | overrides
    return SynthSpec(**values)


def snapshot(school: School) -> dict:
    """Everything generated for a school, with database ids replaced by what they stand for."""
    return {
        "pupils": sorted(Pupil.objects.filter(school=school).values_list(
            "upn", "legal_forename", "legal_surname", "date_of_birth", "sex", "looked_after", "date_joined",
            "date_left")),
        "needs": sorted(PupilNeed.objects.filter(school=school).values_list("pupil__upn", "need", "rank")),
        "enrolments": sorted(Enrolment.objects.filter(school=school).values_list(
            "pupil__upn", "academic_year__start_year", "nc_year", "class_group__name", "pathway__name")),
        "activities": Counter(Activity.objects.filter(school=school).values_list(
            "activity_type__code", "date", "meaningful", "counts_for_pal", "setting")),
        "participations": Counter(Participation.objects.filter(school=school).values_list(
            "pupil__upn", "activity__date", "activity__activity_type__code", "attendance", "engagement")),
    }


def test_small_preset_builds_the_expected_school(db):
    result = synthesise(small())
    (school,) = result.schools
    assert school.slug == "synth-1"
    # 40 pupils on roll today; a year group of leavers for each past year of history.
    assert on_roll(school=school, as_of=TODAY).count() == 40
    assert result.counts["pupils"] == Pupil.objects.filter(school=school).count()
    assert result.counts["leavers"] == Pupil.objects.filter(school=school, date_left__isnull=False).count() >= 3
    assert result.counts["participations"] == Participation.objects.filter(school=school).count() > 500
    assert result.counts["activities"] == Activity.objects.filter(school=school).count() > 100
    # Every pupil on roll today is enrolled this year, in a class of this year.
    current = Enrolment.objects.filter(school=school, academic_year__start_year=2025)
    assert set(current.values_list("pupil_id", flat=True)) >= set(
        on_roll(school=school, as_of=TODAY).values_list("pk", flat=True))
    assert not current.exclude(class_group__academic_year__start_year=2025).exists()
    assert set(Enrolment.objects.filter(school=school).values_list("academic_year__start_year", flat=True)) == {
        2024, 2025}
    assert PupilNeed.objects.filter(school=school, rank=1).count() == Pupil.objects.filter(school=school).count()
    assert EntitlementRule.objects.filter(school=school).count() >= 5


def test_synthetic_activities_are_judged_as_the_services_would(db):
    (school,) = synthesise(small()).schools
    activities = list(Activity.objects.filter(school=school).select_related("activity_type"))
    assert all(a.meaningful == judge_meaningful(a) for a in activities)
    assert all(a.counts_for_pal == judge_pal(a) for a in activities)
    assert all(a.term.starts_on <= a.date <= a.term.ends_on for a in activities)
    assert all(a.date <= TODAY for a in activities)
    assert any(a.meaningful for a in activities)
    assert any(a.counts_for_pal for a in activities)
    assert {"employer-talk", "careers-lesson", "provider-encounter"} <= {a.activity_type.code for a in activities}


def test_pupils_take_part_only_while_on_roll_with_absences(db):
    (school,) = synthesise(small(participation_rate=0.6)).schools
    rows = Participation.objects.filter(school=school).select_related("pupil", "activity")
    assert all((p.pupil.date_joined is None or p.pupil.date_joined <= p.activity.date)
               and (p.pupil.date_left is None or p.activity.date <= p.pupil.date_left) for p in rows)
    attendance = Counter(rows.values_list("attendance", flat=True))
    total = sum(attendance.values())
    assert 0.5 < attendance[Attendance.ATTENDED] / total < 0.7
    assert attendance[Attendance.ABSENT] > 0
    assert attendance[Attendance.PART] > 0
    assert not rows.filter(attendance=Attendance.ABSENT, engagement__isnull=False).exists()


def test_synthetic_school_has_varied_standing(db):
    (school,) = synthesise(small()).schools
    statuses = {row.status for row in standing(school=school, as_of=TODAY).rows}
    assert len(statuses) >= 3


def test_the_same_seed_builds_the_same_school(db):
    (first,) = synthesise(small(prefix="one")).schools
    (second,) = synthesise(small(prefix="two")).schools
    (other,) = synthesise(small(prefix="three", seed=4)).schools
    assert snapshot(first) == snapshot(second)
    assert snapshot(first) != snapshot(other)


def test_mainstream_schools_run_from_year_7_to_13_with_few_needs(db):
    (school,) = synthesise(small(kind="mainstream", pupils=70, years=1)).schools
    years = set(Enrolment.objects.filter(school=school).values_list("nc_year", flat=True))
    assert years == {"7", "8", "9", "10", "11", "12", "13"}
    assert PupilNeed.objects.filter(school=school, rank=1).count() < 35


def test_synth_command_builds_several_schools_and_says_so(db):
    out = io.StringIO()
    call_command("synth", "--schools", "2", "--pupils", "20", "--years", "1", "--seed", "5", "--today",
                 "2026-03-10", stdout=out)
    assert "Built 2 special school(s) (synth-1 to synth-2)" in out.getvalue()
    assert on_roll(school=School.objects.get(slug="synth-2"), as_of=TODAY).count() == 20


@pytest.mark.parametrize(("args", "message"), [
    (("--participation-rate", "1.5"), "share between 0 and 1"),
    (("--pupils", "0"), "at least one"),
    (("--today", "tomorrow"), "'tomorrow' is not a date"),
])
def test_synth_command_refuses_bad_arguments(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("synth", "--preset", "small", *args, stdout=io.StringIO())


def test_synth_command_refuses_to_overwrite_schools(db):
    call_command("synth", "--preset", "small", "--today", "2026-03-10", stdout=io.StringIO())
    with pytest.raises(CommandError, match="already exist: synth-1"):
        call_command("synth", "--preset", "small", "--today", "2026-03-10", stdout=io.StringIO())
