"""The part of a question that asks, set apart from a premise or a lead-in of context, and the kind
of source it asks for."""

from __future__ import annotations

import re

from kg.knowledge import Knowledge

from .lexicon import Mention, Token
from .names import SUBJECT_KINDS
from .question_cues import PREMISE, source_asked
from .written_periods import PeriodMention

__all__ = ["FINAL_ASK", "after_name", "ancestors", "asked_after_context", "premise_end_of", "source_of"]


_NAMED_BY = re.compile(
    r"\b(?:the\s+)?(?:article|piece|report)['’]s\s+(?:\w+\s+){0,2}?(?:named|listed|cited)\b"
    r"|\b(?:named|listed|cited)\s+(?:in|by)\s+the\s+(?:article|piece|report)\b"
    r"|\bthe\s+(?:article|piece|report)\s+(?:names|lists|cites)\b",
    re.IGNORECASE,
)


#: the question proper, last, after sentences or clauses of context: "... already pencilled in. What I'm
#: missing is how much ...?", "... So I'm after calendar 2024: what was ...?"
FINAL_ASK = re.compile(
    r"(?:[.:;!?]|\s[—–-])\s+(?=(?:so\s+|and\s+|then\s+|now\s+)?"
    r"(?:(?:per|according\s+to|based\s+on)\s+the\s+\w+,?\s+)?(?:(?:by|in|at)\s+)?"  # ("By what percentage ...?")
    r"(?:what|what's|whats|how|which|who|whose)\b[^.?!;:—–]*\?\s*$)"
    # "... because of its June year-end. Of Amazon, Alphabet and Meta, what's the median 2024 capex?"
    r"|[.!?]\s+(?=[^.?!;:—–]{3,80}?,\s*(?:what|what's|whats|how|which|who)\b[^.?!;:—–]*\?\s*$)",
    re.IGNORECASE,
)


def ancestors(k: Knowledge, iri: str) -> set[str]:
    """The broader metrics of ``iri``, all the way up."""
    seen: set[str] = set()
    todo = list(getattr(k.entities.get(iri), "broader", ()))
    while todo:
        b = todo.pop()
        if b not in seen:
            seen.add(b)
            todo.extend(getattr(k.entities.get(b), "broader", ()))
    return seen


def after_name(text: str, at: int) -> str:
    """The word that follows a name, when it says what of theirs ("nvidia chips")."""
    m = re.match(r"\s+(chips?|gpus?|hardware|products?|servers?|accelerators?)\b", text[at:], re.I)
    return f" {m.group(1)}" if m else ""


def source_of(text: str, premise_end: int) -> str | None:
    """The kind of source asked for; the lead-in's too when the question points back to what it names
    ("Taking ... cash capex from the filings for A, B and C, how far short of the article's $371bn do those
    three fall?": both, each figure from its own)."""
    asked = source_asked(text[premise_end:])
    if asked and premise_end and re.search(r"\b(?:those|these|them|they|their)\b", text[premise_end:], re.I):
        return source_asked(text)
    return asked or source_asked(_NAMED_BY.sub(" ", text))


def asked_after_context(
    text: str,
    tokens: list[Token],
    mentions: list[Mention],
    subjects: list[str],
    metrics: list[Mention],
    period_mentions: list[PeriodMention],
    premise_end: int,
) -> list[str]:
    """'Putting together a note on the AI build-out and I want the headline first — how much are Amazon,
    Meta and Microsoft expected to spend?': a lead-in with no figure, period or metric of its own is the
    asker's context; what it names is not asked when the question names its own subjects."""
    if not premise_end:
        return subjects
    after = {m.iri for m in mentions if m.kind in SUBJECT_KINDS and tokens[m.start].start >= premise_end}
    # ("Microsoft's year ends in June ... So I'm after calendar 2024: what was Microsoft's capex for
    # January through December 2024?": a question with its own subject and period stands by itself)
    own_period = any(p.start >= premise_end for p in period_mentions)
    context_only = not re.search(r"\d|\$", text[:premise_end]) and not any(
        p.start < premise_end for p in period_mentions
    )
    if not (context_only or (own_period and after)):
        return subjects
    # ("Meta's capex is the benchmark — how does Alphabet compare?": the lead-in's subject is set against;
    # "its" of the one company the question names is that company's)
    back = r"|their|they|them|those|these|each|all|three|four|two" + ("" if len(after) == 1 else r"|its|it")
    # ("If we add Alphabet to Amazon, Meta and Microsoft, what's the combined capex?": the premise's names are
    # the ones combined, when the question names no list of its own)
    back += r"|combined|together|altogether" if len(after) <= 1 else ""
    if re.search(
        # (and "Taking Alphabet, Amazon and Meta together, by how much did their combined capex rise?")
        rf"\b(?:compar\w*|vs\.?|versus|than|relative|against|gap|differ\w*|both|either{back})\b",
        text[premise_end:],
        re.I,
    ):
        return subjects
    asked = [s for s in subjects if s in after]
    return asked if asked else subjects


