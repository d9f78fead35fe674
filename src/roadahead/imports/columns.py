"""The columns of a pupil import: which headers name them, whether they are required, and how
each cell is cleaned.

Headers are matched ignoring case, spaces and punctuation, so "Date of Birth", "date_of_birth"
and "DATE OF BIRTH" all name the same column. Every cleaner takes the cell as the file gave it
(text, a number or a date from Excel) and returns the value to store, or raises `CellError` with
a plain-English reason. This module is the single place the accepted headers and values are
defined; docs/user/importing-pupils.md describes the same lists.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from roadahead.core import csvsafe, dates
from roadahead.imports.parsers import MAX_CELL_CHARS
from roadahead.people.enums import NeedType, SenProvision, Sex
from roadahead.people.validators import normalise_upn, upn_problem


class CellError(Exception):
    """A cell's value cannot be used; the message says why, in plain English."""


def header_key(text: Any) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


# ## Cell cleaners ################################################################################

def cell_text(value: Any, *, max_length: int | None = None) -> str:
    """A cell as trimmed text, refusing hidden binary data and spreadsheet formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    if "\x00" in text:
        raise CellError(_("The cell contains hidden binary characters (NUL). Retype it or export the file again."))
    text = " ".join(text.split())
    if csvsafe.looks_like_formula(text):
        raise CellError(_("'%(value)s' starts with %(char)s, which spreadsheets run as a formula. Road Ahead "
                          "refuses it for safety: remove the %(char)s or the formula.")
                        % {"value": _shorten(text), "char": text[0]})
    limit = max_length or MAX_CELL_CHARS
    if len(text) > limit:
        raise CellError(_("The value is %(n)d characters long; the most this column takes is %(limit)d.")
                        % {"n": len(text), "limit": limit})
    return text


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_upn(value: Any) -> str:
    upn = normalise_upn(cell_text(value, max_length=40))
    problem = upn_problem(upn)
    if problem:
        raise CellError(f"'{_shorten(upn)}': {problem}" if upn else problem)
    return upn


def clean_name(value: Any) -> str:
    return cell_text(value, max_length=100)


def clean_required_name(value: Any) -> str:
    text = clean_name(value)
    if not text:
        raise CellError(_("The name is missing."))
    return text


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?$")


def parse_date(value: Any) -> dt.date | None:
    """A date from an Excel date cell, DD/MM/YYYY or YYYY-MM-DD; None for an empty cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(_("'%(value)s' is a number, not a date. Format the column as dates, or write dates as "
                          "DD/MM/YYYY.") % {"value": cell_text(value)})
    text = cell_text(value, max_length=40)
    if not text:
        return None
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) != 4:
            raise CellError(_("'%(value)s' has a two-figure year. Write the year in full, for example "
                              "14/03/2012.") % {"value": text})
    else:
        raise CellError(_("'%(value)s' is not a date. Write dates as DD/MM/YYYY, for example 14/03/2012.")
                        % {"value": _shorten(text)})
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise CellError(_("'%(value)s' is not a real date.") % {"value": text}) from error


def clean_date_of_birth(value: Any, *, today: dt.date) -> dt.date:
    day = parse_date(value)
    if day is None:
        raise CellError(_("The date of birth is missing."))
    if day > today:
        raise CellError(_("'%(value)s' is in the future.") % {"value": day.strftime("%d/%m/%Y")})
    if day.year < 1900:
        raise CellError(_("'%(value)s' is too long ago to be a date of birth.") % {"value": day.strftime("%d/%m/%Y")})
    return day


_SEX = {"m": Sex.MALE, "male": Sex.MALE, "boy": Sex.MALE, "f": Sex.FEMALE, "female": Sex.FEMALE,
        "girl": Sex.FEMALE, "u": Sex.UNKNOWN, "unknown": Sex.UNKNOWN, "notknown": Sex.UNKNOWN}


def clean_sex(value: Any) -> str | None:
    text = cell_text(value, max_length=20)
    if not text:
        return None
    try:
        return _SEX[header_key(text)]
    except KeyError:
        raise CellError(_("'%(value)s' is not a sex Road Ahead knows. Use M, F or U (not known), or Male or "
                          "Female.") % {"value": _shorten(text)}) from None


def clean_nc_year(value: Any) -> str:
    text = cell_text(value, max_length=20)
    if not text:
        raise CellError(_("The NC year is missing."))
    code = dates.normalise_nc_year(text)
    if code is None:
        raise CellError(_("'%(value)s' is not an NC year. Use R, 1 to 14, N1, N2 or X (not following NC "
                          "years); 'Year 10' is fine too.") % {"value": _shorten(text)})
    return code


_PROVISION = {
    "e": SenProvision.EHC_PLAN, "ehcplan": SenProvision.EHC_PLAN, "ehcp": SenProvision.EHC_PLAN,
    "ehc": SenProvision.EHC_PLAN, "educationhealthandcareplan": SenProvision.EHC_PLAN,
    # Statements were all converted to EHC plans by 2018; old exports still say S.
    "s": SenProvision.EHC_PLAN, "statement": SenProvision.EHC_PLAN,
    "k": SenProvision.SEN_SUPPORT, "sensupport": SenProvision.SEN_SUPPORT, "support": SenProvision.SEN_SUPPORT,
    "n": SenProvision.NONE, "none": SenProvision.NONE, "nosen": SenProvision.NONE, "no": SenProvision.NONE,
    "nospecialeducationalneed": SenProvision.NONE, "nospecialeducationalneeds": SenProvision.NONE,
}
_CODE_PREFIX = re.compile(r"^([A-Za-z])\s*[-\u2013:]\s+")


