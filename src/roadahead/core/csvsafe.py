"""Guard spreadsheet cells against formula injection.

A cell that starts with =, +, -, @, tab or carriage return is read as a formula by Excel and
LibreOffice. Exports prefix such cells with an apostrophe; imports refuse them in text fields.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def safe_cell(value: object) -> object:
    """The value to write into an exported cell."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value
