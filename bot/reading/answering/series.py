"""Figures of one quantity over several periods: a series ("Meta quarterly capex 2020"), an average of
periods or of subjects ("average annual capex over 2024-2025", "mean 2024 capex of A, B and C"), an
annualised run-rate, and one subject's share of a whole."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from kg import analytics
from kg.format import format_value

from ...answer import Answer
from ..facts import Fact, Responder
from ..understand import Query
from . import comparisons, values
from .common import (
    incomplete,
    make_answer,
    not_found,
    result_answer,
    value_answer,
    what,
)

__all__ = ["answer_average", "answer_series", "answer_share"]


def answer_average(r: Responder, question: str, q: Query, annualise: bool = False) -> Answer:
    if not (q.subjects and q.metric and q.periods):
        return incomplete(r, question, q)
    if len(q.subjects) >= 2 and not annualise:
        one_quarter = len(q.periods) == 1 and q.periods[0].start is not None and q.periods[0].end is not None
        one_quarter = one_quarter and 80 <= (q.periods[0].end - q.periods[0].start).days <= 100  # type: ignore[operator]
        # ("median capex for the apr-jun 2025 quarter across ...": the quarter names the period, nothing is averaged)
        if not one_quarter and re.search(r"\bquarter(?:ly)?\b|\bper\s+(?:qtr|q)\b", question, re.IGNORECASE):
            # a quarterly average of several companies: neither one figure nor the other, never guessed
            return not_found(r, question, q, "a quarterly average across several companies; ask for one company")
        return _average_across(r, question, q)
    f = r.find(q.subjects[0], q.metric, q.periods[0])
    if f is None:
        return not_found(r, question, q, what(r, q))
    months = f.quantity.period.months
    if not months:
        return not_found(r, question, q, f"how to split {r.plabel(f.quantity)} into quarters")
    if annualise and months == 12:
        return value_answer(r, question, f)  # a year's figure is its own annual rate
    if annualise:
        res = analytics.annualise(f.value, months)
        text = (
            f"{r.describe(f)} was {r.fmt(f)}; annualised (x 12/{months}) that is "
            f"{format_value(res.value, qualified=True)} a year."
        )
    else:
        quarters = max(months // 3, 1)
        res = analytics.average(f.value, quarters)
        text = (
            f"{r.describe(f)} was {r.fmt(f)}, an average of {format_value(res.value, qualified=True)} "
            f"per quarter over {quarters} quarter(s)."
        )
    return result_answer(r, question, q, res, [f], text)


def _average_across(r: Responder, question: str, q: Query) -> Answer:
    """'avg 2024 capex across AMZN, GOOGL and META': the mean of the companies' figures."""
    found, missing = comparisons.facts_for_subjects(r, q)
    if missing or len(found) < 2:
        return not_found(r, question, q, what(r, q))
    middle = re.search(r"\bmedian\b", question, re.IGNORECASE)
    res = (analytics.median if middle else analytics.mean)([f.value for f in found])
    listed = "; ".join(f"{r.label(f.quantity.subject)} {r.fmt(f)}" for f in found)
    text = (
        f"The {'median' if middle else 'average'} {r.label(q.metric)} of {len(found)} companies "
        f"{r.in_period(found[0].quantity)} is {format_value(res.value, qualified=True)} ({listed})."
    )
    return result_answer(r, question, q, res, found, text)


def answer_share(r: Responder, question: str, q: Query) -> Answer:
    """'What share of X is Y?': a stated share metric, or part / whole."""
    if q.metric and r.k.entities.get(q.metric) and r.k.entities[q.metric].unit == "ratio":
        return values.answer_value(r, question, q)
    if len(q.subjects) >= 2 and q.metric and q.periods:
        found, missing = comparisons.facts_for_subjects(r, q)
        if len(found) == 2 and not missing:
            part, whole = sorted(found, key=lambda f: f.value.value)
            res = analytics.share(part.value, whole.value)
            text = (
                f"{r.label(part.quantity.subject)} is {format_value(res.value, qualified=True)} of "
                f"{r.label(whole.quantity.subject)} ({r.fmt(part)} of {r.fmt(whole)})."
            )
            return result_answer(r, question, q, res, [part, whole], text)
    # a share metric of the subject
    if q.subjects:
        shares = [
            f
            for f in r.available(q.subjects[0])
            if f.value.unit == "ratio" and (not q.periods or f.quantity.period in q.periods)
        ]
        if shares:
            if len(shares) == 1:
                return value_answer(r, question, shares[0])
            return make_answer(
                question,
                "list",
                "; ".join(r.sentence(f) for f in shares),
                items=[r.fact_item(f) for f in shares],
                sources=r.sources_of(shares),
            )
    return values.answer_value(r, question, q)


_HEADING = re.compile(
    r"\bwhere\b[^?]{0,100}\b(?:head(?:ing|ed|s)?|go(?:ing|es)?|end up|land(?:ing)?|get|lead(?:ing)?)\b", re.IGNORECASE
)


def _end(f: Fact) -> date:
    return f.quantity.period.end or date.min


