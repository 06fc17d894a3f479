"""Comparisons of changes: which of several companies grew faster, by how many points, each over its
own years where the question gives each one ("amzn 2024 capex growth vs msft fy25 capex growth")."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.periods import Period

from ...answer import Answer
from ..facts import Fact, Responder
from ..follow_up_sources import broader_of
from ..understand import Query
from . import changes
from .common import grain_of, make_answer, not_found, own_periods

__all__ = ["answer_compare_changes", "answer_two_measures_growth"]


def answer_compare_changes(r: Responder, question: str, q: Query) -> Answer:
    """'Which grew faster, A or B?': each subject's own change, compared as a relative change."""
    found: list[tuple[Fact, Fact, float]] = []
    missing: list[str] = []
    # (each company's own year only where each wrote a whole quantity of its own: "amzn 2024 capex growth vs
    # msft fy25 capex growth", not "Meta's growth in 2025 versus 2024 ... faster than Alphabet's?")
    whole = {o.subject for o in q.operands if o.subject and o.metric and o.period is not None}
    own = own_periods(q) if set(q.subjects) <= whole else {}
    for s in q.subjects:
        metric = q.subject_metrics.get(s) or q.metric
        if s not in q.subject_metrics and metric and not r.available(s, metric):
            # "Meta's AI capex growth vs hyperscaler growth": the group's own spending of that kind
            metric = _kin_metric(r, s, metric) or metric
        one = replace(q, subjects=[s], metric=metric, intent="change", measure="percent_change")
        if len(set(own.values())) > 1 and s in own:
            # "amzn 2024 capex growth vs msft fy25 capex growth": each into its own year, from the year before
            one = replace(one, periods=[own[s].shift_years(-1), own[s]], range_=True)
        if metric is None:
            missing.append(s)
            continue
        pair = changes.change_pair(r, one)
        within = q.periods[0] if len(q.periods) == 1 and grain_of(q.periods[0]) != "year" else None
        if pair is None and within is not None and within.start is not None:
            # "did Meta's AI capex grow faster in H1 2025 than hyperscaler capex?": a series with no
            # half-year figures, over the year the half is in (the note says the spans differ)
            pair = changes.change_pair(r, replace(one, periods=[Period.year(within.start.year)]))
        if pair is None:
            missing.append(s)
            continue
        a, b = pair
        if a.value.unit == "ratio" or not a.value.value:
            missing.append(s)
            continue
        found.append((a, b, b.value.value / a.value.value - 1))
    if len(found) < 2:
        names = ", ".join(r.label(s) for s in missing)
        return not_found(r, question, q, f"how each of them changed (no change for {names})")
    ranked = sorted(found, key=lambda x: x[2], reverse=not q.ascending)
    parts = [
        f"{r.possessive(a.quantity.subject)} {r.label(a.quantity.metric)} {rate:+.1%} "
        f"({r.plabel(a.quantity)} {r.fmt(a)} to {r.plabel(b.quantity)} {r.fmt(b)})"
        for a, b, rate in ranked
    ]
    top = ranked[0][0]
    pace = ("slower" if q.ascending else "faster") if len(ranked) == 2 else ("slowest" if q.ascending else "fastest")
    text = f"{r.label(top.quantity.subject)} grew {pace}: " + "; ".join(parts) + "."
    if len({(a.quantity.period, b.quantity.period) for a, b, _ in ranked}) > 1:
        text += " Note: the changes span different periods."
    items = [
        {
            "label": r.label(a.quantity.subject),
            "value": rate,
            "unit": "ratio",
            "measure": "percent_change",
            "text": f"{rate:+.1%}",
            "period": f"{r.plabel(a.quantity)} to {r.plabel(b.quantity)}",
        }
        for a, b, rate in ranked
    ]
    facts = [f for a, b, _ in ranked for f in (a, b)]
    if len(ranked) == 2 and q.measure == "pp_change":
        # "... and by how many percentage points?": the gap between the two growth rates
        gap = ranked[0][2] - ranked[1][2]
        text += f" The gap: {gap * 100:.1f} percentage points."
        (a1, b1, rate1), (a2, b2, rate2) = ranked
        formula = (
            f"({r.fmt(b1)} / {r.fmt(a1)} - 1) - ({r.fmt(b2)} / {r.fmt(a2)} - 1) = {rate1:.1%} - {rate2:.1%} "
            f"= {gap * 100:.1f} pp"
        )
        return make_answer(
            question,
            "comparison",
            text,
            value=gap,
            unit="pp",
            measure="pp_change",
            status="derived",
            items=items,
            sources=r.sources_of(facts),
            derivation={"formula": formula, "value": gap, "inputs": [r.fact_item(f) for f in facts]},
            basis=tuple(facts),
        )
    return make_answer(question, "comparison", text, items=items, sources=r.sources_of(facts), basis=tuple(facts))


