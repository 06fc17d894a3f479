"""Explanations, sources and help."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.explanation import render_tree
from kg.knowledge import Claim
from kg.reasoning import explain

from ...answer import Answer, SourceRef
from ...arithmetic import arithmetic, derivation_lines
from ..facts import Fact, Responder
from ..understand import Query
from . import values
from .common import examples, fact_measure, make_answer


def answer_explain(
    r: Responder, question: str, q: Query, last: list[Fact], last_answer: Answer | None = None
) -> Answer:
    formula = (last_answer.derivation or {}).get("formula") if last_answer is not None else None
    facts = last or facts_with_amounts(r, q)
    if not facts and q.subjects and q.metric:
        f = r.find(q.subjects[0], q.metric, q.periods[0]) if q.periods else None
        facts = [f] if f else []
    if not facts:
        return make_answer(
            question,
            "not_found",
            "There is nothing to explain yet: ask for a figure first, then “how did you get that?”.",
            suggestions=examples(r),
        )
    lines: list[str] = []
    for f in facts:
        deriv = r.derivation_of(f)
        # a derived figure reads as arithmetic with its numbers; a stated one as its tree of sources
        lines.extend(derivation_lines(deriv) if deriv else render_tree(r.k, explain(r.k, r.d, f.quantity)))
    first = facts[0]
    if formula and len(facts) > 1 and last_answer is not None:
        # an analytic over the figures below: the value is the one that answer gave, in its measure
        head = f"Computed as {_pretty(formula)}, from:"
        return replace(  # the figure that answer gave, explained
            last_answer,
            question=question,
            kind="explanation",
            verdict=None,
            text=head + "\n" + "\n".join(lines),
            items=[],
            suggestions=[],
            sources=r.sources_of(facts),
            basis=tuple(facts),
        )
    elif first.derivation is None and len(facts) == 1:
        head = f"{r.sentence(first)} It is stated by the source, not computed."
    else:
        head = f"{r.sentence(first)}\nHow it was computed, down to the stated figures:"
    return make_answer(
        question,
        "explanation",
        head + "\n" + "\n".join(lines),
        value=first.value.value,
        measure=fact_measure(first),
        unit=first.value.unit,
        qualifier=first.value.qualifier,
        status=first.status,
        subject=r.label(first.quantity.subject),
        metric=r.label(first.quantity.metric),
        period=r.plabel(first.quantity),
        sources=r.sources_of(facts),
        derivation=r.derivation_of(first),
    )


def explain_claims(r: Responder, question: str, claims: list[Claim]) -> Answer:
    """'Why is that?' after an answer the sources state in words: their words, quoted, with where from."""
    said = [q for c in claims for q in (c.quotes or ((c.statement,) if c.statement else ()))]
    text = "The source's own words: " + " ".join(f"“{s}”" for s in dict.fromkeys(said))
    return make_answer(question, "explanation", text, sources=r.claim_sources(claims))


#: "when was that reported?", "when was it filed?": the date of the source, not the period of the figure
_WHEN_PUBLISHED = re.compile(r"\b(?:report|file|publish|releas|stat|sa(?:id|y)|announc|disclos)\w*\b", re.I)


def answer_when(r: Responder, question: str, facts: list[Fact], claims: list[Claim]) -> Answer:
    """'By when?', 'when was that?', 'when was it filed?' after an answer: the period the last answer's
    figures or statements are for, or the dates of their sources, in the sources' own words."""
    if _WHEN_PUBLISHED.search(question):
        refs = r.sources_of(facts) if facts else r.claim_sources(claims)
        dated = "; ".join(f"{s.title} ({s.publisher + ', ' if s.publisher else ''}{s.date})" for s in refs if s.date)
        undated = "; ".join(dict.fromkeys(f"“{s.title}”" for s in refs if not s.date))
        if dated or undated:
            text = (f"Published: {dated}." if dated else "") + (
                f" No publication date is recorded for {undated}." if undated else ""
            )
            return make_answer(question, "explanation", text.strip(), sources=refs)
    timed = [c for c in claims if c.period is not None]
    if timed:
        said = [q for c in timed for q in (c.quotes[:1] or ((c.statement,) if c.statement else ()))]
        periods = ", ".join(dict.fromkeys(c.period.label for c in timed if c.period is not None))
        text = f"{periods}: " + " ".join(f"“{s}”" for s in dict.fromkeys(said))
        return make_answer(question, "explanation", text, sources=r.claim_sources(timed))
    if facts:
        each = "; ".join(
            dict.fromkeys(
                f"{r.possessive(f.quantity.subject)} {r.label(f.quantity.metric)}: {r.plabel(f.quantity)}"
                for f in facts
            )
        )
        return make_answer(question, "explanation", f"{each}.", sources=r.sources_of(facts))
    return make_answer(
        question,
        "not_found",
        "The last answer gives no date or period: its statements are not tied to one.",
        sources=r.claim_sources(claims),
    )


