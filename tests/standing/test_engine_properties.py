"""The engine agrees with the plain reference loop on random schools, rules and activities.

Dates cluster around the edges that matter: 31 August / 1 September, 28 and 29 February, and the
start and end of terms; pupils join and leave mid-year; some are in NC year X.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from roadahead.activities.models import ActivityType
from roadahead.activities.services import (
    ParticipationInput,
    create_activity,
    ensure_activity_types,
    record_participations,
)
from roadahead.benchmarks.models import Benchmark
from roadahead.entitlements.models import EntitlementRule
from roadahead.people.models import Enrolment, PupilNeed
from roadahead.providers.models import Provider
from roadahead.schools.models import AcademicYear, Pathway, School, Term
from roadahead.standing.engine import standing
from tests import factories
from tests.standing.reference import reference_standing

pytestmark = pytest.mark.django_db

EDGE_DAYS = [dt.date(2025, 8, 31), dt.date(2025, 9, 1), dt.date(2026, 2, 28), dt.date(2026, 3, 1),
             dt.date(2024, 2, 29), dt.date(2024, 3, 1), dt.date(2026, 8, 31), dt.date(2026, 9, 1),
             dt.date(2025, 12, 19), dt.date(2026, 1, 5), dt.date(2028, 2, 29)]
days = st.one_of(st.sampled_from(EDGE_DAYS), st.dates(min_value=dt.date(2023, 9, 1), max_value=dt.date(2028, 8, 31)))
nc_years = st.sampled_from(["R", "5", "8", "9", "9", "10", "11", "12", "12", "13", "X"])
year_pairs = st.sampled_from([("", ""), ("", ""), ("", ""), ("7", "11"), ("8", "9"), ("10", "11"), ("12", "14"),
                              ("12", "13"), ("R", "14")])
counter = itertools.count()


@st.composite
def schools(draw):
    as_of = draw(days)
    pupils = draw(st.lists(st.fixed_dictionaries({
        "nc_year": nc_years, "pathway": st.sampled_from([None, 0, 1]),
        "needs": st.lists(st.sampled_from(["SLD", "ASD", "PMLD"]), max_size=2, unique=True),
        # Mostly on roll and enrolled, so most examples judge something; sometimes not, to test that too.
        "joined": st.one_of(st.none(), st.none(), st.none(), days),
        "left": st.one_of(st.none(), st.none(), st.none(), days),
        "enrolled": st.sampled_from([True, True, True, True, False])}), min_size=1, max_size=4))
    activities = draw(st.lists(st.fixed_dictionaries({
        # Mostly in the months before `as_of`, where rules look; sometimes years before, or after it.
        "day": st.one_of(days, st.integers(-1100, 60).map(lambda n: as_of + dt.timedelta(days=n)),
                         *[st.integers(-120, 0).map(lambda n: as_of + dt.timedelta(days=n))] * 4),
        "type": st.sampled_from(["workplace-visit", "provider-encounter", "careers-lesson", "employer-talk"]),
        "setting": st.sampled_from(["on_site", "off_site", "virtual"]),
        "checks": st.booleans(), "pal": st.booleans(), "in_day": st.sampled_from([True, True, False]),
        "benchmarks": st.lists(st.integers(1, 8), max_size=3, unique=True),
        "provider": st.sampled_from([None, "employer", "college", "day_service"]),
        "attendance": st.lists(st.sampled_from(["attended", "attended", "attended", "part", "absent", None]),
                               min_size=4, max_size=4),
    }), max_size=12))
    rules = draw(st.lists(st.fixed_dictionaries({
        "period": st.sampled_from(["academic_year", "term", "half_term", "years"]),
        "years": year_pairs, "cutoff": st.booleans(), "required": st.integers(1, 4),
        "pathway": st.sampled_from([None, None, None, 0, 1]),
        "needs": st.sampled_from([[], [], [], ["SLD"], ["ASD", "PMLD"]]),
        # Each filter is usually absent, so rules usually count something.
        "types": st.one_of(st.just([]), st.just([]), st.lists(
            st.sampled_from(["workplace-visit", "provider-encounter", "careers-lesson"]), max_size=2, unique=True)),
        "evidences": st.one_of(st.just([]), st.just([]), st.lists(st.integers(1, 8), max_size=3, unique=True)),
        "settings": st.one_of(st.just([]), st.just([]), st.lists(
            st.sampled_from(["on_site", "off_site", "virtual"]), max_size=2, unique=True)),
        "kinds": st.one_of(st.just([]), st.just([]), st.lists(
            st.sampled_from(["employer", "college", "day_service"]), max_size=2, unique=True)),
        "meaningful": st.sampled_from([False, False, False, True]), "pal": st.sampled_from([False, False, False, True]),
        "part": st.booleans(),
        "check": st.sampled_from(["", "provider_access"]),
        "required_of_pupils": st.sampled_from([True, True, True, False]),
    }), min_size=1, max_size=4))
    terms = draw(st.sampled_from([True, True, True, False]))
    return as_of, pupils, activities, rules, terms


def build(as_of, pupils, activities, rules, terms) -> School:
    school = School.objects.create(name="Random", slug=f"random-{next(counter)}", check_provider_access=True)
    ensure_activity_types(school=school)
    start_year = as_of.year if as_of.month >= 9 else as_of.year - 1
    year = AcademicYear.objects.create(school=school, start_year=start_year, starts_on=dt.date(start_year, 9, 1),
                                       ends_on=dt.date(start_year + 1, 8, 31))
    if terms:
        for name, start, end, half_end, half_start in (
                ("autumn", (9, 3), (12, 19), (10, 24), (11, 3)), ("spring", (1, 5), (3, 27), (2, 13), (2, 23)),
                ("summer", (4, 13), (7, 22), (5, 22), (6, 1))):
            y = start_year if start[0] >= 9 else start_year + 1
            Term.objects.create(school=school, academic_year=year, name=name, starts_on=dt.date(y, *start),
                                ends_on=dt.date(y, *end), first_half_ends_on=dt.date(y, *half_end),
                                second_half_starts_on=dt.date(y, *half_start))
    pathways = [Pathway.objects.create(school=school, name=f"P{n}") for n in range(2)]
    made = []
    for n, spec in enumerate(pupils):
        pupil = factories.PupilFactory(school=school, upn=f"R{next(counter):012d}", date_joined=spec["joined"],
                                       date_left=spec["left"])
        if spec["enrolled"]:
            Enrolment.objects.create(school=school, pupil=pupil, academic_year=year, nc_year=spec["nc_year"],
                                     pathway=pathways[spec["pathway"]] if spec["pathway"] is not None else None)
        for rank, need in enumerate(spec["needs"], start=1):
            PupilNeed.objects.create(school=school, pupil=pupil, need=need, rank=rank)
        made.append((n, pupil))
    benchmarks = {b.number: b for b in Benchmark.objects.filter(school=school)}
    kinds = {t.code: t for t in ActivityType.objects.filter(school=school)}
    for spec in activities:
        checks = dict.fromkeys(("purpose_shared", "outcomes_fitted", "two_way", "reflection", "employer_task",
                                "employer_feedback"), spec["checks"])
        points = dict.fromkeys(("pal_provider", "pal_careers", "pal_learning", "pal_questions"), spec["pal"])
        providers = ([Provider.objects.create(school=school, name=f"Provider {next(counter)}", kind=spec["provider"])]
                     if spec["provider"] else [])
        activity = create_activity(school=school, by=None, title="Thing", date=spec["day"],
                                   activity_type=kinds[spec["type"]], setting=spec["setting"],
                                   in_school_day=spec["in_day"], providers=providers,
                                   benchmarks=[benchmarks[b] for b in spec["benchmarks"]], **checks, **points)
        entries = [ParticipationInput(pupil=pupil, attendance=spec["attendance"][n])
                   for n, pupil in made if spec["attendance"][n] is not None]
        record_participations(activity=activity, by=None, entries=entries, audit=False)
    for n, spec in enumerate(rules):
        first, last = spec["years"] if spec["period"] != "years" or spec["years"][0] else ("12", "14")
        cutoff = spec["period"] == "years" and spec["cutoff"]
        rule = EntitlementRule.objects.create(
            school=school, code=f"rule-{n}", name=f"Rule {n}", required=spec["required"], period=spec["period"],
            first_year=first, last_year=last, needs=spec["needs"], settings=spec["settings"],
            provider_kinds=spec["kinds"], meaningful_only=spec["meaningful"], pal_only=spec["pal"],
            count_part=spec["part"], school_check=spec["check"], required_of_pupils=spec["required_of_pupils"],
            cutoff_month=2 if cutoff else None, cutoff_day=28 if cutoff else None)
        if spec["pathway"] is not None:
            rule.pathways.set([pathways[spec["pathway"]]])
        rule.activity_types.set([kinds[code] for code in spec["types"]])
        rule.evidences.set([benchmarks[b] for b in spec["evidences"]])
    return school


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(schools())
def test_engine_agrees_with_the_reference(db, case):
    as_of = case[0]
    school = build(*case)
    engine = {(r.pupil_id, r.rule_id, r.period_start, r.period_end, r.required, r.achieved, r.status.value)
              for r in standing(school=school, as_of=as_of).rows}
    # Kept so that --hypothesis-show-statistics shows how many examples judged something.
    event(f"rows: {min(len(engine), 5)}")
    event(f"some achieved: {any(row[5] for row in engine)}")
    assert engine == reference_standing(school=school, as_of=as_of)
