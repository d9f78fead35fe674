from __future__ import annotations

import pytest

from roadahead.core.csvsafe import looks_like_formula, safe_cell


@pytest.mark.parametrize("value", ["=1+1", "+44 1234", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_escaped(value):
    assert looks_like_formula(value)
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Zoë", "", "1-2", 5, None])
def test_ordinary_values_pass_through(value):
    assert safe_cell(value) == value
