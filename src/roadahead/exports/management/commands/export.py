"""`roadahead export --school SLUG --format json|xlsx|csv [--output FILE]`: everything a school holds.

Without --output the JSON archive is written to standard output (XLSX and the CSV ZIP need a
file). The file is written beside its final name first and renamed when complete, readable only by
the user who ran the command, so a failure leaves no half-written export behind.
Exit status is non-zero on any problem, with the problem on stderr.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_scopes import scopes_disabled

from roadahead.exports import services
from roadahead.schools.models import School


class _TextOut:
    """Standard output as the service's binary stream, when the command's stdout is text only."""

    def __init__(self, text: IO[str]) -> None:
        self.text = text

    def write(self, data: bytes) -> int:
        self.text.write(data.decode("utf-8"))
        return len(data)

    def flush(self) -> None:
        self.text.flush()


class Command(BaseCommand):
    help = "Export everything a school holds, as one JSON archive, an XLSX workbook or a ZIP of CSV files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--school", required=True, help="The school's short name (its slug).")
        parser.add_argument("--format", dest="file_format", required=True, choices=sorted(services.FORMATS),
                            help="json (one archive), xlsx (one workbook) or csv (a ZIP of CSV files).")
        parser.add_argument("--output", help="The file to write. Without it, the JSON archive goes to standard "
                                             "output.")

    def handle(self, *args: Any, **options: Any) -> None:
        slug, file_format, output = options["school"], options["file_format"], options["output"]
        with scopes_disabled():
            school = School.objects.filter(slug=slug).first()
        if school is None:
            raise CommandError(f"There is no school with the short name '{slug}'.")
        if not output:
            if file_format != "json":
                raise CommandError(f"A {file_format} export needs --output FILE; only json can go to standard "
                                   f"output.")
            stream = self.stdout._out
            target = getattr(stream, "buffer", None) or _TextOut(stream)
            services.export_school(school=school, by=None, file_format=file_format, out=target,
                                   exported_at=timezone.now())
            target.flush()
            return
        exported = self._to_file(Path(output), school=school, file_format=file_format)
        self.stdout.write(f"Exported {exported.total} rows in {exported.tables} tables from {school.name} to "
                          f"{output}.")

    def _to_file(self, path: Path, *, school: School, file_format: str) -> services.Exported:
        if path.is_dir():
            raise CommandError(f"{path} is a folder; give a file name with --output.")
        try:
            handle, temporary = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".",
                                                 prefix=".roadahead-export-", suffix=".part")
        except OSError as error:
            raise CommandError(f"Cannot write to {path}: {error.strerror or error}.") from error
        try:
            with os.fdopen(handle, "wb") as out:
                exported = services.export_school(school=school, by=None, file_format=file_format, out=out,
                                                  exported_at=timezone.now())
            os.replace(temporary, path)
        except OSError as error:
            Path(temporary).unlink(missing_ok=True)
            raise CommandError(f"Cannot write to {path}: {error.strerror or error}.") from error
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return exported
