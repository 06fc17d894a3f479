"""One series' change over one span of years set against its change over another: "was the 2024-to-2025
increase in hyperscaler capex bigger than the 2025-to-2032 one?", "which was bigger in dollars: the rise
from 2024 to 2025 or the rise from 2025 to 2032?", and, after a change was given, "is that bigger than
the entire 2025-to-2032 increase?".

Each span's change is worked out from the series' two figures; the answer compares the two changes in
the measure asked (dollars unless a rate is asked), never a level or one change on its own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from kg import analytics
from kg.format import format_value
from kg.periods import Period
from kg.values import Value

from ...answer import Answer
from ..amounts import amounts_in
from ..facts import Fact, Responder
from ..understand import Query
from .common import result_answer
from .verdict_basics import with_verdict

__all__ = ["SPAN", "answer_span_changes", "rate_against_span", "spans_in"]

#: "2024 to 2025", "from 2025 to 2032", "between 2025 and 2032", "2025-2032", "2025→2032"
SPAN = re.compile(
    r"\b(?:from\s+|between\s+)?(?P<a>(?:19|20)\d\d)\s*(?:-?to-?|through|until|-|–|—|->|→|and)\s*"
    r"(?P<b>(?:19|20)\d\d|'?\d\d(?!\s*%|[.,]\d|\s*(?:bn|b|billion|tn|t|pp|x)\b))\b",
    re.IGNORECASE,
)

#: the question sets two changes side by side (rather than asking for one)
_WEIGHED = re.compile(
    r"\b(?:which|bigger|larger|greater|more|less|smaller|faster|slower|exceed\w*|outpac\w*|than|versus|vs\.?)\b",
    re.IGNORECASE,
)
_CHANGE_WORD = re.compile(
    r"\b(?:increase[sd]?|ris(?:e|es|ing)|rose|grow(?:s|th|ing)?|grew|jump(?:s|ed)?|gain(?:s|ed)?|climb(?:s|ed)?"
    r"|step-?up|increment|chang(?:e|es|ed)|declin(?:e|es|ed)|drop(?:s|ped)?|f[ae]ll(?:s)?)\b",
    re.I,
)
#: "the 2025 jump", "2025's increase": one year's change, over the year before
_YEARS_CHANGE = re.compile(
    r"\b((?:19|20)\d\d)(?:['’]s)?\s+(?:jump|increase|rise|growth|gain|step-?up|climb|uplift)\b", re.IGNORECASE
)
_RATE = re.compile(r"%|\bper\s*cent|\bpercent(?:age)?\b|\bfaster\b|\bslower\b|\brate\b|\brelative\b", re.I)
_ANNUAL = re.compile(r"\bannual(?:ised|ized|ly)?\b|\bper\s+year\b|\ba\s+year\b|\bcagr\b|\bfaster\b|\bslower\b", re.I)
_THAT = re.compile(r"\b(?:that|this|it)\b", re.I)
_SMALLER = re.compile(r"\b(?:less|smaller|slower|lower)\b", re.I)


def spans_in(text: str) -> list[tuple[int, int]]:
    """Every span of years written, earlier year first ("2024 to 2025" -> (2024, 2025))."""
    out = []
    for m in SPAN.finditer(text):
        a, b = int(m.group("a")), int(m.group("b").lstrip("'"))
        b = b if b >= 100 else a // 100 * 100 + b  # ("2024→25": the century of the first year)
        if a < b and (m.group(0).lower().startswith("between") or " and" not in m.group(0).lower()):
            out.append((a, b))
    return out


def answer_span_changes(r: Responder, question: str, q: Query) -> Answer | None:
    """The change of one series over two spans of years, compared or checked (after a change just given,
    "that" stands for it: its two years come first among the periods the follow-up inherits)."""
    text = q.text or question
    spans = spans_in(text)
    written = [m.span() for m in SPAN.finditer(text)]
    one_year = next((m for m in _YEARS_CHANGE.finditer(text) if not any(a <= m.start() < b for a, b in written)), None)
    if len(spans) == 1 and one_year and written:
        # "was the 2025 jump (44%) bigger than the whole 2025->2032 growth?": a year's change, from the year before
        year = int(one_year.group(1))
        if (year - 1, year) != spans[0]:
            spans.insert(0 if one_year.start() < written[0][0] else 1, (year - 1, year))
    if len(spans) == 1 and "periods" in q.inherited and _THAT.search(text) and len(q.periods) >= 3:
        was, now = q.periods[0], q.periods[1]
        if was.start and now.start and was.key == now.key == "":
            spans.insert(0, (was.start.year, now.start.year))
    if len(spans) != 2 or spans[0] == spans[1] or len(q.subjects) != 1 or q.metric is None:
        return None
    if not (_CHANGE_WORD.search(text) and _WEIGHED.search(text)):
        return None
    subject, metric = q.subjects[0], q.metric
    pairs: list[tuple[Fact, Fact]] = []
    for a, b in spans:
        first, last = r.find(subject, metric, Period.year(a)), r.find(subject, metric, Period.year(b))
        if first is None or last is None or first.value.unit != "USD" or last.value.unit != "USD":
            return None
        pairs.append((first, last))
    rate = bool(_RATE.search(text))
    annual = rate and bool(_ANNUAL.search(text)) and (spans[0][1] - spans[0][0]) != (spans[1][1] - spans[1][0])
    changes = []
    for (first, last), (a, b) in zip(pairs, spans, strict=True):
        if annual:
            changes.append(analytics.cagr(first.value, last.value, b - a))
        elif rate:
            changes.append(analytics.relative_change(first.value, last.value))
        else:
            changes.append(analytics.absolute_change(first.value, last.value))
    one, two = changes
    gap = analytics.pp_change(two.value, one.value) if rate else analytics.difference(one.value, two.value)
    lo, hi = gap.value.bounds
    bigger = 0 if lo > 0 else 1 if hi < 0 else None
    said = "; ".join(_said(r, pairs[i], spans[i], changes[i], annual) for i in (0, 1)) + "."
    said = said[:1].upper() + said[1:]
    facts = [f for pair in pairs for f in pair]
    if q.yes_no:
        larger = not _SMALLER.search(text)
        verdict = "unknown" if bigger is None else "yes" if (bigger == 0) == larger else "no"
        points = {"unit": "pp"} if rate else {}  # (the gap between two rates is in points)
        return with_verdict(question, result_answer(r, question, q, gap, facts, said, **points), verdict, "")
    if bigger is None:
        return None  # (ranges that overlap: no single gap to give)
    if bigger == 1:
        gap = analytics.pp_change(one.value, two.value) if rate else analytics.difference(two.value, one.value)
    a, b = spans[bigger]
    size = format_value(gap.value, qualified=True, difference=True).lstrip("+-")
    lead = f"Growth from {a} to {b} is faster" if rate else f"The change from {a} to {b} is larger"
    text_out = f"{lead}, by {size}{' a year' if annual else ''}. {said}"
    return result_answer(r, question, q, gap, facts, text_out, kind="comparison", **({"unit": "pp"} if rate else {}))


def _said(r: Responder, pair: tuple[Fact, Fact], span: tuple[int, int], change: analytics.Result, annual: bool) -> str:
    first, last = pair
    size = format_value(change.value, difference=change.kind == "absolute_change")
    per = " a year" if annual else ""
    return (
        f"{r.possessive(first.quantity.subject)} {r.label(first.quantity.metric)} from {r.fmt(first)} in "
        f"{span[0]} to {r.fmt(last)} in {span[1]}: {size}{per}"
    )


#: "faster than", "higher than": the first rate above the second; "slower", "lower": below it
_ABOVE = re.compile(r"\b(?:faster|higher|bigger|larger|greater|more|quicker|steeper)\s+than\b", re.I)
_BELOW = re.compile(r"\b(?:slower|lower|smaller|less|weaker|flatter)\s+than\b", re.I)
_POINTS_APART = re.compile(
    r"\b(?:pts|points|pp|ppts?|percentage\s+points)\b[^?]{0,20}\b(?:apart|gap|difference|between)\b"
    r"|\b(?:gap|difference|spread)\b[^?]{0,90}\b(?:pts|points|pp|ppts?)\b",
    re.I,
)
_YEARLY = re.compile(r"\b(?:annual|annualised|annualized|yearly|per\s+year|a\s+year|cagr|compound)\b", re.I)


def rate_against_span(r: Responder, question: str, q: Query) -> Answer | None:
    """'Is the 44% 2025 capex growth faster than the implied 2025-2032 annual growth rate?': a change rate
    the sources state, set against the yearly rate its own series implies over another span."""
    from . import changes, sources  # (both build on the answering modules, as this one does)

    above, below = _ABOVE.search(question), _BELOW.search(question)
    rates = [a for a in amounts_in(question) if 0 < abs(a) < 10]  # (the question's own, before they name a series)
    # ("the 44% jump in 2025 vs the implied 2025-32 CAGR — how many pts apart?": the gap in points)
    apart = not q.yes_no and bool(_POINTS_APART.search(question))
    if not (q.yes_no and (above or below)) and not apart:
        return None
    if len(rates) != 1 or len(q.periods) != 2 or not _YEARLY.search(question):
        return None
    stated = sources.change_of_rate(r, replace(q, amounts=rates))
    if stated is None:
        return None
    span = sorted(q.periods, key=lambda p: p.start or date.min)
    if span == stated.periods:
        return None
    implied = changes.answer_change(
        r, question, Query(intent="cagr", subjects=stated.subjects, metric=stated.metric, periods=span, measure="cagr")
    )
    if not implied.answered or implied.value is None or implied.measure != "cagr":
        return None
    rate = rates[0]
    if apart:
        res = analytics.pp_change(Value(implied.value, "ratio"), Value(rate, "ratio"))
        text = (
            f"The stated {format_value(Value(rate, 'ratio'))} is {format_value(res.value, difference=True)} from the "
            f"{format_value(Value(implied.value, 'ratio'))} a year implied over {span[0].label}–{span[1].label}. "
            f"{implied.text}"
        )
        return result_answer(r, question, q, res, list(implied.basis), text, kind="comparison", unit="pp")
    asks_above = bool(above and (not below or above.start() < below.start()))
    verdict = "yes" if (rate > implied.value) == asks_above else "no"
    said = (
        f"the stated {format_value(Value(rate, 'ratio'))} against {format_value(Value(implied.value, 'ratio'))} a year"
    )
    return with_verdict(question, implied, verdict, f"{said}.")
