"""Reading and checking a school's programme file (YAML) without touching the database.

The file is composed into PyYAML nodes (never constructed as a whole), so every problem can be
reported with the line it is on, in plain English, and a careers leader can fix the file in any
text editor. Every problem in the file is collected before the file is refused, so one run lists
them all. The result is a `Programme` of plain dataclasses that `services.load_programme` applies.

The format is documented in docs/user/programme-file.md; keep the two in step.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import slugify

from roadahead.activities.defaults import DEFAULT_ACTIVITY_TYPES, DefaultType
from roadahead.activities.enums import Setting
from roadahead.core import dates
from roadahead.destinations import nccis as nccis_codes
from roadahead.entitlements.defaults import REQUIRED_TYPE_CODES
from roadahead.entitlements.enums import Check, Period, RuleKind
from roadahead.people.enums import NeedType
from roadahead.providers.enums import ProviderKind
from roadahead.schools.enums import SchoolType, TermName
from roadahead.skills.defaults import DEFAULT_FRAMEWORKS, DefaultFramework

# A programme file is a few hundred lines; anything far bigger is a mistake or an attack.
MAX_BYTES = 1024 * 1024
FORMAT_VERSION = 1

SECTIONS = ("version", "school", "calendar", "phases", "destination_categories", "pathways", "class_groups",
            "benchmarks", "activity_types", "entitlements", "skills")
# Sections a later version of Road Ahead will read. Files written for that version still load
# here: these are ignored with a warning rather than refused. None at present.
RESERVED_SECTIONS: tuple[str, ...] = ()

SCHOOL_KEYS = ("name", "slug", "urn", "type", "careers_leader", "check_provider_access",
               "check_independent_guidance", "check_gatsby_benchmarks")
CAREERS_LEADER_KEYS = ("name", "email", "phone")
YEAR_KEYS = ("year", "starts", "ends", "terms")
TERM_KEYS = ("starts", "first_half_ends", "second_half_starts", "ends")
PHASE_KEYS = ("name", "first_year", "last_year", "description")
DESTINATION_KEYS = ("code", "name", "nccis_code")
PATHWAY_KEYS = ("name", "order", "vision", "in_keeping")
CLASS_GROUP_KEYS = ("name", "academic_year", "phase")
BENCHMARK_KEYS = ("number", "title", "summary")
ACTIVITY_TYPE_KEYS = ("code", "name", "description", "default_benchmarks", "default_setting", "provider_encounter",
                      "workplace_experience", "active")
BENCHMARK_NUMBERS = range(1, 9)
RULE_KEYS = ("code", "name", "description", "kind", "source", "school_check", "benchmark", "who", "what", "required",
             "period", "cutoff", "required_of_pupils", "pal_key_phase", "active")
WHO_KEYS = ("years", "pathways", "needs")
WHAT_KEYS = ("activity_types", "evidences", "settings", "provider_kinds", "meaningful_only", "pal_only", "count_part")
RULE_CHECKS = tuple(c for c in Check.values if c)
MAX_REQUIRED = 100
CUTOFF_RE = re.compile(r"^(\d{1,2})-(\d{1,2})$")
# Road Ahead's own activity types by code: a file may name one with just its code and change only
# the keys it gives.
BUILT_IN_TYPES: dict[str, DefaultType] = {t.code: t for t in DEFAULT_ACTIVITY_TYPES}

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
NCCIS_RE = re.compile(r"^[0-9]{3}$")
URN_RE = re.compile(r"^[0-9]{5,10}$")
YEAR_LABEL_RE = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")
TERM_ORDER = [TermName.AUTUMN.value, TermName.SPRING.value, TermName.SUMMER.value]
NC_YEARS_TEXT = "N1, N2, R or 1 to 14"
FRAMEWORK_KEYS = ("code", "name", "description", "steps", "skills", "archived")
STEP_KEYS = ("step", "label", "description")
SKILL_KEYS = ("code", "name", "description", "archived")
MAX_STEP = 100
# Road Ahead's own frameworks by code: a file may name one to rename it, add skills or archive it,
# and keeps its steps and skills without repeating them.
BUILT_IN_FRAMEWORKS: dict[str, DefaultFramework] = {f.code: f for f in DEFAULT_FRAMEWORKS}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with (or worth knowing about) a programme file, with its line if it has one."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class ProgrammeInvalid(Exception):
    """The programme file has problems; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class SchoolSpec:
    name: str
    slug: str | None
    # Model field name -> value, only for keys the file gives: a key left out of the file leaves
    # what the school already has alone.
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class TermSpec:
    name: str
    starts_on: dt.date
    ends_on: dt.date
    first_half_ends_on: dt.date | None
    second_half_starts_on: dt.date | None


@dataclass
class YearSpec:
    start_year: int
    starts_on: dt.date
    ends_on: dt.date
    terms: list[TermSpec]

    @property
    def label(self) -> str:
        return dates.academic_year_label(self.start_year)


@dataclass
class PhaseSpec:
    name: str
    order: int
    first_year: str
    last_year: str
    description: str


@dataclass
class DestinationSpec:
    code: str
    name: str
    nccis_code: str
    order: int


@dataclass
class PathwaySpec:
    name: str
    order: int
    vision: str
    in_keeping: list[str]


@dataclass
class ClassGroupSpec:
    name: str
    start_year: int
    phase: str | None


@dataclass
class BenchmarkSpec:
    number: int
    # Model field name -> value, only for keys the file gives (title, summary).
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class ActivityTypeSpec:
    code: str
    name: str
    order: int
    description: str
    default_benchmarks: list[int]
    default_setting: str
    provider_encounter: bool
    workplace_experience: bool
    active: bool


@dataclass
class RuleSpec:
    """One entitlement rule from the file; names (pathways, type codes, benchmark numbers) are resolved on load."""

    code: str
    name: str
    order: int
    description: str = ""
    kind: str = RuleKind.SCHOOL
    source: str = ""
    school_check: str = ""
    benchmark: int | None = None
    first_year: str = ""
    last_year: str = ""
    pathways: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    activity_types: list[str] = field(default_factory=list)
    evidences: list[int] = field(default_factory=list)
    settings: list[str] = field(default_factory=list)
    provider_kinds: list[str] = field(default_factory=list)
    meaningful_only: bool = False
    pal_only: bool = False
    count_part: bool = True
    required: int = 1
    period: str = Period.ACADEMIC_YEAR
    cutoff: tuple[int, int] | None = None
    required_of_pupils: bool = True
    pal_key_phase: int | None = None
    active: bool = True


