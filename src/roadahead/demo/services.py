"""Building the two demo schools: programme, staff, providers, invented pupils and a recorded year.

The demo is generated from a seeded random number generator, so it is the same every time it is
built on the same day. It goes through the real services where they are quick enough (programme
loading, add_member, assign_adviser, create_provider), so the demo exercises the code schools use;
pupils, their needs and enrolments are checked field by field and written in bulk.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django_scopes import scope

from roadahead.core import dates
from roadahead.demo.data import (
    COMMUNICATION_NOTES,
    DEMO_PASSWORD,
    DEMO_SCHOOLS,
    FORENAMES_F,
    FORENAMES_M,
    LEARNING_NEEDS,
    PREFERRED,
    SECONDARY_NEEDS,
    SURNAMES,
    TRUST_PERSON,
    DemoSchool,
    StaffSpec,
)
from roadahead.demo.destinations import record_destinations
from roadahead.demo.evaluation import record_evaluation
from roadahead.demo.placements import record_placements
from roadahead.demo.profiles import record_profiles
from roadahead.demo.public import record_public_page
from roadahead.demo.reviews import record_reviews
from roadahead.demo.skills import record_skills
from roadahead.demo.surveys import record_surveys
from roadahead.demo.transition import record_transition
from roadahead.demo.year import record_demo_year
from roadahead.people.enums import Role, SenProvision, Sex
from roadahead.people.models import Enrolment, Membership, Pupil, PupilNeed, User
from roadahead.people.services import add_member, assign_adviser, update_member
from roadahead.programmes.services import load_programme
from roadahead.providers.services import create_provider
from roadahead.schools.models import AcademicYear, ClassGroup, Pathway, Phase, School
from roadahead.schools.services import delete_school, ensure_academic_year

# examples/programmes/ at the top of the source tree: the demo loads the same files people read.
PROGRAMMES_DIR = Path(__file__).resolve().parents[3] / "examples" / "programmes"
# Not a real local authority number, so demo UPNs cannot be mistaken for real pupils'.
DEMO_LA = "999"
UPN_CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


@dataclass(frozen=True)
class DemoAccount:
    school: str
    role: str
    email: str
    full_name: str
    note: str = ""


def upn_for(*, la: str, estab: str, year_allocated: int, serial: int) -> str:
    """A UPN in the DfE's shape: a check letter, then LA, establishment, two-digit year and serial."""
    digits = f"{la}{estab}{year_allocated % 100:02d}{serial:03d}"
    check = sum(int(d) * weight for d, weight in zip(digits, range(2, 14), strict=True)) % 23
    return UPN_CHECK_LETTERS[check] + digits


def demo_accounts() -> list[DemoAccount]:
    accounts = []
    for spec in DEMO_SCHOOLS:
        for staff in spec.staff:
            note = f"class {staff.class_name}" if staff.class_name else ""
            accounts.append(DemoAccount(spec.slug, staff.role, staff.email, staff.full_name, note))
    accounts.append(DemoAccount("", Role.CAREERS_LEADER, TRUST_PERSON.email, TRUST_PERSON.full_name))
    return accounts


def demo_exists() -> bool:
    return School.objects.filter(slug__in=[s.slug for s in DEMO_SCHOOLS]).exists()


def remove_demo() -> None:
    """Delete the demo schools (everything they own goes with them) and the demo accounts."""
    emails = [a.email for a in demo_accounts()]
    with transaction.atomic():
        for school in School.objects.filter(slug__in=[s.slug for s in DEMO_SCHOOLS]):
            with scope(school=school):
                delete_school(school=school)
        User.objects.filter(email__in=emails).delete()


def build_demo(*, today: dt.date) -> list[School]:
    """Build both demo schools as of `today`. Call only when they do not exist yet."""
    for staff in [*[s for spec in DEMO_SCHOOLS for s in spec.staff], TRUST_PERSON]:
        # The printed password must be one people can sign in with; fail loudly if it is not.
        validate_password(DEMO_PASSWORD, User(email=staff.email, full_name=staff.full_name))
    return [_build_school(spec, today=today) for spec in DEMO_SCHOOLS]


@transaction.atomic
def _build_school(spec: DemoSchool, *, today: dt.date) -> School:
    text = (PROGRAMMES_DIR / spec.programme).read_text(encoding="utf-8")
    school = load_programme(text=text, school_slug=spec.slug).school
    with scope(school=school):
        _Builder(spec, school, today).build()
    return school


# The self-evaluation comes after the records its suggestions read; the public page (no records) last.
ROAD = (record_profiles, record_skills, record_reviews, record_transition, record_placements, record_destinations,
        record_surveys, record_evaluation, record_public_page)


