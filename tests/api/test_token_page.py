from __future__ import annotations

import re

import pytest

from roadahead.api.models import ApiToken, hash_token
from roadahead.audit.models import AuditEntry
from tests.api.conftest import ApiClient, token_for

pytestmark = pytest.mark.django_db

TOKEN_RE = re.compile(r"ra_[A-Za-z0-9_-]{20,}")


def page(slug: str, action: str = "") -> str:
    return f"/s/{slug}/api-tokens/{action}"


@pytest.fixture
def teacher_client(client, world):
    client.force_login(world.class_teacher.user)
    return client


def test_token_page_lists_only_my_tokens(teacher_client, world):
    ApiToken.objects.create(school=world.school, user=world.class_teacher.user, name="My export", key_hash="a" * 64)
    ApiToken.objects.create(school=world.school, user=world.careers_leader.user, name="Someone else's",
                            key_hash="b" * 64)
    body = teacher_client.get(page("oakfield")).content.decode()
    assert "My export" in body
    assert "Someone else&#x27;s" not in body


def test_created_token_is_shown_once_and_then_works(teacher_client, world):
    response = teacher_client.post(page("oakfield", "new/"), {"name": "Class dashboard", "access": "write"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    shown = TOKEN_RE.findall(response.content.decode())
    assert len(shown) == 1
    raw = shown[0]
    token = ApiToken.objects.get(user=world.class_teacher.user)
    assert (token.name, token.read_only, token.key_hash) == ("Class dashboard", False, hash_token(raw))
    assert raw not in token.key_hash
    # The next visit lists the token by name only.
    later = teacher_client.get(page("oakfield")).content.decode()
    assert "Class dashboard" in later
    assert not TOKEN_RE.search(later)
    assert raw not in str(dict(teacher_client.session))
    assert ApiClient(raw).get("/me").json()["role"] == "staff"
    entry = AuditEntry.objects.get(action="api_token.created")
    assert (entry.user, entry.object_id) == (world.class_teacher.user, token.pk)


def test_new_token_is_read_only_unless_asked(teacher_client, world):
    form_page = teacher_client.get(page("oakfield")).content.decode()
    assert re.search(r'<input[^>]*value="read"[^>]*checked', form_page)
    teacher_client.post(page("oakfield", "new/"), {"name": "Reader", "access": "read"})
    assert ApiToken.objects.get(user=world.class_teacher.user).read_only is True


def test_senior_leader_can_only_make_read_only_tokens(client, world):
    client.force_login(world.leader.user)
    form_page = client.get(page("oakfield")).content.decode()
    assert "Read and make changes" not in form_page
    client.post(page("oakfield", "new/"), {"name": "Governors' report", "access": "write"})
    assert ApiToken.objects.get(user=world.leader.user).read_only is True


def test_token_without_a_name_is_refused_with_a_message(teacher_client, world):
    response = teacher_client.post(page("oakfield", "new/"), {"name": "", "access": "read"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not TOKEN_RE.search(response.content.decode())
    assert not ApiToken.objects.exists()


def test_creating_a_token_needs_a_post(teacher_client):
    assert teacher_client.get(page("oakfield", "new/")).status_code == 405
    assert not ApiToken.objects.exists()


def test_revoking_a_token_deletes_it_and_it_stops_working(teacher_client, world):
    raw = token_for(world.class_teacher)
    token = ApiToken.objects.get()
    response = teacher_client.post(page("oakfield", f"{token.pk}/revoke/"))
    assert response.status_code == 302
    assert not ApiToken.objects.exists()
    assert ApiClient(raw).get("/me").status_code == 401
    assert AuditEntry.objects.filter(action="api_token.revoked", object_id=token.pk).exists()


def test_someone_elses_token_cannot_be_revoked(teacher_client, world):
    token_for(world.careers_leader)
    token = ApiToken.objects.get()
    assert teacher_client.post(page("oakfield", f"{token.pk}/revoke/")).status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_token_page_of_another_school_is_404(teacher_client, other_world):
    assert teacher_client.get(page("elmbrook")).status_code == 404
    assert teacher_client.post(page("elmbrook", "new/"), {"name": "x"}).status_code == 404


def test_token_page_asks_anonymous_visitors_to_sign_in(client, world):
    response = client.get(page("oakfield"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
