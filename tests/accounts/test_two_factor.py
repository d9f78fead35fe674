"""Two-factor sign-in (security.md B13): a password alone reaches nothing; codes are single-use,
within one 30-second step either side, and slowed after wrong ones; backup codes are hashed and
single-use; a password reset does not skip the code; a careers leader can reset it."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from roadahead.accounts.models import BackupCode, BackupCodeDevice, Session
from roadahead.audit.models import AuditEntry
from tests.accounts.conftest import authenticator_for, code_for
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

VERIFY = "/accounts/two-factor/code/"
SETUP = "/accounts/two-factor/set-up/"


def sign_in(client, user):
    return client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})


def enter(client, code: str, next_url: str = "/"):
    return client.post(VERIFY, {"code": code, "next": next_url})


@pytest.mark.parametrize("url", ["/", "/schools/", "/s/oakfield/", "/s/oakfield/pupils/", "/s/oakfield/staff/",
                                 "/accounts/password/", "/accounts/two-factor/backup-codes/",
                                 "/s/oakfield/reports/"])
def test_a_password_only_session_reaches_no_page_but_the_code_page(client, world, two_factor, url):
    user = world.careers_leader.user
    authenticator_for(user)
    sign_in(client, user)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


def test_without_an_authenticator_sign_in_leads_to_set_up(client, world, two_factor):
    response = sign_in(client, world.class_teacher.user)
    assert response["Location"].startswith(SETUP)
    page = client.get(response["Location"])
    body = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in body
    assert 'role="img"' in body
    assert "aria-label=" in body
    device = TOTPDevice.objects.get(user=world.class_teacher.user)
    secret = re.search(r'<code class="ra-secret" id="secret">([A-Z2-7 ]+)</code>', body).group(1)
    assert secret.replace(" ", "") == __import__("base64").b32encode(device.bin_key).decode()
    assert client.get("/s/oakfield/pupils/")["Location"].startswith(SETUP)


def test_set_up_then_ten_backup_codes_shown_once_and_stored_hashed(client, world, two_factor, clock):
    user = world.class_teacher.user
    sign_in(client, user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    wrong = client.post(SETUP, {"code": "000000", "next": "/s/oakfield/pupils/"})
    assert "That code did not work" in wrong.content.decode()
    assert "Too many wrong codes" in client.post(SETUP, {"code": code_for(device)}).content.decode()
    clock.shift(2)
    done = client.post(SETUP, {"code": code_for(device), "next": "/s/oakfield/pupils/"})
    assert done["Location"].startswith("/accounts/two-factor/backup-codes/")
    shown = client.get(done["Location"])
    codes = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", shown.content.decode())
    assert len(codes) == 10
    assert BackupCode.objects.filter(device__user=user).count() == 10
    stored = " ".join(BackupCode.objects.filter(device__user=user).values_list("digest", flat=True))
    assert not any(code.replace("-", "") in stored for code in codes)
    # Shown once: the page does not show them again.
    assert client.get(done["Location"]).status_code == 302
    assert client.get("/s/oakfield/pupils/").status_code == 200


def test_the_code_page_signs_in_and_the_same_code_cannot_be_used_again(client, world, two_factor, clock):
    user = world.class_teacher.user
    device, _codes = authenticator_for(user)
    sign_in(client, user)
    code = code_for(device)
    assert enter(client, code, "/s/oakfield/pupils/")["Location"] == "/s/oakfield/pupils/"
    assert client.get("/s/oakfield/pupils/").status_code == 200
    client.post("/accounts/logout/")
    clock.shift(5)  # the same 30-second step: the app still shows the same code
    sign_in(client, user)
    again = enter(client, code)
    assert again.status_code == 200
    assert "That code did not work" in again.content.decode()
    assert client.get("/s/oakfield/pupils/").status_code == 302


def test_a_code_one_step_old_is_accepted_and_two_steps_old_is_not(client, world, two_factor, clock):
    user = world.class_teacher.user
    device, _codes = authenticator_for(user)
    sign_in(client, user)
    assert enter(client, code_for(device, steps_back=2)).status_code == 200
    clock.shift(1)  # past the one-second wait after a wrong code
    assert enter(client, code_for(device, steps_back=1)).status_code == 302


def test_after_five_wrong_codes_even_the_right_code_must_wait_and_the_wait_grows(client, world, two_factor, clock):
    user = world.class_teacher.user
    device, _codes = authenticator_for(user)
    sign_in(client, user)
    waits = [1, 2, 4, 8, 16]
    for wait in waits:
        assert "That code did not work" in enter(client, "123456").content.decode()
        clock.shift(wait)
    # Five wrong codes: the next needs 16 seconds after the last; 15 are not enough.
    enter(client, "123456")
    clock.shift(15)
    throttled = enter(client, code_for(device))
    assert "Too many wrong codes" in throttled.content.decode()
    assert client.get("/s/oakfield/pupils/").status_code == 302
    clock.shift(17)
    assert enter(client, code_for(device)).status_code == 302


def test_a_backup_code_works_once(client, world, two_factor, clock):
    user = world.class_teacher.user
    _device, codes = authenticator_for(user)
    sign_in(client, user)
    response = enter(client, codes[0].upper(), "/s/oakfield/pupils/")
    assert response["Location"] == "/s/oakfield/pupils/"
    assert BackupCode.objects.filter(device__user=user).count() == 9
    client.post("/accounts/logout/")
    sign_in(client, user)
    assert "That code did not work" in enter(client, codes[0]).content.decode()
    clock.shift(2)
    assert enter(client, codes[1].replace("-", " ")).status_code == 302


def test_a_password_alone_cannot_replace_someones_authenticator(client, world, two_factor):
    user = world.class_teacher.user
    device, _codes = authenticator_for(user)
    sign_in(client, user)
    response = client.get(SETUP)
    assert response["Location"].startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=user)) == [device]


def test_a_password_reset_still_asks_for_the_code(client, world, two_factor):
    user = world.class_teacher.user
    authenticator_for(user)
    client.post("/accounts/password-reset/", {"email": user.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    new = "a brand new long passphrase"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert not get_user(client).is_authenticated
    response = client.post("/accounts/login/", {"username": user.email, "password": new})
    assert response["Location"].startswith(VERIFY)
    assert client.get("/s/oakfield/pupils/")["Location"].startswith(VERIFY)


def test_a_careers_leader_resets_a_members_two_factor_and_it_is_audited(client, world, two_factor):
    member = world.class_teacher
    authenticator_for(member.user)
    other = client.__class__()
    sign_in(other, member.user)
    assert Session.objects.filter(user=member.user).count() == 1
    leader = world.careers_leader.user
    authenticator_for(leader)
    client.force_login(leader)
    client.post(VERIFY, {"code": code_for(TOTPDevice.objects.get(user=leader))})
    page = client.get(f"/s/oakfield/staff/{member.pk}/")
    assert "Reset two-factor sign-in" in page.content.decode()
    response = client.post(f"/s/oakfield/staff/{member.pk}/two-factor/reset/", follow=True)
    assert "will set it up again" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=member.user).exists()
    assert not BackupCodeDevice.objects.filter(user=member.user).exists()
    assert Session.objects.filter(user=member.user).count() == 0
    entry = AuditEntry.objects.filter(school=world.school, action="membership.two_factor_reset").get()
    assert entry.user == leader
    assert entry.object_id == member.pk
    # Next sign-in: set-up again.
    assert sign_in(other, member.user)["Location"].startswith(SETUP)


def test_another_schools_member_cannot_be_reset(client, world, other_world):
    client.force_login(world.careers_leader.user)
    authenticator_for(other_world.class_teacher.user)
    response = client.post(f"/s/oakfield/staff/{other_world.class_teacher.pk}/two-factor/reset/")
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(user=other_world.class_teacher.user).exists()


def test_entering_the_code_gives_the_session_a_new_key(client, world, two_factor, settings):
    user = world.class_teacher.user
    device, _codes = authenticator_for(user)
    sign_in(client, user)
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    enter(client, code_for(device))
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert before != after
    assert not Session.objects.filter(session_key=before).exists()
    assert client.get("/s/oakfield/pupils/").status_code == 200


def test_a_signed_in_person_moves_to_a_new_phone_and_the_old_one_and_old_codes_stop_working(
        client, world, two_factor, clock):
    user = world.class_teacher.user
    old, old_codes = authenticator_for(user)
    sign_in(client, user)
    enter(client, code_for(old))
    assert "Set up two-factor sign-in again" in client.get("/accounts/password/").content.decode()
    client.get(SETUP)
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(SETUP, {"code": code_for(new)})["Location"].startswith("/accounts/two-factor/backup-codes/")
    assert list(TOTPDevice.objects.filter(user=user)) == [new]
    client.post("/accounts/logout/")
    clock.shift(31)
    sign_in(client, user)
    assert "That code did not work" in enter(client, old_codes[1]).content.decode()
    clock.shift(2)
    assert enter(client, code_for(new)).status_code == 302
