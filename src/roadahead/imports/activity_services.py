"""Activity imports: one row per pupil per activity; rows sharing an activity_ref are one activity.

The same shape as the pupil import (`imports.services`): every row is cleaned and checked first,
with every problem collected by row and column; only a file with no problems is written, in one
transaction, or nothing is. The activity's own columns must agree on every row of the activity.

Re-importing: each activity remembers its activity_ref (`Activity.import_ref`, unique in the
school), so importing a corrected file again updates those activities and their pupils instead of
adding copies. A ref "RA-<id>", as the export writes for activities recorded on screen, updates
that activity. Pupils recorded on an activity but missing from the file are left as they are.

Speed: the activity services (`create_activity`, `record_participations`) work one activity at a
time, several queries each; a year of a whole school is 100,000 rows. So this module writes the
same rows in bulk, judging "meaningful" and PAL with the same `judge_meaningful` and `judge_pal`,
placing each date in the calendar as the service does, keeping a `ParticipationRevision` for every
changed participation, and writing one audit entry for the whole run. Reads and writes are
set-based: a fixed number of queries whatever the number of rows (executemany counts as one).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roadahead.activities.enums import Attendance
from roadahead.activities.models import Activity, ActivityType, Participation, ParticipationRevision
from roadahead.activities.services import ensure_activity_types, judge_meaningful, judge_pal
from roadahead.benchmarks.models import Benchmark
from roadahead.core import dates
from roadahead.imports import runs
from roadahead.imports.activity_columns import (
    ACTIVITY_COLUMNS,
    ACTIVITY_COLUMNS_BY_KEY,
    ACTIVITY_LEVEL_KEYS,
    CACHED_KEYS,
    MAX_ACTIVITY_ROWS,
    PARTICIPATION_KEYS,
    activity_column_for_header,
    activity_header_score,
)
from roadahead.imports.columns import CellError, _shorten, header_key
from roadahead.imports.models import ImportKind, ImportRun
from roadahead.imports.parsers import Table, read_table
from roadahead.imports.runs import PREVIEW_ROWS, ErrorList, RowError
from roadahead.imports.services import _update_rows, map_columns
from roadahead.people.models import Pupil
from roadahead.providers.models import Provider
from roadahead.schools.models import AcademicYear, School, Term
from roadahead.schools.services import ensure_academic_year

# Ids go into IN (...) lists in chunks: SQLite allows 32,766 parameters, older builds 999.
CHUNK = 900
EXPORTED_REF = re.compile(r"^RA-(\d{1,12})$")
BASIC_CHECKLIST = ("purpose_shared", "outcomes_fitted", "two_way", "reflection")
WORKPLACE_CHECKLIST = ("employer_task", "employer_feedback")
PAL_POINTS = ("pal_provider", "pal_careers", "pal_learning", "pal_questions")
# Activity fields an import may change (the rest are the service's or the screen's).
WRITTEN_FIELDS = ("activity_type", "title", "date", "end_date", "setting", "people_met", "purpose",
                  "learning_outcomes", *BASIC_CHECKLIST, *WORKPLACE_CHECKLIST, *PAL_POINTS, "in_school_day",
                  "meaningful", "counts_for_pal", "academic_year", "term", "import_ref")
TEXT_KEYS = ("people_met", "purpose", "learning_outcomes")


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# ## Results ######################################################################################

@dataclass
class ActivityImportResult(runs.RunResult):
    # created, updated and unchanged count activities; these count pupils' records on them.
    participations_created: int = 0
    participations_changed: int = 0
    plans: list[ActivityPlan] = field(default_factory=list, repr=False)


@dataclass
class Entry:
    row: int
    pupil_id: int
    values: dict[str, Any]  # only the participation columns the file has


@dataclass
class ActivityPlan:
    ref: str
    first_row: int
    raw: tuple[Any, ...]  # the first row's activity cells, to skip re-cleaning identical rows
    values: dict[str, Any]
    kind: ActivityType | None = None
    providers: list[Provider] = field(default_factory=list)
    bad: bool = False  # the first row's activity cells had errors: later rows are not compared
    entries: list[Entry] = field(default_factory=list)
    # Filled in by planning:
    activity: Activity | None = None
    action: str = ""
    changed: list[str] = field(default_factory=list)
    start_year: int = 0
    benchmark_ids: set[int] | None = None  # None: leave as they are
    provider_ids: set[int] | None = None
    new_participations: list[Entry] = field(default_factory=list)
    changed_participations: list[tuple[Participation, dict[str, Any]]] = field(default_factory=list)


@dataclass
class ActivityState:
    """What the school holds now, loaded in a fixed number of queries."""

    types: dict[str, ActivityType]
    type_names: list[str]
    type_benchmarks: dict[int, set[int]]  # type id → default benchmark ids
    benchmarks: dict[int, Benchmark]  # number → benchmark
    providers: dict[str, Provider]
    pupils: dict[str, int]  # UPN → id
    years: list[AcademicYear]
    terms: list[Term]


def load_state(*, school: School) -> ActivityState:
    ensure_activity_types(school=school)
    kinds = list(ActivityType.objects.filter(school=school))
    lookup: dict[str, ActivityType] = {}
    for kind in kinds:
        lookup.setdefault(header_key(kind.code), kind)
        lookup.setdefault(header_key(kind.name), kind)
    defaults: dict[int, set[int]] = {}
    through = ActivityType.default_benchmarks.through
    for type_id, benchmark_id in through.objects.filter(activitytype__school=school).values_list(
            "activitytype_id", "benchmark_id"):
        defaults.setdefault(type_id, set()).add(benchmark_id)
    providers: dict[str, Provider] = {}
    # Active providers win a clash of names with inactive ones.
    for provider in Provider.objects.filter(school=school).order_by("-is_active", "pk"):
        providers.setdefault(provider.name.casefold(), provider)
    return ActivityState(
        types=lookup, type_names=[k.name for k in kinds if k.is_active], type_benchmarks=defaults,
        benchmarks={b.number: b for b in Benchmark.objects.filter(school=school)}, providers=providers,
        pupils=dict(Pupil.objects.filter(school=school).values_list("upn", "pk")),
        years=list(AcademicYear.objects.filter(school=school)), terms=list(Term.objects.filter(school=school)))


# ## Checking ######################################################################################

def _map_columns(table: Table, errors: ErrorList, warnings: list[str]) -> dict[str, int] | None:
    return map_columns(table, errors, warnings, columns=ACTIVITY_COLUMNS, column_for_header=activity_column_for_header,
                       describe=lambda missing: ", ".join(c.label for c in missing))


def _display(key: str, value: Any) -> str:
    if value is None or value == ():
        return _("empty")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, tuple):
        return ";".join(str(v) for v in value)
    return f"'{_shorten(str(value))}'"


class _Checker:
    """Cleans the rows of one table against one school's state, collecting every problem."""

    def __init__(self, table: Table, mapping: dict[str, int], state: ActivityState, errors: ErrorList) -> None:
        self.table, self.mapping, self.state, self.errors = table, mapping, state, errors
        self.activity_keys = [k for k in ACTIVITY_LEVEL_KEYS if k in mapping]
        self.activity_indexes = [mapping[k] for k in self.activity_keys]
        self.participation_keys = [k for k in PARTICIPATION_KEYS if k in mapping]
        self.cache: dict[tuple[str, Any], Any] = {}
        self.plans: dict[str, ActivityPlan] = {}

    def error(self, row: int, key: str, message: str) -> None:
        self.errors.add(RowError(row=row, column=self.table.headers[self.mapping[key]], message=message,
                                 row_word=self.table.row_word))

    def cell(self, cells: list[Any], key: str) -> Any:
        index = self.mapping[key]
        return cells[index] if index < len(cells) else None

    def clean(self, row: int, key: str, raw: Any) -> tuple[bool, Any]:
        """(ok, value); small-domain columns are cleaned once per distinct value."""
        cache_key = (key, raw) if key in CACHED_KEYS and isinstance(raw, str | int | float | type(None)) else None
        if cache_key is not None and cache_key in self.cache:
            outcome = self.cache[cache_key]
        else:
            try:
                outcome = (True, ACTIVITY_COLUMNS_BY_KEY[key].clean(raw))
            except CellError as problem:
                outcome = (False, str(problem))
            if cache_key is not None:
                self.cache[cache_key] = outcome
        if not outcome[0]:
            self.error(row, key, outcome[1])
        return outcome

    def activity_values(self, row: int, cells: list[Any]) -> dict[str, Any] | None:
        values: dict[str, Any] = {}
        ok = True
        for key in self.activity_keys:
            good, value = self.clean(row, key, self.cell(cells, key))
            ok = ok and good
            values[key] = value
        return values if ok else None

    def resolve(self, plan: ActivityPlan) -> bool:
        """The activity's type, providers and benchmarks; errors on its first row."""
        values, row, ok = plan.values, plan.first_row, True
        kind = self.state.types.get(header_key(values["type"]))
        if kind is None:
            known = ", ".join(self.state.type_names)
            self.error(row, "type", _("'%(value)s' is not one of this school's types of activity. Use the name or "
                                      "code of one of: %(known)s.") % {"value": _shorten(values["type"]),
                                                                       "known": known})
            ok = False
        plan.kind = kind
        unknown = []
        for name in values.get("provider", ()):
            provider = self.state.providers.get(name.casefold())
            if provider is None:
                unknown.append(name)
            else:
                plan.providers.append(provider)
        if unknown:
            self.error(row, "provider", _("%(names)s: not in the provider directory. Add them to the directory "
                                          "first, or correct the name as the directory spells it.")
                       % {"names": ", ".join(f"'{_shorten(n)}'" for n in unknown)})
            ok = False
        missing = [n for n in values.get("benchmarks") or () if n not in self.state.benchmarks]
        if missing:  # only if someone deleted a benchmark; the numbers themselves were checked
            self.error(row, "benchmarks", _("This school has no benchmark %(n)s.") % {"n": missing[0]})
            ok = False
        if kind is not None and values.get("pal_encounter") and not kind.is_provider_encounter:
            self.error(row, "pal_encounter", _("Only a provider encounter can count for PAL, and '%(type)s' is not "
                                               "one. Use the type '%(pal)s', or say no.")
                       % {"type": kind.name, "pal": self._pal_type_name()})
            ok = False
        end = values.get("end_date")
        if end is not None and end < values["date"]:
            self.error(row, "end_date", _("The last day (%(end)s) is before the first (%(start)s).")
                       % {"end": end.strftime("%d/%m/%Y"), "start": values["date"].strftime("%d/%m/%Y")})
            ok = False
        return ok

    def _pal_type_name(self) -> str:
        names = {k.name for k in self.state.types.values() if k.is_provider_encounter and k.is_active}
        return sorted(names)[0] if names else _("Provider encounter (PAL)")

    def compare(self, plan: ActivityPlan, row: int, values: dict[str, Any]) -> bool:
        ok = True
        for key in self.activity_keys:
            if values[key] != plan.values[key]:
                self.error(row, key, _("%(this)s differs from row %(first)d (%(other)s), which has the same "
                                       "activity_ref '%(ref)s'. Every row of one activity must give the same %(what)s.")
                           % {"this": _display(key, values[key]), "first": plan.first_row,
                              "other": _display(key, plan.values[key]), "ref": _shorten(plan.ref),
                              "what": ACTIVITY_COLUMNS_BY_KEY[key].label})
                ok = False
        return ok

    def run(self) -> list[ActivityPlan]:
        first_row_of: dict[tuple[str, int], int] = {}
        for source in self.table.rows:
            row, cells = source.number, source.cells
            good, ref = self.clean(row, "activity_ref", self.cell(cells, "activity_ref"))
            raw = tuple(cells[i] if i < len(cells) else None for i in self.activity_indexes)
            plan = self.plans.get(ref) if good else None
            if not good:
                self.activity_values(row, cells)  # report this row's other problems too
            elif plan is None:
                values = self.activity_values(row, cells)
                plan = ActivityPlan(ref=ref, first_row=row, raw=raw, values=values or {}, bad=values is None)
                self.plans[ref] = plan
                if values is not None and not self.resolve(plan):
                    plan.bad = True
            elif raw != plan.raw and not plan.bad:
                values = self.activity_values(row, cells)
                if values is not None:
                    self.compare(plan, row, values)
            good_upn, upn = self.clean(row, "upn", self.cell(cells, "upn"))
            pupil_id = self.state.pupils.get(upn) if good_upn else None
            if good_upn and pupil_id is None:
                self.error(row, "upn", _("%(upn)s is not a pupil of this school. Import or add the pupil first, or "
                                         "correct the UPN.") % {"upn": upn})
            entry_ok = pupil_id is not None
            if entry_ok and good:
                first = first_row_of.setdefault((ref, pupil_id), row)
                if first != row:
                    self.error(row, "upn", _("%(upn)s is also on row %(first)d for the same activity_ref '%(ref)s'. "
                                             "Each pupil may appear once per activity.")
                               % {"upn": upn, "first": first, "ref": _shorten(ref)})
                    entry_ok = False
            values = {}
            for key in self.participation_keys:
                good_cell, value = self.clean(row, key, self.cell(cells, key))
                entry_ok = entry_ok and good_cell
                values[key] = value
            if entry_ok and plan is not None:
                plan.entries.append(Entry(row=row, pupil_id=pupil_id, values=values))  # type: ignore[arg-type]
        return list(self.plans.values())


