"""What a figure needs to reach a mark the question writes, or by how much it clears one: "what annual
growth rate would hyperscaler capex need from 2025's $371B to reach $600B by 2032?", "how much would 2025
hyperscaler capex have to rise, in percent, to hit $400B?", "by how much does the 2032 forecast clear
$500B?".

The mark is the question's own amount, never a figure of the sources: the answer is worked out from the
figure held and that amount (a growth rate a year, a percent rise, or a gap in dollars).
"""

from __future__ import annotations

import re

from kg import analytics
from kg.format import format_value
from kg.values import Value

from ...answer import Answer
from ..facts import Responder
from ..understand import Query
from .common import result_answer

__all__ = ["answer_to_target"]

#: "to reach $600B", "to hit $400B", "to get to", "to top"
_TO_REACH = re.compile(r"\bto\s+(?:reach|hit|get\s+to|make\s+it\s+to|match|top|clear|cross|break)\b", re.I)
#: "what annual growth rate would it need", "what CAGR gets it to": a rate a year
_RATE_A_YEAR = re.compile(
    r"\b(?:cagr|annual(?:ised|ized)?\s+(?:growth|rate)|growth\s+rate|(?:a|per)\s+year|annually|yearly)\b", re.I
)
#: "how much would it have to rise, in percent", "by what percent would it need to grow"
_RISE_NEEDED = re.compile(
    r"\b(?:have|has|need|needs|needed)\s+to\s+(?:rise|grow|increase|climb|go\s+up|jump)\b"
    r"|\bhow\s+much\s+(?:more|growth|higher)\b|\bwhat\s+(?:growth|increase|rise)\b",
    re.I,
)
_PERCENT = re.compile(r"%|\bper\s*cent|\bpercent(?:age)?\b|\bpct\b", re.I)
#: "by how much does the 2032 forecast clear $500B?": a figure above the mark, and by how much
_CLEARS = re.compile(
    r"\b(?:by\s+how\s+much|how\s+much|how\s+far)\b[^?]*?\b(?:clear|clears|exceed|exceeds|beat|beats|top|tops"
    r"|surpass|surpasses|overshoot|overshoots)\b",
    re.I,
)


def answer_to_target(r: Responder, question: str, q: Query) -> Answer | None:
    """A growth rate, a percent rise or a gap between a held figure and the amount the question sets."""
    if q.yes_no or q.threshold is None or q.threshold.unit != "USD" or q.threshold.by:
        return None
    if len(set(q.subjects)) != 1 or q.metric is None or not q.periods:
        return None
    text = q.text or question
    mark = Value(q.threshold.value, "USD")
    subject = q.subjects[0]
    reach = _TO_REACH.search(text)
    if _CLEARS.search(text) and not reach and len(q.periods) == 1:
        f = r.find(subject, q.metric, q.periods[0])
        if f is None or f.value.unit != "USD" or f.is_change:
            return None
        res = analytics.difference(f.value, mark)
        side = "above" if res.value.value >= 0 else "short of"
        size = format_value(res.value, qualified=True, difference=True).lstrip("+-")
        return result_answer(
            r, question, q, res, [f], f"{r.describe(f)} ({r.fmt(f)}) is {size} {side} {format_value(mark)}."
        )
    if reach is None or not (_RISE_NEEDED.search(text) or _RATE_A_YEAR.search(text)):
        return None
    base = r.find(subject, q.metric, q.periods[0])
    if base is None or base.value.unit != "USD" or base.is_change or base.value.value <= 0:
        return None
    start, end = q.periods[0], q.periods[-1]
    years = (end.start.year - start.start.year) if start.start and end.start and len(q.periods) >= 2 else 0
    if q.measure == "per_year_step" and years > 0:
        # "if straight line, how many bn a year must capex add to hit $525B": equal dollar steps
        res = analytics.per_year_step(base.value, mark, years)
        step = format_value(res.value, qualified=True, difference=True).lstrip("+-")
        text_out = (
            f"From {r.describe(base)} ({r.fmt(base)}) to {format_value(mark)} by {end.label} takes "
            f"{step} a year in equal steps over {years} years."
        )
    elif _RATE_A_YEAR.search(text) and years > 0:
        res = analytics.cagr(base.value, mark, years)
        text_out = (
            f"From {r.describe(base)} ({r.fmt(base)}) to {format_value(mark)} by {end.label} takes "
            f"{format_value(res.value)} a year, compounded over {years} years."
        )
    elif _PERCENT.search(text) and len(q.periods) == 1:
        res = analytics.relative_change(base.value, mark)
        rise = format_value(res.value)
        text_out = f"{r.describe(base)} ({r.fmt(base)}) would have to rise {rise} to reach {format_value(mark)}."
    elif len(q.periods) == 1:
        res = analytics.difference(mark, base.value)
        size = format_value(res.value, qualified=True, difference=True).lstrip("+-")
        text_out = f"{r.describe(base)} ({r.fmt(base)}) would have to rise {size} to reach {format_value(mark)}."
    else:
        return None
    return result_answer(r, question, q, res, [base], text_out[:1].upper() + text_out[1:])
