"""The life of an import run, the same for pupils, activities and destinations.

A file is checked first, every row, with every problem collected by row and column (`ErrorList`).
Uploaded on screen, a good file waits as a CHECKED run until the careers leader confirms or
cancels it (only one waits at a time); from the command line it is imported at once, or only
checked (a dry run, which saves nothing). Confirming parses the file again outside the transaction,
then, inside one transaction, re-reads the school's records under lock, checks again and writes
everything or nothing, with one audit entry ("import.<kind>"). A file with problems becomes a
FAILED run with its errors, and is audited as "import.<kind>.rejected".

What differs by kind (how a file is read, checked and written, what the audit entry counts) is a
`RunKind`; the kind's module (`services`, `activity_services`, `destination_services`) keeps its
public functions and passes its `RunKind` to the functions here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.imports.models import ImportRun, ImportStatus
from roadahead.imports.parsers import FileProblem, Table
from roadahead.schools.models import School

# Only the first errors are kept and shown; all are counted.
MAX_ERRORS_SHOWN = 200
PREVIEW_ROWS = 10


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: about the file as a whole
    column: str
    message: str
    row_word: str = "Row"

    def __str__(self) -> str:
        where = [f"{self.row_word} {self.row}" if self.row is not None else "", self.column]
        prefix = ", ".join(part for part in where if part)
        return f"{prefix}: {self.message}" if prefix else self.message

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "row_word": self.row_word, "column": self.column, "message": self.message}


class ErrorList:
    """Collects errors, keeping the first MAX_ERRORS_SHOWN and counting them all."""

    def __init__(self) -> None:
        self.items: list[RowError] = []
        self.count = 0

    def add(self, error: RowError) -> None:
        self.count += 1
        if len(self.items) < MAX_ERRORS_SHOWN:
            self.items.append(error)

    def __bool__(self) -> bool:
        return self.count > 0


@dataclass
class RunResult:
    """What a check found: counts, the first errors (all counted), warnings and a preview. Each
    kind's result adds its plan, which is written only when there are no errors."""

    file_format: str = ""
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    warnings: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    preview: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error_count == 0


def counts(result: RunResult) -> dict[str, Any]:
    """The audit entry's data for a written run: rows and what happened to them, never values."""
    return {"rows": result.rows, "created": result.created, "updated": result.updated, "unchanged": result.unchanged}


@dataclass(frozen=True)
class RunKind:
    """What one kind of import does differently.

    `check(school=, by=, table=, today=)` checks a parsed file against the records as they are,
    writing nothing. `check_and_write(school=, by=, table=, today=)` runs inside the transaction:
    it loads the records under lock, checks, and writes only if the result is ok. `conflict`, if
    set, is the problem reported (and nothing written) when the write meets an IntegrityError,
    that is, someone else wrote the same records at the same moment.
    """

    kind: str  # an ImportKind
    action: str  # the audit action, such as "import.pupils"
    result_type: Callable[..., RunResult]
    read: Callable[..., Table]  # read(file_name=, content=); raises FileProblem
    check: Callable[..., RunResult]
    check_and_write: Callable[..., RunResult]
    audit_data: Callable[[Any], dict[str, Any]] = counts
    conflict: Any = None  # a (lazy) message, or None to let the IntegrityError through


def file_problem(spec: RunKind, problem: FileProblem | str) -> RunResult:
    """A result whose only error is about the file as a whole."""
    return spec.result_type(errors=[RowError(row=None, column="", message=str(problem))], error_count=1)


def check_file(spec: RunKind, *, school: School, by: Any, file_name: str, content: bytes,
               today: dt.date | None) -> RunResult:
    """Check a file without writing anything: what would be created, updated and left unchanged."""
    try:
        table = spec.read(file_name=file_name, content=content)
    except FileProblem as problem:
        return file_problem(spec, problem)
    return spec.check(school=school, by=by, table=table, today=today)


def run_from(spec: RunKind, result: RunResult, *, school: School, by: Any, file_name: str) -> ImportRun:
    """An unsaved run recording a check's outcome: CHECKED if the file is good, else FAILED."""
    return ImportRun(
        school=school, kind=spec.kind, created_by=by if getattr(by, "is_authenticated", False) else None,
        file_name=file_name[:255], file_format=result.file_format, rows=result.rows,
        created_count=result.created, updated_count=result.updated, unchanged_count=result.unchanged,
        errors=[e.as_dict() for e in result.errors], error_count=result.error_count, warnings=result.warnings,
        status=ImportStatus.CHECKED if result.ok else ImportStatus.FAILED)