@dataclass
class StepSpec:
    value: int
    label: str
    description: str = ""


@dataclass
class SkillSpec:
    code: str
    name: str
    order: int
    description: str = ""
    archived: bool = False


@dataclass
class FrameworkSpec:
    code: str
    name: str
    order: int
    description: str = ""
    archived: bool = False
    # Empty for one of Road Ahead's own frameworks that keeps its steps or skills as they are.
    steps: list[StepSpec] = field(default_factory=list)
    skills: list[SkillSpec] = field(default_factory=list)


@dataclass
class Programme:
    school: SchoolSpec
    years: list[YearSpec]
    phases: list[PhaseSpec]
    destinations: list[DestinationSpec]
    pathways: list[PathwaySpec]
    class_groups: list[ClassGroupSpec]
    warnings: list[Problem]
    benchmarks: list[BenchmarkSpec] = field(default_factory=list)
    # Empty when the file lists none: the school then gets Road Ahead's default activity types.
    activity_types: list[ActivityTypeSpec] = field(default_factory=list)
    entitlements: list[RuleSpec] = field(default_factory=list)
    # Empty when the file has no skills section: the school keeps (or gets) Road Ahead's defaults.
    skills: list[FrameworkSpec] = field(default_factory=list)

    def describe(self) -> str:
        types = (f"{len(self.activity_types)} activity types" if self.activity_types
                 else "Road Ahead's default activity types")
        return (f"{len(self.years)} academic years, {len(self.phases)} phases, "
                f"{len(self.destinations)} destination categories, {len(self.pathways)} pathways, "
                f"{len(self.class_groups)} class groups, {len(self.benchmarks)} benchmark changes, {types}, "
                f"{len(self.entitlements)} entitlement rules, {len(self.skills)} skills frameworks")


class _AliasRefused(yaml.MarkedYAMLError):
    pass


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases.

    A few lines of nested aliases expand into billions of values when constructed (the "billion
    laughs" attack); a programme file never needs them, so they are refused while composing.
    """

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _AliasRefused(problem="aliases (*name) are not allowed in a programme file; "
                                        "write the value out in full", problem_mark=event.start_mark)
        return super().compose_node(parent, index)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _show(node: yaml.Node) -> str:
    """How a value looked in the file, for messages."""
    if isinstance(node, yaml.ScalarNode):
        return f"'{node.value}'" if node.value != "" else "nothing"
    return "a list" if isinstance(node, yaml.SequenceNode) else "a set of keys"


def _join(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


class _Reader:
    def __init__(self, loader: _Loader) -> None:
        self.loader = loader
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        # Names the file defines, recorded even when the rest of their entry has problems, so one
        # mistake is reported once rather than again at every reference to it.
        self.year_starts: set[int] = set()
        self.phase_names: set[str] = set()
        self.destination_codes: set[str] = set()

    # ## Reporting ##
    def error(self, node: yaml.Node | None, message: str) -> None:
        self.problems.append(Problem(_line(node) if node is not None else None, message))

    def warn(self, node: yaml.Node | None, message: str) -> None:
        self.warnings.append(Problem(_line(node) if node is not None else None, message))

    # ## Shapes ##
    def mapping(self, node: yaml.Node, what: str, allowed: Iterable[str], required: Iterable[str] = (),
                reserved: Iterable[str] = ()) -> dict[str, yaml.Node] | None:
        """The keys of a mapping node, checked for duplicates, unknown keys and missing keys."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} should be a set of 'key: value' lines, not {_show(node)}")
            return None
        allowed, reserved = list(allowed), list(reserved)
        found: dict[str, yaml.Node] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, f"a key in {what} should be a word, not {_show(key_node)}")
                continue
            key = str(key_node.value)
            if key in first_line:
                self.error(key_node, f"'{key}' appears twice in {what} (first on line {first_line[key]})")
                continue
            first_line[key] = _line(key_node)
            if key in reserved:
                self.warn(key_node, f"'{key}' is kept for a later version of Road Ahead and was ignored")
                continue
            if key not in allowed:
                self.error(key_node, f"{what} has no key '{key}'; the keys are {_join(allowed)}")
                continue
            found[key] = value_node
        for key in required:
            if key not in found and key not in first_line:
                self.error(node, f"{what} has no '{key}'")
        return found

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if self.is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} should be a list (lines starting with '- '), not {_show(node)}")
            return []
        return list(node.value)

    def is_null(self, node: yaml.Node) -> bool:
        return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"

    def scalar(self, node: yaml.Node, what: str) -> Any:
        """The Python value of a scalar; raises ValueError (already reported) otherwise."""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} should be a single value, not {_show(node)}")
            raise ValueError(what)
        if node.tag not in self.loader.yaml_constructors:
            # Tags such as !!python/object would run code in an unsafe loader; say why they are refused.
            self.error(node, f"{what} uses the YAML tag '{node.tag}', which a programme file may not use")
            raise ValueError(what)
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as exc:
            # PyYAML reads 2024-02-30 as a timestamp and then fails to make a date of it.
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.error(node, f"{what} is '{node.value}', which is not a date; write dates as YYYY-MM-DD")
            else:
                self.error(node, f"{what} '{node.value}' could not be read")
            raise ValueError(what) from exc

    # ## Values ##
    def text(self, node: yaml.Node | None, what: str, *, max_length: int, required: bool = True) -> str:
        if node is None or self.is_null(node):
            if required and node is not None:
                self.error(node, f"{what} is empty")
            return ""
        try:
            value = self.scalar(node, what)
        except ValueError:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(node, f"{what} should be text, not '{node.value}'")  # type: ignore[union-attr]
            return ""
        # Numbers are kept as written (a URN of 100123 or an NCCIS code of 230 are text to us).
        text = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else str(value)
        if required and not text:
            self.error(node, f"{what} is empty")
        if len(text) > max_length:
            self.error(node, f"{what} is {len(text)} characters long; the most is {max_length}")
            return text[:max_length]
        return text

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        try:
            value = self.scalar(node, what)
        except ValueError:
            return None
        if not isinstance(value, bool):
            self.error(node, f"{what} should be true or false, not '{node.value}'")  # type: ignore[union-attr]
            return None
        return value

    def date(self, node: yaml.Node, what: str) -> dt.date | None:
        try:
            value = self.scalar(node, what)
        except ValueError:
            return None
        if isinstance(value, dt.datetime):
            self.error(node, f"{what} is '{node.value}'; give a date without a time, as YYYY-MM-DD")  # type: ignore[union-attr]
            return None
        if isinstance(value, dt.date):
            return value
        self.error(node, f"{what} is '{node.value}', which is not a date; write dates as YYYY-MM-DD")  # type: ignore[union-attr]
        return None

    def integer(self, node: yaml.Node, what: str) -> int | None:
        try:
            value = self.scalar(node, what)
        except ValueError:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value > 32767:
            self.error(node, f"{what} should be a whole number from 0 to 32767, not '{node.value}'")  # type: ignore[union-attr]
            return None
        return value

    def nc_year(self, node: yaml.Node, what: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} {_show(node)}, which is not an NC year ({NC_YEARS_TEXT})")
            return None
        code = dates.normalise_nc_year(node.value)
        if code is None or code == "X":
            self.error(node, f"{what} '{node.value}', which is not an NC year ({NC_YEARS_TEXT})")
            return None
        return code


