"""Building evaluations and evidence for the self-evaluation tests."""

from __future__ import annotations

import datetime as dt

from roadahead.activities.enums import Attendance
from roadahead.activities.models import ActivityType
from roadahead.activities.services import (
    ParticipationInput,
    create_activity,
    ensure_activity_types,
    record_participations,
)
from roadahead.benchmarks.models import Benchmark
from roadahead.evaluation import services
from roadahead.evaluation.enums import Status
from roadahead.evaluation.models import Evaluation, Mark

TODAY = dt.date(2026, 3, 10)


def start(world, *, start_year=2025, term="spring", cohort_from="7", cohort_to="14", today=TODAY) -> Evaluation:
    return services.create_evaluation(school=world.school, by=world.careers_leader.user, start_year=start_year,
                                      term=term, today=today, cohort_from=cohort_from, cohort_to=cohort_to)


def set_status(evaluation: Evaluation, code: str, status: str, *, confirmed: bool = True) -> None:
    Mark.objects.filter(evaluation=evaluation, criterion__code=code).update(status=status, confirmed=confirmed)


def achieve_benchmark(evaluation: Evaluation, number: int, status: str = Status.ACHIEVED) -> None:
    Mark.objects.filter(evaluation=evaluation, criterion__benchmark__number=number).update(status=status,
                                                                                          confirmed=True)


def encounter(world, day, pupils, *, code="employer-talk", meaningful=True):
    """An activity of a default type (its default benchmarks) attended by `pupils`."""
    ensure_activity_types(school=world.school)
    kind = ActivityType.objects.get(school=world.school, code=code)
    checks = {"purpose_shared": True, "outcomes_fitted": True, "two_way": True, "reflection": True,
                  "employer_task": True, "employer_feedback": True} if meaningful else {}
    made = create_activity(school=world.school, by=None, title="Visit from a bakery", date=day, activity_type=kind,
                           benchmarks=list(Benchmark.objects.filter(
                               school=world.school, number__in=[b.number for b in kind.default_benchmarks.all()])),
                           audit=False, **checks)
    record_participations(activity=made, by=None, entries=[
        ParticipationInput(pupil=p, attendance=Attendance.ATTENDED) for p in pupils], audit=False)
    return made
