from __future__ import annotations

import json

import pytest
from django.utils import timezone

from roadahead.api.models import ApiToken
from roadahead.audit.models import AuditEntry
from roadahead.people.enums import Role
from tests.api.conftest import ApiClient, token_for

pytestmark = pytest.mark.django_db


def test_request_without_token_is_refused_with_401(world):
    response = ApiClient(None).get("/pupils")
    assert response.status_code == 401
    assert "token" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", [
    "Bearer ra_not-a-real-token", "Bearer", "Basic dXNlcjpwYXNz", "ra_nobearer", "Bearer " + "ra_" + "x" * 300,
])
def test_request_with_wrong_token_is_refused_with_401(world, header):
    token_for(world.careers_leader)
    response = ApiClient(None).client.get("/api/v1/pupils", headers={"Authorization": header})
    assert response.status_code == 401
    assert set(response.json()) == {"detail"}


def test_revoked_token_stops_working(world):
    raw = token_for(world.careers_leader)
    api = ApiClient(raw)
    assert api.get("/me").status_code == 200
    ApiToken.objects.filter(user=world.careers_leader.user).delete()
    assert api.get("/me").status_code == 401


def test_token_of_deactivated_member_stops_working(world):
    api = ApiClient(token_for(world.class_teacher))
    assert api.get("/pupils").status_code == 200
    world.class_teacher.is_active = False
    world.class_teacher.save()
    assert api.get("/pupils").status_code == 401


def test_token_of_deactivated_user_stops_working(world):
    api = ApiClient(token_for(world.careers_leader))
    world.careers_leader.user.is_active = False
    world.careers_leader.user.save()
    assert api.get("/me").status_code == 401


def test_signed_in_session_does_not_authenticate_the_api(leader_client):
    assert leader_client.get("/api/v1/pupils").status_code == 401
    assert leader_client.post("/api/v1/providers", {"name": "Acme", "kind": "employer"},
                              content_type="application/json").status_code == 401


def test_token_works_with_a_session_cookie_and_no_csrf_token(world, leader_client):
    # A script may share a cookie jar with a browser; the token alone decides, and CSRF does not apply.
    leader_client.handler.enforce_csrf_checks = True
    raw = token_for(world.careers_leader)
    response = leader_client.post("/api/v1/providers", {"name": "Acme Bakery", "kind": "employer"},
                                  content_type="application/json", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 201


def test_me_names_the_tokens_user_school_and_role(world):
    response = ApiClient(token_for(world.adviser)).get("/me")
    assert response.status_code == 200
    body = response.json()
    assert body["school"] == {"slug": "oakfield", "name": "Oakfield School"}
    assert body["role"] == "adviser"
    assert body["user"]["email"] == "adviser@oakfield.example"
    assert body["read_only"] is False


def test_token_acts_only_in_its_own_school(world, other_world):
    # The same person is a careers leader in both schools; a token for one never reaches the other.
    from tests.factories import MembershipFactory
    MembershipFactory(school=other_world.school, user=world.careers_leader.user, role=Role.CAREERS_LEADER)
    api = ApiClient(token_for(world.careers_leader))
    ids = {p["id"] for p in api.get("/pupils").json()["items"]}
    assert ids == {p.pk for p in world.pupils}
    assert api.get(f"/pupils/{other_world.pupils[0].pk}").status_code == 404


def test_role_change_applies_to_existing_tokens_at_once(world):
    api = ApiClient(token_for(world.careers_leader))
    world.careers_leader.role = Role.LEADER
    world.careers_leader.save()
    assert api.post("/providers", {"name": "Acme Bakery", "kind": "employer"}).status_code == 403
    assert api.get("/me").json()["role"] == "leader"


def test_using_a_token_records_when_it_was_last_used(world):
    raw = token_for(world.careers_leader)
    assert ApiToken.objects.get().last_used_at is None
    ApiClient(raw).get("/me")
    last_used = ApiToken.objects.get().last_used_at
    assert last_used is not None
    assert abs((timezone.now() - last_used).total_seconds()) < 5


def test_api_answers_are_never_cached(world):
    response = ApiClient(token_for(world.careers_leader)).get("/pupils")
    assert "no-store" in response["Cache-Control"]


def test_openapi_document_is_public_valid_json_listing_every_path(client, world):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/v1/me", "/api/v1/pupils", "/api/v1/pupils/search", "/api/v1/pupils/{pupil_id}", "/api/v1/providers",
        "/api/v1/providers/{provider_id}", "/api/v1/activities", "/api/v1/activities/{activity_id}",
        "/api/v1/activities/{activity_id}/participations", "/api/v1/pupils/{pupil_id}/participations",
        "/api/v1/standing", "/api/v1/standing/pal", "/api/v1/standing/coverage",
        "/api/v1/skills/frameworks", "/api/v1/skills/cohort", "/api/v1/pupils/{pupil_id}/skill-assessments",
        "/api/v1/pupils/{pupil_id}/profile-entries", "/api/v1/pupils/{pupil_id}/intended-destinations",
        "/api/v1/pupils/{pupil_id}/guidance-meetings", "/api/v1/guidance/actions",
        "/api/v1/reviews", "/api/v1/pupils/{pupil_id}/reviews",
        "/api/v1/pupils/{pupil_id}/pfa-outcomes", "/api/v1/pupils/{pupil_id}/pfa-progress",
        "/api/v1/destinations", "/api/v1/destinations/check-ins", "/api/v1/destinations/report",
        "/api/v1/transition/visits", "/api/v1/transition/pairs", "/api/v1/pupils/{pupil_id}/transition-visits",
        "/api/v1/pupils/{pupil_id}/destinations",
        "/api/v1/evaluations", "/api/v1/evaluations/actions", "/api/v1/evaluations/{evaluation_id}",
        "/api/v1/placements", "/api/v1/placements/{placement_id}/pupils", "/api/v1/placements/{placement_id}/sessions",
        "/api/v1/pupils/{pupil_id}/placements", "/api/v1/surveys", "/api/v1/surveys/{survey_id}"}
    assert document["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"
    assert set(document["paths"]["/api/v1/pupils/{pupil_id}"]) == {"get", "patch"}


def test_interactive_docs_are_not_served(world):
    # Swagger UI would need scripts from a CDN, which the content security policy blocks.
    assert ApiClient(token_for(world.careers_leader)).get("/docs").status_code == 404


def test_unknown_address_or_wrong_method_answers_json(world, api_as):
    api = api_as("careers_leader")
    missing = api.get("/nothing-here")
    assert (missing.status_code, missing.json()) == (404, {"detail": "Not Found"})
    wrong = api.client.delete(f"/api/v1/pupils/{world.pupils[0].pk}", headers=api._headers())
    assert wrong.status_code == 405
    assert wrong.json() == {"detail": "Method Not Allowed"}
    assert "PATCH" in wrong["Allow"]


def test_unknown_api_address_without_token_is_401_not_a_map_of_the_api(world):
    assert ApiClient(None).get("/nothing-here").status_code == 401


def test_refused_requests_write_no_audit_entries(world):
    before = AuditEntry.objects.count()
    ApiClient("ra_wrong").get(f"/pupils/{world.pupils[0].pk}")
    assert AuditEntry.objects.count() == before
