"""`roadahead retention --school SLUG [--dry-run]`: anonymise leavers whose retention period has run out.

The same query as the preview page decides who; `--dry-run` lists them (by id and leaving date, no
names) and writes nothing. Exit status is non-zero for an unknown school.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from roadahead.destinations import retention
from roadahead.destinations.services import retention_years
from roadahead.schools.models import School


class Command(BaseCommand):
    help = "Anonymise leavers whose destination records have been kept as long as the school's schedule says."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--school", required=True, help="The school's short name (its slug).")
        parser.add_argument("--dry-run", action="store_true", help="List who would be anonymised; write nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():
            school = School.objects.filter(slug=options["school"]).first()
        if school is None:
            raise CommandError(f"There is no school with the short name '{options['school']}'.")
        today = timezone.localdate()
        with scope(school=school):
            years = retention_years(school=school)
            due = list(retention.due_for_anonymising(school=school, today=today).values_list("pk", "date_left"))
            if options["dry_run"]:
                for pk, date_left in due:
                    left = date_left.isoformat() if date_left else "no leaving date (25 or older)"
                    self.stdout.write(f"Pupil {pk}, left {left}")
                self.stdout.write(f"Would anonymise {len(due)} leavers of {school.name} (kept {years} years after "
                                  "leaving). Dry run: nothing was written.")
                return
            done = retention.anonymise(school=school, today=today, user=None)
        self.stdout.write(f"Anonymised {len(done)} leavers of {school.name} (kept {years} years after leaving).")