# ## Planning: compare the clean file with what the school holds ##################################

def _load_existing(school: School, refs: list[str], *, lock: bool) -> dict[str, Activity]:
    """The activities these refs name: by import_ref, or "RA-<id>" for one recorded on screen."""
    found: dict[str, Activity] = {}
    exported = {int(m.group(1)): ref for ref in refs if (m := EXPORTED_REF.match(ref))}
    base = Activity.objects.filter(school=school).select_related("activity_type")
    if lock:
        base = base.select_for_update(of=("self",))
    for chunk in _chunks(refs):
        for activity in base.filter(import_ref__in=chunk):
            found[activity.import_ref] = activity  # type: ignore[index]
    ids = list(exported)
    for chunk in _chunks(ids):
        for activity in base.filter(pk__in=chunk, import_ref__isnull=True):
            found.setdefault(exported[activity.pk], activity)
    return found


def _links(through: type[Model], column: str, activity_ids: list[int]) -> dict[int, set[int]]:
    links: dict[int, set[int]] = {}
    for chunk in _chunks(activity_ids):
        for activity_id, other in through.objects.filter(activity_id__in=chunk).values_list("activity_id", column):
            links.setdefault(activity_id, set()).add(other)
    return links


def _year_of(state: ActivityState, day: dt.date) -> tuple[int, Term | None]:
    year = next((y for y in state.years if y.starts_on <= day <= y.ends_on), None)
    term = next((t for t in state.terms if t.starts_on <= day <= t.ends_on), None)
    return (year.start_year if year else dates.academic_year_of(day)), term


