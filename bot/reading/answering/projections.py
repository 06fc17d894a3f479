"""Figures read off a question's own terms: a year on a straight line the question assumes between
two stated years, and the latest year-to-date figure filed when "YTD" is asked after the last filing."""

from __future__ import annotations

import re
from datetime import date

from kg import analytics
from kg.format import format_value
from kg.periods import Period

from ...answer import Answer
from ..facts import Fact, Responder
from ..patterns import STRAIGHT_LINE
from ..understand import Query
from .common import result_answer

__all__ = ["STRAIGHT_LINE", "TO_DATE", "latest_to_date", "on_a_straight_line"]


def on_a_straight_line(r: Responder, question: str, q: Query, subject: str, metric: str) -> Answer | None:
    """'Straight-line from $371bn in 2025 to $525bn in 2032: what's the 2028 number?': the year asked,
    on the line between the two years that have figures (an assumption the question makes, said so)."""
    years = [p for p in q.periods if p.kind == "year" and p.start is not None]
    if len(years) != 3:
        return None
    found = {p: r.find(subject, metric, p) for p in years}
    ends = sorted((p for p, f in found.items() if f is not None), key=lambda p: p.start or date.min)
    asked = [p for p, f in found.items() if f is None]
    if len(ends) != 2 or len(asked) != 1:
        return None
    a, b, t = ends[0], ends[1], asked[0]
    assert a.start and b.start and t.start
    first, last = found[a], found[b]
    assert first is not None and last is not None
    span, after = b.start.year - a.start.year, t.start.year - a.start.year
    if not 0 < after < span:
        return None
    res = analytics.straight_line_at(first.value, last.value, span, after)
    text = (
        f"On a straight line from {r.fmt(first)} in {a.label} to {r.fmt(last)} in {b.label}, "
        f"{r.possessive(subject)} {r.label(metric)} in {t.label} would be {format_value(res.value, qualified=True)} "
        f"(your assumption of equal yearly steps; the sources give no {t.label} figure)."
    )
    return result_answer(r, question, q, res, [first, last], text)


#: "YTD", "year to date", "fiscal YTD": a period that runs from the year's start to today
TO_DATE = re.compile(r"\bf?ytd\b|\byear[- ]to[- ]date\b", re.IGNORECASE)


def latest_to_date(r: Responder, subject: str, metric: str, asked: Period) -> Fact | None:
    """The latest figure from the start of ``asked`` (a year to date) to no later than its end."""
    if asked.start is None or asked.end is None:
        return None
    held = [
        f
        for f in r.available(subject, metric)
        if f.quantity.period.start == asked.start
        and f.quantity.period.end is not None
        and f.quantity.period.end <= asked.end
        and not f.is_change
    ]
    return max(held, key=lambda f: f.quantity.period.end or date.min, default=None)
