"""`roadahead demo [--no-serve] [--reset] [--addr 127.0.0.1:8000]`: build the demo schools and serve them."""

from __future__ import annotations

import os
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils import timezone

from roadahead.demo.data import DEMO_PASSWORD, DEMO_SCHOOLS
from roadahead.demo.management.commands.serve import parse_addr
from roadahead.demo.services import PROGRAMMES_DIR, build_demo, demo_accounts, demo_exists, remove_demo
from roadahead.people.enums import Role
from roadahead.schools.models import School


class Command(BaseCommand):
    help = ("Set up the database, build two demo special schools with invented pupils, staff and providers "
            "(once), print the sign-in details and serve Road Ahead.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Build the demo and print the sign-in details, "
                                                                    "but do not start the web server.")
        parser.add_argument("--reset", action="store_true", help="Delete the demo schools and build them again.")
        parser.add_argument("--addr", default="127.0.0.1:8000", help="Where to serve (default 127.0.0.1:8000).")

    def handle(self, *args: Any, **options: Any) -> None:
        addr = parse_addr(options["addr"])
        missing = [s.programme for s in DEMO_SCHOOLS if not (PROGRAMMES_DIR / s.programme).is_file()]
        if missing:
            raise CommandError(f"The demo's programme files are missing from {PROGRAMMES_DIR}: {', '.join(missing)}. "
                               "Run the demo from a copy of the Road Ahead source.")
        call_command("migrate", interactive=False, verbosity=0, stdout=self.stdout)
        if options["reset"]:
            remove_demo()
            self.stdout.write("Deleted the demo schools.")
        if demo_exists():
            self.stdout.write("The demo schools are already set up; left as they are (use --reset to rebuild them).")
        else:
            schools = build_demo(today=timezone.localdate())
            for school, spec in zip(schools, DEMO_SCHOOLS, strict=True):
                self.stdout.write(f"Built {school.name}, {spec.description}.")
        self._sign_in_details(addr, serving=not options["no_serve"])
        if not options["no_serve"]:
            # Invented people on this computer only: the demo opens without an authenticator app. Real
            # use keeps two-factor on (the setting's default); a setting made explicitly is respected.
            call_command("serve", addr=addr, demo=True, stdout=self.stdout, stderr=self.stderr)

    def _sign_in_details(self, addr: str, *, serving: bool) -> None:
        names = dict(School.objects.filter(slug__in=[s.slug for s in DEMO_SCHOOLS]).values_list("slug", "name"))
        write = self.stdout.write
        write("")
        write(f"Sign in at http://{addr}{reverse('login')}")
        write(f"Password for every demo account: {DEMO_PASSWORD}")
        write("This password and these accounts are for the demo only. Never use them for real pupils' data.")
        if serving and os.environ.get("ROADAHEAD_REQUIRE_TWO_FACTOR") is None:
            write("The demo does not ask for a two-factor code; real use does (ROADAHEAD_REQUIRE_TWO_FACTOR).")
        accounts = demo_accounts()
        labels = [Role(a.role).label + (f" ({a.note})" if a.note else "") for a in accounts]
        width = max(len(label) for label in labels)
        current = None
        for account, label in zip(accounts, labels, strict=True):
            if account.school != current:
                current = account.school
                write("")
                write(f"{names.get(current, current)}:" if current
                      else "Both schools (use 'Switch school' to move between them):")
            write(f"  {label:<{width}}  {account.full_name:<16}  {account.email}")
        write("")
