"""Yes/no questions: a threshold, a change word, a comparison, a status or a relation, judged
on the figure the question is about with its qualifier's bounds.

The verdict is "yes" or "no" only when the whole interval the sources allow falls on one
side; otherwise it is "unknown", with the figure and why. A relation the sources do not
state is "unknown", never "no": silence is not evidence.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date

from kg.format import format_value
from kg.values import Value

from ...answer import Answer
from ..facts import Fact, Responder
from ..threshold import Threshold
from ..understand import Query
from . import changes, comparisons, lists, shares, sources, values
from .common import make_answer, value_answer

__all__ = ["answer_first_crossing", "answer_threshold_list", "answer_yes_no", "asks_first_crossing"]

#: How close a multiple must be to 'double' (2x) to count as doubling, relative.
_CHANGE_WORD_SLACK = 0.10


def _bounds(a: Answer) -> tuple[float, float]:
    v = a.value
    assert v is not None
    q = a.qualifier or "exact"
    return Value(v, a.unit, q if q in ("exact", "approximately", "nearly", "at_least", "at_most") else "exact").bounds


def _verdict(ok: bool | None) -> str:
    return "unknown" if ok is None else "yes" if ok else "no"


def _with_verdict(question: str, base: Answer, verdict: str, why: str) -> Answer:
    lead = {"yes": "Yes", "no": "No", "unknown": "I can't tell from the sources"}[verdict]
    text = f"{lead} — {why} {base.text}".strip() if why else f"{lead}. {base.text}"
    return replace(base, question=question, answered=True, kind="yes_no", text=text, verdict=verdict)


def _threshold_text(t: Threshold) -> str:
    word = "more than" if t.op == ">" else "less than"
    unit = "ratio" if t.unit == "ratio" else t.unit
    return f"{word} {format_value(Value(t.value, unit))}"


def _measured(r: Responder, question: str, q: Query, t: Threshold) -> Answer:
    """The figure a threshold is tested on: a level, or the change it bounds."""
    base = replace(q, yes_no=False, threshold=None, amounts=[a for a in q.amounts if a != t.value])
    metric = r.k.entities.get(q.metric) if q.metric else None
    amount_metric = metric is not None and metric.unit != "ratio"
    if t.unit == "multiple":
        return changes.answer_change(r, question, replace(base, intent="change", measure="multiple"))
    if t.unit == "ratio" and amount_metric and not t.by and q.metric:
        # "more than a third of AI spending": the share whose base is that total, if the graph has one
        share = shares.one_subject_share(r, question, replace(base, intent="value"))
        if share is not None:
            return share
    if t.by or (t.unit == "ratio" and amount_metric):
        measure = "difference" if t.unit == "USD" else "percent_change" if amount_metric else "pp_change"
        return changes.answer_change(r, question, replace(base, intent="change", measure=measure))
    return values.answer_value(r, question, replace(base, intent="value", measure=None))


_MEMBERSHIP = re.compile(
    r"\b(?:one of|among|part of|a member of|members? of|counted (?:as|among)|included in|in the group of)"
    r"\s+(?:the\s+)?",
    re.IGNORECASE,
)


_MEMBERS_WORD = re.compile(r"(?:companies|firms|names|players|members|spenders|groups?)\b", re.IGNORECASE)


def _membership_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """'Is MSFT one of the hyperscalers the article names?': the group's stated members decide."""
    groups = [
        o for o in q.operands if o.subject and r.k.entities.get(o.subject) and r.k.entities[o.subject].kind == "group"
    ]
    if len(groups) != 1:
        return None
    g = groups[0]
    # "one of the hyperscalers"; "one of the companies behind the $371bn 2025 hyperscaler capex number"
    phrase = next(
        (
            m
            for m in _MEMBERSHIP.finditer(question)
            if 0 <= g.start - m.end() <= 2 or (0 <= g.start - m.end() <= 80 and _MEMBERS_WORD.match(question, m.end()))
        ),
        None,
    )
    named = [s for s in q.subjects if s != g.subject and r.k.entities.get(s) is not None]
    if phrase is None or not named:
        return None
    assert g.subject is not None
    group = r.k.entities[g.subject]
    members = ", ".join(r.label(m) for m in group.members)
    inside = [s for s in named if s in group.members]
    base = make_answer(
        question,
        "list",
        f"The source names {members} as {group.label}.",
        items=[{"label": r.label(m)} for m in group.members],
        sources=r.claim_sources(c for c in r.k.claims if g.subject in c.subjects or g.subject in c.objects)[:1],
    )
    if len(inside) == len(named):
        return _with_verdict(question, base, "yes", "")
    others = ", ".join(r.label(s) for s in named if s not in inside)
    return _with_verdict(question, base, "unknown", f"the source does not name {others} among them.")


