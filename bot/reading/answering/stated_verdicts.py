"""Yes/no answers the sources decide by what they state rather than by arithmetic: a group's
named members, a record, the article against a filing, a figure's status, a stated relation."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from kg.format import format_value
from kg.knowledge import Claim

from ...answer import Answer
from ..amounts import amount_spans
from ..facts import Responder
from ..operands import Operand
from ..patterns import FIGURE_FOR_PERIOD
from ..understand import Query
from . import lists, sources, values
from .common import make_answer, value_answer
from .verdict_basics import with_verdict

MEMBERSHIP = re.compile(
    r"\b(?:one of|among|part of|a member of|members? of|counted (?:as|among)|included in|in the group of)"
    r"\s+(?:the\s+)?",
    re.IGNORECASE,
)


INCLUDES = re.compile(r"\b(?:include|includes|including|cover|covers|count|counts|contain|contains)\b", re.IGNORECASE)


MEMBERS_WORD = re.compile(r"(?:companies|firms|names|players|members|spenders|groups?)\b", re.IGNORECASE)


def membership_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """'Is MSFT one of the hyperscalers the article names?': the group's stated members decide."""
    groups = [
        o for o in q.operands if o.subject and r.k.entities.get(o.subject) and r.k.entities[o.subject].kind == "group"
    ]
    if not groups and len(q.amounts) == 1:
        # "Is Microsoft one of the companies in the $371B?": the group whose figure the amount is
        held = sources.facts_with_amounts(r, replace(q, subjects=[], metric=None, periods=[]))
        owner = held[0].quantity.subject if len(held) == 1 else None
        spans = amount_spans(question)
        if owner and getattr(r.k.entities.get(owner), "kind", None) == "group" and spans:
            groups = [Operand(spans[0][0], owner)]
            q = replace(q, subjects=[*q.subjects, owner])
    if len(groups) != 1:
        return None
    g = groups[0]
    group = r.k.entities.get(g.subject) if g.subject else None
    group_names = sorted((n.lower() for n in group.names), key=len, reverse=True) if group is not None else []

    def group_named_at(at: int) -> bool:  # ("one of the hyperscalers behind the 371B": the group by name)
        rest = question[at:].lower()
        return any(rest.startswith(n) and not rest[len(n) : len(n) + 1].isalnum() for n in group_names)

    # "one of the hyperscalers"; "one of the companies behind the $371bn 2025 hyperscaler capex number"
    phrase = next(
        (
            m
            for m in MEMBERSHIP.finditer(question)
            if 0 <= g.start - m.end() <= 2
            or (0 <= g.start - m.end() <= 80 and (MEMBERS_WORD.match(question, m.end()) or group_named_at(m.end())))
        ),
        None,
    )
    # "does the $371B 2025 hyperscaler figure include Alphabet's spending?": the group's figure, who is in it
    covers = INCLUDES.search(question) if phrase is None else None
    if covers is not None and covers.start() > g.start:
        phrase = covers
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
        return with_verdict(question, base, "yes", "")
    others = ", ".join(r.label(s) for s in named if s not in inside)
    return with_verdict(question, base, "unknown", f"the source does not name {others} among them.")


RECORD = re.compile(
    r"\b(?:(?P<low>lowest|smallest|weakest)|highest|largest|biggest|strongest|a record|record high|all[- ]time high)\b",
    re.IGNORECASE,
)


def same_year_end(a: date, b: date) -> bool:
    """Years that end at the same time of year (fiscal years, not trailing twelve months)."""
    gap = abs(a.timetuple().tm_yday - b.timetuple().tm_yday)
    return min(gap, 366 - gap) <= 7


def record_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """'Was Apple's FY2025 capex the highest it's ever been?': the figure against every other figure of
    the same series over periods of the same length."""
    m = RECORD.search(question)
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
        and (days < 300 or same_year_end(g.quantity.period.end, f.quantity.period.end))
    ]
    if len(peers) < 2:
        return None
    low = m.group("low") is not None
    best = (min if low else max)(peers, key=lambda g: g.value.value)
    word = "lowest" if low else "highest"
    base = value_answer(r, question, f)
    top = f"{r.plabel(best.quantity)}: {r.fmt(best)}"
    if best.quantity == f.quantity:
        return with_verdict(question, base, "yes", f"it is the {word} of {len(peers)} such periods on record.")
    return with_verdict(question, base, "no", f"the {word} of {len(peers)} such periods on record is {top}.")


