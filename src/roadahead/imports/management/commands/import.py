"""`roadahead import pupils FILE --school SLUG [--dry-run]`, and the same for `activities` and `destinations`.

Each kind of import is a subcommand, so activities and destinations can join pupils later.
Exit status is non-zero on any problem, with each problem on stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from roadahead.imports import activity_services, destination_services, services
from roadahead.imports.models import ImportRun, ImportStatus
from roadahead.imports.parsers import describe_size, max_upload_bytes
from roadahead.schools.models import School


class Command(BaseCommand):
    help = "Import pupils, activities or leavers' destinations from a file into a school."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
        pupils = kinds.add_parser("pupils", help="Pupils from a CSV, XLSX or Common Transfer File (XML).")
        pupils.add_argument("file", help="The file to import.")
        pupils.add_argument("--school", required=True, help="The school's short name (its slug).")
        pupils.add_argument("--dry-run", action="store_true",
                            help="Check the file and report what would change, writing nothing.")
        activities = kinds.add_parser("activities", help="Activities with the pupils who took part, from a CSV or "
                                                         "XLSX file (one row per pupil per activity).")
        activities.add_argument("file", help="The file to import.")
        activities.add_argument("--school", required=True, help="The school's short name (its slug).")
        activities.add_argument("--dry-run", action="store_true",
                                help="Check the file and report what would change, writing nothing.")
        destinations = kinds.add_parser("destinations", help="Leavers' destinations from a CSV or XLSX file "
                                                             "(one row per leaver: UPN, Destination, Provider, "
                                                             "Start Date, Notes).")
        destinations.add_argument("file", help="The file to import.")
        destinations.add_argument("--school", required=True, help="The school's short name (its slug).")
        destinations.add_argument("--dry-run", action="store_true",
                                  help="Check the file and report what would change, writing nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["kind"] == "pupils":
            self.import_pupils(Path(options["file"]), options["school"], dry_run=options["dry_run"])
        elif options["kind"] == "activities":
            self.import_activities(Path(options["file"]), options["school"], dry_run=options["dry_run"])
        elif options["kind"] == "destinations":
            self.import_destinations(Path(options["file"]), options["school"], dry_run=options["dry_run"])

    def _read(self, path: Path, slug: str) -> tuple[School, bytes]:
        with scopes_disabled():
            school = School.objects.filter(slug=slug).first()
        if school is None:
            raise CommandError(f"There is no school with the short name '{slug}'.")
        try:
            size = path.stat().st_size
            if size > max_upload_bytes():
                raise CommandError(f"{path.name} is {describe_size(size)}; the largest file Road Ahead accepts is "
                                   f"{describe_size(max_upload_bytes())}.")
            return school, path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from error

    def _report_failure(self, run: ImportRun, path: Path) -> None:
        for warning in run.warnings:
            self.stdout.write(f"Note: {warning}")
        if run.status == ImportStatus.FAILED or run.error_count:
            for error in run.errors:
                self.stderr.write(str(services.RowError(**error)))
            if run.error_count > len(run.errors):
                self.stderr.write(f"… and {run.error_count - len(run.errors)} more problems.")
            raise CommandError(f"{run.error_count} problem(s) found in {path.name}; nothing was imported.")

    def import_activities(self, path: Path, slug: str, *, dry_run: bool) -> None:
        school, content = self._read(path, slug)
        with scope(school=school):
            run = activity_services.import_activities(school=school, by=None, file_name=path.name, content=content,
                                                      dry_run=dry_run)
        self._report_failure(run, path)
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(f"{verb} {run.rows} rows into {school.name}: "
                          f"{run.created_count + run.updated_count + run.unchanged_count} activities, "
                          f"{run.created_count} new, {run.updated_count} updated, {run.unchanged_count} unchanged."
                          + (" Dry run: nothing was written." if dry_run else ""))

    def import_destinations(self, path: Path, slug: str, *, dry_run: bool) -> None:
        school, content = self._read(path, slug)
        with scope(school=school):
            run = destination_services.import_destinations(school=school, by=None, file_name=path.name,
                                                           content=content, today=timezone.localdate(),
                                                           dry_run=dry_run)
        self._report_failure(run, path)
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(f"{verb} {run.rows} leavers' destinations into {school.name}: {run.created_count} new, "
                          f"{run.updated_count} updated, {run.unchanged_count} unchanged."
                          + (" Dry run: nothing was written." if dry_run else ""))

    def import_pupils(self, path: Path, slug: str, *, dry_run: bool) -> None:
        school, content = self._read(path, slug)
        with scope(school=school):
            run = services.import_pupils(school=school, by=None, file_name=path.name, content=content,
                                         today=timezone.localdate(), dry_run=dry_run)
        self._report_failure(run, path)
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(f"{verb} {run.rows} pupils into {school.name}: {run.created_count} new, "
                          f"{run.updated_count} updated, {run.unchanged_count} unchanged."
                          + (" Dry run: nothing was written." if dry_run else ""))
