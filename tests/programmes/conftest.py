"""Programme file fixtures: a small valid file to break in one place per test, and the examples."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "programmes"

SMALL = """\
version: 1
school:
  name: Brookfield School
  slug: brookfield
  urn: "199100"
  type: maintained_special
  careers_leader:
    name: Sam Carter
    email: careers@brookfield.example
    phone: "01632 960 100"
  check_provider_access: true
calendar:
  - year: 2025/26
    terms:
      autumn:
        starts: 2025-09-03
        first_half_ends: 2025-10-24
        second_half_starts: 2025-11-03
        ends: 2025-12-19
      spring:
        starts: 2026-01-06
        ends: 2026-03-27
phases:
  - name: Upper
    first_year: 7
    last_year: 9
  - name: Post 16
    first_year: 12
    last_year: 14
destination_categories:
  - code: specialist-college
    name: Specialist college
    nccis_code: "280"
  - code: day-service
    name: Day service
pathways:
  - name: Pathway A
    vision: I go to college with the support I need.
    in_keeping:
      - specialist-college
      - day-service
class_groups:
  - name: Oak
    phase: Upper
    academic_year: 2025/26
"""


def line_of(text: str, needle: str) -> int:
    """The 1-based number of the first line containing `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in the text")


@pytest.fixture
def small() -> str:
    return SMALL


@pytest.fixture
def five_pathway() -> str:
    return (EXAMPLES / "five-pathway.yaml").read_text(encoding="utf-8")


@pytest.fixture
def four_pathway() -> str:
    return (EXAMPLES / "four-pathway.yaml").read_text(encoding="utf-8")
