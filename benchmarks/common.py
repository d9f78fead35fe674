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
