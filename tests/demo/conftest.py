"""One demo for the whole package: building it takes a few seconds, and most tests only read it.

It is built (through the `roadahead demo` command, as people run it) on the tests' fixed day,
committed, and removed when the package's tests are done. Tests that change it run inside their
own transaction, which is rolled back, so the next test sees the demo as built.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django_scopes import scopes_disabled

from roadahead.demo.services import remove_demo

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(scope="package")
def built_demo(django_db_setup, django_db_blocker) -> str:
    """The printed output of `roadahead demo --no-serve`, with the demo in the database."""
    out = StringIO()
    with (django_db_blocker.unblock(), scopes_disabled(),
          time_machine.travel(dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC), tick=True)):
        call_command("demo", "--no-serve", stdout=out, stderr=StringIO())
        yield out.getvalue()
        remove_demo()