#: "capex growth minus revenue growth", "how many times faster did capex grow than revenue"
_TWO_GROWTHS = re.compile(
    r"\b(?:minus|less|vs\.?|versus|than|against|compared|gap|difference|spread|faster|slower)\b", re.I
)
_GROWTH = re.compile(r"\b(?:grow(?:th|s|ing)?|grew|ris(?:e|es|ing)|rose|increase[sd]?|yoy|y/y)\b", re.I)
_TIMES = re.compile(r"\b(?:times|multiple)\b|\bx\b", re.I)


def answer_two_measures_growth(r: Responder, question: str, q: Query) -> Answer | None:
    """One company's growth in two measures set against each other: 'meta 2025: capex growth minus revenue
    growth, in points?' (the gap in points), 'how many times faster did capex grow than revenue?' (one rate
    over the other)."""
    metrics = list(dict.fromkeys(o.metric for o in q.operands if o.metric))
    if len(set(q.subjects)) != 1 or len(metrics) != 2 or len(q.periods) != 1:
        return None
    if not (_GROWTH.search(question) and _TWO_GROWTHS.search(question)):
        return None
    subject = q.subjects[0]
    rates = []
    for m in metrics:
        pair = changes.change_pair(
            r, replace(q, metric=m, subjects=[subject], intent="change", measure="percent_change")
        )
        if pair is None or pair[0].value.unit != "USD" or not pair[0].value.value:
            return None
        a, b = pair
        rates.append((a, b, b.value.value / a.value.value - 1))
    (a1, b1, g1), (a2, b2, g2) = rates
    said = "; ".join(
        f"{r.label(a.quantity.metric)} {g:+.1%} "
        f"({r.plabel(a.quantity)} {r.fmt(a)} to {r.plabel(b.quantity)} {r.fmt(b)})"
        for a, b, g in rates
    )
    facts = [a1, b1, a2, b2]
    if _TIMES.search(question):
        if not g2:
            return None
        value, measure, unit = g1 / g2, "multiple", "multiple"
        head = (
            f"{r.possessive(subject)} {r.label(a1.quantity.metric)} grew {value:.2f}x as fast as its "
            f"{r.label(a2.quantity.metric)}"
        )
        formula = f"{g1:.1%} / {g2:.1%} = {value:.2f}x"
    else:
        value, measure, unit = g1 - g2, "pp_change", "pp"
        head = (
            f"{r.possessive(subject)} {r.label(a1.quantity.metric)} growth minus its {r.label(a2.quantity.metric)} "
            f"growth: {value * 100:+.1f} percentage points"
        )
        formula = f"{g1:.1%} - {g2:.1%} = {value * 100:+.1f} pp"
    return make_answer(
        question,
        "value",
        f"{head}. {said[:1].upper()}{said[1:]}.",
        value=value,
        unit=unit,
        measure=measure,
        status="derived",
        subject=r.label(subject),
        items=[r.fact_item(f) for f in facts],
        sources=r.sources_of(facts),
        derivation={"formula": formula, "value": value, "inputs": [r.fact_item(f) for f in facts]},
        basis=tuple(facts),
    )


def _kin_metric(r: Responder, subject: str, metric: str) -> str | None:
    """The one dollar measure ``subject`` holds that is of a kind with ``metric`` (under one broader term)."""
    wider = broader_of(r.k, metric)
    held = {f.quantity.metric for f in r.available(subject, None) if f.value.unit == "USD" and not f.is_change}
    kin = [m for m in held if m != metric and (broader_of(r.k, m) & wider)]
    return kin[0] if len(kin) == 1 else None
