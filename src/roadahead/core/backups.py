"""Backing up and restoring a whole Road Ahead installation: the database, the media files and a manifest.

A backup is one gzipped tar file holding
- `database.sqlite3` (SQLite: a consistent copy made with SQLite's backup API, safe while Road Ahead
  runs) or `database.dump` (PostgreSQL: `pg_dump --format=custom`, taken from the same snapshot the
  manifest's checksums are read from);
- `media/...`: every file under MEDIA_ROOT (My future pictures live in its private folder);
- `manifest.json`: format version, Road Ahead version, database vendor and server version, the
  newest applied migration of every app, when it was made, a SHA-256 of every file, and for every
  table its row count and a checksum of its rows in primary-key order.

`table_checksums` is the one function that computes the per-table figures, used by the backup, by
the restore to verify what it put back, and by the migration tests. Figures are comparable only
between databases of the same vendor (PostgreSQL and SQLite spell the same row differently).

Road Ahead does not encrypt backups: they hold special-category data about children, so the site
encrypts them at rest with its own tool (docs/admin/backup.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

FORMAT = "roadahead-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRESQL_MEMBER = "database.dump"
MEDIA_PREFIX = "media/"
VENDORS = {"sqlite": SQLITE_MEMBER, "postgresql": POSTGRESQL_MEMBER}
_CHUNK = 1024 * 1024
_SAFE_PART = re.compile(r"^[^/\\\x00]+$")

Say = Callable[[str], None]


class BackupError(Exception):
    """A problem to tell the person running the command, in plain words (never a traceback)."""


@dataclass(frozen=True)
class TableSum:
    rows: int
    md5: str

    def as_json(self) -> dict[str, Any]:
        return {"rows": self.rows, "md5": self.md5}


@dataclass(frozen=True)
class Made:
    path: Path
    tables: int
    rows: int
    media_files: int


@dataclass(frozen=True)
class Restored:
    tables: int
    rows: int
    media_files: int


# ## CHECKSUMS ####################################################################################

def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_text(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bytes):
        return "\\x" + value.hex()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _digest(row_texts: Iterable[str]) -> TableSum:
    """md5 over the md5 of each row's canonical text, one per line, in the order given."""
    total, rows = hashlib.md5(usedforsecurity=False), 0
    for text in row_texts:
        total.update(hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest().encode() + b"\n")
        rows += 1
    return TableSum(rows, total.hexdigest())


def _sqlite_connect(path: Path | str) -> sqlite3.Connection:
    """A plain connection (no type converters, so values are read exactly as stored)."""
    return sqlite3.connect(str(path), isolation_level=None)


def sqlite_tables(db: sqlite3.Connection) -> list[str]:
    return [name for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
        "ORDER BY name")]


def _sqlite_table_sum(db: sqlite3.Connection, table: str) -> TableSum:
    columns = list(db.execute(f"PRAGMA table_info({_quote(table)})"))
    keys = [c[1] for c in sorted((c for c in columns if c[5]), key=lambda c: c[5])]
    order = ", ".join(_quote(k) for k in keys) if keys else ", ".join(str(i + 1) for i in range(len(columns)))
    rows = db.execute(f"SELECT * FROM {_quote(table)} ORDER BY {order}")  # noqa: S608 (quoted names)  # nosec B608  # table and column names quoted, none typed by a user
    return _digest("\t".join(_sqlite_text(v) for v in row) for row in rows)


def sqlite_checksums(path: Path | str) -> dict[str, TableSum]:
    """Row count and checksum of every table in the SQLite file at `path`, read in one transaction."""
    db = _sqlite_connect(path)
    try:
        db.execute("BEGIN")
        sums = {table: _sqlite_table_sum(db, table) for table in sqlite_tables(db)}
        db.execute("COMMIT")
        return sums
    finally:
        db.close()


_PG_TABLES = """
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY c.relname"""
_PG_KEY = """
    SELECT a.attname FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = %s::regclass AND i.indisprimary
    ORDER BY array_position(i.indkey::int2[], a.attnum)"""


def _pg_tables(cursor: Any) -> list[str]:
    cursor.execute(_PG_TABLES)
    return [name for (name,) in cursor.fetchall()]