CONSISTENT = re.compile(
    r"\b(?:consistent|in line|agrees?|match(?:es)?|squares?|tally|tallies|line up|lines up|reconciles?|accurate"
    r"|ties?\s+(?:to|out|up|with|back)"
    r"|same (?:number|figure|amount)|identical)\b",
    re.IGNORECASE,
)


#: the filings named, or agreement asked: a figure set against what was filed, not checked against its source
_FILING_NAMED = re.compile(r"\b(?:fil(?:ed|ing|ings)|10-?[kq]s?|sec|edgar|reported\s+(?:figure|number|capex))\b", re.I)
_AGREEMENT = re.compile(
    r"\b(?:consistent|in line|agrees?|match(?:es)?|squares?|tally|tallies|line up|lines up|reconciles?"
    r"|ties?\s+(?:to|out|up|with|back))\b",
    re.I,
)


#: "does X match Y?", "are they the same number?": whether two figures are one, not whether they agree
SAME_FIGURE = re.compile(r"\b(?:match(?:es)?|same|equal|identical|ties?\s+(?:to|out|with|back))\b", re.IGNORECASE)


def consistency_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """'Is the article's nearly $40B for Alphabet consistent with what it filed?': the article's figure
    against the filing's for the same company and period, within the article's own qualifier."""
    if not CONSISTENT.search(question) or len(q.subjects) != 1 or q.change_multiple is not None:
        return None  # ("Meta tripled its AI capital spending. Accurate?": a change to check, not a figure)
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
        return with_verdict(question, base, "yes" if ok else "no", why)
    if broader is not None and SAME_FIGURE.search(question) and not broader.value.overlaps(said.value):
        # "does the article's $30.7bn match the filed capex?": asked whether they are one figure, they are not
        return with_verdict(
            question,
            base,
            "no",
            f"they are different figures, of different measures: the article's {r.label(said.quantity.metric)} "
            f"({r.fmt(said)}) against the filed {r.label(broader.quantity.metric)} ({r.fmt(broader)}).",
        )
    if broader is not None and not _FILING_NAMED.search(question) and not _AGREEMENT.search(question):
        return None  # "'Meta's AI capex was $30.7B in H1 2025' — accurate?": true to the source that states it
    if broader is not None:
        return with_verdict(
            question,
            base,
            "unknown",
            f"they measure different things: the article's {r.label(said.quantity.metric)} ({r.fmt(said)}) against "
            f"the filed {r.label(broader.quantity.metric)} ({r.fmt(broader)}).",
        )
    return None


def period_of_figure_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """'Is the $1.8 trillion projection for the year 2030?': whether the figure named by its amount is
    for the period asked. No when the sources give it for another period, with the one they give."""
    if len(q.amounts) != 1 or len(q.periods) != 1 or q.comparator or q.threshold or q.now:
        return None
    if not FIGURE_FOR_PERIOD.search(question):
        return None
    if re.search(r"\bby\s+(?:the\s+end\s+of\s+)?(?:fy\s*)?'?\d{2,4}\b", question, re.IGNORECASE):
        return None  # ("a $1.8T business by 2030?": reached by then, which a later year's figure does not settle)
    facts = sources.facts_with_amounts(r, replace(q, periods=[]))
    if q.subjects:
        facts = [f for f in facts if f.quantity.subject in q.subjects]
    periods = {f.quantity.period for f in facts if not f.is_change}
    if len(periods) != 1:
        return None
    f = next(f for f in facts if not f.is_change)
    same = f.quantity.period == q.periods[0]
    said = r.period_phrase(f.quantity.period)
    return with_verdict(
        question, value_answer(r, question, f), "yes" if same else "no", f"the sources give that figure {said}."
    )


