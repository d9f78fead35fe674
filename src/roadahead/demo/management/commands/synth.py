"""`roadahead synth [--preset NAME] --schools N --pupils P --years Y [--seed S] [--kind special|mainstream]
[--participation-rate R]`: build synthetic schools for benchmarks and load tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_scopes import scopes_disabled

from roadahead.demo.synth import PRESETS, SHAPES, SynthSpec, describe_counts, synthesise


class Command(BaseCommand):
    help = ("Build synthetic schools (invented pupils, classes, activities and attendance over several years) "
            "for benchmarks and load tests. Presets: "
            + "; ".join(f"{name}: {preset.help}" for name, preset in PRESETS.items()) + ".")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--preset", choices=sorted(PRESETS), help="Start from a preset; the options below "
                                                                      "override its values.")
        parser.add_argument("--schools", type=int, help="How many schools (default 1).")
        parser.add_argument("--pupils", type=int, help="Pupils on roll in each school (default 300).")
        parser.add_argument("--years", type=int, help="Academic years of history, this one included (default 3).")
        parser.add_argument("--seed", type=int, default=1, help="The same seed builds the same schools (default 1).")
        parser.add_argument("--kind", choices=sorted(SHAPES), help="special (Reception to Year 14, small classes) "
                                                                  "or mainstream (Years 7 to 13).")
        parser.add_argument("--participation-rate", type=float, default=0.85, dest="rate",
                            help="Share of invited pupils who attend (default 0.85); of the rest, a third "
                                 "attend part and two thirds are absent.")
        parser.add_argument("--prefix", default="synth", help="Schools are called PREFIX-1, PREFIX-2, ...")
        parser.add_argument("--today", help="Build history up to this day, YYYY-MM-DD (default today).")

    def handle(self, *args: Any, **options: Any) -> None:
        preset = PRESETS[options["preset"]] if options["preset"] else None
        today = timezone.localdate()
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(f"'{options['today']}' is not a date: write it as YYYY-MM-DD.") from None

        def pick(name: str, default: Any) -> Any:
            if options[name] is not None:
                return options[name]
            return getattr(preset, name) if preset else default

        spec = SynthSpec(schools=pick("schools", 1), pupils=pick("pupils", 300), years=pick("years", 3),
                         kind=pick("kind", "special"), seed=options["seed"], participation_rate=options["rate"],
                         prefix=options["prefix"], today=today)
        call_command("migrate", interactive=False, verbosity=0)
        try:
            with scopes_disabled():
                result = synthesise(spec, progress=self.stdout.write if options["verbosity"] > 1 else None)
        except ValueError as error:
            raise CommandError(str(error)) from None
        names = result.schools[0].slug + (f" to {result.schools[-1].slug}" if len(result.schools) > 1 else "")
        self.stdout.write(f"Built {len(result.schools)} {spec.kind} school(s) ({names}) in {result.seconds:.1f} s: "
                          f"{describe_counts(result.counts)}.")
