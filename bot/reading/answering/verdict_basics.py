"""What every yes/no answer is built from: the bounds of an answer's value, the verdict a
threshold gives, the answer with its verdict and reason."""

from __future__ import annotations

import re
from dataclasses import replace

from kg import analytics
from kg.format import format_value
from kg.values import Value

from ...answer import Answer
from ..facts import Fact, Responder
from ..patterns import PER_YEAR
from ..threshold import Threshold
from ..understand import Query
from . import changes, comparisons, shares, values
from .common import result_answer

#: How close a multiple must be to 'double' (2x) to count as doubling, relative.
CHANGE_WORD_SLACK = 0.10
#: how strongly a question must speak of change to be read as about growth
CHANGE_CUE = 2.5


def bounds(a: Answer) -> tuple[float, float]:
    v = a.value
    assert v is not None
    q = a.qualifier or "exact"
    return Value(v, a.unit, q if q in ("exact", "approximately", "nearly", "at_least", "at_most") else "exact").bounds


def verdict_of(ok: bool | None) -> str:
    return "unknown" if ok is None else "yes" if ok else "no"


def with_verdict(question: str, base: Answer, verdict: str, why: str) -> Answer:
    lead = {"yes": "Yes", "no": "No", "unknown": "I can't tell from the sources"}[verdict]
    text = f"{lead} — {why} {base.text}".strip() if why else f"{lead}. {base.text}"
    return replace(base, question=question, answered=True, kind="yes_no", text=text, verdict=verdict)


#: words that make a yes/no question ask who stands behind a figure
ATTRIBUTION = re.compile(
    r"\b(?:behind|source|sourced|credit(?:ed)?|attribut\w*|forecast(?:s|ed)?\s+by|according|"
    r"project(?:ed|s)?|predict(?:ed|s)?|estimate[sd]?|publish(?:ed|es)?|sa(?:y|ys|id)|gave|gives?|provided|supplied)\b",
    re.IGNORECASE,
)


def attribution_verdict(r: Responder, question: str, q: Query, base: Answer) -> Answer:
    """Whether the figure is credited to whom the question names: yes only where the source says so.

    Anyone else is unknown, never no: the sources may simply not say who else holds that view.
    """
    facts = [f for f in base.basis if f.observation]
    credited = sorted({a for f in facts for a in (f.observation.attributed_to if f.observation else ())})
    publishers = {(s.publisher or "").lower() for s in base.sources}
    named = [s for s in q.credited if s in credited or r.label(s).lower() in publishers]
    if named:
        return with_verdict(question, base, "yes", f"the source credits {r.label(named[0])}.")
    who = " ".join(q.unknown) if q.unknown else ", ".join(r.label(s) for s in q.credited)
    says = f"the source credits {', '.join(r.label(a) for a in credited)}" if credited else "the source names no one"
    return with_verdict(question, base, "unknown", f"{says}, and says nothing of {who}.")


def threshold_text(t: Threshold) -> str:
    word = ("at least" if t.op == ">" else "at most") if t.inclusive else "more than" if t.op == ">" else "less than"
    unit = "ratio" if t.unit == "ratio" else t.unit
    return f"{word} {format_value(Value(t.value, unit))}"


PERCENT_OF = re.compile(
    r"(?:%|percent|pct|a (?:half|third|quarter|fifth|tenth))\s+of\s+(?:its|their|the|his|her)?\s*(.{2,40})", re.I
)


def _over_another_metric(r: Responder, question: str, q: Query) -> Answer | None:
    m = PERCENT_OF.search(question)
    if m is None or q.metric is None:
        return None
    tail = " " + re.sub(r"[^a-z0-9&]+", " ", m.group(1).lower()) + " "
    others = [
        e
        for e in r.k.entities.values()
        if e.kind == "metric"
        and e.iri != q.metric
        and e.unit != "ratio"
        and any(f" {n.lower()} " in tail for n in e.names if len(n) > 2)
    ]
    if len(others) != 1:
        return None
    part = r.find(q.subjects[0], q.metric, q.periods[0])
    whole = r.find(q.subjects[0], others[0].iri, q.periods[0])
    if part is None or whole is None or part.quantity.period != whole.quantity.period:
        return None
    res = analytics.share(part.value, whole.value)
    text = (
        f"{r.possessive(q.subjects[0])} {r.label(q.metric)} {r.in_period(part.quantity)} ({r.fmt(part)}) is "
        f"{format_value(res.value, qualified=True)} of its {others[0].label} ({r.fmt(whole)})."
    )
    return result_answer(r, question, q, res, [part, whole], text)


