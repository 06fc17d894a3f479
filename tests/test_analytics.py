"""The analytics the answers compute, on values with qualifiers."""

from __future__ import annotations

import doctest

import pytest

from kg import analytics
from kg.values import Value


def test_doc_examples() -> None:
    assert doctest.testmod(analytics).failed == 0


def test_the_whole_a_part_implies_at_its_share() -> None:
    res = analytics.implied_whole(Value(1.8e12, "USD"), Value(0.16, "ratio", qualifier="at_most"))
    assert res.value.value == pytest.approx(11.25e12)
    assert res.value.unit == "USD"
    # a part that is up to 16% of the whole: the whole is at least part / 16%
    assert res.value.qualifier == "at_least"
    assert dict(res.inputs) == {"part": Value(1.8e12, "USD"), "share": Value(0.16, "ratio", qualifier="at_most")}