def _pretty(formula: str) -> str:
    """An analytic's formula, already in numbers, with the usual signs ('÷', '×', '−')."""
    return arithmetic({"formula": formula, "value": None, "inputs": []}) or formula


def facts_with_amounts(r: Responder, q: Query) -> list[Fact]:
    """Figures whose value is an amount the question writes ('the $371B figure'), best match first.

    Many figures round to a written amount ($524.9B revenue and the $525B forecast); the one the
    question means is in the period it names, stated rather than derived, and written that way
    in its own quote.
    """
    scored = _scored(r, q, r.available())
    if r.source is None and max((s for s, _ in scored), default=0) < _QUOTED:
        # (the article's "nearly $40 billion" stands behind the filed figure of the same quantity: where no
        # figure is written that way in its own quote, the article's own figures are looked at too)
        quoted = [(s, f) for s, f in _scored(r, q, r.with_source("article").available()) if s >= _QUOTED]
        scored = quoted or scored
    if not scored:
        return []
    best = max(s for s, _ in scored)
    return [f for s, f in scored if s == best]


def figure_of_amount(r: Responder, q: Query) -> Fact | None:
    """The one figure whose value is the amount the question writes ('what is the $525B figure?');
    None when there is none or more than one."""
    held = facts_with_amounts(r, replace(q, metric=None, subjects=[]))
    if len({f.quantity for f in held}) == 1:
        return held[0]
    return None


def change_of_rate(r: Responder, q: Query) -> Query | None:
    """The one change the sources state at the rate the question writes ('what does the 44% refer to?'),
    as a question for it; None when there is none or more than one."""
    rates = {(rel.refs["from"], rel.refs["to"]) for rel in r.changes_at_rates(q.amounts) if "from" in rel.refs}
    if len(rates) != 1:
        return None
    start, end = rates.pop()
    if start.subject != end.subject or start.metric != end.metric:
        return None
    periods = [start.period, end.period]
    return replace(
        q, subjects=[end.subject], metric=end.metric, periods=periods, amounts=[], intent="change", measure=None
    )


_QUOTED = 5  # a stated figure written in its own quote as the question writes it


#: "the article-implied 257.6B", "the derived 2024 figure": a figure the sources imply, not one they state
_IMPLIED_FIGURE = re.compile(r"\bimplied\b|\bderived\b|\bbacked[-\s]out\b|\bworked[-\s]out\b", re.IGNORECASE)
#: "the article's 30.7B", "per the piece": a figure of the article, not of a filing
_ARTICLE_FIGURE = re.compile(r"\b(?:article|piece|story|report)(?:['’]s|-implied)?\b", re.IGNORECASE)


def _scored(r: Responder, q: Query, held: list[Fact]) -> list[tuple[int, Fact]]:
    scored: list[tuple[int, Fact]] = []
    implied, article = bool(_IMPLIED_FIGURE.search(q.text)), bool(_ARTICLE_FIGURE.search(q.text))
    years = set(re.findall(r"\b(?:19|20)\d\d\b", q.text))
    for amount in q.amounts:
        for f in held:
            v = f.value.value
            if not v or abs(v - amount) > abs(amount) * 0.005:
                continue
            if q.periods and f.quantity.period not in q.periods:
                continue
            stated = f.status != "derived"
            score = (2 if stated != implied else 0) + (2 if abs(v - amount) <= abs(amount) * 1e-3 else 0)
            if article and not r.filed(f):
                score += 1  # ("the article-implied 257.6B": not Alphabet's filed revenue of that size)
            if f.quantity.period.end and str(f.quantity.period.end.year) in years:
                score += 1  # ("2024: article-implied 257.6B vs ...": the year the question writes)
            quotes = " ".join(f.observation.quotes) if f.observation else ""
            if re.search(
                rf"(?<![\d.,]){re.escape(_written(amount))}(?:\.0+)?\s*(?:trillion|billion|million|bn|tn|%)", quotes
            ):
                score += 3
            scored.append((score, f))
    return scored