def status_verdict(r: Responder, question: str, q: Query) -> Answer:
    """'Is the $371B a forecast?': the status of the figure the question points at."""
    # "is the $1.8tn already realised?": 'already' asks about now, the figure written has its own period
    facts = sources.facts_with_amounts(r, replace(q, periods=[]) if q.now else q)
    if not facts and q.yearless:  # "Meta's $30.7bn H1 AI capex": the amount says which year's half
        facts = sources.facts_with_amounts(r, replace(q, periods=[]))
    if q.subjects:  # "is Meta's $30.7B a forecast?": never another company's figure of that size
        facts = [f for f in facts if f.quantity.subject in q.subjects]
    if not facts and q.subjects and q.metric:
        base = values.answer_value(r, question, replace(q, yes_no=False, intent="value"))
        if not base.answered or base.status is None:
            return base
        return with_verdict(question, base, "yes" if base.status == q.status_asked else "no", f"it is {base.status}.")
    rates = [rel for rel in r.changes_at_rates(q.amounts) if rel.status] if not facts else []
    if rates:
        # "is the 44% growth figure a forecast?": a change the source states, with its own status
        rel = rates[0]
        assert rel.rate is not None
        status = {"F": "forecast", "A": "reported"}.get(rel.status or "", rel.status or "")
        to = rel.refs["to"]
        said = f"the {format_value(rel.rate)} change in {r.possessive(to.subject)} {r.label(to.metric)}"
        base = make_answer(
            question,
            "explanation",
            f"{said[:1].upper()}{said[1:]} is {status}: “{rel.quotes[0] if rel.quotes else ''}”",
        )
        return with_verdict(question, base, "yes" if status == q.status_asked else "no", "")
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
    return with_verdict(question, base, verdict, f"the figure is {f.status}.")


def ancestors(r: Responder, iri: str) -> set[str]:
    seen: set[str] = set()
    todo = list(r.k.entities[iri].broader) if iri in r.k.entities else []
    while todo:
        b = todo.pop()
        if b not in seen:
            seen.add(b)
            todo.extend(r.k.entities[b].broader if b in r.k.entities else ())
    return seen


#: relations whose two sides cannot be swapped ("A exceeds B" says nothing of B exceeding A)
ORDERED = frozenset({"https://kgbot.dev/ns#exceeds"})


def _claim_involving(r: Responder, q: Query, required: list[str]) -> Claim | None:
    """The first claim, in the relation asked, that involves every one of ``required``."""
    below = {x: narrower_all(r, x) for x in required}
    comparing = _COMPARING.search(q.text)
    for c in r.k.claims:
        if q.predicates and c.predicate not in q.predicates:
            continue
        said = " ".join([c.statement or "", *c.quotes]).lower()
        if comparing and c.predicate not in ORDERED and comparing.group(0).lower() not in said:
            continue  # "did Microsoft grow capex faster than Meta?": a claim that both grow compares nothing
        # what the claim is about counts too: "AI drives capex", about Alphabet, answers "is Alphabet's
        # capex AI driven?"
        involved = set(c.subjects) | set(c.objects) | set(c.about)
        if c.predicate in ORDERED and len(required) == 2:
            # "will training exceed inference?": the first named must be the one that exceeds
            if required[0] in c.subjects and required[1] in c.objects:
                return c
            continue
        if all(x in involved or involved & below[x] for x in required):
            return c
    return None


def stated_in(r: Responder, q: Query) -> Claim | None:
    """Whether one claim, in the relation asked, involves every thing the question names; a class or a
    broader term beside a narrower one ('HBM ... hardware demand drivers') only describes it."""
    named = [c for c in q.concepts if c in r.k.entities]
    broader = {a for c in named for a in ancestors(r, c)}
    kinds = {r.k.entities[c].kind for c in named}  # "hardware" beside HBM, a hardware category, names its kind
    required = [c for c in named if c not in broader and r.k.entities[c].label.lower() not in kinds]
    filing = q.source == "filing" or bool(re.search(r"\b10-?[kq]\b|\bfil(?:ed|ings?)\b", q.text, re.IGNORECASE))
    if not required or (not q.predicates and (q.comparator or q.status_asked or q.amounts or filing)):
        # "will Amazon outspend Microsoft?", "is the $30.7B a forecast?", "does the 30.7 meta # tie to their
        # 10-Q cash capex?": a claim naming them states no comparison, no status, no figure and no filing
        return None
    found = _claim_involving(r, q, required)
    if found is not None:
        return found
    # ("are the DeepSeek/OpenAI reasoning models pushing up inference spend?": who makes the models, as the
    # sources state elsewhere, describes them; it is not part of the relation asked)
    makers = [x for x in required if r.k.entities[x].kind in ("company", "ai_lab")]
    made = [y for y in required if y not in makers]
    described = [
        x
        for x in makers
        if made
        and any(x in c.subjects and set(c.objects) & set(made) for c in r.k.claims if c.predicate not in q.predicates)
    ]
    if described:
        found = _claim_involving(r, q, [y for y in required if y not in described])
        if found is not None:
            return found
    return _said_in_so_many_words(r, q, required)


