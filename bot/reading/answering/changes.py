"""Changes of one series between two periods: absolute, relative, pp, multiples, CAGR, sums over years."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from kg import analytics
from kg.analytics import Result
from kg.format import format_value
from kg.knowledge import Relation
from kg.periods import Period

from ...answer import Answer
from ..cues import SEQUENTIAL, YEAR_ON_YEAR
from ..facts import Fact, Responder
from ..understand import Query
from . import comparisons
from .combined_changes import answer_combined_change, asks_combined_change
from .common import grain_of, incomplete, not_found, result_answer, value_answer, what


def change_pair(r: Responder, q: Query) -> tuple[Fact, Fact] | None:
    """The two figures a change of one subject is over: two periods named, a stated change, or the
    latest figure before the one period named."""
    if len(q.periods) < 2:
        rel = stated_change(r, q)
        if rel is not None:
            q = replace(q, periods=[rel.refs["from"].period, rel.refs["to"].period], metric=rel.refs["to"].metric)
        else:
            base = _base_period(r, q)
            if base is None:
                return None
            q = replace(q, periods=[base, q.periods[0]])
    pair = _pair(r, q)
    return None if isinstance(pair, str) else pair


def pair_in_text_order(r: Responder, q: Query) -> tuple[Fact, Fact] | str:
    """The figures of the first two periods, in the order the question names them."""
    pair = _pair(r, q)
    if isinstance(pair, str) or len(q.periods) < 2:
        return pair
    a, b = pair
    return (a, b) if a.quantity.period == q.periods[0] or b.quantity.period == q.periods[1] else (b, a)


_AS_MULTIPLE_OF = re.compile(
    r"\bas an? (?:multiple|%|percent(?:age)?|fraction|share|ratio) of\b"
    # "today's share is how many times its projected 2032 share?": the first named over the second
    r"|\bis\s+how\s+many\s+times\b|\bhow\s+many\s+times\s+(?:larger|bigger|higher|greater|more)?\s*(?:than|of)\b",
    re.IGNORECASE,
)
_NOW_WORDS = re.compile(r"\b(?:now|today|current(?:ly)?|present|starting|initial|original)\b", re.IGNORECASE)


def _earlier_named_first(question: str, r: Responder, a: Fact, b: Fact) -> bool:
    """'A as a multiple of B', ``a`` the earlier figure: is the earlier one named first (so A / B is
    earlier over later, not the growth multiple)?"""
    m = _AS_MULTIPLE_OF.search(question)
    if m is None:
        return False
    head, tail = question[: m.start()], question[m.end() :]

    def named_in(text: str, f: Fact) -> bool:
        p = f.quantity.period
        year = str(p.end.year) if p.end is not None else None
        later = (
            p.is_vague and not r.is_present(p) and re.search(r"\bfew years\b|\bcould reach\b|\bfuture\b", text, re.I)
        )
        return bool((year and year in text) or (r.is_present(p) and _NOW_WORDS.search(text)) or later)

    return named_in(head, a) and named_in(tail, b) and not named_in(head, b)


def _pair(r: Responder, q: Query) -> tuple[Fact, Fact] | str:
    subject = q.subjects[0]
    assert q.metric is not None
    first, last = sorted(q.periods[:2], key=lambda p: (p.start or Period.year(1).start, p.label))
    if q.now and first.is_vague and not last.is_vague and not r.is_present(first):
        first, last = last, first  # "now vs in a few years": an undated future comes after the present
    # "now vs in a few years": the present is the earlier end, and may be the source's undated present
    a = r.find(subject, q.metric, first, now=q.now and not first.is_vague)
    b = r.find(subject, q.metric, last)
    if a is None or b is None:
        missing = first if a is None else last
        return what(r, q, subject, missing)
    return a, b


def stated_change(r: Responder, q: Query) -> Relation | None:
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
        return rel
    return None


#: The measure a change question asks for when its words do not say.
_INTENT_MEASURE = {"cagr": "cagr", "multiple": "multiple", "difference": "difference", "pp_change": "pp_change"}


def change_measure(q: Query, is_ratio: bool) -> str:
    """What a change question asks for: its words first, else points for a share, percent for an amount."""
    m = q.measure if q.measure in CHANGE_MEASURES else None
    m = m or _INTENT_MEASURE.get(q.intent) or ("pp_change" if is_ratio else "percent_change")
    if m == "pp_change" and not is_ratio:
        return "percent_change"  # points of an amount mean nothing; its relative change is meant
    return m


CHANGE_MEASURES = ("difference", "percent_change", "pp_change", "multiple", "cagr", "per_year_step", "ratio")


def answer_change(r: Responder, question: str, q: Query) -> Answer:
    if not q.subjects and q.metric and len(q.periods) >= 2:
        # "the total % uplift from the 2025 capex number to the 2032 projection": the one series with both
        holders = [
            s
            for s in dict.fromkeys(f.quantity.subject for f in r.available(None, q.metric))
            if all(r.find(s, q.metric, p) is not None for p in q.periods)
        ]
        q = replace(q, subjects=holders) if len(holders) == 1 else q
    if not q.subjects or not q.metric:
        return incomplete(r, question, q)
    since = _since_to_latest(r, q)
    if since is not None:
        q = since  # "how much has Amazon's capex grown since 2020?": from that year to the latest of its kind
    if len(q.subjects) > 1:
        measure = change_measure(q, False)
        if asks_combined_change(question, q, measure):
            measure = measure or "percent_change"
            return answer_combined_change(r, question, q, measure)
        compared = comparisons.answer_compare_changes(r, question, q)
        # ("capex intensity MSFT FY26 vs AMZN FY25 — spread in percentage points?": each one's own period)
        own_periods = len(q.operands) == len(set(q.subjects)) and all(o.period for o in q.operands)
        shares = [m for m in {q.metric, *q.subject_metrics.values()} if m]
        of_shares = bool(shares) and all(r.k.entities[m].unit == "ratio" for m in shares if m in r.k.entities)
        if compared.answered or not (len(q.periods) == 1 or own_periods) or q.measure != "pp_change":
            return compared
        if not of_shares:
            return compared  # ("Meta's AI capex growth vs hyperscaler growth, gap in points": rates, never amounts)
        # ("the expected 2032 inference share vs training's 2032 share, in percentage points": the gap
        # between the two shares, when neither has a change of its own)
        return comparisons.answer_compare(r, question, replace(q, intent="compare", measure="difference"))
    if len(q.periods) < 2:
        rel = stated_change(r, q)
        base = _base_period(r, q)
        if (rel is None or rel.refs["to"].metric != q.metric) and base is None and not q.periods:
            # "meta capex growth?", "nvda revenue growth?": the metric's own latest full year against the
            # year before, never the narrower AI-capex "doubling" in its place
            latest = _latest_full_year(r, q)
            if latest is not None:
                q = replace(q, periods=[latest])
                base = _base_period(r, q)
        if rel is not None and rel.refs["to"].metric != q.metric and base is not None:
            rel = None  # "Meta cash capex y/y": its own figures, not the article's AI-capex "doubling"
        if rel is not None:
            q = replace(q, periods=[rel.refs["from"].period, rel.refs["to"].period], metric=rel.refs["to"].metric)
        elif base is not None:  # "how fast will it grow through 2032": from the latest figure before
            q = replace(q, periods=[base, q.periods[0]])
        else:
            return not_found(r, question, q, f"how {what(r, q)} changed")
    pair = _pair(r, q)
    if isinstance(pair, str):
        return not_found(r, question, q, pair)
    a, b = pair
    if a.quantity == b.quantity:
        # two ways of writing one period ("fiscal '25" and the 10-K of that year): its figure, never a change
        # of a figure against itself
        return value_answer(r, question, a)
    measure = change_measure(q, a.value.unit == "ratio")
    if measure == "ratio":
        return _period_ratio(r, question, q, a, b)
    if q.intent == "compare" and q.measure is None:  # "compare X 2025 and 2032"; "by how much" is a difference
        return _period_comparison(r, question, q, a, b)
    who = f"{r.possessive(a.quantity.subject)} {r.label(a.quantity.metric)}"
    span = f"from {r.fmt(a)} {r.in_period(a.quantity)} to {r.fmt(b)} {r.in_period(b.quantity)}"
    years = years_between(a.quantity.period, b.quantity.period)
    notes = " ".join(dict.fromkeys(f.note for f in (a, b) if f.note))
    if measure in ("cagr", "per_year_step") and not years:
        return not_found(r, question, q, f"a yearly rate of {who} between periods less than a year apart")
    res: Result
    if measure == "cagr":
        res = analytics.cagr(a.value, b.value, years or 1)
        text = f"{who} grows at a compound annual rate of {format_value(res.value, qualified=True)} {span}."
    elif measure == "per_year_step":
        res = analytics.per_year_step(a.value, b.value, years or 1)
        text = (
            f"In equal yearly steps, {who} changes by {format_value(res.value, qualified=True, difference=True)} "
            f"a year {span} ({years:g} years)."
        )
    elif measure == "multiple" and q.comparator == ">" and b.value.value < a.value.value:
        # "how many times larger is the share now than in 2032?": the larger over the smaller
        res = analytics.growth_multiple(b.value, a.value)
        text = (
            f"{who} {r.in_period(a.quantity)} ({r.fmt(a)}) is {format_value(res.value, qualified=True)} "
            f"its level {r.in_period(b.quantity)} ({r.fmt(b)})."
        )
    elif measure == "multiple" and _earlier_named_first(question, r, a, b):
        # "the current share as a multiple of the 2032 one": the figure named first over the other
        res = analytics.growth_multiple(b.value, a.value)
        text = (
            f"{who} {r.in_period(a.quantity)} ({r.fmt(a)}) is {format_value(res.value, qualified=True)} "
            f"its level {r.in_period(b.quantity)} ({r.fmt(b)})."
        )
    elif measure == "multiple":
        res = analytics.growth_multiple(a.value, b.value)
        text = f"{who} {r.in_period(b.quantity)} is {format_value(res.value, qualified=True)} its level {span}."
    elif measure == "pp_change":
        res = analytics.pp_change(a.value, b.value)
        word = "rises" if res.value.value > 0 else "falls"
        moved = format_value(res.value, qualified=True, difference=True).replace("-", "")
        text = f"{who} {word} by {moved} {span}."
    elif measure == "difference":
        res = analytics.absolute_change(a.value, b.value)
        word = "grows" if res.value.value >= 0 else "falls"
        text = f"{who} {word} by {format_value(res.value, qualified=True, difference=True).lstrip('+-')} {span}."
    else:
        res = analytics.relative_change(a.value, b.value)
        other = (
            analytics.pp_change(a.value, b.value)
            if a.value.unit == "ratio"
            else analytics.absolute_change(a.value, b.value)
        )
        word = "grows" if res.value.value >= 0 else "falls"
        text = (
            f"{who} {word} by {format_value(res.value, qualified=True).lstrip('+-')} "
            f"({format_value(other.value, difference=True)}) {span}."
        )
    ans = result_answer(r, question, q, res, [a, b], text + (f" {notes}" if notes else ""))
    # the changes between the two figures, the asked one among them, as items (never in `value`)
    for kind in ("absolute_change", "relative_change") if a.value.unit != "ratio" else ("pp_change", "relative_change"):
        o = res if kind == res.kind else getattr(analytics, kind)(a.value, b.value)
        ans.items.append(
            {
                "label": kind.replace("_", " "),
                "value": o.value.value,
                "unit": "pp" if kind == "pp_change" else o.value.unit,
                "qualifier": o.value.qualifier,
                "text": format_value(o.value, difference=kind != "relative_change"),
            }
        )
    if measure == "pp_change":
        ans.unit = "pp"
    return ans


def _period_comparison(r: Responder, question: str, q: Query, a: Fact, b: Fact) -> Answer:
    """'Compare X in 2025 and 2032': both figures side by side, the change in the text, no single value."""
    change = analytics.absolute_change(a.value, b.value)
    bigger = b if b.value.value >= a.value.value else a
    # a share's gap is in points already; an amount's also reads as a relative change
    relative = (
        "" if a.value.unit == "ratio" else f" ({format_value(analytics.relative_change(a.value, b.value).value)})"
    )
    text = (
        f"{r.possessive(a.quantity.subject)} {r.label(a.quantity.metric)}: {r.plabel(a.quantity)} {r.fmt(a)} "
        f"({a.status}), {r.plabel(b.quantity)} {r.fmt(b)} ({b.status}); {r.plabel(bigger.quantity)} is larger "
        f"by {format_value(change.value, difference=True).lstrip('+-')}{relative}."
    )
    ans = result_answer(r, question, q, change, [a, b], text, kind="comparison")
    ans.value = ans.unit = ans.qualifier = ans.status = ans.measure = None
    return ans


#: "just the increase over 2024", "the rise from 2024": the change itself as the part
#: "just the increase over 2024", "does the y/y increase account for": a rise, as a part of the later level
THE_INCREASE = re.compile(
    r"\b(?:the|just\s+the|only\s+the|that|this)\s+(?:(?:y/?y|yoy|year-on-year|year-over-year|one-year|annual)\s+)?"
    r"(?:increase|rise|growth|jump|gain|step-?up|uplift)\s+"
    r"(?:over|from|since|vs\.?|on|account\s+for|represent|make\s+up|come\s+to)\b",
    re.I,
)


def rise_over_later(r: Responder, question: str, q: Query, a: Fact, b: Fact) -> Answer:
    """The rise from the earlier of two figures to the later, as a part of the later one."""
    early, late = sorted((a, b), key=lambda f: f.quantity.period.start or date.min)
    rise = analytics.absolute_change(early.value, late.value)
    res = analytics.share(rise.value, late.value)
    text = (
        f"The rise in {r.possessive(late.quantity.subject)} {r.label(late.quantity.metric)} from "
        f"{r.plabel(early.quantity)} ({r.fmt(early)}) to {r.plabel(late.quantity)} ({r.fmt(late)}), "
        f"{format_value(rise.value, difference=True).lstrip('+')}, is {format_value(res.value, qualified=True)} "
        f"of the {r.plabel(late.quantity)} figure."
    )
    return result_answer(r, question, q, res, [early, late], text)


def _period_ratio(r: Responder, question: str, q: Query, a: Fact, b: Fact) -> Answer:
    """'2024 as a share of 2032': one period's figure over another's, the whole as the question names it."""
    by_period = {a.quantity.period: a, b.quantity.period: b}
    whole_period = q.periods[q.whole] if q.whole is not None and q.whole < len(q.periods) else q.periods[1]
    whole = by_period.get(whole_period)
    if whole is None:
        # ("the 2032 share as a fraction of today's": today is the source's present, a period without a year)
        others = [p for p in q.periods if p != whole_period and p in by_period]
        whole = next((f for f in (a, b) if others and f.quantity.period != others[0]), b)
    part = a if whole is b else b
    if THE_INCREASE.search(question) and part.quantity.period.start and whole.quantity.period.start:
        # "what fraction of the 2025 total is just the increase over 2024?": the rise, over the later figure
        return rise_over_later(r, question, q, a, b)
    res = analytics.share(part.value, whole.value)
    text = (
        f"{r.possessive(part.quantity.subject)} {r.label(part.quantity.metric)} {r.in_period(part.quantity)} "
        f"({r.fmt(part)}) is {format_value(res.value, qualified=True)} of its {r.plabel(whole.quantity)} "
        f"figure ({r.fmt(whole)})."
    )
    return result_answer(r, question, q, res, [part, whole], text)


def _base_period(r: Responder, q: Query) -> Period | None:
    """For a change asked up to one period: the same period a year before (what 'y/y' says, and what
    an analyst means by a quarter's or a half's growth), else the period just before it."""
    if len(q.periods) != 1 or not q.subjects or not q.metric:
        return None
    end = q.periods[0]
    if end.start is None or end.end is None:
        return None
    held = [f.quantity.period for f in r.available(q.subjects[0], q.metric)]
    yoy = YEAR_ON_YEAR.search(q.text) is not None
    sequential = SEQUENTIAL.search(q.text) is not None and not yoy
    # on the subject's own days: 52/53-week fiscal periods move by a few days
    ago = end.shift_years(-1)
    for p in held if not sequential else []:
        if _near(p.start, ago.start) and _near(p.end, ago.end):
            return p
    if yoy:
        return None
    before = end.start - timedelta(days=1)
    adjacent = [
        p
        for p in held
        if p.start is not None and _near(p.end, before) and _near(p.start, before - (end.end - end.start), 10)
    ]
    if adjacent:
        return adjacent[0]
    # a forecast's horizon ("grow annually through 2032"): the latest stated figure of that kind before it
    earlier = [
        f.quantity.period
        for f in r.available(q.subjects[0], q.metric)
        if f.status != "derived"
        and f.quantity.period.end is not None
        and f.quantity.period.end < end.start
        and f.quantity.period.kind == end.kind
    ]
    return max(earlier, key=lambda p: p.end or date.min, default=None)


def _near(a: date | None, b: date | None, days: int = 7) -> bool:
    return a is not None and b is not None and abs((a - b).days) <= days


def years_between(a: Period, b: Period) -> float | None:
    if a.start is None or b.start is None:
        return None
    days = (b.start - a.start).days
    if days <= 0:
        return None
    # 52/53-week years start a few days apart: whole quarters of a year, when the days are that close
    quarters = days / 365.25 * 4
    return round(quarters) / 4 if abs(quarters - round(quarters)) <= 0.12 else round(days / 365.25, 2)


#: "the 2025 and 2032 figures", "2025 and 2032 combined": two years named, not the span between them
_TWO_LISTED = re.compile(r"\b(?:19|20)\d\d\s+and\s+(?:19|20)\d\d\s+(?!(?:inclusive|and)\b)", re.IGNORECASE)


def span_years(question: str, q: Query) -> tuple[list[Period], bool]:
    """The years a question's periods cover, and whether it listed each one: "over 2023, 2024 and 2025"
    names each year, and so does "the 2025 and 2032 figures"; "between 2025 and 2032" is a span;
    "FY24-FY26" the company's own years between."""
    named = sorted(dict.fromkeys(q.periods), key=lambda p: p.start or date.min)
    first, last = named[0], named[-1]
    listed = len(named) > 2 or (len(named) == 2 and not q.range_ and bool(_TWO_LISTED.search(question)))
    if listed:
        return named, True
    if first.kind != "year" and first.end is not None and last.end is not None:
        return [first.shift_years(n) for n in range(last.end.year - first.end.year + 1)], False
    if first.start is None or last.start is None:
        return named, False
    return [Period.year(y) for y in range(first.start.year, last.start.year + 1)], False


