"""Rules in plain words, as the rules pages and a pupil's standing show them."""

from __future__ import annotations

import datetime as dt

import pytest

from roadahead.activities.models import ActivityType
from roadahead.activities.services import ensure_activity_types
from roadahead.benchmarks.models import Benchmark
from roadahead.entitlements.enums import Period
from roadahead.entitlements.services import create_rule
from roadahead.entitlements.wording import describe_missing, describe_rule
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def make(world):
    ensure_activity_types(school=world.school)
    pathways = {name: factories.PathwayFactory(school=world.school, name=name)
                for name in ("Intentional", "Pre-formal", "Semi-formal")}

    def build(*, pathways_named=(), types=(), benchmarks=(), **values):
        values.setdefault("name", "A rule")
        return create_rule(
            school=world.school, by=None, pathways=[pathways[n] for n in pathways_named],
            activity_types=list(ActivityType.objects.filter(school=world.school, code__in=types)),
            evidences=list(Benchmark.objects.filter(school=world.school, number__in=benchmarks)), **values)

    return build


def test_describe_rule_names_pathway_years_and_benchmark(make):
    rule = make(required=3, meaningful_only=True, benchmarks=[5], pathways_named=["Intentional"], first_year="7",
                last_year="14")
    assert describe_rule(rule) == ("At least 3 meaningful encounters evidencing Benchmark 5 each academic year, "
                                   "for Intentional pupils in Years 7 to 14")


def test_describe_rule_for_every_pupil(make):
    rule = make(required=3, meaningful_only=True, benchmarks=[5])
    assert describe_rule(rule) == "At least 3 meaningful encounters evidencing Benchmark 5 each academic year, " \
                                  "for every pupil"


def test_describe_rule_for_a_pal_key_phase_with_its_cutoff(make):
    rule = make(required=2, pal_only=True, period=Period.YEARS, first_year="8", last_year="9", cutoff_month=2,
                cutoff_day=28, pal_key_phase=1)
    assert describe_rule(rule) == ("At least 2 provider encounters meeting PAL across Years 8 to 9, up to "
                                   "28 February in Year 9")


def test_describe_rule_says_an_offered_rule_is_not_required_of_pupils(make):
    rule = make(required=2, pal_only=True, period=Period.YEARS, first_year="12", last_year="13", cutoff_month=2,
                cutoff_day=28, required_of_pupils=False)
    assert describe_rule(rule).endswith("up to 28 February in Year 13 (offered to every pupil, not required of them)")


def test_describe_rule_with_one_type_each_half_term(make):
    rule = make(required=1, types=["guidance-meeting"], period=Period.HALF_TERM, pathways_named=["Intentional"],
                first_year="12", last_year="14")
    assert describe_rule(rule) == ("At least 1 activity of the type Careers guidance meeting each half term, "
                                   "for Intentional pupils in Years 12 to 14")


def test_describe_rule_with_provider_kinds_and_several_pathways(make):
    rule = make(required=2, provider_kinds=["day_service", "college"], pathways_named=["Pre-formal", "Semi-formal"])
    # Kinds of provider are kept in Road Ahead's order, whatever order they were ticked in.
    assert describe_rule(rule) == ("At least 2 activities with a college (further education) or a day service or "
                                   "day centre each academic year, for Pre-formal or Semi-formal pupils")


def test_describe_rule_across_years_with_setting_and_needs(make):
    rule = make(required=6, settings=["off_site"], period=Period.YEARS, first_year="12", last_year="14",
                pathways_named=["Intentional"], needs=["SLD", "PMLD"], count_part=False)
    assert describe_rule(rule) == ("At least 6 activities out of school attended in full across Years 12 to 14, "
                                   "for Intentional pupils with SLD or PMLD")


def test_describe_rule_for_one_year_and_early_years(make):
    assert describe_rule(make(name="a", required=1, benchmarks=[3, 8], first_year="10", last_year="10",
                              period=Period.TERM)) == (
        "At least 1 activity evidencing Benchmarks 3 or 8 each term, for pupils in Year 10")
    assert describe_rule(make(name="b", required=4, first_year="R", last_year="6")) == (
        "At least 4 activities each academic year, for pupils in Reception to Year 6")


def test_describe_missing_counts_what_is_left_before_the_end(make):
    rule = make(required=3, meaningful_only=True, provider_kinds=["employer"])
    end = dt.date(2026, 8, 31)
    assert describe_missing(rule, missing=1, period_end=end, as_of=dt.date(2026, 3, 10)) == (
        "1 more meaningful encounter with an employer by 31 August 2026")
    assert describe_missing(rule, missing=2, period_end=end, as_of=dt.date(2026, 3, 10)) == (
        "2 more meaningful encounters with an employer by 31 August 2026")
    assert describe_missing(rule, missing=2, period_end=end, as_of=end) == (
        "2 more meaningful encounters with an employer were needed by 31 August 2026")
    assert describe_missing(rule, missing=0, period_end=end, as_of=end) == "Nothing"
