"""Pupil imports: check every row of a file, then write everything in one transaction or nothing.

The pattern (after pretix's model import): the file is parsed and every row cleaned first, with
every problem collected by row and column. Only a file with no problems is written, inside one
`transaction.atomic()` that re-reads the school's pupils under lock, so a crash or a clash with
someone's edit leaves nothing half-written. Existing pupils are matched by UPN and updated, never
duplicated. Reads and writes are set-based (a fixed number of queries plus the database's own
batching), so 10,000 rows import in seconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from roadahead.imports import runs
from roadahead.imports.columns import COLUMNS_BY_KEY, NEED_KEYS, PUPIL_COLUMNS, CellError, column_for_header
from roadahead.imports.models import ImportKind, ImportRun, ImportStatus
from roadahead.imports.parsers import Table, read_table
from roadahead.imports.runs import PREVIEW_ROWS, ErrorList, RowError
from roadahead.people.enums import NeedType, SenProvision
from roadahead.people.models import Enrolment, Pupil, PupilNeed
from roadahead.schools.models import AcademicYear, ClassGroup, Pathway, School
from roadahead.schools.selectors import academic_year_start_on
from roadahead.schools.services import ensure_academic_year

# Pupil fields a file may set. A column that is absent, or an empty cell where "unchanged" makes
# sense (see NONE_MEANS_UNCHANGED), leaves the stored value alone.
PUPIL_KEYS = ("upn", "legal_surname", "legal_forename", "preferred_surname", "preferred_forename",
              "date_of_birth", "sex", "sen_provision", "looked_after", "date_left", "ehcp_next_review")
FIELD_LABELS = {
    "upn": "UPN", "legal_surname": "surname", "legal_forename": "forename",
    "preferred_surname": "preferred surname", "preferred_forename": "preferred forename",
    "date_of_birth": "date of birth", "sex": "sex", "sen_provision": "SEN provision",
    "looked_after": "looked after", "date_left": "date left", "ehcp_next_review": "EHCP review date",
    "needs": "needs", "nc_year": "NC year", "class_group": "class", "pathway": "pathway",
}


# ## Results ######################################################################################

@dataclass
class CleanRow:
    number: int
    upn: str
    pupil_values: dict[str, Any]
    needs: list[str] | None  # None: the file has no need columns
    nc_year: str
    class_name: str | None  # None: leave the class as it is
    pathway: Pathway | None
    pathway_given: bool


@dataclass
class PlannedPupil:
    row: CleanRow
    pupil: Pupil
    action: str  # "created", "updated" or "unchanged"
    changed: list[str]
    needs_changed: bool
    enrolment: Enrolment | None  # an unsaved or changed enrolment to write, else None
    class_name: str | None


@dataclass
class ImportResult(runs.RunResult):
    planned: list[PlannedPupil] = field(default_factory=list, repr=False)
    new_class_names: dict[str, str] = field(default_factory=dict, repr=False)


@dataclass
class SchoolState:
    """What the school holds now, loaded in a fixed number of queries."""

    start_year: int
    academic_year: AcademicYear | None
    pupils: dict[str, Pupil]
    needs: dict[int, list[str]]
    enrolments: dict[int, Enrolment]
    classes: dict[str, ClassGroup]
    pathways: dict[str, Pathway]
    pathway_names: list[str]


def load_state(*, school: School, today: dt.date, lock: bool = False) -> SchoolState:
    start_year = academic_year_start_on(school=school, day=today)
    year = AcademicYear.objects.filter(school=school, start_year=start_year).first()
    pupils = Pupil.objects.filter(school=school)
    if lock:
        # Inside the write transaction: a concurrent edit waits for the import (PostgreSQL), and
        # the import works from the rows as they are now, not as they were when it was checked.
        pupils = pupils.select_for_update()
    needs: dict[int, list[str]] = {}
    for pupil_id, need in (PupilNeed.objects.filter(school=school).order_by("pupil_id", "rank")
                           .values_list("pupil_id", "need")):
        needs.setdefault(pupil_id, []).append(need)
    enrolments = ({e.pupil_id: e for e in Enrolment.objects.filter(school=school, academic_year=year)
                   .select_related("class_group", "pathway")}
                  if year else {})
    classes = ({c.name.casefold(): c for c in ClassGroup.objects.filter(school=school, academic_year=year)}
               if year else {})
    pathway_list = list(Pathway.objects.filter(school=school))
    return SchoolState(start_year=start_year, academic_year=year, pupils={p.upn: p for p in pupils},
                       needs=needs, enrolments=enrolments, classes=classes,
                       pathways={p.name.casefold(): p for p in pathway_list},
                       pathway_names=[p.name for p in pathway_list])


# ## Checking ######################################################################################

def map_columns(table: Table, errors: ErrorList, warnings: list[str], *, columns: Sequence[Any],
                column_for_header: Callable[[str], str | None],
                describe: Callable[[list[Any]], str]) -> dict[str, int] | None:
    """Which cell index holds each field, or None (with one error) if required columns are missing.

    Shared by every import: `columns` are its column specs (with `key`, `required`), and
    `describe` names the missing columns in the error.
    """
    mapping: dict[str, int] = {}
    ignored: list[str] = []
    for index, header in enumerate(table.headers):
        key = column_for_header(header)
        if key is None:
            if header:
                ignored.append(header)
        elif key in mapping:
            warnings.append(_("The columns '%(first)s' and '%(second)s' hold the same thing; '%(first)s' was used.")
                            % {"first": table.headers[mapping[key]], "second": header})
        else:
            mapping[key] = index
    missing = [column for column in columns if column.required and column.key not in mapping]
    if missing:
        found = ", ".join(f"'{h}'" for h in table.headers if h) or _("no headers at all")
        errors.add(RowError(row=table.header_row, column="", message=_(
            "Required columns are missing: %(wanted)s. The header row has: %(found)s.")
            % {"wanted": describe(missing), "found": found}))
        return None
    if ignored:
        warnings.append(_("These columns are not used by Road Ahead and were ignored: %(names)s.")
                        % {"names": ", ".join(ignored)})
    return mapping


def _map_columns(table: Table, errors: ErrorList, warnings: list[str]) -> dict[str, int] | None:
    if table.known_fields is not None:  # a Common Transfer File names its fields itself
        return {key: index for index, key in table.known_fields.items()}
    return map_columns(table, errors, warnings, columns=PUPIL_COLUMNS, column_for_header=column_for_header,
                       describe=lambda missing: "; ".join(
                           f"{c.label} (or {', '.join(c.aliases)})" if c.aliases else c.label for c in missing))


def _clean_rows(table: Table, mapping: dict[str, int], state: SchoolState, today: dt.date,
                errors: ErrorList) -> list[CleanRow]:
    def error(number: int, key: str, message: str) -> None:
        errors.add(RowError(row=number, column=table.headers[mapping[key]], message=message,
                            row_word=table.row_word))

    has_needs = any(key in mapping for key in NEED_KEYS)
    first_row_of: dict[str, int] = {}
    clean: list[CleanRow] = []
    for row in table.rows:
        values: dict[str, Any] = {}
        ok = True
        for key, index in mapping.items():
            column = COLUMNS_BY_KEY[key]
            raw = row.cells[index] if index < len(row.cells) else None
            try:
                values[key] = column.clean(raw, today=today) if column.needs_today else column.clean(raw)
            except CellError as problem:
                error(row.number, key, str(problem))
                ok = False
        upn = values.get("upn")
        if upn:
            if upn in first_row_of:
                error(row.number, "upn", _("%(upn)s is also on %(word)s %(first)d. Each pupil may appear only once.")
                      % {"upn": upn, "word": table.row_word.lower(), "first": first_row_of[upn]})
                ok = False
            else:
                first_row_of[upn] = row.number
        pathway = None
        if values.get("pathway"):
            pathway = state.pathways.get(values["pathway"].casefold())
            if pathway is None:
                known = ", ".join(state.pathway_names)
                error(row.number, "pathway", _("'%(name)s' is not one of this school's pathways (%(known)s).")
                      % {"name": values["pathway"], "known": known} if known else
                      _("'%(name)s' is not a pathway: this school has no pathways yet. Add them in School set-up, "
                        "or leave the Pathway column empty.") % {"name": values["pathway"]})
                ok = False
        needs: list[str] | None = None
        if has_needs:
            primary, secondary = values.get("primary_need"), values.get("secondary_need")
            if secondary and not primary and "primary_need" in mapping:
                error(row.number, "secondary_need", _("There is a secondary need but no primary need."))
                ok = False
            needs = list(dict.fromkeys(n for n in [primary, secondary, *values.get("other_needs", [])] if n))
            provision = values.get("sen_provision")
            if NeedType.NSA in needs and provision in {SenProvision.EHC_PLAN, SenProvision.NONE}:
                key = next(k for k in NEED_KEYS if k in mapping)
                error(row.number, key, _("NSA (no specialist assessment) is used only with SEN support (K), "
                                         "but this pupil's SEN provision is %(provision)s.") % {"provision": provision})
                ok = False
        if not ok:
            continue
        pupil_values = {key: values[key] for key in PUPIL_KEYS if key in values and values[key] is not None}
        class_name = values.get("class_group") or None
        clean.append(CleanRow(number=row.number, upn=upn, pupil_values=pupil_values, needs=needs,
                              nc_year=values["nc_year"], class_name=class_name, pathway=pathway,
                              pathway_given=pathway is not None))
    return clean


def _validation_messages(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {name: [str(m) for e in errs for m in e.messages] for name, errs in error.error_dict.items()}
    return {"": list(error.messages)}


def _plan_enrolment(*, school: School, row: CleanRow, pupil: Pupil, state: SchoolState,
                    new_classes: dict[str, str]) -> tuple[Enrolment | None, str | None]:
    """The enrolment to write for this year (None if it is already right), and any new class's name."""
    current = state.enrolments.get(pupil.pk) if pupil.pk else None
    class_group = current.class_group if current else None
    class_name = None
    if row.class_name is not None:
        class_group = state.classes.get(row.class_name.casefold())
        if class_group is None:
            class_name = new_classes.setdefault(row.class_name.casefold(), row.class_name)
    pathway = row.pathway if row.pathway_given else (current.pathway if current else None)
    wanted = (row.nc_year, class_group.pk if class_group else None, pathway.pk if pathway else None)
    if current is not None and class_name is None and (
            current.nc_year, current.class_group_id, current.pathway_id) == wanted:
        return None, None
    enrolment = current or Enrolment(school=school, academic_year=state.academic_year)
    enrolment.nc_year = row.nc_year
    enrolment.class_group = class_group
    enrolment.pathway = pathway
    return enrolment, class_name