def answer_sum_over_range(r: Responder, question: str, q: Query, mean: bool = False) -> Answer:
    """'How much between 2025 and 2032 in total' (or on average): every year of the range, or a plain refusal."""
    named = sorted(dict.fromkeys(q.periods), key=lambda p: p.start or date.min)
    first, last = named[0], named[-1]
    yearly = all(p.start is not None and grain_of(p) == "year" for p in named)
    if first.start is None or last.start is None or not yearly:
        return not_found(r, question, q, f"the total of {what(r, q)} over that span")
    if not q.subjects or not q.metric:
        # "how much capex in total between 2025 and 2032?": whose, or which figure, is not said
        asked = r.label(q.metric) if q.metric else "figure"
        return not_found(r, question, q, f"whose {asked} you mean to total over {first.label}-{last.label}")
    years, listed = span_years(question, q)
    # (several companies: each one's figures of each year, all added up)
    whose = list(dict.fromkeys(q.subjects)) if not mean else q.subjects[:1]
    found = {(s, p): r.find(s, q.metric, p) for s in whose for p in years}
    missing = [p.label if len(whose) == 1 else f"{r.label(s)} {p.label}" for (s, p), f in found.items() if f is None]
    names = " and ".join(r.label(s) for s in whose)
    if missing:
        shown = ", ".join(missing[:6]) + (" …" if len(missing) > 6 else "")
        return not_found(
            r,
            question,
            q,
            f"the total of {names}'s {r.label(q.metric)} over {first.label}-{last.label}: "
            f"there is no figure for {shown}",
        )
    facts = [f for f in found.values() if f is not None]
    if mean:
        res = analytics.mean([f.value for f in facts])
        each = ", ".join(f"{r.plabel(f.quantity)}: {r.fmt(f)}" for f in facts)
        text = (
            f"The average of {r.possessive(q.subjects[0])} {r.label(q.metric)} figures for "
            f"{', '.join(r.plabel(f.quantity) for f in facts)} is {format_value(res.value, qualified=True)} ({each})."
            if listed
            else f"Over {first.label}-{last.label}, {r.possessive(q.subjects[0])} {r.label(q.metric)} averages "
            f"{format_value(res.value, qualified=True)} a year ({each})."
        )
        return result_answer(r, question, q, res, facts, text)
    res = analytics.total([f.value for f in facts])
    text = f"Over {first.label}-{last.label}, {names} total {format_value(res.value, qualified=True)}"
    if len(whose) > 1:
        text += (
            " (" + " + ".join(f"{r.label(f.quantity.subject)} {r.plabel(f.quantity)} {r.fmt(f)}" for f in facts) + ")"
        )
    return result_answer(r, question, q, res, facts, text + ".")


