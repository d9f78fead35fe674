"""The table checksums a restore is verified with notice any change to a row, and nothing else."""

from __future__ import annotations

import sqlite3

from roadahead.core.backups import differences, sqlite_checksums


def make(path, rows):
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE pupil (id INTEGER PRIMARY KEY, forename TEXT, surname TEXT, photo BLOB, score REAL)")
    db.executemany("INSERT INTO pupil VALUES (?, ?, ?, ?, ?)", rows)
    db.commit()
    db.close()
    return sqlite_checksums(path)["pupil"]


ROWS = [(1, "Ana", "Lee", b"\x00\x01", 1.5), (2, "Zoë\tTab", None, None, 2.0), (3, "Line\nBreak", "", b"", 0.1)]


def test_same_rows_in_another_order_of_insertion_give_the_same_checksum(tmp_path):
    first = make(tmp_path / "a.sqlite3", ROWS)
    assert first == make(tmp_path / "b.sqlite3", list(reversed(ROWS)))
    assert first.rows == 3


def test_any_change_to_a_row_changes_the_checksum(tmp_path):
    original = make(tmp_path / "original.sqlite3", ROWS)
    changes = [
        [(1, "Ana", "Lee", b"\x00\x02", 1.5), *ROWS[1:]],          # one byte of a picture
        [(1, "Ana\tLee", None, b"\x00\x01", 1.5), *ROWS[1:]],      # a value moved across a column boundary
        [ROWS[0], (2, "Zoë\tTab", "", None, 2.0), ROWS[2]],       # empty text is not NULL
        [ROWS[0], (2, "Zoë\tTab", None, None, 2.0000001), ROWS[2]],
        [ROWS[0], ROWS[1], (4, "Line\nBreak", "", b"", 0.1)],     # the same row under another key
    ]
    for number, rows in enumerate(changes):
        assert make(tmp_path / f"changed{number}.sqlite3", rows) != original, rows


def test_differences_name_each_table_and_what_differs(tmp_path):
    found = {"pupil": make(tmp_path / "a.sqlite3", ROWS)}
    manifest = {"pupil": {"rows": 4, "md5": found["pupil"].md5}, "school": {"rows": 1, "md5": "x"}}
    assert differences(manifest, found) == [
        "table pupil has 3 rows where the backup had 4",
        "table school is in the backup's manifest but missing from the database",
    ]
    manifest = {"pupil": {"rows": 3, "md5": "0" * 32}}
    assert differences(manifest, found) == ["table pupil has the same number of rows (3) but different contents"]
    assert differences({"pupil": found["pupil"].as_json()}, found) == []
