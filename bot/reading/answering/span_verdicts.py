"""Whether a figure is one year's or a total over several: "the $525B for 2032 — is that cumulative?",
"is the $1.8T an annual figure?". The period the sources give the figure for decides; a figure whose
period they do not date is neither."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from kg.format import format_value
from kg.values import Value

from ...answer import Answer
from ..amounts import amounts_in
from ..facts import Responder
from ..understand import Query
from . import sources
from .common import make_answer, value_answer
from .verdict_basics import with_verdict

__all__ = ["span_of_figure_verdict", "span_of_rate_verdict"]

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
_ABOUT_THE_FIGURE = re.compile(
    r"\b(?:is|was|are)\s+(?:that|it|this|the|an?|one|just|only)\b|\b(?:that['’]?s|it['’]s|that\s+is|this\s+is)\b",
    re.IGNORECASE,
)
#: "annual, not cumulative": the kind ruled out
_RULED_OUT = re.compile(r"\b(?:not|rather\s+than|instead\s+of)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)

#: days a year's figure may span, 52/53-week years included
_YEAR_DAYS = 380


def span_of_figure_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """Yes or no on whether the figure named by its amount is a year's or a total over years."""
    cumulative, annual = _CUMULATIVE.search(question), _ANNUAL.search(question)
    # ("a total over 2025-32": the "over" of the span, no bound)
    compared = q.comparator and not (cumulative and re.search(r"\bover\b", cumulative.group(), re.IGNORECASE))
    if cumulative and annual:  # "an annual number right, not cumulative?": the one not ruled out
        if _RULED_OUT.search(question, 0, cumulative.start()):
            cumulative = None
        elif _RULED_OUT.search(question, 0, annual.start()):
            annual = None
    # (the amount as written, also when reading it has already named whose figure it is)
    amounts = q.amounts or amounts_in(question)
    if not q.yes_no or not amounts or bool(cumulative) == bool(annual) or q.threshold or compared:
        return None
    if not _ABOUT_THE_FIGURE.search(question):
        return None
    written = replace(q, periods=[], amounts=amounts, metric=None)
    facts = [f for f in sources.facts_with_amounts(r, written) if not f.is_change]
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


#: "measured against 2023", "relative to 2024", "vs 2023": the year a rate is taken from
_AGAINST_YEAR = re.compile(
    r"\b(?:(?:measured|calculated|taken)\s+)?(?:against|relative\s+to|versus|vs\.?|compared\s+(?:with|to)|over|on)"
    r"\s+(?:fy\s*|cy\s*)?'?(?:19|20)?\d\d\s*\??\s*$",
    re.IGNORECASE,
)


def span_of_rate_verdict(r: Responder, question: str, q: Query) -> Answer | None:
    """'Is the 44% the growth from 2025 to 2032?': a rate the sources state for one span, asked of another,
    is a no, with the span it is for; asked of its own span, a yes."""
    rates = [a for a in (q.amounts or amounts_in(question)) if 0 < abs(a) < 10]
    base_only = len(q.periods) == 1 and _AGAINST_YEAR.search(question)
    if not q.yes_no or len(rates) != 1 or not (len(q.periods) == 2 or base_only) or q.threshold or q.comparator:
        return None
    if not _ABOUT_THE_FIGURE.search(question) or re.search(r"\bthan\b|\b(?:faster|slower)\b", question, re.I):
        return None  # ("is the 44% faster than the 2025-2032 rate?": the two rates compared)
    stated = sources.change_of_rate(r, replace(q, amounts=rates))
    if stated is None or len(stated.periods) != 2:
        return None
    start, end = stated.periods
    # ("is the 44% increase measured against 2023?": the base asked, into the rate's own end)
    asked = [q.periods[0], end] if base_only else sorted(q.periods, key=lambda p: p.start or p.end or date.min)
    if q.subjects and stated.subjects[0] not in q.subjects:
        return None
    said = f"{format_value(Value(rates[0], 'ratio'))} is the change from {start.label} to {end.label}"
    level = r.find(stated.subjects[0], stated.metric, end) if stated.metric else None
    base = value_answer(r, question, level) if level is not None else make_answer(question, "yes_no", "")
    base = replace(base, value=rates[0], unit="ratio", measure="percent_change")
    if [start, end] == asked:
        return with_verdict(question, base, "yes", f"{said}.")
    return with_verdict(question, base, "no", f"{said}, not from {asked[0].label} to {asked[1].label}.")
