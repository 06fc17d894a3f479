"""Follow-ups that set the question against what the conversation has just asked: the companies asked in
turn ("and Meta?", "combined?", "add all three up"), one part of a total just given ("what share of that is
Meta?"), the figure just given against another or against an amount ("how far is that from the filed
capex?", "by how much does the article's $30.7bn exceed that?"), and a share of another measure ("what was
that as a share of its revenue?")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from kg.knowledge import Knowledge

from .operands import Operand
from .question_periods import fiscal_mentions
from .understand import Query

__all__ = [
    "all_just_asked",
    "amount_against_last",
    "last_against_another",
    "part_of_total",
    "ratio_of_last",
    "two_just_asked",
    "two_measures_just_asked",
    "when_asked",
]


_BETWEEN_TWO = re.compile(
    r"\b(?:faster|slower|more quickly|which of the two|which one|both|either"
    r"|which is (?:bigger|larger|higher|greater))\b",
    re.I,
)


_COUNTED = re.compile(
    r"\b(?:all|the|those|these)\s+(?P<n>three|four|five|six|3|4|5|6)(?:\s+of\s+them)?\b|\ball\s+of\s+them\b", re.I
)


_COUNTS = {"three": 3, "four": 4, "five": 5, "six": 6}


def all_just_asked(q: Query, previous: Query, recent: tuple[Query, ...]) -> list[str] | None:
    """'add all three up', 'rank all of them': the subjects of the last questions that asked one metric for
    one period, each about one subject, as many as the question counts."""
    counted = _COUNTED.search(q.text)
    if counted is None or q.subjects or previous.metric is None or len(previous.subjects) != 1:
        return None
    n = counted.group("n")
    want = (_COUNTS.get(n.lower()) or int(n)) if n else None
    subjects: list[str] = []
    for earlier in reversed(recent):
        if earlier.metric != previous.metric or earlier.periods != previous.periods or len(earlier.subjects) != 1:
            break
        if earlier.subjects[0] not in subjects:
            subjects.insert(0, earlier.subjects[0])
        if want is not None and len(subjects) == want:
            break
    if len(subjects) < 3 or (want is not None and len(subjects) != want):
        return None
    return subjects


def two_just_asked(
    q: Query,
    previous: Query,
    earlier: Query | None,
    related: Callable[[str | None, str | None], bool] = lambda a, b: False,
) -> list[str] | None:
    """The subjects of the last two questions, when a sum or a comparison names none and those two
    asked one metric (or a narrower and a broader one: ``related``) for one period, each about one subject."""
    if q.subjects or earlier is None:
        return None
    if (
        q.intent not in ("sum", "compare", "rank", "ratio")
        and not (q.intent == "change" and _BETWEEN_TWO.search(q.text))
        and q.measure not in ("difference", "multiple")
    ):
        return None
    if len(previous.subjects) != 1 or len(earlier.subjects) != 1 or previous.subjects == earlier.subjects:
        return None
    if previous.metric != earlier.metric and not related(previous.metric, earlier.metric):
        return None
    if previous.periods == earlier.periods:
        return [earlier.subjects[0], previous.subjects[0]]
    if len(previous.periods) != 1 or len(earlier.periods) != 1:
        return None
    a, b = earlier.periods[0], previous.periods[0]
    if a != b and (a.start is None or b.start is None or a.end is None or b.end is None):
        return None
    if a != b and abs((a.end - a.start).days - (b.end - b.start).days) > 10:  # type: ignore[operator]
        return None  # (each its own year, quarter or half: "Nvidia FY26", "Apple's latest fiscal year")
    return [earlier.subjects[0], previous.subjects[0]]


def part_of_total(q: Query, previous: Query) -> Query | None:
    """'Alphabet + Meta capex 2025 combined?', 'what share of that is Meta?': one part of the total just given."""
    if not (q.measure == "ratio" and len(q.subjects) == 1 and q.subjects[0] in previous.subjects):
        return None
    if previous.intent != "sum" or len(previous.subjects) < 2:
        return None
    part, others = q.subjects[0], [x for x in previous.subjects if x != q.subjects[0]]
    when = previous.periods[0] if previous.periods else None
    return replace(
        q,
        subjects=previous.subjects,
        metric=previous.metric,
        periods=previous.periods,
        operands=[Operand(0, part, previous.metric, when), Operand(1, part, previous.metric, when)]
        + [Operand(2 + i, x, previous.metric, when) for i, x in enumerate(others)],
        intent="ratio",
        inherited=["subjects", "metric", "periods", "sum"],
    )


#: "that filed figure", "this number", "exceed that?": the figure just given
_THAT_FIGURE = re.compile(
    r"\b(?:that|this)\s+(?:\w+\s+)?(?:figure|number|amount|value|total|one)\b|\b(?:exceed|than|over|above|below)\s+(?:that|this|it)\b"
    # "how does that stack up against the $525bn capex number?"
    r"|\b(?:does|do|did|would|will)\s+(?:that|this|it)\s+(?:stack\s+up|compare|measure\s+up)\b",
    re.IGNORECASE,
)


#: "how far is that from ...", "how much more is that than ...": the figure just given, less another
_GAP_FROM_THAT = re.compile(
    r"\bhow\s+far\s+(?:is|was)\s+(?:that|this|it)\s+from\b"
    r"|\b(?:gap|difference)\s+between\s+(?:that|this|it)\s+and\b"
    r"|\bhow\s+much\s+(?:more|less|higher|lower|bigger|smaller)\s+(?:is|was)\s+(?:that|this|it)\s+than\b"
    # "how many times Nvidia's FY26 capex is that?" (another company's figure)
    r"|\bhow\s+many\s+times\b[^?]*?\b(?:is|was)\s+(?:that|this|it)\b"
    # "how far above the filed capex is that?", "by how much does the article's figure exceed what Meta filed?"
    r"|\bhow\s+(?:far|much)\s+(?:above|below|over|under|off|short\s+of|(?:higher|lower|more|less)\s+than)\b"
    r"[^?]*?\b(?:is|was)\s+(?:that|this|it)\b"
    r"|\b(?:does|did|do)\s+(?:that|this|it|the\s+article'?s?\s+(?:figure|number|one|amount))\s+"
    r"(?:exceed|beat|top|trail|lag|fall\s+short\s+of|differ\s+from)\b",
    re.IGNORECASE,
)
#: "what Meta actually filed", "the 10-Q": the filed figure of what the article measured more narrowly
_FILED_NAMED = re.compile(r"\b(?:filed|10-?[qk]s?|sec\s+filings?|as\s+reported\s+to\s+the\s+sec)\b", re.IGNORECASE)


def _gap_measure(gap: re.Match[str]) -> str:
    return "multiple" if re.search(r"\btimes\b", gap.group(0), re.I) else "difference"


def last_against_another(q: Query, previous: Query, k: Knowledge | None = None) -> Query | None:
    """'What does the article say Meta spent on AI capex in H1 2025?', 'how far is that from the cash
    capex Meta filed for the same half-year?': the figure just given less the one named now."""
    gap = _GAP_FROM_THAT.search(q.text)
    if gap is None or not (previous.subjects and previous.metric and previous.periods):
        return None
    if _gap_measure(gap) == "multiple" and not (q.subjects and q.subjects[0] not in previous.subjects):
        return None  # ("how many times FY24 is that?": the same company's years, read as a change)
    subject = q.subjects[0] if q.subjects else previous.subjects[0]
    metric = q.metric or previous.metric
    narrower = k.entities.get(previous.metric) if k is not None else None
    last_source = previous.source
    filed = _FILED_NAMED.search(q.text[gap.start() :])
    if (q.metric is None or q.metric == previous.metric) and narrower is not None and narrower.broader and filed:
        metric = narrower.broader[0]  # "... exceed what Meta actually filed?": the filed, broader measure
        last_source = None  # (each figure from its own source)
    period = q.periods[-1] if q.periods and not q.same_period else previous.periods[-1]
    if (subject, metric) == (previous.subjects[0], previous.metric) and period == previous.periods[-1]:
        return None
    last = Operand(0, previous.subjects[0], previous.metric, previous.periods[-1])
    other = Operand(gap.end(), subject, metric, period)
    subjects = list(dict.fromkeys([previous.subjects[0], subject]))
    return replace(
        q,
        intent="compare",
        measure=q.measure if q.measure in ("difference", "percent_change", "ratio", "multiple") else _gap_measure(gap),
        in_order=True,
        subjects=subjects,
        metric=previous.metric,
        subject_metrics={previous.subjects[0]: previous.metric},
        periods=list(dict.fromkeys([previous.periods[-1], period])),
        operands=[last, other],
        source=q.source or last_source,  # ("..., per the article?", "how much more is that than Meta's?")
        inherited=["subjects", "metric", "periods"],
    )