#: words that set one thing against another: a claim must say so itself
_COMPARING = re.compile(
    r"\b(?:than|faster|slower|quicker|out(?:spen[dt]|grow|grew|pac)\w*|overtak\w*|surpass\w*|exceed\w*)\b",
    re.IGNORECASE,
)


#: words that turn a relation the other way, or deny it; a claim must hold them itself to say so
_TURNING = re.compile(
    r"\b(?:away\s+from|slow\w*|revers\w*|not|never|no\s+longer|less|declin\w*|fall\w*|fell|drop\w*|reduc\w*|cut\w*|lower\w*"
    r"|decreas\w*|shrink\w*|instead\s+of|rather\s+than|hinder\w*|delay\w*|halt\w*|stop\w*|against|doesn'?t"
    r"|didn'?t|isn'?t|wasn'?t)\b",
    re.IGNORECASE,
)


def _turned(question: str, claim: Claim) -> bool:
    said = " ".join([claim.statement or "", *claim.quotes]).lower()
    # "doesn't DeepSeek build reasoning models?": a question opened by a negated auxiliary asks the same
    asked = re.sub(r"^\s*(?:\w+n['’]?t|is it not|isn't it)\b", " ", question, flags=re.IGNORECASE)
    return any(m.group(0).lower()[:5] not in said for m in _TURNING.finditer(asked))


_DOWN = re.compile(r"\b(?:cut\w*|reduc\w*|lower\w*|decreas\w*|shrink\w*|less|fall\w*|fell|drop\w*|declin\w*)\b", re.I)
_UP = re.compile(
    r"\b(?:more\s+(?:\w+\s+)?(?:spend\w*|invest\w*|capex|capital|money|demand)|increas\w*|boost\w*|rais\w*"
    r"|ris(?:e|es|ing)|higher|grow\w*|accelerat\w*)\b",
    re.I,
)


def _opposite(question: str, claim: Claim) -> bool:
    """The question says a thing goes down where the claim, and nothing in it, says it goes up."""
    said = " ".join([claim.statement or "", *claim.quotes])
    return bool(_DOWN.search(question)) and bool(_UP.search(said)) and not _DOWN.search(said)


#: words that ask about the source's saying, not about what it says
_SAYING = frozenset(
    [
        "article", "source", "sources", "piece", "report", "text", "say", "says", "said", "state", "states", "stated",
        "credit", "credits", "credited", "attribute", "attributes", "attributed", "remark", "remarks", "comment",
        "comments", "mention", "mentions", "mentioned", "claim", "claims", "claimed", "true", "correct", "right",
        "accurate", "note", "notes", "noted", "it", "its", "does", "did", "is", "was", "were", "are", "the", "that",
        "this", "with", "to", "of", "on", "in", "for", "by", "from", "as", "about", "and", "or", "an", "a", "has",
        "have", "had", "be", "been", "being", "who", "whom", "which", "what",
    ]
)  # fmt: skip


def _names_of(r: Responder, predicates: list[str]) -> set[str]:
    return {w[:5] for p in predicates for n in r.k.predicate_names.get(p, ()) for w in n.lower().split()}


def _said_in_so_many_words(r: Responder, q: Query, required: list[str]) -> Claim | None:
    """'Does the article credit DeepSeek's and OpenAI's reasoning models with accelerating the shift to
    inference?': a claim naming at least two of the things asked about, whose own words hold every
    other word of the question (by stem), says so even where its relation is named otherwise.
    A word the claim does not hold ('slowing', 'away') keeps it from saying so."""
    if len(required) < 2:
        return None
    text = q.text.lower()
    for x in required:
        for name in sorted(r.k.entities[x].names, key=len, reverse=True):
            if len(name) > 2:
                text = re.sub(rf"(?<!\w){re.escape(name.lower())}(?:['’]s)?(?!\w)", " ", text)
    words = [w for w in re.findall(r"[a-z][a-z'’-]+", text) if w not in _SAYING and len(w) > 2]
    for c in r.k.claims:
        involved = set(c.subjects) | set(c.objects) | set(c.about)
        said = " ".join([c.statement or "", *c.quotes]).lower()
        structural = [x for x in required if x in involved]
        named = [
            x
            for x in required
            if x in involved
            or any(
                re.search(rf"(?<!\w){re.escape(n.lower())}(?!\w)", said) for n in r.k.entities[x].names if len(n) > 2
            )
        ]
        if len(structural) < 2 or len(named) < len(required):
            continue
        # a word naming the relation asked ("move" for 'shifts towards') is held by any of its names
        names = _names_of(r, q.predicates)
        held = any(n in said for n in names)
        if all(w[:5] in said or (held and w[:5] in names) for w in words):
            return c
    return None


