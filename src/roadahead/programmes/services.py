"""Applying a programme file to a school.

`load_programme` checks the whole file first (schema.parse_programme) and then applies it in one
transaction, matching rows by their natural key (academic years by starting year, terms by name,
phases, pathways and class groups by name, destination categories and activity types by code,
benchmarks by number). Loading the same file twice changes nothing the second time. Every school
ends up with the eight benchmarks, and with Road Ahead's default activity types when its file
lists none. Rows the file does not mention are kept, never deleted:
pupils' enrolments and destinations point at them, and a missing line in a file must not wipe a
school's history. The result lists them as a warning instead.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django_scopes import scope

from roadahead.activities.models import ActivityType
from roadahead.activities.services import ensure_activity_types
from roadahead.audit.services import log_action
from roadahead.benchmarks.models import Benchmark
from roadahead.benchmarks.services import ensure_benchmarks
from roadahead.core import dates
from roadahead.destinations.nccis import DEFAULT_CATEGORIES
from roadahead.entitlements.defaults import REQUIRED_TYPE_CODES
from roadahead.entitlements.models import EntitlementRule
from roadahead.entitlements.services import ensure_default_rules
from roadahead.programmes.schema import (
    SLUG_RE,
    DestinationSpec,
    Problem,
    Programme,
    ProgrammeInvalid,
    RuleSpec,
    parse_programme,
)
from roadahead.schools.models import AcademicYear, ClassGroup, DestinationCategory, Pathway, Phase, School, Term
from roadahead.skills.models import Framework, Skill, Step
from roadahead.skills.services import ensure_default_frameworks

M = TypeVar("M", bound=models.Model)

# The kinds of row a programme file describes, in the order they are applied and reported.
KINDS = ("academic years", "terms", "phases", "destination categories", "pathways", "class groups", "benchmarks",
         "activity types", "entitlement rules", "skills frameworks", "skill steps", "skills")
# At most this many names are listed in a "kept, not in the file" warning.
MAX_LISTED = 10


@dataclass
class Changes:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class LoadResult:
    school: School
    school_created: bool = False
    school_updated: bool = False
    changes: dict[str, Changes] = field(default_factory=lambda: {kind: Changes() for kind in KINDS})
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.school_created or self.school_updated or any(
            c.created or c.updated for c in self.changes.values())

    def summary(self) -> list[str]:
        """Plain-English lines saying what the load did, for the command line and the log."""
        if self.school_created:
            lines = [f"Created the school {self.school.name} ({self.school.slug})."]
        elif self.school_updated:
            lines = [f"Updated the details of {self.school.name} ({self.school.slug})."]
        else:
            lines = [f"{self.school.name} ({self.school.slug}): school details unchanged."]
        for kind, c in self.changes.items():
            if c.created or c.updated or c.unchanged:
                lines.append(f"{kind}: {c.created} created, {c.updated} updated, {c.unchanged} unchanged")
        if not self.changed:
            lines.append("Nothing changed: the school already matched the file.")
        return lines


def _set_fields(obj: models.Model, values: dict[str, Any]) -> bool:
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return bool(changed)


def _save(obj: models.Model) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        # The schema checks everything the models check; reaching here is a bug, but say what it was.
        raise ProgrammeInvalid([Problem(None, f"{obj._meta.verbose_name} '{obj}': {'; '.join(exc.messages)}")]) from exc
    obj.save()


def _upsert(changes: Changes, existing: dict[Hashable, M], key: Hashable, make: Callable[[], M],
            values: dict[str, Any]) -> tuple[M, bool]:
    """Create or update the row with natural key `key`. Returns (row, whether it was written)."""
    obj = existing.get(key)
    if obj is None:
        obj = make()
        _set_fields(obj, values)
        _save(obj)
        existing[key] = obj
        changes.created += 1
        return obj, True
    if _set_fields(obj, values):
        _save(obj)
        changes.updated += 1
        return obj, True
    changes.unchanged += 1
    return obj, False


def _kept_warning(kind: str, names: Iterable[str]) -> str | None:
    names = sorted(names)
    if not names:
        return None
    listed = ", ".join(names[:MAX_LISTED])
    if len(names) > MAX_LISTED:
        listed += f" and {len(names) - MAX_LISTED} more"
    return f"These {kind} are in Road Ahead but not in the file; they were kept, not deleted: {listed}."


def check_programme(*, text: str) -> Programme:
    """Check a programme file without loading it. Raises ProgrammeInvalid listing every problem."""
    return parse_programme(text)


def load_programme(*, text: str, school_slug: str | None, by: Any = None) -> LoadResult:
    """Check the programme file and apply it to the school, creating the school if it is new.

    `school_slug` (from `--school`) wins over the file's `school.slug`, so one file can be a starting
    point for several schools. Raises ProgrammeInvalid, having written nothing, if the file has problems.
    """
    programme = parse_programme(text)
    slug = school_slug or programme.school.slug
    if not slug:
        raise ProgrammeInvalid([Problem(None, "Say which school this file is for: give its slug with --school, "
                                              "or as 'slug' under 'school' in the file.")])
    if not SLUG_RE.match(slug) or len(slug) > 60:
        raise ProgrammeInvalid([Problem(None, f"The school slug '{slug}' should be lower-case letters, digits and "
                                              "hyphens.")])
    warnings = [str(w) for w in programme.warnings]
    if school_slug and programme.school.slug and school_slug != programme.school.slug:
        warnings.append(f"The file is for the school '{programme.school.slug}'; it was loaded into "
                        f"'{school_slug}' as asked.")
    with transaction.atomic():
        result = _apply(programme, slug)
        result.warnings = warnings + result.warnings
        log_action(school=result.school, user=by, action="programme.loaded", obj=result.school,
                   data={kind.replace(" ", "_"): c.as_dict() for kind, c in result.changes.items()}
                   | {"school_created": result.school_created, "school_updated": result.school_updated})
    return result


def _apply(programme: Programme, slug: str) -> LoadResult:
    school = School.objects.filter(slug=slug).first()
    if school is None:
        school = School(slug=slug)
        _set_fields(school, programme.school.values)
        _save(school)
        result = LoadResult(school=school, school_created=True)
    else:
        result = LoadResult(school=school)
        if _set_fields(school, programme.school.values):
            _save(school)
            result.school_updated = True
    with scope(school=school):
        _apply_rows(programme, school, result)
    return result


def _apply_rows(programme: Programme, school: School, result: LoadResult) -> None:  # noqa: PLR0912
    changes = result.changes
    kept: list[tuple[str, Iterable[str]]] = []

    years: dict[Hashable, AcademicYear] = {y.start_year: y for y in AcademicYear.objects.filter(school=school)}
    terms: dict[Hashable, Term] = {(t.academic_year_id, t.name): t for t in Term.objects.filter(school=school)}
    for spec in programme.years:
        year, _ = _upsert(changes["academic years"], years, spec.start_year,
                          lambda spec=spec: AcademicYear(school=school, start_year=spec.start_year),
                          {"starts_on": spec.starts_on, "ends_on": spec.ends_on})
        for term in spec.terms:
            _upsert(changes["terms"], terms, (year.pk, term.name),
                    lambda year=year, term=term: Term(school=school, academic_year=year, name=term.name),
                    {"starts_on": term.starts_on, "ends_on": term.ends_on,
                     "first_half_ends_on": term.first_half_ends_on,
                     "second_half_starts_on": term.second_half_starts_on})
    if programme.years:
        in_file = {y.start_year for y in programme.years}
        kept.append(("academic years", [dates.academic_year_label(y) for y in years if y not in in_file]))

    phases: dict[Hashable, Phase] = {p.name: p for p in Phase.objects.filter(school=school)}
    for spec in programme.phases:
        _upsert(changes["phases"], phases, spec.name, lambda spec=spec: Phase(school=school, name=spec.name),
                {"order": spec.order, "first_year": spec.first_year, "last_year": spec.last_year,
                 "description": spec.description})
    if programme.phases:
        kept.append(("phases", set(phases) - {p.name for p in programme.phases}))

    destinations: dict[Hashable, DestinationCategory] = {
        d.code: d for d in DestinationCategory.objects.filter(school=school)}
    # A school whose file lists no destination categories, and which has none, gets Road Ahead's
    # default SEND-aware list with NCCIS codes, so leavers' destinations can be recorded at once.
    specs = programme.destinations or ([] if destinations else [
        DestinationSpec(c.code, c.name, c.nccis_code, order) for order, c in enumerate(DEFAULT_CATEGORIES, start=1)])
    for spec in specs:
        _upsert(changes["destination categories"], destinations, spec.code,
                lambda spec=spec: DestinationCategory(school=school, code=spec.code),
                {"name": spec.name, "nccis_code": spec.nccis_code, "order": spec.order})
    if programme.destinations:
        kept.append(("destination categories", set(destinations) - {d.code for d in programme.destinations}))

    pathways: dict[Hashable, Pathway] = {
        p.name: p for p in Pathway.objects.filter(school=school).prefetch_related("in_keeping_destinations")}
    for spec in programme.pathways:
        pathway, written = _upsert(changes["pathways"], pathways, spec.name,
                                   lambda spec=spec: Pathway(school=school, name=spec.name),
                                   {"order": spec.order, "vision": spec.vision})
        wanted = {destinations[code].pk for code in spec.in_keeping}
        current = {d.pk for d in pathway.in_keeping_destinations.all()}
        if wanted != current:
            pathway.in_keeping_destinations.set(wanted)
            if not written:
                changes["pathways"].unchanged -= 1
                changes["pathways"].updated += 1
    if programme.pathways:
        kept.append(("pathways", set(pathways) - {p.name for p in programme.pathways}))

    groups: dict[Hashable, ClassGroup] = {
        (g.academic_year.start_year, g.name): g
        for g in ClassGroup.objects.filter(school=school).select_related("academic_year")}
    for spec in programme.class_groups:
        year = years[spec.start_year]
        _upsert(changes["class groups"], groups, (spec.start_year, spec.name),
                lambda spec=spec, year=year: ClassGroup(school=school, academic_year=year, name=spec.name),
                {"phase": phases[spec.phase] if spec.phase else None})
    if programme.class_groups:
        in_file_groups = {(g.start_year, g.name) for g in programme.class_groups}
        kept.append(("class groups", [f"{name} ({dates.academic_year_label(start)})"
                                      for start, name in groups if (start, name) not in in_file_groups]))

    _apply_benchmarks_and_types(programme, school, result, kept)
    _apply_entitlements(programme, school, result, pathways)
    _apply_skills(programme, school, result, kept)

    for kind, names in kept:
        warning = _kept_warning(kind, names)
        if warning:
            result.warnings.append(warning)


def _apply_benchmarks_and_types(programme: Programme, school: School, result: LoadResult,
                                kept: list[tuple[str, Iterable[str]]]) -> None:
    changes = result.changes
    had = set(Benchmark.objects.filter(school=school).values_list("number", flat=True))
    benchmarks: dict[Hashable, Benchmark] = {b.number: b for b in ensure_benchmarks(school=school)}
    # The eight benchmarks always exist; the file can only change their wording.
    changes["benchmarks"].created += len(set(benchmarks) - had)
    for spec in programme.benchmarks:
        _upsert(changes["benchmarks"], benchmarks, spec.number,
                lambda spec=spec: Benchmark(school=school, number=spec.number), spec.values)

    if not programme.activity_types:
        # No types in the file: make sure the school has Road Ahead's defaults to record with.
        changes["activity types"].created += len(ensure_activity_types(school=school))
        return
    kinds: dict[Hashable, ActivityType] = {
        k.code: k for k in ActivityType.objects.filter(school=school).prefetch_related("default_benchmarks")}
    for spec in programme.activity_types:
        kind, written = _upsert(
            changes["activity types"], kinds, spec.code,
            lambda spec=spec: ActivityType(school=school, code=spec.code),
            {"name": spec.name, "order": spec.order, "description": spec.description,
             "default_setting": spec.default_setting, "is_provider_encounter": spec.provider_encounter,
             "is_workplace_experience": spec.workplace_experience, "is_active": spec.active})
        wanted = {benchmarks[number].pk for number in spec.default_benchmarks}
        current = {b.pk for b in kind.default_benchmarks.all()}
        if wanted != current:
            kind.default_benchmarks.set(wanted)
            if not written:
                changes["activity types"].unchanged -= 1
                changes["activity types"].updated += 1
    # The types the statutory checks count are Road Ahead's to keep, whether the file names them or not.
    kept.append(("activity types", set(kinds) - {k.code for k in programme.activity_types} - REQUIRED_TYPE_CODES))


def _rule_values(spec: RuleSpec, benchmarks: dict[int, Benchmark]) -> dict[str, Any]:
    return {
        "name": spec.name, "description": spec.description, "kind": spec.kind, "source": spec.source,
        "school_check": spec.school_check, "benchmark": benchmarks[spec.benchmark] if spec.benchmark else None,
        "first_year": spec.first_year, "last_year": spec.last_year, "needs": spec.needs, "settings": spec.settings,
        "provider_kinds": spec.provider_kinds, "meaningful_only": spec.meaningful_only, "pal_only": spec.pal_only,
        "count_part": spec.count_part, "required": spec.required, "period": spec.period,
        "cutoff_month": spec.cutoff[0] if spec.cutoff else None, "cutoff_day": spec.cutoff[1] if spec.cutoff else None,
        "required_of_pupils": spec.required_of_pupils, "pal_key_phase": spec.pal_key_phase, "order": spec.order,
        "is_active": spec.active,
    }


def _apply_entitlements(programme: Programme, school: School, result: LoadResult,
                        pathways: dict[Hashable, Pathway]) -> None:
    """The default checks first (created once, never overwritten), then the file's rules by code.

    A file rule with a default's code replaces the default's settings: that is how a school tailors one.
    Rules not in the file are kept, in use or not, because the careers leader may have added them on screen.
    """
    changes = result.changes["entitlement rules"]
    had_types = ActivityType.objects.filter(school=school).count()
    changes.created += len(ensure_default_rules(school=school, audit=False))
    # ensure_default_rules adds the guidance meeting type if the school had none to count.
    result.changes["activity types"].created += ActivityType.objects.filter(school=school).count() - had_types
    if not programme.entitlements:
        return
    benchmarks = {b.number: b for b in Benchmark.objects.filter(school=school)}
    types = {t.code: t for t in ActivityType.objects.filter(school=school)}
    rules: dict[Hashable, EntitlementRule] = {
        r.code: r for r in EntitlementRule.objects.filter(school=school).prefetch_related(
            "pathways", "activity_types", "evidences")}
    for spec in programme.entitlements:
        rule, written = _upsert(changes, rules, spec.code,
                                lambda spec=spec: EntitlementRule(school=school, code=spec.code),
                                _rule_values(spec, benchmarks))
        related = False
        for name, wanted in (("pathways", {pathways[n].pk for n in spec.pathways}),
                             ("activity_types", {types[c].pk for c in spec.activity_types}),
                             ("evidences", {benchmarks[n].pk for n in spec.evidences})):
            if wanted != {obj.pk for obj in getattr(rule, name).all()}:
                getattr(rule, name).set(wanted)
                related = True
        if related and not written:
            changes.unchanged -= 1
            changes.updated += 1


def _apply_skills(programme: Programme, school: School, result: LoadResult,
                  kept: list[tuple[str, Iterable[str]]]) -> None:
    """Road Ahead's default frameworks first (created once, never overwritten), then the file's by code.

    Skills are matched by code within their framework and steps by number. Skills and steps the
    file leaves out are kept, since pupils' assessments point at them; archive a skill instead.
    """
    changes = result.changes
    changes["skills frameworks"].created += len(ensure_default_frameworks(school=school, audit=False))
    if not programme.skills:
        return
    frameworks: dict[Hashable, Framework] = {f.code: f for f in Framework.objects.filter(school=school)}
    steps: dict[Hashable, Step] = {(s.framework_id, s.value): s for s in Step.objects.filter(school=school)}
    skills: dict[Hashable, Skill] = {(s.framework_id, s.code): s for s in Skill.objects.filter(school=school)}
    for spec in programme.skills:
        framework, _ = _upsert(changes["skills frameworks"], frameworks, spec.code,
                               lambda spec=spec: Framework(school=school, code=spec.code),
                               {"name": spec.name, "description": spec.description, "archived": spec.archived,
                                "position": spec.order})
        for step in spec.steps:
            _upsert(changes["skill steps"], steps, (framework.pk, step.value),
                    lambda framework=framework, step=step: Step(school=school, framework=framework, value=step.value),
                    {"label": step.label, "description": step.description})
        if spec.steps:
            in_file = {s.value for s in spec.steps}
            kept.append((f"steps of {framework.name}", [str(v) for (f, v) in steps if f == framework.pk
                                                         and v not in in_file]))
        for skill in spec.skills:
            _upsert(changes["skills"], skills, (framework.pk, skill.code),
                    lambda framework=framework, skill=skill: Skill(school=school, framework=framework,
                                                                   code=skill.code),
                    {"name": skill.name, "description": skill.description, "archived": skill.archived,
                     "position": skill.order})
        if spec.skills:
            in_file_skills = {s.code for s in spec.skills}
            kept.append((f"skills of {framework.name}", [s.name for (f, code), s in skills.items()
                                                          if f == framework.pk and code not in in_file_skills]))
