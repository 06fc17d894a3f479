"""Several subjects side by side: comparisons, sums, ratios and rankings."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from kg import analytics
from kg.format import format_value

from ...answer import Answer
from ..arithmetic_words import source_first
from ..facts import Fact, Responder
from ..patterns import BY_HOW_MUCH
from ..periods import Period
from ..question_periods import fiscal_mentions
from ..understand import Query
from . import changes, shares, values
from .combined_changes import answer_combined_change, asks_combined_change
from .common import (
    default_period_facts,
    make_answer,
    named_as_multiple,
    not_found,
    own_periods,
    result_answer,
    value_answer,
    what,
    whole_months,
)
from .growth_comparisons import answer_compare_changes

#: "which had the lowest ..., and how much was it?": the extreme one's own figure asked
_WHICH_AND_HOW_MUCH = re.compile(
    r"\b(?:lowest|highest|largest|smallest|biggest|most|least|top)\b[^?]*\b(?:and\s+)?(?:how\s+much|what)\s+"
    r"(?:was|is|were|did)\s+(?:it|that|they|its)\b",
    re.IGNORECASE,
)


def facts_for_subjects(r: Responder, q: Query) -> tuple[list[Fact], list[str]]:
    found, missing = [], []
    shared = q.metric or shared_metric(r, q)
    period = q.periods[0] if q.periods else None
    # "Microsoft's FY2024 capex and Meta's 2024 capex": each subject in the period written by it
    # (the first quantity written for a subject: "how much bigger is nvidia?" after it names no other period)
    own = own_periods(q)
    # "which gets the bigger slice of AI spend": the shares whose base is that metric
    # (and "inference vs training spend in 2032": their slices of AI spending, when that is all there is)
    slices = (
        shares.share_metrics_of(r, shared) if shared and q.measure in ("ratio", "pp_change", "difference", None) else []
    )
    asked = period
    if asked is None and not own and shared:
        asked = latest_common(r, q.subjects, shared)
    for s in q.subjects:
        f = None
        period = own.get(s, asked)
        tries = [period]
        if q.fiscal and s not in own and s in r.k.entities and r.k.entities[s].kind == "company":
            # "FY2025 revenue of Apple, Microsoft and Nvidia": each company's own fiscal year
            mine = [m.period for m in fiscal_mentions(r.k, s, q.fiscal) if m.period is not None]
            # (the period asked stays a second choice: "Jan-Mar 2026 for A, B and C (C = its FQ3'26)")
            tries = [mine[0], period] if mine else [period]
        candidates = (q.subject_metrics.get(s), shared, *slices, _one_up(r, shared))
        for metric, period in ((m, p) for p in dict.fromkeys(tries) for m in dict.fromkeys(c for c in candidates if c)):
            if period is not None:
                f = r.find(s, metric, period, now=q.now)
                months = whole_months(period)
                if f is None and months is not None and months != period:
                    # "the quarter ended December 2025" read on Apple's days (Sep 28 - Dec 27): Microsoft's
                    # quarter is the same months on its own days
                    f = r.find(s, metric, months, now=q.now)
            else:
                facts = default_period_facts(r, s, metric)
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


def latest_common(r: Responder, subjects: list[str], metric: str) -> Period | None:
    """'how much more did amzn spend than googl?', no period asked: the latest months that every one has a
    figure for, known by the day asked (the shorter span of two that end together), so that one company's
    quarter is never set against another's later one; None when they share none."""
    if len(subjects) < 2:
        return None
    held: list[dict[Period, Fact]] = []
    for s in subjects:
        months: dict[Period, Fact] = {}
        for f in default_period_facts(r, s, metric):
            m = whole_months(f.quantity.period)
            if m is not None:
                months.setdefault(m, f)
        held.append(months)
    common = set.intersection(*(set(h) for h in held))
    newest = sorted(common, key=lambda p: (p.end or date.min, p.start or date.min), reverse=True)
    return next((p for p in newest if all(r.known(h[p]) for h in held)), None)


