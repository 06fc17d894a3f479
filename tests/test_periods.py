"""The period model: calendar and fiscal years, halves, quarters, months, vague periods."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.periods import Period, month_end

# ---------------------------------------------------------------- calendar and fiscal years


def test_calendar_year_covers_january_to_december() -> None:
    y = Period.year(2025)
    assert (y.start, y.end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert y.kind == "year"
    assert y.rdf_class == "CalendarYear"
    assert y.months == 12


def test_fiscal_year_ending_in_june_is_not_the_calendar_year() -> None:
    fy = Period.fiscal_year(2025, end_month=6)  # Microsoft's FY2025
    assert (fy.start, fy.end) == (date(2024, 7, 1), date(2025, 6, 30))
    assert fy != Period.year(2025)
    assert fy != Period.year(2024)
    assert fy.kind == "fiscal-year"
    assert fy.rdf_class == "FiscalYear"
    assert fy.label == "FY2025 (Jul 2024-Jun 2025)"
    assert fy.months == 12
    # it overlaps both calendar years but is contained in neither
    assert not Period.year(2025).contains(fy)
    assert not Period.year(2024).contains(fy)


def test_fiscal_year_ending_in_december_is_the_calendar_year() -> None:
    assert Period.fiscal_year(2025) == Period.year(2025)
    assert Period.fiscal_year(2025, end_month=12) == Period.year(2025)


def test_fiscal_halves_and_quarters_of_a_june_year() -> None:
    assert Period.fiscal_half(2025, 1, end_month=6) == Period.half(2024, 2)
    assert Period.fiscal_half(2025, 2, end_month=6) == Period.half(2025, 1)
    assert Period.fiscal_quarter(2025, 1, end_month=6) == Period.quarter(2024, 3)
    assert Period.fiscal_quarter(2025, 4, end_month=6) == Period.quarter(2025, 2)


def test_alphabet_first_two_quarters_is_h1_when_the_fiscal_year_is_the_calendar_year() -> None:
    first_two = Period.span(Period.fiscal_quarter(2025, 1), Period.fiscal_quarter(2025, 2))
    assert first_two == Period.half(2025, 1)


def test_same_days_are_the_same_period_whatever_the_name() -> None:
    named = Period.from_dates(date(2025, 1, 1), date(2025, 6, 30), name="first half of 2025")
    assert named == Period.half(2025, 1)
    assert hash(named) == hash(Period.half(2025, 1))
    assert named.label == "first half of 2025"


def test_invalid_constructors_are_refused() -> None:
    with pytest.raises(ValueError):
        Period.from_dates(date(2025, 2, 1), date(2025, 1, 1))
    with pytest.raises(ValueError):
        Period.half(2025, 3)
    with pytest.raises(ValueError):
        Period.quarter(2025, 5)
    with pytest.raises(ValueError):
        Period.span(Period.vague("x", "some day"), Period.year(2025))


# ---------------------------------------------------------------- parts


def test_h1_is_q1_plus_q2() -> None:
    assert Period.half(2025, 1).parts() == [[Period.quarter(2025, 1), Period.quarter(2025, 2)]]


def test_year_splits_into_halves_and_into_quarters() -> None:
    halves, quarters = Period.year(2025).parts()
    assert halves == [Period.half(2025, 1), Period.half(2025, 2)]
    assert quarters == [Period.quarter(2025, q) for q in (1, 2, 3, 4)]


def test_quarter_splits_into_months() -> None:
    assert Period.quarter(2024, 1).parts() == [[Period.month(2024, m) for m in (1, 2, 3)]]
    assert Period.month(2024, 2).end == date(2024, 2, 29)  # a leap year


def test_fiscal_year_parts_follow_the_fiscal_calendar() -> None:
    halves, quarters = Period.fiscal_year(2025, end_month=6).parts()
    assert halves == [Period.half(2024, 2), Period.half(2025, 1)]
    assert quarters[0] == Period.quarter(2024, 3)
    assert quarters[-1] == Period.quarter(2025, 2)


def test_months_and_vague_periods_have_no_parts() -> None:
    assert Period.month(2025, 5).parts() == []
    assert Period.vague("few-years", "within a few years").parts() == []
    assert Period.from_dates(date(2025, 1, 5), date(2025, 2, 3)).parts() == []


# ---------------------------------------------------------------- shifting


def test_shift_years_gives_the_same_period_last_year() -> None:
    assert Period.half(2025, 1).shift_years(-1) == Period.half(2024, 1)
    assert Period.quarter(2025, 4).shift_years(1) == Period.quarter(2026, 4)
    assert Period.fiscal_year(2025, 6).shift_years(-1) == Period.fiscal_year(2024, 6)
    # February keeps its last day across leap years
    assert Period.month(2024, 2).shift_years(1) == Period.month(2025, 2)
    assert Period.month(2025, 2).shift_years(-1) == Period.month(2024, 2)


def test_shift_years_of_a_period_starting_on_29_february() -> None:
    leap_day = Period.from_dates(date(2024, 2, 29), date(2024, 3, 15))
    shifted = leap_day.shift_years(1)
    assert shifted == Period.from_dates(date(2025, 2, 28), date(2025, 3, 15))


def test_vague_periods_cannot_be_shifted() -> None:
    with pytest.raises(ValueError):
        Period.vague("few-years", "within a few years").shift_years(1)


# ---------------------------------------------------------------- labels and slugs


@pytest.mark.parametrize(
    ("period", "label", "slug"),
    [
        (Period.year(2025), "2025", "2025"),
        (Period.half(2025, 1), "H1 2025", "2025-H1"),
        (Period.half(2024, 2), "H2 2024", "2024-H2"),
        (Period.quarter(2025, 3), "Q3 2025", "2025-Q3"),
        (Period.month(2025, 2), "Feb 2025", "2025-02"),
        (Period.fiscal_year(2025, 6), "FY2025 (Jul 2024-Jun 2025)", "2024-07-01--2025-06-30"),
        (Period.from_dates(date(2023, 1, 1), date(2024, 12, 31)), "2023-2024", "2023-01-01--2024-12-31"),
        (Period.from_dates(date(2025, 2, 1), date(2025, 4, 30)), "Feb 2025-Apr 2025", "2025-02-01--2025-04-30"),
        (Period.from_dates(date(2025, 1, 5), date(2025, 2, 3)), "2025-01-05 to 2025-02-03", "2025-01-05--2025-02-03"),
        (Period.vague("seed-few-years", "within a few years"), "within a few years", "seed-few-years"),
    ],
)
def test_labels_and_slugs(period: Period, label: str, slug: str) -> None:
    assert period.label == label
    assert str(period) == label
    assert period.slug == slug


def test_kinds() -> None:
    assert Period.span(Period.month(2025, 1), Period.month(2025, 3)).kind == "quarter"
    assert Period.from_dates(date(2025, 2, 1), date(2025, 4, 30)).kind == "span"
    assert Period.vague("x", "someday").kind == "vague"
    assert Period.vague("x", "someday").rdf_class == "VaguePeriod"


# ---------------------------------------------------------------- vague periods


def test_vague_periods_never_equal_dated_ones() -> None:
    vague = Period.vague("2025", "2025")  # even with a key that looks like a year
    assert vague.is_vague
    assert vague != Period.year(2025)
    assert not vague.contains(Period.year(2025))
    assert not Period.year(2025).contains(vague)
    assert vague.months == 0
    assert vague == Period.vague("2025", "another name")  # identified by key only
    assert vague != Period.vague("2026", "2025")


# ---------------------------------------------------------------- properties

_years = st.integers(min_value=1990, max_value=2090)
_month_index = st.integers(min_value=1990 * 12, max_value=2090 * 12)


@st.composite
def month_aligned(draw: st.DrawFn) -> Period:
    """A period on month boundaries of 1, 3, 6 or 12 months, starting on any month."""
    start = draw(_month_index)
    size = draw(st.sampled_from([1, 3, 6, 12]))
    sy, sm = divmod(start, 12)
    ey, em = divmod(start + size - 1, 12)
    return Period.from_dates(date(sy, sm + 1, 1), month_end(ey, em + 1))


@st.composite
def named_periods(draw: st.DrawFn) -> Period:
    year = draw(_years)
    kind = draw(st.sampled_from(["year", "half", "quarter", "month", "fiscal"]))
    if kind == "year":
        return Period.year(year)
    if kind == "half":
        return Period.half(year, draw(st.integers(1, 2)))
    if kind == "quarter":
        return Period.quarter(year, draw(st.integers(1, 4)))
    if kind == "month":
        return Period.month(year, draw(st.integers(1, 12)))
    return Period.fiscal_year(year, draw(st.integers(1, 12)))


def _assert_partition(whole: Period, chunk: list[Period]) -> None:
    assert whole.start is not None and whole.end is not None
    assert chunk, "a partition has parts"
    assert chunk[0].start == whole.start
    assert chunk[-1].end == whole.end
    for a, b in pairwise(chunk):
        assert a.end is not None and b.start is not None
        assert a.end + timedelta(days=1) == b.start, "no gap and no overlap"
    assert all(whole.contains(p) and p != whole for p in chunk)
    days = sum((p.end - p.start).days + 1 for p in chunk if p.start and p.end)
    assert days == (whole.end - whole.start).days + 1


@given(month_aligned())
def test_every_partition_covers_the_period_exactly(period: Period) -> None:
    partitions = period.parts()
    expected = {1: 0, 3: 1, 6: 1, 12: 2}[period.months]
    assert len(partitions) == expected
    for chunk in partitions:
        _assert_partition(period, chunk)
        assert len({p.months for p in chunk}) == 1, "parts are of equal size"


@given(named_periods())
def test_named_periods_partition_exactly(period: Period) -> None:
    for chunk in period.parts():
        _assert_partition(period, chunk)


@given(month_aligned(), st.integers(min_value=-20, max_value=20))
def test_shift_years_round_trips_for_month_aligned_periods(period: Period, years: int) -> None:
    shifted = period.shift_years(years)
    assert shifted.months == period.months
    assert shifted.kind == period.kind
    assert shifted.shift_years(-years) == period


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=-20, max_value=20),
)
def test_shift_years_works_for_any_dated_period(start: date, length: int, years: int) -> None:
    period = Period.from_dates(start, start + timedelta(days=length))
    shifted = period.shift_years(years)
    assert shifted.start is not None and shifted.end is not None
    assert shifted.start.year == start.year + years
    assert shifted.start <= shifted.end


@given(named_periods())
def test_labels_and_slugs_identify_the_period(period: Period) -> None:
    assert period.label
    assert period.slug
    assert " " not in period.slug
    # the slug is unique per period: rebuild from the same days
    assert period.start is not None and period.end is not None
    assert Period.from_dates(period.start, period.end).slug == period.slug


@given(named_periods(), st.text(min_size=1, max_size=10))
def test_vague_never_equals_dated(period: Period, key: str) -> None:
    vague = Period.vague(key, period.label)
    assert vague != period
    assert not period.contains(vague)
    assert not vague.contains(period)
