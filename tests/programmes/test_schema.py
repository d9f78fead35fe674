"""Checking a programme file: every problem is reported with its line and in plain English."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from roadahead.programmes.schema import MAX_BYTES, ProgrammeInvalid, parse_programme
from tests.programmes.conftest import SMALL, line_of


def problems_of(text: str) -> list[str]:
    with pytest.raises(ProgrammeInvalid) as caught:
        parse_programme(text)
    return [str(p) for p in caught.value.problems]


def test_small_file_reads_every_section():
    programme = parse_programme(SMALL)

    assert programme.school.slug == "brookfield"
    assert programme.school.values["careers_leader_email"] == "careers@brookfield.example"
    assert [y.start_year for y in programme.years] == [2025]
    autumn = programme.years[0].terms[0]
    assert (autumn.name, autumn.first_half_ends_on) == ("autumn", dt.date(2025, 10, 24))
    assert [(p.name, p.first_year, p.last_year) for p in programme.phases] == [("Upper", "7", "9"),
                                                                              ("Post 16", "12", "14")]
    assert programme.pathways[0].in_keeping == ["specialist-college", "day-service"]
    assert programme.class_groups[0].phase == "Upper"
    assert programme.warnings == []


def test_examples_are_valid(five_pathway, four_pathway):
    five = parse_programme(five_pathway)
    four = parse_programme(four_pathway)

    assert [p.name for p in five.pathways] == [f"Pathway {n}" for n in range(1, 6)]
    assert [p.name for p in five.phases] == ["Lower", "Middle", "Upper", "14-19"]
    assert [y.start_year for y in five.years] == [2023, 2024, 2025, 2026]
    assert all(len(y.terms) == 3 for y in five.years)
    assert [p.name for p in four.pathways] == ["Sensory", "Active", "Bridge", "Intentional"]
    assert four.school.values["school_type"] == "academy_special"


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    ("    first_year: 7", "    first_year: 15", "first_year: 15",
     "phase 'Upper' has first_year '15', which is not an NC year"),
    ("    last_year: 9", "    last_year: X", "last_year: X",
     "phase 'Upper' has last_year 'X', which is not an NC year"),
    ("    last_year: 9", "    last_year: 5", "last_year: 5",
     "phase 'Upper' ends at Year 5, before it starts (Year 7)"),
    ('  urn: "199100"', '  urn: "199100"\n  urn: "199101"', 'urn: "199101"',
     "'urn' appears twice in school (first on line 5)"),
    ("  - name: Post 16", "  - name: upper", "name: upper",
     "there are two phases called 'upper' (the first on line 24)"),
    ("  - code: day-service", "  - code:  specialist-college", "code:  specialist-college",
     "there are two destination categories with the code 'specialist-college'"),
    ("      - day-service", "      - day-centre", "- day-centre",
     "pathway 'Pathway A' lists 'day-centre' in in_keeping, but there is no destination category with that code"),
    ("        ends: 2026-03-27", "        ends: 2026-02-30", "ends: 2026-02-30",
     "the last day of the spring term of 2025/26 is '2026-02-30', which is not a date"),
    ("        ends: 2026-03-27", "        ends: end of March", "ends: end of March",
     "the last day of the spring term of 2025/26 is 'end of March', which is not a date"),
    ("        starts: 2025-09-03", "        starts: 2025-08-20", "starts: 2025-08-20",
     "the autumn term of 2025/26 starts on 2025-08-20, before the academic year starts (2025-09-01)"),
    ("        ends: 2026-03-27", "        ends: 2026-09-30", "ends: 2026-09-30",
     "the spring term of 2025/26 ends on 2026-09-30, after the academic year ends (2026-08-31)"),
    ("        starts: 2026-01-06", "        starts: 2025-12-15", "starts: 2025-12-15",
     "the spring term of 2025/26 starts on 2025-12-15, before the autumn term ends (2025-12-19)"),
    ("        first_half_ends: 2025-10-24", "        first_half_ends: 2025-12-24", "first_half_ends: 2025-12-24",
     "the half-term break of the autumn term of 2025/26 (2025-12-24 to 2025-11-03) is not inside the term"),
    ("        second_half_starts: 2025-11-03\n", "", "first_half_ends:",
     "gives first_half_ends but not second_half_starts; give both half-term dates, or neither"),
    ("  - year: 2025/26", "  - year: 2025/27", "year: 2025/27",
     "academic year '2025/27' should be written like 2024/25"),
    ("  type: maintained_special", "  type: special", "type: special",
     "the school's type 'special' is not one Road Ahead knows"),
    ("    email: careers@brookfield.example", "    email: careers at brookfield", "email: careers at",
     "the careers leader's email 'careers at brookfield' is not an email address"),
    ("  check_provider_access: true", "  check_provider_access: sometimes", "check_provider_access",
     "check_provider_access should be true or false, not 'sometimes'"),
    ('    nccis_code: "280"', '    nccis_code: "28"', 'nccis_code: "28"',
     "NCCIS codes are three digits"),
    ("    phase: Upper", "    phase: Lower", "phase: Lower",
     "class group 'Oak' is in phase 'Lower', which is not one of the phases in this file"),
    ("    academic_year: 2025/26", "    academic_year: 2024/25", "academic_year: 2024/25",
     "class group 'Oak' is in academic year 2024/25, which is not in the calendar"),
    ("  slug: brookfield", "  slug: Brook Field", "slug: Brook Field",
     "the school's slug 'Brook Field' should be lower-case letters, digits and hyphens"),
    ("    vision: I go", "    colour: green\n    vision: I go", "colour: green",
     "a pathway has no key 'colour'; the keys are name, order, vision or in_keeping"),
    ("phases:", "timetable: weekly\nphases:", "timetable:",
     "the programme file has no key 'timetable'"),
    ("  - name: Oak\n", "  - nome: Oak\n", "nome: Oak", "a class group has no key 'nome'"),
])
def test_problem_reported_with_line_and_message(old, new, needle, message):
    assert old in SMALL
    text = SMALL.replace(old, new, 1)

    problems = problems_of(text)

    expected_line = line_of(text, needle)
    assert any(p.startswith(f"line {expected_line}: ") and message in p for p in problems), problems


def test_every_problem_in_a_file_is_reported_at_once():
    text = SMALL.replace("first_year: 7", "first_year: 15").replace("- day-service", "- day-centre")

    problems = problems_of(text)

    assert len(problems) == 2
    assert problems[0].startswith(f"line {line_of(text, 'first_year: 15')}:")
    assert problems[1].startswith(f"line {line_of(text, '- day-centre')}:")


def test_missing_school_section_is_reported():
    problems = problems_of("phases: []\n")

    assert problems == ["line 1: the programme file has no 'school'"]


def test_school_without_a_name_is_reported():
    problems = problems_of("school:\n  slug: nameless\n")

    assert problems == ["line 2: school has no 'name'"]


def test_duplicate_top_level_section_is_reported():
    text = SMALL + "phases: []\n"

    problems = problems_of(text)

    assert problems == [f"line {len(text.splitlines())}: 'phases' appears twice in the programme file "
                        f"(first on line {line_of(SMALL, 'phases:')})"]


def test_an_unknown_section_is_refused_with_its_line():
    text = SMALL + "skils:\n  - name: Listening\n"

    problems = problems_of(text)

    assert len(problems) == 1
    assert problems[0].startswith(f"line {line_of(text, 'skils:')}: the programme file has no key 'skils'")


def test_switching_off_a_statutory_check_for_a_bound_school_warns():
    text = SMALL.replace("check_provider_access: true", "check_provider_access: false")

    programme = parse_programme(text)

    assert programme.school.values["check_provider_access"] is False
    assert "bound by the statutory careers guidance" in str(programme.warnings[0])


def test_alias_bomb_is_refused_before_expanding():
    bomb = "\n".join([
        "school: {name: Bomb}",
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
    ])

    problems = problems_of(bomb)

    assert problems == ["line 3: aliases (*name) are not allowed in a programme file; write the value out in full"]


def test_file_over_one_megabyte_is_refused():
    text = SMALL + "#" * MAX_BYTES

    problems = problems_of(text)

    assert len(problems) == 1
    assert "may be at most 1,048,576 bytes (1 MB)" in problems[0]


def test_broken_yaml_is_reported_with_its_line():
    text = SMALL.replace("  - name: Upper", "  - name: Upper\n\tfirst_year: 7")

    problems = problems_of(text)

    assert len(problems) == 1
    assert problems[0].startswith(f"line {line_of(text, chr(9))}: this is not valid YAML")


def test_empty_file_is_refused():
    assert problems_of("# nothing here\n") == ["The file is empty."]


def test_unsafe_yaml_tags_are_refused():
    text = SMALL.replace("  name: Brookfield School", '  name: !!python/name:os.system ""')

    problems = problems_of(text)

    assert problems == [f"line {line_of(text, '!!python')}: the school's name uses the YAML tag "
                        "'tag:yaml.org,2002:python/name:os.system', which a programme file may not use"]


def test_academic_year_outside_its_years_is_refused():
    text = SMALL.replace("  - year: 2025/26", "  - year: 2025/26\n    starts: 2024-09-01")

    problems = problems_of(text)

    assert problems == [f"line {line_of(text, 'starts: 2024-09-01')}: academic year 2025/26 starts on 2024-09-01, "
                        "which is not in 2025"]


def test_nc_years_accept_words_and_numbers():
    text = SMALL.replace("first_year: 7", "first_year: Year 7").replace("first_year: 12", 'first_year: "12"')

    programme = parse_programme(text)

    assert [p.first_year for p in programme.phases] == ["7", "12"]


def test_examples_in_the_documentation_are_valid():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "user" / "programme-file.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", doc, flags=re.DOTALL)
    # The first block is the outline of the top level, with "..." for each section.
    text = "".join(blocks[1:])

    programme = parse_programme(text)

    assert programme.school.slug == "parkside"
    assert [p.name for p in programme.pathways] == ["Pathway 3", "Pathway 4"]
    assert [g.name for g in programme.class_groups] == ["Ash", "Herons"]
    assert [f.code for f in programme.skills] == ["confidence-independence", "work-ready"]


def test_empty_school_section_is_reported():
    assert problems_of("school:\n") == ["line 1: school should be a set of 'key: value' lines, not nothing"]
