"""Placements for tests, made through the services so they are what a careers leader would make."""

from __future__ import annotations

import datetime as dt
from typing import Any

from roadahead.people.models import Membership, Pupil
from roadahead.placements import services
from roadahead.placements.models import Assignment, Placement
from roadahead.placements.rotation import rotate_through
from roadahead.schools.models import AcademicYear, Term
from tests import factories
from tests.conftest import SchoolWorld

# Spring term 2026 with a half-term break from 14 to 22 February.
SPRING = {"starts_on": dt.date(2026, 1, 5), "ends_on": dt.date(2026, 3, 27),
          "first_half_ends_on": dt.date(2026, 2, 13), "second_half_starts_on": dt.date(2026, 2, 23)}


def spring_term(world: SchoolWorld) -> Term:
    year = AcademicYear.objects.get(school=world.school, start_year=2025)
    return Term.objects.get_or_create(school=world.school, academic_year=year, name="spring", defaults=SPRING)[0]


def placement(world: SchoolWorld, *, areas: tuple[str, ...] = ("Café counter", "Kitchen", "Garden"),
              **values: Any) -> Placement:
    name = f"Green Shoots Café {Placement.objects.count()}"
    provider = (values.pop("provider") if "provider" in values
                else factories.ProviderFactory(school=world.school, name=name))
    term = values.pop("term") if "term" in values else spring_term(world)
    defaults: dict[str, Any] = {
        "title": "Spring work experience", "kind": "work_experience", "where": "off_site", "provider": provider,
        "term": term, "starts_on": term.starts_on if term else None,
        "ends_on": term.ends_on if term else None, "weekday": 2,
        "supervisor_name": "Café manager", "health_safety_checked_on": dt.date(2025, 12, 1),
        "health_safety_expires_on": dt.date(2026, 11, 30), "insurance_checked_on": dt.date(2025, 12, 1),
        "insurance_expires_on": dt.date(2026, 7, 31), "purpose_shared": True, "outcomes_fitted": True,
        "two_way": True, "reflection": True, "employer_task": True, "employer_feedback": True}
    defaults.update(values)
    return services.create_placement(school=world.school, by=world.careers_leader.user, areas=areas, **defaults)


def assign(world: SchoolWorld, made: Placement, pupil: Pupil, *, rotate: int = 0, start: int = 0,
           settle: int | None = None) -> Assignment:
    areas = list(made.areas.all())
    return services.assign_pupil(placement=made, by=world.careers_leader.user, pupil=pupil,
                                 area=areas[settle] if settle is not None else None,
                                 rotation=rotate_through(areas, weeks=rotate, start=start))


def leader(world: SchoolWorld) -> Membership:
    return world.careers_leader
