"""What every kind of answer shares: the Answer builders, refusals and the figures a query names."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from kg.analytics import Result
from kg.periods import Period, month_end

from ...answer import Answer
from ...arithmetic import arithmetic
from ..facts import Fact, Responder
from ..understand import Query

AMOUNT_WORDS = re.compile(
    r"\$|\b(?:how much|spend|spent|spending|invest(?:ed|s|ment|ments)?|money|dollars?|usd)\b", re.IGNORECASE
)


#: The measure of the Answer contract that each analytic computes.
MEASURE_OF = {
    "absolute_change": "difference",
    "difference": "difference",
    "relative_change": "percent_change",
    "pp_change": "pp_change",
    "growth_multiple": "multiple",
    "cagr": "cagr",
    "ratio": "ratio",
    "share": "ratio",
    "sum": "sum",
    "average": "average",
    "median": "median",
    "annualised": "annualised",
    "per_year_step": "per_year_step",
    "straight_line": "level",
    "compounded": "level",
    "implied_whole": "level",
}


def fact_measure(f: Fact) -> str:
    """A figure is a level, or a ratio when derived as one figure over another; a change quantity
    (to - from) is a difference, in points for a share."""
    d = f.derivation
    if d is not None and d.equation.kind == "ratio" and d.quantity == f.quantity:
        return "ratio"  # capex intensity: one figure as a share of another (capex / revenue)
    if not f.is_change:
        return "level"
    return "pp_change" if f.value.unit == "ratio" else "difference"


def make_answer(question: str, kind: str, text: str, **kw: Any) -> Answer:
    text = text[:1].upper() + text[1:]
    return Answer(question=question, answered=kind not in ("not_found", "not_understood"), kind=kind, text=text, **kw)


def value_answer(r: Responder, question: str, f: Fact, extra: list[Fact] | None = None) -> Answer:
    text = " ".join([r.sentence(f), *r.other_sources(f)])
    if f.derivation is not None:
        steps = arithmetic(r.derivation_of(f) or {})
        text += f" Computed: {steps or f.derivation.formula} — ask “how did you get that?” for the steps."
    items = [r.fact_item(x) for x in extra] if extra else []
    return make_answer(
        question,
        "value",
        text,
        value=f.value.value,
        unit="pp" if f.is_change and f.value.unit == "ratio" else f.value.unit,
        measure=fact_measure(f),
        qualifier=f.value.qualifier,
        status=f.status,
        subject=r.label(f.quantity.subject),
        metric=r.label(f.quantity.metric),
        period=r.plabel(f.quantity),
        items=items,
        sources=r.sources_of([f]),
        derivation=r.derivation_of(f),
        basis=(f,),
    )


def not_found(r: Responder, question: str, q: Query, why: str) -> Answer:
    return make_answer(
        question,
        "not_found",
        f"I don't know {why}. Here is what I do know nearby.",
        subject=r.label(q.subjects[0]) if q.subjects else None,
        metric=r.label(q.metric) if q.metric else None,
        period=q.periods[0].label if q.periods else None,
        suggestions=r.suggestions(q),
    )


def what(r: Responder, q: Query, subject: str | None = None, period: Period | None = None) -> str:
    parts = []
    s = subject or (q.subjects[0] if q.subjects else None)
    if s:
        parts.append(r.possessive(s))
    parts.append(r.label(q.metric) if q.metric else "figure")
    p = period or (q.periods[0] if q.periods else None)
    if p:
        parts.append(r.period_phrase(p))
    return " ".join(parts)


def result_answer(
    r: Responder,
    question: str,
    q: Query,
    res: Result,
    facts: list[Fact],
    text: str,
    kind: str = "value",
    unit: str | None = None,
) -> Answer:
    inputs = []
    for f in facts:
        item: dict[str, Any] = r.fact_item(f)
        deriv = r.derivation_of(f)
        if deriv:
            item["derivation"] = deriv
        item["sources"] = [s.__dict__ for s in r.sources_of([f])]
        inputs.append(item)
    return make_answer(
        question,
        kind,
        text,
        value=res.value.value,
        unit=unit or res.value.unit,
        qualifier=res.value.qualifier,
        status="derived",
        measure=MEASURE_OF.get(res.kind),
        subject=", ".join(r.label(s) for s in dict.fromkeys(f.quantity.subject for f in facts)),
        metric=r.label(q.metric) if q.metric else r.label(facts[0].quantity.metric),
        period=" to ".join(dict.fromkeys(r.plabel(f.quantity) for f in facts)),
        items=[r.fact_item(f) for f in facts],
        sources=r.sources_of(facts),
        derivation={"formula": res.formula, "value": res.value.value, "inputs": inputs},
        basis=tuple(facts),
    )


def facts_answer(
    r: Responder, question: str, facts: list[Fact], heading: str, period: Period | None, by: str, **fields: Any
) -> Answer:
    """A list answer naming each figure by its subject or its metric, and its period."""

    def name(f: Fact) -> str:  # (by "period": the heading names the rest)
        if by == "period":
            return r.plabel(f.quantity)
        return f"{r.label(f.quantity.subject if by == 'subject' else f.quantity.metric)} {r.plabel(f.quantity)}"

    text = (
        heading
        + (f" {r.period_phrase(period)}" if period else "")
        + ": "
        + "; ".join(f"{name(f)}: {r.fmt(f)} ({f.status})" for f in facts)
        + "."
    )
    return make_answer(
        question,
        "list",
        text,
        period=period.label if period else None,
        items=[r.fact_item(f) for f in facts],
        sources=r.sources_of(facts),
        basis=tuple(facts),
        **fields,
    )


def newest_of_each_metric(facts: list[Fact], n: int = 3) -> list[Fact]:
    """The ``n`` newest figures of each measure, for an overview that asks no period."""
    by_metric: dict[str, list[Fact]] = {}
    for f in facts:
        by_metric.setdefault(f.quantity.metric, []).append(f)
    out: list[Fact] = []
    for group in by_metric.values():
        out.extend(sorted(group, key=lambda f: f.quantity.period.end or date.min, reverse=True)[:n])
    return out


def examples(r: Responder) -> list[str]:
    ex = []
    for f in r.available()[:40]:
        m, p = r.label(f.quantity.metric), f.quantity.period
        if not p.is_vague:
            ex.append(f"What is {r.possessive(f.quantity.subject)} {m} in {p.label}?")
    out = list(dict.fromkeys(ex))[:3]
    out += ["How did you get that?", "What do investors monitor?"]
    return out


def incomplete(r: Responder, question: str, q: Query) -> Answer:
    if q.unknown:
        return not_found(r, question, q, f"anything about {', '.join(q.unknown)}")
    missing = [w for w, v in (("which company or group", q.subjects), ("which figure", q.metric)) if not v]
    return make_answer(
        question,
        "not_understood",
        f"I need to know {' and '.join(missing) or 'more'} to answer that.",
        suggestions=r.suggestions(q) or examples(r),
    )


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def facts_in(r: Responder, q: Query, subject: str | None, metric: str | None, period: Period | None) -> list[Fact]:
    """Figures for a partly given quantity; a period with none falls back to vague ones meaning it."""
    facts = r.available(subject, metric, period)
    if period is not None and not facts:
        facts = [f for p in r.periods_matching(period, q.now) for f in r.available(subject, metric, p)]
    return facts


def default_period_facts(r: Responder, subject: str, metric: str) -> list[Fact]:
    """Every period's figure, or a narrower market's with a note ('AI' -> 'AI-driven advertising')."""
    facts = [f for f in r.available(subject, metric) if not f.is_change]
    if facts:
        return facts
    for part in r.narrower_subjects(subject):
        facts = [f for f in r.available(part, metric) if not f.is_change]
        if facts:
            note = f"Note: the figure is for {r.label(part)}, part of {r.label(subject)}."
            return [Fact(f.quantity, f.value, f.status, f.observation, f.derivation, note) for f in facts]
    return []


def grain_of(p: Period) -> str | None:
    """A period's length as a grain, 52/53-week fiscal periods included (364 or 371 days a year)."""
    if p.start is None or p.end is None:
        return None
    days = (p.end - p.start).days + 1
    for grain, low, high in (("month", 28, 31), ("quarter", 84, 98), ("half", 175, 190), ("year", 350, 380)):
        if low <= days <= high:
            return grain
    return None


