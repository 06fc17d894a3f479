"""Yes/no verdicts by the shape of what is tested: a multiple ("did it triple?"), a figure "about" an
amount, a direction ("is it heading down?"), a comparison with another figure or with the rest combined,
and which of two grew faster. Each judges the figures with their qualifiers' bounds, as the rest of the
yes/no answers do."""

from __future__ import annotations

import re
from dataclasses import replace

from kg import analytics
from kg.format import format_value
from kg.values import Value

from ...answer import Answer
from ..facts import Responder
from ..understand import Query
from . import changes, comparisons, shares, values
from .common import make_answer, value_answer
from .verdict_basics import (
    CHANGE_CUE,
    CHANGE_WORD_SLACK,
    bounds,
    two_facts_verdict,
    verdict_of,
    with_verdict,
)

__all__ = ["ROUNDING", "about_verdict", "compare_verdict", "direction_verdict", "faster_verdict", "multiple_verdict"]


#: How far under a doubling or tripling a figure may fall and still be called one (rounding of its inputs)
ROUNDING = 0.025


def multiple_verdict(r: Responder, question: str, q: Query, times: float, op: str | None) -> Answer:
    """'Is A at least 3x B?', 'is A over 1.5 times B?': A over B against the multiple."""
    base = shares.answer_ratio(r, question, replace(q, yes_no=False, intent="ratio", measure="multiple"))
    if not base.answered or base.value is None or base.measure != "multiple":
        return base
    low, high = bounds(base)
    if op == ">":
        verdict = "yes" if low >= times else "no" if high < times else "unknown"
    elif op == "<":
        verdict = "yes" if high < times else "no" if low >= times else "unknown"
    else:  # "is A 3x B?": about that multiple
        verdict = "yes" if abs(base.value - times) <= times * CHANGE_WORD_SLACK else "no"
    return with_verdict(question, base, verdict, f"a multiple of {times:g}x is asked about.")


#: "about 40%", "around $370bn", "roughly half": an amount (or a fraction) written as approximate
_ABOUT = re.compile(
    r"(?:\b(?:about|around|roughly|approximately|approx\.?|close to|circa|in the region of|on the order of)\s+|~\s*)"
    r"(?:(?P<frac>half|a half|a third|one third|two thirds|a quarter|one quarter|three quarters|a fifth|one fifth)\b"
    r"|\$?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|percent|pct|tn|trillion|t\b|bn|billion|b\b|mn|million|m\b)?)",
    re.IGNORECASE,
)


_FRACTION_VALUES = {
    "half": 0.5, "a half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3,
    "a quarter": 0.25, "one quarter": 0.25, "three quarters": 0.75, "a fifth": 0.2, "one fifth": 0.2,
}  # fmt: skip


_SCALES = {
    "tn": 1e12,
    "trillion": 1e12,
    "t": 1e12,
    "bn": 1e9,
    "billion": 1e9,
    "b": 1e9,
    "mn": 1e6,
    "million": 1e6,
    "m": 1e6,
}


#: how far "about X" may be from X
_ABOUT_SLACK = 0.1


#: "could genAI be a quarter of all tech spending?": a plain fraction of a whole, as an approximate amount
_FRACTION_OF_WHOLE = re.compile(
    r"\b(?:be|is|are|was|were|become|reach|hit|account for|make up|represent|equal)\s+"
    r"(?P<frac>half|a half|a third|one third|two thirds|a quarter|one quarter|three quarters|a fifth|one fifth)"
    r"\s+of\b",
    re.IGNORECASE,
)


def about_target(question: str) -> tuple[float, str] | None:
    m = _ABOUT.search(question) or _FRACTION_OF_WHOLE.search(question)
    if m is None:
        return None
    if m.group("frac"):
        return _FRACTION_VALUES[m.group("frac").lower()], "ratio"
    unit = (m.group("unit") or "").lower()
    if unit in ("%", "percent", "pct"):
        return float(m.group("num")) / 100, "ratio"
    if unit in _SCALES:
        return float(m.group("num")) * _SCALES[unit], "USD"
    return None


def about_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """'Will AI account for about 40% of server revenue within a few years?', 'is inference around half
    of AI spending by 2032?': the figure against an approximate amount, 10% either way."""
    found = about_target(question)
    if found is None or len(q.subjects) != 1 or q.status_asked:
        return None
    target, unit = found
    plain = replace(q, yes_no=False, intent="value", amounts=[], predicates=[])
    metric = r.k.entities.get(q.metric) if q.metric else None
    share = (
        shares.one_subject_share(r, question, plain) if unit == "ratio" and metric and metric.unit != "ratio" else None
    )
    base = share or values.answer_value(r, question, plain)
    if not base.answered or base.value is None or base.unit != unit:
        return base if not base.answered else None
    low, high = bounds(base)
    lo, hi = target * (1 - _ABOUT_SLACK), target * (1 + _ABOUT_SLACK)
    verdict = "yes" if lo <= base.value <= hi else "no" if high < lo or low > hi else "unknown"
    return with_verdict(
        question, base, verdict, f"the question asks about roughly {format_value(Value(target, unit))}."
    )