def _pg_checksums(connection: Any) -> dict[str, TableSum]:
    """Per-table figures over PostgreSQL's own text of each row, with every setting that shapes that
    text fixed (time zone, date and interval style, float digits, bytea output). Call inside a
    transaction: the settings are local to it."""
    with connection.cursor() as cursor:
        for setting in ("TimeZone = 'UTC'", "DateStyle = 'ISO, YMD'", "IntervalStyle = 'iso_8601'",
                        "extra_float_digits = 1", "bytea_output = 'hex'"):
            cursor.execute(f"SET LOCAL {setting}")
        tables = _pg_tables(cursor)
        keys = {}
        for table in tables:
            cursor.execute(_PG_KEY, [_quote(table)])
            keys[table] = [k for (k,) in cursor.fetchall()]
    sums = {}
    for table in tables:
        order = ", ".join(_quote(k) for k in keys[table]) or "t::text COLLATE \"C\""
        with connection.chunked_cursor() as cursor:
            cursor.execute(f"SELECT t::text FROM {_quote(table)} AS t ORDER BY {order}")  # noqa: S608  # nosec B608  # quoted table and key names from the catalogue

            def texts(cursor: Any = cursor) -> Iterator[str]:
                while batch := cursor.fetchmany(5000):
                    for (text,) in batch:
                        yield text

            sums[table] = _digest(texts())
    return sums


def table_checksums(using: str = DEFAULT_DB_ALIAS) -> dict[str, TableSum]:
    """Row count and checksum of every table in the configured database (the backup and the restore
    compare these)."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        return sqlite_checksums(_sqlite_path(using))
    if connection.vendor == "postgresql":
        with transaction.atomic(using=using):
            return _pg_checksums(connection)
    raise BackupError(f"Road Ahead cannot back up a {connection.vendor} database; use PostgreSQL or SQLite.")


def _sqlite_path(using: str = DEFAULT_DB_ALIAS) -> Path:
    name = str(connections[using].settings_dict["NAME"])
    if not name or name == ":memory:" or "mode=memory" in name:
        raise BackupError("The database is held in memory only; there is no file to back up or restore into.")
    return Path(name)


def differences(expected: dict[str, Any], found: dict[str, TableSum]) -> list[str]:
    """Plain-English lines, one per table whose rows differ from the manifest's figures."""
    problems = []
    for table in sorted(set(expected) | set(found)):
        want, got = expected.get(table), found.get(table)
        if want is None:
            problems.append(f"table {table} is in the database but not in the backup's manifest")
        elif got is None:
            problems.append(f"table {table} is in the backup's manifest but missing from the database")
        elif got.rows != want["rows"]:
            problems.append(f"table {table} has {got.rows} rows where the backup had {want['rows']}")
        elif got.md5 != want["md5"]:
            problems.append(f"table {table} has the same number of rows ({got.rows}) but different contents")
    return problems


# ## MIGRATIONS, VERSIONS ########################################################################

def _latest_per_app(rows: Iterable[tuple[str, str]]) -> dict[str, str]:
    def number(name: str) -> tuple[int, str]:
        head = name.split("_", 1)[0]
        return (int(head) if head.isdigit() else -1, name)

    latest: dict[str, str] = {}
    for app, name in rows:
        if app not in latest or number(name) > number(latest[app]):
            latest[app] = name
    return dict(sorted(latest.items()))


def _roadahead_version() -> str:
    import roadahead

    return getattr(roadahead, "__version__", "unknown")


def roadahead_tables() -> set[str]:
    """The tables of Road Ahead's own models (not Django's bookkeeping tables)."""
    return {model._meta.db_table for model in apps.get_models(include_auto_created=True)
            if model._meta.app_config.name.startswith("roadahead.")}


def known_migrations() -> set[tuple[str, str]]:
    from django.db.migrations.loader import MigrationLoader

    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


# ## BACKUP #######################################################################################

