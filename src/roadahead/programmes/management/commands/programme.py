"""`roadahead programme load FILE --school SLUG` and `roadahead programme check FILE`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from roadahead.programmes.schema import MAX_BYTES, ProgrammeInvalid
from roadahead.programmes.services import check_programme, load_programme


def read_programme_file(path: str) -> str:
    """The text of a programme file, refusing files that are missing, too big or not UTF-8."""
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"{path}: there is no such file.")
    size = file.stat().st_size
    if size > MAX_BYTES:
        raise CommandError(f"{path}: the file is {size:,} bytes; a programme file may be at most "
                           f"{MAX_BYTES:,} bytes (1 MB).")
    try:
        return file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: the file is not UTF-8 text (save it as UTF-8 and try again).") from exc


class Command(BaseCommand):
    help = "Check a school's programme file (YAML), or load it into Road Ahead."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{load,check}")
        load = actions.add_parser("load", help="Check the file and apply it to the school (creating the school "
                                               "if it is new).")
        load.add_argument("file", help="The programme file (YAML).")
        load.add_argument("--school", dest="school", default=None,
                          help="The school's slug. Defaults to 'slug' under 'school' in the file.")
        check = actions.add_parser("check", help="Check the file and report problems, without loading it.")
        check.add_argument("file", help="The programme file (YAML).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        text = read_programme_file(path)
        try:
            if options["action"] == "check":
                programme = check_programme(text=text)
                warnings = [str(w) for w in programme.warnings]
                summary = [f"{path} is a valid programme file for {programme.school.name}: {programme.describe()}."]
            else:
                result = load_programme(text=text, school_slug=options.get("school"))
                warnings = result.warnings
                summary = result.summary()
        except ProgrammeInvalid as exc:
            count = len(exc.problems)
            lines = [f"{path}: {count} problem{'s' if count != 1 else ''} found; nothing was loaded."]
            lines += [f"{path}: {problem}" for problem in exc.problems]
            raise CommandError("\n".join(lines)) from exc
        for warning in warnings:
            self.stderr.write(f"Warning: {warning}")
        for line in summary:
            self.stdout.write(line)
