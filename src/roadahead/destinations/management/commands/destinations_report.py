"""`roadahead destinations_report --school SLUG --format json|csv`, also reached as
`roadahead report destinations --school SLUG --format json|csv`.

The `report` command lives in `standing`, which sits below this app and may not import it, so it
hands the `destinations` report to this command by name. Prints the same records as the API and
the report page's CSV: leavers by pathway, year of leaving, need, sex and looked-after status, with
how many are sustained and in keeping. Full figures: the command line is for the careers leader.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from roadahead.destinations.reports import REPORT_FIELDS, build_report, report_records, to_csv
from roadahead.schools.models import School


class Command(BaseCommand):
    help = "Print the leavers' destinations report for one school as JSON or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--school", required=True, help="The school's short name (its slug).")
        parser.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="The day to report on (default today).")
        parser.add_argument("--format", dest="fmt", choices=("json", "csv"), default="json",
                            help="json (a list of records, the default) or csv (with a header row).")

    def handle(self, *args: Any, **options: Any) -> None:
        day = timezone.localdate()
        if options.get("as_of"):
            try:
                day = dt.date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(f"'{options['as_of']}' is not a date: write it as YYYY-MM-DD.") from None
        with scopes_disabled():
            school = School.objects.filter(slug=options["school"]).first()
        if school is None:
            raise CommandError(f"There is no school with the short name '{options['school']}'.")
        with scope(school=school):
            records = report_records(build_report(school=school, day=day, suppress=False))
        if options["fmt"] == "csv":
            self.stdout.write(to_csv(records, REPORT_FIELDS), ending="")
        else:
            self.stdout.write(json.dumps(records, indent=1))
