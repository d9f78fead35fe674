"""No user enumeration (security.md B14): a wrong password for a real account and any password for
an unknown address get the same answer, at sign-in and when asking for a new password."""

from __future__ import annotations

import pytest

from tests.accounts.conftest import without_csrf

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
