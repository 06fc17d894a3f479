"""Sources and measures of follow-ups: "vs article?", "per the 10-Q?", "and now?" (the same figure from
another source, or as the latest filing gives it) and the broader measures a narrower one sits under."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.knowledge import Knowledge

from .operands import Operand

if TYPE_CHECKING:
    from .understand import Query

__all__ = [
    "AND_NOW",
    "broader_of",
    "filed_against_last",
    "filed_measure",
    "nested",
    "other_source",
]

#: "vs article?", "and per the 10-Q?": the same figure from the other kind of source
_OTHER_SOURCE = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:vs\.?|versus|compared\s+(?:to|with)|against|and|per|in|from|according\s+to)\s+"
    r"(?:the\s+)?(?P<src>article|piece|story|report|filings?|10-?[qk]|sec(?:\s+data)?)\s*\??\s*$"
    # "And what does Meta's own 10-Q say for that same period?": the same figure, as that source gives it
    r"|^\s*(?:and\s+|so\s+|but\s+)?what\s+(?:does|did|do)\s+(?:the\s+|its\s+|their\s+|[\w.]+['’]s\s+)?(?:own\s+|actual\s+)?"
    r"(?P<src2>article|piece|story|report|filings?|10-?[qk]|sec(?:\s+data)?)\s+(?:actually\s+)?(?:say|show|give|report)"
    r"(?:\s+(?:for|about|over)\s+(?:that|the)\s+(?:same\s+)?(?:period|quarter|half|year))?\s*\??\s*$"
    # "and what did it actually file for that period?": the filed figure of the same quantity
    r"|^\s*(?:and\s+|so\s+)?what\s+(?:did|does|do)\s+(?:it|they|the\s+company|[\w.]+)\s+(?:actually\s+)?"
    r"(?P<src3>file|filed|report\s+in\s+(?:its|their)\s+filings?)"
    r"(?:\s+(?:for|in|over)\s+(?:that|the)\s+(?:same\s+)?(?:period|quarter|half|year))?\s*\??\s*$",
    re.IGNORECASE,
)


#: "and now?", "as it stands today?": the figure as currently filed
AND_NOW = re.compile(
    r"^\s*(?:and|so|but)?\s*(?:what\s+about\s+)?(?:now|today|currently|as\s+it\s+stands(?:\s+now)?|after\s+the\s+"
    r"restatement|as\s+restated|the\s+latest|latest)\s*\??\s*$",
    re.IGNORECASE,
)


def other_source(text: str) -> str | None:
    """'vs article?' -> 'article'; 'per the 10-Q?' -> 'filing'; None for anything else."""
    m = _OTHER_SOURCE.match(text)
    if m is None:
        return None
    named = (m.group("src") or m.group("src2") or "filing").lower()
    return "article" if named in ("article", "piece", "story", "report") else "filing"


def filed_measure(k: Knowledge | None, subject: str, metric: str) -> str | None:
    """``metric``, or the nearest broader one, of which ``subject`` has filed figures (None if neither)."""
    if k is None:
        return None
    for m in [metric, *sorted(broader_of(k, metric))]:
        if any(o.from_filing and o.quantity.subject == subject and o.quantity.metric == m for o in k.observations):
            return m
    return None


def nested(k: Knowledge | None) -> Callable[[str | None, str | None], bool]:
    """Whether one metric is a narrower kind of the other ('AI capex' and 'capex')."""
    return lambda a, b: k is not None and (a in broader_of(k, b) or b in broader_of(k, a))


def broader_of(k: Knowledge, iri: str | None) -> set[str]:
    """Every broader term of ``iri``, up the hierarchy."""
    out: set[str] = set()
    todo = [iri] if iri else []
    while todo:
        e = k.entities.get(todo.pop())
        for b in e.broader if e is not None else ():
            if b not in out:
                out.add(b)
                todo.append(b)
    return out


#: the measures of two figures set side by side
_SIDE_BY_SIDE = ("difference", "ratio", "multiple", "percent_change")


def filed_against_last(q: Query, previous: Query, k: Knowledge | None) -> Query | None:
    """ "Meta's H1 2025 AI capex per the article?", "gap vs the filed capex for the same six months?": the
    figure just given against the filings' broader measure of the same company and period."""
    if k is None or q.subjects or q.source != "filing" or q.metric is None or previous.metric is None:
        return None
    if len(previous.subjects) != 1 or len(previous.periods) != 1 or q.metric == previous.metric:
        return None
    if q.metric not in broader_of(k, previous.metric) or (q.periods and q.periods != previous.periods):
        return None
    if q.measure not in _SIDE_BY_SIDE and q.intent not in ("difference", "compare"):
        return None
    subject, period = previous.subjects[0], previous.periods[0]
    return replace(
        q,
        intent="compare",
        subjects=[subject],
        metric=previous.metric,
        periods=[period],
        operands=[Operand(0, subject, previous.metric, period), Operand(1, subject, q.metric, period)],
        subject_metrics={subject: previous.metric},
        measure=q.measure or "difference",
        inherited=[*q.inherited, "subjects", "periods"],
    )
