"""`roadahead report standing|pal|coverage|destinations --school SLUG [--as-of YYYY-MM-DD] --format json|csv`.

Prints the same records as the API (`roadahead.standing.reports`). Exit status is non-zero on any
error (an unknown school or report, a date that is not one), with the error on stderr.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from roadahead.schools.models import School
from roadahead.standing.reports import FIELDS, records_for, to_csv

HELP = {
    "standing": "Every pupil on roll against every rule that applies to them.",
    "pal": "Every pupil against each Provider Access Legislation key phase that applies to them.",
    "coverage": "Per benchmark, the pupils on roll and how many have evidence in the academic year.",
    "destinations": "Leavers by pathway, year of leaving and group: sustained and in keeping with the pathway.",
}


class Command(BaseCommand):
    help = "Print a report (standing, pal, coverage or destinations) for one school as JSON or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", metavar="NAME", help="Which report: " + ", ".join(HELP) + ".")
        parser.add_argument("--school", required=True, help="The school's short name (its slug).")
        parser.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD",
                            help="The day to report on (default today).")
        parser.add_argument("--format", dest="fmt", choices=("json", "csv"), default="json",
                            help="json (a list of records, the default) or csv (with a header row).")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"]
        if name == "destinations":
            # Leavers' destinations live in an app above this one: hand over by command name, not import.
            call_command("destinations_report", school=options["school"], as_of=options["as_of"],
                         fmt=options["fmt"], stdout=self.stdout, stderr=self.stderr)
            return
        if name not in FIELDS:
            raise CommandError(f"There is no report called '{name}'. Choose one of: {', '.join(FIELDS)}.")
        as_of = self._day(options["as_of"])
        with scopes_disabled():
            school = School.objects.filter(slug=options["school"]).first()
        if school is None:
            raise CommandError(f"There is no school with the short name '{options['school']}'.")
        with scope(school=school):
            records = records_for(name, school=school, as_of=as_of)
        if options["fmt"] == "csv":
            self.stdout.write(to_csv(records, FIELDS[name]), ending="")
        else:
            self.stdout.write(json.dumps(records, indent=1))

    @staticmethod
    def _day(value: str | None) -> dt.date:
        if not value:
            return timezone.localdate()
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"'{value}' is not a date: write it as YYYY-MM-DD, such as 2026-03-10.") from None