def check_and_write(spec: RunKind, *, school: School, by: Any, run: ImportRun, content: bytes,
                    today: dt.date | None) -> RunResult:
    """Parse outside the transaction, then check again against locked rows and write, or write nothing.

    A good file marks `run` DONE (its content dropped) and writes one audit entry, in the same
    transaction as the records.
    """
    try:
        table = spec.read(file_name=run.file_name, content=content)
    except FileProblem as problem:
        return file_problem(spec, problem)
    try:
        with transaction.atomic():
            result = spec.check_and_write(school=school, by=by, table=table, today=today)
            if not result.ok:
                return result
            run.status = ImportStatus.DONE
            run.file_format, run.rows = result.file_format, result.rows
            run.created_count, run.updated_count, run.unchanged_count = (result.created, result.updated,
                                                                         result.unchanged)
            run.errors, run.error_count, run.warnings = [], 0, result.warnings
            run.content, run.preview = None, []
            run.save()
            log_action(school=school, user=by, action=spec.action, obj=run, data=spec.audit_data(result))
    except IntegrityError:
        if spec.conflict is None:
            raise
        return file_problem(spec, str(spec.conflict))
    return result


def log_rejected(spec: RunKind, run: ImportRun, by: Any) -> None:
    log_action(school=run.school, user=by, action=f"{spec.action}.rejected", obj=run,
               data={"rows": run.rows, "errors": run.error_count})


def import_file(spec: RunKind, *, school: School, by: Any, file_name: str, content: bytes,
                today: dt.date | None, dry_run: bool = False) -> ImportRun:
    """Check a file and, if every row is good and this is not a dry run, import it.

    A dry run returns an unsaved ImportRun with the counts and writes nothing at all. A file with
    problems is recorded as a failed run with its errors, and nothing is written.
    """
    if dry_run:
        result = check_file(spec, school=school, by=by, file_name=file_name, content=content, today=today)
        return run_from(spec, result, school=school, by=by, file_name=file_name)
    run = run_from(spec, spec.result_type(), school=school, by=by, file_name=file_name)
    result = check_and_write(spec, school=school, by=by, run=run, content=content, today=today)
    if not result.ok:
        run = run_from(spec, result, school=school, by=by, file_name=file_name)
        run.save()
        log_rejected(spec, run, by)
    return run


def check_upload(spec: RunKind, *, school: School, by: Any, file_name: str, content: bytes,
                 today: dt.date | None) -> ImportRun:
    """Check an uploaded file and keep it until the careers leader confirms (or cancels) the import.

    Only one import waits for confirmation at a time: older waiting files, of any kind, are discarded.
    """
    with transaction.atomic():
        ImportRun.objects.filter(school=school, status=ImportStatus.CHECKED).update(
            status=ImportStatus.CANCELLED, content=None, preview=[])
        result = check_file(spec, school=school, by=by, file_name=file_name, content=content, today=today)
        run = run_from(spec, result, school=school, by=by, file_name=file_name)
        if result.ok:
            run.content, run.preview = content, result.preview
        run.save()
        if not result.ok:
            log_rejected(spec, run, by)
    return run


def confirm_import(spec: RunKind, *, run: ImportRun, by: Any, today: dt.date | None) -> ImportRun:
    """Import a checked file. It is checked again, since the school's records may have changed since."""
    if run.kind != spec.kind or run.status != ImportStatus.CHECKED or run.content is None:
        raise ValidationError(_("This import is no longer waiting to be confirmed."))
    result = check_and_write(spec, school=run.school, by=by, run=run, content=bytes(run.content), today=today)
    if not result.ok:
        failed = run_from(spec, result, school=run.school, by=run.created_by, file_name=run.file_name)
        run.status, run.errors, run.error_count = ImportStatus.FAILED, failed.errors, failed.error_count
        run.warnings, run.content, run.preview = failed.warnings, None, []
        run.created_count = run.updated_count = run.unchanged_count = 0
        run.save()
        log_rejected(spec, run, by)
    return run