_RECORD = re.compile(
    r"\b(?:(?P<low>lowest|smallest|weakest)|highest|largest|biggest|strongest|a record|record high|all[- ]time high)\b",
    re.IGNORECASE,
)


def _same_year_end(a: date, b: date) -> bool:
    """Years that end at the same time of year (fiscal years, not trailing twelve months)."""
    gap = abs(a.timetuple().tm_yday - b.timetuple().tm_yday)
    return min(gap, 366 - gap) <= 7


def _record_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """'Was Apple's FY2025 capex the highest it's ever been?': the figure against every other figure of
    the same series over periods of the same length."""
    m = _RECORD.search(question)
    if m is None or len(q.subjects) != 1 or not q.metric or len(q.periods) != 1:
        return None
    f = r.find(q.subjects[0], q.metric, q.periods[0], now=q.now)
    if f is None or f.quantity.period.start is None or f.quantity.period.end is None:
        return None
    days = (f.quantity.period.end - f.quantity.period.start).days
    peers = [
        g
        for g in r.available(q.subjects[0], f.quantity.metric)
        if not g.is_change
        and g.quantity.period.start
        and g.quantity.period.end
        and abs((g.quantity.period.end - g.quantity.period.start).days - days) <= 10
        and (days < 300 or _same_year_end(g.quantity.period.end, f.quantity.period.end))
    ]
    if len(peers) < 2:
        return None
    low = m.group("low") is not None
    best = (min if low else max)(peers, key=lambda g: g.value.value)
    word = "lowest" if low else "highest"
    base = value_answer(r, question, f)
    top = f"{r.plabel(best.quantity)}: {r.fmt(best)}"
    if best.quantity == f.quantity:
        return _with_verdict(question, base, "yes", f"it is the {word} of {len(peers)} such periods on record.")
    return _with_verdict(question, base, "no", f"the {word} of {len(peers)} such periods on record is {top}.")


_CONSISTENT = re.compile(
    r"\b(?:consistent|in line|agrees?|match(?:es)?|squares?|tally|tallies|line up|lines up|reconciles?|accurate)\b",
    re.IGNORECASE,
)


def _consistency_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """'Is the article's nearly $40B for Alphabet consistent with what it filed?': the article's figure
    against the filing's for the same company and period, within the article's own qualifier."""
    if not _CONSISTENT.search(question) or len(q.subjects) != 1:
        return None
    subject = q.subjects[0]
    article, filing = r.with_source("article"), r.with_source("filing")
    told = [
        f
        for f in article.available(subject, q.metric, q.periods[0] if q.periods else None)
        if not f.is_change and f.status != "derived"
    ]
    if q.amounts:
        told = [f for f in told if any(abs(f.value.value - a) <= abs(a) * 0.005 for a in q.amounts)]
    if len(told) != 1:
        return None
    said = told[0]
    filed = filing.find(subject, said.quantity.metric, said.quantity.period)
    one_up = (
        next(iter(r.k.entities[said.quantity.metric].broader), None) if said.quantity.metric in r.k.entities else None
    )
    broader = filing.find(subject, one_up, said.quantity.period) if filed is None and one_up else None
    base = value_answer(r, question, said)
    if filed is not None:
        ok = filed.value.overlaps(said.value) or said.value.bounds[0] <= filed.value.value <= said.value.bounds[1]
        why = (
            f"the filing gives {r.fmt(filed)}, within the article's {r.fmt(said)}."
            if ok
            else (f"the filing gives {r.fmt(filed)}, outside the article's {r.fmt(said)}.")
        )
        return _with_verdict(question, base, "yes" if ok else "no", why)
    if broader is not None:
        return _with_verdict(
            question,
            base,
            "unknown",
            f"they measure different things: the article's {r.label(said.quantity.metric)} ({r.fmt(said)}) against "
            f"the filed {r.label(broader.quantity.metric)} ({r.fmt(broader)}).",
        )
    return None


