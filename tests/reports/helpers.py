"""Building a school's records for the reports tests."""

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
from roadahead.benchmarks.services import ensure_benchmarks
from roadahead.entitlements.services import ensure_default_rules
from roadahead.evaluation import services as evaluation_services
from roadahead.evaluation.enums import Status
from roadahead.evaluation.models import Mark
from roadahead.people.models import Pupil
from roadahead.schools.models import AcademicYear, Pathway
from tests import factories

TODAY = dt.date(2026, 3, 10)
MEANINGFUL = {"purpose_shared": True, "outcomes_fitted": True, "two_way": True, "reflection": True,
              "employer_task": True, "employer_feedback": True}


def set_up(world) -> None:
    """Benchmarks, the default targets and activity types for the world's school."""
    ensure_benchmarks(school=world.school)
    ensure_default_rules(school=world.school, audit=False)
    ensure_activity_types(school=world.school)


def add_pupils(world, count: int, *, nc_year: str = "10", looked_after: bool = False, surname: str = "",
               pathway: Pathway | None = None, sex: str = "F") -> list[Pupil]:
    year = AcademicYear.objects.get(school=world.school, start_year=2025)
    made = []
    for _i in range(count):
        extra = {"legal_surname": surname} if surname else {}
        pupil = factories.PupilFactory(school=world.school, looked_after=looked_after, sex=sex, **extra)
        factories.EnrolmentFactory(pupil=pupil, academic_year=year, nc_year=nc_year, class_group=world.class_group,
                                   pathway=pathway)
        made.append(pupil)
    return made


PAL_POINTS = {"pal_provider": True, "pal_careers": True, "pal_learning": True, "pal_questions": True}


def encounter(world, day: dt.date, pupils, *, code: str = "employer-talk", title: str = "Visit from a bakery",
              meaningful: bool = True, numbers: list[int] | None = None, pal: bool = False):
    """An activity of a default type attended by `pupils`."""
    kind = ActivityType.objects.get(school=world.school, code=code)
    if numbers is None:
        numbers = [b.number for b in kind.default_benchmarks.all()]
    made = create_activity(school=world.school, by=None, title=title, date=day, activity_type=kind,
                           benchmarks=list(Benchmark.objects.filter(school=world.school, number__in=numbers)),
                           audit=False, **(MEANINGFUL if meaningful else {}), **(PAL_POINTS if pal else {}))
    record_participations(activity=made, by=None, entries=[
        ParticipationInput(pupil=p, attendance=Attendance.ATTENDED) for p in pupils], audit=False)
    return made


def evaluation(world, *, start_year: int = 2025, term: str = "spring", achieve: tuple[int, ...] = (1,)):
    made = evaluation_services.create_evaluation(school=world.school, by=world.careers_leader.user,
                                                 start_year=start_year, term=term, today=TODAY, cohort_from="7",
                                                 cohort_to="14")
    Mark.objects.filter(evaluation=made, criterion__benchmark__number__in=achieve).update(
        status=Status.ACHIEVED, confirmed=True)
    return made
