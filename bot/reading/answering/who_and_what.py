"""Questions about the things a question names rather than their figures: what two terms mean set
against each other ("the difference between inference and training"), how many members a group has,
whose figure it is when one subject holds it ("whose AI capex doubled?"), and who makes a thing
("which outfits are credited with the reasoning models?")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ...answer import Answer
from ..facts import Responder
from ..understand import Query
from . import lists
from .common import make_answer

__all__ = ["HOW_MANY", "ORG_KINDS", "ORG_WORDS", "named_things", "spenders_of"]

#: "whose reasoning models ...", "whose AI capex doubled?": who a thing or a figure belongs to
WHOSE = re.compile(r"^\s*(?:and\s+|so\s+)?whose\b", re.IGNORECASE)
#: the kinds of entity that make, say or own things
ORG_KINDS = ("company", "ai_lab", "analyst_firm", "publisher", "group", "person")
#: "the difference between A and B", "A vs B in plain English": two terms set against each other
_CONTRAST_ASKED = re.compile(
    r"\bdifference\s+between\b|\bhow\s+(?:does|do|is|are)\b[^?]*\b(?:differ|different)\b"
    r"|\b(?:vs\.?|versus)\b[^?]*\b(?:in\s+plain|in\s+simple|mean|meaning)\b|\bwhat(?:'s|s|\s+is)\b[^?]*\b(?:vs\.?|versus)\b"
    # "what does 'inference' mean here vs training?", "inference vs training, what's the distinction?"
    r"|\bmean(?:s|ing|t)?\b[^?]*\b(?:vs\.?|versus)\b|\bdistinction\b|\bwhats?\s+the\s+diff\b"
    r"|\b(?:distinguish\w*|differentiat\w*|tell\s+apart)\b"
    # "what's inference, as opposed to training?", "explain inference vs training in one line"
    r"|\bas\s+opposed\s+to\b|\bexplain\b[^?]*\b(?:vs\.?|versus)\b",
    re.IGNORECASE,
)
#: "which organisations / outfits / cos ...", "companies named / credited ...": makers asked for
ORG_WORDS = r"(?:organi[sz]ations?|compan(?:y|ies)|firms?|outfits?|labs?|cos|entities|players|developers)"
_WHICH_ORGS = re.compile(
    rf"\b(?:which|what)\s+{ORG_WORDS}\b"
    rf"|\b{ORG_WORDS}\s+(?:are\s+|were\s+|does\s+the\s+\w+\s+)?(?:named|mentioned|cited|credited|behind)\b",
    re.IGNORECASE,
)

#: "who will spend ...", "which 3 companies put $371B into ...": the spender of a figure asked
_WHO_SPENDS = re.compile(
    rf"^\s*(?:and\s+|so\s+)?(?:who|which\s+(?:\d+\s+|two\s+|three\s+|four\s+)?{ORG_WORDS})\b[^?]*?"
    r"\b(?:spend|spends|spent|spending|allocat\w*|invest\w*|put|puts|pour\w*|plough\w*|sink|sinks)\b",
    re.IGNORECASE,
)

#: "how many data centres ...", "how many companies are named ...": a count asked
HOW_MANY = re.compile(
    r"\bhow many\s+(?:(?:new|more|additional|extra|fewer)\s+)?"
    r"([a-z][a-z-]*(?:\s+(?!(?:are|is|was|were|did|do|does|will|would|has|have|had|the|of|in|for|by)\b)[a-z][a-z-]*)?)",
    re.IGNORECASE,
)


def named_things(r: Responder, question: str, q: Query, respond_again: Callable[[Query], Answer]) -> Answer | None:
    """The answer when the question asks about named things themselves, else None."""
    concepts = [c for c in q.subjects if getattr(r.k.entities.get(c), "kind", None) not in (*ORG_KINDS, "market")]
    contrast = q.intent in ("compare", "difference", "define") and _CONTRAST_ASKED.search(question)
    # ("the difference between 'inference' and 'training' spending": terms in quotes are what is asked about)
    termed = not q.metric or len(re.findall(r"['‘\"“][\w -]{2,30}['’\"”]", question)) >= 1
    own_period = bool(q.periods) and "periods" not in q.inherited  # (one only carried over from the last question)
    if contrast and len(concepts) == 2 and len(q.subjects) == 2 and termed and not own_period:
        # "what's the difference between inference and training?": what each is, not a gap between figures
        each = [
            lists.answer_define(r, question, replace(q, intent="define", subjects=[c], concepts=[c])) for c in concepts
        ]
        if all(a.answered for a in each):
            first, second = each
            return replace(first, text=f"{first.text} {second.text}", items=first.items + second.items)
    counted = HOW_MANY.search(question)
    groups = [s for s in q.subjects if getattr(r.k.entities.get(s), "kind", None) == "group"]
    if counted and len(groups) == 1 and r.k.entities[groups[0]].members and not q.periods:
        # "how many companies are named as hyperscalers?": the members the sources name, counted
        listed = lists.answer_list(r, question, replace(q, intent="list", subjects=groups, metric=None, yes_no=False))
        if listed.answered and listed.items:
            listed.text = f"{len(listed.items)} named. {listed.text}"
            return listed
    whose = WHOSE.match(question)
    if whose and q.metric and not q.subjects:
        # "whose AI capex doubled y/y in H1 2025?": the one subject the sources hold that figure for
        period = q.periods[0] if len(q.periods) == 1 else None
        holders = sorted({f.quantity.subject for f in r.available(None, q.metric, period)})
        if len(holders) == 1:
            one = replace(q, subjects=holders, operands=[], yes_no=q.yes_no)
            found = respond_again(one)
            if found.answered:
                found.text = f"{r.label(holders[0])}'s. {found.text}"
                return found
    unsaid = _said_by_nobody(r, question, q)
    if unsaid is not None:
        return unsaid
    owned = _owned_asked(r, question, q)
    if owned:
        # "whose reasoning models does the article cite?", "which outfits are credited with the reasoning
        # models ...?": who stands in a relation to the thing named
        preds = sorted(
            {
                c.predicate
                for c in r.k.claims
                if set(c.objects) & set(owned)
                and any(getattr(r.k.entities.get(s), "kind", None) in ORG_KINDS for s in c.subjects)
            }
        )
        if preds:
            return lists.answer_list(r, question, replace(q, intent="list", predicates=preds, yes_no=False))
    return None


def spenders_of(r: Responder, question: str, q: Query) -> Answer | None:
    """'Which 3 companies will put $371B into data centres in 2025?': whose figure it is and, when it is a
    group's, its members as the sources name them."""
    if not _WHO_SPENDS.match(question) or not q.metric or q.yes_no:
        return None
    period = q.periods[0] if len(q.periods) == 1 else None
    facts = [
        f
        for f in r.available(None, q.metric, period)
        if not q.amounts or any(abs(f.value.value - a) <= abs(a) * 0.01 for a in q.amounts)
    ]
    holders = sorted({f.quantity.subject for f in facts})
    group = r.k.entities.get(holders[0]) if len(holders) == 1 else None
    if group is None or not group.members or q.subjects not in ([], holders):
        return None  # (a group the question names itself is the group whose members are asked)
    listed = lists.answer_list(
        r,
        question,
        replace(
            q, intent="list", subjects=holders, concepts=holders, predicates=[], amounts=[], metric=None, periods=[]
        ),
    )
    if not listed.answered or not listed.items:
        return None
    listed.text = f"{r.sentence(facts[0])} {listed.text}"
    listed.sources = r.sources_of(facts[:1]) + listed.sources
    return listed


