"""Wrong passwords (security.md B12): five for one email address from one client address pause
sign-in for that pair for 15 minutes; forged X-Forwarded-For headers change nothing; other people
at the same address can still sign in; the API's tokens are untouched."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user

from tests.accounts.conftest import authenticator_for
from tests.api.conftest import ApiClient, token_for
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PAUSED = "Sign-in paused for this account"
WRONG = "Please enter a correct email address and password."


def attempt(client, email: str, password: str, **headers: str):
    return client.post(LOGIN, {"username": email, "password": password}, headers=headers)


def signed_in(client) -> bool:
    return get_user(client).is_authenticated


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client, world, axes_on):
    email = world.class_teacher.user.email
    for _ in range(4):
        response = attempt(client, email, "not the password at all")
        assert response.status_code == 200
        assert WRONG in response.content.decode()
    fifth = attempt(client, email, "not the password at all")
    assert fifth.status_code == 429
    assert PAUSED in fifth.content.decode()
    assert "15 minutes" in fifth.content.decode()
    sixth = attempt(client, email, PASSWORD)
    assert sixth.status_code == 429
    assert not signed_in(client)


def test_sign_in_works_again_after_the_15_minute_pause(client, world, axes_on, clock):
    email = world.class_teacher.user.email
    for _ in range(5):
        attempt(client, email, "not the password at all")
    clock.shift(14 * 60)
    assert attempt(client, email, PASSWORD).status_code == 429
    clock.shift(60 + 1)
    response = attempt(client, email, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.parametrize("run", range(3))
def test_locked_at_the_sixth_attempt_whatever_the_order_of_wrong_passwords(client, world, axes_on, run):
    email = world.class_teacher.user.email
    codes = [attempt(client, email, f"wrong password number {run}-{i}").status_code for i in range(5)]
    assert codes == [200, 200, 200, 200, 429]
    assert attempt(client, email, PASSWORD).status_code == 429


def test_fifty_forged_forwarded_addresses_from_one_address_are_still_locked_at_the_sixth(client, world, axes_on):
    email = world.class_teacher.user.email
    codes = [attempt(client, email, "not the password at all",
                     X_Forwarded_For=f"198.51.100.{i}").status_code for i in range(50)]
    assert codes[:4] == [200] * 4
    assert set(codes[4:]) == {429}
    assert attempt(client, email, PASSWORD, X_Forwarded_For="198.51.100.200").status_code == 429


def test_behind_a_trusted_proxy_forged_entries_left_of_the_proxys_own_are_ignored(client, world, axes_on):
    axes_on.ROADAHEAD_TRUSTED_PROXIES = 1
    email = world.class_teacher.user.email
    # The proxy appends the address it saw (203.0.113.9); whatever the client sent sits to its left.
    codes = [attempt(client, email, "not the password at all",
                     X_Forwarded_For=f"198.51.100.{i}, 203.0.113.9").status_code for i in range(50)]
    assert set(codes[4:]) == {429}
    # Someone else behind the same proxy, at another address, is not paused for this email.
    assert attempt(client, email, PASSWORD, X_Forwarded_For="203.0.113.10").status_code == 302


def test_another_person_at_the_same_address_can_still_sign_in(client, world, axes_on):
    for _ in range(6):
        attempt(client, world.class_teacher.user.email, "not the password at all")
    response = attempt(client, world.adviser.user.email, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_an_unknown_email_is_paused_the_same_way_as_a_known_one(client, world, axes_on):
    codes = [attempt(client, "nobody@oakfield.example", "not the password at all").status_code for _ in range(6)]
    assert codes == [200, 200, 200, 200, 429, 429]


def test_the_api_keeps_working_with_lockouts_and_two_factor_on(world, axes_on, two_factor):
    raw = token_for(world.careers_leader)
    authenticator_for(world.careers_leader.user)
    response = ApiClient(raw).get("/me")
    assert response.status_code == 200


def test_changing_the_emails_capitals_or_spaces_does_not_start_a_fresh_count(client, world, axes_on):
    email = world.class_teacher.user.email
    variants = [email, email.upper(), f" {email} ", email.title(), email]
    codes = [attempt(client, variant, "not the password at all").status_code for variant in variants]
    assert codes[-1] == 429
    assert attempt(client, email, PASSWORD).status_code == 429
