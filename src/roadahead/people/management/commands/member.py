"""`roadahead member add --school SLUG --email EMAIL --name NAME --role ROLE`: give someone a role.

Used to add a school's first careers leader; after that the careers leader adds staff in the app.
"""

from __future__ import annotations

import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scope

from roadahead.people.enums import Role
from roadahead.people.services import add_member
from roadahead.schools.models import School


class Command(BaseCommand):
    help = "Give a person a role in a school (creating their account if needed)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Add a member to a school.")
        add.add_argument("--school", required=True, help="the school's short name (slug)")
        add.add_argument("--email", required=True)
        add.add_argument("--name", required=True, help="full name")
        add.add_argument("--role", required=True, choices=[r.value for r in Role])
        add.add_argument("--password-stdin", action="store_true",
                         help="read a password from standard input (otherwise they use 'Forgotten your password?')")

    def handle(self, *args: Any, **options: Any) -> None:
        school = School.objects.filter(slug=options["school"]).first()
        if school is None:
            raise CommandError(f"There is no school with the short name {options['school']!r}.")
        password = None
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
            try:
                validate_password(password)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        with scope(school=school):
            try:
                membership = add_member(school=school, by=None, email=options["email"], full_name=options["name"],
                                        role=options["role"], password=password)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{membership.user.email} is now {membership.get_role_display().lower()} at {school.name}.")