def _apply_checklists(activity: Activity, values: dict[str, Any], changed: set[str]) -> None:
    """Make `meaningful` and PAL say what the file says, touching the checklists only when needed.

    "yes" ticks every item the judgement needs; "no" clears them only if the activity would
    otherwise be judged yes (so a half-ticked checklist survives re-importing an export); an
    empty cell leaves the checklist alone.
    """

    def put(name: str, value: Any) -> None:
        if getattr(activity, name) != value:
            setattr(activity, name, value)
            changed.add(name)

    meaningful = values.get("meaningful")
    workplace = activity.activity_type.is_workplace_experience
    if meaningful is True:
        for name in BASIC_CHECKLIST + (WORKPLACE_CHECKLIST if workplace else ()):
            put(name, True)
    elif meaningful is False and judge_meaningful(activity):
        for name in BASIC_CHECKLIST + WORKPLACE_CHECKLIST:
            put(name, False)
    pal = values.get("pal_encounter")
    if pal is True:
        for name in (*PAL_POINTS, "in_school_day"):
            put(name, True)
    elif pal is False and judge_pal(activity):
        for name in PAL_POINTS:
            put(name, False)


def _plan_activity(*, school: School, by: Any, plan: ActivityPlan, existing: Activity | None, state: ActivityState,
                   links: tuple[dict[int, set[int]], dict[int, set[int]]]) -> None:
    values, kind = plan.values, plan.kind
    assert kind is not None
    changed: set[str] = set()
    user = by if getattr(by, "is_authenticated", False) else None
    if existing is None:
        activity = Activity(school=school, activity_type=kind, title=values["title"], date=values["date"],
                            setting=values.get("setting") or kind.default_setting, import_ref=plan.ref,
                            created_by=user, **{k: values[k] for k in (*TEXT_KEYS, "end_date") if k in values})
    else:
        activity = existing
        given = {"activity_type": kind, "title": values["title"], "date": values["date"],
                 **{k: values[k] for k in (*TEXT_KEYS, "end_date") if k in values}}
        if values.get("setting"):
            given["setting"] = values["setting"]
        for name, value in given.items():
            if getattr(activity, name) != value:
                setattr(activity, name, value)
                changed.add(name)
        if activity.import_ref is None:
            activity.import_ref = plan.ref  # an exported "RA-<id>": later imports find it by ref
    _apply_checklists(activity, values, changed)
    activity.meaningful = judge_meaningful(activity)
    activity.counts_for_pal = judge_pal(activity)
    plan.start_year, activity.term = _year_of(state, activity.date)

    numbers = values.get("benchmarks")
    wanted_benchmarks = ({state.benchmarks[n].pk for n in numbers} if numbers is not None
                         else None if existing is not None else state.type_benchmarks.get(kind.pk, set()))
    wanted_providers = {p.pk for p in plan.providers} if "provider" in values else None
    if existing is not None:
        if wanted_benchmarks is not None and wanted_benchmarks != links[0].get(existing.pk, set()):
            changed.add("benchmarks")
        else:
            wanted_benchmarks = None
        if wanted_providers is not None and wanted_providers != links[1].get(existing.pk, set()):
            changed.add("providers")
        else:
            wanted_providers = None
    plan.benchmark_ids, plan.provider_ids = wanted_benchmarks, wanted_providers
    plan.activity, plan.changed = activity, sorted(changed)


