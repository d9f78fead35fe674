"""School dates: academic years (1 September to 31 August) and National Curriculum years.

Most school facts are dates, not datetimes. Every function here takes the date it reasons
about as an argument: only the edges of the system (a view, a command) read the clock.
"""

from __future__ import annotations

import datetime as dt

# National Curriculum year codes in school order. N1 and N2 are nursery years, R is Reception and
# X marks a pupil not following NC years (some special-school pupils are recorded this way).
NC_YEAR_CODES: tuple[str, ...] = ("N1", "N2", "R", *(str(n) for n in range(1, 15)), "X")
_ORDINALS: dict[str, int] = {"N1": -2, "N2": -1, "R": 0, **{str(n): n for n in range(1, 15)}}


def academic_year_of(day: dt.date) -> int:
    """The calendar year in which the academic year containing `day` began."""
    return day.year if day.month >= 9 else day.year - 1


def academic_year_bounds(start_year: int) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) of the academic year that starts in `start_year`."""
    return dt.date(start_year, 9, 1), dt.date(start_year + 1, 8, 31)


def academic_year_label(start_year: int) -> str:
    return f"{start_year}/{str(start_year + 1)[-2:]}"


def normalise_nc_year(value: object) -> str | None:
    """Turn what an MIS writes for an NC year into our code, or None if it is not one.

    Accepts "10", "Year 10", "Y10", "yr 10", " r ", "Reception", "N1", "X" and integers.
    """
    if value is None:
        return None
    text = str(value).strip().upper()
    if text.endswith(".0"):  # spreadsheets hand back 10.0 for a cell typed as 10
        text = text[:-2]
    for prefix in ("YEAR", "YR", "Y"):
        if text.startswith(prefix) and text[len(prefix) :].strip():
            text = text[len(prefix) :].strip()
            break
    if text in {"RECEPTION", "REC"}:
        text = "R"
    if text.isdigit():
        text = str(int(text))
    return text if text in NC_YEAR_CODES else None


def nc_year_ordinal(code: str) -> int | None:
    """Position of an NC year for comparisons: N1=-2, N2=-1, R=0, 1..14; None for X."""
    return _ORDINALS.get(code)


def nc_year_label(code: str) -> str:
    if code == "R":
        return "Reception"
    if code == "X":
        return "Not in NC years"
    if code in {"N1", "N2"}:
        return f"Nursery {code[1]}"
    return f"Year {code}"


def expected_nc_year(date_of_birth: dt.date, start_year: int) -> str | None:
    """The NC year a pupil born on `date_of_birth` would be in during the given academic year.

    Pupils start Reception in the September after their fourth birthday, so the cohort is fixed
    by the academic year of birth: 31 August and 1 September birthdays fall in different years.
    Returns None outside N1..14 (too young, or past Year 14).
    """
    ordinal = start_year - academic_year_of(date_of_birth) - 5
    for code, value in _ORDINALS.items():
        if value == ordinal:
            return code
    return None


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    """Age in whole years on `day`. A 29 February birthday counts from 1 March in other years."""
    years = day.year - date_of_birth.year
    if (day.month, day.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years
