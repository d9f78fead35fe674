"""Text holding a NUL character is refused with a plain message, wherever it is in a request:
PostgreSQL cannot store or compare it, so it would otherwise end in a server error."""

from __future__ import annotations

import pytest

from roadahead.people.models import Pupil
from tests.api.test_pupils import NEW_PUPIL

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_new_pupils_name_is_refused_and_nothing_is_written(api_as, world):
    before = Pupil.objects.filter(school=world.school).count()
    response = api_as("careers_leader").post("/pupils", {**NEW_PUPIL, "legal_surname": "Exam\x00ple"})
    assert response.status_code == 422
    assert "Null characters are not allowed." in response.content.decode()
    assert Pupil.objects.filter(school=world.school).count() == before


def test_a_nul_deep_in_a_request_or_in_the_address_is_refused(api_as, world):
    api = api_as("careers_leader")
    assert api.post("/pupils", {**NEW_PUPIL, "needs": ["ASD", "SL\x00CN"]}).status_code == 422
    assert api.post("/pupils/search", {"search": "Ex\x00"}).status_code == 422
    response = api.get("/pupils", search="Ex\x00")
    assert response.status_code == 422
    assert "Null characters are not allowed." in response.content.decode()
    assert api.get("/pupils", search="Example").status_code == 200
