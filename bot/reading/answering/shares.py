"""Shares and ratios: "A as a % of B", "what part of Y does X account for", "how many times B is A".

A ratio needs two quantities: two named subjects, each with its own metric and period; a
subject and a figure written as an amount ("the $371bn"); or two periods of one series.
With one subject and a total ("how much of AI spending is inference"), the answer is the
stated share whose base is that total, a level. The whole is the quantity the question
puts after "of" / "times"; ratios across different metrics or periods say so.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from kg import analytics
from kg.analytics import Result
from kg.format import format_value
from kg.values import Value

from ...answer import Answer
from ..facts import Fact, Responder
from ..operands import Operand
from ..question_periods import fiscal_mentions
from ..understand import Query
from . import changes, comparisons, sources, values
from .common import named_as_multiple, not_found, result_answer, value_answer

__all__ = ["answer_ratio", "ratio_answer", "share_metrics_of"]


def share_metrics_of(r: Responder, metric: str) -> list[str]:
    """Share metrics whose base is ``metric`` or a narrower one ('share of AI spending' for 'AI spending')."""
    bases = {metric, *r.narrower_metrics(metric)}
    return [e.iri for e in r.k.entities.values() if e.kind == "metric" and e.share_base in bases]


_FIRMS = ("company", "group", "ai_lab", "analyst_firm", "publisher")


def fact_of(r: Responder, q: Query, o: Operand, other_metric: str | None) -> Fact | None:
    if o.amount is not None:
        # a written figure is found by its value; the period the question names is another quantity's
        found = sources.facts_with_amounts(r, replace(q, amounts=[o.amount], periods=[o.period] if o.period else []))
        # a written amount is most likely the figure of what the question is about
        about = [f for f in found if f.quantity.subject == o.subject] or [
            f for f in found if f.quantity.subject in q.subjects or f.quantity.metric == q.metric
        ]
        return (about or found)[0] if found else None
    if o.subject is None and o.metric is not None and len(q.subjects) == 1:
        # "what fraction of revenue did MSFT spend on capex": the one company named is the revenue's too
        own = fact_of(r, q, replace(o, subject=q.subjects[0]), other_metric)
        if own is not None:
            return own
    if o.subject is None:
        if o.metric is None:
            return None
        # a figure named by its metric alone: the one subject the graph holds it for in that period
        period = o.period or (q.periods[0] if q.periods else None)
        facts = [f for f in r.available(None, o.metric, period) if not f.is_change]
        return facts[0] if len({f.quantity.subject for f in facts}) == 1 else None
    metric = o.metric or q.metric or other_metric
    if metric is None:
        return None
    period = o.period or (q.periods[0] if len(q.periods) == 1 else None)
    if o.period is None and q.fiscal and getattr(r.k.entities.get(o.subject), "kind", None) == "company":
        # "comparing each company's fiscal 2025, how many times Apple's capex was Microsoft's?": its own year
        mine = [m.period for m in fiscal_mentions(r.k, o.subject, q.fiscal) if m.period is not None]
        period = mine[0] if len(mine) == 1 else period
    if period is not None:
        hit = r.find(o.subject, metric, period, now=q.now)
        if hit is None and o.metric is None:
            # "meta's H1'25 AI capex as a % of the full 2025 hyperscaler total": the one measure the other
            # subject holds for that period, not the first one's measure carried over
            held_by = {f.quantity.metric: f for f in r.available(o.subject, None, period) if not f.is_change}
            if len(held_by) == 1:
                return next(iter(held_by.values()))
        if hit is None and getattr(r.k.entities.get(o.subject), "kind", None) not in _FIRMS:
            # "2032 genAI revenue vs the AI-driven ad spending boost": a topic's name carried over to a metric
            # that only another topic has a figure for is that topic's figure (never another firm's)
            held = [f for f in r.available(None, metric, period) if not f.is_change]
            holders = {f.quantity.subject for f in held}
            if len(holders) == 1 and getattr(r.k.entities.get(held[0].quantity.subject), "kind", None) not in _FIRMS:
                return held[0]
        return hit
    facts = [f for f in r.available(o.subject, metric) if not f.is_change]
    stated = [f for f in facts if f.status != "derived"] or facts
    return stated[-1] if stated else None


def one_subject_share(r: Responder, question: str, q: Query) -> Answer | None:
    """'How much of AI spending will inference be in 2032?': the stated share with that base."""
    if not q.subjects or not q.metric:
        return None
    subject = q.subjects[0]
    m = r.k.entities.get(q.metric)
    candidates = [q.metric] if m is not None and m.unit == "ratio" else share_metrics_of(r, q.metric)
    for metric in candidates:
        if q.periods:
            f = r.find(subject, metric, q.periods[0], now=q.now)
        else:
            f = values.present_or_latest(r, [x for x in r.available(subject, metric) if not x.is_change])
        if f is not None:
            return value_answer(r, question, f)
    return None


#: "implied 2024 capex vs the 2032 525B — multiple?": a multiple asked with no figure named as its base
_BARE_MULTIPLE = re.compile(r"(?:^|[-—–:,;?]\s*)(?:what(?:'s|\s+is)?\s+(?:the\s+)?|the\s+)?multiple\s*\??\s*$", re.I)


def rise_as_part(r: Responder, question: str, q: Query) -> Answer | None:
    """The rise into a year as a part of that year's level: (2025 − 2024) ÷ 2025."""
    if not changes.THE_INCREASE.search(question) or len(q.subjects) != 1 or not q.metric or len(q.periods) != 1:
        return None
    level = r.find(q.subjects[0], q.metric, q.periods[0])
    p = q.periods[0]
    if level is None or p.start is None or p.kind != "year":
        return None
    before = r.find(q.subjects[0], q.metric, type(p).year(p.start.year - 1))
    if before is None or before.value.unit != level.value.unit:
        return None
    return changes.rise_over_later(r, question, q, before, level)