def answer_yes_no(r: Responder, question: str, q: Query) -> Answer:
    member = _membership_verdict(r, question, q)
    if member is not None:
        return member
    consistent = _consistency_verdict(r, question, q)
    if consistent is not None:
        return consistent
    record = _record_verdict(r, question, q) if q.threshold is None else None
    if record is not None:
        return record
    t = q.threshold
    times = t.value if t is not None and t.unit == "multiple" else q.change_multiple
    if times is not None and len(set(q.subjects)) >= 2 and len(q.operands) >= 2:
        # "is the 2032 genAI revenue at least 3x the 2032 hyperscaler capex?": one figure over the other
        return _multiple_verdict(r, question, q, times, t.op if t is not None and t.unit == "multiple" else None)
    if t is not None and (q.subjects or q.metric):
        base = _measured(r, question, q, t)
        if not base.answered or base.value is None:
            return base
        stand_in = [f for f in base.basis if q.subjects and f.quantity.subject not in q.subjects]
        if stand_in and not q.metric:
            # "AI ad uplift above $250B?" answered by generative AI's revenue: not the figure asked about
            return _with_verdict(question, base, "unknown", "the sources give no figure for exactly that; the nearest:")
        low, high = _bounds(base)
        if base.measure == "pp_change" and t.unit == "ratio" and not t.by:
            low, high = abs(low), abs(high)
        ok = t.holds(low, high)
        # "over 20%" is more than 20%, "nearly $40B" less than $40B: their bound itself is excluded
        if ok is None and t.op == ">" and base.qualifier == "at_least" and low == t.value:
            ok = True
        if ok is None and t.op == "<" and base.qualifier == "nearly" and high == t.value:
            ok = True
        verdict = _verdict(ok)
        return _with_verdict(question, base, verdict, f"the question asks about {_threshold_text(t)}.")
    if q.change_multiple is not None and q.subjects and q.metric:
        base = changes.answer_change(r, question, replace(q, yes_no=False, intent="change", measure="multiple"))
        if not base.answered or base.value is None:
            return base
        low, high = _bounds(base)
        target = q.change_multiple
        if q.comparator == ">" and re.search(
            r"\b(?:more than|over|at least)\s+(?:doubl|tripl|quadrupl)", question, re.I
        ):
            # "did capex more than double?": a multiple above two, not about two
            verdict = "yes" if low > target else "no" if high <= target else "unknown"
        else:
            near = abs(base.value - target) <= target * _CHANGE_WORD_SLACK
            inside = low <= target * (1 + _CHANGE_WORD_SLACK) and high >= target * (1 - _CHANGE_WORD_SLACK)
            verdict = "yes" if near else "no" if not inside else "unknown"
        return _with_verdict(question, base, verdict, f"a {target:g}x change is asked about.")
    about = _about_verdict(r, question, q)
    if about is not None:
        return about
    # the readings in turn, the first that the graph can answer wins: a stated relation, figures, a status
    tried: list[Answer] = []
    if q.predicates and len(q.subjects) >= 2:
        tried.append(_relation_verdict(r, question, q))
        if tried[-1].verdict == "yes":
            return tried[-1]
    if q.direction and len(q.subjects) == 1 and q.metric:
        tried.append(_direction_verdict(r, question, q, q.direction))
    if len(q.subjects) >= 2 or (q.subjects and len(q.periods) >= 2 and q.comparator):
        tried.append(_compare_verdict(r, question, q))
    if q.status_asked and not (tried and tried[-1].answered):
        tried.append(_status_verdict(r, question, q))
    if (q.predicates or q.concepts) and not (tried and tried[-1].answered):
        tried.append(_relation_verdict(r, question, q))
    if not any(a.answered for a in tried):
        tried.append(values.answer_value(r, question, replace(q, yes_no=False, intent="value")))
    decided = [a for a in tried if a.verdict in ("yes", "no")]
    return next(iter(decided), next((a for a in tried if a.answered and a.kind == "yes_no"), tried[0]))


