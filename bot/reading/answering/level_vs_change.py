"""One figure set against the change of another: "is the >$200B ad-spend uplift bigger than the whole
increase in hyperscaler capex from 2025 to 2032?", "which is larger: the extra ad spending AI adds by
2032, or the rise in annual hyperscaler spending between 2025 and 2032? And by how much?".

The change is written as a noun ("the rise / increase / growth in X from A to B"); it is worked out from
X's two figures, and the other operand is a figure the sources state. Never the level of X in its place.
"""

from __future__ import annotations

import re

from kg import analytics
from kg.format import format_value
from kg.periods import Period

from ...answer import Answer
from ..facts import Fact, Responder
from ..understand import Query
from .common import result_answer
from .verdict_basics import with_verdict

__all__ = ["answer_level_vs_change"]

#: "the (whole) rise in annual hyperscaler spending between 2025 and 2032", "the increase in X from 2025 to 2032"
_CHANGE_OPERAND = re.compile(
    r"\b(?:rise|increase|growth|jump|gain|increment|step-?up)\s+in\s+(?P<what>[^?,;]{2,60}?)\s+"
    r"(?:from|between)\s+(?P<a>(?:19|20)\d\d)\s+(?:to|and|through)\s+(?P<b>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def answer_level_vs_change(r: Responder, question: str, q: Query) -> Answer | None:
    """A stated figure against the change of another series between two years, compared or checked."""
    m = _CHANGE_OPERAND.search(q.text or question)  # (operands stand where the text read has them)
    if m is None or len(q.operands) < 2:
        return None
    inside = [o for o in q.operands if o.subject and m.start("what") <= o.start < m.end("what")]
    outside = [o for o in q.operands if o not in inside and o.metric and o.start < m.start()]
    outside = outside or [o for o in q.operands if o not in inside and o.metric and o.start >= m.end()]
    if len(inside) != 1 or not outside:
        return None
    subject, metric = inside[0].subject, inside[0].metric
    assert subject is not None
    metric = _held_metric(r, subject, metric)
    a, b = (r.find(subject, metric, Period.year(int(m.group(y)))) if metric else None for y in ("a", "b"))
    other = _stated(r, outside[0].subject, outside[0].metric)
    if a is None or b is None or other is None or other.value.unit != "USD" or a.value.unit != "USD":
        return None
    change = analytics.absolute_change(a.value, b.value)
    rise = change.value
    span = (
        f"{r.possessive(subject)} {r.label(a.quantity.metric)} from {r.fmt(a)} in {m.group('a')} "
        f"to {r.fmt(b)} in {m.group('b')}"
    )
    lo, hi = other.value.bounds
    bigger = "other" if lo > rise.value else "change" if hi < rise.value else None
    gap_value = (
        analytics.difference(other.value, rise) if bigger != "change" else analytics.difference(rise, other.value)
    )
    said = (
        f"{r.describe(other)}: {r.fmt(other)}; the rise in {span}: {format_value(rise, difference=True).lstrip('+')}."
    )
    if q.yes_no:
        larger = q.comparator != "<"
        verdict = "unknown" if bigger is None else "yes" if (bigger == "other") == larger else "no"
        base = result_answer(r, question, q, gap_value, [other, a, b], said)
        return with_verdict(question, base, verdict, "")
    if bigger is None:
        return None  # (a range that straddles the rise: no single gap to give)
    first = r.describe(other) if bigger == "other" else f"the rise in {span}"
    text = (
        f"{first[:1].upper()}{first[1:]} is larger, by "
        f"{format_value(gap_value.value, qualified=True, difference=True).lstrip('+-')}. {said}"
    )
    return result_answer(r, question, q, gap_value, [other, a, b], text, kind="comparison")


def _held_metric(r: Responder, subject: str, metric: str | None) -> str | None:
    """The metric named, or the one the subject holds yearly figures of when the name is generic."""
    if metric and r.available(subject, metric):
        return metric
    held = {f.quantity.metric for f in r.available(subject) if f.value.unit == "USD" and not f.is_change}
    return held.pop() if len(held) == 1 else metric


def _stated(r: Responder, subject: str | None, metric: str | None) -> Fact | None:
    """The one figure the sources state of that metric (of that subject, when named)."""
    held = (r.available(subject, metric) if subject else []) or r.available(None, metric)
    # ("the extra ad spending AI adds": the metric's one holder, when the subject named holds none of it)
    found = [f for f in held if f.status != "derived" and not f.is_change and f.quantity.metric == metric]
    return found[0] if len(found) == 1 else None