def _preview_row(planned: PlannedPupil, row_word: str) -> dict[str, Any]:
    changes = []
    if planned.action == "updated":
        changes = [FIELD_LABELS.get(name, name) for name in planned.changed if name != "enrolment"]
        if planned.enrolment is not None:
            changes.append(_("NC year, class or pathway"))
    return {"row": planned.row.number, "row_word": row_word, "upn": planned.pupil.upn,
            "name": planned.pupil.display_name, "nc_year": planned.row.nc_year, "action": planned.action,
            "changes": changes}


def _plan(*, school: School, table: Table, mapping: dict[str, int], rows: Iterable[CleanRow], state: SchoolState,
          errors: ErrorList, result: ImportResult) -> None:
    """Compare each clean row with what the school holds: created, updated or unchanged."""
    field_to_header = {key: table.headers[index] for key, index in mapping.items()}
    new_classes: dict[str, str] = {}
    for row in rows:
        pupil = state.pupils.get(row.upn)
        if pupil is None:
            pupil = Pupil(school=school, **row.pupil_values)
            action, changed = "created", list(row.pupil_values)
        else:
            changed = [key for key, value in row.pupil_values.items() if getattr(pupil, key) != value]
            for key in changed:
                setattr(pupil, key, row.pupil_values[key])
            action = "updated" if changed else "unchanged"
        if changed:
            # The model's own field checks, without queries: the school and uniqueness are known here.
            try:
                pupil.clean_fields(exclude=["school"])
            except ValidationError as problem:
                for name, messages in _validation_messages(problem).items():
                    for message in messages:
                        errors.add(RowError(row=row.number, column=field_to_header.get(name, name), message=message,
                                            row_word=table.row_word))
                continue
        if pupil.pk is None:
            needs_changed = bool(row.needs)
        else:
            needs_changed = row.needs is not None and state.needs.get(pupil.pk, []) != row.needs
        enrolment, class_name = _plan_enrolment(school=school, row=row, pupil=pupil, state=state,
                                                new_classes=new_classes)
        if action != "created" and (needs_changed or enrolment is not None):
            action = "updated"
            changed = [*changed, *(["needs"] if needs_changed else []), *(["enrolment"] if enrolment else [])]
        setattr(result, action, getattr(result, action) + 1)
        planned = PlannedPupil(row=row, pupil=pupil, action=action, changed=changed, needs_changed=needs_changed,
                               enrolment=enrolment, class_name=class_name)
        result.planned.append(planned)
        if action != "unchanged" and len(result.preview) < PREVIEW_ROWS:
            result.preview.append(_preview_row(planned, table.row_word))
    result.new_class_names = new_classes
    _plan_warnings(result=result, state=state)


