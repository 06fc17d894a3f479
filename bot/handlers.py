"""One function per kind of question: each takes the query and returns an Answer."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from kg import analytics
from kg.analytics import Result
from kg.explanation import render_tree
from kg.format import format_value
from kg.knowledge import Claim
from kg.periods import Period
from kg.reasoning import explain

from .answer import Answer, SourceRef
from .respond import Fact, Responder
from .understand import Query

__all__ = ["facts_of", "respond"]

_PERSONAL = {"company", "group", "ai_lab", "analyst_firm", "person"}
#: Words that ask for an amount of money (a share never answers them).
_AMOUNT = re.compile(
    r"\$|\b(?:how much|spend|spent|spending|invest(?:ed|s|ment|ments)?|money|dollars?|usd)\b", re.IGNORECASE
)


def _answer(question: str, kind: str, text: str, **kw: Any) -> Answer:
    text = text[:1].upper() + text[1:]
    return Answer(question=question, answered=kind not in ("not_found", "not_understood"), kind=kind, text=text, **kw)


def _value_answer(r: Responder, question: str, f: Fact, extra: list[Fact] | None = None) -> Answer:
    text = r.sentence(f)
    if f.derivation is not None:
        text += f" Computed as {f.derivation.formula} — ask “how did you get that?” for the steps."
    items = [r.fact_item(x) for x in extra] if extra else []
    return _answer(
        question,
        "value",
        text,
        value=f.value.value,
        unit="pp" if f.is_change and f.value.unit == "ratio" else f.value.unit,
        qualifier=f.value.qualifier,
        status=f.status,
        subject=r.label(f.quantity.subject),
        metric=r.label(f.quantity.metric),
        period=f.quantity.period.label,
        items=items,
        sources=r.sources_of([f]),
        derivation=r.derivation_of(f),
    )


def not_found(r: Responder, question: str, q: Query, why: str) -> Answer:
    return _answer(
        question,
        "not_found",
        f"I don't know {why}. Here is what I do know nearby.",
        subject=r.label(q.subjects[0]) if q.subjects else None,
        metric=r.label(q.metric) if q.metric else None,
        period=q.periods[0].label if q.periods else None,
        suggestions=r.suggestions(q),
    )


def _what(r: Responder, q: Query, subject: str | None = None, period: Period | None = None) -> str:
    parts = []
    s = subject or (q.subjects[0] if q.subjects else None)
    if s:
        parts.append(r.possessive(s))
    parts.append(r.label(q.metric) if q.metric else "figure")
    p = period or (q.periods[0] if q.periods else None)
    if p:
        parts.append(r.period_phrase(p))
    return " ".join(parts)


# ---------------------------------------------------------------- values


def _default_period_facts(r: Responder, subject: str, metric: str) -> list[Fact]:
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


def answer_value(r: Responder, question: str, q: Query) -> Answer:
    if len(q.subjects) >= 2:
        return answer_compare(r, question, q)
    if not q.subjects:
        return _answer_without_subject(r, question, q)
    subject = q.subjects[0]
    if not q.metric:
        return _answer_without_metric(r, question, q, subject)
    if not q.periods:
        facts = _default_period_facts(r, subject, q.metric)
        if not facts:
            return not_found(r, question, q, _what(r, q))
        stated = [f for f in facts if f.status != "derived"] or facts
        latest = stated[-1]
        others = [f for f in facts if f is not latest]
        ans = _value_answer(r, question, latest, extra=facts if others else None)
        if others:
            ans.text += (
                " Also: " + "; ".join(f"{f.quantity.period.label}: {r.fmt(f)} ({f.status})" for f in others) + "."
            )
        return ans
    if len(q.periods) >= 2:
        return answer_change(r, question, q)
    f = r.find(subject, q.metric, q.periods[0], now=q.now)
    if f is None:
        return not_found(r, question, q, _what(r, q))
    return _value_answer(r, question, f)


def _answer_without_subject(r: Responder, question: str, q: Query) -> Answer:
    if q.unknown:
        return not_found(r, question, q, f"anything about {', '.join(q.unknown)}")
    if not q.metric:
        if q.concepts or q.predicates:  # "investor KPIs": a kind of thing, or a relation, to list
            return answer_list(r, question, q)
        return _answer(
            question,
            "not_understood",
            "I could not tell which company, group or market and which figure you mean.",
            suggestions=_examples(r),
        )
    period = q.periods[0] if q.periods else None
    facts = _facts_in(r, q, None, q.metric, period)
    if not facts:
        return not_found(r, question, q, _what(r, q))
    if len(facts) == 1:
        return _value_answer(r, question, facts[0])
    heading = f"{len(facts)} figures for {r.label(q.metric)}"
    return _facts_answer(r, question, facts, heading, period, by="subject", metric=r.label(q.metric))


def _answer_without_metric(r: Responder, question: str, q: Query, subject: str) -> Answer:
    period = q.periods[0] if q.periods else None
    facts = _facts_in(r, q, subject, None, period)
    if _AMOUNT.search(question) and "share" not in q.scores:
        facts = [f for f in facts if f.value.unit != "ratio"]  # an amount is never answered with a share
    if not facts:
        if q.predicates:
            return answer_list(r, question, q)
        attributed = r.attributed_to(subject)
        if attributed and not q.periods:  # "what does Bloomberg Intelligence forecast?"
            heading = f"Figures attributed to {r.label(subject)}"
            return _facts_answer(r, question, attributed, heading, None, by="subject", subject=r.label(subject))
        if q.periods or q.scores.get("value", 0) > q.scores.get("define", 0):
            return not_found(r, question, q, _what(r, q, subject))  # a figure was asked for, not a definition
        return answer_define(r, question, q)
    if len(facts) == 1:
        return _value_answer(r, question, facts[0])
    heading = f"What I know about {r.label(subject)}"
    return _facts_answer(r, question, facts, heading, period, by="metric", subject=r.label(subject))


def _facts_in(r: Responder, q: Query, subject: str | None, metric: str | None, period: Period | None) -> list[Fact]:
    """Figures for a partly given quantity; a period with none falls back to vague ones meaning it."""
    facts = r.available(subject, metric, period)
    if period is not None and not facts:
        facts = [f for p in r.periods_matching(period, q.now) for f in r.available(subject, metric, p)]
    return facts


def _facts_answer(
    r: Responder, question: str, facts: list[Fact], heading: str, period: Period | None, by: str, **fields: Any
) -> Answer:
    """A list answer naming each figure by its subject or its metric, and its period."""

    def name(f: Fact) -> str:
        return r.label(f.quantity.subject if by == "subject" else f.quantity.metric)

    text = (
        heading
        + (f" {r.period_phrase(period)}" if period else "")
        + ": "
        + "; ".join(f"{name(f)} {f.quantity.period.label}: {r.fmt(f)} ({f.status})" for f in facts)
        + "."
    )
    return _answer(
        question,
        "list",
        text,
        period=period.label if period else None,
        items=[r.fact_item(f) for f in facts],
        sources=r.sources_of(facts),
        **fields,
    )


# ---------------------------------------------------------------- two values


def _pair(r: Responder, q: Query) -> tuple[Fact, Fact] | str:
    subject = q.subjects[0]
    assert q.metric is not None
    first, last = sorted(q.periods[:2], key=lambda p: (p.start or Period.year(1).start, p.label))
    a = r.find(subject, q.metric, first)
    b = r.find(subject, q.metric, last)
    if a is None or b is None:
        missing = first if a is None else last
        return _what(r, q, subject, missing)
    return a, b


def _result_answer(
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
    return _answer(
        question,
        kind,
        text,
        value=res.value.value,
        unit=unit or res.value.unit,
        qualifier=res.value.qualifier,
        status="derived",
        subject=", ".join(r.label(s) for s in dict.fromkeys(f.quantity.subject for f in facts)),
        metric=r.label(q.metric) if q.metric else r.label(facts[0].quantity.metric),
        period=" to ".join(dict.fromkeys(f.quantity.period.label for f in facts)),
        items=[r.fact_item(f) for f in facts],
        sources=r.sources_of(facts),
        derivation={"formula": res.formula, "value": res.value.value, "inputs": inputs},
    )


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
        return _incomplete(r, question, q)
    if len(q.subjects) > 1:
        return answer_compare(r, question, q)
    if len(q.periods) < 2:
        rel = _stated_change(r, q)
        base = _base_period(r, q) if rel is None else None
        if rel is not None:
            a_q, b_q = rel.refs["from"], rel.refs["to"]  # type: ignore[attr-defined]
            q = Query(**{**q.__dict__, "periods": [a_q.period, b_q.period], "metric": b_q.metric})
        elif base is not None:  # "how fast will it grow through 2032": from the latest figure before
            q = Query(**{**q.__dict__, "periods": [base, q.periods[0]]})
        else:
            return not_found(r, question, q, f"how {_what(r, q)} changed")
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
        return _result_answer(r, question, q, res, [a, b], text)
    if intent == "multiple":
        res = analytics.growth_multiple(a.value, b.value)
        text = (
            f"{r.possessive(a.quantity.subject)} {r.label(a.quantity.metric)} in {b.quantity.period.label} is "
            f"{format_value(res.value, qualified=True)} its {a.quantity.period.label} level ({r.fmt(b)} vs {r.fmt(a)})."
        )
        return _result_answer(r, question, q, res, [a, b], text)
    if is_ratio:
        res = analytics.pp_change(a.value, b.value)
        word = "rises" if res.value.value > 0 else "falls"
        text = (
            f"{r.possessive(a.quantity.subject)} {r.label(a.quantity.metric)} {word} by "
            f"{format_value(res.value, qualified=True, difference=True).replace('-', '')} from {r.fmt(a)} "
            f"({a.quantity.period.label}) to {r.fmt(b)} ({b.quantity.period.label})."
        )
        return _result_answer(r, question, q, res, [a, b], text, unit="pp")
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
        return _result_answer(r, question, q, abs_res, [a, b], text)
    notes = " ".join(dict.fromkeys(f.note for f in (a, b) if f.note))
    ans = _result_answer(r, question, q, rel_res, [a, b], text + (f" {notes}" if notes else ""))
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


# ---------------------------------------------------------------- several subjects


def _facts_for_subjects(r: Responder, q: Query) -> tuple[list[Fact], list[str]]:
    found, missing = [], []
    shared = q.metric or _shared_metric(r, q)
    period = q.periods[0] if q.periods else None
    for s in q.subjects:
        f = None
        for metric in dict.fromkeys(m for m in (q.subject_metrics.get(s), shared) if m):
            if period is not None:
                f = r.find(s, metric, period, now=q.now)
            else:
                facts = _default_period_facts(r, s, metric)
                f = facts[-1] if facts else None
            if f is not None:
                break
        if f is None and not shared and not q.subject_metrics:
            # no metric named and none shared: a subject's only figure in the period
            only = [x for x in r.available(s, None, period) if not x.is_change]
            f = only[0] if len(only) == 1 else None
        if f is None:
            missing.append(s)
        else:
            found.append(f)
    return found, missing


def _shared_metric(r: Responder, q: Query) -> str | None:
    """The metric all named subjects have figures for (in the period asked), if only one."""
    sets = []
    for s in q.subjects:
        facts = r.available(s, None, q.periods[0] if q.periods else None)
        sets.append({f.quantity.metric for f in facts})
    common = set.intersection(*sets) if sets else set()
    return next(iter(common)) if len(common) == 1 else None


def answer_sum_over_range(r: Responder, question: str, q: Query) -> Answer:
    """'How much between 2025 and 2032 in total': every year of the range, or a plain refusal."""
    first, last = sorted(q.periods[:2], key=lambda p: p.start or date.min)
    if first.start is None or last.start is None or first.kind != "year" or last.kind != "year":
        return not_found(r, question, q, f"the total of {_what(r, q)} over that span")
    if not q.subjects or not q.metric:
        # "how much capex in total between 2025 and 2032?": whose, or which figure, is not said
        what = r.label(q.metric) if q.metric else "figure"
        return not_found(r, question, q, f"whose {what} you mean to total over {first.label}-{last.label}")
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
    return _result_answer(r, question, q, res, facts, text)


def answer_compare(r: Responder, question: str, q: Query) -> Answer:
    if len(q.subjects) < 2:
        if q.intent == "sum" and len(q.periods) >= 2 and q.metric:
            return answer_sum_over_range(r, question, q)
        if len(q.periods) >= 2:
            return answer_change(r, question, q)
        return answer_value(r, question, Query(**{**q.__dict__, "intent": "value"}))
    found, missing = _facts_for_subjects(r, q)
    if len(found) < 2:
        names = ", ".join(r.label(s) for s in missing)
        return not_found(r, question, q, f"{_what(r, q, missing[0] if missing else None)} (no figure for {names})")
    ranked = sorted(found, key=lambda f: f.value.value, reverse=not q.ascending)
    if q.intent == "sum":
        res = analytics.total([f.value for f in found])
        text = (
            f"Combined: {format_value(res.value, qualified=True)} — "
            + " + ".join(f"{r.label(f.quantity.subject)} {r.fmt(f)}" for f in found)
            + "."
        )
        ans = _result_answer(r, question, q, res, found, text)
    elif q.intent in ("ratio", "multiple"):
        res = analytics.ratio(ranked[0].value, ranked[1].value)
        text = (
            f"{r.label(ranked[0].quantity.subject)} ({r.fmt(ranked[0])}) is {format_value(res.value, qualified=True)} "
            f"{r.label(ranked[1].quantity.subject)} ({r.fmt(ranked[1])})."
        )
        ans = _result_answer(r, question, q, res, ranked[:2], text, kind="comparison")
    else:
        top, second = ranked[0], ranked[1]
        diff = analytics.difference(top.value, second.value)
        bigger = "smaller" if q.ascending else "larger"
        period_text = top.quantity.period.label if top.quantity.period == second.quantity.period else None
        text = (
            f"{r.label(top.quantity.subject)} ({r.label(top.quantity.metric)}, {r.fmt(top)}) is {bigger} than "
            f"{r.label(second.quantity.subject)} ({r.label(second.quantity.metric)}, {r.fmt(second)})"
            + (f" in {period_text}" if period_text and not top.quantity.period.is_vague else "")
            + f", by {format_value(diff.value, qualified=True, difference=True).lstrip('-')}."
        )
        if len(ranked) > 2:
            text += " Ranking: " + ", ".join(f"{r.label(f.quantity.subject)} {r.fmt(f)}" for f in ranked) + "."
        metrics = {f.quantity.metric for f in found}
        if len(metrics) > 1:
            text += (
                " Note: the sources measure different things ("
                + "; ".join(f"{r.label(f.quantity.subject)}: {r.label(f.quantity.metric)}" for f in found)
                + ")."
            )
        ans = _result_answer(r, question, q, diff, ranked, text, kind="comparison")
        if q.intent != "difference":  # a difference is a figure; a comparison is its items
            ans.value, ans.unit, ans.qualifier, ans.status = None, None, None, None
    if missing:
        ans.text += " No figure for " + ", ".join(r.label(s) for s in missing) + "."
        ans.suggestions = r.suggestions(Query(intent="value", subjects=missing, metric=q.metric, periods=q.periods))
    return ans


def answer_rank(r: Responder, question: str, q: Query) -> Answer:
    if len(q.subjects) >= 2:
        return answer_compare(r, question, q)
    if not q.metric:
        if q.predicates:  # "what do investors care about the most?"
            return answer_list(r, question, q)
        return _incomplete(r, question, q)
    period = q.periods[0] if q.periods else None
    facts = r.available(None, q.metric, period)
    if q.subjects:  # rank a group's members or a concept's parts
        e = r.k.entities.get(q.subjects[0])
        if e and e.members:
            facts = [f for f in facts if f.quantity.subject in e.members]
    if not facts:
        return not_found(
            r, question, q, f"a ranking of {r.label(q.metric)}" + (f" {r.period_phrase(period)}" if period else "")
        )
    if period is None:  # one figure per subject: the latest
        latest: dict[str, Fact] = {}
        for f in facts:
            latest[f.quantity.subject] = f
        facts = list(latest.values())
    ranked = sorted(facts, key=lambda f: f.value.value, reverse=not q.ascending)
    if q.top:
        ranked = ranked[: q.top]
    text = (
        "Ranked "
        + ("smallest" if q.ascending else "largest")
        + " first: "
        + "; ".join(
            f"{i + 1}. {r.label(f.quantity.subject)} "
            f"({r.label(f.quantity.metric)}, {f.quantity.period.label}) {r.fmt(f)}"
            for i, f in enumerate(ranked)
        )
        + "."
    )
    if len({f.quantity.metric for f in ranked}) > 1 or len({f.quantity.period for f in ranked}) > 1:
        text += " Note: these figures differ in metric or period; compare with care."
    return _answer(
        question,
        "comparison",
        text,
        metric=r.label(q.metric),
        period=period.label if period else None,
        items=[r.fact_item(f, r.label(f.quantity.subject)) for f in ranked],
        sources=r.sources_of(ranked),
    )


# ---------------------------------------------------------------- single-value analytics


def answer_average(r: Responder, question: str, q: Query, annualise: bool = False) -> Answer:
    if not (q.subjects and q.metric and q.periods):
        return _incomplete(r, question, q)
    f = r.find(q.subjects[0], q.metric, q.periods[0])
    if f is None:
        return not_found(r, question, q, _what(r, q))
    months = f.quantity.period.months
    if not months:
        return not_found(r, question, q, f"how to split {f.quantity.period.label} into quarters")
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
    return _result_answer(r, question, q, res, [f], text)


def answer_share(r: Responder, question: str, q: Query) -> Answer:
    """'What share of X is Y?': a stated share metric, or part / whole."""
    if q.metric and r.k.entities.get(q.metric) and r.k.entities[q.metric].unit == "ratio":
        return answer_value(r, question, q)
    if len(q.subjects) >= 2 and q.metric and q.periods:
        found, missing = _facts_for_subjects(r, q)
        if len(found) == 2 and not missing:
            part, whole = sorted(found, key=lambda f: f.value.value)
            res = analytics.share(part.value, whole.value)
            text = (
                f"{r.label(part.quantity.subject)} is {format_value(res.value, qualified=True)} of "
                f"{r.label(whole.quantity.subject)} ({r.fmt(part)} of {r.fmt(whole)})."
            )
            return _result_answer(r, question, q, res, [part, whole], text)
    # a share metric of the subject
    if q.subjects:
        shares = [
            f
            for f in r.available(q.subjects[0])
            if f.value.unit == "ratio" and (not q.periods or f.quantity.period in q.periods)
        ]
        if shares:
            if len(shares) == 1:
                return _value_answer(r, question, shares[0])
            return _answer(
                question,
                "list",
                "; ".join(r.sentence(f) for f in shares),
                items=[r.fact_item(f) for f in shares],
                sources=r.sources_of(shares),
            )
    return answer_value(r, question, q)


def answer_series(r: Responder, question: str, q: Query) -> Answer:
    if not q.metric and q.subjects:
        q = Query(**{**q.__dict__, "metric": _shared_metric(r, Query(intent="series", subjects=q.subjects))})
    if not q.metric:
        return _incomplete(r, question, q)
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
    # one granularity: the kind of period asked for, else the one with most stated figures
    kinds = [f.quantity.period.kind for f in facts if f.status != "derived"] or [f.quantity.period.kind for f in facts]
    kind = lo.kind if lo is not None else max(set(kinds), key=kinds.count)
    facts = [f for f in facts if f.quantity.period.kind == kind] or facts
    text = (
        f"{r.label(q.metric)[0].upper()}{r.label(q.metric)[1:]} over time: "
        + "; ".join(f"{r.label(f.quantity.subject)} {f.quantity.period.label}: {r.fmt(f)} ({f.status})" for f in facts)
        + "."
    )
    return _answer(
        question,
        "list",
        text,
        metric=r.label(q.metric),
        period=" to ".join(dict.fromkeys([facts[0].quantity.period.label, facts[-1].quantity.period.label])),
        items=[r.fact_item(f) for f in facts],
        sources=r.sources_of(facts),
    )


# ---------------------------------------------------------------- lists, claims, definitions


def _claims_about(r: Responder, iris: list[str], predicates: list[str] | None = None) -> list[Claim]:
    wanted = set(iris)
    out = []
    for c in r.k.claims:
        if predicates and c.predicate not in predicates:
            continue
        involved = set(c.subjects) | set(c.objects) | set(c.about)
        if wanted & involved or (predicates and not wanted):
            out.append(c)
    return out


def _claims_answer(r: Responder, question: str, claims: list[Claim], focus: list[str] | None = None) -> Answer:
    items: list[dict[str, Any]] = []
    focus_set = set(focus or [])
    for c in claims:
        if focus_set & set(c.objects) and not focus_set & set(c.subjects):
            names = [r.label(s) for s in c.subjects]
        elif focus_set & set(c.subjects) or not focus_set:
            names = [r.label(o) for o in c.objects]
        else:
            names = [r.label(o) for o in c.objects]
        for n in names:
            if not any(i["label"] == n for i in items):
                items.append({"label": n, "value": None, "unit": None, "claim": c.statement})
    statements = list(dict.fromkeys(c.statement for c in claims if c.statement))
    text = " ".join(statements[:3]) if statements else ", ".join(i["label"] for i in items)
    forecast = any(c.status == "forecast" for c in claims)
    return _answer(
        question,
        "list",
        text,
        items=items,
        status="forecast" if forecast else "reported",
        sources=r.claim_sources(claims),
    )


def answer_list(r: Responder, question: str, q: Query) -> Answer:
    k = r.k
    classes = [c for c in q.concepts if c in k.class_names]
    things = [c for c in q.concepts if c not in k.class_names]
    if q.predicates:
        claims = _claims_about(r, things, q.predicates)
        if claims:
            return _claims_answer(r, question, claims, things)
        if things and not classes:  # "who is the CEO of Alphabet?": never another claim instead
            relation = " / ".join(k.predicate_labels.get(p) or p.rsplit("#", 1)[-1] for p in q.predicates)
            ans = not_found(
                r, question, q, f"that: the sources state no “{relation}” for {', '.join(r.label(t) for t in things)}"
            )
            nearby = [c.statement for c in _claims_about(r, things) if c.statement]
            ans.suggestions = list(dict.fromkeys(nearby))[:5] or ans.suggestions
            return ans
    # members of a group
    for s in things:
        e = k.entities.get(s)
        if e is not None and e.kind == "group" and e.members:
            names = [k.label(m) for m in e.members]
            note = "" if e.membership_complete else " (named as examples; the list is not complete)"
            return _answer(
                question,
                "list",
                f"{e.label.capitalize()}: {', '.join(names)}{note}.",
                subject=e.label,
                items=[{"label": n, "value": None, "unit": None} for n in names],
                sources=r.claim_sources(_claims_about(r, [s])),
            )
    if things and not q.predicates:
        claims = _claims_about(r, things)
        if claims:
            return _claims_answer(r, question, claims, things)
    kinds = _kinds_of_classes(r, classes)
    if kinds:
        ents = sorted((e for e in k.entities.values() if e.kind in kinds), key=lambda e: e.label.lower())
        if ents:
            return _answer(
                question,
                "list",
                f"{len(ents)}: " + ", ".join(e.label for e in ents) + ".",
                items=[{"label": e.label, "value": None, "unit": None, "definition": e.definition} for e in ents],
            )
    if q.metric or q.subjects:
        return answer_value(r, question, Query(**{**q.__dict__, "intent": "value"}))
    return _answer(question, "not_understood", "I could not tell what you want listed.", suggestions=_examples(r))


def _kinds_of_classes(r: Responder, classes: list[str]) -> set[str]:
    from kg.knowledge import _KINDS

    table = {str(cls): kind for cls, kind in _KINDS}
    return {table[c] for c in classes if c in table}


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


def answer_define(r: Responder, question: str, q: Query) -> Answer:
    target = next((c for c in q.concepts if c in r.k.entities), None) or q.metric
    if target is None:
        if q.concepts:
            return answer_list(r, question, q)
        return _answer(
            question, "not_understood", "I could not tell which term you want defined.", suggestions=_examples(r)
        )
    e = r.k.entities[target]
    parts = [
        f"{e.label}"
        + (f" ({', '.join(e.alt_labels[:3])})" if e.alt_labels else "")
        + ": "
        + (e.definition or f"{_a(e.kind.replace('_', ' '))} in the graph")
        + ("" if (e.definition or "").endswith(".") else ".")
    ]
    if e.tickers:
        parts.append("Ticker " + ", ".join(e.tickers) + ".")
    if e.kind == "company" and e.fiscal_end_month != 12:
        parts.append(f"Its fiscal year ends in {_MONTH_NAMES[e.fiscal_end_month - 1]}.")
    groups = [g for g in e.member_of if g in r.k.entities] or [
        g.iri for g in r.k.entities.values() if e.iri in g.members
    ]
    if groups:
        parts.append("Member of " + ", ".join(r.label(g) for g in groups) + ".")
    if e.broader:
        parts.append("A kind of " + ", ".join(r.label(b) for b in e.broader) + ".")
    narrower = r.k.narrower(target)
    if narrower:
        parts.append("Includes " + ", ".join(n.label for n in narrower) + ".")
    if e.members:
        parts.append("Members named: " + ", ".join(r.label(m) for m in e.members) + ".")
    claims = _claims_about(r, [target])
    own = [f for f in r.available(target) if not f.is_change]
    if own:
        parts.append(
            "Figures: "
            + "; ".join(
                f"{r.label(f.quantity.metric)} {f.quantity.period.label}: {r.fmt(f)} ({f.status})" for f in own[:6]
            )
            + "."
        )
    attributed = r.attributed_to(target)
    if attributed:  # what a forecaster or filer is the source of
        parts.append(
            f"Figures attributed to {e.label}: "
            + "; ".join(f"{r.describe(f)}: {r.fmt(f)} ({f.status})" for f in attributed[:6])
            + "."
        )
    return _answer(
        question,
        "explanation",
        " ".join(parts),
        subject=e.label,
        items=[{"label": c.statement, "value": None, "unit": None} for c in claims[:5] if c.statement]
        + [r.fact_item(f) for f in own + attributed],
        sources=r.claim_sources(claims[:3]) + r.sources_of((own + attributed)[:3]),
    )


def answer_explain(r: Responder, question: str, q: Query, last: list[Fact], formula: str | None = None) -> Answer:
    facts = last or _facts_with_amounts(r, q)
    if not facts and q.subjects and q.metric:
        f = r.find(q.subjects[0], q.metric, q.periods[0]) if q.periods else None
        facts = [f] if f else []
    if not facts:
        return _answer(
            question,
            "not_found",
            "There is nothing to explain yet: ask for a figure first, then “how did you get that?”.",
            suggestions=_examples(r),
        )
    lines: list[str] = []
    for f in facts:
        tree = explain(r.k, r.d, f.quantity)
        lines.extend(render_tree(r.k, tree))
    first = facts[0]
    if formula and len(facts) > 1:
        head = f"Computed as {formula}, from:"  # an analytic over the figures below
    elif first.derivation is None and len(facts) == 1:
        head = f"{r.sentence(first)} It is stated by the source, not computed."
    else:
        head = "How it was computed:"
    return _answer(
        question,
        "explanation",
        head + "\n" + "\n".join(lines),
        value=first.value.value,
        unit=first.value.unit,
        qualifier=first.value.qualifier,
        status=first.status,
        subject=r.label(first.quantity.subject),
        metric=r.label(first.quantity.metric),
        period=first.quantity.period.label,
        sources=r.sources_of(facts),
        derivation=r.derivation_of(first),
    )


def _facts_with_amounts(r: Responder, q: Query) -> list[Fact]:
    """Figures whose value is an amount the question writes ('the $371B figure')."""
    out = []
    for amount in q.amounts:
        for f in r.available():
            if f.value.value and abs(f.value.value - amount) <= abs(amount) * 0.005:
                out.append(f)
    return out


def _relation_sources_with_amounts(r: Responder, q: Query) -> list[SourceRef]:
    """Quotes of stated relations whose rate or multiple the question writes ('44%', '2x')."""
    out: list[SourceRef] = []
    for rel in r.k.relations:
        consts = [c.value for c in (rel.rate, rel.multiple, rel.difference) if c is not None]
        if any(abs(c - a) <= abs(a) * 0.005 for c in consts for a in q.amounts):
            out.extend(r.source_ref(s, rel.quotes[0]) for s in rel.sources[:1] if rel.quotes)
    return out


def answer_source(r: Responder, question: str, q: Query, last: list[Fact], last_claims: list[Claim]) -> Answer:
    extra: list[SourceRef] = []
    if not last and not last_claims and q.amounts:
        last = _facts_with_amounts(r, q)
        extra = _relation_sources_with_amounts(r, q)
    if not last and not last_claims and extra:
        text = " ".join(f"“{s.quote}” — {s.title}" for s in extra[:3])
        return _answer(question, "explanation", text, sources=extra)
    if not last and not last_claims:
        if q.subjects or q.metric:
            return answer_value(r, question, Query(**{**q.__dict__, "intent": "value"}))
        return _answer(
            question, "not_found", "Ask for a figure first; then I can give its source.", suggestions=_examples(r)
        )
    sources = r.sources_of(last) + r.claim_sources(last_claims)
    text = " ".join(f"“{s.quote}” — {s.title}" for s in sources[:3])
    return _answer(
        question, "explanation", text, sources=sources, subject=r.label(last[0].quantity.subject) if last else None
    )


def _examples(r: Responder) -> list[str]:
    ex = []
    for f in r.available()[:40]:
        m, p = r.label(f.quantity.metric), f.quantity.period
        if not p.is_vague:
            ex.append(f"What is {r.possessive(f.quantity.subject)} {m} in {p.label}?")
    out = list(dict.fromkeys(ex))[:3]
    out += ["How did you get that?", "What do investors monitor?"]
    return out


def answer_help(r: Responder, question: str, q: Query) -> Answer:
    k = r.k
    subjects = ", ".join(sorted({r.label(s) for s in r.subjects()})[:8])
    text = (
        f"I answer questions about AI-infrastructure spending from a knowledge graph of {len(k.observations)} "
        f"sourced figures — {subjects} and more — with values, periods, qualifiers and quotes. "
        "Ask for a figure, a change, a comparison or a list; ask “how did you get that?” for the steps."
    )
    return _answer(question, "help", text, suggestions=_examples(r))


def _incomplete(r: Responder, question: str, q: Query) -> Answer:
    if q.unknown:
        return not_found(r, question, q, f"anything about {', '.join(q.unknown)}")
    missing = [w for w, v in (("which company or group", q.subjects), ("which figure", q.metric)) if not v]
    return _answer(
        question,
        "not_understood",
        f"I need to know {' and '.join(missing) or 'more'} to answer that.",
        suggestions=r.suggestions(q) or _examples(r),
    )


# ---------------------------------------------------------------- dispatch

Handler = Callable[[Responder, str, Query], Answer]
_HANDLERS: dict[str, Handler] = {
    "value": answer_value,
    "change": answer_change,
    "pp_change": answer_change,
    "multiple": answer_change,
    "cagr": answer_change,
    "difference": answer_change,
    "compare": answer_compare,
    "rank": answer_rank,
    "sum": answer_compare,
    "ratio": answer_compare,
    "share": answer_share,
    "series": answer_series,
    "list": answer_list,
    "define": answer_define,
    "help": answer_help,
    "average": answer_average,
    "annualise": lambda r, qs, q: answer_average(r, qs, q, annualise=True),
}


def respond(
    r: Responder,
    question: str,
    q: Query,
    last_facts: list[Fact],
    last_claims: list[Claim],
    last_formula: str | None = None,
) -> Answer:
    if q.intent == "explain":
        own_question = q.subjects and q.metric and q.periods and not q.inherited
        if own_question:
            return answer_explain(r, question, q, [])
        return answer_explain(r, question, q, last_facts, last_formula)
    if q.intent == "source":
        return answer_source(r, question, q, last_facts, last_claims)
    if q.unknown and not q.subjects and q.intent not in ("help", "define", "list"):
        return not_found(r, question, q, f"anything about {', '.join(q.unknown)}")
    if q.unknown and q.intent in ("compare", "sum", "rank") and q.subjects:
        return not_found(r, question, q, f"anything about {', '.join(q.unknown)}")
    if q.intent == "difference" and len(q.subjects) >= 2:
        return answer_compare(r, question, q)
    handler = _HANDLERS.get(q.intent, answer_value)
    return handler(r, question, q)


def facts_of(r: Responder, answer: Answer, q: Query) -> list[Fact]:
    """The facts an answer rests on, for follow-ups such as 'how did you get that?'."""
    if answer.subject and answer.metric and answer.period:
        own = r.fact_labelled(f"{answer.subject} · {answer.metric} · {answer.period}")
        if own is not None:
            return [own]
    inputs = [r.fact_labelled(str(i.get("label", ""))) for i in (answer.derivation or {}).get("inputs", [])]
    if inputs and all(f is not None for f in inputs):
        return [f for f in inputs if f is not None]  # a comparison or a change: the figures it used
    out = []
    if q.subjects and q.metric:
        for s in q.subjects:
            if q.periods:
                for p in q.periods:
                    f = r.find(s, q.metric, p, now=q.now)
                    if f:
                        out.append(f)
            else:
                fs = _default_period_facts(r, s, q.metric)
                if fs:
                    out.append(fs[-1])
    if not out and answer.subject and answer.metric and answer.period:
        for s in r.subjects_labelled(answer.subject):
            for f in r.available(s, include_changes=True):
                if (r.label(f.quantity.metric), f.quantity.period.label) == (answer.metric, answer.period):
                    out.append(f)
    return out
