"""The columns of an activity import: one row per pupil per activity.

Headers are matched as for pupils (ignoring case, spaces and punctuation). Columns are either
about the activity (rows sharing an activity_ref must agree on them) or about the pupil's part
in it. Every cleaner takes the cell as the file gave it and returns the value to use, or raises
`CellError` with a plain-English reason. docs/user/importing-activities.md describes the same
lists; the export (`imports.exports`) writes exactly these headers, so its files import again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from roadahead.activities.enums import Attendance, Engagement, Reaction, ResponseMethod, Setting
from roadahead.imports.columns import CellError, _shorten, cell_text, clean_upn, clean_yes_no, header_key, parse_date
from roadahead.imports.parsers import MAX_CELL_CHARS

# A file of a whole school's year: 200 pupils at 500 activities is 100,000 rows.
MAX_ACTIVITY_ROWS = 100_000
# Excel stores dates as days since 30 December 1899; a CSV saved from a sheet whose date column
# was formatted as numbers holds those. Only numbers in this range (2000 to 2099) are taken as dates.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_SERIALS = range(36526, 73051)


def clean_ref(value: Any) -> str:
    text = cell_text(value, max_length=100)
    if not text:
        raise CellError(_("The activity_ref is missing. Give every activity a reference (such as A1), the same "
                          "on each of its rows."))
    return text


def clean_activity_date(value: Any) -> dt.date:
    if isinstance(value, int | float) and not isinstance(value, bool) and int(value) in _EXCEL_SERIALS:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    day = parse_date(value)
    if day is None:
        raise CellError(_("The date is missing."))
    return day


def clean_optional_activity_date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return clean_activity_date(value)


def clean_title(value: Any) -> str:
    text = cell_text(value, max_length=200)
    if not text:
        raise CellError(_("The title is missing."))
    return text


def clean_type_name(value: Any) -> str:
    text = cell_text(value, max_length=100)
    if not text:
        raise CellError(_("The type of activity is missing."))
    return text


def clean_long_text(value: Any) -> str:
    return cell_text(value, max_length=MAX_CELL_CHARS)


_SETTINGS = {
    **{header_key(code): code for code in Setting.values},
    **{header_key(str(label)): code for code, label in Setting.choices},
    "onsite": Setting.ON_SITE, "inschool": Setting.ON_SITE, "school": Setting.ON_SITE,
    "offsite": Setting.OFF_SITE, "outofschool": Setting.OFF_SITE, "out": Setting.OFF_SITE,
    "online": Setting.VIRTUAL, "virtual": Setting.VIRTUAL, "remote": Setting.VIRTUAL,
}


def clean_setting(value: Any) -> str | None:
    """None for an empty cell: the type's usual setting is used."""
    text = cell_text(value, max_length=40)
    if not text:
        return None
    try:
        return _SETTINGS[header_key(text)]
    except KeyError:
        raise CellError(_("'%(value)s' is not a setting. Use In school, Out of school or Online (or on_site, "
                          "off_site, virtual).") % {"value": _shorten(text)}) from None


def clean_provider_names(value: Any) -> tuple[str, ...]:
    """Provider names, separated by semicolons (names themselves often contain commas)."""
    text = cell_text(value, max_length=MAX_CELL_CHARS)
    return tuple(dict.fromkeys(part.strip() for part in re.split(r"[;|]", text) if part.strip()))


_BENCHMARK_PART = re.compile(r"^(?:gatsby)?(?:benchmark|bm|gb|b)?(\d+)$")


