"""Helpers for the sign-in security tests: two-factor and lockouts switched on, devices, codes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from roadahead.accounts import services

START = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def two_factor(settings):
    settings.ROADAHEAD_REQUIRE_TWO_FACTOR = True
    return settings


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    return settings


@pytest.fixture
def clock():
    """A clock that stands still until the test moves it (coordinates.shift(seconds))."""
    with time_machine.travel(START, tick=False) as coordinates:
        yield coordinates


def code_for(device: TOTPDevice, *, steps_back: int = 0) -> str:
    """The code the person's app shows now (or `steps_back` 30-second steps ago)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits,
                 drift=device.drift - steps_back)
    return f"{value:0{device.digits}d}"


def authenticator_for(user) -> tuple[TOTPDevice, list[str]]:
    """A confirmed authenticator and backup codes, as set-up leaves them."""
    device = services.start_authenticator(user=user)
    codes = services.confirm_authenticator(device=device)
    return device, codes


def without_csrf(body: bytes) -> bytes:
    return CSRF.sub(b"", body)
