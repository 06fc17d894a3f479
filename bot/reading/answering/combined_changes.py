"""The change of a sum: 'by how many dollars did Alphabet, Amazon and Meta's combined capex rise from
2023 to 2024?' adds the companies up in each period, then compares the two totals."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from kg import analytics
from kg.analytics import Result
from kg.format import format_value

from ...answer import Answer
from ..facts import Fact, Responder
from ..understand import Query
from .common import not_found, result_answer

__all__ = ["after_stated_growth", "answer_combined_change", "asks_combined_change"]

_COMBINED = re.compile(r"\b(?:combined|together|in total|total|aggregate|sum of|all three|all four)\b", re.IGNORECASE)
_MEASURES = ("difference", "percent_change", "multiple", "cagr")


#: "The article has hyperscaler capex up 44% in 2025. What growth did ... show?": a group's growth stated first
_GROWTH_STATED = re.compile(
    r"\b(?:up|grow\w*|grew|ris\w+|rose|increas\w*|jump\w*)\s+(?:by\s+)?(?:about\s+|some\s+)?\d+(?:\.\d+)?\s*%",
    re.IGNORECASE,
)


def after_stated_growth(question: str) -> bool:
    """Whether a sentence before the question states a growth rate ('capex is up 44% in 2025.'): the
    several companies' growth asked after it is their combined growth, set against that one rate."""
    sentences = re.split(r"(?<=[.!?])\s+", question.strip())
    return len(sentences) >= 2 and any(_GROWTH_STATED.search(s) for s in sentences[:-1])


def asks_combined_change(question: str, q: Query, measure: str | None) -> bool:
    two_ends = len(set(q.subjects)) > 1 and len(q.periods) == 2
    if two_ends and measure in ("sum", "percent_change", None) and after_stated_growth(question):
        return True
    return two_ends and measure in _MEASURES and bool(_COMBINED.search(question))


def answer_combined_change(r: Responder, question: str, q: Query, measure: str) -> Answer:
    from .comparisons import facts_for_subjects  # (comparisons imports changes)

    per_period: list[list[Fact]] = []
    # "growth in 2025 versus 2024": from the earlier period to the later, however they were written
    fiscals = q.fiscal if len(q.fiscal) == len(q.periods) else [None] * len(q.periods)
    ordered = sorted(zip(q.periods, fiscals, strict=True), key=lambda pf: pf[0].start or date.min)
    q = replace(q, periods=[p for p, _ in ordered])
    for p, own in ordered:
        fiscal = [own] if own is not None else q.fiscal
        found, missing = facts_for_subjects(r, replace(q, periods=[p], fiscal=fiscal, operands=[]))
        if missing:
            names = ", ".join(r.label(s) for s in missing)
            return not_found(r, question, q, f"the combined figure in {p.label} (no figure for {names})")
        per_period.append(found)
    first, last = (analytics.total([f.value for f in facts]) for facts in per_period)
    from .changes import years_between  # (changes imports this module)

    a, b = q.periods
    years = years_between(a, b)
    res: Result
    if measure == "cagr":
        if not years:
            return not_found(r, question, q, "a yearly rate between periods less than a year apart")
        res = analytics.cagr(first.value, last.value, years)
    elif measure == "multiple":
        res = analytics.growth_multiple(first.value, last.value)
    elif measure == "percent_change":
        res = analytics.relative_change(first.value, last.value)
    else:
        res = analytics.absolute_change(first.value, last.value)
    labels = list(dict.fromkeys(r.label(f.quantity.subject) for f in per_period[0]))
    names = ", ".join(labels[:-1]) + " and " + labels[-1]
    metric = r.label(per_period[0][0].quantity.metric)
    change = analytics.absolute_change(first.value, last.value)
    relative = analytics.relative_change(first.value, last.value)
    word = "rose" if change.value.value >= 0 else "fell"
    shown = format_value(res.value, qualified=True, difference=measure == "difference").lstrip("+-")
    other = format_value(relative.value) if measure == "difference" else format_value(change.value, difference=True)

    def listing(facts: list[Fact]) -> str:
        return " + ".join(f"{r.label(f.quantity.subject)} {r.fmt(f)} ({r.plabel(f.quantity)})" for f in facts)

    moved = f"grew at a compound annual rate of {shown}" if measure == "cagr" else f"{word} by {shown} ({other})"
    text = (
        f"The combined {metric} of {names} {moved}, from {format_value(first.value)} "
        f"in {a.label} to {format_value(last.value)} in {b.label}. {a.label}: {listing(per_period[0])}; "
        f"{b.label}: {listing(per_period[1])}."
    )
    combined = Result(
        res.kind,
        res.value,
        f"{res.formula}, where {first.formula} ({a.label}) and {last.formula} ({b.label})",
        res.inputs,
    )
    return result_answer(r, question, q, combined, per_period[0] + per_period[1], text)