def parse_programme(text: str) -> Programme:
    """Check a programme file and return what it describes, or raise ProgrammeInvalid with every problem."""
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_BYTES:
        raise ProgrammeInvalid([Problem(None, f"The file is {size:,} bytes; a programme file may be at most "
                                              f"{MAX_BYTES:,} bytes (1 MB).")])
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "it could not be read"
        if not isinstance(exc, _AliasRefused):
            problem = f"this is not valid YAML: {problem}"
        raise ProgrammeInvalid([Problem(mark.line + 1 if mark else None, problem)]) from exc
    except yaml.YAMLError as exc:
        raise ProgrammeInvalid([Problem(None, f"This is not valid YAML: {exc}")]) from exc
    finally:
        loader.dispose()
    if root is None:
        raise ProgrammeInvalid([Problem(None, "The file is empty.")])
    reader = _Reader(loader)
    programme = _read_root(reader, root)
    if reader.problems or programme is None:
        problems = sorted(reader.problems, key=lambda p: (p.line or 0))
        raise ProgrammeInvalid(problems)
    programme.warnings = reader.warnings
    return programme


def _read_root(r: _Reader, root: yaml.Node) -> Programme | None:
    top = r.mapping(root, "the programme file", SECTIONS, required=("school",), reserved=RESERVED_SECTIONS)
    if top is None:
        return None
    if "version" in top:
        version = r.integer(top["version"], "version")
        if version is not None and version != FORMAT_VERSION:
            r.error(top["version"], f"version {version} is not one this Road Ahead reads; "
                                    f"use version: {FORMAT_VERSION}")
    school = _read_school(r, top["school"]) if "school" in top else None
    years = _read_calendar(r, top["calendar"]) if "calendar" in top else []
    phases = _read_phases(r, top["phases"]) if "phases" in top else []
    destinations = _read_destinations(r, top["destination_categories"]) if "destination_categories" in top else []
    pathways = _read_pathways(r, top["pathways"], r.destination_codes) if "pathways" in top else []
    class_groups = (_read_class_groups(r, top["class_groups"], r.year_starts, r.phase_names)
                    if "class_groups" in top else [])
    benchmarks = _read_benchmarks(r, top["benchmarks"]) if "benchmarks" in top else []
    activity_types = _read_activity_types(r, top["activity_types"]) if "activity_types" in top else []
    # A file that lists no types gets Road Ahead's own; the types the default checks count always exist.
    type_codes = ({t.code for t in activity_types} if "activity_types" in top else set(BUILT_IN_TYPES)) | set(
        REQUIRED_TYPE_CODES)
    entitlements = (_read_entitlements(r, top["entitlements"], {p.name for p in pathways}, type_codes)
                    if "entitlements" in top else [])
    skills = _read_skills(r, top["skills"]) if "skills" in top else []
    if school is None:
        return None
    return Programme(school, years, phases, destinations, pathways, class_groups, [], benchmarks, activity_types,
                     entitlements, skills)


# ## school ########################################################################################

def _read_school(r: _Reader, node: yaml.Node) -> SchoolSpec | None:  # noqa: PLR0912 (one branch per key)
    keys = r.mapping(node, "school", SCHOOL_KEYS, required=("name",))
    if keys is None:
        return None
    name = r.text(keys.get("name"), "the school's name", max_length=200)
    spec = SchoolSpec(name=name, slug=None)
    spec.values["name"] = name
    if "slug" in keys:
        slug = r.text(keys["slug"], "the school's slug", max_length=60)
        if slug and not SLUG_RE.match(slug):
            r.error(keys["slug"], f"the school's slug '{slug}' should be lower-case letters, digits and hyphens "
                                  "(for example: parkside)")
        spec.slug = slug or None
    if "urn" in keys:
        urn = r.text(keys["urn"], "the school's URN", max_length=10, required=False)
        if urn and not URN_RE.match(urn):
            r.error(keys["urn"], f"the school's URN '{urn}' should be the DfE's number for the school, "
                                 "digits only (for example: 103870)")
        spec.values["urn"] = urn
    if "type" in keys:
        school_type = r.text(keys["type"], "the school's type", max_length=40)
        if school_type and school_type not in SchoolType.values:
            r.error(keys["type"], f"the school's type '{school_type}' is not one Road Ahead knows; "
                                  f"use {_join(SchoolType.values)}")
        else:
            spec.values["school_type"] = school_type
    if "careers_leader" in keys:
        leader = r.mapping(keys["careers_leader"], "careers_leader", CAREERS_LEADER_KEYS) or {}
        if "name" in leader:
            spec.values["careers_leader_name"] = r.text(leader["name"], "the careers leader's name", max_length=200,
                                                        required=False)
        if "email" in leader:
            email = r.text(leader["email"], "the careers leader's email", max_length=254, required=False)
            try:
                if email:
                    validate_email(email)
            except ValidationError:
                r.error(leader["email"], f"the careers leader's email '{email}' is not an email address")
            spec.values["careers_leader_email"] = email
        if "phone" in leader:
            spec.values["careers_leader_phone"] = r.text(leader["phone"], "the careers leader's phone",
                                                         max_length=40, required=False)
    for key in ("check_provider_access", "check_independent_guidance", "check_gatsby_benchmarks"):
        if key in keys:
            value = r.boolean(keys[key], key)
            if value is not None:
                spec.values[key] = value
                school_type = spec.values.get("school_type")
                if not value and school_type and SchoolType(school_type).bound_by_statutory_guidance:
                    r.warn(keys[key], f"{key} is off, but a {SchoolType(school_type).label.lower()} is "
                                      "bound by the statutory careers guidance")
    return spec