#: relations that say which of two is the larger
_LARGER = ("https://kgbot.dev/ns#exceeds",)


def _stated_order(r: Responder, question: str, q: Query) -> Answer | None:
    """'Inference vs training spend by end-2025: which leads?': no figures, but the source says which
    exceeds which."""
    if len(q.subjects) != 2:
        return None
    a, b = q.subjects
    for c in r.k.claims:
        if c.predicate not in _LARGER:
            continue
        if (
            q.periods
            and c.period is not None
            and c.period.end
            and q.periods[0].end
            and c.period.end.year != q.periods[0].end.year
        ):
            continue  # said of another year
        for big, small in ((a, b), (b, a)):
            if big in c.subjects and small in c.objects:
                text = f"{r.label(big)[:1].upper()}{r.label(big)[1:]} leads: {c.statement}"
                return make_answer(
                    question,
                    "comparison",
                    text,
                    items=[
                        {"label": r.label(big), "value": None, "unit": None, "claim": c.statement},
                        {"label": r.label(small), "value": None, "unit": None},
                    ],
                    sources=r.claim_sources([c]),
                )
    return None


def _one_up(r: Responder, metric: str | None) -> str | None:
    """The metric one level broader ('capital expenditure' for 'AI capex'), never a top concept ('spending').

    A comparison may set one subject's AI capex against another's capex; its text notes that the
    sources measure different things.
    """
    e = r.k.entities.get(metric) if metric else None
    up = r.k.entities.get(e.broader[0]) if e is not None and e.broader else None
    return up.iri if up is not None and up.broader else None


def shared_metric(r: Responder, q: Query) -> str | None:
    """The metric all named subjects have figures for (in the period asked), if only one."""
    sets = []
    for s in q.subjects:
        facts = r.available(s, None, q.periods[0] if q.periods else None)
        sets.append({f.quantity.metric for f in facts})
    common = set.intersection(*sets) if sets else set()
    return next(iter(common)) if len(common) == 1 else None


def _metrics_differ(r: Responder, found: list[Fact]) -> str:
    """The note a sum or comparison of different metrics carries ("" when they are one)."""
    if len({f.quantity.metric for f in found}) < 2:
        return ""
    each = "; ".join(f"{r.label(f.quantity.subject)}: {r.label(f.quantity.metric)}" for f in found)
    return f" Note: the sources measure different things ({each})."


#: words that set one figure against another
_SET_AGAINST = re.compile(
    r"%|\bpercent|\bhalf\b|\btwice\b|\btimes\b|\bratio\b|\bshare\b|\bthan\b|\bvs\.?|\bversus\b|\bcompar", re.I
)