def _plan_participations(*, plan: ActivityPlan, current: dict[tuple[int, int], Participation]) -> None:
    activity = plan.activity
    assert activity is not None
    for entry in plan.entries:
        now = current.get((activity.pk, entry.pupil_id)) if activity.pk else None
        if now is None:
            # Kept as plain values: building 100,000 model instances would take seconds.
            plan.new_participations.append(entry)
        elif any(getattr(now, k) != v for k, v in entry.values.items()):
            plan.changed_participations.append((now, entry.values))


def _preview(plan: ActivityPlan) -> dict[str, Any]:
    activity = plan.activity
    assert activity is not None
    assert plan.kind is not None
    return {"row": plan.first_row, "ref": plan.ref, "date": activity.date.isoformat(), "title": activity.title,
            "type": plan.kind.name, "pupils": len(plan.entries), "action": plan.action,
            "new_pupils": len(plan.new_participations), "changed_pupils": len(plan.changed_participations)}


def _plan(*, school: School, by: Any, plans: list[ActivityPlan], state: ActivityState, result: ActivityImportResult,
          lock: bool) -> None:
    existing = _load_existing(school, [p.ref for p in plans], lock=lock)
    ids = [a.pk for a in existing.values()]
    links = (_links(Activity.benchmarks.through, "benchmark_id", ids),
             _links(Activity.providers.through, "provider_id", ids))
    current: dict[tuple[int, int], Participation] = {}
    for chunk in _chunks(ids):
        for participation in Participation.objects.filter(school=school, activity_id__in=chunk):
            current[(participation.activity_id, participation.pupil_id)] = participation
    for plan in plans:
        found = existing.get(plan.ref)
        _plan_activity(school=school, by=by, plan=plan, existing=found, state=state, links=links)
        _plan_participations(plan=plan, current=current)
        if found is None:
            plan.action = "created"
        elif plan.changed or plan.new_participations or plan.changed_participations:
            plan.action = "updated"
        else:
            plan.action = "unchanged"
        setattr(result, plan.action, getattr(result, plan.action) + 1)
        result.participations_created += len(plan.new_participations)
        result.participations_changed += len(plan.changed_participations)
        if plan.action != "unchanged" and len(result.preview) < PREVIEW_ROWS:
            result.preview.append(_preview(plan))
    result.plans = plans


