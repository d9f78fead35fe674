"""Destination imports: one row per leaver, all or nothing like every import.

Columns: UPN and Destination are required; Provider, Start Date and Notes are optional. The
destination may be given by its code (specialist-college), its name (Specialist college) or its
NCCIS code when only one of the school's categories has it. A provider must already be in the
school's directory. Every pupil must have left school (a leaving date on or before today).

Re-importing: a row whose pupil already has a destination with the same category and start date
updates that destination's provider and notes instead of adding a copy; otherwise it adds a new
destination (the latest by start date is the current one). Each new destination is judged against
the pupil's last pathway and the pupil's three check-ins are planned, as on screen. Rows are
written in bulk in one transaction with one audit entry, in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from roadahead.destinations.models import CHECK_IN_YEARS, CheckIn, Destination
from roadahead.destinations.scheduling import check_in_dates
from roadahead.imports import runs
from roadahead.imports.columns import CellError, Column, _shorten, cell_text, clean_upn, header_key, parse_date
from roadahead.imports.models import ImportKind, ImportRun
from roadahead.imports.parsers import Table, read_table
from roadahead.imports.runs import PREVIEW_ROWS, ErrorList, RowError
from roadahead.imports.services import map_columns
from roadahead.people.models import Enrolment, Pupil
from roadahead.providers.models import Provider
from roadahead.schools.models import DestinationCategory, Pathway, School

MAX_DESTINATION_ROWS = 5_000


def _clean_category(value: Any) -> str:
    text = cell_text(value, max_length=200)
    if not text:
        raise CellError(_("The destination is missing."))
    return text


def _clean_optional(value: Any) -> str:
    return cell_text(value, max_length=200)


def _clean_notes(value: Any) -> str:
    return cell_text(value, max_length=5000)


DESTINATION_COLUMNS: tuple[Column, ...] = (
    Column("upn", "UPN", ("Unique Pupil Number", "Pupil UPN"), True, clean_upn),
    Column("category", "Destination", ("Destination Category", "Category", "Destination Code"), True,
           _clean_category),
    Column("provider", "Provider", ("Provider Name", "College", "Employer"), False, _clean_optional),
    Column("start_date", "Start Date", ("Destination Start Date", "Started"), False, parse_date),
    Column("notes", "Notes", ("Note", "Comments"), False, _clean_notes),
)
_BY_KEY = {c.key: c for c in DESTINATION_COLUMNS}
_HEADER_TO_KEY = {alias: c.key for c in DESTINATION_COLUMNS for alias in c.keys}


def _column_for_header(text: Any) -> str | None:
    return _HEADER_TO_KEY.get(header_key(text))


def _header_score(cells: list[Any]) -> int:
    return len({_column_for_header(cell) for cell in cells if isinstance(cell, str)} - {None})


@dataclass
class PlannedDestination:
    row: int
    pupil: Pupil
    category: DestinationCategory
    provider: Provider | None
    start_date: dt.date | None
    notes: str
    existing: Destination | None  # to update, or None to add
    action: str  # created | updated | unchanged


@dataclass
class DestinationImportResult(runs.RunResult):
    planned: list[PlannedDestination] = field(default_factory=list, repr=False)


@dataclass
class _State:
    pupils: dict[str, Pupil]
    categories: dict[str, DestinationCategory]  # code, casefolded name, and unambiguous NCCIS code
    category_names: list[str]
    providers: dict[str, Provider | None]  # casefolded name → provider (None: two share the name)
    destinations: dict[tuple[int, int, dt.date | None], Destination]
    last_pathway: dict[int, Pathway]
    in_keeping: dict[int, set[int]]  # pathway id → category ids
    check_ins: set[tuple[int, int]]  # (pupil id, number)


def _load_state(*, school: School, lock: bool = False) -> _State:
    pupils = Pupil.objects.filter(school=school)
    if lock:
        pupils = pupils.select_for_update()
    categories: dict[str, DestinationCategory] = {}
    by_nccis: dict[str, list[DestinationCategory]] = {}
    category_list = list(DestinationCategory.objects.filter(school=school))
    for category in category_list:
        categories[category.code.casefold()] = category
        categories[category.name.casefold()] = category
        if category.nccis_code:
            by_nccis.setdefault(category.nccis_code, []).append(category)
    for code, found in by_nccis.items():
        if len(found) == 1:
            categories.setdefault(code, found[0])
    providers: dict[str, Provider | None] = {}
    for provider in Provider.objects.filter(school=school):
        key = provider.name.casefold()
        providers[key] = None if key in providers else provider
    pathways = {p.pk: p for p in Pathway.objects.filter(school=school).prefetch_related("in_keeping_destinations")}
    last_pathway: dict[int, Pathway] = {}
    for pupil_id, pathway_id in (Enrolment.objects.filter(school=school, pathway__isnull=False)
                                 .order_by("pupil_id", "academic_year__start_year")
                                 .values_list("pupil_id", "pathway_id")):
        last_pathway[pupil_id] = pathways[pathway_id]
    return _State(
        pupils={p.upn: p for p in pupils}, categories=categories, category_names=[c.name for c in category_list],
        providers=providers,
        destinations={(d.pupil_id, d.category_id, d.start_date): d for d in Destination.objects.filter(school=school)},
        last_pathway=last_pathway,
        in_keeping={pk: {c.pk for c in p.in_keeping_destinations.all()} for pk, p in pathways.items()},
        check_ins=set(CheckIn.objects.filter(school=school).values_list("pupil_id", "number")))


class _RowChecker:
    """Checks one row at a time, adding every problem to `errors`; returns the plan for a good row."""

    def __init__(self, table: Table, mapping: dict[str, int], state: _State, today: dt.date,
                 errors: ErrorList) -> None:
        self.table, self.mapping, self.state, self.today, self.errors = table, mapping, state, today, errors
        self.first_row_of: dict[str, int] = {}
        self.number = 0
        self.ok = True

    def error(self, key: str, message: str) -> None:
        self.ok = False
        self.errors.add(RowError(row=self.number, column=self.table.headers[self.mapping[key]], message=message,
                                 row_word=self.table.row_word))

    def _values(self, cells: list[Any]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, index in self.mapping.items():
            raw = cells[index] if index < len(cells) else None
            try:
                values[key] = _BY_KEY[key].clean(raw)
            except CellError as problem:
                self.error(key, str(problem))
        return values

    def _pupil(self, upn: str | None) -> Pupil | None:
        if not upn:
            return None
        if upn in self.first_row_of:
            self.error("upn", _("%(upn)s is also on %(word)s %(first)d. Give each leaver one row.")
                       % {"upn": upn, "word": self.table.row_word.lower(), "first": self.first_row_of[upn]})
        else:
            self.first_row_of[upn] = self.number
        pupil = self.state.pupils.get(upn)
        if pupil is None:
            self.error("upn", _("No pupil in this school has the UPN %(upn)s. Import the pupil first.") % {"upn": upn})
        elif pupil.date_left is None or pupil.date_left > self.today:
            self.error("upn", _("%(upn)s has not left school yet: give their leaving date (in a pupil import or on "
                                "their page) first.") % {"upn": upn})
        return pupil

    def _category(self, text: str | None) -> DestinationCategory | None:
        if not text:
            return None
        category = self.state.categories.get(text.casefold())
        if category is None:
            self.error("category", _("'%(name)s' is not one of this school's destinations (%(known)s).")
                       % {"name": _shorten(text), "known": ", ".join(self.state.category_names)})
        return category

    def _provider(self, text: str | None) -> Provider | None:
        if not text:
            return None
        key = text.casefold()
        if key not in self.state.providers:
            self.error("provider", _("'%(name)s' is not in your provider directory. Add it there first, or leave "
                                     "the cell empty.") % {"name": _shorten(text)})
        elif self.state.providers[key] is None:
            self.error("provider", _("Two providers in your directory are called '%(name)s'. Rename one so they "
                                     "can be told apart.") % {"name": _shorten(text)})
        return self.state.providers.get(key)

    def check(self, number: int, cells: list[Any]) -> PlannedDestination | None:
        self.number, self.ok = number, True
        values = self._values(cells)
        pupil = self._pupil(values.get("upn"))
        category = self._category(values.get("category"))
        provider = self._provider(values.get("provider"))
        start_date = values.get("start_date")
        if start_date is not None and start_date > self.today + dt.timedelta(days=366):
            self.error("start_date", _("%(day)s is more than a year away.") % {"day": start_date.strftime("%d/%m/%Y")})
        if not self.ok or pupil is None or category is None:
            return None
        existing = self.state.destinations.get((pupil.pk, category.pk, start_date))
        notes = values.get("notes", existing.notes if existing else "")
        if existing is None:
            action = "created"
        elif existing.provider_id == (provider.pk if provider else None) and existing.notes == notes:
            action = "unchanged"
        else:
            action = "updated"
        return PlannedDestination(row=number, pupil=pupil, category=category, provider=provider,
                                  start_date=start_date, notes=notes, existing=existing, action=action)


def _check(*, table: Table, state: _State, today: dt.date) -> DestinationImportResult:
    result = DestinationImportResult(file_format=table.format, rows=len(table.rows), warnings=list(table.warnings))
    errors = ErrorList()
    mapping = map_columns(table, errors, result.warnings, columns=DESTINATION_COLUMNS,
                          column_for_header=_column_for_header,
                          describe=lambda missing: "; ".join(c.label for c in missing))
    if mapping is not None:
        if not table.rows:
            errors.add(RowError(row=None, column="", message=_("The file has a header row but no leavers.")))
        checker = _RowChecker(table, mapping, state, today, errors)
        for row in table.rows:
            planned = checker.check(row.number, row.cells)
            if planned is not None:
                result.planned.append(planned)
    result.errors, result.error_count = errors.items, errors.count
    if not result.ok:
        result.planned = []
        return result
    for plan in result.planned:
        setattr(result, plan.action, getattr(result, plan.action) + 1)
    result.preview = [{"row": p.row, "name": p.pupil.display_name, "category": p.category.name,
                       "provider": p.provider.name if p.provider else "",
                       "start_date": p.start_date.isoformat() if p.start_date else "", "action": p.action}
                      for p in result.planned if p.action != "unchanged"][:PREVIEW_ROWS]
    return result


def _read(*, file_name: str, content: bytes) -> Table:
    return read_table(file_name=file_name, content=content, max_rows=MAX_DESTINATION_ROWS,
                      header_score=_header_score, allow_ctf=False)


def check_destination_file(*, school: School, file_name: str, content: bytes,
                           today: dt.date) -> DestinationImportResult:
    return runs.check_file(DESTINATIONS, school=school, by=None, file_name=file_name, content=content, today=today)


def _write(*, school: School, result: DestinationImportResult, state: _State) -> None:
    new: list[Destination] = []
    changed: list[Destination] = []
    for plan in result.planned:
        if plan.action == "created":
            pathway = state.last_pathway.get(plan.pupil.pk)
            destination = Destination(
                school=school, pupil=plan.pupil, category=plan.category, provider=plan.provider,
                start_date=plan.start_date, notes=plan.notes, pathway=pathway,
                in_keeping_auto=None if pathway is None else plan.category.pk in state.in_keeping[pathway.pk])
            destination.full_clean(exclude=["pupil", "category", "provider", "pathway", "school", "recorded_by"])
            new.append(destination)
        elif plan.action == "updated":
            assert plan.existing is not None
            plan.existing.provider, plan.existing.notes = plan.provider, plan.notes
            plan.existing.version += 1
            changed.append(plan.existing)
    Destination.objects.bulk_create(new, batch_size=500)
    Destination.objects.bulk_update(changed, ["provider", "notes", "version", "updated_at"], batch_size=500)
    check_ins = []
    for plan in result.planned:
        assert plan.pupil.date_left is not None
        for number, due_on in check_in_dates(plan.pupil.date_left, CHECK_IN_YEARS).items():
            if (plan.pupil.pk, number) not in state.check_ins:
                state.check_ins.add((plan.pupil.pk, number))
                check_ins.append(CheckIn(school=school, pupil=plan.pupil, number=number, due_on=due_on))
    CheckIn.objects.bulk_create(check_ins, batch_size=500)


# ## The run ######################################################################################

def _check_table(*, school: School, by: Any, table: Table, today: dt.date) -> DestinationImportResult:
    return _check(table=table, state=_load_state(school=school), today=today)


def _check_and_write_locked(*, school: School, by: Any, table: Table, today: dt.date) -> DestinationImportResult:
    state = _load_state(school=school, lock=True)
    result = _check(table=table, state=state, today=today)
    if result.ok:
        _write(school=school, result=result, state=state)
    return result


DESTINATIONS = runs.RunKind(kind=ImportKind.DESTINATIONS, action="import.destinations",
                            result_type=DestinationImportResult, read=_read, check=_check_table,
                            check_and_write=_check_and_write_locked)


def import_destinations(*, school: School, by: Any, file_name: str, content: bytes, today: dt.date,
                        dry_run: bool = False) -> ImportRun:
    """Check a file and, if every row is good and this is not a dry run, import it (an unsaved run for a dry run)."""
    return runs.import_file(DESTINATIONS, school=school, by=by, file_name=file_name, content=content, today=today,
                            dry_run=dry_run)


def check_upload(*, school: School, by: Any, file_name: str, content: bytes, today: dt.date) -> ImportRun:
    """Check an uploaded file and keep it until the careers leader confirms or cancels (one waits at a time)."""
    return runs.check_upload(DESTINATIONS, school=school, by=by, file_name=file_name, content=content, today=today)


def confirm_import(*, run: ImportRun, by: Any, today: dt.date) -> ImportRun:
    """Import a checked file, checking it again against the records as they are now."""
    return runs.confirm_import(DESTINATIONS, run=run, by=by, today=today)