def answer_compare(r: Responder, question: str, q: Query) -> Answer:
    if q.intent == "sum" and q.measure and asks_combined_change(question, q, q.measure):
        # "combined capex of A and B, CAGR 2023-25"; after a stated growth rate, their combined growth
        measure = "percent_change" if q.measure == "sum" else q.measure
        return answer_combined_change(r, question, q, measure)
    if q.measure in (None, "percent_change") and asks_combined_change(question, q, q.measure):
        # "The article has hyperscaler capex up 44% in 2025. What growth did A, B and C's filed capex show?"
        return answer_combined_change(r, question, q, "percent_change")
    if q.intent == "sum" and q.range_ and len(q.subjects) > 1 and q.metric and q.measure in (None, "sum"):
        return changes.answer_sum_over_range(r, question, q)  # "total capex of A and B from 2023 to 2024"
    if (
        len(q.subjects) >= 2
        and q.scores.get("change", 0) >= CHANGE_WORDS
        and q.measure
        in (
            None,
            "percent_change",
            "pp_change",  # "2025 rev growth META vs GOOGL, pp gap?": the gap between the two growth rates
        )
    ):
        # "Meta's capex growth in 2025 versus 2024: faster than Alphabet's?": their changes, side by side
        compared = answer_compare_changes(r, question, q)
        if compared.answered or len(q.periods) != 1 or q.measure != "pp_change":
            return compared
        # ("the expected 2032 inference share vs training's 2032 share, in percentage points": the two
        # shares' gap, when neither has a change of its own)
    if len(q.subjects) < 2:
        if q.intent == "sum" and len(q.periods) >= 2 and q.metric:
            return changes.answer_sum_over_range(r, question, q)
        # ("... compare with the same period a year before?": against the one before)
        against_before = q.relative_previous and len(q.periods) == 1
        one_and_now = q.now and len(q.periods) == 1 and q.measure in (None, *changes.CHANGE_MEASURES)
        if len(q.periods) >= 2 or one_and_now or against_before:
            # (and "how does the 2032 training share compare with the current one, as a multiple?")
            return changes.answer_change(r, question, q)
        return values.answer_value(r, question, replace(q, intent="value"))
    found, missing = facts_for_subjects(r, q)
    if found and not missing and len({f.quantity for f in found}) == 1:
        # (two names for one thing, "AI" and "generative AI": one figure, never compared with itself)
        if q.measure in (None, "level") and not _SET_AGAINST.search(question):
            return value_answer(r, question, found[0])
        return not_found(r, question, q, f"a second figure to set against {r.describe(found[0])}")
    if len(found) < 2:
        stated = _stated_order(r, question, q)
        if stated is not None:
            return stated
        names = ", ".join(r.label(s) for s in missing)
        return not_found(r, question, q, f"{what(r, q, missing[0] if missing else None)} (no figure for {names})")
    if len({f.value.unit for f in found}) > 1:
        # "does Nvidia spend more on inference than on training?": dollars against shares are not compared
        listed = "; ".join(f"{r.describe(f)}: {r.fmt(f)}" for f in found)
        return not_found(r, question, q, f"a like-for-like comparison (the figures are of different kinds: {listed})")
    ranked = sorted(found, key=lambda f: f.value.value, reverse=not q.ascending)
    if q.in_order and len(found) == 2:
        return _written_operation(r, question, q, found)
    if len(found) >= 2 and _WHICH_AND_HOW_MUCH.search(question) and q.intent != "sum":
        # "which had the lowest capex in its fiscal 2024, and how much was it?": that one's figure
        top = ranked[0]
        ans = value_answer(r, question, top, extra=ranked)
        word = "Lowest" if q.ascending else "Highest"
        listing = ", ".join(f"{r.label(f.quantity.subject)} {r.fmt(f)} ({r.plabel(f.quantity)})" for f in ranked)
        ans.text = f"{word}: {r.label(top.quantity.subject)}. {ans.text} Ranking: {listing}."
        return ans
    firms = [s for s in missing if getattr(r.k.entities.get(s), "kind", None) in ("company", "group", "ai_lab")]
    if q.intent == "sum" and firms:
        # a total with a part missing is no total: what there is, and what is not
        listed = "; ".join(f"{r.label(f.quantity.subject)} {r.plabel(f.quantity)}: {r.fmt(f)}" for f in found)
        names = ", ".join(r.label(s) for s in firms)
        return not_found(r, question, q, f"the total (no figure for {names}; the sources give {listed})")
    if q.intent == "sum":
        res = analytics.total([f.value for f in found])
        periods_differ = len({f.quantity.period for f in found}) > 1
        text = (
            f"Combined: {format_value(res.value, qualified=True)} — "
            + " + ".join(
                f"{r.label(f.quantity.subject)} {r.fmt(f)}" + (f" ({r.plabel(f.quantity)})" if periods_differ else "")
                for f in found
            )
            + "."
        )
        if periods_differ:
            text += " Note: each company's figure is for its own period, as listed."
        text += _metrics_differ(r, found)
        ans = result_answer(r, question, q, res, found, text)
    elif q.measure == "percent_change" and len(found) == 2 and all(f.value.unit != "ratio" for f in found):
        # "how much larger was A than B, in percentage terms?": the larger over the smaller, less one
        big, small = ranked[0], ranked[1]
        res = analytics.relative_change(small.value, big.value)
        more = "smaller" if q.ascending else "larger"
        pct = format_value(res.value, qualified=True).lstrip("+")
        big_name = f"{r.possessive(big.quantity.subject)} {r.label(big.quantity.metric)}"
        small_name = r.possessive(small.quantity.subject)
        text = (
            f"{big_name} ({r.fmt(big)}, {r.plabel(big.quantity)}) is {pct} {more} than "
            f"{small_name} ({r.fmt(small)}, {r.plabel(small.quantity)})."
        )
        ans = result_answer(r, question, q, res, [big, small], text, kind="comparison")
    elif q.intent in ("ratio", "multiple"):
        res = analytics.ratio(ranked[0].value, ranked[1].value)
        text = (
            f"{r.label(ranked[0].quantity.subject)} ({r.fmt(ranked[0])}) is {format_value(res.value, qualified=True)} "
            f"{r.label(ranked[1].quantity.subject)} ({r.fmt(ranked[1])})."
        )
        ans = result_answer(r, question, q, res, ranked[:2], text, kind="comparison")
    else:
        top, second = ranked[0], ranked[1]
        diff = analytics.difference(top.value, second.value)
        bigger = "smaller" if q.ascending else "larger"
        same_period = top.quantity.period == second.quantity.period
        same_months = whole_months(top.quantity.period) == whole_months(second.quantity.period)

        def named(f: Fact) -> str:  # each figure with its own period when the periods differ
            when = "" if same_period else f", {r.plabel(f.quantity)}"
            return f"{r.label(f.quantity.subject)} ({r.label(f.quantity.metric)}{when}, {r.fmt(f)})"

        text = (
            f"{named(top)} is {bigger} than {named(second)}"
            + (f" in {r.plabel(top.quantity)}" if same_period and not top.quantity.period.is_vague else "")
            + f", by {format_value(diff.value, qualified=True, difference=True).lstrip('-')}."
        )
        if not same_period and same_months:
            text += " The two quarters cover the same months, each in its company's own fiscal calendar."
        elif not same_period:
            text += (
                f" Note: the periods differ ({r.plabel(top.quantity)} vs {r.plabel(second.quantity)}); "
                "the sources give no figures for one common period."
            )
        if len(ranked) > 2:
            text += " Ranking: " + ", ".join(f"{r.label(f.quantity.subject)} {r.fmt(f)}" for f in ranked) + "."
        text += _metrics_differ(r, found)
        ans = result_answer(r, question, q, diff, ranked, text, kind="comparison")
        # "who spent more, and by how much?", "gap in pp?"
        asked_gap = q.measure in ("difference", "pp_change") or BY_HOW_MUCH.search(question)
        if q.intent != "difference" and not asked_gap:  # a difference is a figure; a comparison is its items
            ans.value = ans.unit = ans.qualifier = ans.status = ans.measure = None
        elif ans.unit == "ratio":
            ans.unit, ans.measure = "pp", "pp_change"  # the gap between two shares or ratios is in points
    if missing:
        ans.text += " No figure for " + ", ".join(r.label(s) for s in missing) + "."
        ans.suggestions = r.suggestions(Query(intent="value", subjects=missing, metric=q.metric, periods=q.periods))
    return ans