def answer_ratio(r: Responder, question: str, q: Query) -> Answer:
    multiple = q.measure == "multiple" or q.intent == "multiple"
    if q.intent == "change" and len(q.periods) == 1 and len(q.subjects) == 1:
        # "the 2032 share as a % of its starting level": against the start of the stated change
        return changes.answer_change(r, question, replace(q, measure="multiple" if multiple else "ratio", whole=0))
    generic = r.k.entities.get(q.metric) if q.metric else None
    if generic is not None and generic.share_base and len(q.subjects) == 1 and len(q.periods) == 1:
        stated = r.find(q.subjects[0], generic.iri, q.periods[0])  # "genAI revenue as a % of tech spending"
        if stated is not None:
            return value_answer(r, question, stated)
    if generic is not None and generic.unit == "ratio" and not generic.share_base:
        # "what fraction of the 2032 spend is the 2025 spend": 'fraction' names the measure, not the metric
        own = next((o.metric for o in q.operands if o.metric), None)
        if own is None and len(q.subjects) == 1 and len(q.periods) >= 2:
            both = [{f.quantity.metric for f in r.available(q.subjects[0], None, p)} for p in q.periods[:2]]
            common = sorted(both[0] & both[1])
            own = common[0] if len(common) == 1 else None
        q = replace(q, metric=own or q.metric)
    named = [o for o in q.operands if o.subject is not None or o.amount is not None or o.metric is not None]
    one_series = len({o.subject for o in named if o.subject}) <= 1 and len(q.periods) >= 2
    if one_series and (len(named) < 2 or not any(o.amount for o in named)):  # "2025 as a share of the 2032 $525B"
        measure = "multiple" if multiple else "ratio"
        return changes.answer_change(r, question, replace(q, intent="change", measure=measure))
    distinct = list(dict.fromkeys(o.subject for o in named if o.subject))
    # ("msft's share of big-4 capex (amzn/msft/googl/meta)": one of three or more companies named, of them all)
    listed = len(distinct) >= 3 and not any(getattr(r.k.entities.get(s), "members", None) for s in distinct)
    if len(distinct) >= 2 and (_COMBINED.search(question) or "sum" in q.inherited or listed):
        return _share_of_combined(r, question, q, distinct)
    if len(named) >= 2:
        metrics = [o.metric for o in named if o.metric]
        facts = [fact_of(r, q, o, metrics[0] if metrics else None) for o in named[:2]]
        if all(f is not None for f in facts):
            # the whole is the operand at (or, if its name was dropped, first after) where the question puts it
            at = [o.start for o in named[:2]]
            w = next((i for i, start in enumerate(at) if q.whole_at is not None and start >= q.whole_at), 1)
            whole, part = facts[w], facts[1 - w]
            assert whole is not None and part is not None

            two_metrics = whole.quantity.metric != part.quantity.metric

            def as_multiple(f: Fact) -> bool:
                metric = r.k.entities.get(f.quantity.metric)
                # (the metric by its own names or its broader one's: "capex" for hyperscalers' data-centre spending)
                metrics = [f.quantity.metric, *(metric.broader if metric is not None else [])]
                return named_as_multiple(r, question, f.quantity.subject) or (
                    two_metrics and any(named_as_multiple(r, question, m) for m in metrics)
                )

            if multiple and as_multiple(whole) and not as_multiple(part):
                whole, part = part, whole  # "A versus B, B is how many times bigger?": B over A
            elif multiple and _BARE_MULTIPLE.search(question) and part.value.value < whole.value.value:
                whole, part = part, whole  # "A vs B — multiple?", no way named: the larger over the smaller
            bare = named[1 - w]  # "how much of that $371B is Microsoft?": the part is a name, not a figure
            group = r.k.entities.get(whole.quantity.subject)
            member = group is not None and part.quantity.subject in group.members
            # ("what portion of the $371bn is Microsoft's own spending?": a member's figure of another measure
            # or another period is no part of the group's total either)
            unlike = part.quantity.metric != whole.quantity.metric or part.quantity.period != whole.quantity.period
            # (a complete group's figure is its members' sum: "amazon's share of the big-4 capex total" is theirs)
            summed = group is not None and group.membership_complete and whole.status == "derived"
            if (
                member
                and not summed
                and bare.subject is not None
                and bare.period is None
                and (bare.metric is None or unlike)
            ):
                return not_found(
                    r,
                    question,
                    q,
                    f"{r.possessive(part.quantity.subject)} part of {r.describe(whole)}: "
                    "the source does not split it by company",
                )
            return ratio_answer(r, question, q, part, whole, multiple)
        missing = [o for o, f in zip(named, facts, strict=False) if f is None]
        what = ", ".join(
            f"{r.possessive(o.subject)} {r.label(o.metric or q.metric) if (o.metric or q.metric) else 'figure'}"
            + (f" in {o.period.label}" if o.period else "")
            if o.subject
            else f"a figure of {format_value(Value(o.amount, 'USD'))}"
            if o.amount is not None
            else r.label(o.metric or q.metric)
            if (o.metric or q.metric)
            else "a figure"
            for o in missing
        )
        return not_found(r, question, q, what)
    share = one_subject_share(r, question, q)
    if share is not None:
        return share
    return values.answer_value(r, question, replace(q, intent="value", measure=None))