# ## calendar ######################################################################################

def _read_year_label(r: _Reader, node: yaml.Node) -> int | None:
    if isinstance(node, yaml.ScalarNode):
        value = str(node.value).strip()
        if value.isdigit() and len(value) == 4:
            return int(value)
        match = YEAR_LABEL_RE.match(value)
        if match:
            start, end = int(match[1]), match[2]
            if end == str(start + 1)[-len(end):]:
                return start
    r.error(node, f"academic year {_show(node)} should be written like 2024/25")
    return None


def _read_calendar(r: _Reader, node: yaml.Node) -> list[YearSpec]:
    years: list[YearSpec] = []
    seen: dict[int, int] = {}
    year_nodes: list[yaml.Node] = []
    for item in r.sequence(node, "calendar"):
        keys = r.mapping(item, "an academic year in the calendar", YEAR_KEYS, required=("year",))
        if not keys or "year" not in keys:
            continue
        start_year = _read_year_label(r, keys["year"])
        if start_year is None:
            continue
        label = dates.academic_year_label(start_year)
        if start_year in seen:
            r.error(keys["year"], f"academic year {label} is in the calendar twice (first on line {seen[start_year]})")
            continue
        seen[start_year] = _line(keys["year"])
        r.year_starts.add(start_year)
        default_start, default_end = dates.academic_year_bounds(start_year)
        starts = r.date(keys["starts"], f"the first day of {label}") if "starts" in keys else default_start
        ends = r.date(keys["ends"], f"the last day of {label}") if "ends" in keys else default_end
        if starts is None or ends is None:
            continue
        if starts.year != start_year:
            r.error(keys["starts"], f"academic year {label} starts on {starts}, which is not in {start_year}")
            continue
        if ends.year != start_year + 1:
            r.error(keys["ends"], f"academic year {label} ends on {ends}, which is not in {start_year + 1}")
            continue
        year = YearSpec(start_year, starts, ends, [])
        if "terms" in keys:
            year.terms = _read_terms(r, keys["terms"], year)
        years.append(year)
        year_nodes.append(item)
    # Two academic years may not share a day: every date must belong to one year.
    ordered = sorted(zip(years, year_nodes, strict=True), key=lambda pair: pair[0].start_year)
    for (before, _), (after, after_node) in itertools.pairwise(ordered):
        if after.starts_on <= before.ends_on:
            r.error(after_node, f"academic year {after.label} starts on {after.starts_on}, before "
                                f"{before.label} ends ({before.ends_on})")
    return sorted(years, key=lambda y: y.start_year)


def _read_terms(r: _Reader, node: yaml.Node, year: YearSpec) -> list[TermSpec]:  # noqa: PLR0912 (one per check)
    keys = r.mapping(node, f"the terms of {year.label}", TERM_ORDER)
    if not keys:
        return []
    terms: list[tuple[TermSpec, yaml.Node]] = []
    for name in TERM_ORDER:
        if name not in keys:
            continue
        where = f"the {name} term of {year.label}"
        term_keys = r.mapping(keys[name], where, TERM_KEYS, required=("starts", "ends"))
        if not term_keys or "starts" not in term_keys or "ends" not in term_keys:
            continue
        starts = r.date(term_keys["starts"], f"the first day of {where}")
        ends = r.date(term_keys["ends"], f"the last day of {where}")
        half_end = (r.date(term_keys["first_half_ends"], f"the last day of the first half of {where}")
                    if "first_half_ends" in term_keys else None)
        half_start = (r.date(term_keys["second_half_starts"], f"the first day of the second half of {where}")
                      if "second_half_starts" in term_keys else None)
        if starts is None or ends is None:
            continue
        if starts >= ends:
            r.error(term_keys["ends"], f"{where} ends on {ends}, which is not after it starts ({starts})")
            continue
        if starts < year.starts_on:
            r.error(term_keys["starts"], f"{where} starts on {starts}, before the academic year starts "
                                         f"({year.starts_on})")
            continue
        if ends > year.ends_on:
            r.error(term_keys["ends"], f"{where} ends on {ends}, after the academic year ends ({year.ends_on})")
            continue
        given = [key for key in ("first_half_ends", "second_half_starts") if key in term_keys]
        if len(given) == 1:
            other = "second_half_starts" if given[0] == "first_half_ends" else "first_half_ends"
            r.error(term_keys[given[0]], f"{where} gives {given[0]} but not {other}; "
                                         "give both half-term dates, or neither")
            continue
        if len(given) == 2:
            if half_end is None or half_start is None:
                continue
            if not (starts < half_end < half_start < ends):
                r.error(term_keys["first_half_ends"],
                        f"the half-term break of {where} ({half_end} to {half_start}) is not inside the term "
                        f"({starts} to {ends})")
                continue
        terms.append((TermSpec(name, starts, ends, half_end, half_start), keys[name]))
    for (before, _), (after, after_node) in itertools.pairwise(terms):
        if after.starts_on <= before.ends_on:
            r.error(after_node, f"the {after.name} term of {year.label} starts on {after.starts_on}, before the "
                                f"{before.name} term ends ({before.ends_on})")
    return [term for term, _ in terms]


# ## phases, destinations, pathways, class groups ##################################################

def _unique(r: _Reader, node: yaml.Node, value: str, seen: dict[str, int], message: Callable[[int], str]) -> bool:
    """Record `value` as seen; report and return False if it was seen before (ignoring case)."""
    folded = value.casefold()
    if folded in seen:
        r.error(node, message(seen[folded]))
        return False
    seen[folded] = _line(node)
    return True


def _read_phases(r: _Reader, node: yaml.Node) -> list[PhaseSpec]:
    phases: list[PhaseSpec] = []
    seen: dict[str, int] = {}
    for order, item in enumerate(r.sequence(node, "phases"), start=1):
        keys = r.mapping(item, "a phase", PHASE_KEYS, required=("name", "first_year", "last_year"))
        if not keys or "name" not in keys:
            continue
        name = r.text(keys["name"], "a phase's name", max_length=100)
        if not name or not _unique(r, keys["name"], name, seen,
                                   lambda first, name=name: f"there are two phases called '{name}' "
                                                            f"(the first on line {first})"):
            continue
        r.phase_names.add(name)
        first = r.nc_year(keys["first_year"], f"phase '{name}' has first_year") if "first_year" in keys else None
        last = r.nc_year(keys["last_year"], f"phase '{name}' has last_year") if "last_year" in keys else None
        description = r.text(keys.get("description"), f"the description of phase '{name}'", max_length=5000,
                             required=False)
        if first is None or last is None:
            continue
        if (dates.nc_year_ordinal(first) or 0) > (dates.nc_year_ordinal(last) or 0):
            r.error(keys["last_year"], f"phase '{name}' ends at {dates.nc_year_label(last)}, before it starts "
                                       f"({dates.nc_year_label(first)})")
            continue
        phases.append(PhaseSpec(name, order, first, last, description))
    return phases


