"""Two-factor by keyboard alone: sign in, set up an authenticator (the test plays the phone,
computing the code from the device's key), keep the backup codes, then sign out and back in with a
code. Also the lockout page. Every page visited is checked with axe-core: zero violations."""

from __future__ import annotations

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.conftest import code_for
from tests.browser_support import Keyboard
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def keyboard_sign_in(page, axe, email: str, password: str) -> Keyboard:
    page.goto("/accounts/login/")
    axe(page)
    keys = Keyboard(page)
    keys.tab_to("username")
    keys.type(email)
    keys.tab_to("password")
    keys.type(password)
    with page.expect_navigation():
        keys.press("Enter")
    return keys


def test_a_class_teacher_sets_up_two_factor_and_signs_in_with_a_code_by_keyboard(page, axe, world, two_factor):
    user = world.class_teacher.user
    keys = keyboard_sign_in(page, axe, user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/accounts/two-factor/set-up/"))
    axe(page)
    qr = page.get_by_role("img", name=re.compile("QR code for setting up Road Ahead"))
    assert qr.count() == 1
    secret = page.locator("#secret").inner_text()
    device = TOTPDevice.objects.get(user=user)
    assert re.fullmatch(r"([A-Z2-7]{4} )*[A-Z2-7]{1,4}", secret)

    keys.tab_to("code")
    keys.type(code_for(device))
    keys.tab_to("Confirm and continue")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/accounts/two-factor/backup-codes/"))
    axe(page)
    codes = page.locator(".ra-backup-codes code").all_inner_texts()
    assert len(codes) == 10
    keys.tab_to("I have kept my codes: continue")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    axe(page)

    keys.tab_to("Sign out")
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    keys = keyboard_sign_in(page, axe, user.email, PASSWORD)
    page.wait_for_url(re.compile(r"/accounts/two-factor/code/"))
    axe(page)
    keys.tab_to("code")
    keys.type(codes[0])  # no phone to hand: a backup code
    keys.press("Enter")
    page.wait_for_url(re.compile(r"/s/oakfield/$"))
    assert page.get_by_text("You used a backup code. You have 9 left.").is_visible()
    axe(page)


def test_the_lockout_page_after_five_wrong_passwords_is_plain_and_accessible(page, axe, world, axes_on):
    for _ in range(5):
        keyboard_sign_in(page, axe, world.class_teacher.user.email, "not the password at all")
    assert page.get_by_role("heading", name="Sign-in paused for this account").is_visible()
    assert "15 minutes" in page.content()
    axe(page)
