"""Guard spreadsheet cells against formula injection.

A cell that starts with =, +, -, @, tab or carriage return is read as a formula by Excel and
LibreOffice (and a leading NUL can hide one from a reader that drops it). Exports prefix such cells
with an apostrophe; imports refuse them in text fields.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def looks_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def safe_cell(value: object) -> object:
    """The value to write into an exported cell.

    Text already written with apostrophes in front of a formula ("'=1") gets one more, so that taking
    one apostrophe off a guarded cell always gives back the text as it was.
    """
    if isinstance(value, str) and looks_like_formula(value.lstrip("'")):
        return "'" + value
    return value
