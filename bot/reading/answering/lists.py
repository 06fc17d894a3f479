"""Lists from the graph's relations, claims, groups and classes; definitions."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from kg.knowledge import CLASS_KINDS, Claim
from kg.namespaces import KG

from ...answer import Answer
from ..facts import Responder
from ..understand import Query
from . import values
from .common import _MONTH_NAMES, _a, examples, make_answer, newest_of_each_metric, not_found


def claims_about(r: Responder, iris: list[str], predicates: list[str] | None = None) -> list[Claim]:
    wanted = set(iris)
    out, direct = [], []
    for c in r.k.claims:
        if predicates and c.predicate not in predicates:
            continue
        involved = set(c.subjects) | set(c.objects) | set(c.about)
        if wanted & involved or (predicates and not wanted):
            out.append(c)
            if wanted & (set(c.subjects) | set(c.objects)):
                direct.append(c)
    # several relations asked ("developers called out"): the claims where the thing is a party come first
    return direct if predicates and len(predicates) > 1 and direct else out


def _with_initials(r: Responder, iri: str) -> str:
    """'High Bandwidth Memory (HBM)', 'return on investment (ROI)': a listed thing with the initials
    analysts know it by, when its labels have them."""
    label = r.label(iri)
    e = r.k.entities.get(iri)
    if e is None:
        return label
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", label)).lower()
    short = next((a for a in e.alt_labels if a.isupper() and 2 <= len(a) <= 5 and a.lower() == initials), None)
    return f"{label} ({short})" if short and short not in label else label


def _named_at(r: Responder, iri: str, statement: str) -> tuple[int, str]:
    """Where the statement first names the thing (by any of its names): lists keep the source's order."""
    text = statement.lower()
    e = r.k.entities.get(iri)
    names = e.names if e is not None else (r.label(iri),)
    spots = [m.start() for n in names if n for m in [re.search(r"\b" + re.escape(n.lower()), text)] if m]
    return (min(spots) if spots else len(text), r.label(iri).lower())


def _claims_answer(
    r: Responder, question: str, claims: list[Claim], focus: list[str] | None = None, kinds: set[str] | None = None
) -> Answer:
    """The things the claims relate to the focus; with ``kinds``, only things of those kinds."""
    items: list[dict[str, Any]] = []
    focus_set = set(focus or [])
    used: list[Claim] = []
    for c in claims:
        iris = list(c.subjects if focus_set & set(c.objects) and not focus_set & set(c.subjects) else c.objects)
        if kinds is not None:
            iris = [i for i in iris if i in r.k.entities and r.k.entities[i].kind in kinds]
        for iri in sorted(iris, key=lambda i: _named_at(r, i, c.statement or "")):
            n = _with_initials(r, iri)
            if not any(i["label"] == n for i in items):
                items.append({"label": n, "value": None, "unit": None, "claim": c.statement})
                if c not in used:
                    used.append(c)
    claims = used if kinds is not None else claims
    statements = list(dict.fromkeys(c.statement for c in claims if c.statement))
    text = " ".join(statements[:3]) if statements else ", ".join(i["label"] for i in items)
    forecast = any(c.status == "forecast" for c in claims)
    return make_answer(
        question,
        "list",
        text,
        items=items,
        status="forecast" if forecast else "reported",
        sources=r.claim_sources(claims),
    )


#: "who ...?" asks for people and organisations, never for a market or a benefit
_WHO = re.compile(r"^\s*(?:and\s+)?who(?:'s|se|m)?\b", re.IGNORECASE)
_WHO_KINDS = {"company", "group", "ai_lab", "analyst_firm", "publisher", "person", "organisation"}


