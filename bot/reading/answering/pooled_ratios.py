"""A ratio of totals: 'Alphabet's capex divided by its revenue for 2023 to 2025 taken as a whole', 'the
combined capex intensity of Amazon, Meta and Alphabet in 2024'. Each side is added up over every year and
company first, then divided; the yearly ratios are never added (a sum of ratios measures nothing), and
their plain average is given beside the pooled one, not in its place."""

from __future__ import annotations

import re
from dataclasses import replace

from kg import analytics
from kg.analytics import Result
from kg.format import format_value
from kg.values import Value

from ...answer import Answer
from ..facts import Fact, Responder
from ..understand import Query
from .common import grain_of, not_found, result_answer

__all__ = ["answer_pooled_ratio", "part_of_combined", "pooled_pair"]

#: words that pool the figures before dividing ("taken as a whole", "in aggregate", "weighted average")
_POOLED = re.compile(
    r"\b(?:aggregate[ds]?|in aggregate|as a whole|taken together|all together|altogether|pooled|cumulative(?:ly)?"
    r"|combined|in total|total|sum(?:med)? of|weighted(?: average)?|overall|whole (?:period|span|window)"
    r"|entire (?:period|span|window))\b",
    re.IGNORECASE,
)
#: one metric set against another: "capex divided by revenue", "capex as a % of revenue", "capex/revenue"
_DIVIDED = re.compile(
    r"divided by|÷|/|\bover\b|\bratio\b|\bas an? (?:share|percent(?:age)?|%|proportion|fraction|multiple)\b"
    r"|\bshare of\b|\bpercent(?:age)? of\b|%\s*of\b|\brelative to\b|\bagainst\b",
    re.IGNORECASE,
)
#: the whole of a ratio written as several companies added up ("as a % of amzn+googl+meta combined")
_ADDED_UP = re.compile(r"\+|\b(?:combined|together|in total|total|summed|aggregate)\b", re.IGNORECASE)
#: the plain mean of yearly ratios, which is a different measure ("average capex intensity 2023-2025")
_PLAIN_MEAN = re.compile(r"\b(?:average|mean|avg)\b", re.IGNORECASE)


def pooled_pair(r: Responder, question: str, q: Query) -> tuple[str, str, str | None] | None:
    """(numerator, denominator, the named ratio metric) when the question asks a ratio of totals."""
    if not q.periods or not q.subjects:
        return None
    summed = q.intent == "sum" or q.measure == "sum"
    if not (_POOLED.search(question) or summed):
        return None
    if _PLAIN_MEAN.search(question) and not re.search(r"\bweighted\b", question, re.IGNORECASE):
        return None  # "the average of the yearly intensities": each year's ratio, then their mean
    if q.whole_at is not None:
        # ("NVDA revenue as a % of the big-4 capex total": one side each, not both pooled over all of them)
        before = {o.subject for o in q.operands if o.subject and o.start < q.whole_at}
        after = {o.subject for o in q.operands if o.subject and o.start >= q.whole_at}
        if before and after and not before & after:
            return None
    several_years = len(set(q.periods)) >= 2 and all(grain_of(p) == "year" for p in q.periods)
    several_subjects = len(set(q.subjects)) >= 2 and len(set(q.periods)) == 1
    if not (several_years or several_subjects):
        return None
    named = r.k.entities.get(q.metric) if q.metric else None
    if named is not None and named.ratio_of:
        return named.ratio_of[0], named.ratio_of[1], q.metric
    metrics = list(dict.fromkeys(o.metric for o in q.operands if o.metric))
    if len(metrics) != 2 or not _DIVIDED.search(question):
        return None
    for m in r.k.entities.values():
        if m.ratio_of == (metrics[0], metrics[1]):
            return metrics[0], metrics[1], m.iri
    return metrics[0], metrics[1], None