def _multiple_verdict(r: Responder, question: str, q: Query, times: float, op: str | None) -> Answer:
    """'Is A at least 3x B?', 'is A over 1.5 times B?': A over B against the multiple."""
    base = shares.answer_ratio(r, question, replace(q, yes_no=False, intent="ratio", measure="multiple"))
    if not base.answered or base.value is None or base.measure != "multiple":
        return base
    low, high = _bounds(base)
    if op == ">":
        verdict = "yes" if low >= times else "no" if high < times else "unknown"
    elif op == "<":
        verdict = "yes" if high < times else "no" if low >= times else "unknown"
    else:  # "is A 3x B?": about that multiple
        verdict = "yes" if abs(base.value - times) <= times * _CHANGE_WORD_SLACK else "no"
    return _with_verdict(question, base, verdict, f"a multiple of {times:g}x is asked about.")


#: "about 40%", "around $370bn", "roughly half": an amount (or a fraction) written as approximate
_ABOUT = re.compile(
    r"(?:\b(?:about|around|roughly|approximately|approx\.?|close to|circa|in the region of|on the order of)\s+|~\s*)"
    r"(?:(?P<frac>half|a half|a third|one third|two thirds|a quarter|one quarter|three quarters|a fifth|one fifth)\b"
    r"|\$?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|percent|pct|tn|trillion|t\b|bn|billion|b\b|mn|million|m\b)?)",
    re.IGNORECASE,
)
_FRACTION_VALUES = {
    "half": 0.5, "a half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3,
    "a quarter": 0.25, "one quarter": 0.25, "three quarters": 0.75, "a fifth": 0.2, "one fifth": 0.2,
}  # fmt: skip
_SCALES = {
    "tn": 1e12,
    "trillion": 1e12,
    "t": 1e12,
    "bn": 1e9,
    "billion": 1e9,
    "b": 1e9,
    "mn": 1e6,
    "million": 1e6,
    "m": 1e6,
}
#: how far "about X" may be from X
_ABOUT_SLACK = 0.1


def _about_target(question: str) -> tuple[float, str] | None:
    m = _ABOUT.search(question)
    if m is None:
        return None
    if m.group("frac"):
        return _FRACTION_VALUES[m.group("frac").lower()], "ratio"
    unit = (m.group("unit") or "").lower()
    if unit in ("%", "percent", "pct"):
        return float(m.group("num")) / 100, "ratio"
    if unit in _SCALES:
        return float(m.group("num")) * _SCALES[unit], "USD"
    return None


def _about_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """'Will AI account for about 40% of server revenue within a few years?', 'is inference around half
    of AI spending by 2032?': the figure against an approximate amount, 10% either way."""
    found = _about_target(question)
    if found is None or len(q.subjects) != 1 or q.status_asked:
        return None
    target, unit = found
    plain = replace(q, yes_no=False, intent="value", amounts=[], predicates=[])
    metric = r.k.entities.get(q.metric) if q.metric else None
    share = (
        shares.one_subject_share(r, question, plain) if unit == "ratio" and metric and metric.unit != "ratio" else None
    )
    base = share or values.answer_value(r, question, plain)
    if not base.answered or base.value is None or base.unit != unit:
        return base if not base.answered else None
    low, high = _bounds(base)
    lo, hi = target * (1 - _ABOUT_SLACK), target * (1 + _ABOUT_SLACK)
    verdict = "yes" if lo <= base.value <= hi else "no" if high < lo or low > hi else "unknown"
    return _with_verdict(
        question, base, verdict, f"the question asks about roughly {format_value(Value(target, unit))}."
    )


def _direction_verdict(r: Responder, question: str, q: Query, direction: str) -> Answer:
    """'Is the training share falling?': the stated or derived change, judged by its sign."""
    base = changes.answer_change(r, question, replace(q, yes_no=False, intent="change", measure=None))
    if not base.answered or base.value is None:
        return base
    low, high = _bounds(base)
    ok: bool | None = None
    if low > 0 if direction == "up" else high < 0:
        ok = True
    elif high <= 0 if direction == "up" else low >= 0:
        ok = False
    return _with_verdict(question, base, _verdict(ok), f"the question asks whether it goes {direction}.")


