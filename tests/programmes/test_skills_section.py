"""The skills section of a programme file: checked with line numbers, applied by code, idempotent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from roadahead.programmes.schema import ProgrammeInvalid, parse_programme
from roadahead.programmes.services import load_programme
from roadahead.skills.defaults import DEFAULT_FRAMEWORKS, ESSENTIAL_SKILLS
from roadahead.skills.models import Assessment, Framework, Skill, Step
from tests.programmes.conftest import EXAMPLES, SMALL

SKILLS = """\
skills:
  - code: essential-skills
    name: Skills for life and work
    skills:
      - name: Listening
        code: listening
      - name: Speaking
        code: speaking
      - name: Travel training
        description: Getting from school to a familiar place.
  - code: work-skills
    name: Work skills
    description: What our Post 16 pupils practise on placement.
    steps:
      - step: 1
        label: With an adult beside me
      - step: 2
        label: With an adult nearby
      - step: 3
        label: On my own
        description: The pupil does it without prompts.
    skills:
      - name: Arriving on time
      - name: Following a task list
        archived: true
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(ProgrammeInvalid) as caught:
        parse_programme(text)
    return [str(p) for p in caught.value.problems]


def line_of_block(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def test_the_section_is_read():
    programme = parse_programme(SMALL + SKILLS)

    essential, work = programme.skills
    assert (essential.code, essential.name, essential.steps) == ("essential-skills", "Skills for life and work", [])
    assert [(s.code, s.name) for s in essential.skills] == [
        ("listening", "Listening"), ("speaking", "Speaking"), ("travel-training", "Travel training")]
    assert [(s.value, s.label) for s in work.steps] == [
        (1, "With an adult beside me"), (2, "With an adult nearby"), (3, "On my own")]
    assert [(s.name, s.archived) for s in work.skills] == [("Arriving on time", False),
                                                           ("Following a task list", True)]
    assert programme.warnings == []


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    ("  - code: work-skills\n", "  - code: Work Skills\n", "  - code: Work Skills",
     "the skills framework code 'Work Skills' should be lower-case letters"),
    ("  - code: work-skills\n", "  - code: essential-skills\n", "  - code: essential-skills\n    name: Work skills",
     "there are two skills frameworks with the code 'essential-skills'"),
    ("    name: Work skills\n", "    name: Skills for life and work\n", "    name: Skills for life and work\n    desc",
     "there are two skills frameworks called 'Skills for life and work'"),
    ("      - step: 2\n", "      - step: 1\n", "      - step: 1\n        label: With an adult nearby",
     "framework 'work-skills' has step 1 twice"),
    ("      - step: 3\n", "      - step: 101\n", "      - step: 101",
     "framework 'work-skills' has step 101; steps run from 0 to 100"),
    ("      - step: 3\n", "      - step: three\n", "      - step: three",
     "a step of framework 'work-skills' should be a whole number"),
    ("        label: With an adult nearby\n", "        label:\n", "        label:\n      - step: 3",
     "the label of step 2 of framework 'work-skills' is empty"),
    ("      - name: Arriving on time\n", "      - name: Following a task list\n",
     "      - name: Following a task list\n        archived",
     "framework 'work-skills' has two skills called 'Following a task list'"),
    ("        code: speaking\n", "        code: listening\n", "        code: listening\n      - name: Travel",
     "framework 'essential-skills' has two skills with the code 'listening'"),
    ("        archived: true\n", "        archived: maybe\n", "        archived: maybe",
     "archived of skill 'Following a task list' should be true or false"),
    ("    description: What our", "    colour: blue\n    description: What our", "    colour: blue",
     "a skills framework has no key 'colour'"),
])
def test_problems_are_reported_on_their_line(old, new, needle, message):
    text = SMALL + SKILLS
    assert old in text
    text = text.replace(old, new, 1)

    problems = problems_of(text)

    line = line_of_block(text, needle)
    assert any(p.startswith(f"line {line}: ") and message in p for p in problems), problems


def test_a_new_framework_needs_a_name_steps_and_skills():
    text = SMALL + "skills:\n  - code: my-skills\n"

    problems = problems_of(text)

    line = line_of_block(text, "  - code: my-skills")
    assert [p for p in problems if "my-skills" in p] == [
        f"line {line}: skills framework 'my-skills' has no '{key}'; only Road Ahead's own frameworks "
        "(confidence-independence or essential-skills) may leave it out" for key in ("name", "steps", "skills")]


