"""A run-rate set against another figure: 'AMZN 1H25 capex x2 minus reported LTM capex to June 2025 —
what's the gap?'. The figure written with the run-rate words is made a year's worth (x 12 / its months);
the other is taken as filed; the gap is the first less the second, as written."""

from __future__ import annotations

import re

from kg import analytics
from kg.analytics import Result
from kg.format import format_value

from ...answer import Answer
from ..facts import Responder
from ..understand import Query
from .common import result_answer

__all__ = ["RUN_RATE", "answer_run_rate_gap"]

#: "run-rate", "annualised", "x2" after a half year, "x4" after a quarter
RUN_RATE = re.compile(r"\brun[- ]?rate\b|\bannuali[sz]ed\b|(?:\bx|×|\*)\s*[24]\b", re.IGNORECASE)


def answer_run_rate_gap(r: Responder, question: str, q: Query) -> Answer | None:
    ops = [o for o in q.operands if o.subject and o.period is not None]
    if q.measure != "difference" or len(ops) != 2 or len({o.subject for o in ops}) != 1:
        return None
    first, second = sorted(ops, key=lambda o: o.start)
    metric = first.metric or second.metric or q.metric
    if metric is None or first.period == second.period:
        return None
    spans = [(first, question[first.start : second.start]), (second, question[second.start :])]
    marked = [o for o, text in spans if RUN_RATE.search(text)]
    if len(marked) != 1:
        return None
    facts = []
    for o in (first, second):
        assert o.subject is not None and o.period is not None
        f = r.find(o.subject, o.metric or metric, o.period)
        if f is None or f.value.unit != "USD":
            return None
        facts.append(f)
    months = []
    for f in facts:
        p = f.quantity.period
        months.append(p.months if p.start is not None and p.end is not None else 0)
    values = []
    for o, f, n in zip((first, second), facts, months, strict=True):
        if o is marked[0]:
            if n not in (3, 6, 9):
                return None  # a year is its own run-rate; the months must be a part of one
            values.append(analytics.annualise(f.value, n))
        else:
            if n != 12:
                return None  # set against a year's figure
            values.append(Result("level", f.value, r.fmt(f), ()))
    gap = analytics.difference(values[0].value, values[1].value)
    res = Result(
        "difference",
        gap.value,
        f"({values[0].formula}) - {format_value(values[1].value)} = {format_value(gap.value)}",
        gap.inputs,
    )
    described = [
        f"{r.describe(f)} ({r.fmt(f)}){' annualised: ' + format_value(v.value) if o is marked[0] else ''}"
        for o, f, v in zip((first, second), facts, values, strict=True)
    ]
    text = f"{described[0]} − {described[1]} = {format_value(gap.value, qualified=True, difference=True)}."
    return result_answer(r, question, q, res, facts, text)