def _plan_warnings(*, result: ImportResult, state: SchoolState) -> None:
    new_classes = result.new_class_names
    if new_classes:
        result.warnings.append(_("New classes for %(year)s (created when the file is imported): %(names)s.") % {
            "year": f"{state.start_year}/{str(state.start_year + 1)[-2:]}",
            "names": ", ".join(sorted(new_classes.values(), key=str.casefold))})
    in_file = {planned.row.upn for planned in result.planned}
    missing = sum(1 for upn, p in state.pupils.items() if upn not in in_file and p.date_left is None)
    if missing and result.planned:
        result.warnings.append(_("%(n)d pupils on roll in Road Ahead are not in this file. They are left as they "
                                 "are; record a date left for pupils who have left.") % {"n": missing})


def _check(*, school: School, table: Table, state: SchoolState, today: dt.date) -> ImportResult:
    result = ImportResult(file_format=table.format, rows=len(table.rows), warnings=list(table.warnings))
    errors = ErrorList()
    mapping = _map_columns(table, errors, result.warnings)
    if mapping is not None:
        if not table.rows:
            errors.add(RowError(row=None, column="", message=_("The file has a header row but no pupils.")))
        rows = _clean_rows(table, mapping, state, today, errors)
        if not errors:
            _plan(school=school, table=table, mapping=mapping, rows=rows, state=state, errors=errors, result=result)
    result.errors, result.error_count = errors.items, errors.count
    if not result.ok:
        result.created = result.updated = result.unchanged = 0
        result.planned, result.preview = [], []
    return result


