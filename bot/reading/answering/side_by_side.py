"""Figures set side by side in so many words: one company's figure for each of the periods a question
lists ("how much did Amazon spend in Q4 2025 and Q1 2026?"), never a change between them, and the
distance from a figure to an amount the question writes as a mark ("how far short of a flat $40B")."""

from __future__ import annotations

import re
from dataclasses import replace

from kg import analytics
from kg.format import format_value
from kg.periods import Period
from kg.values import Value

from ...answer import Answer
from ..amounts import amounts_in
from ..arithmetic_words import source_first
from ..facts import Fact, Responder
from ..understand import Query
from .common import facts_answer, result_answer

__all__ = [
    "CHANGE_ASKED",
    "LISTED_PERIODS",
    "calendar_vs_fiscal",
    "each_period",
    "gap_of_total_to_amount",
    "gap_to_amount",
    "total_as_share_of_amount",
]


#: "how far short of a flat $40B is the filed number?", "how much above $35bn was it?": a gap to a written amount
_GAP_TO = re.compile(
    r"\bhow\s+(?:far|much)\s+(?:short\s+of|below|under|above|over|beyond|off|from|away\s+from)\b"
    r"|\b(?:gap|distance|shortfall)\s+(?:to|from)\b"
    # "article says meta spent 30.7B in h1 2025, whats the gap vs what they actually filed"
    r"|\b(?:gap|difference)\s+(?:vs\.?|versus|against|with)\s+(?:what|the\s+(?:filed|reported|actual))"
    # "how big is the gap vs the article's $371B?"
    r"|\b(?:gap|difference)\s+(?:vs\.?|versus|against|with|to|from)\s+(?:the\s+article'?s?\s+)?\$"
    # "How much higher is that ($30.7bn) than what Meta actually filed?": the amount against the figure
    r"|\bhow\s+much\s+(?:higher|lower|more|less|bigger|smaller|larger|greater)\s+(?:is|was|are|were)\s+"
    r"(?:that|this|it|our|their|\$)"
    # "By how many dollars does the 10-Q figure fall short of $40B?", "how short of $40B was it?"
    r"|\bhow\s+(?:many\s+dollars|much)\b[^?]{0,80}?\b(?:fall|falls|fell|come|comes|came)\s+(?:short\s+of|below|under)\b"
    r"|\bhow\s+(?:far\s+)?short\s+of\b"
    # "how much less than $40B was it?", "how far is it below $40B?"
    r"|\bhow\s+(?:much|far)\s+(?:less|more|lower|higher|above|below|under|over)\s+(?:than\s+)?\$"
    r"|\bhow\s+far\b[^?]{0,60}?\b(?:below|under|above|over|short\s+of)\s+\$"
    # "How much more would the hyperscalers need to spend in 2025 to reach $400 billion?"
    r"|\bhow\s+much\s+(?:more|less)\b[^?]{0,60}?\bto\s+(?:reach|hit|get\s+to|match|equal|clear)\b",
    re.IGNORECASE,
)


def gap_to_amount(r: Responder, question: str, q: Query) -> Answer | None:
    """The distance between one figure and an amount the question writes as a mark to measure it by."""
    marks = set(q.amounts) or ({q.threshold.value} if q.threshold is not None and q.threshold.unit == "USD" else set())
    if not _GAP_TO.search(question) or len(marks) != 1 or len(q.periods) != 1:
        return None
    if not q.subjects and q.metric:
        # "2032E capex — how far above half a trillion?": the one figure held of that measure and period
        held = {f.quantity.subject for f in r.available(None, q.metric) if f.quantity.period == q.periods[0]}
        q = replace(q, subjects=list(held)) if len(held) == 1 else q
    if len(set(q.subjects)) != 1:
        return None
    named = {o.metric for o in q.operands if o.metric and o.metric in r.k.entities and r.k.entities[o.metric].broader}
    if len(named) >= 2:
        # "how far above Meta's filed capex is the article's $30.7bn AI capex?": two measures, set side by side
        # (a bare "spent" names none: "Meta spent $30.7 billion ... How far above its filed capex is that?")
        return None
    metric = q.metric
    f = r.find(q.subjects[0], metric, q.periods[0]) if metric else None
    if f is None or f.value.unit != "USD" or f.is_change:
        return None
    mark = Value(marks.pop(), "USD")
    if f.value.overlaps(mark, slack=0.0):
        return None  # the amount is the figure itself
    res = analytics.difference(mark, f.value) if mark.value >= f.value.value else analytics.difference(f.value, mark)
    side = "short of" if mark.value >= f.value.value else "above"
    text = (
        f"{r.describe(f)} ({r.fmt(f)}) is {format_value(res.value, qualified=True, difference=True).lstrip('+-')} "
        f"{side} {format_value(mark)}."
    )
    return result_answer(r, question, q, res, [f], text)