class _Builder:
    def __init__(self, spec: DemoSchool, school: School, today: dt.date) -> None:
        self.spec = spec
        self.school = school
        self.today = today
        self.rng = random.Random(spec.seed)  # noqa: S311 (invented data, not security)
        self.current = dates.academic_year_of(today)
        self.phases = list(Phase.objects.filter(school=school).order_by("order"))
        self.pathways = {p.name: p for p in Pathway.objects.filter(school=school)}
        self.serial = 0
        self.used_names: set[tuple[str, str]] = set()
        # Pupils, their needs and enrolments are made in memory and written in bulk (see _write):
        # the services' per-row checks would make the demo take several seconds.
        self.pupils: list[Pupil] = []
        self.needs: list[PupilNeed] = []
        self.enrolments: list[Enrolment] = []

    def build(self) -> None:
        years = {start: ensure_academic_year(school=self.school, start_year=start)
                 for start in (self.current - 1, self.current)}
        classes = {start: self._classes(year) for start, year in years.items()}
        on_roll = [self._pupil(years, classes) for _ in range(self.spec.pupils_on_roll)]
        for index in range(self.spec.leavers):
            self._leaver(summer=self.current - index % 3)
        self._write()
        self._staff(classes[self.current], on_roll)
        for provider in self.spec.providers:
            create_provider(school=self.school, by=None, name=provider.name, kind=provider.kind,
                            offers=provider.offers, town=provider.town,
                            hosts_send_placements=provider.hosts_send_placements,
                            send_adjustments=provider.send_adjustments, send_confidence=provider.send_confidence,
                            contact_name=provider.contact_name, website=provider.website)
        record_demo_year(school=self.school, today=self.today, seed=self.spec.seed)
        # Each pupil's own road, built on the recorded year. Each step has its own random stream, so
        # adding a step never changes what the others make.
        for step in ROAD:
            step(school=self.school, today=self.today, rng=random.Random(f"{self.spec.seed}-{step.__name__}"))  # noqa: S311

    # ## Classes ##
    def _classes(self, year: AcademicYear) -> dict[str, ClassGroup]:
        made = {}
        for phase in self.phases:
            for name in self.spec.classes.get(phase.name, []):
                group, _ = ClassGroup.objects.get_or_create(
                    school=self.school, academic_year=year, name=name, defaults={"phase": phase})
                made[name] = group
        return made

    def _class_for(self, nc_year: str, classes: dict[str, ClassGroup]) -> ClassGroup | None:
        """The class for an NC year: each phase's classes split its years in order, youngest first."""
        ordinal = dates.nc_year_ordinal(nc_year)
        for phase in self.phases:
            if not phase.covers(nc_year) or ordinal is None:
                continue
            names = self.spec.classes.get(phase.name, [])
            first, last = dates.nc_year_ordinal(phase.first_year), dates.nc_year_ordinal(phase.last_year)
            if not names or first is None or last is None:
                return None
            index = (ordinal - first) * len(names) // (last - first + 1)
            return classes.get(names[index])
        return None

    # ## Pupils ##
    def _name(self, sex: str) -> tuple[str, str]:
        for _ in range(100):
            forename = self.rng.choice(FORENAMES_F if sex == Sex.FEMALE else FORENAMES_M)
            surname = self.rng.choice(SURNAMES)
            if (forename, surname) not in self.used_names:
                self.used_names.add((forename, surname))
                return forename, surname
        return forename, surname

    def _needs(self) -> list[str]:
        weights = self.spec.need_weights
        primary = self.rng.choices(list(weights), list(weights.values()))[0]
        needs = [primary]
        extra = self.rng.random()
        count = 2 if extra < 0.12 else 1 if extra < 0.45 else 0
        options = {n: w for n, w in SECONDARY_NEEDS.items() if n != primary}
        for _ in range(count):
            need = self.rng.choices(list(options), list(options.values()))[0]
            options.pop(need)
            needs.append(need)
        # A pupil has one learning difficulty at most (SLD and PMLD together would contradict).
        return [n for i, n in enumerate(needs) if i == 0 or n not in LEARNING_NEEDS]

    def _pathway(self, primary: str) -> Pathway:
        choices = self.spec.pathways_by_need[primary]
        name = self.rng.choices([c[0] for c in choices], [c[1] for c in choices])[0]
        return self.pathways[name]

    def _date_of_birth(self, nc_year: str, start_year: int) -> dt.date:
        ordinal = dates.nc_year_ordinal(nc_year) or 0
        born_year = start_year - ordinal - 5  # academic year of birth
        first = dt.date(born_year, 9, 1)
        return first + dt.timedelta(days=self.rng.randrange(365))

    def _new_pupil(self, *, nc_year: str, start_year: int, date_left: dt.date | None = None) -> tuple[Pupil, str]:
        sex = self.rng.choices([Sex.MALE, Sex.FEMALE], [65, 35])[0]
        forename, surname = self._name(sex)
        dob = self._date_of_birth(nc_year, start_year)
        needs = self._needs()
        self.serial += 1
        upn = upn_for(la=DEMO_LA, estab=self.spec.estab, year_allocated=dob.year + 4, serial=self.serial)
        last_review = self.today - dt.timedelta(days=self.rng.randrange(20, 350))
        # A few reviews are overdue, as in any school.
        next_review = last_review + dt.timedelta(days=365 if self.rng.random() > 0.05 else 300)
        notes = ""
        if self.rng.random() < 0.45 and needs[0] in COMMUNICATION_NOTES:
            notes = self.rng.choice(COMMUNICATION_NOTES[needs[0]])
        years_here = self.rng.randint(0, max(0, (dates.nc_year_ordinal(nc_year) or 0)))
        pupil = Pupil(
            school=self.school, upn=upn, legal_forename=forename, legal_surname=surname,
            preferred_forename=PREFERRED.get(forename, "") if self.rng.random() < 0.3 else "",
            date_of_birth=dob, sex=sex, sen_provision=SenProvision.EHC_PLAN,
            ehcp_last_review=None if date_left else last_review,
            ehcp_next_review=None if date_left else next_review,
            looked_after=self.rng.random() < 0.1, communication_notes=notes,
            date_joined=dt.date(start_year - years_here, 9, 3), date_left=date_left)
        # The same field checks create_pupil makes (UPN shape, choices, lengths), without a query each.
        pupil.clean_fields(exclude=["school"])
        self.pupils.append(pupil)
        self.needs += [PupilNeed(school=self.school, pupil=pupil, need=need, rank=rank)
                       for rank, need in enumerate(needs, start=1)]
        return pupil, needs[0]

    def _enrol(self, pupil: Pupil, year: AcademicYear, nc_year: str, class_group: ClassGroup | None,
               pathway: Pathway) -> None:
        self.enrolments.append(Enrolment(school=self.school, pupil=pupil, academic_year=year, nc_year=nc_year,
                                         class_group=class_group, pathway=pathway))

    def _write(self) -> None:
        # bulk_create sets the pupils' ids, and the needs and enrolments pick them up when saved.
        Pupil.objects.bulk_create(self.pupils)
        PupilNeed.objects.bulk_create(self.needs)
        Enrolment.objects.bulk_create(self.enrolments)

    def _pupil(self, years: dict[int, AcademicYear],
               classes: dict[int, dict[str, ClassGroup]]) -> tuple[Pupil, str]:
        """A pupil on roll, enrolled this year and (unless they joined this year) last year."""
        weights = self.spec.year_weights
        nc_year = self.rng.choices(list(weights), list(weights.values()))[0]
        pupil, primary = self._new_pupil(nc_year=nc_year, start_year=self.current)
        pathway = self._pathway(primary)
        self._enrol(pupil, years[self.current], nc_year, self._class_for(nc_year, classes[self.current]), pathway)
        previous = dates.expected_nc_year(pupil.date_of_birth, self.current - 1)
        joined_before = pupil.date_joined is not None and pupil.date_joined.year < self.current
        if previous and joined_before and any(phase.covers(previous) for phase in self.phases):
            self._enrol(pupil, years[self.current - 1], previous,
                        self._class_for(previous, classes[self.current - 1]), pathway)
        return pupil, nc_year

    def _leaver(self, *, summer: int) -> None:
        """A pupil who left at the end of Year 14 in the summer of `summer`."""
        start_year = summer - 1
        year = ensure_academic_year(school=self.school, start_year=start_year)
        left = dt.date(summer, 7, 20)
        pupil, primary = self._new_pupil(nc_year="14", start_year=start_year, date_left=left)
        self._enrol(pupil, year, "14", self._class_for("14", self._classes(year)), self._pathway(primary))

    # ## Staff ##
    def _member(self, staff: StaffSpec) -> Membership:
        return add_member(school=self.school, by=None, email=staff.email, full_name=staff.full_name,
                          role=staff.role, job_title=staff.job_title, password=DEMO_PASSWORD)

    def _staff(self, classes: dict[str, ClassGroup], on_roll: list[tuple[Pupil, str]]) -> None:
        for staff in self.spec.staff:
            membership = self._member(staff)
            if staff.role == Role.STAFF:
                update_member(membership=membership, by=None, role=staff.role, job_title=staff.job_title,
                              is_active=True, class_groups=[classes[staff.class_name]])
            elif staff.role == Role.ADVISER:
                update_member(membership=membership, by=None, role=staff.role, job_title=staff.job_title,
                              is_active=True, qualification_level=6, independent_of_school=True)
                # The adviser sees the pupils from Year 9 up whose guidance they lead.
                older = [pupil for pupil, nc_year in on_roll if (dates.nc_year_ordinal(nc_year) or 0) >= 9]
                assign_adviser(adviser=membership, pupils=older[:16], by=None)
        self._member(TRUST_PERSON)
