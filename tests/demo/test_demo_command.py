"""`roadahead demo` serves once the demo is built, and refuses a bad address before touching anything."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from roadahead.demo.management.commands import serve
from roadahead.schools.models import School

pytestmark = pytest.mark.django_db


def test_demo_serves_after_building(monkeypatch):
    calls = []
    monkeypatch.setattr(serve.subprocess, "call", lambda command, env: calls.append(command) or 0)

    call_command("demo", "--addr", "127.0.0.1:9000", stdout=StringIO(), stderr=StringIO())

    assert calls == [serve.gunicorn_command("127.0.0.1:9000")]
    assert School.objects.filter(slug="parkside").exists()


def test_demo_refuses_a_bad_address():
    schools = School.objects.count()

    with pytest.raises(CommandError, match="should be HOST:PORT"):
        call_command("demo", "--no-serve", "--addr", "localhost:http")

    assert School.objects.count() == schools
