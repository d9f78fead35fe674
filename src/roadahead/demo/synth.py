"""Synthetic schools at any size, for benchmarks and load tests: `roadahead synth`.

Unlike the demo (two hand-shaped schools built through the services), this writes straight to the
tables in bulk so a trust of fifty schools and millions of participations builds in minutes:
pupils, needs and enrolments for every year of history, classes, leavers and mid-year joiners,
providers, activities of every type across each term (meaningful and PAL flags set as the
services would set them), and each pupil's attendance. The school's rules come from
`ensure_default_rules` when that exists, otherwise a handful made here.

Everything comes from one seeded random number generator per school, so the same arguments on the
same day build the same schools. Rows go in with COPY on PostgreSQL and with large multi-row
inserts elsewhere; nothing here is audited, as no person made it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django_scopes import scope

from roadahead.activities.enums import Attendance, Engagement, Reaction, Setting
from roadahead.activities.models import Activity, ActivityType, Participation
from roadahead.activities.services import ensure_activity_types
from roadahead.benchmarks.models import Benchmark
from roadahead.benchmarks.services import ensure_benchmarks
from roadahead.core import dates
from roadahead.demo.data import FORENAMES_F, FORENAMES_M, SURNAMES
from roadahead.entitlements.enums import Check, Period, RuleKind
from roadahead.entitlements.models import EntitlementRule
from roadahead.people.enums import NeedType, SenProvision, Sex
from roadahead.people.models import Enrolment, Pupil, PupilNeed
from roadahead.providers.enums import ProviderKind
from roadahead.providers.models import Provider
from roadahead.schools.enums import SchoolType, TermName
from roadahead.schools.models import AcademicYear, ClassGroup, Pathway, Phase, School, Term

SPECIAL, MAINSTREAM = "special", "mainstream"

# Needs in a special school, weighted roughly as such schools report them; a second need is common.
SPECIAL_NEEDS = ((NeedType.SLD, 30), (NeedType.ASD, 28), (NeedType.PMLD, 10), (NeedType.MLD, 12),
                 (NeedType.SLCN, 8), (NeedType.SEMH, 6), (NeedType.PD, 3), (NeedType.MSI, 1), (NeedType.HI, 1),
                 (NeedType.VI, 1))
MAINSTREAM_NEEDS = ((NeedType.SPLD, 30), (NeedType.SEMH, 25), (NeedType.SLCN, 20), (NeedType.ASD, 15),
                    (NeedType.MLD, 10))


@dataclass(frozen=True)
class Shape:
    """What a kind of school looks like: its NC years, phases, pathways and classes."""

    first: int
    last: int
    class_size: int
    phases: tuple[tuple[str, int, int], ...]
    pathways: tuple[str, ...]
    # Activities each pupil is invited to in a year (lessons, talks, visits, sessions...).
    per_pupil_year: int


SHAPES = {
    SPECIAL: Shape(first=0, last=14, class_size=9,
                   phases=(("Lower school", 0, 6), ("Middle school", 7, 11), ("Post 16", 12, 14)),
                   pathways=("Sensory", "Explorer", "Developing independence", "Intentional"), per_pupil_year=30),
    MAINSTREAM: Shape(first=7, last=13, class_size=28,
                      phases=(("Key Stage 3", 7, 9), ("Key Stage 4", 10, 11), ("Sixth form", 12, 13)),
                      pathways=("Academic", "Technical", "Supported"), per_pupil_year=23),
}


@dataclass(frozen=True)
class Preset:
    schools: int
    pupils: int
    years: int
    kind: str
    help: str


PRESETS = {
    "special": Preset(1, 300, 7, SPECIAL, "a 300-pupil special school with 7 years of history"),
    "mainstream": Preset(1, 1500, 3, MAINSTREAM, "a 1,500-pupil mainstream school with 3 years of history"),
    "trust": Preset(50, 1000, 5, MAINSTREAM, "a trust of 50 schools of 1,000 pupils with 5 years of history "
                                             "(about 5 million participation rows)"),
    "small": Preset(1, 40, 2, SPECIAL, "a 40-pupil special school with 2 years of history, for tests"),
}


@dataclass(frozen=True)
class SynthSpec:
    schools: int
    pupils: int
    years: int
    today: dt.date
    seed: int = 1
    kind: str = SPECIAL
    participation_rate: float = 0.85
    prefix: str = "synth"


@dataclass
class SynthResult:
    schools: list[School] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    seconds: float = 0.0


# ## Writing rows fast ############################################################################

def bulk_insert(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert plain rows (no ids back) as fast as the database allows: COPY on PostgreSQL.

    `columns` are database column names. Used for the big tables (participations, enrolments,
    needs, link rows), where building model instances would cost more than writing them.
    """
    table = model._meta.db_table
    count = 0
    if connection.vendor == "postgresql":
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    # SQLite allows 32,766 variables per statement since 3.32: a few hundred rows at a time.
    per = max(1, 30000 // len(columns))
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    one = "(" + ", ".join("%s" for _ in columns) + ")"
    batch: list[Any] = []
    size = 0
    with connection.cursor() as cursor:
        for row in rows:
            batch.extend(row)
            size += 1
            count += 1
            if size == per:
                cursor.execute(f"INSERT INTO {table} ({names}) VALUES " + ", ".join([one] * size), batch)  # noqa: S608  # nosec B608  # model table and column names, values as parameters
                batch, size = [], 0
        if size:
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES " + ", ".join([one] * size), batch)  # noqa: S608  # nosec B608  # model table and column names, values as parameters
    return count


# ## Rules ########################################################################################

def _default_rules_service() -> Callable[..., Any] | None:
    """`ensure_default_rules` if the entitlements app provides it (in either services module)."""
    for module in ("roadahead.entitlements.services", "roadahead.entitlements.rule_services"):
        try:
            found = getattr(importlib.import_module(module), "ensure_default_rules", None)
        except ImportError:
            continue
        if found is not None:
            return found
    return None


def _fallback_rules(school: School, types: dict[str, ActivityType], benchmarks: dict[int, Benchmark]) -> None:
    """A few rules of each kind, for when the default rules are not available."""
    def make(benchmark: int | None, evidences: Sequence[int] = (), kinds: Sequence[str] = (), **values: Any) -> None:
        rule = EntitlementRule.objects.create(school=school, benchmark=benchmarks.get(benchmark or 0), **values)
        if evidences:
            rule.evidences.set([benchmarks[n] for n in evidences])
        if kinds:
            rule.activity_types.set([types[k] for k in kinds if k in types])

    make(7, code="pal-key-phase-1", name="Provider access: key phase 1", kind=RuleKind.STATUTORY, required=2,
         period=Period.YEARS, first_year="8", last_year="9", pal_only=True, cutoff_month=2, cutoff_day=28,
         school_check=Check.PROVIDER_ACCESS, pal_key_phase=1, order=1)
    make(7, code="pal-key-phase-2", name="Provider access: key phase 2", kind=RuleKind.STATUTORY, required=2,
         period=Period.YEARS, first_year="10", last_year="11", pal_only=True, cutoff_month=2, cutoff_day=28,
         school_check=Check.PROVIDER_ACCESS, pal_key_phase=2, order=2)
    make(5, evidences=(5,), code="bm5-every-year", name="A meaningful employer encounter every year",
         kind=RuleKind.BENCHMARK, required=1, first_year="7", last_year="14", meaningful_only=True,
         school_check=Check.GATSBY_BENCHMARKS, order=3)
    make(6, evidences=(6,), code="bm6-by-16", name="Experiences of workplaces by 16", kind=RuleKind.BENCHMARK,
         required=2, period=Period.YEARS, first_year="7", last_year="11", school_check=Check.GATSBY_BENCHMARKS,
         order=4)
    make(5, evidences=(5,), code="employer-encounters", name="Three meaningful employer encounters a year",
         kind=RuleKind.SCHOOL, required=3, meaningful_only=True, order=5)


# ## The generator ################################################################################

def synthesise(spec: SynthSpec, *, progress: Callable[[str], None] | None = None) -> SynthResult:
    """Build `spec.schools` schools; each school is written in its own transaction."""
    if spec.kind not in SHAPES:
        raise ValueError(f"Unknown kind of school {spec.kind!r}: choose special or mainstream.")
    if not 0 <= spec.participation_rate <= 1:
        raise ValueError("The participation rate is a share between 0 and 1.")
    if spec.pupils < 1 or spec.schools < 1 or spec.years < 1:
        raise ValueError("Give at least one school, one pupil and one year.")
    slugs = [f"{spec.prefix}-{index + 1}" for index in range(spec.schools)]
    taken = list(School.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    if taken:
        raise ValueError(f"Schools with these short names already exist: {', '.join(taken[:5])}. "
                         "Use another --prefix or delete them first.")
    result = SynthResult()
    began = time.perf_counter()
    for index, slug in enumerate(slugs):
        with transaction.atomic():
            school = School.objects.create(
                name=f"Synthetic {spec.kind} school {index + 1}", slug=slug,
                school_type=SchoolType.MAINTAINED_SPECIAL if spec.kind == SPECIAL else SchoolType.choices[0][0])
            with scope(school=school):
                rng = random.Random(f"{spec.seed}-{index}")  # noqa: S311 (invented data, not security)
                counts = _SchoolBuilder(spec, school, index + 1, rng).build()
        result.schools.append(school)
        for name, value in counts.items():
            result.counts[name] += value
        if progress:
            progress(f"{school.name}: {counts['pupils']:,} pupils, {counts['activities']:,} activities, "
                     f"{counts['participations']:,} participations ({time.perf_counter() - began:.0f} s so far)")
    result.seconds = time.perf_counter() - began
    return result


class _SchoolBuilder:
    def __init__(self, spec: SynthSpec, school: School, number: int, rng: random.Random) -> None:
        self.spec = spec
        self.school = school
        self.number = number
        self.rng = rng
        self.shape = SHAPES[spec.kind]
        self.current = dates.academic_year_of(spec.today)
        self.start_years = list(range(self.current - spec.years + 1, self.current + 1))
        self.counts: dict[str, int] = defaultdict(int)

    # ## Set-up ##
    def build(self) -> dict[str, int]:
        benchmarks = {b.number: b for b in ensure_benchmarks(school=self.school)}
        ensure_activity_types(school=self.school)
        self._calendar()
        self.phases = Phase.objects.bulk_create(
            Phase(school=self.school, name=name, order=order, first_year=_code(first), last_year=_code(last))
            for order, (name, first, last) in enumerate(self.shape.phases))
        self.pathways = Pathway.objects.bulk_create(
            Pathway(school=self.school, name=name, order=order) for order, name in enumerate(self.shape.pathways))
        ensure_rules = _default_rules_service()
        types_before = {t.code: t for t in ActivityType.objects.filter(school=self.school)}
        if ensure_rules is not None:
            ensure_rules(school=self.school)
        else:
            _fallback_rules(self.school, types_before, benchmarks)
        self.types = {t.code: t for t in ActivityType.objects.filter(school=self.school)}
        self.type_benchmarks = defaultdict(list)
        for type_id, benchmark_id in ActivityType.default_benchmarks.through.objects.filter(
                activitytype__school=self.school).values_list("activitytype_id", "benchmark_id"):
            self.type_benchmarks[type_id].append(benchmark_id)
        self.providers = self._providers()
        self._pupils()
        self._activities()
        self.counts["rules"] = EntitlementRule.objects.filter(school=self.school).count()
        return dict(self.counts)

    def _calendar(self) -> None:
        years = AcademicYear.objects.bulk_create(
            AcademicYear(school=self.school, start_year=s, starts_on=dates.academic_year_bounds(s)[0],
                         ends_on=dates.academic_year_bounds(s)[1]) for s in self.start_years)
        self.years = {y.start_year: y for y in years}
        terms = []
        for year in years:
            s = year.start_year
            # Roughly the usual English dates, each term with a week's half-term break.
            for name, start, half_end, half_start, end in (
                    (TermName.AUTUMN, (s, 9, 3), (s, 10, 24), (s, 11, 3), (s, 12, 19)),
                    (TermName.SPRING, (s + 1, 1, 5), (s + 1, 2, 13), (s + 1, 2, 23), (s + 1, 3, 27)),
                    (TermName.SUMMER, (s + 1, 4, 13), (s + 1, 5, 22), (s + 1, 6, 1), (s + 1, 7, 21))):
                terms.append(Term(school=self.school, academic_year=year, name=name, starts_on=dt.date(*start),
                                  first_half_ends_on=dt.date(*half_end), second_half_starts_on=dt.date(*half_start),
                                  ends_on=dt.date(*end)))
        self.terms = Term.objects.bulk_create(terms)
        self.counts["terms"] = len(terms)

    def _providers(self) -> dict[str, list[Provider]]:
        kinds = [(ProviderKind.EMPLOYER, 12), (ProviderKind.COLLEGE, 3), (ProviderKind.SPECIALIST_COLLEGE, 2),
                 (ProviderKind.TRAINING_PROVIDER, 2), (ProviderKind.SIXTH_FORM, 1), (ProviderKind.DAY_SERVICE, 2),
                 (ProviderKind.SUPPORTED_EMPLOYMENT, 1), (ProviderKind.UNIVERSITY, 1)]
        made = Provider.objects.bulk_create(
            Provider(school=self.school, name=f"{ProviderKind(kind).label} {n + 1}", kind=kind,
                     hosts_send_placements=self.rng.random() < 0.5)
            for kind, many in kinds for n in range(many))
        self.counts["providers"] = len(made)
        by_kind: dict[str, list[Provider]] = defaultdict(list)
        for provider in made:
            by_kind[provider.kind].append(provider)
        return by_kind

    # ## Pupils ##
    def _pupils(self) -> None:
        """`spec.pupils` on roll today (spread over the year groups), leavers of past years and mid-year movers."""
        rng, shape = self.rng, self.shape
        ordinals = list(range(shape.first, shape.last + 1))
        per_year = self.spec.pupils / len(ordinals)
        # (current NC ordinal or None for X, joined, left)
        people: list[tuple[int | None, dt.date | None, dt.date | None]] = []
        for n in range(self.spec.pupils):
            ordinal = ordinals[min(int(n / per_year), len(ordinals) - 1)]
            if self.spec.kind == SPECIAL and rng.random() < 0.02:
                people.append((None, self._join_date(ordinal), None))
                continue
            joined = self._join_date(ordinal)
            if rng.random() < 0.03:  # joined during this academic year
                joined = dates.academic_year_bounds(self.current)[0] + dt.timedelta(days=rng.randrange(20, 150))
                joined = min(joined, self.spec.today)
            people.append((ordinal, joined, None))
        # On top of those on roll: about one in fifty moved away earlier this academic year.
        year_start = dates.academic_year_bounds(self.current)[0]
        span = (self.spec.today - year_start).days
        for _ in range(round(self.spec.pupils * 0.02) if span > 10 else 0):
            ordinal = rng.choice(ordinals)
            people.append((ordinal, self._join_date(ordinal), year_start + dt.timedelta(days=rng.randrange(5, span))))
        # Leavers: each past year, the final year group left at the end of July.
        for start_year in self.start_years[:-1]:
            for _ in range(round(per_year)):
                ordinal_now = shape.last + (self.current - start_year)
                people.append((ordinal_now, self._join_date(ordinal_now), dt.date(start_year + 1, 7, 21)))
        pupils = []
        for serial, (ordinal, joined, left) in enumerate(people, start=1):
            sex = rng.choice((Sex.MALE, Sex.MALE, Sex.FEMALE) if self.spec.kind == SPECIAL else (Sex.MALE, Sex.FEMALE))
            forename = rng.choice(FORENAMES_M if sex == Sex.MALE else FORENAMES_F)
            birth_year = self.current - (ordinal if ordinal is not None else rng.randint(7, 12)) - 5
            born = dt.date(birth_year, 9, 1) + dt.timedelta(days=rng.randrange(365))
            provision = SenProvision.EHC_PLAN
            if self.spec.kind == MAINSTREAM:
                roll = rng.random()
                provision = (SenProvision.EHC_PLAN if roll < 0.04 else SenProvision.SEN_SUPPORT if roll < 0.16
                             else SenProvision.NONE)
            # LA 999 is no real local authority, so a synthetic UPN cannot be mistaken for a real pupil's.
            pupils.append(Pupil(
                school=self.school, upn=f"Z999{self.number % 10000:04d}{serial:05d}", legal_forename=forename,
                legal_surname=rng.choice(SURNAMES), date_of_birth=born, sex=sex, sen_provision=provision,
                looked_after=rng.random() < (0.08 if self.spec.kind == SPECIAL else 0.01),
                date_joined=joined, date_left=left))
        made = Pupil.objects.bulk_create(pupils, batch_size=2000)
        self.counts["pupils"] = len(made)
        self.counts["leavers"] = sum(1 for p in made if p.date_left)
        self._needs(made)
        self._enrol(made, people)

    def _join_date(self, ordinal_now: int | None) -> dt.date:
        """Joined in September of the year they reached the school's first year group (or earlier)."""
        years_here = (ordinal_now - self.shape.first) if ordinal_now is not None else self.rng.randint(0, 5)
        return dt.date(self.current - max(years_here, 0), 9, 1)

    def _needs(self, pupils: list[Pupil]) -> None:
        rng = self.rng
        table = SPECIAL_NEEDS if self.spec.kind == SPECIAL else MAINSTREAM_NEEDS
        codes, weights = [str(c) for c, _ in table], [w for _, w in table]
        rows = []
        for pupil in pupils:
            if pupil.sen_provision == SenProvision.NONE:
                continue
            first = rng.choices(codes, weights)[0]
            rows.append((self.school.pk, pupil.pk, first, 1))
            if rng.random() < 0.35:
                second = rng.choices(codes, weights)[0]
                if second != first:
                    rows.append((self.school.pk, pupil.pk, second, 2))
        self.counts["needs"] = bulk_insert(PupilNeed, ("school_id", "pupil_id", "need", "rank"), rows)

    def _enrol(self, pupils: list[Pupil], people: list[tuple[int | None, dt.date | None, dt.date | None]]) -> None:
        """An enrolment for every year each pupil was on roll, in a class of their year group and a pathway."""
        shape = self.shape
        # Who was in which year group each year, so classes can be made to fit.
        members: dict[tuple[int, int | None], list[Pupil]] = defaultdict(list)
        pathway_of = {}
        for pupil, (ordinal_now, _joined, _left) in zip(pupils, people, strict=True):
            # A pupil's pathway mostly stays put from year to year; mainstream pupils with needs lean "Supported".
            pathway_of[pupil.pk] = self._pathway_for(pupil)
            for start_year in self.start_years:
                first, last = dates.academic_year_bounds(start_year)
                if pupil.date_joined and pupil.date_joined > min(last, self.spec.today):
                    continue
                if pupil.date_left and pupil.date_left < first:
                    continue
                if ordinal_now is None:
                    members[start_year, None].append(pupil)
                    continue
                ordinal = ordinal_now - (self.current - start_year)
                if shape.first <= ordinal <= shape.last:
                    members[start_year, ordinal].append(pupil)
        phase_of = {}
        for phase, (_name, first, last) in zip(self.phases, shape.phases, strict=True):
            for ordinal in range(first, last + 1):
                phase_of[ordinal] = phase
        classes = []
        placement: list[tuple[Pupil, int, int | None, int]] = []  # pupil, start year, ordinal, class index
        for (start_year, ordinal), group in sorted(members.items(), key=lambda kv: (kv[0][0], kv[0][1] or -99)):
            label = _code(ordinal) if ordinal is not None else "X"
            many = max(1, math.ceil(len(group) / shape.class_size))
            for c in range(many):
                classes.append(ClassGroup(school=self.school, academic_year=self.years[start_year],
                                          name=f"{label}{'ABCDEFGHJKLMNPQRSTUVWXYZ'[c % 24]}{c // 24 or ''}",
                                          phase=phase_of.get(ordinal) if ordinal is not None else self.phases[0]))
            offset = len(classes) - many
            for position, pupil in enumerate(group):
                placement.append((pupil, start_year, ordinal, offset + position % many))
        made = ClassGroup.objects.bulk_create(classes, batch_size=2000)
        self.counts["classes"] = len(made)
        rows = []
        # For the activities: who was in each class, and each class's year group and phase.
        self.class_members: dict[int, list[Pupil]] = defaultdict(list)
        self.class_info: dict[int, tuple[int, int | None]] = {}
        for pupil, start_year, ordinal, index in placement:
            group = made[index]
            rows.append((self.school.pk, pupil.pk, self.years[start_year].pk,
                         _code(ordinal) if ordinal is not None else "X", group.pk, pathway_of[pupil.pk]))
            self.class_members[group.pk].append(pupil)
            self.class_info[group.pk] = (start_year, ordinal)
        self.counts["enrolments"] = bulk_insert(
            Enrolment, ("school_id", "pupil_id", "academic_year_id", "nc_year", "class_group_id", "pathway_id"), rows)

    def _pathway_for(self, pupil: Pupil) -> int:
        if self.spec.kind == MAINSTREAM:
            if pupil.sen_provision == SenProvision.EHC_PLAN:
                return self.pathways[2].pk
            return self.pathways[0 if self.rng.random() < 0.6 else 1].pk
        return self.rng.choices(self.pathways, (15, 30, 30, 25))[0].pk

    # ## Activities and participations ##
    def _activities(self) -> None:
        """Each class's programme, term by term: what kind of activity depends on the year group."""
        rng = self.rng
        term_days: list[tuple[Term, list[dt.date]]] = []
        for term in self.terms:
            last = min(term.ends_on, self.spec.today)
            days = [term.starts_on + dt.timedelta(days=d) for d in range((last - term.starts_on).days + 1)]
            days = [d for d in days
                    if d.weekday() < 5 and not (term.first_half_ends_on < d < term.second_half_starts_on)]
            if days:
                term_days.append((term, days))
        terms_by_year: dict[int, list[tuple[Term, list[dt.date]]]] = defaultdict(list)
        for term, days in term_days:
            terms_by_year[term.academic_year.start_year].append((term, days))
        activities: list[Activity] = []
        invited: list[list[Pupil]] = []
        for group_id, pupils in self.class_members.items():
            start_year, ordinal = self.class_info[group_id]
            year_terms = terms_by_year.get(start_year, [])
            if not year_terms:
                continue
            # The share of the year that has happened (the current year is only partly recorded).
            total_days = sum(len(days) for _, days in year_terms)
            whole = 190
            many = max(1, round(self.shape.per_pupil_year * min(total_days / whole, 1.0)))
            for _ in range(many):
                term, days = rng.choice(year_terms)
                code = self._pick_type(ordinal)
                activities.append(self._activity(code, rng.choice(days), term))
                invited.append(pupils)
        made = Activity.objects.bulk_create(activities, batch_size=2000)
        self.counts["activities"] = len(made)
        self._links(made)
        self._participations(made, invited)

    def _pick_type(self, ordinal: int | None) -> str:
        """A type of activity suited to the year group, falling back to a careers lesson."""
        o = ordinal if ordinal is not None else 9
        choices: list[tuple[str, int]] = [("careers-lesson", 30), ("curriculum-lesson", 20), ("class-job", 10),
                                          ("lmi-session", 4), ("employer-talk", 8), ("enterprise-project", 4)]
        if o >= 7:
            choices += [("workplace-visit", 6), ("careers-event", 2), ("parents-event", 1)]
        if o >= 8:
            choices += [("provider-encounter", 5), ("guidance-meeting", 4)]
        if o >= 10:
            choices += [("work-experience", 12), ("work-related-learning", 6), ("provider-visit", 4)]
        if o >= 12:
            choices += [("transition-visit", 5)]
        codes = [c for c, _ in choices if c in self.types]
        weights = [w for c, w in choices if c in self.types]
        return self.rng.choices(codes, weights)[0] if codes else next(iter(self.types))

    def _activity(self, code: str, day: dt.date, term: Term) -> Activity:
        rng = self.rng
        kind = self.types[code]
        meaningful_checks = rng.random() < 0.7
        workplace_checks = meaningful_checks and rng.random() < 0.8
        pal_points = rng.random() < 0.85
        activity = Activity(
            school=self.school, activity_type=kind, title=kind.name, date=day, academic_year=term.academic_year,
            term=term, setting=kind.default_setting if rng.random() < 0.9 else Setting.VIRTUAL,
            purpose_shared=meaningful_checks, outcomes_fitted=meaningful_checks, two_way=meaningful_checks,
            reflection=meaningful_checks, employer_task=workplace_checks, employer_feedback=workplace_checks,
            pal_provider=pal_points, pal_careers=pal_points, pal_learning=pal_points, pal_questions=pal_points,
            in_school_day=rng.random() < 0.95)
        # The same judgements the services make on save (activities.services.judge_meaningful/judge_pal).
        activity.meaningful = (meaningful_checks and (not kind.is_workplace_experience or workplace_checks)
                               and code in {"employer-talk", "workplace-visit", "work-experience", "careers-event"})
        if not activity.meaningful:
            activity.purpose_shared = False
        activity.counts_for_pal = bool(kind.is_provider_encounter and activity.in_school_day and pal_points)
        return activity

    def _links(self, activities: list[Activity]) -> None:
        rng = self.rng
        benchmark_rows, provider_rows = [], []
        employer_kinds = (ProviderKind.EMPLOYER,)
        provider_kinds = (ProviderKind.COLLEGE, ProviderKind.SPECIALIST_COLLEGE, ProviderKind.TRAINING_PROVIDER,
                          ProviderKind.SIXTH_FORM, ProviderKind.DAY_SERVICE, ProviderKind.UNIVERSITY)
        by_code = {t.pk: t.code for t in self.types.values()}
        for activity in activities:
            for benchmark_id in self.type_benchmarks[activity.activity_type_id]:
                benchmark_rows.append((activity.pk, benchmark_id))
            code = by_code[activity.activity_type_id]
            kinds: Sequence[str] = ()
            if code in {"employer-talk", "workplace-visit", "work-experience"}:
                kinds = employer_kinds
            elif code in {"provider-encounter", "provider-visit", "transition-visit"}:
                kinds = provider_kinds
            if kinds:
                pool = [p for k in kinds for p in self.providers.get(k, [])]
                provider_rows.append((activity.pk, rng.choice(pool).pk))
        self.counts["benchmark_links"] = bulk_insert(Activity.benchmarks.through, ("activity_id", "benchmark_id"),
                                                     benchmark_rows)
        bulk_insert(Activity.providers.through, ("activity_id", "provider_id"), provider_rows)

    def _participations(self, activities: list[Activity], invited: list[list[Pupil]]) -> None:
        rng = self.rng
        rate = self.spec.participation_rate
        part = rate + (1 - rate) / 3
        attended, part_attended, absent = Attendance.ATTENDED.value, Attendance.PART.value, Attendance.ABSENT.value
        reactions = [r.value for r in Reaction] + [""]
        engagements = [e.value for e in Engagement]
        now = dt.datetime.combine(self.spec.today, dt.time(16, 0), tzinfo=dt.UTC)
        school_id = self.school.pk

        def rows() -> Iterable[tuple[Any, ...]]:
            for activity, pupils in zip(activities, invited, strict=True):
                day = activity.date
                for pupil in pupils:
                    # Not on roll that day (joined later or already left): not invited.
                    if (pupil.date_joined and pupil.date_joined > day) or (pupil.date_left and pupil.date_left < day):
                        continue
                    roll = rng.random()
                    attendance = attended if roll < rate else part_attended if roll < part else absent
                    engagement = rng.choice(engagements) if attendance != absent else None
                    reaction = rng.choice(reactions) if attendance != absent else ""
                    yield (school_id, activity.pk, pupil.pk, attendance, engagement, reaction, "", "", "", now)

        self.counts["participations"] = bulk_insert(
            Participation, ("school_id", "activity_id", "pupil_id", "attendance", "engagement", "reaction",
                            "response", "response_method", "staff_note", "updated_at"), rows())


def _code(ordinal: int | None) -> str:
    if ordinal is None:
        return "X"
    return {-2: "N1", -1: "N2", 0: "R"}.get(ordinal, str(ordinal))


def describe_counts(counts: dict[str, int]) -> str:
    order = ("pupils", "leavers", "needs", "enrolments", "classes", "providers", "rules", "activities",
             "participations")
    return ", ".join(f"{counts.get(name, 0):,} {name}" for name in order)


