"""Import 100,000 participation rows (500 activities x 200 pupils): target 10 s or less (design.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import append_result, database_name, describe, machine, setup_django, timed

TARGET_SECONDS = 10.0
HEADERS = "activity_ref,date,title,type,setting,benchmarks,meaningful,pal_encounter,upn,attendance,engagement,response"


def make_csv(activities: int, pupils: int) -> bytes:
    out = io.StringIO()
    out.write(HEADERS + "\n")
    start = dt.date(2025, 9, 8)
    for a in range(activities):
        day = start + dt.timedelta(days=(a * 7) % 300)
        for p in range(pupils):
            attendance = ("attended", "attended", "attended", "part", "absent")[(a + p) % 5]
            out.write(f"B{a},{day:%d/%m/%Y},Visit {a},Workplace visit,Out of school,5;6,yes,no,C{p:012d},"
                      f"{attendance},{1 + (a + p) % 4},Said they liked the {('shop', 'garden', 'office')[p % 3]}\n")
    return out.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=500)
    parser.add_argument("--pupils", type=int, default=200)
    parser.add_argument("--write", action="store_true", help="append the result to docs/performance.md")
    args = parser.parse_args()
    setup_django()
    from django_scopes import scope

    from roadahead.activities.models import Activity, Participation
    from roadahead.activities.services import ensure_activity_types
    from roadahead.imports.activity_services import import_activities
    from roadahead.people.models import Pupil
    from roadahead.schools.models import School

    school = School.objects.create(name="Benchmark School", slug="benchmark")
    with scope(school=school):
        ensure_activity_types(school=school)
        Pupil.objects.bulk_create(
            Pupil(school=school, upn=f"C{p:012d}", legal_forename=f"F{p}", legal_surname=f"S{p}",
                  date_of_birth=dt.date(2010, 1, 1)) for p in range(args.pupils))
    content = make_csv(args.activities, args.pupils)
    rows = args.activities * args.pupils

    def clear() -> None:
        with scope(school=school):
            Activity.objects.filter(school=school).delete()

    def run() -> None:
        with scope(school=school):
            outcome = import_activities(school=school, by=None, file_name="activities.csv", content=content)
            assert outcome.status == "done", outcome.errors[:3]

    first = timed(run, setup=clear)
    again = timed(run)
    with scope(school=school):
        assert Participation.objects.filter(school=school).count() == rows
    lines = [
        f"- Machine: {machine()}; database: {database_name()}; {dt.date.today():%d %B %Y}.",
        f"- Import {rows:,} participation rows ({args.activities} activities) from CSV: {describe(first)}; "
        f"{max(first) / TARGET_SECONDS:.0%} of the {TARGET_SECONDS:.0f} s target at worst.",
        f"- Re-import the same file (every activity unchanged): {describe(again)}.",
    ]
    print("\n".join(lines))
    if args.write:
        append_result(f"Activity import, {database_name().split()[0]}", lines)


if __name__ == "__main__":
    main()
