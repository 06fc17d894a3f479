"""What a question's shape adds to the intent its cue words score: how many subjects and periods it
names, whether it names a class of things or a relation, a ratio metric with "points", a range of
years, a question word before a group ("which hyperscalers ..."), a contrast of two terms.

The cue words (:mod:`bot.reading.cues`) say what kind of answer is wanted; the shape says which
reading the names support. Both add to one score per intent; the highest wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.periods import Period

from .lexicon import Mention, Token
from .measure import NOT_PP_POINT, YEARLY_LEVEL, YEARLY_RATE
from .patterns import CONTRAST, HOW_MUCH_MORE_THAN, KIND_WORDS
from .question_cues import TARGET_LEVEL, WHERE_FROM
from .threshold import Threshold

__all__ = ["Shape", "weigh_structure"]

#: who may stand behind a figure: "which research house", "which firm", "which analysts"
_SOURCE_NOUNS = frozenset(
    {"house", "firm", "firms", "analyst", "analysts", "bank", "banks", "source", "sources", "research", "outfit"}
)


@dataclass(frozen=True)
class Shape:
    """What the question names, as :func:`weigh_structure` weighs it."""

    text: str
    tokens: list[Token]
    mentions: list[Mention]
    subjects: list[str]
    metric: str | None
    periods: list[Period]
    predicates: list[str]
    roles: set[str]
    is_ratio: bool
    asks_start: bool
    threshold: Threshold | None
    spans: list[tuple[int, float]] = field(default_factory=list)
    premise_end: int = 0


#: names joined by plus signs: "AMZN+META+MSFT", "Amazon + Meta + Microsoft"
_PLUS_NAMES = re.compile(r"\b[A-Za-z][\w.&-]*\s*\+\s*[A-Za-z][\w.&-]*\s*\+\s*[A-Za-z]|\b[A-Z]{2,5}\s*\+\s*[A-Z]{2,5}\b")


#: one figure named for several companies: "the 2025 spending figure for A, B and C", "the filed capex of the
#: article's three named hyperscalers (A, B, C)"
_ONE_FIGURE_FOR_MANY = re.compile(
    r"\bthe\s+(?:[\w'’-]+\s+){0,4}?(?:figure|number|total|amount|capex|spending|spend)\s+(?:for|of)\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:\(|[A-Z][\w.]*\s*(?:,|and|&|\+))",
)


_FILED = re.compile(r"\b(?:filed|filings?|10-?[kq]s?|actual(?:ly)?|per\s+(?:the\s+)?sec)\b", re.IGNORECASE)


#: "by when is inference projected to overtake training?": when a relation holds (not "when the article says")
_WHEN_IT_HOLDS = re.compile(
    r"\s*(?:(?:and|so|ok)[,\s]+)?(?:by\s+)?when\s+(?:is|are|will|does|do|did|was|were|would|could|should)\b", re.I
)


def weigh_structure(scores: dict[str, float], shape: Shape) -> None:
    """Add the evidence of the question's shape to ``scores`` (in place)."""
    text, tokens, mentions, subjects = shape.text, shape.tokens, shape.mentions, shape.subjects
    metric, periods, predicates, roles = shape.metric, shape.periods, shape.predicates, shape.roles
    is_ratio, asks_start, threshold, spans = shape.is_ratio, shape.asks_start, shape.threshold, shape.spans
    premise_end = shape.premise_end
    norms = {t.norm for t in tokens}
    # structural evidence
    if len(subjects) >= 2:
        scores["compare"] = scores.get("compare", 0) + 1.0
        scores["sum"] = scores.get("sum", 0) + (1.0 if "sum" in scores else 0)  # "the total capex of A, B and C"
        if _PLUS_NAMES.search(text):
            scores["sum"] = scores.get("sum", 0) + 4.0  # "AMZN+META+MSFT capex": their sum
        filed = _FILED.search(text)
        if threshold is not None and threshold.unit == "USD" and filed and _ONE_FIGURE_FOR_MANY.search(text):
            # "does the filed 2025 capex of Amazon, Meta and Microsoft exceed $371bn?": one figure, theirs together
            scores["sum"] = scores.get("sum", 0) + 4.0
    if "range_start" in roles and "range_end" in roles:
        scores["change"] = scores.get("change", 0) + 0.5
        scores["series"] = scores.get("series", 0) + (0.5 if "series" in scores else 0)
    if metric or (subjects and periods):
        scores["value"] = scores.get("value", 0) + 1.0
    if HOW_MUCH_MORE_THAN.search(text, premise_end):
        scores["compare"] = scores.get("compare", 0) + 2.5  # "how much higher is A than B?": their difference
    asked_class = any(
        m.kind == "class"
        and m.start > 0
        and (
            tokens[m.start - 1].norm in ("what", "which")
            or (
                m.start >= 3
                and tokens[m.start - 1].norm == "of"
                and tokens[m.start - 2].norm in KIND_WORDS
                and tokens[m.start - 3].norm in ("what", "which")
            )
        )
        for m in mentions
    )
    if asked_class and not metric and not periods:
        scores["list"] = scores.get("list", 0) + 2.0  # "what hardware is pulled along by AI servers?"
    elif asked_class and predicates:
        scores["list"] = scores.get("list", 0) + 3.0  # "what kind of hardware is driving AI's rising share?"
    named_class = any(m.kind == "class" for m in mentions)
    if named_class and predicates and not asked_class and not periods:
        # "hw demand drivers behind AI's rising share of server rev?": things of a kind in a relation,
        # asked with no question word ("rising" describes the share, it asks no change)
        scores["list"] = scores.get("list", 0) + 2.0
    if predicates:
        # a relation's words beside a whole quantity ("need googl h1'25 capx for a client note") weigh less
        scores["list"] = scores.get("list", 0) + (0.4 if subjects and metric and periods else 1.5)
        if not periods and _WHEN_IT_HOLDS.match(text):
            # "by when is inference investment projected to overtake training spend?": when the relation holds
            scores["list"] += 1.0
    # ("the starting point before the drop": a point in time, not percentage points)
    points = [
        t.norm
        for i, t in enumerate(tokens)
        if t.norm in ("point", "points", "pp") and not (i and tokens[i - 1].norm in NOT_PP_POINT)
    ]
    if is_ratio and "change" in scores and points:
        scores["pp_change"] = scores.get("pp_change", 0) + 2
    if "define" in scores and (periods or (metric and subjects)):
        scores["define"] -= 2.0
    if "list" in scores and metric and periods and not predicates and "members" not in norms:
        scores["list"] -= 1.0
    if "sum" in scores and "range_start" in roles and "range_end" in roles:
        scores["sum"] += 2.0  # "in total between 2025 and 2032": a cumulative sum
    # ("the increase in annual hyperscaler capex": a change of a year's level, no rate a year)
    level_only = YEARLY_LEVEL.search(text) and not YEARLY_RATE.search(text) and not {"annualised", "annualized"} & norms
    if "change" in scores and {"annually", "annual", "yearly", "annualised", "annualized"} & norms and not level_only:
        scores["cagr"] = scores.get("cagr", 0) + 3.0  # "grow annually" asks for a compound rate
    if "change" in scores and "cagr" in scores:
        scores["change"] -= 1.0
    if "compare" in scores and len(subjects) < 2 and len(periods) < 2 and "rank" not in scores:
        scores["compare"] -= 1.0
    if "explain" in scores and ("source" in scores) and scores["source"] >= scores["explain"]:
        scores["explain"] -= 1.0
    if "average" in scores and "cagr" in scores:
        scores["average"] -= 2.0
    if "change" in scores and TARGET_LEVEL.search(text) and "from" not in norms and len(periods) <= 1:
        scores["value"] = scores.get("value", 0) + scores["change"] + 0.5  # "what does the share fall to by 2032"
    if asks_start:
        scores["value"] = scores.get("value", 0) + scores.get("change", 0) + 0.5
    if WHERE_FROM.search(text):
        scores["source"] = scores.get("source", 0) + 3.0  # "where does the $371B come from?"
    groups = any(m.kind == "group" for m in mentions)
    # "which research house is cited for the $1.8tn projection?": who stands behind a figure
    which_source = len(tokens) > 2 and tokens[0].norm == "which" and bool({t.norm for t in tokens[1:3]} & _SOURCE_NOUNS)
    if tokens and (tokens[0].norm in ("who", "whose") or which_source) and spans and threshold is None and not groups:
        scores["source"] = scores.get("source", 0) + 3.0  # "who's behind the $1.8T projection?": its source
    if (
        tokens and tokens[0].norm in ("which", "who") and any(m.kind == "group" and m.start <= 2 for m in mentions)
    ):  # "which hyperscalers are named ...": the group's members
        scores["list"] = scores.get("list", 0) + 3.0
    if "define" in scores and subjects and not (metric or periods or spans) and CONTRAST.search(text):
        scores["define"] += 2.0  # "what is AI inference, as opposed to training?": the terms, not their figures
    if "define" in scores and not (subjects or metric or periods) and any(m.kind == "measure" for m in mentions):
        scores["define"] += 3.0  # "what does CAGR mean?": the term asked about, not a computation
    if "define" in scores and not periods and not predicates and len({(m.start, m.end) for m in mentions}) == 1:
        scores["define"] += 1.5  # "what is X?" about one term and nothing else: a definition
