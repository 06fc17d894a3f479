"""Comparisons of changes: which of several companies grew faster, by how many points, each over its
own years where the question gives each one ("amzn 2024 capex growth vs msft fy25 capex growth")."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.format import format_value
from kg.periods import Period
from kg.values import Value

from ...answer import Answer
from ..facts import Fact, Responder
from ..follow_up_sources import broader_of
from ..understand import Query
from . import changes
from .common import grain_of, make_answer, not_found, own_periods

__all__ = ["answer_compare_changes", "answer_two_measures_growth", "growth_against_rate"]


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


_RATE_WRITTEN = re.compile(r"[+]?\s*(\d+(?:\.\d+)?)\s*%")
_SET_AGAINST = re.compile(
    r"\b(?:than|vs\.?|versus|against|over|above|below|beyond|compared\s+(?:to|with))\b[^.?!]*$", re.I
)
_IN_POINTS = re.compile(r"\b(?:points?|pts|pp|ppts?|percentage\s+points?)\b", re.I)


def growth_against_rate(r: Responder, question: str, q: Query) -> Answer | None:
    """A growth set against a rate written as a number, in points: "Meta 'doubling' vs the sector's +44% —
    how many points faster did Meta's AI capex grow?" (Meta's growth less 44 points); "the 44% rise into
    2025 or the whole 2025→2032 rise — gap in points?" (the series whose stated rate is 44%, over the span
    named). The one written first comes first."""
    in_points = q.measure == "pp_change" or (q.measure is None and _IN_POINTS.search(question))
    if q.yes_no or not in_points or not _GROWTH.search(question):
        return None
    written = list(_RATE_WRITTEN.finditer(question))
    if len(written) != 1:
        return None
    # (the rate as read: an amount, or the mark of "faster than 44%"; else as written)
    bound = [q.threshold.value] if q.threshold is not None and q.threshold.unit == "ratio" else []
    rates = [a for a in q.amounts if 0 < abs(a) < 10] or bound or [float(written[0].group(1)) / 100]
    if len(rates) != 1 or len(q.amounts) > 1:
        return None
    rate = rates[0]

    def year_at(p: Period) -> int:
        return question.find(str(p.start.year)) if p.start else -1

    if len(set(q.subjects)) == 1 and q.metric:
        one = replace(q, intent="change", measure="percent_change", amounts=[], operands=[], threshold=None)
        at = next((o.start for o in q.operands if o.subject), year_at(q.periods[-1]) if q.periods else -1)
    elif not q.subjects and len(q.periods) == 2:
        stated = {(rel.refs["to"].subject, rel.refs["to"].metric) for rel in r.changes_at_rates([rate])}
        if len(stated) != 1:
            return None
        subject, metric = stated.pop()
        one = replace(q, subjects=[subject], metric=metric, intent="change", measure="percent_change", amounts=[])
        at = year_at(q.periods[-1])
    else:
        return None
    if at < 0:
        return None
    pair = changes.change_pair(r, one)
    if pair is None or pair[0].value.unit != "USD" or not pair[0].value.value:
        return None
    a, b = pair
    growth = b.value.value / a.value.value - 1
    # the side after "than", "vs", "above" is the one set against: "faster than 44%" is the growth less 44%
    window = question[max(0, written[0].start() - 25) : written[0].start()]
    first_is_rate = written[0].start() < at and not _SET_AGAINST.search(window)
    gap = rate - growth if first_is_rate else growth - rate
    said = (
        f"{r.possessive(a.quantity.subject)} {r.label(a.quantity.metric)} {growth:+.1%} "
        f"({r.plabel(a.quantity)} {r.fmt(a)} to {r.plabel(b.quantity)} {r.fmt(b)})"
    )
    text = f"{format_value(Value(abs(gap), 'ratio'))[:-1]} pp: {said} against {rate:.0%}; " + (
        f"{rate:.0%} is the {'larger' if gap >= 0 else 'smaller'}."
        if first_is_rate
        else f"the growth is the {'larger' if gap >= 0 else 'smaller'}."
    )
    return make_answer(
        question,
        "comparison",
        text,
        value=gap,
        unit="pp",
        measure="pp_change",
        subject=r.label(a.quantity.subject),
        metric=r.label(a.quantity.metric),
        period=f"{r.plabel(a.quantity)} to {r.plabel(b.quantity)}",
        sources=r.sources_of([a, b]),
        basis=(a, b),
    )
