"""`roadahead backup --output FILE [--force]`: the database, the media files and a manifest in one archive.

The logic is in roadahead.core.backups; docs/admin/backup.md says what the archive holds and how to
keep it. Exit status is non-zero on any problem, with the problem on stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from roadahead.core import backups


class Command(BaseCommand):
    # A backup must be possible (and a restore too) while something else is broken, e.g. before fixing it.
    requires_system_checks: list[str] = []
    help = ("Back up the database and the media files (pictures) into one .tar.gz file, with a manifest of "
            "every table's row count and checksum. The file is not encrypted: encrypt it before it leaves "
            "the machine.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="The file to write, for example "
                                                            "roadahead-2026-03-10.tar.gz.")
        parser.add_argument("--force", action="store_true", help="Replace the file if it already exists.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            made = backups.make_backup(output=Path(options["output"]), force=options["force"], now=timezone.now())
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up {made.tables} tables ({made.rows} rows) and {made.media_files} media files "
                          f"to {made.path}. It is not encrypted: encrypt it before it leaves this machine.")
