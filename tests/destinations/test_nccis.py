"""Every destination category maps to a real NCCIS activity code."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadahead.destinations import services
from roadahead.destinations.nccis import DEFAULT_CATEGORIES, NCCIS_CODES, is_valid_code
from roadahead.programmes.schema import parse_programme
from roadahead.schools.models import DestinationCategory

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples" / "programmes").glob("*.yaml"))


def test_every_default_category_has_a_valid_code():
    assert DEFAULT_CATEGORIES
    for category in DEFAULT_CATEGORIES:
        assert is_valid_code(category.nccis_code), category


def test_the_default_list_is_send_aware():
    codes = {c.code for c in DEFAULT_CATEGORIES}
    assert {"specialist-college", "college-specialist-provision", "sixth-form", "supported-internship",
            "apprenticeship", "supported-employment", "employment", "day-service", "social-care-package",
            "pa-support", "volunteering", "neet", "not-known"} <= codes
    assert len(codes) == len(DEFAULT_CATEGORIES)


@pytest.mark.parametrize(("code", "nccis"), [
    ("sixth-form", "210"), ("college-specialist-provision", "230"), ("specialist-college", "280"),
    ("apprenticeship", "310"), ("supported-internship", "460"), ("volunteering", "540"),
    ("day-service", "670"), ("neet", "619"), ("not-known", "810"), ("further-training", "430")])
def test_codes_follow_the_nccis_list(code, nccis):
    assert {c.code: c.nccis_code for c in DEFAULT_CATEGORIES}[code] == nccis


def test_no_pre_16_code_is_a_destination():
    assert not [code for code in NCCIS_CODES if code.startswith("1")]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_category_in_the_example_programmes_has_a_valid_code(path):
    programme = parse_programme(path.read_text(encoding="utf-8"))
    assert programme.destinations
    for spec in programme.destinations:
        assert is_valid_code(spec.nccis_code), (path.name, spec.code)


def test_a_school_gets_the_default_list_once(world):
    assert services.ensure_default_categories(school=world.school) == len(DEFAULT_CATEGORIES)
    assert services.ensure_default_categories(school=world.school) == 0
    for category in DestinationCategory.objects.filter(school=world.school):
        assert is_valid_code(category.nccis_code)


MINIMAL = """\
version: 1
school:
  name: Lowfield School
  slug: lowfield
  urn: "199107"
  type: maintained_special
phases:
  - name: Post 16
    first_year: 12
    last_year: 14
"""


def test_a_school_loaded_without_destination_categories_gets_the_default_list(db):
    from django_scopes import scopes_disabled

    from roadahead.programmes.services import load_programme

    with scopes_disabled():
        school = load_programme(text=MINIMAL, school_slug=None).school
        codes = dict(DestinationCategory.objects.filter(school=school).values_list("code", "nccis_code"))
        assert codes == {c.code: c.nccis_code for c in DEFAULT_CATEGORIES}
        # Loading again keeps what the school has.
        load_programme(text=MINIMAL, school_slug=None)
        assert DestinationCategory.objects.filter(school=school).count() == len(DEFAULT_CATEGORIES)


def test_a_programme_file_with_an_unknown_nccis_code_is_refused():
    from roadahead.programmes.schema import ProgrammeInvalid

    text = MINIMAL + 'destination_categories:\n  - {code: circus, name: Circus school, nccis_code: "999"}\n'
    with pytest.raises(ProgrammeInvalid) as error:
        parse_programme(text)
    assert "not an NCCIS current-activity code" in str(error.value.problems[0])
