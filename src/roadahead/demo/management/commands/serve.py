"""`roadahead serve [--addr 127.0.0.1:8000]`: serve Road Ahead with gunicorn.

Static files are served by whitenoise straight from the apps' folders (WHITENOISE_USE_FINDERS),
so no collectstatic step is needed. Without gunicorn (it is a dependency, but a bare checkout may
lack it) Django's development server is used instead.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

ADDR_RE = re.compile(r"^(?:(?P<host>[A-Za-z0-9.\-]+|\[[0-9a-fA-F:]+\]):)?(?P<port>[0-9]{1,5})$")


def parse_addr(addr: str) -> str:
    """HOST:PORT from what was typed; a bare port means 127.0.0.1. Raises CommandError if unusable."""
    match = ADDR_RE.match(addr.strip())
    if not match or not 0 < int(match["port"]) < 65536:
        raise CommandError(f"--addr {addr!r} should be HOST:PORT, for example 127.0.0.1:8000.")
    return f"{match['host'] or '127.0.0.1'}:{int(match['port'])}"


def gunicorn_command(addr: str) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "roadahead.wsgi:application", "-b", addr, "--no-control-socket",
            "-w", "2", "--access-logfile", "-"]


class Command(BaseCommand):
    help = "Serve Road Ahead with gunicorn (or Django's development server if gunicorn is missing)."
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--addr", default="127.0.0.1:8000", help="Where to listen (default 127.0.0.1:8000).")
        parser.add_argument("--demo", action="store_true",
                            help="For the demo's invented people only: do not ask for two-factor codes unless "
                                 "ROADAHEAD_REQUIRE_TWO_FACTOR says otherwise.")

    def handle(self, *args: Any, **options: Any) -> None:
        addr = parse_addr(options["addr"])
        if importlib.util.find_spec("gunicorn") is None:
            self.stderr.write("gunicorn is not installed; using Django's development server instead.")
            call_command("runserver", addr, use_reloader=False)
            return
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "roadahead.settings")}
        if options["demo"]:
            env.setdefault("ROADAHEAD_REQUIRE_TWO_FACTOR", "false")
        self.stdout.write(f"Serving Road Ahead at http://{addr}/ (press Ctrl+C to stop).")
        self.stdout.flush()
        try:
            status = subprocess.call(gunicorn_command(addr), env=env)  # noqa: S603 (our interpreter, our arguments)
        except KeyboardInterrupt:
            return
        if status not in (0, -2):  # -2: stopped by Ctrl+C (SIGINT)
            raise CommandError(f"gunicorn stopped with exit status {status}.")