def _said_by_nobody(r: Responder, question: str, q: Query) -> Answer | None:
    """'Who said inference will overtake training by the end of 2025?': when the statement asked is one the
    source makes in its own voice, no one is named for it, never a speaker of another statement."""
    stated = [p for p in q.predicates if p != lists.NOTED]
    if not lists.WHO_SAID.search(question) or not stated or not q.subjects:
        return None
    asked = set(q.subjects)
    claims = [c for c in r.k.claims if c.predicate in stated and asked <= {*c.subjects, *c.objects, *c.about}]
    # (a speaker the sources name for a statement of the same relation about the same things answers it:
    # Zuckerberg "noted the shift towards inference")
    words = [w for p in stated for w in (r.k.predicate_labels.get(p, ""), *r.k.predicate_names.get(p, ())) if w]
    said_so = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE) if words else None
    speakers = [
        c
        for c in r.k.claims
        if c.predicate == lists.NOTED
        and asked & {*c.objects, *c.about}
        and said_so is not None
        and any(said_so.search(text) for text in (c.statement or "", *c.quotes))
    ]
    if not claims or speakers:
        return None
    said = claims[0]
    return make_answer(
        question,
        "explanation",
        f"The source names no one for this; it states it in its own voice: “{said.quotes[0] if said.quotes else ''}”",
        sources=r.claim_sources([said]),
    )


def _owned_asked(r: Responder, question: str, q: Query) -> list[str]:
    """The thing whose makers are asked: 'whose reasoning models ...', 'which outfits are credited with
    the reasoning models ...', 'reasoning-model cos named in the article' (the first thing named after
    the question word that organisations stand in a relation to)."""
    whose = WHOSE.match(question)
    if whose:
        after = question[whose.end() :].strip().lower()
        return [
            c
            for c in q.concepts
            if c in r.k.entities and any(after.startswith(n.lower()) for n in r.k.entities[c].names if len(n) > 2)
        ]
    which = _WHICH_ORGS.search(question)
    if which is None or q.threshold is not None or q.periods:
        return []
    held = {
        o
        for c in r.k.claims
        if any(getattr(r.k.entities.get(s), "kind", None) in ORG_KINDS for s in c.subjects)
        for o in c.objects
    }
    text = re.sub(r"(?<=\w)-(?=\w)", " ", question.lower())  # ("reasoning-model cos")
    found = []
    for c in q.concepts:
        e = r.k.entities.get(c)
        if c not in held or e is None or e.kind in ORG_KINDS:
            continue
        at = [m.start() for n in e.names if len(n) > 2 for m in re.finditer(rf"\b{re.escape(n.lower())}", text)]
        if at:
            found.append((min(at), c))
    return [min(found)[1]] if found else []
