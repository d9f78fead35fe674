"""Fixtures for the activities tests: the default activity types, and quick ways to make activities."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from roadahead.activities import services
from roadahead.activities.models import Activity, ActivityType
from roadahead.schools.models import School
from tests import factories
from tests.conftest import SchoolWorld


def kind(school: School, code: str) -> ActivityType:
    services.ensure_activity_types(school=school)
    return ActivityType.objects.get(school=school, code=code)


def make_activity(world: SchoolWorld, *, code: str = "employer-talk", day: dt.date = dt.date(2026, 3, 2),
                  by: Any = None, **values: Any) -> Activity:
    values.setdefault("title", "Talk from the fire service")
    return services.create_activity(school=world.school, by=by or world.careers_leader.user,
                                    activity_type=kind(world.school, code), date=day, **values)


def add_class_pupils(world: SchoolWorld, count: int) -> list:
    """Put `count` more pupils in the class teacher's class this year."""
    made = []
    for _ in range(count):
        pupil = factories.PupilFactory(school=world.school)
        factories.EnrolmentFactory(pupil=pupil, academic_year=world.class_group.academic_year,
                                   class_group=world.class_group)
        made.append(pupil)
    return made


@pytest.fixture
def types(world) -> dict[str, ActivityType]:
    services.ensure_activity_types(school=world.school)
    return {t.code: t for t in ActivityType.objects.filter(school=world.school)}