def _check(*, school: School, by: Any, table: Table, state: ActivityState, lock: bool = False) -> ActivityImportResult:
    result = ActivityImportResult(file_format=table.format, rows=len(table.rows), warnings=list(table.warnings))
    errors = ErrorList()
    mapping = _map_columns(table, errors, result.warnings)
    if mapping is not None:
        if not table.rows:
            errors.add(RowError(row=None, column="", message=_("The file has a header row but no activities.")))
        plans = _Checker(table, mapping, state, errors).run()
        if not errors:
            _plan(school=school, by=by, plans=plans, state=state, result=result, lock=lock)
    result.errors, result.error_count = errors.items, errors.count
    if not result.ok:
        result.created = result.updated = result.unchanged = 0
        result.participations_created = result.participations_changed = 0
        result.plans, result.preview = [], []
    return result


def _read(*, file_name: str, content: bytes) -> Table:
    return read_table(file_name=file_name, content=content, max_rows=MAX_ACTIVITY_ROWS,
                      header_score=activity_header_score, allow_ctf=False)


def check_activity_file(*, school: School, by: Any, file_name: str, content: bytes) -> ActivityImportResult:
    """Check a file without writing any activity: what would be created, updated and left unchanged.

    The school's default activity types are made first if it lacks them (the file may name them).
    """
    return runs.check_file(ACTIVITIES, school=school, by=by, file_name=file_name, content=content, today=None)


