"""`roadahead demo` serves once the demo is built, and refuses a bad address before touching anything."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from roadahead.demo.management.commands import serve
from roadahead.schools.models import School

pytestmark = pytest.mark.django_db


def test_demo_serves_after_building(monkeypatch):
    calls, envs = [], []
    monkeypatch.setattr(serve.subprocess, "call", lambda command, env: calls.append(command) or envs.append(env) or 0)
    monkeypatch.delenv("ROADAHEAD_REQUIRE_TWO_FACTOR", raising=False)
    out = StringIO()

    call_command("demo", "--addr", "127.0.0.1:9000", stdout=out, stderr=StringIO())

    assert calls == [serve.gunicorn_command("127.0.0.1:9000")]
    # The demo's invented accounts sign in without an authenticator app; `roadahead serve` alone asks.
    assert envs[0]["ROADAHEAD_REQUIRE_TWO_FACTOR"] == "false"
    assert "does not ask for a two-factor code" in out.getvalue()
    assert School.objects.filter(slug="parkside").exists()


def test_demo_refuses_a_bad_address():
    schools = School.objects.count()

    with pytest.raises(CommandError, match="should be HOST:PORT"):
        call_command("demo", "--no-serve", "--addr", "localhost:http")

    assert School.objects.count() == schools