def clean_benchmarks(value: Any) -> tuple[int, ...] | None:
    """Benchmark numbers such as "5;7"; None for an empty cell (the type's usual benchmarks)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A lone number; "5,7" read by a European spreadsheet is the number 5.7.
        value = str(int(value)) if float(value).is_integer() else str(value).replace(".", ";")
    text = cell_text(value, max_length=100)
    if not text:
        return None
    if header_key(text) == "none":
        return ()
    numbers: list[int] = []
    for part in re.split(r"[,;/|&\s]+|\band\b", text):
        if not part.strip():
            continue
        match = _BENCHMARK_PART.match(header_key(part))
        number = int(match.group(1)) if match else None
        if number is None or not 1 <= number <= 8:
            raise CellError(_("'%(part)s' is not a benchmark number. Use numbers from 1 to 8, separated by "
                              "semicolons, such as 5;7 (or 'none').") % {"part": _shorten(part.strip())})
        numbers.append(number)
    return tuple(sorted(set(numbers)))


def clean_optional_yes_no(value: Any) -> bool | None:
    """None for an empty cell: leave it as it is."""
    if cell_text(value, max_length=20) == "":
        return None
    return clean_yes_no(value)


_ATTENDANCE = {
    **{header_key(code): code for code in Attendance.values},
    **{header_key(str(label)): code for code, label in Attendance.choices},
    "y": Attendance.ATTENDED, "yes": Attendance.ATTENDED, "present": Attendance.ATTENDED,
    "a": Attendance.ATTENDED, "came": Attendance.ATTENDED, "attend": Attendance.ATTENDED,
    "p": Attendance.PART, "partial": Attendance.PART, "partly": Attendance.PART,
    "n": Attendance.ABSENT, "no": Attendance.ABSENT, "x": Attendance.ABSENT, "abs": Attendance.ABSENT,
    "notattended": Attendance.ABSENT, "didnotattend": Attendance.ABSENT,
}


def clean_attendance(value: Any) -> str:
    text = cell_text(value, max_length=40)
    if not text:
        return Attendance.ATTENDED  # a row per pupil who took part; absences are said
    try:
        return _ATTENDANCE[header_key(text)]
    except KeyError:
        raise CellError(_("'%(value)s' is not an attendance. Use attended, part or absent (or Y, P, N).")
                        % {"value": _shorten(text)}) from None


_ENGAGEMENT = {
    **{str(code): code for code in Engagement.values},
    **{header_key(str(label)): code for code, label in Engagement.choices},
}


def clean_engagement(value: Any) -> int | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = cell_text(value, max_length=40)
    if not text:
        return None
    code = _ENGAGEMENT.get(text) or _ENGAGEMENT.get(header_key(text))
    if code is None:
        raise CellError(_("'%(value)s' is not an engagement. Use 1 (did not engage), 2 (engaged with support), "
                          "3 (engaged) or 4 (fully engaged), or leave it empty.") % {"value": _shorten(text)})
    return code


def _choice_cleaner(choices: type, what: str) -> Callable[[Any], str]:
    known = {**{header_key(code): code for code in choices.values},  # type: ignore[attr-defined]
             **{header_key(str(label)): code for code, label in choices.choices}}  # type: ignore[attr-defined]
    listed = ", ".join(str(label) for _code, label in choices.choices)  # type: ignore[attr-defined]

    def clean(value: Any) -> str:
        text = cell_text(value, max_length=60)
        if not text:
            return ""
        try:
            return known[header_key(text)]
        except KeyError:
            raise CellError(_("'%(value)s' is not %(what)s. Use one of: %(listed)s, or leave it empty.")
                            % {"value": _shorten(text), "what": what, "listed": listed}) from None

    return clean


clean_reaction = _choice_cleaner(Reaction, "a reaction")
clean_response_method = _choice_cleaner(ResponseMethod, "a way of capturing a response")


def clean_ignored(value: Any) -> None:
    """Columns written for people reading the file (the pupil's name): Road Ahead goes by the UPN."""
    return None


# ## The columns ##################################################################################

@dataclass(frozen=True)
class ActivityColumn:
    key: str
    label: str  # the header the export writes and the documentation names
    aliases: tuple[str, ...]
    required: bool
    clean: Callable[[Any], Any]
    per_activity: bool  # True: about the activity, so rows sharing an activity_ref must agree

    @property
    def keys(self) -> set[str]:
        return {header_key(alias) for alias in (self.label, *self.aliases)}


ACTIVITY_COLUMNS: tuple[ActivityColumn, ...] = (
    ActivityColumn("activity_ref", "activity_ref", ("Activity Ref", "Activity Reference", "Activity ID", "Ref",
                                                    "Reference"), True, clean_ref, False),
    ActivityColumn("date", "date", ("Activity Date", "Date of Activity", "Start Date", "First Day"), True,
                   clean_activity_date, True),
    ActivityColumn("title", "title", ("Activity Title", "Activity", "Activity Name"), True, clean_title, True),
    ActivityColumn("type", "type", ("Activity Type", "Type of Activity", "Kind"), True, clean_type_name, True),
    ActivityColumn("setting", "setting", ("Where", "Location"), False, clean_setting, True),
    ActivityColumn("provider", "provider", ("Providers", "Employer", "Employers", "Provider Name"), False,
                   clean_provider_names, True),
    ActivityColumn("benchmarks", "benchmarks", ("Benchmark", "Gatsby Benchmarks", "Gatsby Benchmark"), False,
                   clean_benchmarks, True),
    ActivityColumn("meaningful", "meaningful", ("Meaningful Encounter", "Meaningful Experience"), False,
                   clean_optional_yes_no, True),
    ActivityColumn("pal_encounter", "pal_encounter", ("PAL", "PAL Encounter", "Counts for PAL",
                                                      "Provider Access Encounter"), False,
                   clean_optional_yes_no, True),
    ActivityColumn("end_date", "end_date", ("Last Day", "End Date"), False, clean_optional_activity_date, True),
    ActivityColumn("purpose", "purpose", (), False, clean_long_text, True),
    ActivityColumn("learning_outcomes", "learning_outcomes", ("Outcomes", "Learning Outcomes"), False,
                   clean_long_text, True),
    ActivityColumn("people_met", "people_met", ("People Met", "People the pupils met"), False, clean_long_text,
                   True),
    ActivityColumn("upn", "upn", ("Unique Pupil Number", "Pupil UPN"), True, clean_upn, False),
    ActivityColumn("pupil", "pupil", ("Pupil Name", "Name"), False, clean_ignored, False),
    ActivityColumn("attendance", "attendance", ("Attended", "Attendance Mark"), False, clean_attendance, False),
    ActivityColumn("engagement", "engagement", ("Engagement Level",), False, clean_engagement, False),
    ActivityColumn("response", "response", ("Pupil Response", "Pupil Voice", "What they said"), False,
                   clean_long_text, False),
    ActivityColumn("reaction", "reaction", ("How they felt",), False, clean_reaction, False),
    ActivityColumn("response_method", "response_method", ("How captured", "Response Method"), False,
                   clean_response_method, False),
    ActivityColumn("staff_note", "staff_note", ("Staff Note", "Note", "Notes"), False, clean_long_text, False),
)
ACTIVITY_COLUMNS_BY_KEY = {column.key: column for column in ACTIVITY_COLUMNS}
ACTIVITY_LEVEL_KEYS = tuple(column.key for column in ACTIVITY_COLUMNS if column.per_activity)
PARTICIPATION_KEYS = ("attendance", "engagement", "response", "reaction", "response_method", "staff_note")
# Cells from a small set of values (attendance marks, scores): cleaned once per distinct value.
CACHED_KEYS = frozenset({"activity_ref", "upn", "attendance", "engagement", "reaction", "response_method"})
EXPORT_HEADERS = tuple(column.label for column in ACTIVITY_COLUMNS)
_HEADER_TO_KEY = {alias: column.key for column in ACTIVITY_COLUMNS for alias in column.keys}


def activity_column_for_header(text: Any) -> str | None:
    return _HEADER_TO_KEY.get(header_key(text))


def activity_header_score(cells: list[Any]) -> int:
    """How many known columns a row names: used to find the header row."""
    return len({activity_column_for_header(cell) for cell in cells if isinstance(cell, str)} - {None})
