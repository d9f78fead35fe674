"""No user enumeration (security.md B14): a wrong password for a real account and any password for
an unknown address get the same answer, at sign-in and when asking for a new password."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

from roadahead import settings as production
from tests.accounts.conftest import without_csrf
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_failure_looks_the_same_for_a_real_and_an_unknown_address(client, world, axes_on):
    real = world.class_teacher.user.email
    unknown = "nobody@oakfield.example"
    first = client.post("/accounts/login/", {"username": real, "password": "not the password at all"})
    second = client.post("/accounts/login/", {"username": unknown, "password": "not the password at all"})
    assert first.status_code == second.status_code == 200
    assert without_csrf(first.content).replace(real.encode(), b"EMAIL") == \
        without_csrf(second.content).replace(unknown.encode(), b"EMAIL")


def test_asking_for_a_new_password_looks_the_same_for_a_real_and_an_unknown_address(client, world):
    responses = [client.post("/accounts/password-reset/", {"email": email}, follow=True)
                 for email in (world.class_teacher.user.email, "nobody@oakfield.example")]
    assert responses[0].redirect_chain == responses[1].redirect_chain
    assert without_csrf(responses[0].content) == without_csrf(responses[1].content)


def test_a_wrong_password_costs_the_same_hashing_for_a_real_address_as_for_an_unknown_one(
        client, world, settings, monkeypatch):
    """Timing (security.md B14) measured as work rather than by the clock, which is too noisy on a
    shared machine: an unknown address still runs the Argon2 hasher once, as a real one does."""
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    user = world.class_teacher.user
    user.set_password(PASSWORD)
    user.save()
    runs: list[str] = []
    encode, verify = Argon2PasswordHasher.encode, Argon2PasswordHasher.verify

    def counted_encode(self, password, salt):
        runs.append("encode")
        return encode(self, password, salt)

    def counted_verify(self, password, encoded):
        runs.append("verify")
        return verify(self, password, encoded)

    monkeypatch.setattr(Argon2PasswordHasher, "encode", counted_encode)
    monkeypatch.setattr(Argon2PasswordHasher, "verify", counted_verify)
    hashed = {}
    for kind, email in {"real": user.email, "unknown": "nobody@oakfield.example"}.items():
        runs.clear()
        response = client.post("/accounts/login/", {"username": email, "password": "not the password at all"})
        assert response.status_code == 200
        hashed[kind] = len(runs)
    assert hashed == {"real": 1, "unknown": 1}
