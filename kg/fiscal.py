"""Fiscal calendars: which days a company's fiscal year, half or quarter covers.

A :class:`FiscalCalendar` says when a company's fiscal year ends:

- on the last day of a month (Microsoft: 30 June; Alphabet, Amazon, Meta: 31 December), or
- on the last given weekday of a month, a 52/53-week year (Apple: the last Saturday of
  September; Nvidia: the last Sunday of January). Such a year has four 13-week quarters,
  and one of them has 14 weeks when the year has 53 (Apple's first, Nvidia's fourth).

A fiscal year is named after the calendar year it ends in: Microsoft's FY2025 runs from
July 2024 to June 2025, Nvidia's FY2025 from 29 January 2024 to 26 January 2025.

Filings are the authority on dates: :func:`fiscal_period` and :func:`company_period`
return the dates a filing used when a stored period is within a few days of the computed
one, so "Apple Q1 FY2026" is the very period Apple's 10-Q reports.

>>> apple = FiscalCalendar(end_month=9, end_weekday=5, extra_week_quarter=1)
>>> fy = fiscal_period(apple, 2025)
>>> fy.start, fy.end, fy.label
(datetime.date(2024, 9, 29), datetime.date(2025, 9, 27), 'FY2025 (Oct 2024 – Sep 2025)')
>>> fiscal_period(apple, 2023, 1).label  # a 53-week year: its first quarter has 14 weeks
'Q1 FY2023 (Oct – Dec 2022)'
>>> msft = FiscalCalendar(end_month=6)
>>> fiscal_period(msft, 2025).label
'FY2025 (Jul 2024 – Jun 2025)'
>>> fiscal_period(msft, 2026, 1) == Period.quarter(2025, 3)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from .periods import Period, month_end

if TYPE_CHECKING:
    from .knowledge import Knowledge

__all__ = [
    "FiscalCalendar",
    "company_period",
    "fiscal_calendar",
    "fiscal_period",
    "period_label",
    "period_node_label",
]

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
#: how far (in days) a filing's period may be from the computed one and still be it
_TOLERANCE = 6


@dataclass(frozen=True)
class FiscalCalendar:
    """When a fiscal year ends.

    ``end_month`` 1-12; ``end_weekday`` 0 (Monday) to 6 (Sunday) for a 52/53-week year
    that ends on the last such weekday of ``end_month``, None for one that ends on the
    month's last day; ``extra_week_quarter`` is the quarter with 14 weeks in a 53-week year.
    """

    end_month: int = 12
    end_weekday: int | None = None
    extra_week_quarter: int = 4

    def __post_init__(self) -> None:
        if not 1 <= self.end_month <= 12:
            raise ValueError(f"a fiscal year ends in a month 1-12, not {self.end_month}")
        if self.end_weekday is not None and not 0 <= self.end_weekday <= 6:
            raise ValueError(f"a weekday is 0 (Monday) to 6 (Sunday), not {self.end_weekday}")
        if self.extra_week_quarter not in (1, 2, 3, 4):
            raise ValueError(f"no quarter {self.extra_week_quarter}")

    @property
    def is_calendar_year(self) -> bool:
        return self.end_month == 12 and self.end_weekday is None

    def year_end(self, year: int) -> date:
        """Last day of fiscal year ``year``."""
        last = month_end(year, self.end_month)
        if self.end_weekday is None:
            return last
        return last - timedelta(days=(last.weekday() - self.end_weekday) % 7)

    def year_start(self, year: int) -> date:
        return self.year_end(year - 1) + timedelta(days=1)

    def year_of(self, day: date) -> int:
        """The fiscal year that contains ``day``."""
        year = day.year
        while day > self.year_end(year):
            year += 1
        while day < self.year_start(year):
            year -= 1
        return year

    def quarter_bounds(self, year: int, quarter: int) -> tuple[date, date]:
        if quarter not in (1, 2, 3, 4):
            raise ValueError(f"no quarter {quarter}")
        if self.end_weekday is None:
            p = Period.fiscal_quarter(year, quarter, self.end_month)
            assert p.start is not None and p.end is not None
            return p.start, p.end
        start = self.year_start(year)
        weeks = ((self.year_end(year) - start).days + 1) // 7
        lengths = [13, 13, 13, 13]
        if weeks == 53:
            lengths[self.extra_week_quarter - 1] = 14
        begin = start + timedelta(weeks=sum(lengths[: quarter - 1]))
        return begin, begin + timedelta(weeks=lengths[quarter - 1], days=-1)


def _month_shown(day: date, at_start: bool) -> tuple[int, int]:
    """The month a 52/53-week boundary is named after: 29 Sep starts 'Oct', 27 Sep ends 'Sep'."""
    d = day + timedelta(days=6) if at_start else day - timedelta(days=6)
    if (at_start and day.day == 1) or (not at_start and day == month_end(day.year, day.month)):
        d = day
    return d.year, d.month


def _span_text(start: date, end: date) -> str:
    sy, sm = _month_shown(start, True)
    ey, em = _month_shown(end, False)
    if sy == ey:
        return f"{_MONTHS[sm - 1]} – {_MONTHS[em - 1]} {ey}" if sm != em else f"{_MONTHS[sm - 1]} {ey}"
    return f"{_MONTHS[sm - 1]} {sy} – {_MONTHS[em - 1]} {ey}"


def _snap(start: date, end: date, known: Iterable[Period]) -> tuple[date, date]:
    best: tuple[int, date, date] | None = None
    for p in known:
        if p.start is None or p.end is None:
            continue
        ds, de = abs((p.start - start).days), abs((p.end - end).days)
        if ds <= _TOLERANCE and de <= _TOLERANCE and (best is None or ds + de < best[0]):
            best = (ds + de, p.start, p.end)
    return (best[1], best[2]) if best else (start, end)


def fiscal_period(
    calendar: FiscalCalendar,
    year: int,
    quarter: int | None = None,
    *,
    half: int | None = None,
    known: Iterable[Period] = (),
) -> Period:
    """Fiscal year ``year`` (or its ``quarter`` 1-4, or its ``half`` 1-2) with its days and a label.

    ``known`` are periods whose dates win when within six days of the computed ones (the
    periods of the filings). For a calendar-year company the period is the calendar one
    and keeps its plain label ("2025", "Q1 2025").
    """
    if quarter is not None and half is not None:
        raise ValueError("a quarter or a half, not both")
    if quarter is not None:
        start, end = calendar.quarter_bounds(year, quarter)
        prefix = f"Q{quarter} "
    elif half is not None:
        if half not in (1, 2):
            raise ValueError(f"no half {half}")
        start = calendar.quarter_bounds(year, 2 * half - 1)[0]
        end = calendar.quarter_bounds(year, 2 * half)[1]
        prefix = f"H{half} "
    else:
        start, end = calendar.year_start(year), calendar.year_end(year)
        prefix = ""
    start, end = _snap(start, end, known)
    if calendar.is_calendar_year:
        return Period.from_dates(start, end)
    return Period.from_dates(start, end, name=f"{prefix}FY{year} ({_span_text(start, end)})")


def fiscal_calendar(k: Knowledge, subject: str) -> FiscalCalendar:
    """The fiscal calendar of an entity (the calendar year when the graph says nothing)."""
    e = k.entities.get(subject)
    if e is None:
        return FiscalCalendar()
    return FiscalCalendar(e.fiscal_end_month, e.fiscal_end_weekday, e.fiscal_extra_week_quarter)


def company_period(
    k: Knowledge, subject: str, year: int, quarter: int | None = None, *, half: int | None = None
) -> Period:
    """:func:`fiscal_period` for ``subject``'s calendar, with the dates its stored periods use."""
    cal = fiscal_calendar(k, subject)
    known = [q.period for q in k.by_quantity if q.subject == subject] if cal.end_weekday is not None else []
    return fiscal_period(cal, year, quarter, half=half, known=known)


