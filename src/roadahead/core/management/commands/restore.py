"""`roadahead restore FILE [--force]`: put a backup back into the configured (empty) database.

The logic is in roadahead.core.backups: the archive and its manifest are checked, the database and
media files restored, every table's row count and checksum compared with the manifest, and then
`migrate` brings an older backup up to this version. Exit status is non-zero on any problem, with
the problem on stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from roadahead.core import backups


class Command(BaseCommand):
    # A backup must be possible (and a restore too) while something else is broken, e.g. before fixing it.
    requires_system_checks: list[str] = []
    help = ("Restore a backup made by `roadahead backup` into the configured database, which must be empty "
            "unless --force is given, then check every table against the backup's manifest and migrate.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The backup file (.tar.gz).")
        parser.add_argument("--force", action="store_true", help="Replace everything in a database that already "
                                                                 "holds data.")

    def handle(self, *args: Any, **options: Any) -> None:
        def migrate() -> None:
            call_command("migrate", interactive=False, verbosity=max(options["verbosity"], 1),
                         stdout=self.stdout, stderr=self.stderr)

        try:
            backups.restore_backup(archive=Path(options["file"]), force=options["force"], say=self.stdout.write,
                                   migrate=migrate)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("Restore complete.")
