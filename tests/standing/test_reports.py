"""`roadahead report standing|pal|coverage`: exact records for a known school, as JSON and CSV, and errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from roadahead.activities.enums import Attendance
from roadahead.activities.models import ActivityType
from roadahead.activities.services import (
    ParticipationInput,
    create_activity,
    ensure_activity_types,
    record_participations,
)
from roadahead.benchmarks.models import Benchmark
from roadahead.entitlements.enums import Check, Period, RuleKind
from roadahead.entitlements.models import EntitlementRule
from roadahead.standing.reports import coverage_records, pal_records, standing_records

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 10)
PAL_POINTS = dict.fromkeys(("pal_provider", "pal_careers", "pal_learning", "pal_questions"), True)
BENCHMARK_TITLES = {1: "A stable careers programme", 5: "Encounters with employers and employees",
                    7: "Encounters with further and higher education"}


def build_scenario(world) -> None:
    """Two rules and five activities for the four Year 10 pupils of `world` in 2025/26.

    Employer talks (Benchmark 5): pupil 0 at three, pupil 1 at two (once only in part), pupil 2
    absent from one. PAL provider encounters (Benchmark 7): pupil 0 at two, pupil 2 at one.
    """
    school = world.school
    ensure_activity_types(school=school)
    benchmarks = {b.number: b for b in Benchmark.objects.filter(school=school)}
    yearly = EntitlementRule.objects.create(
        school=school, code="employer-encounters", name="Three employer encounters a year", required=3,
        kind=RuleKind.SCHOOL, benchmark=benchmarks[5], order=1)
    yearly.evidences.set([benchmarks[5]])
    EntitlementRule.objects.create(
        school=school, code="pal-2", name="Provider access: key phase 2", required=2, kind=RuleKind.STATUTORY,
        benchmark=benchmarks[7], period=Period.YEARS, first_year="10", last_year="11", cutoff_month=2,
        cutoff_day=28, pal_only=True, pal_key_phase=2, school_check=Check.PROVIDER_ACCESS, order=2)
    talk = ActivityType.objects.get(school=school, code="employer-talk")
    encounter = ActivityType.objects.get(school=school, code="provider-encounter")
    p = world.pupils

    def record(kind, day, entries, **values):
        activity = create_activity(school=school, by=None, title="Activity", date=day, activity_type=kind, **values)
        record_participations(activity=activity, by=None, entries=entries)

    record(talk, dt.date(2025, 10, 1), [ParticipationInput(pupil=p[0]), ParticipationInput(pupil=p[1]),
                                        ParticipationInput(pupil=p[2], attendance=Attendance.ABSENT)])
    record(talk, dt.date(2026, 1, 15), [ParticipationInput(pupil=p[0]),
                                        ParticipationInput(pupil=p[1], attendance=Attendance.PART)])
    record(talk, dt.date(2026, 2, 20), [ParticipationInput(pupil=p[0])])
    record(encounter, dt.date(2025, 11, 5), [ParticipationInput(pupil=p[0]), ParticipationInput(pupil=p[2])],
           **PAL_POINTS)
    record(encounter, dt.date(2026, 2, 2), [ParticipationInput(pupil=p[0])], **PAL_POINTS)


def expected_standing(world, indices=(0, 1, 2, 3)) -> list[dict]:
    yearly = {0: (3, "met"), 1: (2, "on_track"), 2: (0, "at_risk"), 3: (0, "at_risk")}
    pal = {0: (2, "met"), 1: (0, "on_track"), 2: (1, "on_track"), 3: (0, "on_track")}
    records = []
    for i in sorted(indices, key=lambda i: world.pupils[i].upn):
        upn = world.pupils[i].upn
        records.append({"upn": upn, "rule": "employer-encounters", "benchmark": 5, "period_start": "2025-09-01",
                        "period_end": "2026-08-31", "required": 3, "achieved": yearly[i][0], "status": yearly[i][1]})
        records.append({"upn": upn, "rule": "pal-2", "benchmark": 7, "period_start": "2025-09-01",
                        "period_end": "2027-02-28", "required": 2, "achieved": pal[i][0], "status": pal[i][1]})
    return records


def expected_pal(world, indices=(0, 1, 2, 3)) -> list[dict]:
    return [{k: v for k, v in r.items() if k in {"upn", "required", "achieved", "status"}} | {"key_phase": 2}
            for r in expected_standing(world, indices) if r["rule"] == "pal-2"]


def expected_coverage(cohort: int, five: int, seven: int) -> list[dict]:
    rows = []
    for number in range(1, 9):
        with_evidence = {5: five, 7: seven}.get(number, 0)
        rows.append({"benchmark": number, "cohort_size": cohort, "with_evidence": with_evidence})
    return rows


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_standing_records_are_exact_for_every_pupil_and_rule(world):
    build_scenario(world)
    assert standing_records(school=world.school, as_of=TODAY) == expected_standing(world)


def test_pal_records_give_one_row_per_pupil_per_key_phase(world):
    build_scenario(world)
    assert pal_records(school=world.school, as_of=TODAY) == [
        {"upn": r["upn"], "key_phase": 2, "required": 2, "achieved": r["achieved"], "status": r["status"]}
        for r in expected_pal(world)]


def test_coverage_records_count_pupils_with_evidence_not_the_absent(world):
    build_scenario(world)
    records = coverage_records(school=world.school, as_of=TODAY)
    assert [{k: v for k, v in r.items() if k != "title"} for r in records] == expected_coverage(4, 2, 2)
    assert {r["benchmark"]: r["title"] for r in records if r["benchmark"] in BENCHMARK_TITLES} == BENCHMARK_TITLES


def test_standing_on_an_earlier_day_counts_only_what_had_happened(world):
    build_scenario(world)
    records = standing_records(school=world.school, as_of=dt.date(2025, 10, 2))
    first = [r for r in records if r["upn"] == world.pupils[0].upn]
    assert [(r["rule"], r["achieved"], r["status"]) for r in first] == [
        ("employer-encounters", 1, "on_track"), ("pal-2", 0, "on_track")]


def test_report_standing_prints_the_records_as_json(world):
    build_scenario(world)
    printed = run("standing", "--school", "oakfield", "--as-of", "2026-03-10", "--format", "json")
    assert json.loads(printed) == expected_standing(world)


def test_report_standing_prints_csv_with_a_header(world):
    build_scenario(world)
    printed = run("standing", "--school", "oakfield", "--as-of", "2026-03-10", "--format", "csv")
    lines = printed.splitlines()
    assert lines[0] == "upn,rule,benchmark,period_start,period_end,required,achieved,status"
    expected = [{k: str(v) for k, v in r.items()} for r in expected_standing(world)]
    assert list(csv.DictReader(io.StringIO(printed))) == expected


def test_report_pal_and_coverage_as_csv(world):
    build_scenario(world)
    pal = list(csv.DictReader(io.StringIO(run("pal", "--school", "oakfield", "--as-of", "2026-03-10",
                                              "--format", "csv"))))
    assert pal == [{k: str(r[k]) for k in ("upn", "key_phase", "required", "achieved", "status")}
                   for r in expected_pal(world)]
    printed = run("coverage", "--school", "oakfield", "--as-of", "2026-03-10", "--format", "csv")
    assert printed.splitlines()[0] == "benchmark,title,cohort_size,with_evidence"
    rows = list(csv.DictReader(io.StringIO(printed)))
    assert [(r["benchmark"], r["cohort_size"], r["with_evidence"]) for r in rows] == [
        (str(r["benchmark"]), "4", str(r["with_evidence"])) for r in expected_coverage(4, 2, 2)]


def test_report_defaults_to_today_and_json(world):
    build_scenario(world)
    assert json.loads(run("standing", "--school", "oakfield")) == expected_standing(world)


def test_report_csv_guards_titles_against_spreadsheet_formulas(world):
    build_scenario(world)
    Benchmark.objects.filter(school=world.school, number=1).update(title="=HYPERLINK(\"x\")")
    rows = list(csv.DictReader(io.StringIO(run("coverage", "--school", "oakfield", "--format", "csv"))))
    assert rows[0]["title"] == "'=HYPERLINK(\"x\")"


def test_report_of_a_school_without_rules_is_an_empty_list(world):
    assert json.loads(run("standing", "--school", "oakfield")) == []
    assert run("pal", "--school", "oakfield", "--format", "csv") == "upn,key_phase,required,achieved,status\n"


@pytest.mark.parametrize(("args", "message"), [
    (("standing", "--school", "nowhere"), "There is no school with the short name 'nowhere'."),
    (("standing", "--school", "oakfield", "--as-of", "10/03/2026"), "'10/03/2026' is not a date"),
    (("standing", "--school", "oakfield", "--as-of", "2026-02-30"), "'2026-02-30' is not a date"),
    (("grades", "--school", "oakfield"), "There is no report called 'grades'"),
])
def test_report_refuses_bad_arguments(world, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_report_exit_status_is_non_zero_with_the_error_on_stderr(world, capsys):
    # As the `roadahead` console script runs it: an error becomes exit status 1 and a line on stderr.
    from roadahead.__main__ import main

    with pytest.raises(SystemExit) as exit_info:
        main(["report", "standing", "--school", "nowhere"])
    assert exit_info.value.code == 1
    assert "There is no school with the short name 'nowhere'." in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "standing", "--school", "oakfield", "--format", "xml"])
    assert exit_info.value.code != 0
    assert "invalid choice: 'xml'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "standing"])
    assert exit_info.value.code != 0
    assert "--school" in capsys.readouterr().err
