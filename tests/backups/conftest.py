"""Throwaway databases for the backup tests, each driven by `roadahead` in its own process.

The commands never touch the test database: each run gets its own data folder (ROADAHEAD_DATA_DIR)
and, when the suite runs on PostgreSQL, its own database created beside the test database in the
same cluster (and dropped afterwards). On SQLite the database is a file in the data folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRESQL = SERVER_URL.startswith(("postgres://", "postgresql://"))


@dataclass
class Site:
    """One installation: a data folder and (on PostgreSQL) a database of its own."""

    data_dir: Path
    database: str = ""

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
        env["ROADAHEAD_DATA_DIR"] = str(self.data_dir)
        env["PYTHONPATH"] = str(ROOT)
        if self.database:
            env["DATABASE_URL"] = _url_for(self.database)
        return env

    @property
    def sqlite_file(self) -> Path:
        return self.data_dir / "roadahead.sqlite3"

    @property
    def media(self) -> Path:
        return self.data_dir / "media"

    def roadahead(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "roadahead", *args], env=self.env, cwd=ROOT,  # noqa: S603
                              capture_output=True, text=True, timeout=300, check=False)

    def python(self, module: str, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**self.env, "DJANGO_SETTINGS_MODULE": "roadahead.settings_test"}
        return subprocess.run([sys.executable, "-m", module, *args], env=env, cwd=ROOT,  # noqa: S603
                              capture_output=True, text=True, timeout=600, check=False)


def _url_for(database: str) -> str:
    head, _, _ = SERVER_URL.partition("?")
    return head.rsplit("/", 1)[0] + "/" + database


def _admin(sql: str) -> None:
    import psycopg

    params = dj_database_url.parse(SERVER_URL)
    with psycopg.connect(dbname=params["NAME"], user=params["USER"] or None, password=params["PASSWORD"] or None,
                         host=params["HOST"] or None, port=params["PORT"] or None, autocommit=True) as db:
        db.execute(sql)


class Sites:
    """Makes sites under one temporary folder and removes their databases at the end."""

    def __init__(self, base: Path) -> None:
        self.base, self.databases = base, []

    def new(self, *, template: Site | None = None) -> Site:
        name = f"site_{uuid.uuid4().hex[:12]}"
        data_dir = self.base / name
        if template is not None:
            shutil.copytree(template.data_dir, data_dir)
        else:
            data_dir.mkdir(parents=True)
        database = ""
        if ON_POSTGRESQL:
            database = f"roadahead_{name}"
            source = f' TEMPLATE "{template.database}"' if template is not None else ""
            _admin(f'CREATE DATABASE "{database}"{source}')
            self.databases.append(database)
        return Site(data_dir, database)

    def drop_all(self) -> None:
        for database in self.databases:
            _admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    made = Sites(tmp_path_factory.mktemp("backup-sites"))
    yield made
    made.drop_all()


@pytest.fixture(scope="session")
def seeded(sites: Sites) -> Site:
    """A migrated database holding a small school (tests.backups.seed), with a My future picture.
    Shared by the tests of one process: copy it (sites.new(template=seeded)) before changing it."""
    site = sites.new()
    done = site.python("tests.backups.seed")
    assert done.returncode == 0, done.stderr
    return site


@pytest.fixture(scope="session")
def backup_file(seeded: Site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A backup of `seeded`, made once; copy it before changing it."""
    path = tmp_path_factory.mktemp("backups") / "roadahead.tar.gz"
    done = seeded.roadahead("backup", "--output", str(path))
    assert done.returncode == 0, done.stderr
    return path
