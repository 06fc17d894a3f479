"""What is settled around the answer rather than by it: a figure the question puts in the sources' mouth
that they do not give, each operand's quantity from the amount written for it, a count asked that no
figure answers, a share given where dollars were asked, the companies a list leaves out by request, and
who the members of a listed group are."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.format import format_value
from kg.values import Value

from ...answer import Answer
from ..amounts import amounts_in
from ..facts import Responder
from ..understand import Query
from . import sources, who_and_what
from .common import make_answer, not_found

__all__ = [
    "DOLLARS_ASKED",
    "count_not_held",
    "no_dollar_figure",
    "periods_from_amounts",
    "premise_against_the_sources",
    "who_they_are",
    "without_excepted",
]


#: "the $ value of inference spend in 2032 (not the share)": an amount in dollars, which a share is not
DOLLARS_ASKED = re.compile(
    r"(?:\$|\bdollar|\busd)\s*(?:value|amount|figure|terms|number|size)\b|\bin (?:dollars|usd)\b|\bin \$"
    r"|\bhow many (?:dollars\b|\$)|\bactual (?:\$|dollars?|usd)|\bnot (?:the |a |as a )?(?:share|%|percent(?:age)?)\b",
    re.IGNORECASE,
)


def no_dollar_figure(answer: Answer) -> Answer:
    """A share where an amount in dollars was asked: said as what is known, never as the answer."""
    known = answer.text
    return replace(
        answer,
        kind="not_found",
        answered=False,
        value=None,
        measure=None,
        unit=None,
        text=f"I don't know that in dollars: the sources give it only as a share. What I do know: {known}",
    )


_AMT = r"~?\$?\s?\d[\d.,]*\s?(?:trillion|billion|bn|tn|t|b|%|percent)?"
#: a figure the question puts in the sources' mouth: "the article's $625bn 2032 forecast", "training's share
#: is forecast to climb to 40% by 2032"; or one it supposes: "if hyperscaler capex were $625bn in 2032"
_CLAIMED_FIGURE = re.compile(
    rf"\b(?:article|source|piece|report|filing|10-[kq])(?:'s|’s)\s+(?:[\w-]+\s+){{0,4}}?(?P<said>{_AMT})"
    rf"|\b(?:is|are|was|were)\s+(?:forecast|projected|expected)\s+to\s+(?:climb|rise|fall|drop|reach|grow|increase"
    rf"|decline|hit|go)\s+(?:up\s+|down\s+)?to\s+(?P<forecast>{_AMT})"
    rf"|\bif\s+(?:[\w'’-]+\s+){{1,6}}?(?:were|was|is|hits?|reach(?:es|ed)?|came in at)\s+(?P<supposed>{_AMT})",
    re.IGNORECASE,
)
#: how far a figure the question says the sources give may be from theirs (rounding, "~")
_PREMISE_SLACK = 0.06


def premise_against_the_sources(r: Responder, question: str, q: Query) -> Answer | None:
    """'Taking the article's $625bn 2032 forecast, what's the CAGR?': a figure the question says the
    sources give, or supposes, where they give another, is set against theirs; nothing is computed
    from it."""
    if q.yes_no:
        return None
    for m in _CLAIMED_FIGURE.finditer(question):
        written = amounts_in(m.group(m.lastgroup or "said"))
        if len(written) != 1:
            continue
        amount = written[0]
        bound = [o for o in q.operands if o.amount is not None and abs(o.amount - amount) <= abs(amount) * 1e-9]
        whole = [o for o in q.operands if o.amount is None and o.subject and o.metric and o.period]
        if bound and bound[0].subject and bound[0].metric and bound[0].period:
            target = bound[0]
        elif m.lastgroup == "forecast" and len(whole) == 1:
            target = whole[0]  # "training's share ... is forecast to climb to 40% by 2032"
        else:
            continue
        assert target.subject and target.metric and target.period
        f = r.find(target.subject, target.metric, target.period)
        if f is None or (f.value.unit == "ratio") != (abs(amount) <= 1.5):
            continue
        if f.value.overlaps(Value(amount, f.value.unit), slack=_PREMISE_SLACK):
            continue
        said = format_value(Value(amount, f.value.unit))
        text = (
            f"That supposes {said}, but in the sources {r.describe(f)} is {r.fmt(f)}. I compute only from the "
            "sources' figures, so I have not computed this one; ask again without the supposed figure for theirs."
            if m.lastgroup == "supposed"
            else f"The sources do not give {said} for that: {r.describe(f)} is {r.fmt(f)}. "
            "I have not computed anything from a figure they do not state; ask again with theirs."
        )
        return make_answer(question, "not_found", text, sources=r.sources_of([f]))
    return None


def periods_from_amounts(r: Responder, q: Query) -> Query:
    """Each subject's quantity from the one figure its written amount names, when the periods written do not
    place them all ("how many times bigger is the 1.8T genAI revenue forecast than this year's 371B capex",
    "Meta's H1'25 AI capex as % of the $371B hyperscaler total")."""
    amounts = list(dict.fromkeys(q.amounts))
    if len(q.periods) > 1 or not 1 <= len(amounts) <= 2 or len(set(q.subjects)) != 2:
        return q
    named = [
        sources.facts_with_amounts(r, replace(q, amounts=[a], subjects=[], metric=None, periods=[])) for a in amounts
    ]
    if any(len(n) != 1 for n in named):
        return q
    facts = [n[0] for n in named]
    by_subject = {f.quantity.subject: f.quantity for f in facts}
    if len(by_subject) != len(facts) or not set(by_subject) <= set(q.subjects):
        return q
    if all(
        f.quantity.period in q.periods and f.quantity.metric in (q.metric, q.subject_metrics.get(f.quantity.subject))
        for f in facts
    ):
        return q  # (the question places them already)
    if len(facts) == 1 and not q.periods:
        return q  # (the other one's period is nowhere written)
    operands = [
        replace(o, period=by_subject[o.subject].period, metric=by_subject[o.subject].metric)
        if o.subject in by_subject
        else o
        for o in q.operands
    ]
    metrics = {s: q.subject_metrics.get(s) or q.metric for s in q.subjects}
    metrics.update({s: quantity.metric for s, quantity in by_subject.items()})
    periods = list(dict.fromkeys([*q.periods, *(f.quantity.period for f in facts)]))
    return replace(
        q, operands=operands, periods=periods, subject_metrics={s: m for s, m in metrics.items() if m is not None}
    )


#: "how many new data centres ...": a count of things; what may follow "how many" and still ask an amount
_AMOUNT_WORDS = frozenset({
    "dollars", "dollar", "usd", "bn", "billion", "billions", "b", "m", "mn", "million", "millions", "t", "tn",
    "trillion", "trillions", "times", "x", "fold", "percent", "percentage", "percentages", "points", "point",
    "pp", "ppt", "ppts", "pts", "pt", "bps", "basis", "pct", "per",  # "per cent"
})  # fmt: skip


def count_not_held(r: Responder, question: str, q: Query, answer: Answer) -> Answer:
    """A count asked ('how many data centres will they build?') is never answered with an amount of money
    or a share: the sources count no such things."""
    m = who_and_what.HOW_MANY.search(question)
    if m is not None and answer.kind == "list" and answer.items and answer.value is None:
        # "how many new data centres will be built?": statements that never speak of them count nothing
        stem = m.group(1).lower().split()[-1][:5]
        said = " ".join([answer.text, *(str(i.get("label", "")) for i in answer.items)]).lower()
        named = re.fullmatch(
            rf"{who_and_what.ORG_WORDS}|names|members|hyperscalers|makers|people", m.group(1).lower().split()[-1]
        )
        if stem not in said and not named:
            return not_found(r, question, q, f"a count of {m.group(1).lower()}")
        return answer
    if m is None or answer.value is None or answer.unit not in ("USD", "ratio"):
        return answer
    noun = m.group(1).lower()
    first = noun.split()[0]
    if first in ("more", "fewer", "extra", "additional"):
        return answer  # "how many more $?": an amount more, not a count
    if first in _AMOUNT_WORDS or first.rstrip("s") in _AMOUNT_WORDS:
        return answer
    refused = not_found(r, question, q, f"a count of {noun}")
    refused.text = f"{refused.text.split('. ', 1)[0]}. What the sources do give: {answer.text}"
    return refused


_EXCEPT = re.compile(
    r"\b(?:besides|other than|apart from|aside from|beyond|excluding|except(?: for)?|not counting)\s+([^?,;]+)",
    re.IGNORECASE,
)


def who_they_are(r: Responder, answer: Answer) -> str:
    """' (Mark Zuckerberg leads Meta.)': the organisation each person listed leads."""
    notes = []
    labels = {str(i.get("label")) for i in answer.items}
    people = {e.label: e for e in r.k.entities.values() if e.kind == "person" and e.label in labels}
    for item in answer.items:
        person = people.get(str(item.get("label")))
        if person is None:
            continue
        led = [
            org for org, facts in r.k.facts.items() if any(o == person.iri for _, o in facts) and org in r.k.entities
        ]
        led = [org for org in led if r.k.entities[org].kind in ("company", "ai_lab", "analyst_firm")]
        if len(led) == 1:
            notes.append(f"{person.label} leads {r.label(led[0])}.")
    return (" " + " ".join(notes)) if notes else ""


def without_excepted(question: str, answer: Answer) -> Answer:
    """'besides latency/cost per query, what other factors ...': the items named there are left out."""
    m = _EXCEPT.search(question)
    if m is None or not answer.items:
        return answer
    named = " " + re.sub(r"[^a-z0-9]+", " ", m.group(1).lower()) + " "
    kept = [i for i in answer.items if f" {str(i.get('label', '')).lower()} " not in named]
    if kept and len(kept) < len(answer.items):
        answer.items = kept
    return answer