def _check_output(output: Path, *, force: bool) -> None:
    folder = output.parent
    if not folder.is_dir():
        raise BackupError(f"The folder {folder} does not exist; create it or choose another --output.")
    if output.is_dir():
        raise BackupError(f"{output} is a folder; give a file name with --output.")
    if output.exists() and not force:
        raise BackupError(f"{output} already exists; choose another name or use --force to replace it.")


def _media_files() -> list[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found.append((MEDIA_PREFIX + path.relative_to(root).as_posix(), path))
    return found


class _Hashing(io.RawIOBase):
    """Reads a file for tarfile while hashing it, so each media file is read once."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw, self.sha = raw, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha.update(data)
        return data


def _add_file(archive: tarfile.TarFile, name: str, path: Path) -> dict[str, Any]:
    with path.open("rb") as raw:
        size = os.fstat(raw.fileno()).st_size
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = size, 0o600, int(os.fstat(raw.fileno()).st_mtime)
        reader = _Hashing(raw)
        archive.addfile(info, reader)  # type: ignore[arg-type]
    return {"size": size, "sha256": reader.sha.hexdigest()}


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(mtime)
    archive.addfile(info, io.BytesIO(data))


def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq's environment for the configured database: the password travels here, never in argv."""
    env = dict(os.environ)  # libpq's own variables (PGSSLMODE...) apply as they do to Road Ahead's connection
    options = settings_dict.get("OPTIONS") or {}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"),
                     ("NAME", "PGDATABASE")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    for key, var in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT"), ("sslcert", "PGSSLCERT"),
                     ("sslkey", "PGSSLKEY"), ("passfile", "PGPASSFILE"), ("service", "PGSERVICE")):
        if options.get(key):
            env[var] = str(options[key])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed; install PostgreSQL's client programs (for example the "
                          f"postgresql-client package) of the same major version as the server.")
    return found


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(f"{what} failed: {detail[-1] if detail else f'exit status {done.returncode}'}")


def _database_sqlite(work: Path, using: str) -> tuple[Path, dict[str, TableSum], dict[str, str], str]:
    source_path = _sqlite_path(using)
    if not source_path.is_file():
        raise BackupError(f"There is no database at {source_path}: nothing to back up.")
    copy = work / SQLITE_MEMBER
    source, target = _sqlite_connect(source_path), _sqlite_connect(copy)
    try:
        source.backup(target)
    except sqlite3.Error as error:
        raise BackupError(f"Could not copy the SQLite database: {error}.") from error
    finally:
        target.close()
        source.close()
    # Every figure comes from the copy, so the manifest describes exactly what the archive holds.
    sums = sqlite_checksums(copy)
    db = _sqlite_connect(copy)
    try:
        has_migrations = "django_migrations" in sqlite_tables(db)
        migrations = _latest_per_app(db.execute("SELECT app, name FROM django_migrations")) if has_migrations else {}
    finally:
        db.close()
    return copy, sums, migrations, sqlite3.sqlite_version


def _database_postgresql(work: Path, using: str) -> tuple[Path, dict[str, TableSum], dict[str, str], str]:
    connection = connections[using]
    pg_dump = _tool("pg_dump")
    dump = work / POSTGRESQL_MEMBER
    connection.ensure_connection()
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            # One snapshot for the dump and the figures, so writes while the backup runs cannot make
            # the manifest disagree with the dump.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
        _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={dump}"],
             _pg_env(connection.settings_dict), "pg_dump")
        sums = _pg_checksums(connection)
        with connection.cursor() as cursor:
            has_migrations = "django_migrations" in _pg_tables(cursor)
            if has_migrations:
                cursor.execute("SELECT app, name FROM django_migrations")
            migrations = _latest_per_app(cursor.fetchall()) if has_migrations else {}
    return dump, sums, migrations, server_version