def _compare_verdict(r: Responder, question: str, q: Query) -> Answer:
    """'Did A exceed B?', 'is A more than B?': the first named against the second."""
    plain = replace(q, yes_no=False, intent="compare", measure=None)
    if len(q.subjects) >= 2 and q.scores.get("change", 0) >= _CHANGE_CUE:
        return _faster_verdict(r, question, q)  # "did A grow faster than B?": their changes, not their levels
    if len(q.subjects) >= 2:
        found, missing = comparisons.facts_for_subjects(r, plain)
        base = comparisons.answer_compare(r, question, plain)
        if base.answered and base.items and base.items[0].get("claim"):
            # no figures, but the source says which leads: the first named against that
            leads = base.items[0]["label"] == r.label(q.subjects[0])
            ok = leads if q.comparator != "<" else not leads
            return _with_verdict(
                question, base, "yes" if ok else "no", "the source says so." if ok else "the source says the reverse."
            )
        if missing or len(found) < 2:
            return base
        by_subject = {f.quantity.subject: f for f in found}
        first, second = by_subject.get(q.subjects[0]), by_subject.get(q.subjects[1])
    else:
        base = changes.answer_change(r, question, replace(plain, intent="change", measure="difference"))
        if not base.answered:
            return base
        pair = changes.pair_in_text_order(r, plain)
        if isinstance(pair, str):
            return base
        first, second = pair
    if first is None or second is None:
        return base
    return _two_facts_verdict(r, question, q, base, first, second)


#: A question whose change words weigh this much compares changes ("grow faster"), not levels.
_CHANGE_CUE = 2.5


def _faster_verdict(r: Responder, question: str, q: Query) -> Answer:
    base = comparisons.answer_compare_changes(r, question, replace(q, yes_no=False, intent="change"))
    if not base.answered or len(base.items) < 2:
        return base
    rates = {i["label"]: i["value"] for i in base.items}
    first, second = (r.label(s) for s in q.subjects[:2])
    if first not in rates or second not in rates:
        return base
    ok = rates[first] > rates[second] if q.comparator != "<" else rates[first] < rates[second]
    return _with_verdict(question, base, "yes" if ok else "no", "")


def _two_facts_verdict(r: Responder, question: str, q: Query, base: Answer, first: Fact, second: Fact) -> Answer:
    (a, b), (c, d) = first.value.bounds, second.value.bounds
    if q.comparator == "<":
        ok = True if b < c else False if a >= d else None
    else:
        ok = True if a > d else False if b <= c else None
    verdict = _verdict(ok)
    why = (
        f"{r.label(first.quantity.subject)} {r.plabel(first.quantity)}: {r.fmt(first)}; "
        f"{r.label(second.quantity.subject)} {r.plabel(second.quantity)}: {r.fmt(second)}."
    )
    if first.quantity.metric != second.quantity.metric:
        why += (
            f" Note: the figures measure different things ({r.label(first.quantity.metric)} vs "
            f"{r.label(second.quantity.metric)})."
        )
    if first.quantity.period != second.quantity.period and first.quantity.subject != second.quantity.subject:
        why += " Note: the periods differ."
    base.value = None
    return _with_verdict(question, base, verdict, why)


def _status_verdict(r: Responder, question: str, q: Query) -> Answer:
    """'Is the $371B a forecast?': the status of the figure the question points at."""
    facts = sources.facts_with_amounts(r, q)
    if q.subjects:  # "is Meta's $30.7B a forecast?": never another company's figure of that size
        facts = [f for f in facts if f.quantity.subject in q.subjects]
    if not facts and q.subjects and q.metric:
        base = values.answer_value(r, question, replace(q, yes_no=False, intent="value"))
        if not base.answered or base.status is None:
            return base
        return _with_verdict(question, base, "yes" if base.status == q.status_asked else "no", f"it is {base.status}.")
    if not facts:
        return make_answer(
            question,
            "not_found",
            "I don't know which figure you mean; name it (“is the $371B for 2025 a forecast?”).",
            suggestions=[],
        )
    f = facts[0]
    base = value_answer(r, question, f)
    verdict = "yes" if f.status == q.status_asked else "no"
    return _with_verdict(question, base, verdict, f"the figure is {f.status}.")


def _ancestors(r: Responder, iri: str) -> set[str]:
    seen: set[str] = set()
    todo = list(r.k.entities[iri].broader) if iri in r.k.entities else []
    while todo:
        b = todo.pop()
        if b not in seen:
            seen.add(b)
            todo.extend(r.k.entities[b].broader if b in r.k.entities else ())
    return seen


#: relations whose two sides cannot be swapped ("A exceeds B" says nothing of B exceeding A)
_ORDERED = frozenset({"https://kgbot.dev/ns#exceeds"})