# ## Writing #######################################################################################

def _insert_rows(model: type[Model], objects: list[Model], names: Sequence[str]) -> None:
    """Insert many rows in one executemany call (see `imports.services._update_rows` for why).

    Every object was checked and belongs to the school; ids are not read back.
    """
    fields = [model._meta.get_field(name) for name in names]
    _insert_params(model, names, [[f.get_db_prep_save(getattr(obj, f.attname), connection)  # type: ignore[union-attr]
                                   for f in fields] for obj in objects])


def _insert_params(model: type[Model], names: Sequence[str], params: Sequence[Sequence[Any]]) -> None:
    """INSERT rows given as values already in the database's form, in one executemany call."""
    if not params:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in names)  # type: ignore[union-attr]
    marks = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608  # nosec B608  # quoted model names, values as parameters
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _write(*, school: School, by: Any, result: ActivityImportResult, state: ActivityState) -> None:
    """Write a checked plan. Runs inside the caller's transaction."""
    now = timezone.now()
    years = {y.start_year: y for y in state.years}
    for start_year in sorted({p.start_year for p in result.plans} - set(years)):
        years[start_year] = ensure_academic_year(school=school, start_year=start_year)
    new = [p for p in result.plans if p.action == "created"]
    changed = [p for p in result.plans if p.action == "updated" and p.changed]
    for plan in result.plans:
        activity = plan.activity
        assert activity is not None
        activity.academic_year = years[plan.start_year]
    for plan in new:
        activity = plan.activity
        activity.created_at = activity.updated_at = now  # type: ignore[union-attr]
    _insert_rows(Activity, [p.activity for p in new],  # type: ignore[misc]
                 ["school", "created_by", "version", "created_at", "updated_at", *WRITTEN_FIELDS])
    # The new activities' ids, by their refs (unique in the school): one query per chunk of refs.
    made: dict[str, int] = {}
    for chunk in _chunks([p.ref for p in new]):
        made.update(Activity.objects.filter(school=school, import_ref__in=chunk).values_list("import_ref", "pk"))
    for plan in new:
        plan.activity.pk = made[plan.ref]  # type: ignore[union-attr]
    for plan in changed:
        activity = plan.activity
        activity.version += 1  # type: ignore[union-attr]  # an editor holding the old version is told
        activity.updated_at = now  # type: ignore[union-attr]
    _update_rows(Activity, [p.activity for p in changed], [*WRITTEN_FIELDS, "version", "updated_at"])  # type: ignore[misc]
    _write_links(result)
    _write_participations(school=school, by=by, result=result, now=now)


def _write_links(result: ActivityImportResult) -> None:
    # Links to benchmarks and providers: replaced where the file changes them.
    for name, attr, column in (("benchmarks", "benchmark_ids", "benchmark_id"),
                               ("providers", "provider_ids", "provider_id")):
        through = getattr(Activity, name).through
        replaced = [p.activity.pk for p in result.plans  # type: ignore[union-attr]
                    if p.action == "updated" and getattr(p, attr) is not None]
        for chunk in _chunks(replaced):
            through.objects.filter(activity_id__in=chunk).delete()
        rows = [through(activity_id=p.activity.pk, **{column: other})  # type: ignore[union-attr]
                for p in result.plans if getattr(p, attr) is not None for other in sorted(getattr(p, attr))]
        _insert_rows(through, rows, ["activity", column.removesuffix("_id")])


