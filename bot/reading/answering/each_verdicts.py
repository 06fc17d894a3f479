"""One mark checked for several companies at once: "were AMZN, META and MSFT 2025 capex all above $60B?",
"was the 2025 capex growth for amzn/meta/msft more than 40%?", "did either of them top $80bn?".

Each company is checked on its own, in its own figures; the verdict is yes when every one passes (or,
for "any / either / at least one", when one does), no when the answer is settled the other way, and
unknown when a company's figure is missing or straddles the mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ...answer import Answer
from ..facts import Responder
from ..understand import Query
from .common import make_answer

__all__ = ["each_against_mark"]

_ANY = re.compile(r"\b(?:any|either|at\s+least\s+one)\b|(?<!every\s)(?<!each\s)\bone\s+of\b", re.I)
_TOGETHER = re.compile(r"\+|\b(?:combined|together|in\s+total|total|sum|summed|aggregate|between\s+them)\b", re.I)
_WHO = re.compile(r"\s*(?:who|whos|who's|which|what)\b", re.I)
_CHECKED_KINDS = ("company", "group", "ai_lab")


def each_against_mark(r: Responder, question: str, q: Query, one: Callable[[Query], Answer]) -> Answer | None:
    """Each named company's verdict against the question's mark, and the verdict over all of them."""
    subjects = list(dict.fromkeys(q.subjects))
    if not q.yes_no or len(subjects) < 2 or q.intent in ("sum", "rank", "list"):
        return None
    if q.threshold is None and not (q.change_multiple is not None and len(q.periods) == 2):
        return None  # (a mark to pass, or a change each made: "did every one of them more than double ...?")
    if q.threshold is not None and q.threshold.unit not in ("USD", "ratio"):
        return None  # ("was Alphabet's capex at least 2x Meta's?": one against the other, not each against 2x)
    if _TOGETHER.search(question) or _WHO.match(question):
        return None  # ("A+B+C combined — above $371bn?": their total against the mark, not each)
    if any(getattr(r.k.entities.get(s), "kind", None) not in _CHECKED_KINDS for s in subjects):
        return None
    answers = []
    for s in subjects:
        alone = replace(
            q,
            subjects=[s],
            operands=[o for o in q.operands if o.subject in (s, None)],
            subject_metrics={k: v for k, v in q.subject_metrics.items() if k == s},
        )
        a = one(alone)
        if a.kind != "yes_no" or a.verdict is None:
            return None  # (a company's check that is no yes/no: not ours to put together)
        answers.append((s, a))
    verdicts = [a.verdict for _, a in answers]
    if _ANY.search(question):
        verdict = "yes" if "yes" in verdicts else "no" if all(v == "no" for v in verdicts) else "unknown"
        lead = {"yes": "Yes", "no": "No", "unknown": "I can't tell from the sources"}[verdict]
        passing = [r.label(s) for s, a in answers if a.verdict == "yes"]
        head = f"{lead} — {', '.join(passing)}." if passing else f"{lead} — none of them."
    else:
        verdict = "yes" if all(v == "yes" for v in verdicts) else "no" if "no" in verdicts else "unknown"
        lead = {"yes": "Yes", "no": "No", "unknown": "I can't tell from the sources"}[verdict]
        failing = [r.label(s) for s, a in answers if a.verdict == "no"]
        n = len(answers)
        head = (
            f"{lead} — all {n} pass."
            if verdict == "yes"
            else f"{lead} — not {', '.join(failing)}."
            if failing
            else f"{lead}."
        )
    each = " ".join(f"{r.label(s)}: {_without_lead(a.text)}" for s, a in answers)
    items = [i for _, a in answers for i in a.items]
    sources = [src for _, a in answers for src in a.sources]
    return make_answer(
        question,
        "yes_no",
        f"{head} {each}",
        verdict=verdict,
        items=items,
        sources=list({id(x): x for x in sources}.values()),
        subject=", ".join(r.label(s) for s in subjects),
    )


def _without_lead(text: str) -> str:
    """A company's own answer without its "Yes —" / "No." lead."""
    return re.sub(r"^(?:Yes|No|I can't tell from the sources)\s*(?:—[^.]*\.|\.)\s*", "", text).strip()