def check_pupil_file(*, school: School, file_name: str, content: bytes, today: dt.date) -> ImportResult:
    """Check a file without writing anything: what would be created, updated and left unchanged."""
    return runs.check_file(PUPILS, school=school, by=None, file_name=file_name, content=content, today=today)


# ## Writing #######################################################################################

def _write(*, school: School, result: ImportResult, state: SchoolState) -> None:
    """Write a checked plan. Runs inside the caller's transaction."""
    year = state.academic_year or ensure_academic_year(school=school, start_year=state.start_year)
    created_classes = ClassGroup.objects.bulk_create(
        ClassGroup(school=school, academic_year=year, name=name) for name in result.new_class_names.values())
    classes = {**state.classes, **{c.name.casefold(): c for c in created_classes}}
    now = timezone.now()

    new = [p.pupil for p in result.planned if p.action == "created"]
    Pupil.objects.bulk_create(new)
    changed = [p for p in result.planned if p.action == "updated" and any(n in PUPIL_KEYS for n in p.changed)]
    if changed:
        for planned in changed:
            # The same bump update_pupil makes, so an editor holding the old version is told.
            planned.pupil.version += 1
            planned.pupil.updated_at = now
        names = sorted({n for p in changed for n in p.changed if n in PUPIL_KEYS})
        _update_rows(Pupil, [p.pupil for p in changed], [*names, "version", "updated_at"])

    replaced = [p.pupil.pk for p in result.planned if p.needs_changed and p.action == "updated"]
    for start in range(0, len(replaced), 5000):
        PupilNeed.objects.filter(school=school, pupil_id__in=replaced[start:start + 5000]).delete()
    PupilNeed.objects.bulk_create(
        PupilNeed(school=school, pupil=p.pupil, need=need, rank=rank)
        for p in result.planned if p.needs_changed for rank, need in enumerate(p.row.needs or [], start=1))

    to_create, to_update = [], []
    for planned in result.planned:
        enrolment = planned.enrolment
        if enrolment is None:
            continue
        enrolment.academic_year = year
        enrolment.pupil = planned.pupil
        if planned.class_name is not None:
            enrolment.class_group = classes[planned.class_name.casefold()]
        enrolment.clean_fields(exclude=["school", "pupil", "academic_year", "class_group", "pathway"])
        (to_update if enrolment.pk else to_create).append(enrolment)
    Enrolment.objects.bulk_create(to_create)
    _update_rows(Enrolment, to_update, ["nc_year", "class_group", "pathway"])