def own_periods(q: Query) -> dict[str, Period]:
    """Each subject's own period, as written by it (the first quantity written for it)."""
    own: dict[str, Period] = {}
    for o in sorted(q.operands, key=lambda o: o.metric is None):
        if o.subject and o.period is not None:
            own.setdefault(o.subject, o.period)
    return own


def whole_months(p: Period) -> Period | None:
    """A 52/53-week period as the calendar months it covers (a few days either side of month ends)."""
    if p.start is None or p.end is None:
        return None
    start = p.start if p.start.day <= 7 else date(p.start.year + (p.start.month == 12), p.start.month % 12 + 1, 1)
    if p.end.day >= 24:
        end = month_end(p.end.year, p.end.month)
    else:
        first = date(p.end.year, p.end.month, 1)
        end = first - timedelta(days=1)
    return Period.from_dates(start, end) if start < end else None


def named_as_multiple(r: Responder, question: str, subject: str) -> bool:
    """'Meta revenue versus Alphabet revenue, Alphabet is how many times bigger?': ``subject`` (or a
    metric) is the one named as the multiple of the other."""
    e = r.k.entities.get(subject)
    for name in sorted(e.names, key=len, reverse=True) if e is not None else []:
        written = rf"(?<!\w){re.escape(name)}(?:['’]s)?(?:\s+\w+){{0,2}}\s+(?:is|are|was)\s+how\s+many\s+(?:times|x)\b"
        # ("... vs Alphabet's: how many times bigger was Alphabet's?")
        asked = (
            r"\bhow\s+many\s+(?:times|x)\s+(?:bigger|larger|greater|higher|more)\s+(?:is|are|was|were)\s+"
            rf"{re.escape(name)}\b"
            # ("... against the $1.8T genAI revenue? what multiple is the revenue")
            rf"|\bwhat\s+multiple\s+(?:of\s+\S+\s+)?(?:is|are|was|were)\s+(?:the\s+)?(?:\S+\s+)?{re.escape(name)}\b"
            # ("... — capex is what multiple of it?")
            rf"|(?<!\w){re.escape(name)}\s+(?:is|was)\s+(?:what|how\s+many)\s+(?:multiple|times|x)\b"
        )
        if len(name) > 2 and (re.search(written, question, re.IGNORECASE) or re.search(asked, question, re.I)):
            return True
    return False
