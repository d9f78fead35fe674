"""`roadahead backup` and `roadahead restore`, run as an administrator would, in their own processes.

Each run has its own data folder and database (tests/backups/conftest.py), never the test database.
"""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
import stat
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.backups.conftest import ON_POSTGRESQL, Site, Sites

MANIFEST = "manifest.json"
DATABASE = "database.dump" if ON_POSTGRESQL else "database.sqlite3"


def checksums(site: Site) -> dict[str, list]:
    done = site.python("tests.backups.checksums")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def media_files(site: Site) -> dict[str, bytes]:
    return {p.relative_to(site.media).as_posix(): p.read_bytes() for p in site.media.rglob("*") if p.is_file()}


def unpack(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


def repack(members: dict[str, bytes], path: Path) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def tampered(backup_file: Path, tmp_path: Path, change: Callable[[dict[str, bytes], dict], None]) -> Path:
    members = unpack(backup_file)
    manifest = json.loads(members[MANIFEST])
    change(members, manifest)
    members[MANIFEST] = json.dumps(manifest).encode()
    return repack(members, tmp_path / "tampered.tar.gz")


def change_a_pupil(members: dict[str, bytes], tmp_path: Path) -> None:
    """Change one pupil's forename inside the SQLite copy in the archive."""
    file = tmp_path / "db.sqlite3"
    file.write_bytes(members[DATABASE])
    db = sqlite3.connect(file)
    db.execute("UPDATE people_pupil SET legal_forename = 'Changed' WHERE id = (SELECT min(id) FROM people_pupil)")
    db.commit()
    db.close()
    members[DATABASE] = file.read_bytes()


def refused(done, *words: str) -> None:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr


def test_backup_file_holds_database_pictures_and_manifest_readable_only_by_its_owner(backup_file, seeded):
    members = unpack(backup_file)
    manifest = json.loads(members[MANIFEST])
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600
    assert manifest["format_version"] == 1
    assert manifest["database"]["vendor"] == ("postgresql" if ON_POSTGRESQL else "sqlite")
    assert manifest["database"]["server_version"]
    assert manifest["migrations"]["profiles"].startswith("00")
    pictures = [name for name in members if name.startswith("media/private/my-future/")]
    assert len(pictures) == 1
    assert members[pictures[0]] == (seeded.media / pictures[0].removeprefix("media/")).read_bytes()
    # the figures are those of the database backed up, for rows in many apps
    assert {t: [s["rows"], s["md5"]] for t, s in manifest["tables"].items()} == checksums(seeded)
    for table in ("schools_school", "people_pupil", "activities_participation", "profiles_picture",
                  "audit_auditentry", "benchmarks_benchmark", "entitlements_entitlementrule"):
        assert manifest["tables"][table]["rows"] > 0, table


def test_restore_into_an_empty_database_gives_back_every_table_and_picture(backup_file, seeded, sites: Sites):
    fresh = sites.new()
    done = fresh.roadahead("restore", str(backup_file))
    assert done.returncode == 0, done.stderr
    assert "every table's row count and checksum match the backup" in done.stdout
    assert "Bringing the database up to this version of Road Ahead (migrate)" in done.stdout
    assert checksums(fresh) == checksums(seeded)
    assert media_files(fresh) == media_files(seeded)
    assert media_files(fresh)  # the picture is there
    assert not [p for p in fresh.data_dir.iterdir() if p.name.startswith(".roadahead-restore-")]


def test_restore_refuses_a_database_that_holds_data_unless_forced(backup_file, seeded, sites: Sites):
    busy = sites.new(template=seeded)
    stray = busy.media / "private" / "my-future" / "1" / "not-in-the-backup.jpg"
    stray.write_bytes(b"a picture added after the backup")
    refused(busy.roadahead("restore", str(backup_file)), "already holds data", "--force")
    assert stray.exists()
    forced = busy.roadahead("restore", "--force", str(backup_file))
    assert forced.returncode == 0, forced.stderr
    assert checksums(busy) == checksums(seeded)
    assert "Removed 1 media files that were not in the backup" in forced.stdout
    assert media_files(busy) == media_files(seeded)


def test_backup_refuses_to_overwrite_a_file_unless_forced(seeded, tmp_path):
    target = tmp_path / "backup.tar.gz"
    target.write_text("last night's backup")
    refused(seeded.roadahead("backup", "--output", str(target)), "already exists", "--force")
    assert target.read_text() == "last night's backup"
    done = seeded.roadahead("backup", "--output", str(target), "--force")
    assert done.returncode == 0, done.stderr
    assert MANIFEST in unpack(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_backup_into_a_folder_that_does_not_exist_is_refused(seeded, tmp_path):
    done = seeded.roadahead("backup", "--output", str(tmp_path / "nowhere" / "backup.tar.gz"))
    refused(done, "does not exist")
    assert not (tmp_path / "nowhere").exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_restore_refuses_an_edited_manifest_checksum_naming_the_table(backup_file, tmp_path, sites: Sites):
    def edit(members, manifest):
        manifest["tables"]["people_pupil"]["md5"] = "0" * 32

    done = sites.new().roadahead("restore", str(tampered(backup_file, tmp_path, edit)))
    refused(done, "people_pupil", "different contents")


@pytest.mark.skipif(ON_POSTGRESQL, reason="edits the SQLite copy inside the archive")
def test_restore_refuses_a_changed_row_in_the_database_copy(backup_file, tmp_path, sites: Sites):
    def edit(members, manifest):
        change_a_pupil(members, tmp_path)

    fresh = sites.new()
    done = fresh.roadahead("restore", str(tampered(backup_file, tmp_path, edit)))
    refused(done, "database.sqlite3 does not match the checksum in its manifest")
    assert not fresh.sqlite_file.exists()


@pytest.mark.skipif(ON_POSTGRESQL, reason="edits the SQLite copy inside the archive")
def test_restore_names_the_table_whose_rows_changed_even_when_the_file_checksum_was_redone(
        backup_file, tmp_path, sites: Sites):
    import hashlib

    def edit(members, manifest):
        change_a_pupil(members, tmp_path)
        data = members[DATABASE]
        manifest["files"][DATABASE] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}

    fresh = sites.new()
    done = fresh.roadahead("restore", str(tampered(backup_file, tmp_path, edit)))
    refused(done, "people_pupil", "nothing was restored")
    assert not fresh.sqlite_file.exists()


def test_restore_refuses_a_backup_from_a_newer_version(backup_file, tmp_path, sites: Sites):
    def edit(members, manifest):
        manifest["migrations"]["profiles"] = "9999_from_the_future"

    refused(sites.new().roadahead("restore", str(tampered(backup_file, tmp_path, edit))),
            "newer version of Road Ahead", "profiles.9999_from_the_future")


def test_restore_refuses_an_entry_outside_the_media_folder(backup_file, tmp_path, sites: Sites):
    def edit(members, manifest):
        members["media/../../escaped.txt"] = b"out of bounds"

    fresh = sites.new()
    refused(fresh.roadahead("restore", str(tampered(backup_file, tmp_path, edit))), "unexpected entry")
    assert not (fresh.data_dir.parent / "escaped.txt").exists()


def _truncated(backup_file: Path, path: Path) -> None:
    path.write_bytes(backup_file.read_bytes()[: backup_file.stat().st_size // 2])


def _text(backup_file: Path, path: Path) -> None:
    path.write_text("pupil,upn\nAna,A123\n")


def _empty(backup_file: Path, path: Path) -> None:
    path.write_bytes(b"")


def _gzip_of_text(backup_file: Path, path: Path) -> None:
    path.write_bytes(gzip.compress(b"not a tar file at all" * 100))


def _tar_without_manifest(backup_file: Path, path: Path) -> None:
    members = unpack(backup_file)
    del members[MANIFEST]
    repack(members, path)


@pytest.mark.parametrize("make", [_truncated, _text, _empty, _gzip_of_text, _tar_without_manifest])
def test_restore_refuses_a_damaged_or_foreign_file_cleanly(make, backup_file, tmp_path, sites: Sites):
    bad = tmp_path / "bad.tar.gz"
    make(backup_file, bad)
    fresh = sites.new()
    refused(fresh.roadahead("restore", str(bad)), "is not a Road Ahead backup")
    assert not fresh.sqlite_file.exists()


def test_restore_of_a_missing_file_says_so(sites: Sites, tmp_path):
    refused(sites.new().roadahead("restore", str(tmp_path / "missing.tar.gz")), "There is no file")


@pytest.mark.skipif(not ON_POSTGRESQL, reason="a PostgreSQL server that cannot be reached")
def test_backup_when_the_database_cannot_be_reached_says_so(seeded: Site, tmp_path):
    unreachable = Site(seeded.data_dir, database="roadahead_no_such_database")
    refused(unreachable.roadahead("backup", "--output", str(tmp_path / "b.tar.gz")), "The database refused")
    assert list(tmp_path.iterdir()) == []