_AS_SHARE_OF = re.compile(
    r"(?:\bas\s+(?:an?\s+)?(?:share|%|pct|percent(?:age)?|proportion|fraction)|\d(?:\.\d+)?\s?(?:%|percent))"
    r"\s+of\s+(?:its|their|the)?\s*"  # (and "is that more than 5% of its revenue?": the ratio, against 5%)
    r"(?:(?:FY|CY|fiscal\s+|calendar\s+)?'?\d{2,4}\s+)?([\w-]+)",  # ("as a % of FY2025 revenue?")
    re.IGNORECASE,
)


def ratio_of_last(q: Query, previous: Query, k: Knowledge | None) -> Query | None:
    """'What was Alphabet's capex in 2025?', 'what was that as a share of its revenue?' (or 'so capex as a %
    of revenue?' after its revenue): the ratio the graph names of the two, for the same company and period."""
    if k is None or q.measure != "ratio" or not previous.subjects or q.subjects:
        return None
    named = k.entities.get(q.metric) if q.metric else None
    ratio = named if named is not None and named.ratio_of else None
    said = _AS_SHARE_OF.search(q.text)
    if ratio is None and said and previous.metric:
        word = said.group(1).lower()
        whole = next(
            (e.iri for e in k.entities.values() if e.kind == "metric" and word in (n.lower() for n in e.names)), None
        )
        ratio = next((e for e in k.entities.values() if e.ratio_of == (previous.metric, whole)), None)
        over_it = [e for e in k.entities.values() if e.ratio_of and e.ratio_of[1] == whole]
        if ratio is None and whole == previous.metric and len(over_it) == 1:
            ratio = over_it[0]  # "capex FY25?", "and revenue?", "as a % of revenue?": the one ratio over it
    if ratio is None:
        return None
    periods = q.periods
    if q.fiscal:  # ("MSFT FY2025 cash capex?", "as a % of FY2025 revenue?": Microsoft's fiscal year)
        again = [m.period for m in fiscal_mentions(k, previous.subjects[0], q.fiscal) if m.period is not None]
        periods = again if len(again) == len(periods) else periods
    return replace(
        q,
        intent="value",
        metric=ratio.iri,
        subjects=previous.subjects[:1],
        # (after two periods side by side, the later one)
        periods=periods or ([max(previous.periods, key=lambda p: p.end or date.min)] if previous.periods else []),
        operands=[],
        subject_metrics={},
        inherited=["subjects", "periods"],
    )


