"""Equations over a company's reported series: trailing twelve months and capex intensity.

Filings report year-to-date figures; reasoning turns them into single quarters (see
:mod:`kg.reasoning`). On top of those quarters:

- trailing twelve months: any four consecutive quarters add up to the twelve months they
  cover. A Microsoft calendar year (January - December) is four of its fiscal quarters,
  so "Microsoft capex in calendar 2025" is derived with the four quarters as inputs;
- capex intensity: capital expenditure divided by revenue, for every period where both
  are known or derivable, as the metric ``m:capex-intensity`` (a ratio).

Quarters here are periods of 84 to 98 days, whether stated or the rest of a year-to-date
chain (Jan-Jun minus Jan-Mar), so 52/53-week calendars chain by their real dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

from .knowledge import Knowledge, Quantity
from .namespaces import M
from .periods import Period

if TYPE_CHECKING:
    from .reasoning import Equation

__all__ = ["CAPEX", "INTENSITY", "REVENUE", "quarters_of", "series_equations"]

CAPEX, REVENUE, INTENSITY = str(M["capex"]), str(M["revenue"]), str(M["capex-intensity"])
_DAY = timedelta(days=1)
_COUNT = {2: "two", 3: "three", 4: "four"}


def _is_quarter(p: Period) -> bool:
    return p.start is not None and p.end is not None and 84 <= (p.end - p.start).days + 1 <= 98


def quarters_of(periods: Iterable[Period]) -> set[Period]:
    """The single quarters among ``periods`` and the rests of their year-to-date chains."""
    dated = [p for p in periods if p.start is not None and p.end is not None]
    out = {p for p in dated if _is_quarter(p)}
    by_start: dict[date, list[Period]] = {}
    for p in dated:
        assert p.start is not None
        by_start.setdefault(p.start, []).append(p)
    for same in by_start.values():
        same.sort(key=lambda p: p.end or date.min)
        for short, long in pairwise(same):
            assert short.end is not None and long.end is not None
            rest = Period.from_dates(short.end + _DAY, long.end)
            if _is_quarter(rest):
                out.add(rest)
    return out


def _by_start(quarters: set[Period]) -> dict[date, Period]:
    """The shortest quarter that starts on each day."""
    starting: dict[date, Period] = {}
    for q in sorted(quarters, key=lambda p: ((p.end or date.min) - (p.start or date.min), p.start)):
        assert q.start is not None
        starting.setdefault(q.start, q)
    return starting


def _chain(starting: dict[date, Period], first: Period, length: int) -> list[Period]:
    """Up to ``length`` consecutive quarters from ``first``, each starting the day after the last ends."""
    chain = [first]
    while len(chain) < length:
        end = chain[-1].end
        nxt = starting.get(end + _DAY) if end is not None else None
        if nxt is None:
            break
        chain.append(nxt)
    return chain


def _ttm(subject: str, metric: str, quarters: set[Period]) -> list[tuple[Period, tuple[Period, ...]]]:
    starting = _by_start(quarters)
    chains = [_chain(starting, first, 4) for first in starting.values()]
    return [(Period.span(c[0], c[-1]), tuple(c)) for c in chains if len(c) == 4]


def _calendar_to_date(quarters: set[Period], held: set[Period]) -> list[tuple[Period, tuple[Period, ...]]]:
    """January to June and January to September of a company whose quarters start on 1 January but
    whose fiscal year does not (Microsoft's calendar year to date), from its quarters; spans already
    held are left alone."""
    starting = _by_start(quarters)
    out = []
    for first in (q for q in starting.values() if q.start is not None and (q.start.month, q.start.day) == (1, 1)):
        chain = _chain(starting, first, 3)
        for n in range(2, len(chain) + 1):
            span = Period.span(chain[0], chain[n - 1])
            if span not in held:
                out.append((span, tuple(chain[:n])))
    return out


def series_equations(k: Knowledge, present: dict[tuple[str, str], set[Period]]) -> list[Equation]:
    """Trailing-twelve-month sums and capex-intensity ratios for every filed series."""
    from .fiscal import fiscal_calendar, period_label
    from .reasoning import Equation, _eq_id
    from .vintage import same_basis

    out: list[Equation] = []
    by_quantity = k.by_quantity
    filed = {
        (subject, metric)
        for (subject, metric), periods in present.items()
        if metric in (CAPEX, REVENUE)
        and any(o.from_filing for p in periods for o in by_quantity.get(Quantity(subject, metric, p), ()))
    }
    universe: dict[tuple[str, str], set[Period]] = {}
    for (subject, metric), periods in sorted(present.items(), key=lambda x: x[0]):
        if (subject, metric) not in filed or metric not in (CAPEX, REVENUE):
            continue
        quarters = quarters_of(periods)
        universe[(subject, metric)] = set(periods) | quarters
        cal = fiscal_calendar(k, subject)
        sums = _ttm(subject, metric, quarters)
        if not cal.is_calendar_year:
            sums += _calendar_to_date(quarters, set(periods))  # "msft capex CY25 YTD"
        for total, parts in sums:
            qs = (Quantity(subject, metric, total), *(Quantity(subject, metric, p) for p in parts))
            if not same_basis(k, qs):
                continue
            universe[(subject, metric)].add(total)
            label = period_label(cal, total)
            out.append(
                Equation(
                    _eq_id("sum", subject, metric, total.slug, *(p.slug for p in parts)),
                    "sum",
                    qs,
                    ("total", *(period_label(cal, p) for p in parts)),
                    reason=f"{label} is the sum of its {_COUNT[len(parts)]} quarters",
                    total_name=label,
                )
            )
    if INTENSITY not in k.entities:
        return out
    for (subject, metric), periods in sorted(universe.items(), key=lambda x: x[0]):
        if metric != CAPEX:
            continue
        for p in sorted(periods & universe.get((subject, REVENUE), set()), key=lambda p: p.slug):
            qs = (Quantity(subject, INTENSITY, p), Quantity(subject, CAPEX, p), Quantity(subject, REVENUE, p))
            out.append(
                Equation(
                    _eq_id("ratio", subject, p.slug),
                    "ratio",
                    qs,
                    ("ratio", "capex", "revenue"),
                    reason="capex intensity is capital expenditure divided by revenue",
                    total_name="capex intensity",
                )
            )
    return out
