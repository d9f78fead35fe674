"""The demo's public careers page: published, complete, and shown without sign-in."""

from __future__ import annotations

import random

import pytest

from roadahead.demo.public import record_public_page
from roadahead.public.models import PublicPage
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_demo_page_is_published_and_complete(client, world):
    record_public_page(school=world.school, today=TODAY, rng=random.Random(7))  # noqa: S311 (invented data)
    page = PublicPage.objects.get(school=world.school)
    assert page.published
    assert page.next_review_on > TODAY
    page.full_clean()
    assert client.get("/careers/oakfield/").status_code == 200
    assert client.get("/careers/oakfield/easy-read/").status_code == 200