def _written_operation(r: Responder, question: str, q: Query, found: list[Fact]) -> Answer:
    """'AMZN capex CY24 − GOOGL capex CY24', 'AAPL rev ÷ NVDA rev': the operation as written, in the
    question's order (a negative difference or a multiple below one when the first is smaller)."""
    first, second = found
    if q.measure == "multiple" and named_as_multiple(r, question, second.quantity.subject):
        first, second = second, first  # "A versus B, B is how many times bigger?": B over A
    if q.measure == "multiple":
        res = analytics.ratio(first.value, second.value)
        shown = format_value(res.value, qualified=True)
        sign = "÷"
    else:
        res = analytics.difference(first.value, second.value)
        shown = format_value(res.value, qualified=True, difference=True)
        sign = "−"
    text = (
        f"{r.possessive(first.quantity.subject)} {r.label(first.quantity.metric)} ({r.fmt(first)}, "
        f"{r.plabel(first.quantity)}) {sign} {r.possessive(second.quantity.subject)} "
        f"{r.label(second.quantity.metric)} ({r.fmt(second)}, {r.plabel(second.quantity)}) = {shown}."
    )
    if first.quantity.period != second.quantity.period:
        text += " Note: the periods differ."
    ans = result_answer(r, question, q, res, [first, second], text, kind="comparison")
    if q.measure != "multiple" and ans.unit == "ratio":
        ans.unit, ans.measure = "pp", "pp_change"  # one share or ratio less another: points
    return ans


