"""Claims to check: a line quoted from the sources ("'projections reaching $525 billion annually by
2032' — have I got that line right?"), and a claim of two parts ("'By 2032 nearly half of AI spending
will go to inference, while training's share shrinks from 40% to 14%' — accurate?").

Each part is checked on its own; the claim holds when every part does, and fails when any part
fails. The time the claim leads with ("By 2032") belongs to both parts.

>>> parts("“By 2032 half of AI spend goes to inference, while training's share drops from 40% to 14%” — accurate?")
['By 2032 half of AI spend goes to inference', "By 2032 training's share drops from 40% to 14%"]
>>> parts("Meta's capex rose 50% in 2024 — true?")
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from ..answer import Answer

if TYPE_CHECKING:
    from .facts import Responder

__all__ = ["combined", "parts", "quoted_line"]

#: "— accurate?", "is that right?", "true?": the claim before it is to be checked
_CHECK_TAIL = re.compile(
    r"\s*[—–:,-]*\s*(?:is\s+(?:that|this|it)\s+|are\s+(?:both|these|they)\s+)?(?:accurate|true|right|correct|valid)"
    r"\s*\??\s*$",
    re.IGNORECASE,
)
_CHECK_LEAD = re.compile(
    r"^\s*(?:is\s+it\s+(?:true|accurate|right|correct)\s+that|true\s+or\s+false\s*[:,]?|fact[- ]?check\s*[:,]?)\s+",
    re.IGNORECASE,
)
#: the joint between the parts: ", while", ", whereas", "; "
_JOINT = re.compile(r"\s*(?:,\s*(?:while|whereas|and\s+while)|;\s*(?:and\s+|while\s+)?)\s+", re.IGNORECASE)
#: "By 2032, ...", "In 2025 ...": the time the claim leads with
_LEAD_TIME = re.compile(r"^\s*((?:by|in|for|through)\s+(?:fy\s*)?(?:19|20)\d\d)\b,?\s*", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b|\b(?:fy|cy|h[12]|q[1-4])\s*'?\d{2}\b", re.IGNORECASE)
#: a part states a figure: a number, or a fraction in words
_FIGURE = re.compile(r"\d|\b(?:half|third|quarter|double[sd]?|triple[sd]?|majority)\b", re.IGNORECASE)
_QUOTES = "\"“”'‘’"


def parts(text: str) -> list[str] | None:
    """The parts of a two-part claim to check, each with the claim's leading time; None for anything else."""
    tail = _CHECK_TAIL.search(text)
    lead = _CHECK_LEAD.match(text)
    if tail is None and lead is None:
        return None
    body = text[lead.end() if lead else 0 : tail.start() if tail else len(text)].strip().strip(_QUOTES).strip()
    pieces = [p.strip().strip(_QUOTES).strip(" ,.") for p in _JOINT.split(body)]
    if len(pieces) != 2 or not all(len(p.split()) >= 4 and _FIGURE.search(p) for p in pieces):
        return None
    when = _LEAD_TIME.match(pieces[0])
    if when and not _YEAR.search(pieces[1]):
        pieces[1] = f"{when.group(1)} {pieces[1]}"
    return pieces


def combined(question: str, answers: list[Answer]) -> Answer | None:
    """One verdict from the verdicts of the parts: no when any part fails, yes when all hold."""
    if not answers or any(a.kind != "yes_no" or a.verdict is None for a in answers):
        return None
    verdicts = [a.verdict for a in answers]
    verdict = "no" if "no" in verdicts else "yes" if all(v == "yes" for v in verdicts) else "unknown"
    lead = {
        "yes": "Yes — both parts hold.",
        "no": "No — not every part holds.",
        "unknown": "I can't tell for every part.",
    }[verdict]
    text = " ".join([lead, *(f"({i}) {a.text}" for i, a in enumerate(answers, 1))])
    sources = [s for a in answers for s in a.sources]
    return Answer(
        question=question,
        answered=True,
        kind="yes_no",
        text=text,
        verdict=verdict,
        sources=list({(s.title, s.quote): s for s in sources}.values()) if sources else [],
        basis=tuple(f for a in answers for f in a.basis),
    )


#: a line in quotes: "…", “…” or '…' (an apostrophe inside a word is no quote mark)
_QUOTED = re.compile(r"(?:^|(?<=[\s:(]))[\"“'‘](?P<line>[^\"“”]{20,400}?)[\"”'’](?=[\s,.;:?!—–)-]|$)")
#: the line is asked about as a line: "have I got that line right?", "accurately quoted?", "verbatim?"
_AS_A_LINE = re.compile(
    r"\b(?:quoted|quote|verbatim|word\s+for\s+word|the\s+line|that\s+line|the\s+wording|what\s+it\s+says"
    r"|got\s+(?:that|this|it)\s+(?:line\s+)?right)\b",
    re.IGNORECASE,
)
_FIGURE_WRITTEN = re.compile(r"\d+(?:[.,]\d+)*")
#: how closely a quoted line must match a source's sentence to be that sentence
_SAME_LINE = 95


_SAME_MARKS = str.maketrans("’‘“”–—", "''\"\"--")


def _plain(text: str) -> str:
    text = text.translate(_SAME_MARKS)
    return re.sub(r"\s+", " ", text).strip().lower()


def quoted_line(r: Responder, question: str) -> Answer | None:
    """ "'projections reaching $525 billion annually by 2032' — have I got that line right?": yes with the
    source's sentence when a source says it so, every figure as written; None (read as any other claim)
    when no source has the line."""
    m = _QUOTED.search(question)
    if m is None or not _AS_A_LINE.search(question[m.end() :] + " " + question[: m.start()]):
        return None
    line = _plain(m.group("line"))
    figures = _FIGURE_WRITTEN.findall(line)
    held = [(q, src) for o in r.k.observations for q in o.quotes for src in o.sources[:1]]
    held += [(q, src) for c in r.k.claims for q in c.quotes for src in c.sources[:1]]
    # (matched with the figures masked: the same sentence with another figure is that sentence, misquoted)
    masked = _FIGURE_WRITTEN.sub("#", line)
    best = max(held, key=lambda h: fuzz.partial_ratio(masked, _FIGURE_WRITTEN.sub("#", _plain(h[0]))), default=None)
    if best is None or fuzz.partial_ratio(masked, _FIGURE_WRITTEN.sub("#", _plain(best[0]))) < _SAME_LINE:
        return None
    said = _plain(best[0])
    same = all(f in _FIGURE_WRITTEN.findall(said) for f in figures)
    return Answer(
        question=question,
        answered=True,
        kind="yes_no",
        verdict="yes" if same else "no",
        text=(
            f"Yes — the source says it so: “{best[0]}”"
            if same
            else f"No — a figure differs; the source says: “{best[0]}”"
        ),
        sources=[r.source_ref(best[1], best[0])],
    )