_COMBINED = re.compile(
    # (not "the hyperscaler total of $371B": a total the sources give, named by its amount)
    r"\b(?:combined|together|in total|total of(?!\s*[$~≈]?\s*\d)|sum of|aggregate)\b|\+",
    re.IGNORECASE,
)
#: between two names of one list: "A+B", "A/B", "A, B", "A and B"
_LISTED_BETWEEN = re.compile(r"^[\s'’s]*(?:[+/,&]|and|or)?[\s]*$", re.IGNORECASE)


def _share_of_combined(r: Responder, question: str, q: Query, subjects: list[str]) -> Answer:
    """'Meta's share of the combined Meta + Alphabet H1 2025 capex': one part over the sum of all."""
    metric = next((o.metric for o in q.operands if o.metric), q.metric)
    asked = replace(q, subjects=subjects, metric=metric, intent="compare", measure=None, subject_metrics={})
    found, missing = comparisons.facts_for_subjects(r, asked)
    if missing or len(found) < 2 or len({f.value.unit for f in found}) > 1:
        return not_found(r, question, q, "each figure of that total")
    part_subject = _the_part(question, q, subjects)
    part = next((f for f in found if f.quantity.subject == part_subject), None)
    if part is None:  # the part's own figure stands in for a narrower subject's: no share of that total
        return not_found(r, question, q, f"{r.possessive(part_subject)} own figure in that total")
    total = analytics.total([f.value for f in found])
    res = analytics.share(part.value, total.value)
    text = (
        f"{r.possessive(part_subject)} {r.label(part.quantity.metric)} ({r.fmt(part)}) is "
        f"{format_value(res.value, qualified=True)} of the combined "
        + " + ".join(f"{r.label(f.quantity.subject)} {r.fmt(f)}" for f in found)
        + f" = {format_value(total.value, qualified=True)}."
    )
    if len({f.quantity.metric for f in found}) > 1:
        text += (
            " Note: the figures measure different things ("
            + ", ".join(f"{r.label(f.quantity.subject)}: {r.label(f.quantity.metric)}" for f in found)
            + ")."
        )
    return result_answer(r, question, q, res, found, text)


