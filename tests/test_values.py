"""Qualified values (kg/values.py) and how numbers are written (kg/format.py)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.format import (
    format_money,
    format_multiple,
    format_percent,
    format_pp,
    format_value,
    qualifier_word,
)
from kg.values import APPROXIMATE_SLACK, ROUNDING_SLACK, Value

# ---------------------------------------------------------------- construction and bounds


def test_bounds_of_each_qualifier() -> None:
    assert Value(371e9, "USD").bounds == (371e9, 371e9)
    lo, hi = Value(100.0, "USD", "approximately").bounds
    assert lo == pytest.approx(100 * (1 - APPROXIMATE_SLACK))
    assert hi == pytest.approx(100 * (1 + APPROXIMATE_SLACK))
    assert Value(0.20, "ratio", "at_least").bounds == (0.20, math.inf)
    assert Value(0.16, "ratio", "at_most").bounds == (0.0, 0.16)
    assert Value(-5.0, None, "at_most").bounds == (-math.inf, -5.0)


def test_explicit_bounds_narrow_the_interval() -> None:
    nearly_40 = Value(40e9, "USD", "approximately", high=40e9)  # "nearly $40 billion"
    assert nearly_40.bounds == (pytest.approx(36e9), 40e9)
    over_20 = Value(0.20, "ratio", "at_least", low=0.20, high=1.0)
    assert over_20.bounds == (0.20, 1.0)


def test_unknown_qualifier_and_non_finite_values_are_refused() -> None:
    with pytest.raises(ValueError):
        Value(1.0, "USD", "roughly")
    with pytest.raises(ValueError):
        Value(math.inf, "USD")
    with pytest.raises(ValueError):
        Value(math.nan, "USD")


# ---------------------------------------------------------------- propagation


def test_exact_with_exact_is_exact() -> None:
    a, b = Value(371e9, "USD"), Value(1.44, "multiple")
    for v in (a.add(a), a.subtract(a), a.multiply(b), a.divide(b), a.scale(2.0)):
        assert v.qualifier == "exact"
    assert a.divide(b).value == 371e9 / 1.44
    assert a.divide(b).unit == "USD"


@pytest.mark.parametrize("op", ["add", "subtract", "multiply", "divide"])
@pytest.mark.parametrize("other_qualifier", ["exact", "at_least", "at_most", "approximately"])
def test_approximate_anywhere_gives_approximate(op: str, other_qualifier: str) -> None:
    approx = Value(30.7e9, "USD", "approximately")
    other = Value(2.0, "multiple", other_qualifier)
    assert getattr(approx, op)(other).qualifier == "approximately"
    assert getattr(other, op)(approx).qualifier == "approximately"


def test_meta_doubling_is_approximate() -> None:
    h1_2024 = Value(30.7e9, "USD").divide(Value(2.0, "multiple", "approximately"))
    assert h1_2024.value == pytest.approx(15.35e9)
    assert h1_2024.qualifier == "approximately"
    lo, hi = h1_2024.bounds
    assert lo <= 15.35e9 <= hi


def test_at_most_share_gives_at_least_whole() -> None:
    whole = Value(1.8e12, "USD").divide(Value(0.16, "ratio", "at_most"))
    assert whole.qualifier == "at_least"
    assert whole.value == pytest.approx(11.25e12)
    assert whole.bounds[1] == math.inf


def test_at_least_share_gives_at_most_whole() -> None:
    whole = Value(100.0, "USD").divide(Value(0.5, "ratio", "at_least"))
    assert whole.qualifier == "at_most"
    assert whole.value == pytest.approx(200.0)


def test_bounds_follow_monotone_operations() -> None:
    at_least = Value(10.0, "USD", "at_least")
    at_most = Value(10.0, "USD", "at_most")
    exact = Value(5.0, "USD")
    assert at_least.add(exact).qualifier == "at_least"
    assert at_least.add(at_least).qualifier == "at_least"
    assert at_most.add(at_most).qualifier == "at_most"
    assert at_least.subtract(exact).qualifier == "at_least"
    assert exact.subtract(at_least).qualifier == "at_most"  # 5 - (>= 10) is at most -5
    assert at_least.scale(2.0).qualifier == "at_least"
    assert at_least.scale(2.0).value == 20.0


def test_approximate_result_keeps_the_computed_interval() -> None:
    v = Value(100.0, "USD", "approximately").add(Value(100.0, "USD", "approximately"))
    lo, hi = v.bounds
    assert lo == pytest.approx(180.0)
    assert hi == pytest.approx(220.0)


def test_division_by_zero_is_refused() -> None:
    with pytest.raises(ZeroDivisionError):
        Value(1.0).divide(Value(0.0))


@given(
    st.floats(min_value=1.0, max_value=1e13),
    st.floats(min_value=1.0, max_value=1e13),
    st.sampled_from(["exact", "approximately", "at_least", "at_most"]),
    st.sampled_from(["exact", "approximately", "at_least", "at_most"]),
)
def test_nominal_result_lies_in_the_result_bounds(a: float, b: float, qa: str, qb: str) -> None:
    x, y = Value(a, "USD", qa), Value(b, "USD", qb)
    for result in (x.add(y), x.multiply(y), x.divide(y)):
        lo, hi = result.bounds
        assert lo <= result.value * (1 + 1e-9) and result.value <= hi * (1 + 1e-9)
        if "approximately" in (qa, qb):
            assert result.qualifier == "approximately"
        if qa == qb == "exact":
            assert result.qualifier == "exact"


# ---------------------------------------------------------------- overlaps (conflict tolerance)


def test_rounded_figures_overlap_within_the_rounding_slack() -> None:
    derived_2024 = Value(371e9, "USD").divide(Value(1.44, "multiple"))  # $257.6B
    assert Value(258e9, "USD").overlaps(derived_2024)
    assert derived_2024.overlaps(Value(258e9, "USD"))
    assert not Value(300e9, "USD").overlaps(derived_2024)


def test_overlap_slack_is_relative() -> None:
    assert Value(100.0).overlaps(Value(100.0 * (1 + ROUNDING_SLACK)))
    assert not Value(100.0).overlaps(Value(104.5))
    assert not Value(100.0).overlaps(Value(104.5), slack=0.0)
    assert Value(100.0).overlaps(Value(104.5), slack=0.05)


def test_qualifiers_widen_the_overlap() -> None:
    assert Value(100.0, qualifier="approximately").overlaps(Value(112.0))
    assert Value(100.0, qualifier="at_least").overlaps(Value(1e6))
    assert not Value(100.0, qualifier="at_least").overlaps(Value(50.0))
    assert Value(0.16, "ratio", "at_most").overlaps(Value(0.05, "ratio"))
    assert not Value(0.16, "ratio", "at_most").overlaps(Value(0.30, "ratio"))


# ---------------------------------------------------------------- formatting


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (371e9, "$371B"),
        (1.8e12, "$1.8T"),
        (30.7e9, "$30.7B"),
        (525e9, "$525B"),
        (40e9, "$40B"),
        (257_638_888_888.9, "$257.6B"),
        (11.25e12, "$11.25T"),
        (15.35e9, "$15.4B"),
        (2.5e6, "$2.5M"),
        (-113.4e9, "-$113.4B"),
        (12.0, "$12"),
    ],
)
def test_format_money(amount: float, text: str) -> None:
    assert format_money(amount) == text


def test_format_ratios_and_multiples() -> None:
    assert format_percent(0.44) == "44%"
    assert format_percent(0.16) == "16%"
    assert format_percent(0.165) == "16.5%"
    assert format_pp(-0.26) == "-26 pp"
    assert format_pp(0.14 - 0.40) == "-26 pp"  # float noise is not shown
    assert format_pp(0.26) == "26 pp"
    assert format_multiple(2.0) == "2x"
    assert format_multiple(1.44) == "1.44x"


def test_format_value_by_unit_and_qualifier() -> None:
    assert format_value(Value(371e9, "USD")) == "$371B"
    assert format_value(Value(0.44, "ratio")) == "44%"
    assert format_value(Value(-0.26, "ratio"), difference=True) == "-26 pp"
    assert format_value(Value(2.0, "multiple")) == "2x"
    assert format_value(Value(40e9, "USD", "approximately"), qualified=True) == "approximately $40B"
    assert format_value(Value(0.16, "ratio", "at_most"), qualified=True) == "up to 16%"
    assert format_value(Value(0.20, "ratio", "at_least"), qualified=True) == "at least 20%"
    assert format_value(Value(371e9, "USD"), qualified=True) == "$371B"
    assert qualifier_word("exact") == ""


def test_a_difference_with_an_open_bound_keeps_it_open():
    # "over 20%" to "approximately 40%": the rise is at most 24 pp, with no lower bound
    rise = Value(0.40, "ratio", "approximately").subtract(Value(0.20, "ratio", "at_least"))
    assert rise.qualifier == "approximately"
    lo, hi = rise.bounds
    assert lo == float("-inf")
    assert hi == pytest.approx(0.24)