@lru_cache(maxsize=1 << 16)
def period_label(calendar: FiscalCalendar, period: Period) -> str:
    """How ``period`` reads for a company with ``calendar``.

    Fiscal years, halves and quarters get their fiscal names ("Q1 FY2026 (Jul – Sep 2025)");
    year-to-date periods read "9M FY2025 (Oct 2024 – Jun 2025)"; any other dated period
    its months ("12 months to Jun 2025" for twelve months); vague periods their own label.

    >>> period_label(FiscalCalendar(6), Period.from_dates(date(2024, 7, 1), date(2025, 3, 31)))
    '9M FY2025 (Jul 2024 – Mar 2025)'
    """
    if period.start is None or period.end is None:
        return period.label
    if calendar.is_calendar_year and period.kind in ("year", "half", "quarter", "month"):
        return period.label
    if period.kind == "year":
        return f"calendar {period.label}"
    year = calendar.year_of(period.end)
    near = [period]
    candidates = [fiscal_period(calendar, year, known=near)]
    candidates += [fiscal_period(calendar, year, q, known=near) for q in (1, 2, 3, 4)]
    candidates += [fiscal_period(calendar, year, half=h, known=near) for h in (1, 2)]
    for c in candidates:
        if c == period:
            return c.label
    fy_start = _snap(calendar.year_start(year), calendar.year_end(year), near)[0]
    if period.start == fy_start or abs((period.start - calendar.year_start(year)).days) <= _TOLERANCE:
        quarters = round(((period.end - period.start).days + 1) / 91)
        if 1 <= quarters <= 4:
            fy = f"FY{year}" if not calendar.is_calendar_year else str(year)
            return f"{3 * quarters}M {fy} ({_span_text(period.start, period.end)})"
    days = (period.end - period.start).days + 1
    if 357 <= days <= 373:
        ey, em = _month_shown(period.end, False)
        return f"12 months to {_MONTHS[em - 1]} {ey}"
    return _span_text(period.start, period.end) if period.months == 0 else period.label


def period_node_label(calendar: FiscalCalendar, period: Period) -> str:
    """The rdfs:label of a period node several companies may share.

    Periods on month bounds read the same for everyone ("2025", "12 months to Mar 2017");
    52/53-week periods belong to one calendar and read its way ("Q1 FY2026 (Feb – Apr 2025)").
    """
    return period_label(FiscalCalendar() if period.months or period.is_vague else calendar, period)