def test_a_scale_of_one_step_is_refused():
    text = SMALL + "skills:\n  - code: tiny\n    name: Tiny\n    steps:\n      - step: 0\n        label: Only\n" \
                   "    skills:\n      - name: One\n"

    assert problems_of(text) == [f"line {line_of_block(text, '      - step: 0')}: framework 'tiny' has one step; "
                                 "a scale needs at least two"]


@pytest.mark.django_db
def test_every_school_gets_the_default_frameworks():
    result = load_programme(text=SMALL, school_slug=None)

    frameworks = Framework.objects.filter(school=result.school).order_by("position")
    assert [f.code for f in frameworks] == [f.code for f in DEFAULT_FRAMEWORKS]
    essential = frameworks[0]
    assert list(essential.skills.values_list("name", flat=True)) == [
        "Listening", "Speaking", "Problem Solving", "Creativity", "Staying Positive", "Aiming High", "Leadership",
        "Teamwork"]
    assert list(essential.steps.values_list("value", flat=True)) == list(range(16))
    assert result.changes["skills frameworks"].created == 2


@pytest.mark.django_db
def test_loading_applies_the_section_and_is_idempotent():
    first = load_programme(text=SMALL + SKILLS, school_slug=None)
    school = first.school
    essential = Framework.objects.get(school=school, code="essential-skills")
    assert essential.name == "Skills for life and work"
    # The eight defaults are kept (the file adds one); the ones it leaves out are listed, not deleted.
    assert essential.skills.count() == len(ESSENTIAL_SKILLS.skills) + 1
    assert essential.steps.count() == 16
    work = Framework.objects.get(school=school, code="work-skills")
    assert list(work.steps.values_list("value", "label")) == [
        (1, "With an adult beside me"), (2, "With an adult nearby"), (3, "On my own")]
    assert Skill.objects.get(school=school, framework=work, code="following-a-task-list").archived
    assert any(w.startswith("These skills of Skills for life and work are in Road Ahead but not in the file")
               for w in first.warnings)

    again = load_programme(text=SMALL + SKILLS, school_slug=None)
    assert again.changes["skills frameworks"].as_dict() == {"created": 0, "updated": 0, "unchanged": 2}
    assert again.changes["skills"].as_dict() == {"created": 0, "updated": 0, "unchanged": 5}
    assert again.changes["skill steps"].as_dict() == {"created": 0, "updated": 0, "unchanged": 3}


@pytest.mark.django_db
def test_renaming_a_skill_in_the_file_keeps_its_history(world):
    load_programme(text=SMALL + SKILLS, school_slug=world.school.slug)
    school = world.school
    work = Framework.objects.get(school=school, code="work-skills")
    arriving = Skill.objects.get(school=school, framework=work, code="arriving-on-time")
    Assessment.objects.create(school=school, pupil=world.pupils[0], skill=arriving, step=2, date="2026-01-10")
    text = (SMALL + SKILLS).replace("      - name: Arriving on time\n",
                                    "      - name: Getting to work on time\n        code: arriving-on-time\n")

    result = load_programme(text=text, school_slug=world.school.slug)

    arriving.refresh_from_db()
    assert arriving.name == "Getting to work on time"
    assert arriving.assessments.count() == 1
    assert result.changes["skills"].updated == 1


@pytest.mark.django_db
def test_a_renamed_default_is_not_installed_again(world):
    load_programme(text=SMALL, school_slug=world.school.slug)
    Framework.objects.filter(school=world.school, code="essential-skills").update(name="Our eight skills")

    result = load_programme(text=SMALL, school_slug=world.school.slug)

    assert result.changes["skills frameworks"].created == 0
    assert Framework.objects.filter(school=world.school).count() == 2
    assert Step.objects.filter(school=world.school).count() == 16 + 5


@pytest.mark.parametrize("path", sorted(Path(EXAMPLES).glob("*.yaml")), ids=lambda p: p.name)
def test_examples_have_a_skills_section_that_reads(path):
    text = path.read_text(encoding="utf-8")
    programme = parse_programme(text)

    assert re.search(r"^skills:", text, re.MULTILINE)
    assert programme.skills
    assert programme.warnings == []
