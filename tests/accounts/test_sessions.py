"""Sessions (security.md B15, B16): a new key at sign-in, nothing left after sign-out, 30 idle
minutes and 10 hours at most, ended at once by deactivation or a new password, and cookies that
browsers keep to this site over HTTPS only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from http.cookies import SimpleCookie

import pytest
from django.test import Client

from roadahead.accounts.models import Session
from roadahead.people import services
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PAGE = "/s/oakfield/pupils/"


def sign_in(client, user):
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


def session_count(user) -> int:
    return Session.objects.filter(user=user).count()


def test_signing_in_gives_a_new_session_key(client, world, settings):
    client.get("/accounts/login/")
    client.session.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    sign_in(client, world.class_teacher.user)
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert before
    assert after
    assert before != after
    assert not Session.objects.filter(session_key=before).exists()


def test_after_signing_out_the_old_cookie_leads_to_the_sign_in_page(client, world, settings):
    sign_in(client, world.class_teacher.user)
    old = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/accounts/logout/")
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old
    response = replay.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_thirty_idle_minutes_sign_out_and_a_second_less_does_not(client, world, clock, settings):
    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    sign_in(client, world.class_teacher.user)
    clock.shift(30 * 60)
    assert client.get(PAGE).status_code == 200
    clock.shift(30 * 60 + 1)
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_ten_hours_after_signing_in_a_busy_session_ends_all_the_same(client, world, clock, settings):
    assert settings.SESSION_COOKIE_AGE == 10 * 60 * 60
    sign_in(client, world.class_teacher.user)
    for _ in range(40):  # a page every 15 minutes for ten hours
        clock.shift(15 * 60)
        assert client.get(PAGE).status_code == 200
    clock.shift(1)
    assert client.get(PAGE).status_code == 302


def test_deactivating_a_member_ends_all_their_sessions_at_once(client, world):
    member = world.class_teacher
    phone, laptop = Client(), Client()
    sign_in(phone, member.user)
    sign_in(laptop, member.user)
    assert session_count(member.user) == 2
    services.update_member(membership=member, by=world.careers_leader.user, role=member.role,
                           job_title=member.job_title, is_active=False)
    assert session_count(member.user) == 0
    assert phone.get(PAGE).status_code == 302


def test_saving_a_membership_that_was_already_off_keeps_the_persons_other_schools(world, other_world):
    member = world.class_teacher
    other_world.school.memberships.create(user=member.user, role=member.role)
    services.update_member(membership=member, by=world.careers_leader.user, role=member.role,
                           job_title="", is_active=False)
    elsewhere = Client()
    sign_in(elsewhere, member.user)
    services.update_member(membership=member, by=world.careers_leader.user, role=member.role,
                           job_title="Teacher of Oak class", is_active=False)
    assert session_count(member.user) == 1
    assert elsewhere.get("/s/elmbrook/pupils/").status_code == 200


def test_deactivating_a_user_ends_all_their_sessions(world):
    user = world.adviser.user
    sign_in(Client(), user)
    user.is_active = False
    user.save()
    assert session_count(user) == 0


def test_a_password_change_keeps_this_session_and_ends_the_others(client, world):
    user = world.class_teacher.user
    other = Client()
    sign_in(other, user)
    sign_in(client, user)
    new = "a brand new long passphrase"
    response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": new,
                                                   "new_password2": new})
    assert response.status_code == 302
    assert session_count(user) == 1
    assert client.get(PAGE).status_code == 200
    assert other.get(PAGE).status_code == 302


def test_a_password_reset_ends_every_session(client, world):
    import re

    from django.core import mail

    user = world.class_teacher.user
    other = Client()
    sign_in(other, user)
    client.post("/accounts/password-reset/", {"email": user.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    new = "a brand new long passphrase"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert session_count(user) == 0
    assert other.get(PAGE).status_code == 302


PRODUCTION_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in (
    "SESSION_COOKIE_NAME", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_PATH", "SESSION_COOKIE_DOMAIN", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_AGE",
    "SESSION_IDLE_SECONDS", "ROADAHEAD_REQUIRE_TWO_FACTOR", "AXES_FAILURE_LIMIT")}))
"""


@pytest.fixture(scope="module")
def https_settings(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("https")
    env = {**os.environ, "ROADAHEAD_HTTPS": "true", "ROADAHEAD_DATA_DIR": str(folder),
           "ROADAHEAD_SECRET_KEY": "x" * 50, "DJANGO_SETTINGS_MODULE": "roadahead.settings"}
    for name in ("ROADAHEAD_SESSION_MAX_SECONDS", "ROADAHEAD_SESSION_IDLE_SECONDS", "ROADAHEAD_REQUIRE_TWO_FACTOR"):
        env.pop(name, None)
    out = subprocess.run([sys.executable, "-c", "import django; django.setup()\n" + PRODUCTION_SETTINGS],  # noqa: S603
                         env=env, capture_output=True, text=True, check=True, cwd=folder)
    return json.loads(out.stdout)


def test_production_settings_make_a_host_only_secure_session_cookie_and_ask_for_two_factor(https_settings):
    assert https_settings == {
        "SESSION_COOKIE_NAME": "__Host-roadahead_session", "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True, "SESSION_COOKIE_SAMESITE": "Lax", "SESSION_COOKIE_PATH": "/",
        "SESSION_COOKIE_DOMAIN": None, "CSRF_COOKIE_SECURE": True, "SESSION_COOKIE_AGE": 36000,
        "SESSION_IDLE_SECONDS": 1800, "ROADAHEAD_REQUIRE_TWO_FACTOR": True, "AXES_FAILURE_LIMIT": 5}


def test_every_cookie_set_over_https_has_the_right_attributes(client, world, settings, https_settings):
    for name, value in https_settings.items():
        if name.startswith(("SESSION_COOKIE", "CSRF_COOKIE")):
            setattr(settings, name, value)
    settings.SECURE_SSL_REDIRECT = False
    headers: list[str] = []
    page = client.get("/accounts/login/", secure=True)
    headers += [morsel.OutputString() for morsel in page.cookies.values()]
    signed_in = client.post("/accounts/login/", {"username": world.class_teacher.user.email, "password": PASSWORD},
                            secure=True)
    headers += [morsel.OutputString() for morsel in signed_in.cookies.values()]
    cookies = {}
    for header in headers:
        cookies.update(SimpleCookie(header))
    session = cookies["__Host-roadahead_session"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    assert session["path"] == "/"
    assert not session["domain"]
    assert cookies["csrftoken"]["secure"]
