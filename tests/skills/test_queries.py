"""Pages and the export read a fixed number of rows whatever the number of pupils or assessments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.skills.factories import assess

pytestmark = pytest.mark.django_db

BASE = "/s/oakfield/skills/"


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _more_pupils(world, skills, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        pupil = factories.PupilFactory(school=world.school, upn=f"Q{i:012d}")
        factories.EnrolmentFactory(pupil=pupil, academic_year=world.class_group.academic_year, nc_year="11",
                                   class_group=world.class_group, pathway=factories.PathwayFactory(school=world.school))
        for code in ("listening", "speaking", "confidence"):
            assess(pupil, skills[code], 2, dt.date(2025, 10, 1), by=world.class_teacher)
            assess(pupil, skills[code], 3, dt.date(2026, 2, 1), by=world.class_teacher)


@pytest.mark.parametrize("url", [
    "", "?by=pathway", "?by=class", "cohort/year/11/", "export.csv",
    "class/?class_group={class_pk}&skill={skill_pk}",
])
def test_school_wide_pages_do_not_grow_with_pupils(client, world, skills, url):
    client.force_login(world.careers_leader.user)
    url = BASE + url.format(class_pk=world.class_group.pk, skill_pk=skills["listening"].pk)
    _more_pupils(world, skills, 1)
    _count(client, url)  # the first request after sign-in also writes the session
    one = _count(client, url)
    _more_pupils(world, skills, 20, start=1)
    assert _count(client, url) == one


def test_pupil_pages_do_not_grow_with_assessments(client, world, skills):
    client.force_login(world.class_teacher.user)
    pupil = world.class_pupils[0]
    assess(pupil, skills["listening"], 1, dt.date(2025, 9, 10))
    urls = [f"{BASE}pupils/{pupil.pk}/", f"{BASE}pupils/{pupil.pk}/summary/", f"{BASE}pupils/{pupil.pk}/record/"]
    _count(client, urls[0])
    before = [_count(client, url) for url in urls]
    for day in range(1, 25):
        for code in ("speaking", "teamwork", "independence"):
            assess(pupil, skills[code], day % 16 if code != "independence" else day % 5,
                   dt.date(2025, 10, 1) + dt.timedelta(days=day * 6), by=world.careers_leader)
    assert [_count(client, url) for url in urls] == before


def test_the_pupil_page_is_unchanged_by_skills(client, world, skills):
    """The section on the pupil page loads by htmx, so its own queries stay fixed."""
    client.force_login(world.careers_leader.user)
    pupil = world.pupils[0]
    url = f"/s/oakfield/pupils/{pupil.pk}/"
    _count(client, url)
    before = _count(client, url)
    for day in range(1, 10):
        assess(pupil, skills["listening"], day, dt.date(2025, 10, day))
    assert _count(client, url) == before
