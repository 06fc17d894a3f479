"""Analytics computed on demand, each returning a value with its derivation.

Every function takes :class:`~kg.values.Value` inputs (qualifiers propagate) and returns
a :class:`Result`: the value, its unit and qualifier, and the formula with numbers.

>>> r = cagr(Value(371e9, "USD"), Value(525e9, "USD"), 7)
>>> round(r.value.value, 4), r.value.unit
(0.0509, 'ratio')
>>> pp_change(Value(0.40, "ratio"), Value(0.14, "ratio")).value.value
-0.26
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .format import format_value
from .values import Value

__all__ = [
    "Result",
    "absolute_change",
    "annualise",
    "average",
    "cagr",
    "difference",
    "growth_multiple",
    "implied_whole",
    "mean",
    "per_year_step",
    "pp_change",
    "rank",
    "ratio",
    "relative_change",
    "share",
    "total",
]


@dataclass(frozen=True)
class Result:
    kind: str
    value: Value
    formula: str
    inputs: tuple[tuple[str, Value], ...] = ()


def _f(v: Value) -> str:
    return format_value(v)


def absolute_change(first: Value, last: Value) -> Result:
    """``last - first`` in the inputs' unit."""
    v = last.subtract(first)
    return Result(
        "absolute_change",
        v,
        f"{_f(last)} - {_f(first)} = {format_value(v, difference=True)}",
        (("from", first), ("to", last)),
    )


def relative_change(first: Value, last: Value) -> Result:
    """``last / first - 1`` as a ratio (0.44 = +44%)."""
    v = last.divide(first, unit="ratio").subtract(Value(1.0), unit="ratio")
    return Result("relative_change", v, f"{_f(last)} / {_f(first)} - 1 = {_f(v)}", (("from", first), ("to", last)))


def pp_change(first: Value, last: Value) -> Result:
    """Change of a share in percentage points (a ratio difference: -0.26 = -26 pp)."""
    v = last.subtract(first, unit="ratio")
    v = Value(round(v.value, 12), "ratio", v.qualifier, v.low, v.high)
    return Result(
        "pp_change",
        v,
        f"{_f(last)} - {_f(first)} = {format_value(v, difference=True)}",
        (("from", first), ("to", last)),
    )


def growth_multiple(first: Value, last: Value) -> Result:
    """``last / first`` as a multiple (2.0 = doubled)."""
    v = last.divide(first, unit="multiple")
    return Result("growth_multiple", v, f"{_f(last)} / {_f(first)} = {_f(v)}", (("from", first), ("to", last)))


def cagr(first: Value, last: Value, years: float) -> Result:
    """Compound annual growth rate over ``years`` years."""
    if years <= 0:
        raise ValueError("CAGR needs a positive number of years")
    if first.value <= 0 or last.value <= 0:
        raise ValueError("CAGR needs positive values")
    nominal = (last.value / first.value) ** (1 / years) - 1
    (a, b), (c, d) = first.bounds, last.bounds

    def rate(x: float, y: float) -> float:
        if x <= 0:
            return math.inf
        if math.isinf(y):
            return math.inf
        return (max(y, 0.0) / x) ** (1 / years) - 1 if y > 0 else -1.0

    lo, hi = rate(b, c), rate(a, d)
    m = Value(0.0)._combine(nominal, lo, hi, "ratio", (first, last))
    formula = f"({_f(last)} / {_f(first)})^(1/{years:g}) - 1 = {_f(m)}"
    return Result("cagr", m, formula, (("from", first), ("to", last)))


def per_year_step(first: Value, last: Value, years: float) -> Result:
    """The same amount added every year: ``(last - first) / years`` (a linear path, not a compound one)."""
    if years <= 0:
        raise ValueError("a per-year step needs a positive number of years")
    change = last.subtract(first)
    v = change.scale(1 / years, unit=change.unit)
    formula = f"({_f(last)} - {_f(first)}) / {years:g} = {_f(v)} a year"
    return Result("per_year_step", v, formula, (("from", first), ("to", last)))


def straight_line_at(first: Value, last: Value, years: float, after: float) -> Result:
    """The level ``after`` years past ``first`` on the straight line to ``last`` ``years`` later."""
    if years <= 0 or not 0 < after < years:
        raise ValueError("a point on a straight line lies strictly between its two ends")
    change = last.subtract(first)
    v = first.add(change.scale(after / years, unit=change.unit), unit=first.unit)
    formula = f"{_f(first)} + ({_f(last)} - {_f(first)}) x {after:g}/{years:g} = {_f(v)}"
    return Result("straight_line", v, formula, (("from", first), ("to", last)))


