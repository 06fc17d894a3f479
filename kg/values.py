"""Qualified values: a nominal number with the bounds its qualifier allows.

Sources rarely state exact numbers: "nearly $40 billion", "over 20%", "up to 16%".
A :class:`Value` keeps the nominal number, the qualifier and an interval ``[low, high]``
that the true value lies in. Arithmetic propagates both: anything computed from an
approximate input is approximate, and bounds follow monotone operations.

>>> share = Value(0.16, "ratio", "at_most")
>>> whole = Value(1.8e12, "USD").divide(share)
>>> whole.qualifier, round(whole.value / 1e12, 2)
('at_least', 11.25)
>>> Value(30.7e9, "USD").divide(Value(2.0, "multiple", "approximately")).qualifier
'approximately'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["APPROXIMATE_SLACK", "QUALIFIERS", "ROUNDING_SLACK", "Value"]

QUALIFIERS = ("exact", "approximately", "nearly", "at_least", "at_most")

#: Relative slack an "approximately" value is taken to allow.
APPROXIMATE_SLACK = 0.10
#: Relative slack an "exact" value is taken to allow when checking for conflicts:
#: stated figures are rounded ("$371 billion", "44%").
ROUNDING_SLACK = 0.02

_INF = math.inf


def _interval(value: float, qualifier: str, low: float | None, high: float | None) -> tuple[float, float]:
    if qualifier == "exact":
        lo, hi = value, value
    elif qualifier == "approximately":
        # explicit bounds replace the default slack: "nearly $40B" is at most $40B, and a
        # value computed from "over 20%" may have no upper bound at all
        d = abs(value) * APPROXIMATE_SLACK
        lo = value - d if low is None else low
        hi = value + d if high is None else high
        return lo, hi
    elif qualifier == "nearly":
        # "nearly $40B": just under the figure, by at most the approximate slack
        lo = value - abs(value) * APPROXIMATE_SLACK if low is None else low
        hi = value if high is None else high
        return lo, hi
    elif qualifier == "at_least":
        lo, hi = value, _INF
    elif qualifier == "at_most":
        lo, hi = (0.0 if value >= 0 else -_INF), value
    else:
        raise ValueError(f"unknown qualifier {qualifier!r}; expected one of {', '.join(QUALIFIERS)}")
    if low is not None:
        lo = max(lo, low)
    if high is not None:
        hi = min(hi, high)
    return lo, hi


@dataclass(frozen=True)
class Value:
    """A number in base units with its unit, qualifier and bounds."""

    value: float
    unit: str | None = None
    qualifier: str = "exact"
    low: float | None = None
    high: float | None = None

    def __post_init__(self) -> None:
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")
        if not math.isfinite(self.value):
            raise ValueError(f"value must be finite, got {self.value!r}")

    @property
    def bounds(self) -> tuple[float, float]:
        """The interval the true value lies in."""
        return _interval(self.value, self.qualifier, self.low, self.high)

    # ------------------------------------------------------------ arithmetic
    @staticmethod
    def _combine(nominal: float, lo: float, hi: float, unit: str | None, inputs: tuple[Value, ...]) -> Value:
        if any(v.qualifier in ("approximately", "nearly") for v in inputs):
            q = "approximately"
        elif all(v.qualifier == "exact" for v in inputs):
            q = "exact"
        elif math.isclose(lo, nominal, rel_tol=1e-9) and hi > nominal:
            q = "at_least"
        elif math.isclose(hi, nominal, rel_tol=1e-9) and lo < nominal:
            q = "at_most"
        elif math.isclose(lo, hi, rel_tol=1e-12):
            q = "exact"
        else:
            q = "approximately"
        keep_lo = lo if q == "approximately" else None
        keep_hi = hi if q == "approximately" else None
        return Value(nominal, unit, q, keep_lo, keep_hi)

    def add(self, other: Value, unit: str | None = None) -> Value:
        (a, b), (c, d) = self.bounds, other.bounds
        return self._combine(self.value + other.value, a + c, b + d, unit or self.unit, (self, other))

    def subtract(self, other: Value, unit: str | None = None) -> Value:
        (a, b), (c, d) = self.bounds, other.bounds
        return self._combine(self.value - other.value, a - d, b - c, unit or self.unit, (self, other))

    def multiply(self, other: Value, unit: str | None = None) -> Value:
        (a, b), (c, d) = self.bounds, other.bounds
        products = [_mul(x, y) for x in (a, b) for y in (c, d)]
        return self._combine(self.value * other.value, min(products), max(products), unit or self.unit, (self, other))

    def divide(self, other: Value, unit: str | None = None) -> Value:
        if other.value == 0:
            raise ZeroDivisionError("division by a zero value")
        (a, b), (c, d) = self.bounds, other.bounds
        if c > 0 or d < 0:
            quotients = [_div(x, y) for x in (a, b) for y in (c, d)]
        elif (c == 0 and d > 0) or (d == 0 and c < 0):
            # the divisor may come arbitrarily close to zero on one side
            edge = d if d != 0 else c
            quotients = [_div(x, edge) for x in (a, b)]
            quotients += [math.copysign(_INF, x * edge) for x in (a, b) if x != 0]
        else:
            quotients = [-_INF, _INF]
        lo, hi = min(quotients), max(quotients)
        return self._combine(self.value / other.value, lo, hi, unit or self.unit, (self, other))

    def scale(self, factor: float, unit: str | None = None) -> Value:
        """Multiply by an exact constant."""
        return self.multiply(Value(factor, None), unit)

    def overlaps(self, other: Value, slack: float = ROUNDING_SLACK) -> bool:
        """True when the two values can describe the same quantity."""
        (a, b), (c, d) = self.bounds, other.bounds
        a, b = a - abs(a) * slack, b + abs(b) * slack
        c, d = c - abs(c) * slack, d + abs(d) * slack
        return a <= d and c <= b


def _mul(x: float, y: float) -> float:
    if (x == 0 and math.isinf(y)) or (y == 0 and math.isinf(x)):
        return 0.0
    return x * y


def _div(x: float, y: float) -> float:
    if math.isinf(y):
        return 0.0 if math.isfinite(x) else math.copysign(_INF, x * y)
    return x / y