def amount_against_last(q: Query, previous: Query) -> Query | None:
    """'What cash capex did Meta file for H1 2025?', 'by how much does the article's $30.7bn exceed that
    filed figure?': the amount written against the figure just given."""
    that = _THAT_FIGURE.search(q.text)
    written = [o for o in q.operands if o.amount is not None]
    if (
        that is None
        or len(written) != 1
        or q.subjects
        or q.intent not in ("difference", "compare", "change", "multiple")
    ):
        return None
    if not (previous.subjects and previous.metric and previous.periods):
        return None
    last = Operand(that.start(), previous.subjects[0], previous.metric, previous.periods[-1])
    return replace(
        q,
        subjects=[previous.subjects[0]],
        metric=previous.metric,
        periods=[previous.periods[-1]],
        operands=sorted([*written, last], key=lambda o: o.start),
        inherited=["subjects", "metric", "periods"],
    )


def two_measures_just_asked(q: Query, previous: Query, earlier: Query | None, k: Knowledge) -> Query | None:
    """'genAI revenue by 2032?', 'and hyperscaler capex in 2032?', 'so revenue is how many times capex?':
    the two figures just asked, each named now by its measure, in the order the question names them."""
    if earlier is None or q.measure not in ("multiple", "ratio", "difference"):
        return None
    asked = [earlier, previous]
    if q.subjects and not set(q.subjects) <= {s for x in asked for s in x.subjects}:
        return None  # (names of its own: a new question; "the genAI rev number" names one just asked)

    def whose(x: Query) -> list[str]:  # (a forecaster named beside the figure is not whose figure it is)
        return [s for s in x.subjects if getattr(k.entities.get(s), "kind", None) not in ("analyst_firm", "publisher")]

    if any(len(whose(x)) != 1 or not x.metric or len(x.periods) != 1 for x in asked):
        return None
    if earlier.metric == previous.metric:
        return None
    text = q.text.lower()

    def named_at(metric: str) -> int | None:
        e = k.entities.get(metric)
        names = [n.lower() for n in (e.names if e else ()) if len(n) > 2]
        found = [m.start() for n in names for m in re.finditer(rf"(?<!\w){re.escape(n)}(?!\w)", text)]
        return min(found) if found else None

    at = [named_at(x.metric) for x in asked if x.metric]
    found = [(pos, x) for pos, x in zip(at, asked, strict=True) if pos is not None]
    that = re.search(r"\b(?:that|this|it)\b", text)
    if len(found) == 1 and that is not None and that.start() != found[0][0]:
        # "ai ad uplift by 2032?", "and genAI revenue?", "what fraction of the genAI rev number is that": the
        # one named is the whole, "that" the other figure just asked
        other = next(x for x in asked if x is not found[0][1])
        named = found[0]
        pairs = sorted([(that.start(), other), named], key=lambda pair: pair[0])
        return _the_two(q, pairs, whose, named, in_order=False)
    if len(found) != 2 or found[0][0] == found[1][0]:
        return None
    first, second = sorted(found, key=lambda pair: pair[0])
    return _the_two(q, [first, second], whose, second, in_order=True)