def _plainly(function: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a refusal by the database or the file system into a BackupError naming it, not a traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except DatabaseError as error:
            raise BackupError(f"The database refused: {str(error).strip() or type(error).__name__}.") from error
        except OSError as error:
            where = f" ({error.filename})" if error.filename else ""
            raise BackupError(f"{error.strerror or error}{where}.") from error

    return wrapper


@_plainly
def make_backup(*, output: Path, force: bool, now: dt.datetime, using: str = DEFAULT_DB_ALIAS) -> Made:
    """Write the backup archive to `output` (mode 0600); replaces an existing file only with `force`."""
    _check_output(output, force=force)
    vendor = connections[using].vendor
    if vendor not in VENDORS:
        raise BackupError(f"Road Ahead cannot back up a {vendor} database; use PostgreSQL or SQLite.")
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".roadahead-backup-") as folder:
        work = Path(folder)  # mode 0700, beside the output, removed whatever happens
        database = _database_sqlite if vendor == "sqlite" else _database_postgresql
        db_file, sums, migrations, server_version = database(work, using)
        part = work / "archive.part"
        files: dict[str, Any] = {}
        media = _media_files()
        try:
            with part.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as gz, \
                    tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as archive:
                files[VENDORS[vendor]] = _add_file(archive, VENDORS[vendor], db_file)
                for name, path in media:
                    try:
                        files[name] = _add_file(archive, name, path)
                    except FileNotFoundError:
                        continue  # deleted since the database was copied, as if a moment after the backup
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "roadahead_version": _roadahead_version(),
                    "created_at": now.astimezone(dt.UTC).isoformat(),
                    "database": {"vendor": vendor, "server_version": server_version, "file": VENDORS[vendor]},
                    "migrations": migrations,
                    "tables": {table: s.as_json() for table, s in sorted(sums.items())},
                    "files": files,
                }
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"), now.timestamp())
            os.chmod(part, 0o600)
            _place(part, output, force=force)
        except OSError as error:
            raise BackupError(f"Cannot write {output}: {error.strerror or error}.") from error
    return Made(output, len(sums), sum(s.rows for s in sums.values()), len(files) - 1)


def _place(part: Path, output: Path, *, force: bool) -> None:
    if force:
        os.replace(part, output)
        return
    try:
        os.link(part, output)  # fails rather than overwrite a file made meanwhile
    except FileExistsError as error:
        raise BackupError(f"{output} already exists; choose another name or use --force to replace it.") from error
    except OSError:
        if output.exists():
            raise BackupError(f"{output} already exists; choose another name or use --force to replace it.") from None
        os.replace(part, output)


# ## RESTORE ######################################################################################

def _member_allowed(name: str) -> bool:
    if name in (MANIFEST, SQLITE_MEMBER, POSTGRESQL_MEMBER):
        return True
    if not name.startswith(MEDIA_PREFIX):
        return False
    parts = PurePosixPath(name).parts[1:]
    return bool(parts) and all(_SAFE_PART.match(p) and p not in (".", "..") for p in parts)


def _extract(archive_path: Path, work: Path, not_backup: str) -> dict[str, dict[str, Any]]:
    """Extract every entry into work/files, checking its name; returns each file's size and SHA-256."""
    hashes: dict[str, dict[str, Any]] = {}
    try:
        with tarfile.open(archive_path, mode="r:gz") as archive:
            for member in archive:
                if not member.isfile() or not _member_allowed(member.name) or member.name in hashes:
                    raise BackupError(f"{not_backup} (it holds an unexpected entry).")
                target = work / "files" / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                source = archive.extractfile(member)
                assert source is not None  # a regular file always has a stream
                sha, size = hashlib.sha256(), 0
                with target.open("wb") as out:
                    while chunk := source.read(_CHUNK):
                        sha.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                hashes[member.name] = {"size": size, "sha256": sha.hexdigest()}
    except FileNotFoundError:
        raise BackupError(f"There is no file {archive_path}.") from None
    except IsADirectoryError:
        raise BackupError(f"{archive_path} is a folder, not a backup file.") from None
    except PermissionError:
        raise BackupError(f"Cannot read {archive_path}: permission denied.") from None
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(f"{not_backup}: {error}.") from None
    return hashes


def _read_manifest(path: Path, not_backup: str) -> dict[str, Any]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT or not isinstance(manifest["files"], dict):
            raise ValueError
        if not isinstance(manifest["tables"], dict) or not isinstance(manifest["migrations"], dict):
            raise ValueError
        if not isinstance(manifest["database"]["vendor"], str):
            raise ValueError
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BackupError(f"{not_backup} (its manifest cannot be read).") from None
    return manifest