#: "— how many x?", "— what multiple?": a measure asked of everything written before it
_BARE_MEASURE_ASK = re.compile(
    r"\s*(?:so\s+|and\s+)?(?:how\s+many\s+(?:x|times)|what\s+multiple|what\s+(?:%|percent(?:age)?)|x)\s*\??\s*$",
    re.IGNORECASE,
)


def _past_the_list(text: str, tokens: list[Token], mentions: list[Mention], end: int) -> int:
    """'If we add Alphabet to Amazon, Meta and Microsoft, what's ...': a comma inside a list of names does not
    end the premise; it ends after the list's last name."""
    names = {tokens[m.start].start: tokens[m.end - 1].end for m in mentions if m.kind in SUBJECT_KINDS}
    if not any(b <= end and not text[b:end].strip(" ,") for b in names.values()):
        return end  # (the premise does not end on a name)
    at, closed = end, False
    while at in names:
        after = names[at]
        sep = _LIST_SEPARATOR.match(text, after)
        if sep is None:
            break
        closed = closed or bool(sep.group(1))
        at = sep.end()
        if at not in names:
            ends = re.compile(r"\s*[,:]\s+").match(text, after)
            return ends.end() if closed and ends else end
    return end


#: between names of one list: ", ", " and ", ", and ", " & "
_LIST_SEPARATOR = re.compile(r"\s*,?\s*(and|&|or)?\s+")


def premise_end_of(text: str, tokens: list[Token], mentions: list[Mention], metrics: list[Mention]) -> int:
    """Where the question proper starts: after a premise ("If 2025 capex of $371B is +44% y/y, ...") or
    after sentences of context whose last ask has its own subject and metric (0: the whole text asks)."""
    premise = PREMISE.match(text)
    premise_end = _past_the_list(text, tokens, mentions, premise.end()) if premise else 0
    if premise_end and _BARE_MEASURE_ASK.match(text, premise_end):
        premise_end = 0  # ("AI % of server rev now vs where they say it gets — how many x?": the ask is the measure)
    if not premise_end:  # "... my comps vs. AMZN/GOOGL/META. So I'm after calendar 2024: what was ...?"
        last_ask = [m.end() for m in FINAL_ASK.finditer(text)]
        final_at = last_ask[-1] if last_ask and last_ask[-1] >= 25 else 0
        # (only a question with its own subject and metric, and no word pointing back: "— what is it?",
        # "how much did it grow?" lean on the words before them)
        own = any(m.kind in SUBJECT_KINDS and tokens[m.start].start >= final_at for m in mentions) and any(
            tokens[m.start].start >= final_at for m in metrics
        )
        pointing_back = re.search(r"\b(?:it|its|that|this|they|them|their|those|these)\b", text[final_at:], re.I)
        named_first = [
            tokens[m.start].start for m in mentions if m.kind in SUBJECT_KINDS and tokens[m.start].start >= final_at
        ]
        possessive = pointing_back is not None and pointing_back.group(0).lower() in ("its", "their")
        if pointing_back and possessive and named_first and min(named_first) < final_at + pointing_back.start():
            pointing_back = None  # ("what was Microsoft's capex ..., adding up its quarters?": its own subject's)
        premise_end = final_at if final_at and own and not pointing_back else 0
    return premise_end