def _the_part(question: str, q: Query, subjects: list[str]) -> str:
    """The subject whose share of the total is asked: named outside the list of the total's members
    ("what share of AMZN+MSFT+GOOGL+META capex was Meta?", "msft's share of big-4 capex (amzn/msft/...)"),
    in the question's first sentence; else the one named twice."""
    asked_end = question.find("?") + 1 or len(question)
    named = [o for o in q.operands if o.subject and o.start < asked_end]
    listed: set[int] = set()
    for i, (a, b) in enumerate(itertools.pairwise(named)):
        gap = question[a.start : b.start]
        name_end = next((j for j, ch in enumerate(gap) if not (ch.isalnum() or ch in "'’.-")), len(gap))
        if _LISTED_BETWEEN.match(gap[name_end:]):
            listed.update((i, i + 1))
    outside = list(dict.fromkeys(o.subject for i, o in enumerate(named) if i not in listed and o.subject))
    if len(outside) == 1 and outside[0] in subjects:
        return outside[0]
    every = [o.subject for o in q.operands if o.subject]
    return max(subjects, key=lambda s: (every.count(s), -subjects.index(s)))  # named twice: the part


def ratio_answer(r: Responder, question: str, q: Query, part: Fact, whole: Fact, multiple: bool) -> Answer:
    if part.quantity == whole.quantity:
        return not_found(r, question, q, f"which two figures to divide: both readings are {r.describe(part)}")
    if part.value.unit != whole.value.unit:
        # an amount over a share (or the reverse) is no ratio anyone asked for
        return not_found(
            r,
            question,
            q,
            f"a ratio of {r.label(part.quantity.metric)} ({r.fmt(part)}) to {r.label(whole.quantity.metric)} "
            f"({r.fmt(whole)}): they are not in the same unit",
        )
    if multiple:
        res = analytics.ratio(part.value, whole.value)
        res = replace(res, kind="growth_multiple")
        head = f"is {format_value(res.value, qualified=True)}"
    else:
        res = analytics.share(part.value, whole.value)
        head = f"is {format_value(res.value, qualified=True)} of"

    def name(f: Fact) -> str:
        p = f.quantity.period
        return f"{r.possessive(f.quantity.subject)} {r.label(f.quantity.metric)} {r.period_phrase(p)} ({r.fmt(f)})"

    text = f"{name(part)} {head} {name(whole)}."
    if part.quantity.metric != whole.quantity.metric:
        text += (
            f" Note: the two figures measure different things ({r.label(part.quantity.metric)} vs "
            f"{r.label(whole.quantity.metric)})."
        )
    if part.quantity.period != whole.quantity.period:
        text += f" Note: the periods differ ({r.plabel(part.quantity)} vs {r.plabel(whole.quantity)})."
    kind = "comparison" if multiple and part.quantity.subject != whole.quantity.subject else "value"
    return result_answer(r, question, q, res, [part, whole], text, kind=kind)