#: "how much did it spend in Q4 2025 and Q1 2026?": a level asked for periods written as a list
LISTED_PERIODS = re.compile(r"^\s*(?:how\s+much|what\s+(?:was|were|is|are|did)|give|show|list|tell)\b", re.IGNORECASE)
#: words that ask how the figures relate, not for each of them
CHANGE_ASKED = re.compile(
    r"\b(?:vs\.?|versus|compared?|from|grow\w*|grew|chang\w*|rise|rose|fall|fell|increas\w*|decreas\w*|declin\w*|"
    r"differen\w*|gap|more|less|higher|lower|growth|cagr|multiple|times|ratio|percent\w*|%|between|up|down|jump\w*"
    r"|total|combined|together|sum|add\w*|average|avg|mean|each year|per year|a year)\b|%|[-–→]\s*\d",
    re.IGNORECASE,
)


def each_period(r: Responder, question: str, q: Query, subject: str) -> Answer | None:
    """One subject's figure for each of the periods listed, side by side (never a change between them)."""
    if q.metric is None:
        return None
    facts = [r.find(subject, q.metric, p, now=q.now) for p in q.periods]
    found = [f for f in facts if f is not None]
    if len(found) != len(facts):
        return None
    heading = f"{r.possessive(subject)} {r.label(q.metric)}"
    return facts_answer(r, question, found, heading, None, by="period", subject=r.label(subject))


#: "what fraction of that forecast did they spend?": the amount the question's own premise wrote
_THAT_MARK = re.compile(
    r"\b(?:that|this|the\s+article'?s?)\s+(?:forecast|figure|amount|number|total|projection)\b", re.I
)


def _total_and_mark(r: Responder, q: Query) -> tuple[list[Fact], analytics.Result, Value] | None:
    """Several companies' figures for one period, added up, and the one amount the question writes."""
    marks = q.amounts or ([q.threshold.value] if q.threshold is not None and q.threshold.unit == "USD" else [])
    if not marks and _THAT_MARK.search(q.text):
        marks = [v for v in amounts_in(q.text) if v >= 1e6]  # (dollars only: "44%" is no mark)
    if len(set(q.subjects)) < 2 or len(set(marks)) != 1 or not q.metric or len(q.periods) != 1:
        return None
    from .comparisons import facts_for_subjects  # (comparisons imports this module)

    found, missing = facts_for_subjects(r, replace(q, operands=[], amounts=[]))
    if missing or len(found) < 2 or any(f.value.unit != "USD" for f in found):
        return None
    return found, analytics.total([f.value for f in found]), Value(marks[0], "USD")


def _stated_as(r: Responder, q: Query) -> str:
    from .sources import facts_with_amounts  # (sources imports the answering modules)

    stated = facts_with_amounts(r.any_source(), replace(q, subjects=[], metric=None))
    return f" ({r.describe(stated[0])})" if len(stated) == 1 else ""


def gap_of_total_to_amount(r: Responder, question: str, q: Query) -> Answer | None:
    """'The article's $371bn for 2025 vs what AMZN+META+MSFT filed for CY2025 — how big is the gap?':
    the companies' figures added up, and how far that total is from the amount written."""
    # (or "how far short of the article's $371bn do those three fall?": the gap, with no word of adding)
    asked = (q.intent == "sum" and q.measure == "difference") or bool(_GAP_TO.search(question))
    both = _total_and_mark(r, q) if asked else None
    if both is None:
        return None
    found, total, mark = both
    names = " + ".join(f"{r.label(f.quantity.subject)} {r.fmt(f)}" for f in found)
    first = source_first(question)
    if first is not None and all(r.filed(f) for f in found):
        # "(filed minus article)": the filed total less the amount the article wrote, signed as asked
        pair = (total.value, mark) if first == "filing" else (mark, total.value)
        res = analytics.difference(*pair)
        text = (
            f"{format_value(pair[0])} − {format_value(pair[1])} = "
            f"{format_value(res.value, qualified=True, difference=True)}: the combined {r.label(q.metric)} as "
            f"filed ({names}, {q.periods[0].label}) against {format_value(mark)}{_stated_as(r, q)}."
        )
        return result_answer(r, question, q, res, found, text)
    bigger, smaller = (mark, total.value) if mark.value >= total.value.value else (total.value, mark)
    res = analytics.difference(bigger, smaller)
    side = "above" if mark.value >= total.value.value else "below"
    text = (
        f"{format_value(mark)}{_stated_as(r, q)} is "
        f"{format_value(res.value, qualified=True, difference=True).lstrip('+-')} {side} the combined "
        f"{r.label(q.metric)} of {format_value(total.value)} ({names}, {q.periods[0].label})."
    )
    return result_answer(r, question, q, res, found, text)