def answer_series(r: Responder, question: str, q: Query) -> Answer:
    if q.latest and q.granularity and q.subjects and not q.periods:
        return values.answer_value(r, question, replace(q, intent="value"))  # "the latest quarterly figure"
    if not q.metric and q.subjects:
        q = replace(q, metric=comparisons.shared_metric(r, Query(intent="series", subjects=q.subjects)))
    if not q.metric:
        return incomplete(r, question, q)
    subjects = q.subjects or list(dict.fromkeys(f.quantity.subject for f in r.available(None, q.metric)))
    lo = min((p for p in q.periods if p.start), key=lambda p: p.start, default=None)  # type: ignore[arg-type, return-value]
    hi = max((p for p in q.periods if p.end), key=lambda p: p.end, default=None)  # type: ignore[arg-type, return-value]
    facts: list[Fact] = []
    for s in subjects:
        for f in r.available(s, q.metric):
            p = f.quantity.period
            if lo is not None and hi is not None and (p.start is None or p.start < lo.start or p.end > hi.end):  # type: ignore[operator]
                continue
            facts.append(f)
    if not facts:
        return not_found(r, question, q, f"a series of {r.label(q.metric)}")
    if q.last_n is not None and lo is None:
        # "over the last three years": the newest n whole years (or quarters) of each subject
        g, n = q.last_n
        newest: list[Fact] = []
        for s in subjects:
            mine = sorted(values.of_granularity(r, [f for f in facts if f.quantity.subject == s], g), key=_end)
            newest += mine[-n:]
        facts = newest or facts
    else:
        # one granularity: the kind of period asked for, else the one with most stated figures
        kinds = [f.quantity.period.kind for f in facts if f.status != "derived"] or [
            f.quantity.period.kind for f in facts
        ]
        kind = q.granularity or (lo.kind if lo is not None else max(set(kinds), key=kinds.count))
        one = lo is not None and lo == hi and q.granularity is None and len(q.periods) == 1
        if one and not any(f.quantity.period.kind == kind for f in facts):
            # "Meta's full-year 2021 capex for a chart": parts of the year are no figure for the whole of it
            parts = "; ".join(f"{r.plabel(f.quantity)}: {r.fmt(f)}" for f in facts[:4])
            return not_found(r, question, q, f"{what(r, q)}: the sources give only part of it ({parts})")
        facts = [f for f in facts if f.quantity.period.kind == kind] or facts
        if one and len(facts) == 1 and len(subjects) == 1:
            return value_answer(r, question, facts[0])  # "Amazon 2021 capex, for a long-run chart": one figure
    ahead = [f for f in facts if f.status == "forecast"]
    if _HEADING.search(question) and ahead and len({f.quantity.subject for f in facts}) == 1:
        # "where is it heading?", "where could that go?": the furthest forecast, the series beside it
        end = ahead[-1]
        ans = value_answer(r, question, end, extra=facts)
        ans.text = f"Where it is heading: {ans.text}"
        return ans
    text = (
        f"{r.label(q.metric)[0].upper()}{r.label(q.metric)[1:]} over time: "
        + "; ".join(f"{r.label(f.quantity.subject)} {r.plabel(f.quantity)}: {r.fmt(f)} ({f.status})" for f in facts)
        + "."
    )
    return make_answer(
        question,
        "list",
        text,
        metric=r.label(q.metric),
        period=" to ".join(dict.fromkeys([facts[0].quantity.period.label, facts[-1].quantity.period.label])),
        items=[r.fact_item(f) for f in facts],
        sources=r.sources_of(facts),
    )


#: the highest or lowest of a year's parts: "the peak quarter", "its biggest quarter", "the weakest half"
_PEAK = re.compile(
    r"\b(?P<top>peak|highest|biggest|largest|max(?:imum)?|record|top|strongest|heaviest)"
    r"|\b(?P<low>lowest|smallest|min(?:imum)?|weakest|trough|lightest)\b",
    re.IGNORECASE,
)
_PART_WORD = re.compile(r"\b(?:quarters?|qtrs?|quarterly|qtrly|halves|half|half-year)\b", re.IGNORECASE)


def peak_part(r: Responder, question: str, q: Query) -> Answer | None:
    """'AMZN qtrly capex for '24 — what was the peak quarter number': the highest (or lowest) of the
    quarters (or halves) inside the one period asked, with all of them beside it."""
    peak = _PEAK.search(question)
    if peak is None or not _PART_WORD.search(question) or q.yes_no or q.threshold:
        return None
    if len(set(q.subjects)) != 1 or not q.metric or len(q.periods) != 1:
        return None
    within = q.periods[0]
    if within.start is None or within.end is None or not 170 <= (within.end - within.start).days <= 380:
        return None
    kind = "half" if re.search(r"\bhal(?:f|ves)\b", question, re.IGNORECASE) else "quarter"
    low, high = (170, 195) if kind == "half" else (80, 100)  # days, 52/53-week calendars included
    parts = [
        f
        for f in r.available(q.subjects[0], q.metric)
        if (p := f.quantity.period).start is not None
        and p.end is not None
        and low <= (p.end - p.start).days <= high
        and within.start <= p.start
        and p.end <= within.end
        and not f.is_change
    ]
    # (each quarter once, as a question about it alone would find it)
    periods = list(dict.fromkeys(f.quantity.period for f in parts))
    parts = [f for p in periods if (f := r.find(q.subjects[0], q.metric, p)) is not None]
    if len(parts) < 2 or parts[0].value.unit != "USD":
        return None
    parts.sort(key=_end)
    pick = (max if peak.group("top") else min)(parts, key=lambda f: f.value.value)
    answer = value_answer(r, question, pick, extra=parts)
    word = "highest" if peak.group("top") else "lowest"
    answer.text = (
        f"The {word} {kind} of {within.label}: {answer.text} All {len(parts)}: "
        + "; ".join(f"{r.plabel(f.quantity)} {r.fmt(f)}" for f in parts)
        + "."
    )
    return answer