def _written(amount: float) -> str:
    """How a source writes an amount's digits: 371e9 -> '371', 0.44 -> '44'."""
    for scale in (1e12, 1e9, 1e6, 0.01):
        if abs(amount) >= scale or scale == 0.01:
            return f"{amount / scale:g}"
    return f"{amount:g}"


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
        last = facts_with_amounts(r, q)
        extra = _relation_sources_with_amounts(r, q)
    if not last and not last_claims and extra:
        text = " ".join(f"“{s.quote}” — {s.title}" for s in extra[:3])
        cited = make_answer(question, "explanation", text, sources=extra)
        change = change_of_rate(r, q) if len(q.amounts) == 1 else None
        end = r.find(change.subjects[0], change.metric, change.periods[-1]) if change and change.metric else None
        if end is not None:
            # "source for the +44% hyperscaler capex growth stat?": the stated change is the figure asked about
            cited.value, cited.unit, cited.measure, cited.status = q.amounts[0], "ratio", "percent_change", end.status
        return cited
    if not last and not last_claims:
        if q.subjects or q.metric:
            # "source for Meta's 2023 capex?": the figure's own quotes and sources, the figure alongside
            figure = values.answer_value(r, question, replace(q, intent="value"))
            if not figure.answered or not figure.sources:
                return figure
            quotes = " ".join(f"“{s.quote}” — {_cited(s)}" for s in figure.sources[:3])
            figure.kind, figure.text = "explanation", f"{figure.text} Source: {quotes}"
            return figure
        return make_answer(
            question, "not_found", "Ask for a figure first; then I can give its source.", suggestions=examples(r)
        )
    sources = r.sources_of(last) + r.claim_sources(last_claims)
    text = " ".join(f"“{s.quote}” — {_cited(s)}" for s in sources[:3])
    forecasters = sorted(
        {r.label(a) for f in last if f.observation and f.status == "forecast" for a in f.observation.attributed_to}
    )
    filers = sorted({r.label(f.quantity.subject) for f in last if f.observation and f.observation.from_filing})
    if forecasters:
        text = f"Forecast by {', '.join(forecasters)}. {text}"
    elif filers:
        text = f"Filed by {', '.join(filers)} with the SEC. {text}"
    elif re.match(r"\s*(?:and\s+)?who\b", question, re.IGNORECASE) and last:
        text = f"The source names no forecaster for this figure; it says: {text}"  # attribution only where made
    answer = make_answer(
        question, "explanation", text, sources=sources, subject=r.label(last[0].quantity.subject) if last else None
    )
    if len(last) == 1 and not q.yes_no:
        # "where does Meta's FY2024 capex of $37.3bn come from?": the figure whose source it is, alongside
        f = last[0]
        answer.value, answer.unit, answer.qualifier = f.value.value, f.value.unit, f.value.qualifier
        answer.status, answer.measure = f.status, fact_measure(f)
        answer.metric, answer.period = r.label(f.quantity.metric), r.plabel(f.quantity)
    return _source_verdict(r, question, q, last, answer) if q.yes_no else answer


def _source_verdict(r: Responder, question: str, q: Query, last: list[Fact], answer: Answer) -> Answer:
    """'Is Bloomberg Intelligence the source of the $1.8T figure?': see ``attribution_verdict``."""
    from .verdict_basics import attribution_verdict

    facts = [f for f in last if f.observation]
    subjects = {f.quantity.subject for f in facts}
    named = [*q.credited, *(s for s in q.subjects if s not in subjects)]
    if not facts or not (named or q.unknown):
        return answer
    return attribution_verdict(r, question, replace(q, credited=named), replace(answer, basis=tuple(facts)))


def _cited(s: SourceRef) -> str:
    """'Title (publisher, date)': what a reader needs to find the source."""
    extra = ", ".join(x for x in (s.publisher, s.date) if x)
    return f"{s.title} ({extra})" if extra else s.title


def answer_help(r: Responder, question: str, q: Query) -> Answer:
    k = r.k
    subjects = ", ".join(sorted({r.label(s) for s in r.subjects()})[:8])
    text = (
        f"I answer questions about AI-infrastructure spending from a knowledge graph of {len(k.observations)} "
        f"sourced figures — {subjects} and more — with values, periods, qualifiers and quotes. "
        "Ask for a figure, a change, a comparison or a list; ask “how did you get that?” for the steps."
    )
    return make_answer(question, "help", text, suggestions=examples(r))