def _read_destinations(r: _Reader, node: yaml.Node) -> list[DestinationSpec]:
    destinations: list[DestinationSpec] = []
    codes: dict[str, int] = {}
    names: dict[str, int] = {}
    for order, item in enumerate(r.sequence(node, "destination_categories"), start=1):
        keys = r.mapping(item, "a destination category", DESTINATION_KEYS, required=("code", "name"))
        if not keys or "code" not in keys or "name" not in keys:
            continue
        code = r.text(keys["code"], "a destination category's code", max_length=60)
        name = r.text(keys["name"], f"the name of destination category '{code}'", max_length=200)
        if not code or not name:
            continue
        if not CODE_RE.match(code):
            r.error(keys["code"], f"destination category code '{code}' should be lower-case letters, digits and "
                                  "hyphens (for example: specialist-college)")
            continue
        if not _unique(r, keys["code"], code, codes,
                       lambda first, code=code: f"there are two destination categories with the code '{code}' "
                                                f"(the first on line {first})"):
            continue
        r.destination_codes.add(code)
        if not _unique(r, keys["name"], name, names,
                       lambda first, name=name: f"there are two destination categories called '{name}' "
                                                f"(the first on line {first})"):
            continue
        nccis = r.text(keys.get("nccis_code"), f"the NCCIS code of '{code}'", max_length=3, required=False)
        if nccis and not NCCIS_RE.match(nccis):
            r.error(keys["nccis_code"], f"the NCCIS code of '{code}' is '{nccis}'; NCCIS codes are three digits "
                                        "(for example: 230)")
            continue
        if nccis and not nccis_codes.is_valid_code(nccis):
            r.error(keys["nccis_code"], f"the NCCIS code of '{code}' is '{nccis}', which is not an NCCIS "
                                        "current-activity code for a leaver (for example: 230 further education, "
                                        "280 special post-16 institution, 670 not available)")
            continue
        destinations.append(DestinationSpec(code, name, nccis, order))
    return destinations


def _read_pathways(r: _Reader, node: yaml.Node, codes: set[str]) -> list[PathwaySpec]:
    pathways: list[PathwaySpec] = []
    seen: dict[str, int] = {}
    for position, item in enumerate(r.sequence(node, "pathways"), start=1):
        keys = r.mapping(item, "a pathway", PATHWAY_KEYS, required=("name",))
        if not keys or "name" not in keys:
            continue
        name = r.text(keys["name"], "a pathway's name", max_length=100)
        if not name or not _unique(r, keys["name"], name, seen,
                                   lambda first, name=name: f"there are two pathways called '{name}' "
                                                            f"(the first on line {first})"):
            continue
        order = r.integer(keys["order"], f"the order of pathway '{name}'") if "order" in keys else position
        vision = r.text(keys.get("vision"), f"the vision of pathway '{name}'", max_length=5000, required=False)
        in_keeping: list[str] = []
        for code_node in r.sequence(keys["in_keeping"], f"in_keeping of pathway '{name}'") if "in_keeping" in keys \
                else []:
            code = r.text(code_node, f"a destination in in_keeping of pathway '{name}'", max_length=60)
            if not code:
                continue
            if code not in codes:
                r.error(code_node, f"pathway '{name}' lists '{code}' in in_keeping, but there is no destination "
                                   "category with that code in destination_categories")
            elif code not in in_keeping:
                in_keeping.append(code)
        pathways.append(PathwaySpec(name, order if order is not None else position, vision, in_keeping))
    return pathways


def _read_class_groups(r: _Reader, node: yaml.Node, years: set[int], phases: set[str]) -> list[ClassGroupSpec]:
    groups: list[ClassGroupSpec] = []
    seen: dict[str, int] = {}
    for item in r.sequence(node, "class_groups"):
        keys = r.mapping(item, "a class group", CLASS_GROUP_KEYS, required=("name", "academic_year"))
        if not keys or "name" not in keys or "academic_year" not in keys:
            continue
        name = r.text(keys["name"], "a class group's name", max_length=100)
        start_year = _read_year_label(r, keys["academic_year"])
        if not name or start_year is None:
            continue
        label = dates.academic_year_label(start_year)
        if start_year not in years:
            r.error(keys["academic_year"], f"class group '{name}' is in academic year {label}, which is not in "
                                           "the calendar")
            continue
        if not _unique(r, keys["name"], f"{start_year} {name}", seen,
                       lambda first, name=name, label=label: f"there are two class groups called '{name}' in "
                                                             f"{label} (the first on line {first})"):
            continue
        phase = None
        if "phase" in keys and not r.is_null(keys["phase"]):
            phase = r.text(keys["phase"], f"the phase of class group '{name}'", max_length=100)
            if phase and phase not in phases:
                r.error(keys["phase"], f"class group '{name}' is in phase '{phase}', which is not one of the phases "
                                       "in this file")
                continue
        groups.append(ClassGroupSpec(name, start_year, phase or None))
    return groups


# ## benchmarks and activity types ##################################################################

def _benchmark_number(r: _Reader, node: yaml.Node, what: str) -> int | None:
    """A benchmark number from 1 to 8, or None (reported)."""
    try:
        value = r.scalar(node, what)
    except ValueError:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in BENCHMARK_NUMBERS:
        r.error(node, f"{what} is '{node.value}'; the Gatsby Benchmarks are numbered 1 to 8")  # type: ignore[union-attr]
        return None
    return value


