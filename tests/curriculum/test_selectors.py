from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.curriculum import selectors
from roadahead.curriculum.models import Scheme, Subject
from tests.curriculum.helpers import add_activity, build_curriculum

pytestmark = pytest.mark.django_db


def _numbers(grid):
    return {(subject.name, cell.phase.name): (cell.schemes, cell.activities)
            for subject, cells in grid.rows for cell in cells}


def test_coverage_grid_counts_schemes_by_phase_ticked_or_by_years(world):
    c = build_curriculum(world.school)
    add_activity(world.school, c.budgeting, dt.date(2025, 10, 6))
    add_activity(world.school, c.budgeting, dt.date(2026, 2, 2))
    add_activity(world.school, c.measures, dt.date(2026, 3, 2))
    add_activity(world.school, c.letters, dt.date(2025, 3, 2))  # last academic year: not counted
    add_activity(world.school, None, dt.date(2026, 3, 3))  # linked to no scheme

    grid = selectors.coverage_grid(school=world.school, start_year=2025)

    assert [p.name for p in grid.phases] == ["Key Stage 3", "Key Stage 4", "Post 16"]
    assert _numbers(grid) == {
        ("English", "Key Stage 3"): (0, 0), ("English", "Key Stage 4"): (0, 0), ("English", "Post 16"): (1, 0),
        # Measuring (Years 9 to 12) reaches into all three phases; Money and budgeting is ticked for KS4.
        ("Maths", "Key Stage 3"): (1, 1), ("Maths", "Key Stage 4"): (2, 3), ("Maths", "Post 16"): (1, 1),
    }
    assert grid.gaps == 2


def test_coverage_grid_counts_the_chosen_year_only(world):
    c = build_curriculum(world.school)
    add_activity(world.school, c.letters, dt.date(2025, 3, 2))
    grid = selectors.coverage_grid(school=world.school, start_year=2024)
    assert _numbers(grid)[("English", "Post 16")] == (1, 1)
    assert _numbers(grid)[("Maths", "Key Stage 4")] == (2, 0)


def test_coverage_grid_lists_schemes_outside_every_phase(world):
    c = build_curriculum(world.school)
    early = Scheme.objects.create(school=world.school, subject=c.english, title="Role play shops",
                                  careers_statement="Shop work.", first_year="R", last_year="2")
    grid = selectors.coverage_grid(school=world.school, start_year=2025)
    assert grid.unplaced == [early]


def test_coverage_grid_ignores_other_schools(world, other_world):
    build_curriculum(world.school)
    theirs = build_curriculum(other_world.school)
    add_activity(other_world.school, theirs.budgeting, dt.date(2026, 1, 5))
    grid = selectors.coverage_grid(school=world.school, start_year=2025)
    assert _numbers(grid)[("Maths", "Key Stage 4")] == (2, 0)
    assert len(grid.rows) == 2


def _grid_queries(school) -> int:
    with CaptureQueriesContext(connection) as queries:
        selectors.coverage_grid(school=school, start_year=2025)
    return len(queries)


def test_coverage_grid_query_count_does_not_grow_with_subjects_schemes_or_activities(world):
    c = build_curriculum(world.school)
    before = _grid_queries(world.school)
    for n in range(6):
        subject = Subject.objects.create(school=world.school, name=f"Subject {n}")
        for m in range(3):
            scheme = Scheme.objects.create(school=world.school, subject=subject, title=f"Unit {m}",
                                           careers_statement="Used at work.", first_year="7", last_year="11")
            scheme.phases.add(c.post16)
            add_activity(world.school, scheme, dt.date(2026, 1, 5 + m))
    assert _grid_queries(world.school) == before


def test_scheme_list_filters_by_subject_and_phase_as_the_grid_does(world):
    c = build_curriculum(world.school)
    assert selectors.scheme_list(school=world.school, subject=c.maths, phase=c.ks4) == [c.measures, c.budgeting]
    assert selectors.scheme_list(school=world.school, phase=c.post16) == [c.letters, c.measures]
    assert selectors.scheme_list(school=world.school, subject=c.english, phase=c.ks3) == []


def test_cell_activities_are_those_behind_the_cell_count(world):
    c = build_curriculum(world.school)
    add_activity(world.school, c.budgeting, dt.date(2025, 10, 6), title="Shop prices")
    add_activity(world.school, c.measures, dt.date(2026, 3, 2), title="Measuring a room")
    add_activity(world.school, c.letters, dt.date(2026, 3, 3), title="A letter to an employer")
    rows = selectors.cell_activities(school=world.school, start_year=2025, subject=c.maths, phase=c.ks4)
    assert [r["title"] for r in rows] == ["Measuring a room", "Shop prices"]
    assert set(rows[0]) == {"id", "title", "date", "scheme_id", "scheme__title", "activity_type__name"}


def test_scheme_activities_lists_its_own_newest_first(world):
    c = build_curriculum(world.school)
    add_activity(world.school, c.budgeting, dt.date(2025, 10, 6), title="Shop prices")
    add_activity(world.school, c.budgeting, dt.date(2024, 10, 6), title="Bus fares")
    add_activity(world.school, c.measures, dt.date(2026, 3, 2), title="Measuring a room")
    rows = selectors.scheme_activities(school=world.school, scheme=c.budgeting)
    assert [r["title"] for r in rows] == ["Shop prices", "Bus fares"]
