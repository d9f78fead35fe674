"""Migrations backward and forward on a seeded database lose nothing they do not touch (security.md item 61).

The newest migration of every app is unapplied and applied again in a copy of the seeded database
(tests/backups/migration_steps.py). Steps that would unapply other apps too (the first migration
of schools, people, providers, benchmarks, curriculum) are left to the full run, about ten minutes
long, documented in docs/admin/backup.md:
    ROADAHEAD_DATA_DIR=/tmp/x python -m tests.backups.seed
    ROADAHEAD_DATA_DIR=/tmp/x python -m tests.backups.migration_steps --full
"""

from __future__ import annotations

from tests.backups.conftest import Site, Sites


def test_newest_migration_of_every_app_backward_and_forward_keeps_other_tables(seeded: Site, sites: Sites):
    copy = sites.new(template=seeded)
    done = copy.python("tests.backups.migration_steps")
    assert done.returncode == 0, done.stderr
    stepped = [line for line in done.stdout.splitlines() if "and forward in" in line]
    assert len(stepped) >= 15, done.stdout
    assert any(line.startswith("profiles: back to 0001_profile_plans_my_future") for line in stepped)
    assert "untouched table" not in done.stderr