def _unpack(archive_path: Path, work: Path) -> dict[str, Any]:
    """Extract the archive into `work` and check it against its manifest; returns the manifest."""
    not_backup = f"{archive_path} is not a Road Ahead backup, or it is damaged or incomplete"
    hashes = _extract(archive_path, work, not_backup)
    if MANIFEST not in hashes:
        raise BackupError(f"{not_backup} (it has no manifest).")
    manifest = _read_manifest(work / "files" / MANIFEST, not_backup)
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        raise BackupError(f"{archive_path} was made by a newer version of Road Ahead (backup format "
                          f"{manifest['format_version']}); install that version to restore it.")
    hashes.pop(MANIFEST)
    listed = manifest["files"]
    for name in sorted(set(listed) | set(hashes)):
        if name not in hashes:
            raise BackupError(f"{not_backup}: {name} is missing from it.")
        if name not in listed:
            raise BackupError(f"{not_backup}: {name} is not in its manifest.")
        if hashes[name] != listed[name]:
            raise BackupError(f"{not_backup}: {name} does not match the checksum in its manifest.")
    vendor = manifest["database"]["vendor"]
    if vendor not in VENDORS or VENDORS[vendor] not in hashes:
        raise BackupError(f"{not_backup} (it holds no database).")
    return manifest


def _check_compatible(manifest: dict[str, Any], using: str) -> None:
    vendor = connections[using].vendor
    if manifest["database"]["vendor"] != vendor:
        raise BackupError(f"The backup holds a {manifest['database']['vendor']} database but Road Ahead is "
                          f"configured for {vendor}; restore it into a {manifest['database']['vendor']} database "
                          f"(to move between them see docs/admin/postgresql.md).")
    known = known_migrations()
    unknown = [f"{app}.{name}" for app, name in manifest["migrations"].items() if (app, name) not in known]
    if unknown:
        raise BackupError(f"The backup was made by a newer version of Road Ahead (this version does not know "
                          f"migration {', '.join(unknown[:3])}); install Road Ahead "
                          f"{manifest.get('roadahead_version')} or newer to restore it.")


def _tables_with_rows(names: Iterable[str], count: Callable[[str], bool]) -> list[str]:
    ours = roadahead_tables()
    return sorted(t for t in names if t in ours and count(t))


def _sqlite_rows_in_target(path: Path) -> list[str]:
    if not path.exists():
        return []
    db = _sqlite_connect(path)
    try:
        return _tables_with_rows(sqlite_tables(db), lambda t: db.execute(
            f"SELECT 1 FROM {_quote(t)} LIMIT 1").fetchone() is not None)  # noqa: S608  # nosec B608  # quoted table names from the catalogue
    except sqlite3.DatabaseError as error:
        raise BackupError(f"The database at {path} cannot be read ({error}); move it away first.") from error
    finally:
        db.close()


def _pg_rows_in_target(using: str) -> list[str]:
    with connections[using].cursor() as cursor:
        def has_rows(table: str) -> bool:
            cursor.execute(f"SELECT 1 FROM {_quote(table)} LIMIT 1")  # noqa: S608  # nosec B608  # quoted table names from the catalogue
            return cursor.fetchone() is not None

        return _tables_with_rows(_pg_tables(cursor), has_rows)


def _refuse_if_not_empty(filled: list[str]) -> None:
    if filled:
        shown = ", ".join(filled[:5]) + (f" and {len(filled) - 5} more" if len(filled) > 5 else "")
        raise BackupError(f"The database Road Ahead is configured for already holds data (in {shown}). Restore "
                          f"into an empty database, or use --force to replace everything in it.")


