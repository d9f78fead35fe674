"""Server time of the busiest pages at trust scale: p50 and p95 for the grid, coverage and pupil list.

Target (design.md): any page p95 <= 150 ms server time at trust scale on 2 cores.

Unlike the other scripts this one does not flush the database: point DATABASE_URL at a database
built with `roadahead synth --preset trust --prefix trust` (about 4 minutes on PostgreSQL), or let
it build `--schools` x `--pupils` itself when the school is missing. Requests go through Django's
test client (every middleware, the view, the template), signed in as a careers leader of one school
of the trust; the time is from the request entering Django to the response being rendered, with no
network. The first request of each page is not counted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import append_result, database_name, machine, signed_in_client

TARGET_MS = 150.0
TODAY = dt.date(2026, 3, 10)
PAGES = (
    ("Standing grid (first page, every pupil)", "standing:grid", ""),
    ("Standing grid, Year 10 only", "standing:grid", "?year=10"),
    ("Who still needs what (this term)", "standing:needs", ""),
    ("Benchmark coverage", "coverage:overview", ""),
    ("Pupil list", "people:pupil_list", ""),
    ("Governors' termly report (page)", "reports:governors", ""),
    ("Cohort summary, Year 10 (page)", "reports:cohort", "?year_from=10&year_to=10"),
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:  # noqa: PLR0915 (a script read top to bottom)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--school", default="trust-1", help="the school to request pages of (default trust-1)")
    parser.add_argument("--schools", type=int, default=50, help="schools to build if the school is missing")
    parser.add_argument("--pupils", type=int, default=1000, help="pupils per school to build if missing")
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page (default 40)")
    parser.add_argument("--write", action="store_true", help="append the result to docs/performance.md")
    args = parser.parse_args()
    os.environ.setdefault("ROADAHEAD_DATA_DIR", tempfile.mkdtemp(prefix="roadahead-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roadahead.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from roadahead.activities.models import Participation
    from roadahead.demo.synth import SynthSpec, synthesise
    from roadahead.people.enums import Role
    from roadahead.people.models import Membership, Pupil, User
    from roadahead.schools.models import School

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        school = School.objects.filter(slug=args.school).first()
        if school is None:
            prefix = args.school.rsplit("-", 1)[0]
            print(f"Building {args.schools} schools of {args.pupils} pupils ({prefix}-1...)...")
            synthesise(SynthSpec(schools=args.schools, pupils=args.pupils, years=args.years, kind="mainstream",
                                 today=TODAY, prefix=prefix))
            school = School.objects.get(slug=args.school)
        schools = School.objects.count()
        pupils = Pupil.objects.count()
        participations = Participation.objects.count()
        school_participations = Participation.objects.filter(school=school).aggregate(n=Count("id"))["n"]
        user, _ = User.objects.get_or_create(email=f"bench@{school.slug}.example",
                                             defaults={"full_name": "Benchmark Leader"})
        Membership.objects.get_or_create(school=school, user=user, defaults={"role": Role.CAREERS_LEADER})

    import time_machine

    lines = [
        f"- Machine: {machine()}; database: {database_name()}; {dt.date.today():%d %B %Y}; load average "
        f"{os.getloadavg()[0]:.1f} at the end (the machine is shared: other jobs inflate every figure).",
        f"- Data: {schools} schools, {pupils:,} pupils (leavers included), {participations:,} participation rows; "
        f"pages of {school.name} ({school_participations:,} participations), signed in as its careers leader, "
        f"on {TODAY:%d %B %Y}. Django test client, {args.requests} timed requests per page after one untimed.",
    ]
    worst = 0.0
    # The synthetic history runs to TODAY: pages judge standing on that day.
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC), tick=True):
        client = signed_in_client(user)
        for label, name, query in PAGES:
            url = reverse(name, kwargs={"school_slug": school.slug}) + query
            first = client.get(url)
            if first.status_code != 200:
                lines.append(f"- {label}: answered {first.status_code}; not timed.")
                continue
            times = []
            for _ in range(args.requests):
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
                assert response.status_code == 200
            p50, p95 = percentile(times, 0.5) * 1000, percentile(times, 0.95) * 1000
            worst = max(worst, p95)
            lines.append(f"- {label}: p50 {p50:.0f} ms, p95 {p95:.0f} ms; target p95 {TARGET_MS:.0f} ms: "
                         f"{'met' if p95 <= TARGET_MS else 'MISSED'}.")
    print("\n".join(lines))
    if args.write:
        append_result(f"Page server time, {database_name().split()[0]}", lines)


if __name__ == "__main__":
    main()