def measured(r: Responder, question: str, q: Query, t: Threshold) -> Answer:
    """The figure a threshold is tested on: a level, or the change it bounds."""
    base = replace(q, yes_no=False, threshold=None, amounts=[a for a in q.amounts if a != t.value])
    if q.metric is None and len(q.subjects) == 1 and len(q.periods) == 1 and t.unit == "USD":
        # "is the 2032 hyperscaler number above half a trillion?": the subject's one dollar figure then
        held = {f.quantity.metric for f in r.available(q.subjects[0], None, q.periods[0]) if f.value.unit == "USD"}
        if len(held) == 1:
            q = base = replace(base, metric=held.pop())
    metric = r.k.entities.get(q.metric) if q.metric else None
    amount_metric = metric is not None and metric.unit != "ratio"
    if t.unit == "multiple":
        return changes.answer_change(r, question, replace(base, intent="change", measure="multiple"))
    if t.unit == "ratio" and amount_metric and not t.by and q.metric and q.subjects and q.periods:
        # "was Nvidia's capex more than 5% of its revenue?": the one metric over the other, same period
        over = _over_another_metric(r, question, q)
        if over is not None:
            return over
    if t.unit == "ratio" and amount_metric and not t.by and q.metric:
        # "more than a third of AI spending": the share whose base is that total, if the graph has one
        share = shares.one_subject_share(r, question, replace(base, intent="value"))
        if share is not None:
            return share
    changing = q.intent in ("change", "cagr") or q.measure in ("difference", "percent_change", "per_year_step")
    if t.unit == "USD" and amount_metric and len(q.periods) >= 2 and (changing or t.by) and PER_YEAR.search(question):
        # "on a straight line, would it need to grow by more than $25B per year 2025-2032?": the yearly step
        return changes.answer_change(r, question, replace(base, intent="change", measure="per_year_step"))
    if t.unit == "USD" and amount_metric and changing and len(q.periods) >= 2:
        # "did the 2024-to-2025 jump, in dollars, exceed $100bn?": the change in dollars against it
        return changes.answer_change(r, question, replace(base, intent="change", measure="difference"))
    if t.by or (t.unit == "ratio" and amount_metric):
        measure = "difference" if t.unit == "USD" else "percent_change" if amount_metric else "pp_change"
        if t.unit == "ratio" and q.measure in ("cagr", "pp_change", "percent_change"):
            measure = q.measure  # "grow by more than 5% a year": the compound rate is what is bounded
        return changes.answer_change(r, question, replace(base, intent="change", measure=measure))
    if q.intent == "sum" and len(set(q.subjects)) >= 2 and t.unit == "USD" and amount_metric:
        # "AMZN+GOOGL+META+MSFT 2025 capex combined above $371bn?": the total against it
        return comparisons.answer_compare(r, question, replace(base, intent="sum", measure="sum"))
    if q.status_asked == "forecast" and not q.periods and len(q.subjects) == 1 and q.metric:
        # "is AI's share of server revenue forecast to hit 50%?": the forecast figure, not today's
        ahead = {f.quantity.period for f in r.available(q.subjects[0], q.metric) if f.status == "forecast"}
        if len(ahead) == 1:
            base = replace(base, periods=[ahead.pop()])
    return values.answer_value(r, question, replace(base, intent="value", measure=None))


def two_facts_verdict(r: Responder, question: str, q: Query, base: Answer, first: Fact, second: Fact) -> Answer:
    (a, b), (c, d) = first.value.bounds, second.value.bounds
    if q.comparator == "<":
        ok = True if b < c else False if a >= d else None
    else:
        ok = True if a > d else False if b <= c else None
    verdict = verdict_of(ok)
    if first.quantity.subject == second.quantity.subject and first.quantity.metric != second.quantity.metric:
        names = [f"{r.possessive(f.quantity.subject)} {r.label(f.quantity.metric)}" for f in (first, second)]
    else:
        names = [r.label(f.quantity.subject) for f in (first, second)]
    why = (
        f"{names[0]} {r.plabel(first.quantity)}: {r.fmt(first)}; "
        f"{names[1]} {r.plabel(second.quantity)}: {r.fmt(second)}."
    )
    if first.quantity.metric != second.quantity.metric:
        why += (
            f" Note: the figures measure different things ({r.label(first.quantity.metric)} vs "
            f"{r.label(second.quantity.metric)})."
        )
    if first.quantity.period != second.quantity.period and first.quantity.subject != second.quantity.subject:
        why += " Note: the periods differ."
    base.value = None
    base.basis = (first, second)  # (both figures judged: "... by how much?" asks the gap between them)
    return with_verdict(question, base, verdict, why)
