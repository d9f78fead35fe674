from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadahead.core import dates


@pytest.mark.parametrize(("day", "start_year"), [
    (dt.date(2025, 8, 31), 2024),
    (dt.date(2025, 9, 1), 2025),
    (dt.date(2026, 1, 1), 2025),
    (dt.date(2024, 2, 29), 2023),
])
def test_academic_year_of_turns_on_1_september(day, start_year):
    assert dates.academic_year_of(day) == start_year


def test_academic_year_bounds_run_1_september_to_31_august():
    assert dates.academic_year_bounds(2025) == (dt.date(2025, 9, 1), dt.date(2026, 8, 31))
    assert dates.academic_year_label(2025) == "2025/26"
    assert dates.academic_year_label(1999) == "1999/00"


@pytest.mark.parametrize(("dob", "start_year", "expected"), [
    # 31 August and 1 September birthdays are a whole school year apart.
    (dt.date(2010, 8, 31), 2025, "11"),
    (dt.date(2010, 9, 1), 2025, "10"),
    # Reception: the September after the fourth birthday.
    (dt.date(2021, 8, 31), 2025, "R"),
    (dt.date(2021, 9, 1), 2025, "N2"),
    (dt.date(2022, 9, 1), 2025, "N1"),
    # Year 14 is the last NC year; a year older is past it.
    (dt.date(2006, 9, 1), 2025, "14"),
    (dt.date(2005, 9, 1), 2025, None),
    (dt.date(2023, 1, 1), 2025, "N1"),  # aged 2 on 31 August: the first nursery year
    (dt.date(2023, 9, 1), 2025, None),
    # Leap day birthdays belong to the academic year that contains them.
    (dt.date(2012, 2, 29), 2025, "9"),
])
def test_expected_nc_year_from_date_of_birth(dob, start_year, expected):
    assert dates.expected_nc_year(dob, start_year) == expected


@pytest.mark.parametrize(("raw", "code"), [
    ("10", "10"), (" 10 ", "10"), ("Year 10", "10"), ("Y10", "10"), ("yr 9", "9"), ("10.0", "10"), (10, "10"),
    ("R", "R"), ("r", "R"), ("Reception", "R"), ("N1", "N1"), ("x", "X"), ("14", "14"), ("Year 14", "14"),
    ("07", "7"),
])
def test_normalise_nc_year_accepts_what_an_mis_writes(raw, code):
    assert dates.normalise_nc_year(raw) == code


@pytest.mark.parametrize("raw", ["15", "0", "Year", "", None, "Y", "13a", "-1"])
def test_normalise_nc_year_rejects_what_is_not_a_year(raw):
    assert dates.normalise_nc_year(raw) is None


def test_nc_year_ordinals_put_years_in_school_order():
    ordered = [dates.nc_year_ordinal(code) for code in dates.NC_YEAR_CODES if code != "X"]
    assert ordered == sorted(ordered)
    assert dates.nc_year_ordinal("X") is None
    assert dates.nc_year_label("R") == "Reception"
    assert dates.nc_year_label("X") == "Not in NC years"
    assert dates.nc_year_label("12") == "Year 12"


@pytest.mark.parametrize(("dob", "day", "age"), [
    (dt.date(2010, 3, 10), dt.date(2026, 3, 9), 15),
    (dt.date(2010, 3, 10), dt.date(2026, 3, 10), 16),
    (dt.date(2008, 2, 29), dt.date(2024, 2, 28), 15),
    (dt.date(2008, 2, 29), dt.date(2024, 2, 29), 16),
    (dt.date(2008, 2, 29), dt.date(2025, 2, 28), 16),
    (dt.date(2008, 2, 29), dt.date(2025, 3, 1), 17),
])
def test_age_on_counts_whole_years(dob, day, age):
    assert dates.age_on(dob, day) == age


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_every_day_lies_inside_its_academic_year(day):
    start, end = dates.academic_year_bounds(dates.academic_year_of(day))
    assert start <= day <= end


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2024, 12, 31)))
def test_expected_nc_year_moves_up_one_each_september(dob):
    start = dates.academic_year_of(dob) + 5
    this_year = dates.expected_nc_year(dob, start)
    next_year = dates.expected_nc_year(dob, start + 1)
    assert this_year == "R"
    assert next_year == "1"
