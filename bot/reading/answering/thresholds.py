"""Thresholds over many figures: which companies pass an amount, and when a series first
passed it (never claimed across a gap in the data)."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date

from kg.periods import Period
from kg.values import Value

from ...answer import Answer
from ..facts import Fact, Responder
from ..understand import Query
from . import comparisons, rankings, values
from .common import make_answer, not_found, value_answer
from .verdict_basics import CHANGE_CUE, PERCENT_OF, threshold_text


def answer_threshold_list(r: Responder, question: str, q: Query) -> Answer:
    """'Which companies had capex over $60bn in 2024?': the figures that pass, each with its source."""
    t = q.threshold
    assert t is not None
    growth = t.unit == "ratio" and q.scores.get("change", 0) >= CHANGE_CUE and len(q.subjects) >= 2
    metric = r.k.entities.get(q.metric or "")
    if t.unit == "ratio" and not growth and metric is not None and metric.unit != "ratio":
        # "who had capex above 30% of revenue?": the ratio of the two metrics, never the amounts themselves
        ratio = ratio_metric_named(r, question, metric.iri)
        if ratio is None:
            return not_found(r, question, q, f"{metric.label} as a share of anything the sources measure")
        q = replace(q, metric=ratio, subject_metrics={}, operands=[replace(o, metric=None) for o in q.operands])
    if growth:  # "who grew capex >60% in 2025 among AMZN, GOOGL, META?": their changes pass or not
        ranked = comparisons.answer_compare_changes(r, question, replace(q, threshold=None, intent="change"))
    else:
        ranked = rankings.answer_rank(r, question, replace(q, threshold=None, intent="rank"))
    if not ranked.answered:
        return ranked
    passing, unsure = [], []
    for item in ranked.items:
        v = item.get("value")
        if not isinstance(v, float) or not math.isfinite(v):
            continue
        qual = str(item.get("qualifier") or "exact")
        low, high = Value(v, item.get("unit"), qual).bounds if qual != "exact" else (v, v)
        ok = t.holds(low, high)
        if ok:
            passing.append(item)
        elif ok is None:
            unsure.append(item)
    names = ", ".join(f"{i['label']} ({i.get('text', '')})" for i in passing) or "none"
    head = threshold_text(t)
    text = f"{head[:1].upper()}{head[1:]}: {names}."
    if unsure:
        text += " Too close to call: " + ", ".join(f"{i['label']} ({i.get('text', '')})" for i in unsure) + "."
    text += " Out of: " + "; ".join(f"{i['label']} {i.get('text', '')}" for i in ranked.items) + "."
    return Answer(
        question=question,
        answered=True,
        kind="list",
        text=text,
        metric=ranked.metric,
        period=ranked.period,
        items=passing,
        sources=ranked.sources,
    )


def ratio_metric_named(r: Responder, question: str, metric: str) -> str | None:
    """The ratio metric that is ``metric`` over the metric written after '% of' ('capex to revenue')."""
    m = PERCENT_OF.search(question)
    if m is None:
        return None
    tail = " " + re.sub(r"[^a-z0-9&]+", " ", m.group(1).lower()) + " "
    e = r.k.entities[metric]
    others = [
        o
        for o in r.k.entities.values()
        if o.kind == "metric" and o.iri != metric and any(f" {n.lower()} " in tail for n in o.names if len(n) > 2)
    ]
    for o in others:
        pairs = {f"{a.lower()} to {b.lower()}" for a in e.names for b in o.names}
        for ratio in r.k.entities.values():
            if ratio.kind == "metric" and ratio.unit == "ratio" and pairs & {n.lower() for n in ratio.names}:
                return ratio.iri
    return None


FIRST = re.compile(
    # "first" of a period ("the first two quarters", "first half") names a period, not a crossing
    r"\b(?:(?P<first>first)(?![\s-]+(?:two|three|four|five|six|nine|\d+|half|quarter|months?)\b)|earliest"
    r"|when did|which (?:year|quarter))\b",
    re.IGNORECASE,
)


def asks_first_crossing(question: str, q: Query) -> bool:
    """'When did Meta's annual capex first cross $10B?', 'which quarter first went over $20B?'

    A plain "first" beside a named period asks about that period ("did H1 2025 capex first
    reach $40B?" is about H1 2025)."""
    if q.threshold is None or len(q.subjects) != 1 or q.metric is None:
        return False
    cues = list(FIRST.finditer(question))
    if q.periods and all(m.group("first") for m in cues):
        return False
    return bool(cues)


_REACH = re.compile(r"\b(?:reach(?:es|ed|ing)?|hit(?:s|ting)?|get\s+to|gets\s+to|got\s+to)\b", re.IGNORECASE)


def answer_first_crossing(r: Responder, question: str, q: Query) -> Answer:
    """The earliest period of the asked kind whose figure passes the threshold, with that figure."""
    t = q.threshold
    assert t is not None and q.metric is not None
    kind = "quarter" if re.search(r"\bquarter|\bqtr|\bq[1-4]\b", question, re.IGNORECASE) else "year"
    kinds = {"quarter"} if kind == "quarter" else {"year", "fiscal-year"}
    days = (80, 100) if kind == "quarter" else (350, 380)

    def of_kind(p: Period) -> bool:
        # a 52/53-week fiscal year or quarter (Nvidia's, Apple's) is a span of about that length
        if p.kind in kinds:
            return True
        return (
            p.kind == "span"
            and p.start is not None
            and p.end is not None
            and days[0] <= (p.end - p.start).days <= days[1]
        )

    series = sorted(
        (
            f
            for f in r.available(q.subjects[0], q.metric)
            if of_kind(f.quantity.period)
            and not f.is_change
            and (kind == "quarter" or values.FULL_YEAR.match(r.plabel(f.quantity)))  # never a trailing year
        ),
        key=lambda f: f.quantity.period.end or date.min,
    )
    before: Fact | None = None
    gap: str | None = None  # a stretch the sources have no figure for, before the crossing
    for f in series:
        start = f.quantity.period.start
        if before is None:
            gap = f"before {r.plabel(f.quantity)}"
        elif start is None or before.quantity.period.end is None or (start - before.quantity.period.end).days > 10:
            # a stretch without figures matters when a figure in it could pass the threshold: one at
            # least half the threshold beside it (Meta's $15B in 2020, $27B in 2023, against $30B)
            near = max(abs(before.value.value), abs(f.value.value)) >= abs(t.value) / 2
            gap = f"between {r.plabel(before.quantity)} and {r.plabel(f.quantity)}" if near else gap
        if before is series[0] and gap is not None and gap.startswith("before"):
            gap = None  # the series starts below the threshold
        low, high = f.value.bounds
        # ("reach $525bn", "hit $30bn": getting to the mark itself counts)
        reached = _REACH.search(question) is not None and t.op == ">" and low >= t.value
        if t.holds(low, high) or reached:
            ans = value_answer(r, question, f)
            if gap is not None:  # an earlier figure, not in the sources, may have passed the threshold
                ans.kind, ans.answered, ans.value, ans.measure, ans.unit = "not_found", False, None, None, None
                ans.text = (
                    f"I can't tell which {kind} first passed {threshold_text(t)}: the sources have no figures of "
                    f"{r.possessive(q.subjects[0])} {r.label(q.metric)} {gap}. "
                    f"The earliest above it in the sources: {ans.text}"
                )
                return ans
            ans.text = f"First {kind} above the threshold: {ans.text}"
            return ans
        before = f
    return make_answer(
        question,
        "not_found",
        f"No {kind} of {r.possessive(q.subjects[0])} {r.label(q.metric)} in the sources passes {threshold_text(t)}.",
    )