def _stated(r: Responder, q: Query) -> bool:
    """Whether one claim, in the relation asked, involves every thing the question names; a class or a
    broader term beside a narrower one ('HBM ... hardware demand drivers') only describes it."""
    named = [c for c in q.concepts if c in r.k.entities]
    broader = {a for c in named for a in _ancestors(r, c)}
    kinds = {r.k.entities[c].kind for c in named}  # "hardware" beside HBM, a hardware category, names its kind
    required = [c for c in named if c not in broader and r.k.entities[c].label.lower() not in kinds]
    if not required:
        return False
    below = {x: _narrower_all(r, x) for x in required}
    for c in r.k.claims:
        if q.predicates and c.predicate not in q.predicates:
            continue
        involved = set(c.subjects) | set(c.objects)
        if c.predicate in _ORDERED and len(required) == 2:
            # "will training exceed inference?": the first named must be the one that exceeds
            if required[0] in c.subjects and required[1] in c.objects:
                return True
            continue
        if all(x in involved or involved & below[x] for x in required):
            return True
    return False


def _narrower_all(r: Responder, iri: str) -> set[str]:
    return {e.iri for e in r.k.entities.values() if iri in _ancestors(r, e.iri)}


def _relation_verdict(r: Responder, question: str, q: Query) -> Answer:
    """'Does Meta build reasoning models?': a stated relation is a yes; silence is unknown."""
    listed = lists.answer_list(r, question, replace(q, yes_no=False, intent="list"))
    if not listed.answered or not listed.items:
        return _with_verdict(
            question,
            make_answer(question, "value", "The sources state nothing about that."),
            "unknown",
            "",
        )
    if q.unknown:  # "Is DRAM one of the demand drivers?": the sources never name it
        return _with_verdict(
            question, listed, "unknown", f"the sources never mention {', '.join(q.unknown)}; what they do say:"
        )
    hit = _stated(r, q)
    if hit:
        return _with_verdict(question, listed, "yes", "the sources say so.")
    return _with_verdict(question, listed, "unknown", "the sources do not say so; what they do say:")


def answer_threshold_list(r: Responder, question: str, q: Query) -> Answer:
    """'Which companies had capex over $60bn in 2024?': the figures that pass, each with its source."""
    t = q.threshold
    assert t is not None
    growth = t.unit == "ratio" and q.scores.get("change", 0) >= _CHANGE_CUE and len(q.subjects) >= 2
    if growth:  # "who grew capex >60% in 2025 among AMZN, GOOGL, META?": their changes pass or not
        ranked = comparisons.answer_compare_changes(r, question, replace(q, threshold=None, intent="change"))
    else:
        ranked = comparisons.answer_rank(r, question, replace(q, threshold=None, intent="rank"))
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
    head = _threshold_text(t)
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


_FIRST = re.compile(
    # "first" of a period ("the first two quarters", "first half") names a period, not a crossing
    r"\b(?:first(?!\s+(?:two|three|four|five|six|nine|\d+|half|quarter|months?)\b)|earliest|when did"
    r"|which (?:year|quarter))\b",
    re.IGNORECASE,
)


def asks_first_crossing(question: str, q: Query) -> bool:
    """'When did Meta's annual capex first cross $10B?', 'which quarter first went over $20B?'"""
    return q.threshold is not None and len(q.subjects) == 1 and q.metric is not None and bool(_FIRST.search(question))


def answer_first_crossing(r: Responder, question: str, q: Query) -> Answer:
    """The earliest period of the asked kind whose figure passes the threshold, with that figure."""
    t = q.threshold
    assert t is not None and q.metric is not None
    kind = "quarter" if re.search(r"\bquarter|\bqtr|\bq[1-4]\b", question, re.IGNORECASE) else "year"
    kinds = {"quarter"} if kind == "quarter" else {"year", "fiscal-year"}
    series = sorted(
        (
            f
            for f in r.available(q.subjects[0], q.metric)
            if f.quantity.period.kind in kinds
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
        if t.holds(low, high):
            ans = value_answer(r, question, f)
            if gap is not None:  # an earlier figure, not in the sources, may have passed the threshold
                ans.kind, ans.answered, ans.value, ans.measure, ans.unit = "not_found", False, None, None, None
                ans.text = (
                    f"I can't tell which {kind} first passed {_threshold_text(t)}: the sources have no figures of "
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
        f"No {kind} of {r.possessive(q.subjects[0])} {r.label(q.metric)} in the sources passes {_threshold_text(t)}.",
    )