def answer_pooled_ratio(r: Responder, question: str, q: Query, pair: tuple[str, str, str | None]) -> Answer:
    from .changes import span_years  # (changes imports the answering modules)

    top, bottom, named = pair
    years = span_years(question, q)[0] if len(set(q.periods)) >= 2 else q.periods[:1]
    whose = list(dict.fromkeys(q.subjects))
    parts: dict[str, list[Fact]] = {top: [], bottom: []}
    missing = []
    for s in whose:
        for p in years:
            for m in (top, bottom):
                f = r.find(s, m, p)
                if f is None:
                    missing.append(f"{r.label(s)} {r.label(m)} {p.label}")
                else:
                    parts[m].append(f)
    span = f"in {years[0].label}" if len(years) == 1 else f"over {years[0].label}-{years[-1].label}"
    labels = [r.label(s) for s in whose]
    names = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
    asked = r.label(named) if named else f"{r.label(top)} as a share of {r.label(bottom)}"
    if missing:
        shown = ", ".join(missing[:4]) + (" …" if len(missing) > 4 else "")
        return not_found(r, question, q, f"{names}'s {asked} {span} taken as a whole: no figure for {shown}")
    num = analytics.total([f.value for f in parts[top]])
    den = analytics.total([f.value for f in parts[bottom]])
    res = _over_total(num.value, f"({num.formula})", den)
    each = "; ".join(
        f"{r.label(a.quantity.subject) + ' ' if len(whose) > 1 else ''}{r.plabel(a.quantity)} "
        f"{r.fmt(a)} / {r.fmt(b)} = {format_value(analytics.share(a.value, b.value).value)}"
        for a, b in zip(parts[top], parts[bottom], strict=True)
    )
    plain = analytics.mean(
        [analytics.share(a.value, b.value).value for a, b in zip(parts[top], parts[bottom], strict=True)]
    )
    text = (
        f"{names}'s {asked} {span} taken as a whole: {format_value(res.value)} — total "
        f"{r.label(top)} {format_value(num.value)} ÷ total {r.label(bottom)} {format_value(den.value)} "
        f"({each}). The plain average of the {len(parts[top])} ratios is {format_value(plain.value)}."
    )
    q = replace(q, metric=named or q.metric)
    return result_answer(r, question, q, res, parts[top] + parts[bottom], text, unit="ratio")


def _over_total(part: Value, written: str, total: Result) -> Result:
    """``part`` over a sum, with the sum's terms in the formula: "(a + b) / (c + d) = 57.4%"."""
    share = analytics.share(part, total.value)
    terms = total.formula.rsplit(" = ", 1)[0]
    return Result("ratio", share.value, f"{written} / ({terms}) = {format_value(share.value)}", share.inputs)


def part_of_combined(r: Responder, question: str, q: Query) -> Answer | None:
    """'Nvidia's FY26 revenue as a % of Amazon + Alphabet + Meta 2025 capex combined': one side
    is the companies named before the whole, the other the sum of those named after it, each side
    in its own metric and period (the whole's period is written once, after its companies)."""
    if q.measure != "ratio" or q.whole_at is None:
        return None
    part = [o for o in q.operands if o.subject and o.start < q.whole_at]
    whole = [o for o in q.operands if o.subject and o.start >= q.whole_at]
    whole_subjects = list(dict.fromkeys(o.subject for o in whole if o.subject))
    if len(part) != 1 or len(whole_subjects) < 2 or part[0].subject in whole_subjects:
        return None
    # ("as a % of A+B+C combined", "as a % of the combined 2025 capex of A, B and C": after the part)
    if not _ADDED_UP.search(question[part[0].start + 1 :]):
        return None
    top = part[0].metric or q.metric
    bottom = next((o.metric for o in reversed(whole) if o.metric), None) or q.metric
    at = next((o.period for o in reversed(whole) if o.period), None) or (q.periods[-1] if q.periods else None)
    own = part[0].period or at
    if not (top and bottom and at and own and part[0].subject):
        return None
    numerator = r.find(part[0].subject, top, own)
    terms = [(s, r.find(s, bottom, at)) for s in whole_subjects]
    names = ", ".join(r.label(s) for s in whole_subjects[:-1]) + " and " + r.label(whole_subjects[-1])
    missing = [r.label(s) for s, f in terms if f is None]
    if numerator is None or missing:
        shown = ", ".join([*([r.label(part[0].subject)] if numerator is None else []), *missing])
        asked = f"{r.label(top)} as a share of {names}'s combined {r.label(bottom)}"
        return not_found(r, question, q, f"{asked}: no figure for {shown}")
    facts = [f for _, f in terms if f is not None]
    summed = analytics.total([f.value for f in facts])
    res = _over_total(numerator.value, format_value(numerator.value), summed)
    periods = "" if own == at else " Note: the two sides cover different periods."
    metrics = "" if top == bottom else " Note: the two sides measure different things."
    text = (
        f"{r.possessive(part[0].subject)} {r.label(top)} {r.period_phrase(own, part[0].subject)} "
        f"({r.fmt(numerator)}) is {format_value(res.value)} of {names}'s combined {r.label(bottom)} in "
        f"{at.label} ({format_value(summed.value)} = "
        + " + ".join(f"{r.label(f.quantity.subject)} {r.fmt(f)}" for f in facts)
        + f").{periods}{metrics}"
    )
    return result_answer(r, question, replace(q, metric=top), res, [numerator, *facts], text, unit="ratio")
