"""What a chart of an answer draws: which figures, in which unit, with which status, where
on a time axis. Drawing is :mod:`bot.charts`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from .answer import Answer

__all__ = ["STATUSES", "can_chart", "is_series", "plottable", "position", "scale", "status_of"]

#: Statuses a figure is drawn with.
STATUSES = ("reported", "estimate", "forecast", "derived")


def _numeric(items: Sequence[Any]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        v = item.get("value")
        if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v):
            out.append(item)
    return out


def scale(unit: str | None, values: list[float]) -> tuple[float, str]:
    """Divide by this and label the axis with that."""
    if unit == "USD":
        top = max((abs(v) for v in values), default=0.0)
        if top >= 1e12:
            return 1e12, "US$ trillions ($T)"
        if top >= 1e9 or top == 0:
            return 1e9, "US$ billions ($B)"
        return 1e6, "US$ millions ($M)"
    if unit == "ratio":
        return 0.01, "%"
    if unit == "multiple":
        return 1.0, "multiple (x)"
    return 1.0, unit or "value"


def status_of(item: dict[str, Any], answer: Answer) -> str:
    """The status a figure is drawn with. A figure without one is what the answer computed
    (a change, a total): derived, unless the answer itself is reported."""
    s = str(item.get("status") or "")
    if s in STATUSES:
        return s
    if answer.status == "derived" or item.get("derivation") or not item.get("period"):
        return "derived"
    return "reported"


def plottable(answer: Answer) -> list[dict[str, Any]]:
    items = _numeric(answer.items)
    if len(items) < 2:
        return []
    units = [i.get("unit") for i in items]
    main = max(set(units), key=lambda u: (units.count(u), u is not None, str(u)))
    same = [i for i in items if i.get("unit") == main]
    return same if len(same) >= 2 else []


def can_chart(answer: Answer) -> bool:
    """True when :func:`chart_png` has something to draw: two or more numbers of one unit."""
    return bool(plottable(answer))


def is_series(answer: Answer, items: list[dict[str, Any]]) -> bool:
    """Points over periods (one line per subject), rather than things side by side."""
    if answer.kind == "comparison":
        return False
    periods = [i.get("period") for i in items]
    points = [(i.get("subject"), i.get("period")) for i in items]
    return None not in periods and len(set(periods)) >= 2 and len(set(points)) == len(points)


_MONTHS = {
    m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
}
_HALF_OR_QUARTER = re.compile(r"^(?:(H[12])|(Q[1-4]))\s*'?(\d{4}|\d{2})$", re.I)
_MONTH_RANGE = re.compile(r"([A-Za-z]{3})\w*\.? (\d{4})\s*[-–]\s*([A-Za-z]{3})\w*\.? (\d{4})")


def position(period: str) -> float | None:
    """Where a period sits on a time axis: the middle of it, in years.

    >>> position("2024"), position("H2 2025"), position("Q3 2024"), position("FY2025 (Jul 2024-Jun 2025)")
    (2024.5, 2025.75, 2024.625, 2025.0)
    """
    text = period.strip()
    m = _MONTH_RANGE.search(text)  # "Jan 2024-Sep 2024", "FY2025 (Jul 2024-Jun 2025)"
    if m and m.group(1).lower() in _MONTHS and m.group(3).lower() in _MONTHS:
        start = int(m.group(2)) + _MONTHS[m.group(1).lower()] / 12
        end = int(m.group(4)) + (_MONTHS[m.group(3).lower()] + 1) / 12
        return (start + end) / 2
    if re.fullmatch(r"(?:FY\s*)?\d{4}", text, re.I):
        return float(text[-4:]) + 0.5
    m = _HALF_OR_QUARTER.match(text)
    if m:
        year = float(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
        if m.group(1):
            return year + (0.75 if m.group(1).upper() == "H2" else 0.25)
        return year + (int(m.group(2)[1]) - 0.5) / 4
    return None
