"""Shared set-up for benchmark scripts: a throwaway database and a description of the machine."""

from __future__ import annotations

import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    """Use a fresh SQLite file (or DATABASE_URL's PostgreSQL database, which is flushed) and migrate."""
    os.environ.setdefault("ROADAHEAD_DATA_DIR", tempfile.mkdtemp(prefix="roadahead-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roadahead.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    if os.environ.get("DATABASE_URL"):
        call_command("flush", interactive=False, verbosity=0)


def database_name() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10000)
        return f"postgresql {major}.{minor}"
    return f"sqlite {connection.Database.sqlite_version}"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def timed(run: Callable[[], object], *, repeat: int = 3, setup: Callable[[], object] | None = None) -> list[float]:
    times = []
    for _ in range(repeat):
        if setup:
            setup()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def describe(times: list[float]) -> str:
    return f"median {statistics.median(times):.2f} s (best {min(times):.2f} s, {len(times)} runs)"


def append_result(section: str, lines: list[str]) -> None:
    path = ROOT / "docs" / "performance.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    text = text.rstrip() + f"\n\n## {section}\n\n" + "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")


def signed_in_client(user):  # -> django.test.Client
    """A test client signed in as `user` with a second factor, as staff are (the two-factor check
    runs on every request). Call inside the benchmark's time travel, if any."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Benchmark", defaults={"confirmed": True})
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
