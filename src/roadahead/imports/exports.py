"""Export activities as CSV or XLSX: one row per activity, or one row per pupil per activity.

The participation file has exactly the import's columns (`activity_columns.EXPORT_HEADERS`), so a
careers leader can export, correct a spreadsheet and import it again: each activity's ref is its
`import_ref`, or "RA-<id>" for one recorded on screen, which the import recognises and updates.
Every text cell goes through `core.csvsafe.safe_cell`, so a pupil's response starting with "="
cannot run as a formula in whoever opens the file.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from roadahead.activities.models import Activity, ActivityType, Participation
from roadahead.audit.services import log_action
from roadahead.core.csvsafe import safe_cell
from roadahead.core.downloads import CSV_TYPE, csv_text
from roadahead.imports.activity_columns import EXPORT_HEADERS
from roadahead.schools.models import AcademicYear, School

ACTIVITY_HEADERS = ("activity_ref", "date", "end_date", "title", "type", "setting", "provider", "benchmarks",
                    "meaningful", "pal_encounter", "purpose", "learning_outcomes", "people_met", "term",
                    "academic_year", "pupils", "attended")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ExportFilters:
    academic_year: AcademicYear | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    activity_type: ActivityType | None = None


@dataclass(frozen=True)
class ExportFile:
    name: str
    content_type: str
    content: bytes
    activities: int
    rows: int


def activities_for_export(*, school: School, filters: ExportFilters) -> QuerySet[Activity]:
    found = Activity.objects.filter(school=school)
    if filters.academic_year is not None:
        found = found.filter(academic_year=filters.academic_year)
    if filters.date_from is not None:
        found = found.filter(date__gte=filters.date_from)
    if filters.date_to is not None:
        found = found.filter(date__lte=filters.date_to)
    if filters.activity_type is not None:
        found = found.filter(activity_type=filters.activity_type)
    return (found.select_related("activity_type", "term", "academic_year")
            .prefetch_related("providers", "benchmarks").order_by("date", "pk"))


def activity_ref(activity: Activity) -> str:
    return activity.import_ref or f"RA-{activity.pk}"


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _activity_cells(activity: Activity) -> dict[str, Any]:
    """The activity's columns, in the form the import reads back."""
    numbers = [str(b.number) for b in activity.benchmarks.all()]
    return {
        "activity_ref": activity_ref(activity), "date": activity.date, "end_date": activity.end_date,
        "title": activity.title, "type": activity.activity_type.name, "setting": activity.get_setting_display(),
        "provider": "; ".join(p.name for p in activity.providers.all()),
        # "none" rather than empty: an empty cell means "the type's usual benchmarks" to the import.
        "benchmarks": ";".join(sorted(numbers, key=int)) or "none",
        "meaningful": _yes_no(activity.meaningful), "pal_encounter": _yes_no(activity.counts_for_pal),
        "purpose": activity.purpose, "learning_outcomes": activity.learning_outcomes,
        "people_met": activity.people_met,
    }


def activity_rows(activities: Iterable[Activity]) -> Iterator[list[Any]]:
    for activity in activities:
        cells = _activity_cells(activity)
        cells["term"] = activity.term.get_name_display() if activity.term else ""
        cells["academic_year"] = str(activity.academic_year)
        cells["pupils"] = activity.pupil_count  # type: ignore[attr-defined]
        cells["attended"] = activity.attended_count  # type: ignore[attr-defined]
        yield [cells[h] for h in ACTIVITY_HEADERS]


def participation_rows(activities: Iterable[Activity]) -> Iterator[list[Any]]:
    for activity in activities:
        cells = _activity_cells(activity)
        for participation in activity.export_participations:  # type: ignore[attr-defined]
            pupil = participation.pupil
            yield [*(cells.get(h, "") for h in EXPORT_HEADERS[:13]), *(_participation_cells(participation, pupil))]


def _participation_cells(participation: Participation, pupil: Any) -> list[Any]:
    return [pupil.upn, pupil.display_name, participation.attendance, participation.engagement or "",
            participation.response, participation.reaction, participation.response_method,
            participation.staff_note]


def _guard(row: list[Any]) -> list[Any]:
    """XLSX cells: the control characters XML cannot hold (pasted text carries them; openpyxl refuses
    them) are dropped first, then the formula guard looks at what is left."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return [safe_cell(ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value) for value in row]


def _csv(headers: Sequence[str], rows: Iterable[list[Any]]) -> bytes:
    text = csv_text(headers, ([value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else value for value in row]
                              for row in rows))
    # With a byte order mark Excel opens UTF-8 (accents, curly quotes) correctly.
    return text.encode("utf-8-sig")


def _xlsx(title: str, headers: Iterable[str], rows: Iterable[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(list(headers))
    for row in rows:
        sheet.append(_guard(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_activities(*, school: School, by: Any, filters: ExportFilters, what: str, file_format: str,
                      today: dt.date) -> ExportFile:
    """Build the file and write one audit entry ("export.activities") with what was exported and counts.

    `what` is "activities" (one row each) or "participations" (one row per pupil per activity).
    """
    activities = activities_for_export(school=school, filters=filters)
    if what == "participations":
        activities = activities.prefetch_related(Prefetch(
            "participations", to_attr="export_participations",
            queryset=Participation.objects.filter(school=school).select_related("pupil")
            .order_by("pupil__legal_surname", "pupil__legal_forename", "pupil__pk")))
        headers: tuple[str, ...] = EXPORT_HEADERS
        found = list(activities)
        rows = list(participation_rows(found))
    else:
        activities = activities.annotate(
            pupil_count=Count("participations"),
            attended_count=Count("participations", filter=~Q(participations__attendance="absent")))
        headers = ACTIVITY_HEADERS
        found = list(activities)
        rows = list(activity_rows(found))
    if file_format == "xlsx":
        content = _xlsx(_("Activities") if what == "activities" else _("Participations"), headers, rows)
        content_type = XLSX_TYPE
    else:
        content, content_type = _csv(headers, rows), CSV_TYPE
    name = f"{school.slug}-{what}-{today.isoformat()}.{file_format}"
    log_action(school=school, user=by, action="export.activities", data={
        "what": what, "format": file_format, "activities": len(found), "rows": len(rows),
        "filters": {"academic_year": filters.academic_year.pk if filters.academic_year else None,
                    "from": filters.date_from.isoformat() if filters.date_from else None,
                    "to": filters.date_to.isoformat() if filters.date_to else None,
                    "type": filters.activity_type.pk if filters.activity_type else None}})
    return ExportFile(name=name, content_type=content_type, content=content, activities=len(found), rows=len(rows))