def answer_list(r: Responder, question: str, q: Query) -> Answer:
    named = [w for w in q.unknown if w[:1].isupper()]
    if len(named) >= 2 or (named and not q.concepts):
        # "what did Sundar Pichai say ...?": someone the sources never name; never another's words instead
        return not_found(r, question, q, f"anything about {' '.join(named)}")
    k = r.k
    classes = [c for c in q.concepts if c in k.class_names][:1]  # the kind asked for: the first named
    things = [c for c in q.concepts if c not in k.class_names]
    if q.amounts and not things:
        # "which companies make up the $371 billion figure?": the members of the group the figure is of
        from .sources import facts_with_amounts

        groups = {
            f.quantity.subject
            for f in facts_with_amounts(r, q)
            if getattr(k.entities.get(f.quantity.subject), "kind", None) == "group"
        }
        if len(groups) == 1:
            return answer_list(r, question, replace(q, concepts=[*classes, *groups], predicates=[], amounts=[]))
    asked_kinds = _kinds_of_classes(r, classes) or (_WHO_KINDS if _WHO.match(question) else None)
    if q.predicates:
        claims = claims_about(r, things, q.predicates)
        generic = [
            t
            for t in things
            if t in k.entities and k.entities[t].kind in ("concept", "market") and not k.entities[t].broader
        ]
        if not claims and things and len(generic) == len(things):
            # "which AI tools are reshaping workflows": 'AI' only describes what the relation's claims name
            claims = claims_about(r, [], q.predicates)
        narrower = [n.iri for t in things for n in k.narrower(t)]
        if not claims and narrower and not classes:
            # "what bottlenecks are flagged": the kinds of bottleneck there are, whoever flagged them
            return _narrower_list(r, question, things)
        if claims:
            listed = _claims_answer(r, question, claims, things, asked_kinds)
            if listed.items:
                return listed
            if not classes:  # "who ...": the relation decides when it names no one
                return _claims_answer(r, question, claims, things)
        if things and not classes:  # "who is the CEO of Alphabet?": never another claim instead
            relation = " / ".join(k.predicate_labels.get(p) or p.rsplit("#", 1)[-1] for p in q.predicates)
            ans = not_found(
                r, question, q, f"that: the sources state no “{relation}” for {', '.join(r.label(t) for t in things)}"
            )
            nearby = [c.statement for c in claims_about(r, things) if c.statement]
            ans.suggestions = list(dict.fromkeys(nearby))[:5] or ans.suggestions
            return ans
    # members of a group
    for s in things:
        e = k.entities.get(s)
        if e is not None and e.kind == "group" and e.members:
            names = [k.label(m) for m in e.members]
            note = "" if e.membership_complete else " (named as examples; the list is not complete)"
            return make_answer(
                question,
                "list",
                f"{e.label.capitalize()}: {', '.join(names)}{note}.",
                subject=e.label,
                items=[{"label": n, "value": None, "unit": None} for n in names],
                sources=r.claim_sources(claims_about(r, [s])),
            )
    kinds = _kinds_of_classes(r, classes)
    asks_which = bool(re.match(r"\s*(?:and\s+)?(?:which|what)\b", question, re.I))
    if things and not classes and asks_which and any(k.narrower(t) for t in things):
        return _narrower_list(r, question, things)  # "which bottlenecks specifically?": the kinds there are
    if things and not kinds:
        claims = claims_about(r, things)
        if claims:
            listed = _claims_answer(r, question, claims, things, asked_kinds)
            return listed if listed.items else _claims_answer(r, question, claims, things)
    if kinds and things:  # "hardware driving AI servers": things of that kind the claims name
        listed = _claims_answer(r, question, claims_about(r, things), things, kinds)
        if listed.items:
            return listed
    if kinds:  # "list the hardware": things of that kind, never a claim that mentions the word
        ents = sorted((e for e in k.entities.values() if e.kind in kinds), key=lambda e: e.label.lower())
        if q.source == "filing":  # "which companies do you have filings for?": those that filed
            filers = k.filers()
            ents = [e for e in ents if e.iri in filers]
        if ents:
            return make_answer(
                question,
                "list",
                f"{len(ents)}: " + ", ".join(e.label for e in ents) + ".",
                items=[{"label": e.label, "value": None, "unit": None, "definition": e.definition} for e in ents],
            )
    if q.metric or (q.subjects and not q.predicates and q.intent != "define"):
        # never back to a value answer that sent a relation (or a definition) here: the two would call
        # each other forever
        return values.answer_value(r, question, replace(q, intent="value"))
    return make_answer(question, "not_understood", "I could not tell what you want listed.", suggestions=examples(r))


def _narrower_list(r: Responder, question: str, things: list[str]) -> Answer:
    ents = [n for t in things for n in r.k.narrower(t)]
    named = ", ".join(r.label(t) for t in things)
    return make_answer(
        question,
        "list",
        f"{named[:1].upper()}{named[1:]}: " + ", ".join(e.label for e in ents) + ".",
        items=[{"label": e.label, "value": None, "unit": None, "definition": e.definition} for e in ents],
        sources=r.claim_sources(claims_about(r, [e.iri for e in ents])[:3]),
    )