def narrower_all(r: Responder, iri: str) -> set[str]:
    return {e.iri for e in r.k.entities.values() if iri in ancestors(r, e.iri)}


#: words of a change of direction: "shifting toward", "moving to", "a pivot to"
_SHIFT = re.compile(r"\bshift\w*|\bmov(?:e|es|ed|ing)\s+(?:toward|towards|to)\b|\bpivot\w*|\brebalanc\w*", re.I)


def _direction_noted(r: Responder, question: str, q: Query) -> Answer | None:
    """'Did Zuckerberg describe the industry as shifting toward training?': what a person is quoted as
    noting, a shift toward one of a set of alternatives (inference, training), says yes for that one and
    no for the others of the same set."""
    people = [s for s in q.subjects if getattr(r.k.entities.get(s), "kind", None) == "person"]
    asked = [s for s in q.subjects if s not in people and s in r.k.entities]
    if len(people) != 1 or len(asked) != 1 or not _SHIFT.search(question) or re.search(r"\baway\b", question, re.I):
        return None
    target = r.k.entities[asked[0]]
    for c in r.k.claims:
        said = c.statement or (c.quotes[0] if c.quotes else "")
        if people[0] not in c.subjects or not _SHIFT.search(said):
            continue
        sources = r.claim_sources([c])
        base = make_answer(question, "value", said, sources=sources)
        if asked[0] in c.objects:
            return with_verdict(question, base, "yes", "the sources say so:")
        others = [r.k.entities[o] for o in c.objects if o in r.k.entities]
        if any(o.kind == target.kind and set(o.schemes) & set(target.schemes) for o in others):
            toward = ", ".join(o.label for o in others)
            return with_verdict(
                question, base, "no", f"the shift the sources quote is towards {toward}, not {target.label}:"
            )
    return None


def relation_verdict(r: Responder, question: str, q: Query) -> Answer:
    """'Does Meta build reasoning models?': a stated relation is a yes; silence is unknown."""
    noted = _direction_noted(r, question, q)
    if noted is not None:
        return noted
    listed = lists.answer_list(r, question, replace(q, yes_no=False, intent="list"))
    if not listed.answered or not listed.items:
        return with_verdict(
            question,
            make_answer(question, "value", "The sources state nothing about that."),
            "unknown",
            "",
        )
    if q.unknown:  # "Is DRAM one of the demand drivers?": the sources never name it
        return with_verdict(
            question, listed, "unknown", f"the sources never mention {', '.join(q.unknown)}; what they do say:"
        )
    hit = stated_in(r, q)
    if hit is not None and not q.periods and _turned(question, hit) and _opposite(question, hit):
        # "do reasoning models cut inference spend?": the claim says they need more of it
        said = hit.statement or (hit.quotes[0] if hit.quotes else "")
        sources = r.claim_sources([hit])
        evidence = replace(listed, sources=sources or listed.sources)
        return with_verdict(question, evidence, "no", f"the sources say: {said}")
    if hit is not None and _turned(question, hit):
        # "did Zuckerberg say the industry is moving away from inference?": the claim says the opposite way
        said = hit.statement or (hit.quotes[0] if hit.quotes else "")
        return with_verdict(question, listed, "unknown", f"the sources say only this: {said}")
    if hit is not None:  # the claim that says so leads the evidence
        said = hit.statement or (hit.quotes[0] if hit.quotes else "")
        rest = listed.text.replace(said, "").strip() if said else listed.text
        sources = r.claim_sources([hit]) + [s for s in listed.sources if s.quote not in hit.quotes]
        listed = replace(listed, text=f"{said} {rest}".strip(), sources=sources)
        return with_verdict(question, listed, "yes", "the sources say so.")
    return with_verdict(question, listed, "unknown", "the sources do not say so; what they do say:")