def _latest_full_year(r: Responder, q: Query) -> Period | None:
    """The subject's latest reported whole (fiscal) year of the metric."""
    years = [
        f.quantity.period
        for f in r.available(q.subjects[0], q.metric)
        if f.status == "reported"
        and not f.is_change
        and grain_of(f.quantity.period) == "year"
        and _FULL_YEAR_LABEL.match(r.plabel(f.quantity))
    ]
    return max(years, key=lambda p: p.end or date.min, default=None)


def _since_to_latest(r: Responder, q: Query) -> Query | None:
    """A change 'since' one period: from it to the latest reported figure of the same length."""
    if not q.since or not q.subjects or not q.metric or len(q.periods) != 1:
        return None
    first = q.periods[0]
    if first.end is None:
        return None
    later = [
        f
        for f in r.available(q.subjects[0], q.metric)
        if grain_of(f.quantity.period) == grain_of(first)
        and f.status != "forecast"
        and not f.is_change
        and f.quantity.period.end is not None
        and f.quantity.period.end > first.end
    ]
    if grain_of(first) == "year":
        later = [f for f in later if _FULL_YEAR_LABEL.match(r.plabel(f.quantity))]
    if not later:
        return None
    latest = max(later, key=lambda f: f.quantity.period.end or date.min)
    return replace(q, periods=[first, latest.quantity.period], range_=True, since=False)


#: a company's whole (fiscal) year, not a trailing twelve months
_FULL_YEAR_LABEL = re.compile(r"^(?:FY)?\d{4}\b")