#: "what share will NOT go to training", "the rest", "everything but training": the complement of a share
COMPLEMENT = re.compile(
    r"(?:\bnot|n['’]t)\s+(?:go(?:ing)?|be(?:ing)?|spent|directed|allocated|devoted|flow(?:ing)?|dedicated)\b"
    r"|\beverything but\b|\bthe rest\b|\bthe remainder\b|\bremaining share\b"
    # "what share is everything that isn't training?", "everything other than training"
    r"|\b(?:everything|anything|all)\s+(?:else\s+)?(?:that|which)?\s*(?:isn['’]t|is\s+not|aren['’]t|are\s+not)\b"
    r"|\beverything\s+(?:else|other\s+than|except)\b",
    re.IGNORECASE,
)


def complement_answer(r: Responder, question: str, q: Query, f: Fact) -> Answer:
    """One minus a stated share, with the arithmetic: 'what share will not go to training?'."""
    whole = Value(1.0, "ratio")
    rest = whole.subtract(f.value, "ratio")
    res = Result("share", rest, f"{format_value(whole)} − {format_value(f.value)} = {format_value(rest)}")
    text = (
        f"{format_value(rest, qualified=True)} of {r.label(f.quantity.metric).removeprefix('share of ')} "
        f"{r.in_period(f.quantity)} goes elsewhere than {r.label(f.quantity.subject)}: "
        f"100% less {r.possessive(f.quantity.subject)} {r.fmt(f)}."
    )
    ans = result_answer(r, question, q, res, [f], text)
    ans.measure = "level"  # still a share of the same whole, not one figure over another
    return ans


#: "what total tech spend does that imply?", "what's the total tech spend pie?": the whole a share implies
_WHOLE_IMPLIED = re.compile(
    r"\b(?:total|whole|entire|overall)\b[^?]{0,40}?\b(?:impl(?:y|ied|ies)|pie|come\s+to|work\s+out)\b"
    r"|\bimpl(?:y|ied|ies)\b[^?]{0,20}?\b(?:total|whole|overall)\b"
    r"|\b(?:total|whole|overall)\b[^?]{0,30}?\bpie\b",
    re.IGNORECASE,
)


def implied_whole(r: Responder, question: str, q: Query) -> Answer | None:
    """'$1.8T genAI revenue at up to 16% of tech spend — what total tech spend does that imply for 2032?':
    the part over the share it is stated to be of the whole."""
    if not _WHOLE_IMPLIED.search(question) or len(q.subjects) > 1 or len(q.periods) > 1:
        return None
    named = {q.metric, *(o.metric for o in q.operands)}
    shares_named = [
        e
        for e in r.k.entities.values()
        if e.kind == "metric" and e.share_base and (e.iri in named or e.share_base in named)
    ]
    for share_metric in shares_named:
        # ("and if that's 16% of tech spend, what's the pie?": whoever holds that share, when it is held)
        held = [f for f in r.available(None, share_metric.iri) if not q.subjects or f.quantity.subject in q.subjects]
        held = [f for f in held if not q.periods or f.quantity.period == q.periods[0]]
        if len({(f.quantity.subject, f.quantity.period) for f in held}) != 1:
            continue
        subject, period = held[0].quantity.subject, held[0].quantity.period
        share = r.find(subject, share_metric.iri, period)
        if share is None or share.value.unit != "ratio" or not share.value.value:
            continue
        levels = [
            f
            for f in r.available(subject, None, period)
            if f.value.unit == "USD" and not f.is_change and f.quantity.metric != share_metric.share_base
        ]
        written = [a for a in q.amounts if a >= 1e6]
        if written:  # "$1.8T genAI rev": the level the question writes
            levels = [f for f in levels if any(abs(f.value.value - a) <= abs(a) * 0.005 for a in written)]
        if len({f.quantity for f in levels}) != 1:
            continue
        part = levels[0]
        res = analytics.implied_whole(part.value, share.value)
        whole = r.label(share_metric.share_base)
        text = (
            f"{format_value(res.value, qualified=True)}: the {whole} {r.period_phrase(period)} implied by "
            f"{r.describe(part)} ({r.fmt(part)}) at {r.fmt(share)} of it ({res.formula}). The sources give no "
            f"figure for the {whole} itself."
        )
        return result_answer(r, question, q, res, [part, share], text)
    return None