def direction_verdict(r: Responder, question: str, q: Query, direction: str) -> Answer:
    """'Is the training share falling?': the stated or derived change, judged by its sign."""
    base = changes.answer_change(r, question, replace(q, yes_no=False, intent="change", measure=None))
    if not base.answered or base.value is None:
        return base
    low, high = bounds(base)
    ok: bool | None = None
    if low > 0 if direction == "up" else high < 0:
        ok = True
    elif high <= 0 if direction == "up" else low >= 0:
        ok = False
    return with_verdict(question, base, verdict_of(ok), f"the question asks whether it goes {direction}.")


#: "bigger than Alphabet and Meta combined": the first named against the sum of the others
_COMBINED = re.compile(r"\b(?:combined|together|put together|summed|added together|in total|between them)\b", re.I)


def _against_the_rest_combined(r: Responder, question: str, q: Query, plain: Query) -> Answer:
    found, missing = comparisons.facts_for_subjects(r, plain)
    if missing or len(found) < 3:
        return comparisons.answer_compare(r, question, plain)
    first = next((f for f in found if f.quantity.subject == q.subjects[0]), None)
    rest = [f for f in found if f is not first]
    if first is None:
        return comparisons.answer_compare(r, question, plain)
    total = analytics.total([f.value for f in rest])
    low, high = first.value.bounds
    t_low, t_high = total.value.bounds
    above = low > t_high if q.comparator != "<" else high < t_low
    below = high <= t_low if q.comparator != "<" else low >= t_high
    verdict = "yes" if above else "no" if below else "unknown"
    names = " + ".join(f"{r.label(f.quantity.subject)} {r.fmt(f)}" for f in rest)
    text = (
        f"{r.label(first.quantity.subject)} {r.in_period(first.quantity)}: {r.fmt(first)}; the others combined: "
        f"{format_value(total.value, qualified=True)} ({names})."
    )
    base = make_answer(
        question,
        "comparison",
        text,
        items=[r.fact_item(first), {"label": "combined", "value": total.value.value, "unit": total.value.unit}],
        sources=r.sources_of(found),
        basis=tuple(found),
    )
    return with_verdict(question, base, verdict, "")


def compare_verdict(r: Responder, question: str, q: Query) -> Answer:
    """'Did A exceed B?', 'is A more than B?': the first named against the second."""
    plain = replace(q, yes_no=False, intent="compare", measure=None)
    if len(q.subjects) >= 2 and q.scores.get("change", 0) >= CHANGE_CUE:
        return faster_verdict(r, question, q)  # "did A grow faster than B?": their changes, not their levels
    if len(q.subjects) >= 3 and _COMBINED.search(question):
        return _against_the_rest_combined(r, question, q, plain)
    ops = [o for o in q.operands if o.subject and (o.metric or q.metric) and o.period]
    if len(q.subjects) == 2 and len(ops) == 2 and ops[0].period != ops[1].period:
        # "Apple's FY2025 capex - is that more than Nvidia spent in its fiscal 2026?": each its own period
        own = [r.find(o.subject or "", o.metric or q.metric or "", o.period) for o in ops if o.period is not None]
        if len(own) == 2 and own[0] is not None and own[1] is not None:
            base = value_answer(r, question, own[0])
            return two_facts_verdict(r, question, q, base, own[0], own[1])
    if len(q.subjects) >= 2:
        found, missing = comparisons.facts_for_subjects(r, plain)
        base = comparisons.answer_compare(r, question, plain)
        if base.answered and base.items and base.items[0].get("claim"):
            # no figures, but the source says which leads: the first named against that
            leads = base.items[0]["label"] == r.label(q.subjects[0])
            ok = leads if q.comparator != "<" else not leads
            return with_verdict(
                question, base, "yes" if ok else "no", "the source says so." if ok else "the source says the reverse."
            )
        if missing and base.answered:
            # "does OpenAI spend more on inference than on training?": nothing on OpenAI decides it
            names = ", ".join(r.label(s) for s in missing)
            return with_verdict(question, base, "unknown", f"the sources give no figure for {names}; what they give:")
        if missing or len(found) < 2:
            return base
        by_subject = {f.quantity.subject: f for f in found}
        first, second = by_subject.get(q.subjects[0]), by_subject.get(q.subjects[1])
        if first is not None and second is not None and first.value.unit != second.value.unit:
            # dollars against a share: nothing the sources give sets one against the other
            return with_verdict(question, base, "unknown", "the figures the sources give are of different kinds.")
    else:
        base = changes.answer_change(r, question, replace(plain, intent="change", measure="difference"))
        if not base.answered:
            return base
        pair = changes.pair_in_text_order(r, plain)
        if isinstance(pair, str):
            return base
        first, second = pair
    if first is None or second is None:
        return base
    return two_facts_verdict(r, question, q, base, first, second)


#: A question whose change words weigh this much compares changes ("grow faster"), not levels.


def faster_verdict(r: Responder, question: str, q: Query) -> Answer:
    base = comparisons.answer_compare_changes(r, question, replace(q, yes_no=False, intent="change"))
    if not base.answered or len(base.items) < 2:
        return base
    rates = {i["label"]: i["value"] for i in base.items}
    first, second = (r.label(s) for s in q.subjects[:2])
    if first not in rates or second not in rates:
        return base
    ok = rates[first] > rates[second] if q.comparator != "<" else rates[first] < rates[second]
    return with_verdict(question, base, "yes" if ok else "no", "")
