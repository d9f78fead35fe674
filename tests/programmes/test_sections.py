"""The benchmarks and activity_types sections: checked with line numbers, applied by natural key."""

from __future__ import annotations

import pytest
from django_scopes import scope

from roadahead.activities.defaults import DEFAULT_ACTIVITY_TYPES
from roadahead.activities.models import ActivityType
from roadahead.benchmarks.defaults import GATSBY_BENCHMARKS
from roadahead.benchmarks.models import Benchmark
from roadahead.programmes.schema import ProgrammeInvalid, parse_programme
from roadahead.programmes.services import load_programme
from tests.programmes.conftest import SMALL

SECTIONS = """\
benchmarks:
  - number: 5
    title: Meeting people at work
    summary: Every pupil meets employers every year.
  - number: 8
    summary: Guidance from an adviser who knows the pupil.
activity_types:
  - code: workplace-visit
    name: Off-site visit to a workplace
    default_benchmarks: [5]
    workplace_experience: false
  - code: class-job
  - code: tuck-shop
    name: Tuck shop shift
    description: Running the staff tuck shop.
    default_benchmarks: [4, 6]
    default_setting: on-site
    workplace_experience: true
  - code: college-talk
    name: College talk
    default_benchmarks: [7]
    provider_encounter: true
    active: false
"""
FULL = SMALL + SECTIONS


def problems_of(text: str) -> list[str]:
    with pytest.raises(ProgrammeInvalid) as caught:
        parse_programme(text)
    return [str(p) for p in caught.value.problems]


def types_of(school) -> list[tuple]:
    with scope(school=school):
        return [(k.code, k.name, k.default_setting, k.is_provider_encounter, k.is_workplace_experience, k.is_active,
                 sorted(k.default_benchmarks.values_list("number", flat=True)))
                for k in ActivityType.objects.filter(school=school).order_by("order")]


def test_sections_are_read_with_built_in_types_filling_gaps():
    programme = parse_programme(FULL)

    assert programme.warnings == []
    assert [(b.number, b.values) for b in programme.benchmarks] == [
        (5, {"title": "Meeting people at work", "summary": "Every pupil meets employers every year."}),
        (8, {"summary": "Guidance from an adviser who knows the pupil."})]
    kinds = {k.code: k for k in programme.activity_types}
    assert list(kinds) == ["workplace-visit", "class-job", "tuck-shop", "college-talk"]
    # A built-in code keeps Road Ahead's name, setting and benchmarks for keys the file leaves out.
    assert (kinds["workplace-visit"].default_setting, kinds["workplace-visit"].workplace_experience) == (
        "off_site", False)
    assert (kinds["class-job"].name, kinds["class-job"].default_benchmarks) == ("Class job", [6])
    assert (kinds["tuck-shop"].default_setting, kinds["tuck-shop"].default_benchmarks) == ("on_site", [4, 6])
    assert kinds["college-talk"].provider_encounter
    assert not kinds["college-talk"].active


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    ("  - number: 8", "  - number: 9", "number: 9",
     "a benchmark's number is '9'; the Gatsby Benchmarks are numbered 1 to 8"),
    ("  - number: 8", "  - number: 5", "number: 5\n    summary: Guidance",
     "benchmark 5 is listed twice (first on line"),
    ("    default_benchmarks: [7]", "    default_benchmarks: [7, 10]", "default_benchmarks: [7, 10]",
     "a benchmark in default_benchmarks of activity type 'college-talk' is '10'; the Gatsby Benchmarks are numbered "
     "1 to 8"),
    ("  - code: college-talk", "  - code: tuck-shop", "code: tuck-shop\n    name: College",
     "there are two activity types with the code 'tuck-shop' (the first on line"),
    ("    name: College talk", "    name: tuck shop SHIFT", "name: tuck shop SHIFT",
     "there are two activity types called 'tuck shop SHIFT' (the first on line"),
    ("    default_setting: on-site", "    default_setting: outdoors", "default_setting: outdoors",
     "the default_setting of activity type 'tuck-shop' is 'outdoors'; use on_site, off_site or virtual"),
    ("    provider_encounter: true", "    provider_encounter: often", "provider_encounter: often",
     "provider_encounter of activity type 'college-talk' should be true or false, not 'often'"),
    ("  - code: tuck-shop", "  - code: Tuck Shop", "code: Tuck Shop",
     "activity type code 'Tuck Shop' should be lower-case letters, digits and hyphens"),
    ("  - code: college-talk\n    name: College talk\n", "  - code: college-talk\n", "code: college-talk",
     "activity type 'college-talk' has no 'name'"),
    ("    active: false", "    active: false\n    colour: blue", "colour: blue",
     "an activity type has no key 'colour'"),
    ("    title: Meeting people at work", "    title: ''", "title: ''", "the title of benchmark 5 is empty"),
])
def test_section_problem_reported_with_line_and_message(old, new, needle, message):
    assert old in FULL
    text = FULL.replace(old, new, 1)

    problems = problems_of(text)

    expected_line = line_of_block(text, needle)
    assert any(p.startswith(f"line {expected_line}: ") and message in p for p in problems), problems