def _read_benchmarks(r: _Reader, node: yaml.Node) -> list[BenchmarkSpec]:
    benchmarks: list[BenchmarkSpec] = []
    seen: dict[int, int] = {}
    for item in r.sequence(node, "benchmarks"):
        keys = r.mapping(item, "a benchmark", BENCHMARK_KEYS, required=("number",))
        if not keys or "number" not in keys:
            continue
        number = _benchmark_number(r, keys["number"], "a benchmark's number")
        if number is None:
            continue
        if number in seen:
            r.error(keys["number"], f"benchmark {number} is listed twice (first on line {seen[number]})")
            continue
        seen[number] = _line(keys["number"])
        spec = BenchmarkSpec(number)
        if "title" in keys:
            spec.values["title"] = r.text(keys["title"], f"the title of benchmark {number}", max_length=200)
        if "summary" in keys:
            spec.values["summary"] = r.text(keys["summary"], f"the summary of benchmark {number}", max_length=5000,
                                            required=False)
        benchmarks.append(spec)
    return benchmarks


def _read_setting(r: _Reader, node: yaml.Node, what: str) -> str | None:
    value = r.text(node, what, max_length=20)
    if not value:
        return None
    # "off-site" and "Off site" are how people write it; the stored value is off_site.
    setting = re.sub(r"[\s-]+", "_", value.strip().lower())
    if setting not in Setting.values:
        r.error(node, f"{what} is '{value}'; use {_join(Setting.values)}")
        return None
    return setting


def _read_activity_types(r: _Reader, node: yaml.Node) -> list[ActivityTypeSpec]:
    kinds: list[ActivityTypeSpec] = []
    codes: dict[str, int] = {}
    names: dict[str, int] = {}
    for order, item in enumerate(r.sequence(node, "activity_types"), start=1):
        keys = r.mapping(item, "an activity type", ACTIVITY_TYPE_KEYS, required=("code",))
        if not keys or "code" not in keys:
            continue
        code = r.text(keys["code"], "an activity type's code", max_length=60)
        if not code:
            continue
        if not CODE_RE.match(code):
            r.error(keys["code"], f"activity type code '{code}' should be lower-case letters, digits and hyphens "
                                  "(for example: workplace-visit)")
            continue
        if not _unique(r, keys["code"], code, codes,
                       lambda first, code=code: f"there are two activity types with the code '{code}' "
                                                f"(the first on line {first})"):
            continue
        # A built-in code fills in whatever the file leaves out; any other code starts from nothing.
        base = BUILT_IN_TYPES.get(code)
        if "name" in keys:
            name = r.text(keys["name"], f"the name of activity type '{code}'", max_length=100)
        elif base is not None:
            name = base.name
        else:
            r.error(item, f"activity type '{code}' has no 'name' (only Road Ahead's own types, such as "
                          "'careers-lesson', may leave it out)")
            continue
        if not name or not _unique(r, keys.get("name", keys["code"]), name, names,
                                   lambda first, name=name: f"there are two activity types called '{name}' "
                                                            f"(the first on line {first})"):
            continue
        description = (r.text(keys["description"], f"the description of activity type '{code}'", max_length=5000,
                              required=False) if "description" in keys else base.description if base else "")
        numbers: list[int] = list(base.benchmarks) if base and "default_benchmarks" not in keys else []
        for number_node in r.sequence(keys["default_benchmarks"], f"default_benchmarks of activity type '{code}'") \
                if "default_benchmarks" in keys else []:
            number = _benchmark_number(r, number_node, f"a benchmark in default_benchmarks of activity type '{code}'")
            if number is not None and number not in numbers:
                numbers.append(number)
        setting = (_read_setting(r, keys["default_setting"], f"the default_setting of activity type '{code}'")
                   if "default_setting" in keys else None)
        flags = {}
        for key, default in (("provider_encounter", base.provider_encounter if base else False),
                             ("workplace_experience", base.workplace if base else False), ("active", True)):
            flags[key] = r.boolean(keys[key], f"{key} of activity type '{code}'") if key in keys else default
        kinds.append(ActivityTypeSpec(
            code=code, name=name, order=order * 10, description=description, default_benchmarks=sorted(numbers),
            default_setting=setting or (base.setting if base else Setting.ON_SITE),
            provider_encounter=bool(flags["provider_encounter"]),
            workplace_experience=bool(flags["workplace_experience"]),
            active=flags["active"] is not False))
    return kinds


# ## entitlements ###################################################################################

def _code_word(value: str) -> str:
    """'Half term', 'half-term' and 'half_term' are how people write it; codes use underscores."""
    return re.sub(r"[\s-]+", "_", value.strip().lower())


def _choice(r: _Reader, node: yaml.Node, what: str, allowed: Iterable[str]) -> str | None:
    value = r.text(node, what, max_length=40)
    if not value:
        return None
    code = _code_word(value)
    allowed = list(allowed)
    if code not in allowed:
        r.error(node, f"{what} is '{value}'; use {_join(allowed)}")
        return None
    return code


def _flag(r: _Reader, keys: dict[str, yaml.Node], key: str, what: str, default: bool) -> bool:
    if key not in keys:
        return default
    value = r.boolean(keys[key], what)
    return default if value is None else value


def _code_list(r: _Reader, node: yaml.Node, what: str, allowed: Iterable[str], *, upper: bool = False,
               hint: str = "") -> list[str]:
    """A list of codes from `allowed`, each checked on its own line, in the file's order without repeats."""
    allowed = list(allowed)
    codes: list[str] = []
    for item in r.sequence(node, what):
        value = r.text(item, f"an entry in {what}", max_length=60)
        if not value:
            continue
        code = value.strip().upper() if upper else _code_word(value)
        if code not in allowed:
            r.error(item, f"{what} lists '{value}', which is not one of {hint or _join(allowed)}")
        elif code not in codes:
            codes.append(code)
    return codes


def _read_cutoff(r: _Reader, node: yaml.Node, what: str) -> tuple[int, int] | None:
    value = node.value if isinstance(node, yaml.ScalarNode) else None
    match = CUTOFF_RE.match(str(value).strip()) if value is not None else None
    if match:
        day, month = int(match[1]), int(match[2])
        # 29 February is allowed: in a year without it the cut-off is 28 February.
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]:
            return month, day
    r.error(node, f"{what} is {_show(node)}; write a day and month as DD-MM, such as \"28-02\" for 28 February")
    return None


def _read_years(r: _Reader, node: yaml.Node, what: str) -> tuple[str, str] | None:
    items = r.sequence(node, what)
    if not 1 <= len(items) <= 2:
        r.error(node, f"{what} should be [first, last] NC years, such as [7, 11]")
        return None
    codes = [r.nc_year(item, f"{what} has") for item in items]
    if any(code is None for code in codes):
        return None
    first, last = codes[0], codes[-1]
    if (dates.nc_year_ordinal(first) or 0) > (dates.nc_year_ordinal(last) or 0):  # type: ignore[arg-type]
        r.error(node, f"{what} runs from {dates.nc_year_label(first)} to {dates.nc_year_label(last)}, "  # type: ignore[arg-type]
                      "which is backwards")
        return None
    return first, last  # type: ignore[return-value]


