"""`roadahead subject-access --school SLUG --pupil ID --format json|pdf --output FILE`.

Writes everything Road Ahead holds about one pupil (as the pupil page's "Subject access request"
does) and one audit entry. Refuses an existing output file; exit status is non-zero for an unknown
school or pupil.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from roadahead.people.models import Pupil
from roadahead.privacy import services
from roadahead.schools.models import School


class Command(BaseCommand):
    help = "Write everything Road Ahead holds about one pupil (a subject access request) as JSON or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--school", required=True, help="The school's short name (its slug).")
        parser.add_argument("--pupil", required=True, type=int, help="The pupil's id (from the pupil page's address).")
        parser.add_argument("--format", dest="file_format", choices=sorted(services.FORMATS), default="pdf")
        parser.add_argument("--output", required=True, help="The file to write; it must not exist yet.")

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        if output.exists():
            raise CommandError(f"{output} already exists: choose a new file name.")
        with scopes_disabled():
            school = School.objects.filter(slug=options["school"]).first()
        if school is None:
            raise CommandError(f"There is no school with the short name '{options['school']}'.")
        with scope(school=school):
            pupil = Pupil.objects.filter(school=school, pk=options["pupil"]).first()
            if pupil is None:
                raise CommandError(f"{school.name} has no pupil with the id {options['pupil']}.")
            data = services.subject_access_file(
                school=school, pupil=pupil, by=None, file_format=options["file_format"],
                generated_at=timezone.now(), context={"printed_by": None, "printed_on": timezone.localdate()})
        output.write_bytes(data)
        self.stdout.write(f"Wrote the subject access file for pupil {pupil.pk} of {school.name} to {output}.")
