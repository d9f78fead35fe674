"""Shared fixtures: a school with one person in every role, and a second school to leak from."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import pytest
import time_machine
from django_scopes import scopes_disabled

from roadahead.people.enums import Role
from roadahead.people.models import Membership, Pupil
from roadahead.schools.models import ClassGroup, School
from tests import factories

pytest_plugins = ["tests.browser_support"]

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# beside one unless told this is deliberate (it is: the test thread never awaits the ORM).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Tests run on a fixed school day in the spring term of 2025/26 unless they travel elsewhere.
TODAY = dt.date(2026, 3, 10)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _scopes_off():
    """Tests build data across schools freely; requests still open the school scope themselves."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _fixed_today():
    # time_machine patches the clock process-wide, so a live server thread in browser tests sees
    # the same day as the test that built its data.
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC), tick=True):
        yield


@dataclass
class SchoolWorld:
    school: School
    class_group: ClassGroup
    other_class: ClassGroup
    careers_leader: Membership
    class_teacher: Membership
    adviser: Membership
    leader: Membership
    pupils: list[Pupil]
    class_pupils: list[Pupil]
    adviser_pupils: list[Pupil]


def build_school(slug: str, name: str, pupils: int = 4) -> SchoolWorld:
    school = factories.SchoolFactory(slug=slug, name=name)
    year = factories.AcademicYearFactory(school=school, start_year=2025)
    class_group = factories.ClassGroupFactory(school=school, academic_year=year, name="Oak")
    other_class = factories.ClassGroupFactory(school=school, academic_year=year, name="Ash")
    leader = factories.MembershipFactory(school=school, role=Role.CAREERS_LEADER,
                                         user__email=f"leader@{slug}.example", user__full_name="Careers Leader")
    teacher = factories.MembershipFactory(school=school, role=Role.STAFF,
                                          user__email=f"teacher@{slug}.example", user__full_name="Class Teacher")
    teacher.class_groups.add(class_group)
    adviser = factories.MembershipFactory(school=school, role=Role.ADVISER,
                                          user__email=f"adviser@{slug}.example", user__full_name="Careers Adviser")
    governor = factories.MembershipFactory(school=school, role=Role.LEADER,
                                           user__email=f"governor@{slug}.example", user__full_name="A Governor")
    made = []
    for i in range(pupils):
        pupil = factories.PupilFactory(school=school, upn=f"{slug[0].upper()}{abs(hash(slug)) % 10**6:06d}{i:06d}")
        factories.EnrolmentFactory(pupil=pupil, academic_year=year, nc_year="10",
                                   class_group=class_group if i % 2 == 0 else other_class)
        factories.PupilNeedFactory(pupil=pupil, need="SLD")
        made.append(pupil)
    class_pupils = [p for i, p in enumerate(made) if i % 2 == 0]
    adviser_pupils = made[:1]
    for pupil in adviser_pupils:
        factories.AdviserAssignmentFactory(adviser=adviser, pupil=pupil)
    return SchoolWorld(school, class_group, other_class, leader, teacher, adviser, governor, made,
                       class_pupils, adviser_pupils)


@pytest.fixture
def world(db) -> SchoolWorld:
    return build_school("oakfield", "Oakfield School")


@pytest.fixture
def other_world(db) -> SchoolWorld:
    return build_school("elmbrook", "Elmbrook School")


@pytest.fixture
def leader_client(client, world):
    client.force_login(world.careers_leader.user)
    return client