def _read_rule_who(r: _Reader, node: yaml.Node, spec: RuleSpec, pathways: set[str]) -> None:
    where = f"'who' of rule '{spec.code}'"
    keys = r.mapping(node, where, WHO_KEYS) or {}
    if "years" in keys and not r.is_null(keys["years"]):
        years = _read_years(r, keys["years"], f"the years of rule '{spec.code}'")
        if years:
            spec.first_year, spec.last_year = years
    if "pathways" in keys:
        for item in r.sequence(keys["pathways"], f"the pathways of rule '{spec.code}'"):
            name = r.text(item, f"a pathway of rule '{spec.code}'", max_length=100)
            if name and name not in pathways:
                known = _join(sorted(pathways)) if pathways else "none: the file lists no pathways"
                r.error(item, f"rule '{spec.code}' names the pathway '{name}', which is not in this file's pathways "
                              f"({known})")
            elif name and name not in spec.pathways:
                spec.pathways.append(name)
    if "needs" in keys:
        spec.needs = _code_list(r, keys["needs"], f"the needs of rule '{spec.code}'", NeedType.values, upper=True,
                                hint="the SEN need codes (such as SLD, PMLD, ASD)")


def _read_rule_what(r: _Reader, node: yaml.Node, spec: RuleSpec, type_codes: set[str]) -> None:
    where = f"'what' of rule '{spec.code}'"
    keys = r.mapping(node, where, WHAT_KEYS) or {}
    if "activity_types" in keys:
        for item in r.sequence(keys["activity_types"], f"the activity types of rule '{spec.code}'"):
            code = r.text(item, f"an activity type of rule '{spec.code}'", max_length=60)
            if code and code not in type_codes:
                r.error(item, f"rule '{spec.code}' counts the activity type '{code}', which is not one of this "
                              "file's activity types")
            elif code and code not in spec.activity_types:
                spec.activity_types.append(code)
    if "evidences" in keys:
        for item in r.sequence(keys["evidences"], f"the benchmarks evidenced for rule '{spec.code}'"):
            number = _benchmark_number(r, item, f"a benchmark in 'evidences' of rule '{spec.code}'")
            if number is not None and number not in spec.evidences:
                spec.evidences.append(number)
    if "settings" in keys:
        spec.settings = _code_list(r, keys["settings"], f"the settings of rule '{spec.code}'", Setting.values)
    if "provider_kinds" in keys:
        spec.provider_kinds = _code_list(r, keys["provider_kinds"], f"the provider kinds of rule '{spec.code}'",
                                         ProviderKind.values)
    spec.meaningful_only = _flag(r, keys, "meaningful_only", f"meaningful_only of rule '{spec.code}'", False)
    spec.pal_only = _flag(r, keys, "pal_only", f"pal_only of rule '{spec.code}'", False)
    spec.count_part = _flag(r, keys, "count_part", f"count_part of rule '{spec.code}'", True)


def _read_rule(r: _Reader, item: yaml.Node, *, order: int, seen: dict[str, int], pathways: set[str],  # noqa: PLR0912
               type_codes: set[str]) -> RuleSpec | None:
    keys = r.mapping(item, "an entitlement rule", RULE_KEYS, required=("code", "name", "required"))
    if not keys or "code" not in keys:
        return None
    code = r.text(keys["code"], "an entitlement rule's code", max_length=80)
    if not code:
        return None
    if not CODE_RE.match(code):
        r.error(keys["code"], f"rule code '{code}' should be lower-case letters, digits and hyphens "
                              "(for example: employer-encounters)")
        return None
    if not _unique(r, keys["code"], code, seen,
                   lambda first: f"there are two entitlement rules with the code '{code}' (the first on line {first})"):
        return None
    name = r.text(keys.get("name"), f"the name of rule '{code}'", max_length=200)
    spec = RuleSpec(code=code, name=name, order=order * 10)
    spec.description = r.text(keys.get("description"), f"the description of rule '{code}'", max_length=5000,
                              required=False)
    spec.source = r.text(keys.get("source"), f"the source of rule '{code}'", max_length=200, required=False)
    if "kind" in keys:
        spec.kind = _choice(r, keys["kind"], f"the kind of rule '{code}'", RuleKind.values) or spec.kind
    if "school_check" in keys and not r.is_null(keys["school_check"]):
        spec.school_check = _choice(r, keys["school_check"], f"the school_check of rule '{code}'", RULE_CHECKS) or ""
    if "benchmark" in keys and not r.is_null(keys["benchmark"]):
        spec.benchmark = _benchmark_number(r, keys["benchmark"], f"the benchmark of rule '{code}'")
    if "who" in keys and not r.is_null(keys["who"]):
        _read_rule_who(r, keys["who"], spec, pathways)
    if "what" in keys and not r.is_null(keys["what"]):
        _read_rule_what(r, keys["what"], spec, type_codes)
    if "required" in keys:
        required = r.integer(keys["required"], f"how many rule '{code}' requires ('required')")
        if required is not None and not 1 <= required <= MAX_REQUIRED:
            r.error(keys["required"], f"rule '{code}' requires {required}; give a number from 1 to {MAX_REQUIRED}")
        elif required is not None:
            spec.required = required
    if "period" in keys:
        spec.period = _choice(r, keys["period"], f"the period of rule '{code}'", Period.values) or spec.period
    if spec.period == Period.YEARS and not spec.first_year and "period" in keys:
        r.error(keys["period"], f"rule '{code}' is judged across years, so its 'who' needs years: [first, last]")
    if "cutoff" in keys and not r.is_null(keys["cutoff"]):
        if spec.period != Period.YEARS:
            r.error(keys["cutoff"], f"rule '{code}' has a cutoff, but only a rule across years (period: years) "
                                    "can have one")
        else:
            spec.cutoff = _read_cutoff(r, keys["cutoff"], f"the cutoff of rule '{code}'")
    if "pal_key_phase" in keys and not r.is_null(keys["pal_key_phase"]):
        phase = r.integer(keys["pal_key_phase"], f"the PAL key phase of rule '{code}'")
        if phase is not None and phase not in (1, 2, 3):
            r.error(keys["pal_key_phase"], f"rule '{code}' has PAL key phase {phase}; the key phases are 1, 2 and 3")
        elif phase is not None and spec.period != Period.YEARS:
            r.error(keys["pal_key_phase"], f"rule '{code}' is a PAL key phase, so it needs period: years")
        else:
            spec.pal_key_phase = phase
    spec.required_of_pupils = _flag(r, keys, "required_of_pupils", f"required_of_pupils of rule '{code}'", True)
    spec.active = _flag(r, keys, "active", f"active of rule '{code}'", True)
    return spec


