"""Scenarios for entitlement rules: an example programme loaded into a fresh school, pupils placed in
a year and pathway, activities recorded through the real services, and the standing engine asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from roadahead.activities.enums import Attendance, Setting
from roadahead.activities.models import ActivityType
from roadahead.activities.services import (
    ParticipationInput,
    create_activity,
    ensure_activity_types,
    record_participations,
)
from roadahead.entitlements.models import EntitlementRule
from roadahead.entitlements.services import ensure_default_rules
from roadahead.people.models import Pupil
from roadahead.programmes.services import load_programme
from roadahead.providers.models import Provider
from roadahead.schools.models import AcademicYear, Pathway, School
from roadahead.standing.engine import standing
from tests import factories

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "programmes"
TODAY = dt.date(2026, 3, 10)
MEANINGFUL = dict.fromkeys(("purpose_shared", "outcomes_fitted", "two_way", "reflection", "employer_task",
                            "employer_feedback"), True)
PAL_POINTS = dict.fromkeys(("pal_provider", "pal_careers", "pal_learning", "pal_questions"), True)


@dataclass
class Scenario:
    """One school loaded from an example programme, with helpers to fill it and read standing."""

    school: School
    serial: int = 0
    providers: dict[str, Provider] = field(default_factory=dict)

    def pupil(self, nc_year: str, pathway: str | None = None, *, needs: Sequence[str] = ("SLD",),
              start_year: int = 2025) -> Pupil:
        self.serial += 1
        pupil = factories.PupilFactory(school=self.school, upn=f"T{self.school.pk:04d}{self.serial:08d}")
        year = AcademicYear.objects.get(school=self.school, start_year=start_year)
        factories.EnrolmentFactory(
            pupil=pupil, academic_year=year, nc_year=nc_year,
            pathway=Pathway.objects.get(school=self.school, name=pathway) if pathway else None)
        for rank, need in enumerate(needs, start=1):
            factories.PupilNeedFactory(pupil=pupil, need=need, rank=rank)
        return pupil

    def provider(self, kind: str) -> Provider:
        if kind not in self.providers:
            self.providers[kind] = factories.ProviderFactory(school=self.school, kind=kind, name=f"A {kind}")
        return self.providers[kind]

    def record(self, code: str, day: dt.date, pupils: Sequence[Pupil], *, meaningful: bool = False,
               pal: bool = False, setting: str = Setting.ON_SITE, provider_kinds: Sequence[str] = (),
               attendance: str = Attendance.ATTENDED, times: int = 1) -> None:
        """Record `times` activities of type `code` on `day` (a day apart), each attended by `pupils`."""
        kind = ActivityType.objects.get(school=self.school, code=code)
        for n in range(times):
            activity = create_activity(
                school=self.school, by=None, title=f"{kind.name} {n + 1}", date=day + dt.timedelta(days=n),
                activity_type=kind, setting=setting, providers=[self.provider(k) for k in provider_kinds],
                **(MEANINGFUL if meaningful else {}), **(PAL_POINTS if pal else {}))
            record_participations(activity=activity, by=None,
                                  entries=[ParticipationInput(pupil=p, attendance=attendance) for p in pupils])

    def rule(self, code: str) -> EntitlementRule:
        return EntitlementRule.objects.get(school=self.school, code=code)

    def standing_of(self, code: str, as_of: dt.date = TODAY) -> dict[int, tuple[int, int, str]]:
        """{pupil id: (required, achieved, status)} for one rule on `as_of`."""
        report = standing(school=self.school, as_of=as_of, rule_ids=[self.rule(code).pk])
        return {row.pupil_id: (row.required, row.achieved, row.status.value) for row in report.rows}

    def windows_of(self, code: str, as_of: dt.date = TODAY) -> dict[int, tuple[dt.date, dt.date]]:
        report = standing(school=self.school, as_of=as_of, rule_ids=[self.rule(code).pk])
        return {row.pupil_id: (row.period_start, row.period_end) for row in report.rows}


def load_example(name: str) -> Scenario:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    return Scenario(school=load_programme(text=text, school_slug=None).school)


@pytest.fixture
def heathfield(db) -> Scenario:
    """The four-pathway example (Sensory, Active, Bridge, Intentional), loaded into a fresh school."""
    return load_example("four-pathway.yaml")


@pytest.fixture
def parkside(db) -> Scenario:
    """The five-pathway example (Pathways 1-5, Lower to 14-19), loaded into a fresh school."""
    return load_example("five-pathway.yaml")


@pytest.fixture
def plain(db) -> Scenario:
    """A school with no programme file: Road Ahead's default activity types and checks only."""
    school = factories.SchoolFactory(slug="plainfield", name="Plainfield School")
    factories.AcademicYearFactory(school=school, start_year=2025)
    ensure_activity_types(school=school)
    ensure_default_rules(school=school)
    return Scenario(school=school)