def line_of_block(text: str, block: str) -> int:
    """The 1-based line on which `block` (which may run over several lines) starts."""
    return text[:text.index(block)].count("\n") + 1


def test_skills_and_entitlements_are_read():
    programme = parse_programme(FULL + "entitlements: []\nskills: []\n")

    assert programme.warnings == []
    assert programme.entitlements == []
    assert programme.skills == []


@pytest.mark.django_db
def test_loading_sections_sets_benchmarks_and_types():
    result = load_programme(text=FULL, school_slug=None)

    school = result.school
    with scope(school=school):
        benchmarks = {b.number: (b.title, b.summary) for b in Benchmark.objects.filter(school=school)}
    assert len(benchmarks) == 8
    assert benchmarks[5] == ("Meeting people at work", "Every pupil meets employers every year.")
    assert benchmarks[8] == (GATSBY_BENCHMARKS[7][1], "Guidance from an adviser who knows the pupil.")
    assert benchmarks[1] == GATSBY_BENCHMARKS[0][1:]
    assert types_of(school) == [
        ("workplace-visit", "Off-site visit to a workplace", "off_site", False, False, True, [5]),
        ("class-job", "Class job", "on_site", False, False, True, [6]),
        ("tuck-shop", "Tuck shop shift", "on_site", False, True, True, [4, 6]),
        ("college-talk", "College talk", "on_site", True, False, False, [7]),
        # Not in the file: Road Ahead adds it so the guidance checks have something to count.
        ("guidance-meeting", "Careers guidance meeting", "on_site", False, False, True, [8]),
    ]
    assert (result.changes["activity types"].created, result.changes["benchmarks"].created) == (5, 8)


@pytest.mark.django_db
def test_loading_sections_twice_changes_nothing():
    load_programme(text=FULL, school_slug=None)
    before = (Benchmark.objects.count(), ActivityType.objects.count(),
              ActivityType.default_benchmarks.through.objects.count())

    result = load_programme(text=FULL, school_slug=None)

    assert not result.changed
    assert (Benchmark.objects.count(), ActivityType.objects.count(),
            ActivityType.default_benchmarks.through.objects.count()) == before
    assert result.changes["activity types"].unchanged == 4
    assert result.changes["benchmarks"].unchanged == 2


@pytest.mark.django_db
def test_changing_a_types_benchmarks_updates_only_that_type():
    load_programme(text=FULL, school_slug=None)

    result = load_programme(text=FULL.replace("default_benchmarks: [4, 6]", "default_benchmarks: [6]"),
                            school_slug=None)

    assert (result.changes["activity types"].updated, result.changes["activity types"].unchanged) == (1, 3)
    assert types_of(result.school)[2][-1] == [6]


@pytest.mark.django_db
def test_file_without_types_gives_the_default_types_and_benchmarks():
    result = load_programme(text=SMALL, school_slug=None)

    kinds = types_of(result.school)
    assert [k[0] for k in kinds] == [t.code for t in DEFAULT_ACTIVITY_TYPES]
    assert Benchmark.objects.filter(school=result.school).count() == 8
    again = load_programme(text=SMALL, school_slug=None)
    assert not again.changed
    assert len(types_of(result.school)) == len(DEFAULT_ACTIVITY_TYPES)


@pytest.mark.django_db
def test_types_missing_from_the_file_are_kept_and_listed():
    load_programme(text=SMALL, school_slug=None)

    result = load_programme(text=FULL, school_slug=None)

    codes = [k[0] for k in types_of(result.school)]
    assert {"careers-lesson", "tuck-shop"} <= set(codes)
    assert any(w.startswith("These activity types are in Road Ahead but not in the file") and "careers-lesson" in w
               for w in result.warnings)


@pytest.mark.django_db
def test_examples_list_the_types_each_school_runs(five_pathway, four_pathway):
    five = load_programme(text=five_pathway, school_slug=None).school
    four = load_programme(text=four_pathway, school_slug=None).school

    five_codes = {k[0] for k in types_of(five)}
    four_codes = {k[0] for k in types_of(four)}
    assert {"curriculum-lesson", "workplace-visit", "work-experience", "work-related-learning", "enterprise-project",
            "careers-event", "transition-visit", "provider-encounter"} <= five_codes
    assert "class-job" not in five_codes
    assert {"careers-week", "science-week", "class-job", "employer-talk", "work-experience", "careers-event",
            "provider-visit", "provider-encounter", "lmi-session", "careers-lesson"} <= four_codes
    with scope(school=four):
        assert "six from Year 7" in Benchmark.objects.get(school=four, number=5).summary
