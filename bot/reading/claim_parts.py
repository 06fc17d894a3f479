"""A claim of two parts to check: "'By 2032 nearly half of AI spending will go to inference, while
training's share shrinks from 40% to 14%' — accurate?".

Each part is checked on its own; the claim holds when every part does, and fails when any part
fails. The time the claim leads with ("By 2032") belongs to both parts.

>>> parts("“By 2032 half of AI spend goes to inference, while training's share drops from 40% to 14%” — accurate?")
['By 2032 half of AI spend goes to inference', "By 2032 training's share drops from 40% to 14%"]
>>> parts("Meta's capex rose 50% in 2024 — true?")
"""

from __future__ import annotations

import re

from ..answer import Answer

__all__ = ["combined", "parts"]

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