def _kinds_of_classes(r: Responder, classes: list[str]) -> set[str]:
    table = dict(CLASS_KINDS)
    kinds = {table[c] for c in classes if c in table}
    if "metric" in kinds:
        kinds |= {"kpi"}  # the metrics investors watch are metrics
    if "company" in kinds:
        kinds |= {"ai_lab", "organisation"}  # "which companies build ...": labs are companies to an analyst
    return kinds


_TAG = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+){2,}$")  # an XBRL tag, not a name a reader uses
_QUOTED = re.compile(r"['‘\"“]([^'’\"”]{2,40})['’\"”]")


def _quoted_predicate(r: Responder, question: str) -> str | None:
    """ "what does it mean when it calls the shift 'full-stack'?": the words in quotes, if a relation's."""
    m = _QUOTED.search(question)
    if m is None:
        return None
    term = m.group(1).strip().lower()
    return next((p for p, names in r.k.predicate_names.items() if term in (n.lower() for n in names)), None)


def answer_define(r: Responder, question: str, q: Query) -> Answer:
    if q.subjects and not q.metric and values.VALUATION.search(question):
        return not_found(r, question, q, f"{r.possessive(q.subjects[0])} valuation")  # "what is DeepSeek valued at?"
    quoted = _quoted_predicate(r, question)
    if quoted is not None:
        q = replace(q, predicates=[quoted], concepts=[], metric=None)
    concepts = [c for c in q.concepts if c in r.k.entities]
    orgs = {"company", "group", "ai_lab", "analyst_firm", "publisher", "organisation", "person"}
    # "what counts as capex in the SEC numbers?": the metric is the term; the organisation only its context
    if q.metric and all(r.k.entities[c].kind in orgs for c in concepts):
        target: str | None = q.metric
    else:
        target = next(iter(concepts), None) or q.metric
    if target is None:
        if q.concepts:
            return answer_list(r, question, replace(q, intent="define"))
        stated = [c for c in r.k.claims if c.predicate in q.predicates]
        if stated:  # "what does 'full-stack' mean here?": what the source says in those words
            return make_answer(
                question,
                "explanation",
                " ".join(dict.fromkeys(c.statement for c in stated if c.statement)),
                sources=r.claim_sources(stated),
            )
        return make_answer(
            question, "not_understood", "I could not tell which term you want defined.", suggestions=examples(r)
        )
    e = r.k.entities[target]
    parts = [
        f"{e.label}"
        + (f" ({', '.join(readable[:3])})" if (readable := [a for a in e.alt_labels if not _TAG.match(a)]) else "")
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
    claims = claims_about(r, [target])
    own = [f for f in r.available(target) if not f.is_change]
    if own:
        shown = newest_of_each_metric(own, 2)[:6]
        parts.append(
            "Figures: "
            + "; ".join(f"{r.label(f.quantity.metric)} {r.plabel(f.quantity)}: {r.fmt(f)} ({f.status})" for f in shown)
            + (f" ({len(own)} in all)." if len(own) > len(shown) else ".")
        )
    if claims and e.kind in ("company", "ai_lab", "analyst_firm", "person", "group"):
        # what the source says of an organisation or person is the point of asking about it
        parts.append(" ".join(dict.fromkeys(c.statement for c in claims[:2] if c.statement)))
    if (
        r.source == "article"
        and not own
        and not claims
        and not e.member_of
        and not any(target in g.members for g in r.k.entities.values())
    ):
        parts.insert(0, f"The article does not mention {e.label}.")
    attributed = r.attributed_to(target)
    if attributed:  # what a forecaster or filer is the source of
        parts.append(
            f"Figures attributed to {e.label}: "
            + "; ".join(f"{r.describe(f)}: {r.fmt(f)} ({f.status})" for f in attributed[:6])
            + "."
        )
    return make_answer(
        question,
        "explanation",
        " ".join(parts),
        subject=e.label,
        items=[{"label": c.statement, "value": None, "unit": None} for c in claims[:5] if c.statement]
        + [r.fact_item(f) for f in own + attributed],
        sources=r.claim_sources(claims[:3]) + r.sources_of((own + attributed)[:3]),
    )


def answer_tickers(r: Responder, question: str, q: Query) -> Answer:
    """'Tickers of Alphabet and Meta': each company's listed symbols, from the graph."""
    items: list[dict[str, Any]] = []
    for s in q.subjects:
        e = r.k.entities.get(s)
        if e is not None and e.tickers:
            items.extend({"label": t, "value": None, "unit": None, "subject": e.label} for t in e.tickers)
    text = "; ".join(
        f"{r.label(s)}: {', '.join(r.k.entities[s].tickers)}" for s in q.subjects if r.k.entities[s].tickers
    )
    return make_answer(question, "list", f"Tickers — {text}.", items=items)


#: the relation of a remark to whoever made it
NOTED = str(KG.noted)
#: "who noted / pointed out / said ...": the person the sources credit with a remark
WHO_SAID = re.compile(
    r"^\s*(?:and\s+)?who\s+(?:does|did)\s+the\s+(?:article|piece|source|report|story)\s+(?:cite|quote)\s+on\b|"
    # ("For fact-checking: who is cited as saying ...?": after a lead-in, and cited or quoted as saying it)
    r"^\s*(?:[^:?]{3,60}:\s*)?(?:and\s+)?who\b(?:\s*,[^,?]*,)?\s+"
    r"(?:(?:in|from)\s+the\s+(?:article|piece|story|report|source)\s+)?"
    r"(?:(?:has|have|had|is|was|did|does|actually|first|also)\s+)*"
    r"(?:(?:cited|quoted|credited)\s+(?:as\s+|with\s+)?saying|noted|notes|note|said|says|say|pointed\s+out|points\s+out"
    r"|point\s+out|remarked|observed|argued|argues|claimed|claims|stated|states|thinks|predicted|predicts|expects"
    r"|saying"
    r"|highlighted|highlights|flagged|flags|flag|warned|warns|talked\s+about|spoke\s+about|commented|comments"
    r"|raised|raises|mentioned|mentions|called\s+out|calls\s+out)\b",
    re.IGNORECASE,
)
_PEOPLE_KINDS = ("person", "company", "ai_lab", "analyst_firm", "publisher")


def who_said(r: Responder, question: str, q: Query) -> Answer | None:
    """'Who noted the U.S. AI industry's shift toward inference?': whom a claim about those things credits."""
    if not WHO_SAID.search(question):
        return None
    # (a class named, "which exec?", asks for people; only things the graph names are looked for in claims)
    asked = [c for c in q.concepts if c in r.k.entities and r.k.entities[c].kind not in _PEOPLE_KINDS]
    if not asked:
        return None
    best: list[Claim] = []
    for c in r.k.claims:
        speakers = [s for s in c.subjects if getattr(r.k.entities.get(s), "kind", None) == "person"]
        if not speakers:
            continue
        said = " ".join([c.statement or "", *c.quotes]).lower()
        involved = set(c.subjects) | set(c.objects) | set(c.about)
        named = [
            x
            for x in asked
            if x in involved
            or any(
                re.search(rf"(?<!\w){re.escape(n.lower())}(?!\w)", said) for n in r.k.entities[x].names if len(n) > 2
            )
        ]
        if len(named) == len(asked):
            best.append(c)
    if not best:
        return None
    people = list(dict.fromkeys(s for c in best for s in c.subjects if r.k.entities[s].kind == "person"))
    text = "; ".join(c.statement or (c.quotes[0] if c.quotes else "") for c in best)
    names = ", ".join(r.label(p) for p in people)
    return make_answer(
        question,
        "list",
        f"{names}: {text}",
        items=[{"label": r.label(p)} for p in people],
        sources=r.claim_sources(best),
    )


#: "which companies does the article say are increasing their capex?": the companies a claim names
_WHICH_FIRMS = re.compile(
    r"^\s*(?:and\s+)?(?:which|what)\s+(?:companies|firms|names|hyperscalers|players|tech\s+giants)\b", re.I
)
_RAISING = re.compile(
    r"\b(?:increas\w*|rais\w*|boost\w*|grow\w*|ramp\w*|lift\w*|step\w*\s+up|expand\w*|spend\w*\s+more)\b", re.I
)


def companies_in_claims(r: Responder, question: str, q: Query) -> Answer | None:
    """The companies the sources name as doing what the question says, from the claim that says it."""
    if not (_WHICH_FIRMS.search(question) and _RAISING.search(question)) or q.metric is None or q.periods:
        return None
    found = []
    for c in r.k.claims:
        if q.metric not in (*c.objects, *c.about, *c.subjects) or not _RAISING.search(c.statement or ""):
            continue
        firms = [s for s in c.about if getattr(r.k.entities.get(s), "kind", None) == "company"]
        if firms:
            found.append((c, firms))
    if len(found) != 1:
        return None
    claim, firms = found[0]
    names = ", ".join(r.label(s) for s in firms)
    return make_answer(
        question,
        "list",
        f"{names}: {claim.statement}",
        items=[{"label": r.label(s)} for s in firms],
        sources=r.claim_sources([claim]),
    )