def total_as_share_of_amount(r: Responder, question: str, q: Query) -> Answer | None:
    """'The article forecast $371B of 2025 capex for Amazon, Meta and Microsoft. Using their filings, what
    fraction of that forecast did they actually spend?': the companies' figures added up, over the amount."""
    companies = all(getattr(r.k.entities.get(s), "kind", None) == "company" for s in q.subjects)
    both = _total_and_mark(r, q) if q.measure == "ratio" and companies else None
    if both is None:
        return None
    found, total, mark = both
    if any(f.value.overlaps(mark, slack=0.0) for f in found):
        return None  # (the amount is one of the figures: one part over another, not the total over it)
    res = analytics.share(total.value, mark)
    names = " + ".join(f"{r.label(f.quantity.subject)} {r.fmt(f)}" for f in found)
    text = (
        f"The combined {r.label(q.metric)} of {format_value(total.value)} ({names}, {q.periods[0].label}) is "
        f"{format_value(res.value)} of {format_value(mark)}{_stated_as(r, q)}."
    )
    return result_answer(r, question, q, res, found, text)


#: "msft cy25 vs fy25 capex delta", "calendar 2025 vs fiscal 2025": one company's two years of one number
_CALENDAR_VS_FISCAL = re.compile(
    r"\b(?:(?P<c1>cy|calendar(?:\s+year)?)\s*'?(?P<y1>(?:19|20)?\d\d)\b.{0,40}?\b(?:fy|fiscal(?:\s+year)?)\s*'?(?P<y2>(?:19|20)?\d\d)"
    r"|(?:fy|fiscal(?:\s+year)?)\s*'?(?P<y3>(?:19|20)?\d\d)\b.{0,40}?\b(?:cy|calendar(?:\s+year)?)\s*'?(?P<y4>(?:19|20)?\d\d))\b",
    re.IGNORECASE,
)


def calendar_vs_fiscal(r: Responder, question: str, q: Query) -> Answer | None:
    """A fiscal-year company's calendar year set against its fiscal year of the same number: both figures,
    and the gap between them."""
    m = _CALENDAR_VS_FISCAL.search(question)
    if m is None or len(set(q.subjects)) != 1 or q.metric is None:
        return None
    a, b = (m.group("y1"), m.group("y2")) if m.group("y1") else (m.group("y3"), m.group("y4"))
    if int(a[-2:]) != int(b[-2:]):
        return None
    year = 2000 + int(a[-2:])
    subject = q.subjects[0]
    fiscal = next((p for p in q.periods if p.start is not None and (p.start.month, p.start.day) != (1, 1)), None)
    calendar = r.in_calendar_years().find(subject, q.metric, Period.year(year))
    own = r.find(subject, q.metric, fiscal) if fiscal is not None else None
    if calendar is None or own is None or calendar.quantity.period == own.quantity.period:
        return None
    first, second = (calendar, own) if m.group("y1") else (own, calendar)
    bigger, smaller = (first, second) if first.value.value >= second.value.value else (second, first)
    res = analytics.difference(bigger.value, smaller.value)
    text = (
        f"{r.possessive(subject)} {r.label(q.metric)}: calendar {year} {r.fmt(calendar)}, "
        f"{r.plabel(own.quantity)} {r.fmt(own)}; the {'calendar' if bigger is calendar else 'fiscal'} year is larger "
        f"by {format_value(res.value, qualified=True, difference=True).lstrip('+-')}."
    )
    return result_answer(r, question, q, res, [first, second], text, kind="comparison")