#: Change words weighing this much make a ranking or comparison one of changes ("by capex growth").
CHANGE_WORDS = 2.5


def _operand_metric(r: Responder, q: Query, o: Any) -> str | None:
    """The metric an operand names: by its words, or by the amount it writes ("the article's $30.7bn
    Meta figure" is Meta's AI capex); an operand naming neither is the question's metric."""
    subject = o.subject or (q.subjects[0] if len(q.subjects) == 1 else None)
    if o.amount is not None and subject is not None:
        from .sources import facts_with_amounts  # (sources builds on values, as this module does)

        found = [f for f in facts_with_amounts(r, replace(q, amounts=[o.amount])) if f.quantity.subject == subject]
        if len({f.quantity.metric for f in found}) == 1:
            return str(found[0].quantity.metric)
    return o.metric or q.metric


def two_measures_of_one(r: Responder, question: str, q: Query) -> Answer | None:
    """'The gap between Meta's filed H1'25 capex and the article's AI capex': one subject, one period,
    two different metrics; the larger less the smaller, each figure from its own source."""
    if len(q.subjects) != 1 or len(q.periods) != 1:
        return None
    subject, period = q.subjects[0], q.periods[0]
    named = [*(_operand_metric(r, q, o) for o in q.operands), *q.subject_metrics.values()]
    if any(o.amount is not None for o in q.operands):
        # ("the article's $30.7bn Meta H1 number than the capex in the 10-Q": the amount's measure and the one named)
        named.append(q.metric)
    # generic metrics ("spend" in "spend on capex") name no measure of their own
    metrics = [m for m in dict.fromkeys(named) if m and r.k.entities.get(m) is not None and r.k.entities[m].broader]
    if len(metrics) != 2:
        return None
    a, b = (r.find(subject, m, period) for m in metrics)
    if a is None or b is None or a.quantity.period != b.quantity.period or a.value.unit != b.value.unit:
        return None
    if a.quantity.metric == b.quantity.metric:
        return None
    big, small = (a, b) if a.value.value >= b.value.value or q.in_order else (b, a)
    first = source_first(question)  # "(filed minus article)": that source's figure less the other's
    filed = [f for f in (a, b) if r.filed(f)]
    if first is not None and len(filed) == 1:
        q = replace(q, in_order=True)
        big = filed[0] if first == "filing" else (b if filed[0] is a else a)
        small = b if big is a else a
    diff = analytics.difference(big.value, small.value)
    note = (
        f"Note: the two measure different things ({r.label(big.quantity.metric)} vs {r.label(small.quantity.metric)})."
    )
    if q.in_order:  # "article 'AI capex' − filed cash capex": as written, a negative gap if the first is smaller
        shown = format_value(diff.value, qualified=True, difference=True)
        text = f"{r.describe(big)} ({r.fmt(big)}) − {r.describe(small)} ({r.fmt(small)}) = {shown}. {note}"
    else:
        text = (
            f"{r.describe(big)} ({r.fmt(big)}) is "
            f"{format_value(diff.value, qualified=True, difference=True).lstrip('+-')} "
            f"more than {r.describe(small)} ({r.fmt(small)}). {note}"
        )
    ans = result_answer(r, question, q, diff, [big, small], text, kind="comparison")
    if q.intent == "compare" and q.measure is None and not BY_HOW_MUCH.search(question):
        ans.value = ans.unit = ans.qualifier = ans.status = ans.measure = None  # side by side; no gap asked
    return ans
