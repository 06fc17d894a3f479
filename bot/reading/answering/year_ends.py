"""When a company's fiscal year ends: "When does Microsoft's financial year end?", "which of those don't run
a December year-end?" (after the filers were listed), "does Apple have a calendar fiscal year?".

The answer comes from each company's fiscal calendar in the ontology (``kg:fiscalYearEndMonth`` and, for a
52/53-week year, the weekday it ends on), never from a figure.
"""

from __future__ import annotations

import calendar
import re

from kg.fiscal import fiscal_calendar

from ...answer import Answer
from ..facts import Responder
from ..understand import Query
from .common import make_answer

__all__ = ["answer_year_ends"]

#: "fiscal year end", "financial year end", "year-end", "when does its year close"
_YEAR_END = re.compile(
    r"\b(?:fiscal|financial)[- ]year(?:s)?[- ](?:end|ends|ending|close|closes)\b|\byear[- ]ends?\b|\bfye\b"
    r"|\b(?:fiscal|financial)\s+year\b[^?]*\b(?:end|ends|close|closes|finish|finishes)\b"
    r"|\bfiscal\s+calendar\b",
    re.IGNORECASE,
)
_ASKS_WHEN = re.compile(r"^\s*(?:and\s+)?(?:when|which|what\s+month|what\s+is|what's|whats|does|do|is|are)\b", re.I)
_THOSE = re.compile(r"\b(?:those|these|them|they)\b", re.IGNORECASE)
_NOT = re.compile(r"\b(?:don'?t|doesn'?t|do\s+not|does\s+not|not|other\s+than|besides)\b", re.IGNORECASE)
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def answer_year_ends(r: Responder, question: str, q: Query, last: Answer | None = None) -> Answer | None:
    """Each named company's fiscal year-end; with a month written ("which don't run a December year-end?"),
    the companies whose year ends (or does not end) in that month."""
    if not _YEAR_END.search(question) or not _ASKS_WHEN.search(question):
        return None  # ("capex for the fiscal year ending June 2025": a figure, in that year)
    if q.metric and (q.threshold is not None or q.amounts or q.periods):
        return None  # ("which had capex above $50bn in their fiscal 2024 — MSFT's FY24 ends June 2024?")
    companies = [s for s in q.subjects if getattr(r.k.entities.get(s), "kind", None) == "company"]
    if not companies and last is not None and _THOSE.search(question):
        # "Which companies do you have filings for?", "which of those don't run a December year-end?"
        by_label = {e.label.lower(): e.iri for e in r.k.entities.values() if e.kind == "company"}
        companies = [by_label[x] for i in last.items if (x := str(i.get("label", "")).lower()) in by_label]
    if not companies:
        return None
    ends = {s: fiscal_calendar(r.k, s) for s in companies}
    said = {s: _end_of(ends[s]) for s in companies}
    month = next((m for name, m in _MONTHS.items() if re.search(rf"\b{name}\b", question, re.I)), None)
    if month is None:
        text = " ".join(f"{r.possessive(s)} fiscal year ends {said[s]}." for s in companies)
        return make_answer(question, "list", text, items=[{"label": r.label(s), "text": said[s]} for s in companies])
    negated = bool(_NOT.search(question))
    picked = [s for s in companies if (ends[s].end_month == month and ends[s].end_weekday is None) != negated]
    which = "do not end" if negated else "end"
    names = ", ".join(r.label(s) for s in companies)
    head = f"Of {names}, these {which} their fiscal year in {calendar.month_name[month]}"
    listed = "; ".join(f"{r.label(s)}: {said[s]}" for s in picked) or "none"
    return make_answer(
        question,
        "list",
        f"{head}: {listed}.",
        items=[{"label": r.label(s), "text": said[s]} for s in picked],
    )


def _end_of(cal: object) -> str:
    end_month = getattr(cal, "end_month", 12)
    weekday = getattr(cal, "end_weekday", None)
    month = calendar.month_name[end_month]
    if weekday is None:
        return f"on {calendar.monthrange(2025, end_month)[1]} {month} (the month's last day)"
    return f"on the last {_WEEKDAYS[weekday]} of {month} (a 52/53-week year)"