def _read_entitlements(r: _Reader, node: yaml.Node, pathways: set[str], type_codes: set[str]) -> list[RuleSpec]:
    rules: list[RuleSpec] = []
    seen: dict[str, int] = {}
    for order, item in enumerate(r.sequence(node, "entitlements"), start=1):
        spec = _read_rule(r, item, order=order, seen=seen, pathways=pathways, type_codes=type_codes)
        if spec is not None:
            rules.append(spec)
    return rules


# ## skills #########################################################################################

def _read_steps(r: _Reader, node: yaml.Node, code: str) -> list[StepSpec]:
    steps: list[StepSpec] = []
    seen: dict[int, int] = {}
    for item in r.sequence(node, f"the steps of framework '{code}'"):
        keys = r.mapping(item, f"a step of framework '{code}'", STEP_KEYS, required=("step", "label"))
        if not keys or "step" not in keys:
            continue
        value = r.integer(keys["step"], f"a step of framework '{code}'")
        if value is None:
            continue
        if value > MAX_STEP:
            r.error(keys["step"], f"framework '{code}' has step {value}; steps run from 0 to {MAX_STEP}")
            continue
        if value in seen:
            r.error(keys["step"], f"framework '{code}' has step {value} twice (the first on line {seen[value]})")
            continue
        seen[value] = _line(keys["step"])
        label = r.text(keys.get("label"), f"the label of step {value} of framework '{code}'", max_length=100)
        description = r.text(keys.get("description"), f"the description of step {value} of framework '{code}'",
                             max_length=2000, required=False)
        steps.append(StepSpec(value, label, description))
    if len(steps) == 1:
        r.error(node, f"framework '{code}' has one step; a scale needs at least two")
    return sorted(steps, key=lambda s: s.value)


def _read_framework_skills(r: _Reader, node: yaml.Node, code: str) -> list[SkillSpec]:
    skills: list[SkillSpec] = []
    codes: dict[str, int] = {}
    names: dict[str, int] = {}
    for order, item in enumerate(r.sequence(node, f"the skills of framework '{code}'")):
        keys = r.mapping(item, f"a skill of framework '{code}'", SKILL_KEYS, required=("name",))
        if not keys or "name" not in keys:
            continue
        name = r.text(keys["name"], f"the name of a skill of framework '{code}'", max_length=100)
        if not name or not _unique(r, keys["name"], name, names,
                                   lambda first, name=name: f"framework '{code}' has two skills called '{name}' "
                                                            f"(the first on line {first})"):
            continue
        if "code" in keys:
            skill_code = r.text(keys["code"], f"the code of skill '{name}'", max_length=50)
            if skill_code and not CODE_RE.match(skill_code):
                r.error(keys["code"], f"the code of skill '{name}' is '{skill_code}'; use lower-case letters, "
                                      "digits and hyphens, such as 'following-instructions'")
                continue
            where = keys["code"]
        else:
            # Most files name skills only; the code that keeps a renamed skill's history comes from the name.
            skill_code, where = slugify(name)[:50] or f"skill-{order + 1}", keys["name"]
        if not _unique(r, where, skill_code, codes,
                       lambda first, c=skill_code: f"framework '{code}' has two skills with the code '{c}' "
                                                   f"(the first on line {first})"):
            continue
        description = r.text(keys.get("description"), f"the description of skill '{name}'", max_length=2000,
                             required=False)
        archived = _flag(r, keys, "archived", f"archived of skill '{name}'", False)
        skills.append(SkillSpec(skill_code, name, order, description, archived))
    return skills


def _read_framework(r: _Reader, item: yaml.Node, order: int, codes: dict[str, int],
                    names: dict[str, int]) -> FrameworkSpec | None:
    keys = r.mapping(item, "a skills framework", FRAMEWORK_KEYS, required=("code",))
    if not keys or "code" not in keys:
        return None
    code = r.text(keys["code"], "a skills framework's code", max_length=50)
    if not code:
        return None
    if not CODE_RE.match(code):
        r.error(keys["code"], f"the skills framework code '{code}' should be lower-case letters, digits and "
                              "hyphens, such as 'work-skills'")
        return None
    if not _unique(r, keys["code"], code, codes,
                   lambda first: f"there are two skills frameworks with the code '{code}' (the first on line {first})"):
        return None
    built_in = BUILT_IN_FRAMEWORKS.get(code)
    if built_in is None:
        for key in ("name", "steps", "skills"):
            if key not in keys:
                r.error(item, f"skills framework '{code}' has no '{key}'; only Road Ahead's own frameworks "
                              f"({_join(sorted(BUILT_IN_FRAMEWORKS))}) may leave it out")
    name = r.text(keys["name"], f"the name of skills framework '{code}'", max_length=100) if "name" in keys else (
        built_in.name if built_in else "")
    if name and "name" in keys:
        _unique(r, keys["name"], name, names,
                lambda first: f"there are two skills frameworks called '{name}' (the first on line {first})")
    spec = FrameworkSpec(code=code, name=name, order=order,
                         description=(r.text(keys["description"], f"the description of skills framework '{code}'",
                                             max_length=2000, required=False) if "description" in keys
                                      else built_in.description if built_in else ""),
                         archived=_flag(r, keys, "archived", f"archived of skills framework '{code}'", False))
    if "steps" in keys:
        spec.steps = _read_steps(r, keys["steps"], code)
    if "skills" in keys:
        spec.skills = _read_framework_skills(r, keys["skills"], code)
        if not spec.skills and built_in is None and not r.is_null(keys["skills"]):
            r.error(keys["skills"], f"skills framework '{code}' has no skills")
    return spec


def _read_skills(r: _Reader, node: yaml.Node) -> list[FrameworkSpec]:
    frameworks: list[FrameworkSpec] = []
    codes: dict[str, int] = {}
    names: dict[str, int] = {}
    for order, item in enumerate(r.sequence(node, "skills")):
        spec = _read_framework(r, item, order, codes, names)
        if spec is not None:
            frameworks.append(spec)
    return frameworks