def compounded(first: Value, rate: float, years: int) -> Result:
    """``first`` grown at ``rate`` a year for ``years`` years (a rate the question assumes)."""
    if years < 1:
        raise ValueError("compounding runs over at least one year")
    v = first.scale((1 + rate) ** years, unit=first.unit)
    power = "" if years == 1 else f"^{years}"
    formula = f"{_f(first)} x (1 + {rate:.4g}){power} = {_f(v)}"
    return Result("compounded", v, formula, (("from", first),))


def mean(values: list[Value]) -> Result:
    """The average of several figures (e.g. of each year's value over a range)."""
    if not values:
        raise ValueError("nothing to average")
    s = total(values).value
    v = s.scale(1 / len(values), unit=s.unit)
    formula = "(" + " + ".join(_f(x) for x in values) + f") / {len(values)} = {_f(v)}"
    return Result("average", v, formula, tuple((f"term {i + 1}", x) for i, x in enumerate(values)))


def median(values: list[Value]) -> Result:
    """The middle figure of several (the mean of the middle two for an even count), e.g. across companies."""
    if not values:
        raise ValueError("no figures for a median")
    ordered = sorted(values, key=lambda x: x.value)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        v = ordered[mid]
        formula = "median of " + ", ".join(_f(x) for x in ordered) + f" = {_f(v)}"
    else:
        v = total(ordered[mid - 1 : mid + 1]).value.scale(0.5, unit=ordered[mid].unit)
        listed = ", ".join(_f(x) for x in ordered)
        formula = f"median of {listed} = ({_f(ordered[mid - 1])} + {_f(ordered[mid])}) / 2 = {_f(v)}"
    return Result("median", v, formula, tuple((f"term {i + 1}", x) for i, x in enumerate(ordered)))


def ratio(numerator: Value, denominator: Value) -> Result:
    v = numerator.divide(denominator, unit="multiple")
    return Result(
        "ratio",
        v,
        f"{_f(numerator)} / {_f(denominator)} = {_f(v)}",
        (("numerator", numerator), ("denominator", denominator)),
    )


def share(part: Value, whole: Value) -> Result:
    v = part.divide(whole, unit="ratio")
    return Result("share", v, f"{_f(part)} / {_f(whole)} = {_f(v)}", (("part", part), ("whole", whole)))


def implied_whole(part: Value, share: Value) -> Result:
    """The whole a part implies at the share it is of it: ``part / share`` ($1.8T at 16% is $11.25T)."""
    v = part.divide(share, unit=part.unit)
    return Result("implied_whole", v, f"{_f(part)} / {_f(share)} = {_f(v)}", (("part", part), ("share", share)))


def total(values: list[Value]) -> Result:
    if not values:
        raise ValueError("nothing to add up")
    v = values[0]
    for x in values[1:]:
        v = v.add(x)
    return Result(
        "sum",
        v,
        " + ".join(_f(x) for x in values) + f" = {_f(v)}",
        tuple((f"term {i + 1}", x) for i, x in enumerate(values)),
    )


def difference(a: Value, b: Value) -> Result:
    """``a - b`` (how much bigger ``a`` is than ``b``)."""
    v = a.subtract(b)
    return Result("difference", v, f"{_f(a)} - {_f(b)} = {format_value(v, difference=True)}", (("a", a), ("b", b)))


def average(value: Value, parts: int, per: str = "quarter") -> Result:
    """Average per sub-period: a period's value spread evenly over ``parts`` sub-periods."""
    if parts <= 0:
        raise ValueError("average needs at least one sub-period")
    v = value.scale(1 / parts, unit=value.unit)
    return Result("average", v, f"{_f(value)} / {parts} = {_f(v)} per {per}", (("total", value),))


def annualise(value: Value, months: int) -> Result:
    """Simple annualisation: a ``months``-month value x 12 / months."""
    if months <= 0:
        raise ValueError("annualisation needs a positive number of months")
    v = value.scale(12 / months, unit=value.unit)
    return Result("annualised", v, f"{_f(value)} x 12 / {months} = {_f(v)} a year", (("period value", value),))


def rank(items: list[tuple[str, Value]], *, descending: bool = True) -> list[tuple[str, Value]]:
    """Items ordered best (largest) first; ties keep their order."""
    return sorted(items, key=lambda x: x[1].value, reverse=descending)
