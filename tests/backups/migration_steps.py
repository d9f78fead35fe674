"""Every app's migrations backward and forward on a seeded database, checking untouched tables keep their rows.

Run in its own process against a throwaway database that tests.backups.seed has filled (never the
test database; this drops and recreates tables):

    ROADAHEAD_DATA_DIR=/tmp/x python -m tests.backups.migration_steps           # newest migration of each app
    ROADAHEAD_DATA_DIR=/tmp/x python -m tests.backups.migration_steps --full    # every migration of each app

For each step the app is migrated back to just before the migration (`migrate app PREVIOUS`, which
also unapplies migrations of other apps that depend on it) and then everything forward again
(`migrate`). Every table that none of the unapplied migrations touches must keep exactly its rows:
the same count and checksum (roadahead.core.backups.table_checksums, the function the restore
uses). Tables the migrations do touch may lose data by design (a dropped column comes back empty),
but must exist again afterwards. Exit status 1 and one line per problem if any step fails.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

IGNORED = {"django_migrations"}  # rewritten by every migrate (the `applied` times)


def _tables_of(app_label: str, model_name: str) -> set[str]:
    from django.apps import apps

    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return set()  # a model a later migration removed
    tables = {model._meta.db_table}
    tables |= {f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many}
    return tables


def touched_tables(plan: list[tuple[Any, bool]]) -> set[str]:
    """The tables the migrations in `plan` change; a data migration (RunPython, RunSQL) counts as
    touching every table of its app."""
    from django.apps import apps
    from django.db import migrations

    touched: set[str] = set()
    for migration, _backwards in plan:
        for operation in migration.operations:
            names = [getattr(operation, attr) for attr in ("model_name", "name", "old_name", "new_name")
                     if isinstance(getattr(operation, attr, None), str)]
            if isinstance(operation, migrations.RunPython | migrations.RunSQL) or not names:
                try:
                    config = apps.get_app_config(migration.app_label)
                except LookupError:
                    continue
                for model in config.get_models(include_auto_created=True):
                    touched.add(model._meta.db_table)
                continue
            if isinstance(operation, migrations.operations.fields.FieldOperation):
                names = [operation.model_name]
            for name in names:
                touched |= _tables_of(migration.app_label, name)
    return touched


def steps(*, full: bool) -> list[tuple[str, str]]:
    """(app, target) pairs: the migration state to step each app back to."""
    from django.conf import settings
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    ours = [name.rsplit(".", 1)[1] for name in settings.ROADAHEAD_APPS]
    found = []
    for app in ours:
        leaves = loader.graph.leaf_nodes(app)
        if not leaves:
            continue
        chain = [node for node in loader.graph.forwards_plan(leaves[0]) if node[0] == app]
        chosen = reversed(chain) if full else [chain[-1]]
        for node in chosen:
            parents = [p for p in loader.graph.node_map[node].parents if p.key[0] == app]
            found.append((app, parents[0].key[1] if parents else "zero"))
    return found


def _migrate(targets: list[tuple[str, str | None]]) -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def run(*, full: bool, say: Any = print) -> list[str]:
    """Step each app back and forward (with the migration executor itself: `migrate`'s system checks
    and post-migrate signals would only add time). Without `full`, a step that would also unapply
    other apps' migrations (stepping `schools` back to zero empties nearly everything) is skipped."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from roadahead.core.backups import table_checksums

    _migrate([])  # everything forward first, so only the steps below change the schema
    problems = []
    for app, target in steps(full=full):
        started = time.monotonic()
        node = (app, None if target == "zero" else target)
        plan = MigrationExecutor(connection).migration_plan([node])
        others = sorted({m.app_label for m, _ in plan} - {app})
        if others and not full:
            say(f"{app}: back to {target} skipped: it would also unapply {', '.join(others)} (see --full)")
            continue
        touched = touched_tables(plan)
        before = table_checksums()
        _migrate([node])
        _migrate([])
        after = table_checksums()
        for table in sorted(set(before) | set(after)):
            if table in IGNORED:
                continue
            if table not in after:
                problems.append(f"{app} back to {target} and forward: table {table} is gone")
            elif table not in before:
                problems.append(f"{app} back to {target} and forward: table {table} is new")
            elif table not in touched and before[table] != after[table]:
                problems.append(f"{app} back to {target} and forward: untouched table {table} changed "
                                f"({before[table].rows} rows before, {after[table].rows} after)")
        say(f"{app}: back to {target} ({len(plan)} migrations unapplied, {len(touched)} tables touched) and "
            f"forward in {time.monotonic() - started:.1f} s")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="Step back through every migration, not just the "
                                                            "newest of each app.")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roadahead.settings_test")
    import django

    django.setup()
    from django_scopes import scopes_disabled

    with scopes_disabled():
        problems = run(full=args.full)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