def clean_sen_provision(value: Any) -> str | None:
    text = cell_text(value, max_length=80)
    if not text:
        return None
    # SIMS and Arbor write "E - Education, Health and Care Plan": the letter decides.
    if match := _CODE_PREFIX.match(text):
        text = match.group(1)
    try:
        return _PROVISION[header_key(text)]
    except KeyError:
        raise CellError(_("'%(value)s' is not an SEN provision. Use E (EHC plan), K (SEN support) or N "
                          "(none).") % {"value": _shorten(text)}) from None


_NEEDS: dict[str, str] = {
    **{header_key(code): code for code in NeedType.values},
    **{header_key(str(label)): code for code, label in NeedType.choices},
    # Words schools use for the same codes.
    "asc": NeedType.ASD, "autism": NeedType.ASD, "autisticspectrumcondition": NeedType.ASD,
    "autisticspectrumdisorder": NeedType.ASD, "other": NeedType.OTH,
}


def clean_need(value: Any) -> str | None:
    text = cell_text(value, max_length=80)
    if not text:
        return None
    # "ASD - Autistic Spectrum Disorder": the code before the dash decides.
    code = _NEEDS.get(header_key(text)) or _NEEDS.get(header_key(text.split(" - ")[0]))
    if code is None:
        raise CellError(_("'%(value)s' is not a type of need. Use one of %(codes)s.")
                        % {"value": _shorten(text), "codes": ", ".join(NeedType.values)})
    return code


def clean_need_list(value: Any) -> list[str]:
    text = cell_text(value, max_length=200)
    parts = [part for part in re.split(r"[,;/|]", text) if part.strip()]
    return [code for code in (clean_need(part) for part in parts) if code]


_YES = {"y", "yes", "true", "1", "t"}
_NO = {"n", "no", "false", "0", "f", ""}


def clean_yes_no(value: Any) -> bool:
    text = cell_text(value, max_length=20)
    key = header_key(text)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellError(_("'%(value)s' is not yes or no. Use Yes or No (Y/N, True/False, 1/0), or leave it empty "
                      "for no.") % {"value": _shorten(text)})


def clean_optional_date(value: Any) -> dt.date | None:
    return parse_date(value)


def clean_group_name(value: Any) -> str:
    return cell_text(value, max_length=100)


# ## The columns ##################################################################################

@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the name used in documentation and "missing column" messages
    aliases: tuple[str, ...]
    required: bool
    clean: Callable[..., Any]
    needs_today: bool = False

    @property
    def keys(self) -> set[str]:
        return {header_key(alias) for alias in (self.label, *self.aliases)}


PUPIL_COLUMNS: tuple[Column, ...] = (
    Column("upn", "UPN", ("Unique Pupil Number", "Pupil UPN"), True, clean_upn),
    Column("legal_surname", "Surname", ("Legal Surname", "Last Name", "Family Name"), True, clean_required_name),
    Column("legal_forename", "Forename", ("Legal Forename", "First Name", "Given Name"), True,
           clean_required_name),
    Column("preferred_surname", "Preferred Surname", (), False, clean_name),
    Column("preferred_forename", "Preferred Forename", ("Preferred First Name", "Known As"), False, clean_name),
    Column("date_of_birth", "DOB", ("Date of Birth", "Birth Date"), True, clean_date_of_birth, needs_today=True),
    Column("sex", "Sex", ("Gender",), False, clean_sex),
    Column("nc_year", "Year", ("NC Year", "Year Group", "Curriculum Year", "National Curriculum Year",
                               "NCyearActual", "Year Taught In"), True, clean_nc_year),
    Column("class_group", "Class", ("Reg Group", "Registration Group", "Form", "Tutor Group", "Class Group"),
           False, clean_group_name),
    Column("sen_provision", "SEN Provision", ("SEN Status", "SENprovision", "SEN Stage"), False,
           clean_sen_provision),
    Column("primary_need", "Primary Need", ("SEN Primary Need", "Need Type 1", "Primary SEN Need",
                                            "SEN Need 1", "Primary Need Type"), False, clean_need),
    Column("secondary_need", "Secondary Need", ("SEN Secondary Need", "Need Type 2", "Secondary SEN Need",
                                                "SEN Need 2", "Secondary Need Type"), False, clean_need),
    Column("other_needs", "Other Needs", ("Other SEN Needs", "Further Needs"), False, clean_need_list),
    Column("looked_after", "LAC", ("In Care", "Looked After", "InCare", "CLA", "Looked After Child"), False,
           clean_yes_no),
    Column("pathway", "Pathway", (), False, clean_group_name),
    Column("date_left", "Date Left", ("Leaving Date", "Date of Leaving"), False,
           clean_optional_date),
    Column("ehcp_next_review", "EHCP Review Date", ("EHCP Review", "Next EHCP Review", "EHCP Annual Review"),
           False, clean_optional_date),
)
COLUMNS_BY_KEY = {column.key: column for column in PUPIL_COLUMNS}
NEED_KEYS = ("primary_need", "secondary_need", "other_needs")
_HEADER_TO_KEY = {alias: column.key for column in PUPIL_COLUMNS for alias in column.keys}


def column_for_header(text: Any) -> str | None:
    return _HEADER_TO_KEY.get(header_key(text))


def header_score(cells: list[Any]) -> int:
    """How many known columns a row names: used to find the header row."""
    return len({column_for_header(cell) for cell in cells if isinstance(cell, str)} - {None})
