#!/usr/bin/env bash
# Every migration of every Road Ahead app backward and forward on a seeded throwaway database,
# checking that the tables a migration does not touch keep every row (security.md item 61, the
# full run; the test suite runs only the newest migration of each app). About ten minutes on SQLite.
#   bash scripts/migrations.sh                       on a fresh SQLite file
#   DATABASE_URL=postgres://.../empty_db bash scripts/migrations.sh   on an EMPTY PostgreSQL database
# Never point DATABASE_URL at a database you want to keep: this drops and recreates its tables.
set -euo pipefail
cd "$(dirname "$0")/.."
export ROADAHEAD_DATA_DIR=${ROADAHEAD_DATA_DIR:-$(mktemp -d /tmp/roadahead-migrations.XXXXXX)}
export DJANGO_SETTINGS_MODULE=roadahead.settings_test PYTHONPATH=.
echo "Seeding a school in $ROADAHEAD_DATA_DIR (database: ${DATABASE_URL:-SQLite there})…" >&2
.venv/bin/python -m tests.backups.seed >/dev/null
.venv/bin/python -m tests.backups.migration_steps --full
