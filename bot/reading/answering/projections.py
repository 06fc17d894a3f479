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

__all__ = ["STRAIGHT_LINE", "TO_DATE", "at_an_assumed_rate", "latest_to_date", "on_a_straight_line"]


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


#: "if the 44% growth rate held", "assuming it grows 44% again": a rate the question supposes
_ASSUMED = re.compile(
    r"\b(?:if|assum\w*|suppos\w*|hypothetical\w*|were\s+to|held|holds?|sustain\w*|continu\w*|persist\w*|repeat\w*"
    r"|again|kept\s+up|carried\s+on|one\s+more\s+year|another\s+year|further\s+year)\b",
    re.IGNORECASE,
)
_RATE = re.compile(
    r"(?P<a>\d+(?:\.\d+)?)\s*%\s*(?:(?:a|per)\s+year\s+|annual\s+|yearly\s+|y/?y\s+|yoy\s+)?"
    r"(?:growth|increase|rise|rate|jump|clip|pace|cagr)"
    r"|\b(?:grow\w*|grew|rose|increas\w*|ris\w*|compound\w*|climb\w*|jump\w*)\s+(?:\w+\s+){0,2}?(?:of\s+|at\s+|by\s+)?(?P<b>\d+(?:\.\d+)?)\s*%",
    re.IGNORECASE,
)


def at_an_assumed_rate(r: Responder, question: str, q: Query, subject: str, metric: str) -> Answer | None:
    """'If the 44% growth rate held for one more year, what would hyperscaler capex be in 2026?': the
    latest yearly figure before the year asked, grown at the rate the question assumes (said so)."""
    rates = [float(m.group("a") or m.group("b")) / 100 for m in _RATE.finditer(question)]
    if len(q.periods) != 1 or len(set(rates)) != 1 or not _ASSUMED.search(question):
        return None
    asked = q.periods[0]
    if asked.kind != "year" or asked.start is None:
        return None
    before = [
        f
        for f in r.available(subject, metric)
        if f.quantity.period.kind == "year"
        and not f.is_change
        and f.quantity.period.start is not None
        and f.quantity.period.start < asked.start
    ]
    base = max(before, key=lambda f: f.quantity.period.start or date.min, default=None)
    if base is None or base.quantity.period.start is None:
        return None
    years = asked.start.year - base.quantity.period.start.year
    if not 1 <= years <= 10:
        return None
    res = analytics.compounded(base.value, rates[0], years)
    a_year = "" if years == 1 else " a year"
    text = (
        f"At {rates[0] * 100:g}%{a_year} from {r.fmt(base)} in "
        f"{r.plabel(base.quantity)}, {r.possessive(subject)} {r.label(metric)} in {asked.label} would be "
        f"{format_value(res.value, qualified=True)} (your assumed rate; the sources give no {asked.label} figure)."
    )
    return result_answer(r, question, q, res, [base], text)


#: "YTD", "year to date", "fiscal YTD": a period that runs from the year's start to today
TO_DATE = re.compile(r"\bf?ytd\b|\byear[- ]to[- ]date\b", re.IGNORECASE)
#: "MSFT FYTD capex?", "fiscal year to date": from the start of the company's fiscal year
FISCAL_TO_DATE = re.compile(r"\bfytd\b|\bfiscal[- ](?:year[- ])?to[- ]date\b|\bfiscal\s+ytd\b", re.IGNORECASE)


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
    found = max(held, key=lambda f: f.quantity.period.end or date.min, default=None)
    end = found.quantity.period.end if found is not None else None
    later = [
        f
        for f in r.available(subject, metric)
        if end is not None
        and f.quantity.period.start is not None
        and f.quantity.period.end is not None
        and end < f.quantity.period.start
        and f.quantity.period.end <= asked.end
        and not f.is_change
    ]
    # (a figure to June is no year to date when a later quarter is filed but the two were never added up)
    return None if later else found
