"""Changes of one series between two periods: absolute, relative, pp, multiples, CAGR, sums over years."""

from __future__ import annotations

from datetime import date

from kg import analytics
from kg.format import format_value
from kg.periods import Period

from ...answer import Answer
from ..facts import Fact, Responder
from ..understand import Query
from . import comparisons
from .common import incomplete, not_found, result_answer, what


def _pair(r: Responder, q: Query) -> tuple[Fact, Fact] | str:
    subject = q.subjects[0]
    assert q.metric is not None
    first, last = sorted(q.periods[:2], key=lambda p: (p.start or Period.year(1).start, p.label))
    a = r.find(subject, q.metric, first)
    b = r.find(subject, q.metric, last)
    if a is None or b is None:
        missing = first if a is None else last
        return what(r, q, subject, missing)
    return a, b


def _stated_change(r: Responder, q: Query) -> Answer | None:
    """A change the source states (or that reasoning derived) for a subject and metric."""
    subject = q.subjects[0]
    metric = q.metric
    metrics = {metric, *r.narrower_metrics(metric)} if metric else None
    for rel in r.k.relations:
        if rel.kind != "change":
            continue
        a, b = rel.refs["from"], rel.refs["to"]
        if b.subject != subject or (metrics and b.metric not in metrics):
            continue
        if q.periods and b.period not in q.periods and a.period not in q.periods:
            continue
        return rel  # type: ignore[return-value]
    return None


def answer_change(r: Responder, question: str, q: Query) -> Answer:
    if not q.subjects or not q.metric:
        return incomplete(r, question, q)
    if len(q.subjects) > 1:
        return comparisons.answer_compare(r, question, q)
    if len(q.periods) < 2:
        rel = _stated_change(r, q)
        base = _base_period(r, q) if rel is None else None
        if rel is not None:
            a_q, b_q = rel.refs["from"], rel.refs["to"]  # type: ignore[attr-defined]
            q = Query(**{**q.__dict__, "periods": [a_q.period, b_q.period], "metric": b_q.metric})
        elif base is not None:  # "how fast will it grow through 2032": from the latest figure before
            q = Query(**{**q.__dict__, "periods": [base, q.periods[0]]})
        else:
            return not_found(r, question, q, f"how {what(r, q)} changed")
    pair = _pair(r, q)
    if isinstance(pair, str):
        return not_found(r, question, q, pair)
    a, b = pair
    is_ratio = a.value.unit == "ratio"
    intent = q.intent
    years = _years_between(a.quantity.period, b.quantity.period)
    if intent == "cagr" and years:
        res = analytics.cagr(a.value, b.value, years)
        text = (
            f"{r.possessive(a.quantity.subject)} {r.label(a.quantity.metric)} grows at a compound annual rate of "
            f"{format_value(res.value, qualified=True)} from {a.quantity.period.label} to {b.quantity.period.label} "
            f"({r.fmt(a)} to {r.fmt(b)})."
        )
        return result_answer(r, question, q, res, [a, b], text)
    if intent == "multiple":
        res = analytics.growth_multiple(a.value, b.value)
        text = (
            f"{r.possessive(a.quantity.subject)} {r.label(a.quantity.metric)} in {b.quantity.period.label} is "
            f"{format_value(res.value, qualified=True)} its {a.quantity.period.label} level ({r.fmt(b)} vs {r.fmt(a)})."
        )
        return result_answer(r, question, q, res, [a, b], text)
    if is_ratio:
        res = analytics.pp_change(a.value, b.value)
        word = "rises" if res.value.value > 0 else "falls"
        text = (
            f"{r.possessive(a.quantity.subject)} {r.label(a.quantity.metric)} {word} by "
            f"{format_value(res.value, qualified=True, difference=True).replace('-', '')} from {r.fmt(a)} "
            f"({a.quantity.period.label}) to {r.fmt(b)} ({b.quantity.period.label})."
        )
        return result_answer(r, question, q, res, [a, b], text, unit="pp")
    rel_res = analytics.relative_change(a.value, b.value)
    abs_res = analytics.absolute_change(a.value, b.value)
    word = "grows" if abs_res.value.value >= 0 else "falls"
    text = (
        f"{r.possessive(a.quantity.subject)} {r.label(a.quantity.metric)} {word} by "
        f"{format_value(rel_res.value, qualified=True)} "
        f"({format_value(abs_res.value, difference=True)}) from {r.fmt(a)} in {a.quantity.period.label} to "
        f"{r.fmt(b)} in {b.quantity.period.label}."
    )
    if intent == "difference":
        text = (
            f"The difference between {a.quantity.period.label} and {b.quantity.period.label} is "
            f"{format_value(abs_res.value, qualified=True)} ({r.fmt(b)} - {r.fmt(a)})."
        )
        return result_answer(r, question, q, abs_res, [a, b], text)
    notes = " ".join(dict.fromkeys(f.note for f in (a, b) if f.note))
    ans = result_answer(r, question, q, rel_res, [a, b], text + (f" {notes}" if notes else ""))
    ans.items.append(
        {
            "label": "absolute change",
            "value": abs_res.value.value,
            "unit": abs_res.value.unit,
            "qualifier": abs_res.value.qualifier,
            "text": format_value(abs_res.value, difference=True),
        }
    )
    return ans


def _base_period(r: Responder, q: Query) -> Period | None:
    """For a change asked up to one period: the latest period of the same kind before it with a
    stated figure for the same subject and metric."""
    if len(q.periods) != 1 or not q.subjects or not q.metric:
        return None
    end = q.periods[0]
    if end.start is None:
        return None
    earlier = [
        f.quantity.period
        for f in r.available(q.subjects[0], q.metric)
        if f.status != "derived"
        and f.quantity.period.end is not None
        and f.quantity.period.end < end.start
        and f.quantity.period.kind == end.kind
    ]
    return max(earlier, key=lambda p: p.end or date.min, default=None)


def _years_between(a: Period, b: Period) -> float | None:
    if a.start is None or b.start is None:
        return None
    days = (b.start - a.start).days
    return round(days / 365.25, 2) if days > 0 else None


def answer_sum_over_range(r: Responder, question: str, q: Query) -> Answer:
    """'How much between 2025 and 2032 in total': every year of the range, or a plain refusal."""
    first, last = sorted(q.periods[:2], key=lambda p: p.start or date.min)
    if first.start is None or last.start is None or first.kind != "year" or last.kind != "year":
        return not_found(r, question, q, f"the total of {what(r, q)} over that span")
    if not q.subjects or not q.metric:
        # "how much capex in total between 2025 and 2032?": whose, or which figure, is not said
        asked = r.label(q.metric) if q.metric else "figure"
        return not_found(r, question, q, f"whose {asked} you mean to total over {first.label}-{last.label}")
    years = [Period.year(y) for y in range(first.start.year, last.start.year + 1)]
    found = {p: r.find(q.subjects[0], q.metric, p) for p in years}
    missing = [p.label for p, f in found.items() if f is None]
    if missing:
        shown = ", ".join(missing[:6]) + (" …" if len(missing) > 6 else "")
        return not_found(
            r,
            question,
            q,
            f"the total of {r.possessive(q.subjects[0])} {r.label(q.metric)} over {first.label}-{last.label}: "
            f"there is no figure for {shown}",
        )
    facts = [f for f in found.values() if f is not None]
    res = analytics.total([f.value for f in facts])
    text = f"Over {first.label}-{last.label}, {r.label(q.subjects[0])} total {format_value(res.value, qualified=True)}."
    return result_answer(r, question, q, res, facts, text)