def _restore_sqlite(work: Path, manifest: dict[str, Any], *, force: bool, using: str) -> dict[str, TableSum]:
    target = _sqlite_path(using)
    if not force:
        _refuse_if_not_empty(_sqlite_rows_in_target(target))
    extracted = work / "files" / SQLITE_MEMBER
    problems = differences(manifest["tables"], sqlite_checksums(extracted))
    if problems:  # checked before anything is replaced, so a bad backup leaves the database alone
        raise BackupError("The backup's database does not match its manifest, so nothing was restored: "
                          + "; ".join(problems) + ".")
    connections[using].close()
    target.parent.mkdir(parents=True, exist_ok=True)
    source, destination = _sqlite_connect(extracted), _sqlite_connect(target)
    try:
        source.backup(destination)  # replaces every page of the target, its journal included
    except sqlite3.Error as error:
        raise BackupError(f"Could not write the database at {target}: {error}.") from error
    finally:
        destination.close()
        source.close()
    return sqlite_checksums(target)


def _restore_postgresql(work: Path, manifest: dict[str, Any], *, force: bool, using: str,
                        say: Say) -> dict[str, TableSum]:
    connection = connections[using]
    pg_restore = _tool("pg_restore")
    if not force:
        _refuse_if_not_empty(_pg_rows_in_target(using))
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version')")
        (server_version,) = cursor.fetchone()
    if server_version.split(".")[0] != str(manifest["database"].get("server_version", "")).split(".")[0]:
        say(f"Note: the backup came from PostgreSQL {manifest['database'].get('server_version')}, this server is "
            f"{server_version}.")
    with transaction.atomic(using=using), connection.cursor() as cursor:
        # Empty tables (a database someone already ran migrate on) or, with --force, everything: the
        # dump recreates each table, so none may be left in its way.
        existing = _pg_tables(cursor)
        if existing:
            cursor.execute("DROP TABLE " + ", ".join(_quote(t) for t in existing) + " CASCADE")
    connection.close()
    env = _pg_env(connection.settings_dict)
    _run([pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
          f"--dbname={env.get('PGDATABASE', '')}", str(work / "files" / POSTGRESQL_MEMBER)], env, "pg_restore")
    return table_checksums(using)


def _restore_media(work: Path, manifest: dict[str, Any], *, force: bool) -> tuple[int, int]:
    """Put the backup's media files in place; with `force`, remove the files it does not hold (the
    replaced database no longer names them). Returns (restored, removed)."""
    root = Path(settings.MEDIA_ROOT)
    names = [n for n in manifest["files"] if n.startswith(MEDIA_PREFIX)]
    for name in names:
        destination = root / name[len(MEDIA_PREFIX):]
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(work / "files" / name, destination)
    removed = 0
    if force:
        keep = set(names)
        for name, path in _media_files():
            if name not in keep:
                path.unlink()
                removed += 1
    return len(names), removed


@_plainly
def restore_backup(*, archive: Path, force: bool, say: Say, migrate: Callable[[], None],
                   using: str = DEFAULT_DB_ALIAS) -> Restored:
    """Restore `archive` into the configured database and MEDIA_ROOT, verify every table against the
    manifest, then `migrate` to bring an older backup up to this version."""
    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".roadahead-restore-") as folder:
        work = Path(folder)
        manifest = _unpack(archive, work)
        _check_compatible(manifest, using)
        say(f"The backup was made on {manifest.get('created_at', 'an unknown date')} by Road Ahead "
            f"{manifest.get('roadahead_version', '(unknown version)')}: {len(manifest['tables'])} tables, "
            f"{sum(1 for n in manifest['files'] if n.startswith(MEDIA_PREFIX))} media files.")
        if connections[using].vendor == "sqlite":
            found = _restore_sqlite(work, manifest, force=force, using=using)
        else:
            found = _restore_postgresql(work, manifest, force=force, using=using, say=say)
        media, removed = _restore_media(work, manifest, force=force)
        if removed:
            say(f"Removed {removed} media files that were not in the backup.")
    problems = differences(manifest["tables"], found)
    if problems:
        raise BackupError("The restored database does not match the backup: " + "; ".join(problems)
                          + ". Do not use it; restore again from another backup.")
    rows = sum(s.rows for s in found.values())
    say(f"Restored {len(found)} tables ({rows} rows) and {media} media files; every table's row count and "
        f"checksum match the backup.")
    say("Bringing the database up to this version of Road Ahead (migrate)…")
    migrate()
    return Restored(len(found), rows, media)
