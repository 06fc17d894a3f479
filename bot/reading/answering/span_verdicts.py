"""Whether a figure is one year's or a total over several: "the $525B for 2032 — is that cumulative?",
"is the $1.8T an annual figure?". The period the sources give the figure for decides; a figure whose
period they do not date is neither."""

from __future__ import annotations

import re
from dataclasses import replace

from ...answer import Answer
from ..facts import Responder
from ..understand import Query
from . import sources
from .common import value_answer
from .verdict_basics import with_verdict

__all__ = ["span_of_figure_verdict"]

#: "cumulative through 2032", "a total over the years", "multi-year": several years added up
_CUMULATIVE = re.compile(
    r"\b(?:cumulative(?:ly)?|cumul|in\s+total\s+over|total\s+over|summed\s+over|added\s+up\s+over|aggregated?\s+over"
    r"|over\s+the\s+(?:whole\s+)?(?:period|span|years)|multi-?year|all\s+(?:the\s+)?years|across\s+(?:the\s+)?years)\b",
    re.IGNORECASE,
)
#: "an annual figure", "a yearly number", "per year", "a single year's": one year's
_ANNUAL = re.compile(
    r"\b(?:annual(?:ly|i[sz]ed)?|yearly|per\s+(?:year|annum|yr)|a\s+year|each\s+year|one\s+year'?s?"
    r"|(?:a\s+)?single[-\s]year'?s?|for\s+(?:a|one)\s+(?:single\s+)?year)\b",
    re.IGNORECASE,
)
#: the figure itself is asked about: "is that ...", "is the $525B ..."
_ABOUT_THE_FIGURE = re.compile(r"\b(?:is|was|are)\s+(?:that|it|this|the)\b", re.IGNORECASE)

#: days a year's figure may span, 52/53-week years included
_YEAR_DAYS = 380


def span_of_figure_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """Yes or no on whether the figure named by its amount is a year's or a total over years."""
    cumulative, annual = _CUMULATIVE.search(question), _ANNUAL.search(question)
    if not q.yes_no or not q.amounts or bool(cumulative) == bool(annual) or q.threshold or q.comparator:
        return None
    if not _ABOUT_THE_FIGURE.search(question):
        return None
    facts = [f for f in sources.facts_with_amounts(r, replace(q, periods=[])) if not f.is_change]
    if q.subjects:
        facts = [f for f in facts if f.quantity.subject in q.subjects]
    if len({f.quantity for f in facts}) != 1:
        return None
    f = facts[0]
    p = f.quantity.period
    base = value_answer(r, question, f)
    said = r.plabel(f.quantity)
    if p.is_vague or p.start is None or p.end is None:
        return with_verdict(question, base, "unknown", f"the sources date the figure only as {said}.")
    days = (p.end - p.start).days + 1
    one_year, several = 350 <= days <= _YEAR_DAYS, days > _YEAR_DAYS
    if cumulative:
        verdict = "yes" if several else "no"
        why = (
            f"the figure is for the years {said}, added up."
            if several
            else f"the figure is for {said} alone, not a total over the years before it."
        )
    else:
        verdict = "yes" if one_year else "no"
        why = f"the figure is for one year, {said}." if one_year else f"the figure is for {said}, not one year."
    return with_verdict(question, base, verdict, why)
