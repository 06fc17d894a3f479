"""The period model: calendar and fiscal years, halves, quarters, months and vague periods.

A dated period is a closed interval of days. Two periods are the same period when
they cover the same days, whatever they are called: Alphabet's "first two quarters of
fiscal 2025" is H1 2025 because Alphabet's fiscal year is the calendar year, while
Microsoft's fiscal 2025 runs from July 2024 to June 2025.

>>> Period.year(2025).label
'2025'
>>> Period.half(2025, 1) == Period.from_dates(date(2025, 1, 1), date(2025, 6, 30))
True
>>> [q.label for q in Period.half(2025, 1).parts()[0]]
['Q1 2025', 'Q2 2025']
>>> Period.fiscal_year(2025, end_month=6).label
'FY2025 (Jul 2024-Jun 2025)'
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

__all__ = ["Period", "month_end"]

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@functools.lru_cache(maxsize=4096)
def month_end(year: int, month: int) -> date:
    """Last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


T = TypeVar("T")


class _once(Generic[T]):
    """A property computed once per instance (functools.cached_property without its lock,
    which costs more than the computation here); frozen instances are fine, as the value
    goes straight into the instance's ``__dict__``."""

    def __init__(self, fn: Callable[[Any], T]) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __get__(self, obj: object, cls: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class Period:
    """A period of time.

    Dated periods have ``start`` and ``end`` (inclusive). Vague periods ("within a few
    years") have no dates; they are identified by ``key`` and never equal a dated period.
    """

    start: date | None
    end: date | None
    key: str = field(default="", compare=True)
    name: str = field(default="", compare=False)
    #: for the change between two periods (a quantity of its own, not a span of time): those periods
    between: tuple[Period, Period] | None = field(default=None, compare=False, repr=False)

    # ------------------------------------------------------------ constructors
    @classmethod
    def from_dates(cls, start: date, end: date, name: str = "") -> Period:
        if end < start:
            raise ValueError(f"period ends ({end}) before it starts ({start})")
        if cls is not Period:
            return cls(start, end, "", name)
        return _dated(start, end, name)

    @classmethod
    def vague(cls, key: str, name: str) -> Period:
        return cls(None, None, key, name)

    @classmethod
    def change(cls, first: Period, last: Period) -> Period:
        """The 'period' of the change from ``first`` to ``last``: undated, and marked as a change."""
        return cls(None, None, f"{first.slug}->{last.slug}", f"{first.label} to {last.label}", (first, last))

    @property
    def is_change(self) -> bool:
        """Does this stand for the change between two periods rather than a span of time?"""
        return self.between is not None

    @classmethod
    def year(cls, year: int) -> Period:
        return cls.from_dates(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        if half not in (1, 2):
            raise ValueError(f"no half {half}")
        first = 1 if half == 1 else 7
        return cls.from_dates(date(year, first, 1), month_end(year, first + 5))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if quarter not in (1, 2, 3, 4):
            raise ValueError(f"no quarter {quarter}")
        first = 3 * (quarter - 1) + 1
        return cls.from_dates(date(year, first, 1), month_end(year, first + 2))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls.from_dates(date(year, month, 1), month_end(year, month))

    @classmethod
    def fiscal_year(cls, year: int, end_month: int = 12) -> Period:
        """Fiscal year ``year`` ending in ``end_month`` of that calendar year."""
        if not 1 <= end_month <= 12:
            raise ValueError(f"a fiscal year ends in a month 1-12, not {end_month}")
        if end_month == 12:
            return cls.year(year)
        sy, sm = _add_months(year, end_month, -11)
        return cls.from_dates(date(sy, sm, 1), month_end(year, end_month))

    @classmethod
    def fiscal_half(cls, year: int, half: int, end_month: int = 12) -> Period:
        if half not in (1, 2):
            raise ValueError(f"no half {half}")
        fy = cls.fiscal_year(year, end_month)
        assert fy.start is not None
        sy, sm = _add_months(fy.start.year, fy.start.month, 6 * (half - 1))
        ey, em = _add_months(sy, sm, 5)
        return cls.from_dates(date(sy, sm, 1), month_end(ey, em))

    @classmethod
    def fiscal_quarter(cls, year: int, quarter: int, end_month: int = 12) -> Period:
        if quarter not in (1, 2, 3, 4):
            raise ValueError(f"no quarter {quarter}")
        fy = cls.fiscal_year(year, end_month)
        assert fy.start is not None
        sy, sm = _add_months(fy.start.year, fy.start.month, 3 * (quarter - 1))
        ey, em = _add_months(sy, sm, 2)
        return cls.from_dates(date(sy, sm, 1), month_end(ey, em))

    @classmethod
    def span(cls, first: Period, last: Period) -> Period:
        """From the start of ``first`` to the end of ``last``."""
        if first.start is None or last.end is None:
            raise ValueError("a span needs dated periods")
        return cls.from_dates(first.start, last.end)

    def __post_init__(self) -> None:
        # hashed once: reasoning hashes quantities (and so their periods) millions of times
        self.__dict__["_hash"] = hash((self.start, self.end, self.key))

    def __hash__(self) -> int:
        return self._hash  # type: ignore[attr-defined]

    def __getstate__(self) -> dict[str, object]:
        # a hash holds for one process only (another hashes dates and strings differently)
        return {k: v for k, v in self.__dict__.items() if k not in ("_hash", "_parts")}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    # ------------------------------------------------------------ properties
    @property
    def is_vague(self) -> bool:
        return self.start is None

    @_once
    def months(self) -> int:
        """Whole months covered, 0 for vague periods or periods not on month bounds."""
        if self.start is None or self.end is None or self.start.day != 1:
            return 0
        if self.end != month_end(self.end.year, self.end.month):
            return 0
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @_once
    def kind(self) -> str:
        """'year', 'half', 'quarter', 'month', 'fiscal-year', 'span' or 'vague'."""
        if self.start is None:
            return "vague"
        n = self.months
        if n == 12:
            return "year" if self.start.month == 1 else "fiscal-year"
        if n == 6 and self.start.month in (1, 7):
            return "half"
        if n == 3 and self.start.month in (1, 4, 7, 10):
            return "quarter"
        if n == 1:
            return "month"
        return "span"

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        if self.start is None or self.end is None:
            return self.key
        kind, s, e = self.kind, self.start, self.end
        if kind == "year":
            return str(s.year)
        if kind == "fiscal-year":
            return f"FY{e.year} ({_MONTHS[s.month - 1]} {s.year}-{_MONTHS[e.month - 1]} {e.year})"
        if kind == "half":
            return f"H{1 if s.month == 1 else 2} {s.year}"
        if kind == "quarter":
            return f"Q{(s.month - 1) // 3 + 1} {s.year}"
        if kind == "month":
            return f"{_MONTHS[s.month - 1]} {s.year}"
        if self.months and s.month == 1 and e.month == 12:
            return f"{s.year}-{e.year}"
        if self.months:
            return f"{_MONTHS[s.month - 1]} {s.year}-{_MONTHS[e.month - 1]} {e.year}"
        return f"{s.isoformat()} to {e.isoformat()}"

    @_once
    def slug(self) -> str:
        """A stable identifier used in IRIs: '2025', '2025-H1', '2025-Q3', or start--end."""
        if self.start is None or self.end is None:
            return self.key
        kind, s = self.kind, self.start
        if kind == "year":
            return str(s.year)
        if kind == "half":
            return f"{s.year}-H{1 if s.month == 1 else 2}"
        if kind == "quarter":
            return f"{s.year}-Q{(s.month - 1) // 3 + 1}"
        if kind == "month":
            return f"{s.year}-{s.month:02d}"
        return f"{s.isoformat()}--{self.end.isoformat()}"

    @property
    def rdf_class(self) -> str:
        """Local name of the kg: class for this period."""
        return {
            "year": "CalendarYear",
            "fiscal-year": "FiscalYear",
            "half": "Half",
            "quarter": "Quarter",
            "month": "Month",
            "vague": "VaguePeriod",
        }.get(self.kind, "Period")

    # ------------------------------------------------------------ relations
    def contains(self, other: Period) -> bool:
        if self.start is None or self.end is None or other.start is None or other.end is None:
            return self == other
        return self.start <= other.start and other.end <= self.end

    def shift_years(self, years: int) -> Period:
        """The same period ``years`` later (negative: earlier) - 'same period last year'."""
        if self.start is None or self.end is None:
            raise ValueError(f"cannot shift the vague period {self.label!r}")
        s = self.start.replace(year=self.start.year + years, day=1)
        e = month_end(self.end.year + years, self.end.month)
        if self.end != month_end(self.end.year, self.end.month):
            e = self.end.replace(year=self.end.year + years)
        if self.start.day != 1:  # 29 February becomes 28 February in a common year
            s = s.replace(day=min(self.start.day, month_end(s.year, s.month).day))
        return Period.from_dates(s, e)

    def parts(self) -> list[list[Period]]:
        """Partitions of this period into consecutive sub-periods.

        A 12-month period splits into two halves and into four quarters; a 6-month
        period into two quarters; a quarter into three months.
        """
        return [list(chunk) for chunk in self._parts]

    @_once
    def _parts(self) -> tuple[tuple[Period, ...], ...]:
        n = self.months
        if self.start is None or n == 0:
            return ()
        sizes = {12: (6, 3), 6: (3,), 3: (1,)}.get(n, ())
        out = []
        for size in sizes:
            chunk = []
            for i in range(n // size):
                sy, sm = _add_months(self.start.year, self.start.month, i * size)
                ey, em = _add_months(sy, sm, size - 1)
                chunk.append(Period.from_dates(date(sy, sm, 1), month_end(ey, em)))
            out.append(tuple(chunk))
        return tuple(out)

    def __str__(self) -> str:
        return self.label


@functools.lru_cache(maxsize=1 << 16)
def _dated(start: date, end: date, name: str) -> Period:
    """One instance per dated period (immutable, so shared): equal periods are then mostly
    the same object, which dictionaries compare at once, and what an instance computes
    once (its slug, its parts) is computed once for all."""
    return Period(start, end, "", name)