def _write_participations(*, school: School, by: Any, result: ActivityImportResult, now: dt.datetime) -> None:
    """New participations inserted; changed ones updated, their previous values kept as revisions."""
    user = by if getattr(by, "is_authenticated", False) else None
    # The cleaners already gave each value in its stored form (choice codes, text, small numbers);
    # only the timestamp needs the database's own form, and it is the same for every row.
    stamp = Participation._meta.get_field("updated_at").get_db_prep_save(now, connection)
    user_id = user.pk if user else None
    params = []
    for plan in result.plans:
        activity_id = plan.activity.pk  # type: ignore[union-attr]
        for entry in plan.new_participations:
            values = entry.values
            params.append((school.pk, activity_id, entry.pupil_id, values.get("attendance", Attendance.ATTENDED),
                           values.get("engagement"), values.get("reaction", ""), values.get("response", ""),
                           values.get("response_method", ""), values.get("staff_note", ""), user_id, stamp))
    _insert_params(Participation, ["school", "activity", "pupil", "attendance", "engagement", "reaction",
                                   "response", "response_method", "staff_note", "recorded_by", "updated_at"], params)
    revisions, updated = [], []
    names: set[str] = set()
    for plan in result.plans:
        for participation, values in plan.changed_participations:
            previous = {k: getattr(participation, k) for k in PARTICIPATION_KEYS}
            revisions.append(ParticipationRevision(school=school, participation=participation, previous=previous,
                                                   changed_by=user, changed_at=now))
            for key, value in values.items():
                setattr(participation, key, value)
            names.update(values)
            participation.recorded_by = user
            participation.updated_at = now
            updated.append(participation)
    _insert_rows(ParticipationRevision, revisions, ["school", "participation", "changed_by", "changed_at", "previous"])
    _update_rows(Participation, updated, [*sorted(names), "recorded_by", "updated_at"])


# ## The run ######################################################################################

def _check_table(*, school: School, by: Any, table: Table, today: dt.date | None) -> ActivityImportResult:
    return _check(school=school, by=by, table=table, state=load_state(school=school))


def _check_and_write_locked(*, school: School, by: Any, table: Table, today: dt.date | None) -> ActivityImportResult:
    state = load_state(school=school)
    result = _check(school=school, by=by, table=table, state=state, lock=True)
    if result.ok:
        _write(school=school, by=by, result=result, state=state)
    return result


def _audit_data(result: ActivityImportResult) -> dict[str, Any]:
    return {**runs.counts(result), "participations_created": result.participations_created,
            "participations_changed": result.participations_changed}


ACTIVITIES = runs.RunKind(
    kind=ImportKind.ACTIVITIES, action="import.activities", result_type=ActivityImportResult, read=_read,
    check=_check_table, check_and_write=_check_and_write_locked, audit_data=_audit_data,
    # Someone saved an activity with one of these refs between the check and the write.
    conflict=gettext_lazy("Someone else imported or changed these activities at the same moment. Nothing was "
                          "imported; try again."))


def import_activities(*, school: School, by: Any, file_name: str, content: bytes,
                      dry_run: bool = False) -> ImportRun:
    """Check a file and, if every row is good and this is not a dry run, import it.

    A dry run returns an unsaved ImportRun with the counts (activities new, updated, unchanged).
    A file with problems is recorded as a failed run with its errors, and nothing is written.
    """
    return runs.import_file(ACTIVITIES, school=school, by=by, file_name=file_name, content=content, today=None,
                            dry_run=dry_run)


def check_upload(*, school: School, by: Any, file_name: str, content: bytes) -> ImportRun:
    """Check an uploaded file and keep it until the careers leader confirms (or cancels) the import.

    As for pupils, only one import waits for confirmation at a time.
    """
    return runs.check_upload(ACTIVITIES, school=school, by=by, file_name=file_name, content=content, today=None)


def confirm_import(*, run: ImportRun, by: Any) -> ImportRun:
    """Import a checked file. It is checked again, since activities or pupils may have changed since."""
    return runs.confirm_import(ACTIVITIES, run=run, by=by, today=None)