def _the_two(
    q: Query,
    pairs: list[tuple[int, Query]],
    whose: Callable[[Query], list[str]],
    whole: tuple[int, Query],
    *,
    in_order: bool,
) -> Query:
    """The question over the two figures just asked, each at where the question names it, ``whole`` the
    one divided by."""
    operands = [Operand(pos, whose(x)[0], x.metric, x.periods[0]) for pos, x in pairs]
    return replace(
        q,
        subjects=[o.subject for o in operands if o.subject],
        metric=whole[1].metric,
        periods=list(dict.fromkeys(o.period for o in operands if o.period)),
        subject_metrics={o.subject: o.metric for o in operands if o.subject and o.metric},
        operands=operands,
        whole_at=whole[0],
        whole=[pos for pos, _ in pairs].index(whole[0]),
        in_order=in_order or q.in_order,
        inherited=["subjects", "metric", "periods"],
    )


#: "By when?", "when?", "when was that reported?", "what year?": when the last answer's figures are
_WHEN_ASKED = re.compile(
    r"\s*(?:and|so|ok|okay)?[\s,]*(?:by\s+when|when|what\s+year|which\s+year|in\s+what\s+year)"
    r"(?:\s+(?:is|was|were|will|does|did)\s+(?:that|it|this|they|those)(?:\s+\w+){0,2})?\s*[?.!]*\s*",
    re.IGNORECASE,
)


def when_asked(text: str) -> bool:
    """Whether ``text`` only asks when, of what was just answered."""
    return _WHEN_ASKED.fullmatch(text) is not None
