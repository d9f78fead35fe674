"""The standing API: the same records as `roadahead report`, limited to the pupils each member may see."""

from __future__ import annotations

import pytest

from roadahead.audit.models import AuditEntry
from tests.api.conftest import ApiClient, token_for
from tests.standing.test_reports import build_scenario, expected_coverage, expected_pal, expected_standing

pytestmark = pytest.mark.django_db

# world: pupils 0 and 2 are in the class teacher's class; pupil 0 is the adviser's.
SEEN = {"careers_leader": (0, 1, 2, 3), "leader": (0, 1, 2, 3), "class_teacher": (0, 2), "adviser": (0,)}
# Benchmark 5 evidence: pupils 0 and 1; Benchmark 7: pupils 0 and 2 (see build_scenario).
COVERAGE = {"careers_leader": (4, 2, 2), "leader": (4, 2, 2), "class_teacher": (2, 1, 2), "adviser": (1, 1, 1)}


@pytest.fixture
def scenario(world):
    build_scenario(world)
    return world


@pytest.mark.parametrize("role", sorted(SEEN))
def test_standing_lists_only_the_pupils_the_member_may_see(scenario, api_as, role):
    response = api_as(role).get("/standing", as_of="2026-03-10")
    assert response.status_code == 200
    assert response.json() == expected_standing(scenario, SEEN[role])


@pytest.mark.parametrize("role", sorted(SEEN))
def test_pal_lists_only_the_pupils_the_member_may_see(scenario, api_as, role):
    response = api_as(role).get("/standing/pal", as_of="2026-03-10")
    assert response.status_code == 200
    assert response.json() == expected_pal(scenario, SEEN[role])


@pytest.mark.parametrize("role", sorted(COVERAGE))
def test_coverage_counts_only_the_pupils_the_member_may_see(scenario, api_as, role):
    body = api_as(role).get("/standing/coverage", as_of="2026-03-10").json()
    assert [{k: v for k, v in r.items() if k != "title"} for r in body] == expected_coverage(*COVERAGE[role])


def test_standing_defaults_to_today(scenario, api_as):
    assert api_as("careers_leader").get("/standing").json() == expected_standing(scenario)


def test_read_only_token_may_read_standing(scenario, api_as):
    response = api_as("careers_leader", read_only=True).get("/standing/coverage")
    assert response.status_code == 200


def test_another_schools_token_sees_none_of_this_schools_pupils(scenario, other_world):
    elsewhere = ApiClient(token_for(other_world.careers_leader))
    assert elsewhere.get("/standing").json() == []
    assert elsewhere.get("/standing/pal").json() == []
    coverage = elsewhere.get("/standing/coverage").json()
    # Elmbrook's own four pupils, none with evidence: nothing from Oakfield's activities.
    assert {(r["cohort_size"], r["with_evidence"]) for r in coverage} <= {(4, 0)}


def test_standing_needs_a_token(scenario):
    assert ApiClient(None).get("/standing").status_code == 401
    assert ApiClient("ra_not-a-token").get("/standing/coverage").status_code == 401


@pytest.mark.parametrize("bad", ["10/03/2026", "2026-02-30", "soon"])
def test_a_bad_date_is_refused_with_a_422(scenario, api_as, bad):
    response = api_as("careers_leader").get("/standing", as_of=bad)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "as_of"]


def test_reading_standing_is_audited_without_personal_data(scenario, api_as):
    api_as("class_teacher").get("/standing", as_of="2026-03-10")
    entry = AuditEntry.objects.filter(action="standing.listed").get()
    assert entry.data["count"] == 4
    assert entry.data["as_of"] == "2026-03-10"
    assert not any(p.upn in str(entry.data) for p in scenario.pupils)


def test_the_operations_are_in_the_openapi_document(world, client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/standing", "/api/v1/standing/pal", "/api/v1/standing/coverage"} <= set(paths)