def _update_rows(model: type[Model], objects: list[Model], names: list[str]) -> None:
    """Save the named fields of many rows in one executemany call.

    Django's bulk_update builds one CASE expression per field over each batch, which takes tens
    of seconds for 10,000 pupils on SQLite; a prepared UPDATE run once per row by the driver takes
    a fraction of a second, and is still a single round of queries whatever the number of rows.
    Every object was validated and belongs to the school; the WHERE clause repeats the school.
    """
    if not objects:
        return
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)  # type: ignore[union-attr]
    where = f"{quote('id')} = %s AND {quote('school_id')} = %s"
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {where}"  # noqa: S608  # nosec B608  # quoted model names, values as parameters
    params = [[*(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields),  # type: ignore[union-attr]
               obj.pk, obj.school_id]  # type: ignore[attr-defined]
              for obj in objects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


# ## The run ######################################################################################

def _check_table(*, school: School, by: Any, table: Table, today: dt.date) -> ImportResult:
    return _check(school=school, table=table, state=load_state(school=school, today=today), today=today)


def _check_and_write_locked(*, school: School, by: Any, table: Table, today: dt.date) -> ImportResult:
    state = load_state(school=school, today=today, lock=True)
    result = _check(school=school, table=table, state=state, today=today)
    if result.ok:
        _write(school=school, result=result, state=state)
    return result


PUPILS = runs.RunKind(kind=ImportKind.PUPILS, action="import.pupils", result_type=ImportResult, read=read_table,
                      check=_check_table, check_and_write=_check_and_write_locked)


def import_pupils(*, school: School, by: Any, file_name: str, content: bytes, today: dt.date,
                  dry_run: bool = False) -> ImportRun:
    """Check a file and, if every row is good and this is not a dry run, import it.

    A dry run returns an unsaved ImportRun with the counts and writes nothing at all. A file with
    problems is recorded as a failed run with its errors, and no pupil is written.
    """
    return runs.import_file(PUPILS, school=school, by=by, file_name=file_name, content=content, today=today,
                            dry_run=dry_run)


def check_upload(*, school: School, by: Any, file_name: str, content: bytes, today: dt.date) -> ImportRun:
    """Check an uploaded file and keep it until the careers leader confirms (or cancels) the import.

    Only one import waits for confirmation at a time: older waiting files are discarded.
    """
    return runs.check_upload(PUPILS, school=school, by=by, file_name=file_name, content=content, today=today)


def confirm_import(*, run: ImportRun, by: Any, today: dt.date) -> ImportRun:
    """Import a checked file. It is checked again, since pupils may have changed since."""
    return runs.confirm_import(PUPILS, run=run, by=by, today=today)


def cancel_import(*, run: ImportRun, by: Any) -> ImportRun:
    if run.status == ImportStatus.CHECKED:
        run.status, run.content, run.preview = ImportStatus.CANCELLED, None, []
        run.save()
    return run
