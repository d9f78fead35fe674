"""`roadahead serve`: gunicorn with the documented options, Django's server if gunicorn is missing."""

from __future__ import annotations

import importlib.util
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from roadahead.demo.management.commands import serve


def test_serve_runs_gunicorn_on_the_address(monkeypatch):
    calls = []
    monkeypatch.setattr(serve.subprocess, "call", lambda command, env: calls.append((command, env)) or 0)
    monkeypatch.delenv("ROADAHEAD_REQUIRE_TWO_FACTOR", raising=False)

    call_command("serve", "--addr", "0.0.0.0:8080", stdout=StringIO())

    command, env = calls[0]
    assert command == [sys.executable, "-m", "gunicorn", "roadahead.wsgi:application", "-b", "0.0.0.0:8080",
                       "--no-control-socket", "-w", "2", "--access-logfile", "-"]
    assert env["DJANGO_SETTINGS_MODULE"]
    assert "ROADAHEAD_REQUIRE_TWO_FACTOR" not in env  # real use: the setting's default, two-factor on


def test_serve_bare_port_listens_on_localhost(monkeypatch):
    calls = []
    monkeypatch.setattr(serve.subprocess, "call", lambda command, env: calls.append(command) or 0)

    call_command("serve", "--addr", "9001", stdout=StringIO())

    assert calls[0][calls[0].index("-b") + 1] == "127.0.0.1:9001"


def test_serve_reports_gunicorn_failing(monkeypatch):
    monkeypatch.setattr(serve.subprocess, "call", lambda command, env: 3)

    with pytest.raises(CommandError, match="exit status 3"):
        call_command("serve", stdout=StringIO())


def test_serve_falls_back_to_runserver_without_gunicorn(monkeypatch):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(serve.importlib.util, "find_spec",
                        lambda name, *a: None if name == "gunicorn" else real_find_spec(name, *a))
    ran = []
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: ran.append((args, kwargs)))
    err = StringIO()

    call_command("serve", "--addr", "127.0.0.1:8001", stdout=StringIO(), stderr=err)

    assert ran == [(("runserver", "127.0.0.1:8001"), {"use_reloader": False})]
    assert "gunicorn is not installed" in err.getvalue()


@pytest.mark.parametrize("addr", ["nowhere:", "host:99999", "a b:80"])
def test_serve_refuses_a_bad_address(addr):
    with pytest.raises(CommandError, match="should be HOST:PORT"):
        call_command("serve", "--addr", addr)
