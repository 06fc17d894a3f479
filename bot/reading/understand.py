"""From question text to a typed :class:`Query`.

The text is read once into evidence — lexicon mentions (subjects, metrics, concepts,
predicates), period mentions, cue words — and every kind of question is scored against
that evidence; the best-scoring reading wins. Nothing here is keyed to particular
sentences: cue words are the language of questions, names come from the graph.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from kg.fiscal import company_period
from kg.knowledge import Knowledge
from kg.periods import Period, month_end

from .amounts import amount_spans
from .cues import CUE_WORDS, GROWTH_ABBREVIATION, cue_scores, given_offset
from .lexicon import GRAMMAR_WORDS, Lexicon, Mention, Token, tokenize
from .measure import asked_measure
from .names import (
    SUBJECT_KINDS,
    choose_metric,
    generic_share,
    pair_subjects_with_metrics,
    possible_unknown_subject,
    unknown_names,
)
from .operands import Operand, pair_operands
from .period_words import resolve
from .periods import PeriodMention, find_periods, resolve_fiscal
from .threshold import Threshold, change_multiple, direction_asked, is_yes_no, status_asked, threshold_in

__all__ = ["INTENTS", "Query", "understand"]

INTENTS = (
    "value",
    "change",
    "pp_change",
    "multiple",
    "cagr",
    "ratio",
    "share",
    "sum",
    "difference",
    "average",
    "annualise",
    "compare",
    "rank",
    "list",
    "series",
    "explain",
    "source",
    "define",
    "help",
)

_FOLLOW_UP = re.compile(r"^\s*(and|what about|how about|same for|and for|what of|ok and|also|then)\b", re.IGNORECASE)
_NOW_WORDS = {"now", "currently", "today", "current", "present", "already", "presently"}
#: Pronouns point back at what the conversation named before ("how much did they spend in 2024?").
_PRONOUN = re.compile(r"\b(they|their|theirs|them|it|its|he|his|she|her)\b", re.IGNORECASE)
_POSSESSIVE_PRONOUNS = {"its", "their", "theirs", "his", "her"}


def _points_back(text: str, names_a_subject: bool) -> bool:
    """A pronoun points to the previous question, unless it is a possessive beside a subject the
    question names itself ('what fraction of its revenue did Nvidia spend on capex')."""
    return any(not (names_a_subject and m.group(1).lower() in _POSSESSIVE_PRONOUNS) for m in _PRONOUN.finditer(text))


@dataclass
class Query:
    """A question's reading: what is asked, about which subjects, metric and periods."""

    intent: str
    subjects: list[str] = field(default_factory=list)
    metric: str | None = None
    periods: list[Period] = field(default_factory=list)
    range_: bool = False
    by: bool = False
    concepts: list[str] = field(default_factory=list)
    predicates: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    relative_previous: bool = False
    now: bool = False
    vague: bool = False
    follow_up: bool = False
    understood: bool = True
    scores: dict[str, float] = field(default_factory=dict)
    inherited: list[str] = field(default_factory=list)
    ascending: bool = False
    top: int | None = None
    #: when a question names several metrics: each subject's nearest one
    subject_metrics: dict[str, str] = field(default_factory=dict)
    amounts: list[float] = field(default_factory=list)
    #: the fiscal period mentions as written, to re-read in a follow-up's inherited company's calendar
    fiscal: list[PeriodMention] = field(default_factory=list)
    #: words of the question that no label, grammar word or cue explains
    leftover: list[str] = field(default_factory=list)
    #: "and FQ4 alone?": a quarter or half written without a year, as (kind, number, fiscal)
    yearless: tuple[str, int, bool] | None = None
    #: "quarterly", "by quarter": the kind of period a series is asked in
    granularity: str | None = None
    #: "the latest quarterly figure", "its most recent fiscal year": only the newest figure of that kind
    latest: bool = False
    #: "over the last three years": the newest n periods of a kind, as (kind, n)
    last_n: tuple[str, int] | None = None
    #: the kind of source asked for: "filing" ("as filed", "per the 10-Q") or "article", else None
    source: str | None = None
    #: words written right before the metric that no name covers ("total digital ad" spending)
    metric_modifiers: list[str] = field(default_factory=list)
    #: the question's own text (follow-ups read pronouns in it)
    text: str = ""
    #: "the same period in 2024": the previous question's period, moved to the year named
    same_period: bool = False
    #: "dropped from what level?": the starting figure of a stated change is asked
    asks_start: bool = False
    #: a yes/no question ("did ...", "is ...") and what it tests
    yes_no: bool = False
    threshold: Threshold | None = None
    change_multiple: float | None = None
    status_asked: str | None = None
    direction: str | None = None
    comparator: str | None = None
    #: the quantities named, each subject with its own metric and period, in text order
    operands: list[Operand] = field(default_factory=list)
    #: where the whole stands in "A as a share of B" / "how many times B" (the operand's offset), else None
    whole_at: int | None = None
    #: the measure the question asks for ("difference", "percent_change", ...), when its words say
    measure: str | None = None
    #: which of two periods (or subjects) is the whole in "A as a share of B": its index, else None
    whole: int | None = None
    #: "what did they originally file?": a restated figure's first filed value
    original: bool = False

    @property
    def complete(self) -> bool:
        return bool(self.subjects and self.metric and self.periods)


_WHERE_FROM = re.compile(r"\bwhere\b.*\b(?:comes?|came|coming)\s+from\b", re.IGNORECASE)
_FILED = re.compile(r"\b(?:as filed|filed|filings?|sec|10-?[qk]s?|edgar|xbrl|annual report|quarterly report)\b", re.I)
_ARTICLE = re.compile(r"\b(?:article|the story|the piece|news ?piece|per the report|in the report)\b", re.IGNORECASE)
_QUARTERLY = re.compile(r"\b(?:quarterly|by quarter|quarter by quarter|quarter-by-quarter|each quarter of)\b", re.I)
_YEARLY = re.compile(r"\b(?:yearly|by year|year by year|year-by-year|annual figures)\b", re.IGNORECASE)
_SAME_PERIOD = re.compile(r"\bsame (?:period|quarter|half|time|months?)\b", re.IGNORECASE)
_TARGET_LEVEL = re.compile(
    r"\b(?:(?:fall|drop|declin|ris|ros|grow|grew|climb|increas|decreas|shrink|shrank|jump|go|went|sink|sank|get)"
    r"\w*\s+to|reach(?:es|ed|ing)?)\b(?!\s+(?:\d|\$))",
    re.IGNORECASE,
)
_FROM_WHAT = re.compile(
    r"\bfrom\s+what\b|\bstart(?:ed|s|ing)?\s+(?:from|at)\b|\bstarting\s+(?:level|point|share)", re.I
)


_PREAMBLE = re.compile(
    r"^(?:looking at|regarding|re|on|about|thinking (?:about|of)|given|based on|quick q(?:uestion)?|question|q|"
    r"context|fyi|so|ok|okay)\b[^:?]{0,80}:\s+(?=\S+\s+\S+\s+\S)",
    re.IGNORECASE,
)


#: a request put politely is its question: "can you tell me what Nvidia's revenue was" asks what it was
_POLITE = re.compile(
    r"^\s*(?:(?:hi|hey|hello|please|pls)[,!\s]+)?(?:(?:can|could|would|will) you(?: please| kindly| quickly)?"
    r"|(?:i'?d|i would) (?:like|love) (?:you )?to|i (?:want|need|wanted) (?:you )?to|please|pls|help me)\s+"
    r"(?:tell|give|show|remind|let|list|find|provide|share|pull|look up|get|send)\b"
    r"(?:\s+(?:me|us))?(?:\s+(?:know|up|through))?(?:\s+(?:on|about))?\s*",
    re.IGNORECASE,
)


def _without_preamble(text: str) -> str:
    """'Looking at the shift to inference: how many points ...?' -> the question after the colon;
    'Could you remind me how much Meta spent ...' -> 'how much Meta spent ...'."""
    polite = _POLITE.match(text)
    if polite and len(text) - polite.end() > 8:
        text = text[polite.end() :]
    m = _PREAMBLE.match(text)
    return text[m.end() :] if m else text


def fiscal_mentions(k: Knowledge, company: str | None, mentions: list[PeriodMention]) -> list[PeriodMention]:
    """Fiscal mentions ('FY25', 'Q1 FY2026') resolved in ``company``'s calendar: its year end, and
    for 52/53-week years (Apple, Nvidia) the exact days its filings use."""
    if company is None:
        return mentions
    e = k.entities.get(company)
    end_month = e.fiscal_end_month if e is not None else 12
    weeks = e is not None and e.fiscal_end_weekday is not None
    out = []
    for m in mentions:
        if m.fiscal:
            m = resolve_fiscal(m, end_month)
            if m.period is not None and end_month != 12:
                m = replace(m, period=_company_days(k, company, m.period, end_month))
        elif weeks and _fiscal_quarter_months(m.period, end_month):
            # "Apple's September 2025 quarter": the fiscal quarter with those months, on its own days
            assert m.period is not None
            m = replace(m, period=_company_days(k, company, m.period, end_month))
        out.append(m)
    return out


_QUARTER_AFTER = re.compile(r"^\s*[-‐]?\s*(?:quarter|qtr)\b", re.IGNORECASE)
_QUARTER_BEFORE = re.compile(r"\b(?:quarter|qtr|three months)\s+(?:end(?:ed|ing)?|to|through)\s+(?:in\s+)?$", re.I)


def _fiscal_quarter_months(p: Period | None, end_month: int) -> bool:
    return p is not None and p.start is not None and p.months == 3 and (p.start.month - end_month - 1) % 3 == 0


def month_quarters(text: str, mentions: list[PeriodMention]) -> list[PeriodMention]:
    """'the Sept 2025 quarter', 'the quarter ended June 2025': the three months ending that month."""
    out = []
    for m in mentions:
        p = m.period
        quarter_word = _QUARTER_AFTER.match(text[m.end :]) or _QUARTER_BEFORE.search(text[: m.start])
        if p is not None and p.start is not None and p.end is not None and p.months == 1 and quarter_word:
            m = replace(m, period=three_months_to(p.start.year, p.start.month))
        elif p is not None and p.start is not None and p.kind == "year":
            # "March qtr 2025": the month and the quarter word stand before the year
            before = _MONTH_QUARTER.search(text[: m.start])
            if before:
                m = replace(m, period=three_months_to(p.start.year, _MONTH_NUMBER[before.group(1)[:3].lower()]))
        out.append(m)
    return out


_MONTH_NUMBER = {
    m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
}
_MONTH_QUARTER = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*[-‐]?\s*(?:quarter|qtr)\s+(?:of\s+)?$", re.I
)


def three_months_to(year: int, month: int) -> Period:
    """The three months ending with ``month`` of ``year`` (a quarter named by its last month)."""
    first = date(year - (1 if month <= 2 else 0), (month - 3) % 12 + 1, 1)
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return Period.from_dates(first, last)


def _company_days(k: Knowledge, company: str, p: Period, end_month: int) -> Period:
    """The company's own fiscal year, half or quarter that month-based ``p`` stands for."""
    if p.start is None or p.end is None or p.months not in (3, 6, 12):
        return p
    fy = p.end.year if p.end.month <= end_month else p.end.year + 1
    into = (p.start.month - end_month - 1) % 12  # months from the fiscal year's start
    if p.months == 12:
        return company_period(k, company, fy)
    if p.months == 6:
        return company_period(k, company, fy, half=into // 6 + 1)
    return company_period(k, company, fy, into // 3 + 1)


_STEP_WORDS = frozenset({"step", "steps", "increment", "linear", "linearly", "straight", "evenly", "add", "adds"})
_MANNER_WORDS = frozenset(
    {"straight", "line", "linear", "linearly", "evenly", "equal", "steps", "compound", "compounding"}
)


_TTM = re.compile(
    r"\b(?:ttm|ltm)\b|\b(?:trailing|last|past|rolling)\s+(?:twelve|12)[- ]?(?:months?|mos?|m)\b"
    r"|\b(?:twelve|12)[- ]?(?:months?|mos?|m)\s+(?:to|ending|ended|through|thru|until|up to)\b",
    re.IGNORECASE,
)


def _trailing_year(
    text: str, mentions: list[PeriodMention], k: Knowledge, subjects: list[str], today: date
) -> Period | None:
    """'amzn ttm capex thru 1q26', '12 months to March 2026': the twelve months ending with the period
    named, on the days the company's own figures use; with none named, its latest quarter's end."""
    if not _TTM.search(text):
        return None
    dated = [
        m.period
        for m in mentions
        if m.period is not None
        and m.period.end is not None
        and m._spec is not None
        and not m._spec.kind.startswith("trailing")
    ]
    subject = subjects[0] if subjects else None
    if dated:
        end = max(p.end for p in dated if p.end is not None)
    elif subject is not None:
        ends = [q.period.end for q in k.by_quantity if q.subject == subject and q.period.end and q.period.end <= today]
        if not ends:
            return None
        end = max(ends)
    else:
        return None
    start = date(end.year - 1, end.month, 1) + timedelta(days=31)
    start = date(start.year, start.month, 1)  # the first day of the month after the end's month, a year back
    p = Period.from_dates(start, end)
    if subject is not None:  # 52/53-week years: the stored twelve months within a few days
        for q in k.by_quantity:
            o = q.period
            if (
                q.subject == subject
                and o.start
                and o.end
                and p.start is not None
                and abs((o.start - p.start).days) <= 7
                and abs((o.end - end).days) <= 7
            ):
                return o
    return p


_EQUALS_WHAT = re.compile(r"^\s*[\w&' -]{1,40}?\s*(?:=|==)\s*\?*\s*$")

#: words of a question that are about asking, not about what is asked
_FILLER = frozenset({
    "article", "piece", "story", "report", "context", "quick", "pls", "plz", "please", "thanks", "need", "client",
    "note", "wat", "whats", "number", "figure", "figures", "numbers", "stat", "stats", "data", "exactly", "roughly",
    "approx", "approximately", "about", "around", "just", "only", "again", "here", "there", "then",
})  # fmt: skip

#: words that make a measure of their own out of the next word ("net income", "operating margin")
_MODIFYING = frozenset({"net", "gross", "operating", "free", "total", "diluted", "adjusted", "annual", "cash"})


_RULED_OUT = re.compile(r"\b(?:not|rather than|instead of)\s+(?:the|its|their|his|her)\b[^,;?()]*", re.IGNORECASE)


_LATEST = re.compile(r"\b(?:latest|most recent|last reported|newest|most up[- ]to[- ]date)\b", re.IGNORECASE)
_YEAR_WORD = re.compile(r"\b(?:fiscal year|full[- ]year|annual|year)\b", re.IGNORECASE)
_QUARTER_WORD = re.compile(r"\bquarter\b", re.IGNORECASE)
_LAST_N = re.compile(
    r"\b(?:last|past|previous|prior|latest|trailing)\s+(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?:fiscal\s+|full\s+|calendar\s+)?(years|quarters)\b",
    re.IGNORECASE,
)
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


_LOW_FIRST = re.compile(r"\b(?:smallest|lowest|least|fewest)\b(?!\s+(?:to|->|→)\s)", re.IGNORECASE)
_LOW_TO_HIGH = re.compile(r"\b(?:lowest|smallest|least)\s+(?:to|->|→)\s+(?:highest|largest|biggest|most)\b", re.I)
_HIGH_TO_LOW = re.compile(r"\b(?:highest|largest|biggest|most|top)\s+(?:to|->|→)\s+(?:lowest|smallest|least)\b", re.I)


def _ascending(text: str) -> bool:
    """'who spent the least', 'lowest to highest' rank smallest first; 'highest to lowest' does not."""
    if _HIGH_TO_LOW.search(text):
        return False
    if _LOW_TO_HIGH.search(text):
        return True
    return bool(_LOW_FIRST.search(text))


def _granularity(text: str) -> str | None:
    if _QUARTERLY.search(text):
        return "quarter"
    if _YEARLY.search(text):
        return "year"
    if _LATEST.search(text):  # "the most recent fiscal year", "latest quarter"
        return "quarter" if _QUARTER_WORD.search(text) else "year" if _YEAR_WORD.search(text) else None
    return None


def _last_n(text: str) -> tuple[str, int] | None:
    m = _LAST_N.search(text)
    if m is None:
        return None
    n = _COUNT_WORDS.get(m.group(1).lower()) or int(m.group(1))
    return ("quarter" if m.group(2).lower() == "quarters" else "year", n)


#: words before 'say'/'note' that make it the asker's or the source's speaking ('fair to say', 'the article says')
_SPEAKERS = frozenset({
    "article", "piece", "story", "report", "source", "author", "filing", "it", "they", "to", "you", "we", "i",
})  # fmt: skip
_NAMED_IN = re.compile(
    r"\b(?:named|mentioned|cited|listed|discussed|covered|featured|singled out)\s+(?:in|by)\s+the\s+"
    r"(?:article|piece|story|report)\b",
    re.IGNORECASE,
)


def _source_asked(text: str) -> str | None:
    """'as filed', 'per the 10-Q' -> filing; 'per the article' -> article; not in what is ruled out."""
    kept = _RULED_OUT.sub(lambda m: " " * len(m.group()), text)
    kept = _NAMED_IN.sub(lambda m: " " * len(m.group()), kept)  # "the hyperscalers named in the article"
    filed, article = _FILED.search(kept), _ARTICLE.search(kept)
    if filed and article:
        return None  # "Meta's filed capex vs the article's AI capex": both, each figure from its own
    return "filing" if filed else "article" if article else None


def _not_ruled_out(text: str, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """'meta 1h25 capex per the 10-q, not the article's ai number': what the question rules out is
    not what it asks about (when something else is left to ask about)."""
    spans = [(m.start(), m.end()) for m in _RULED_OUT.finditer(text)]
    if not spans:
        return mentions

    def out(m: Mention) -> bool:
        at = tokens[m.start].start
        return any(a <= at < b for a, b in spans)

    kept = [m for m in mentions if not out(m)]
    return kept if any(m.kind != "predicate" for m in kept) else mentions


def _divided(text: str, tokens: list[Token], metrics: list[Mention]) -> bool:
    """Two different metrics with only '/', '÷' or 'divided by' between them."""
    ordered = sorted(metrics, key=lambda m: m.start)
    for a, b in itertools.pairwise(ordered):
        if a.iri != b.iri and b.start > 0 and a.end <= b.start:
            between = text[tokens[a.end - 1].end : tokens[b.start].start].strip().lower()
            if between in ("/", "÷", "divided by", "over"):
                return True
    return False


def _own_calendars(
    k: Knowledge, operands: list[Operand], written: list[PeriodMention], resolved: list[PeriodMention]
) -> list[Operand]:
    """'Apple FY25, Microsoft FY25, Nvidia FY26': each company's fiscal period in its own calendar."""
    out = []
    for o in operands:
        if o.subject is not None and o.period is not None and o.subject in k.entities:
            for w, r in zip(written, resolved, strict=True):
                if r.period == o.period and w.fiscal:
                    own = fiscal_mentions(k, o.subject, [w])[0].period
                    o = replace(o, period=own or o.period)
                    break
        out.append(o)
    return out


def _verb_of(k: Knowledge, m: Mention, metrics: list[Mention], tokens: list[Token]) -> bool:
    """'spend on capex', 'spending for AI capex': a top-level metric that a narrower one right after
    'on'/'for' says what it is, is the verb of that quantity, not a quantity of its own."""
    e = k.entities.get(m.iri)
    if e is None or e.broader:
        return False
    nxt = m.end
    if nxt < len(tokens) and tokens[nxt].norm in ("on", "for", "in"):
        return any(o.start in (nxt + 1, nxt + 2) and o.iri != m.iri for o in metrics)
    return False


def _yearless(mentions: list[PeriodMention]) -> tuple[str, int, bool] | None:
    specs = [m._spec for m in mentions]
    if len(specs) == 1 and specs[0] is not None and specs[0].implicit and specs[0].kind in ("quarter", "half"):
        return specs[0].kind, specs[0].n, specs[0].fiscal
    return None


def _anchored(mentions: list[PeriodMention]) -> list[PeriodMention]:
    """A yearless quarter or half takes the year of the dated period beside it: 'Q1 vs Q2 FY25' is
    Q1 FY25; 'Apple Sep-quarter 2025 (fiscal Q4)' restates the September quarter in fiscal terms."""
    dated = next(
        (m._spec for m in mentions if m._spec is not None and not m._spec.implicit and m._spec.kind != "block"), None
    )
    if dated is None or (dated.year is None and dated.rel == 0):
        return mentions
    anchor = next((m.period for m in mentions if m._spec is dated), None)
    out = []
    for m in mentions:
        spec = m._spec
        if spec is not None and spec.kind == "block" and spec.rel != 0 and anchor is not None and anchor.start:
            # "Q4 2025 capex vs the prior quarter": the quarter before Q4 2025, not before today
            first = anchor.start.year * 12 + anchor.start.month - 1 + spec.rel * spec.n
            sy, sm = divmod(first, 12)
            ey, em = divmod(first + spec.n - 1, 12)
            shifted = Period.from_dates(date(sy, sm + 1, 1), month_end(ey, em + 1))
            out.append(replace(m, period=shifted))
            continue
        if spec is not None and spec.implicit and spec.kind in ("quarter", "half", "months", "month"):
            # "(jul-sep)" after "calendar q3 2024" restates it; months are never fiscal
            fiscal = (spec.fiscal or dated.fiscal) and spec.kind in ("quarter", "half")
            spec = spec._replace(year=dated.year, rel=dated.rel, implicit=False, fiscal=fiscal)
            m = replace(m, period=resolve(spec, 12), fiscal=spec.fiscal, _spec=spec)
        out.append(m)
    return out


_ORIGINAL = re.compile(
    r"\b(?:originally|initially|first)\s+(?:filed?|report(?:ed)?|gave|give|stated?|booked|put)\b|\bas originally\b"
    r"|\b(?:filed?|report(?:ed)?|gave|give|stated?)\s+(?:(?:it|that|them)\s+)?(?:originally|initially|at first)\b"
    r"|\bbefore (?:the |its |any )?restatements?\b|\bpre-?restatement\b|\boriginal (?:figure|number|filing|value)\b"
    r"|\bunrestated\b",
    re.IGNORECASE,
)
_PERCENT_OF = re.compile(r"(?:%|\bpercent(?:age)?|\bpct)\s+of\s+(?:the\s+)?(?:total\s+|all\s+|global\s+)?", re.I)
_FROM_START = re.compile(
    r"\b(?:of|to|with|from|vs\.?|versus|against|than)\s+(?:its|the|their)\s+"
    r"(?:starting|initial|original|opening|earliest)\s+(?:level|point|value|figure|share)\b"
    r"|\b(?:of|to|with|from|vs\.?|versus|against|than)\s+where it start(?:ed|s)\b",
    re.IGNORECASE,
)
_PREMISE = re.compile(
    r"^\s*(?:if|assuming|suppose|given(?: that)?|using|taking|based on|starting from)\b[^?]{3,160}?,\s+(?=\S)"
    # "371bn in 2025 is +44% yoy, so what's the implied 2024 capex": a statement, then the question
    r"|^[^?]{3,160}?(?:[,;:]|\s[-–—])\s*(?:so|then|therefore|hence)\s+(?=(?:what|how|which|whats|is|does|did)\b)"
    # "Meta doubled AI capex in H1 2025 - what was H1 2024 then?": a stated change, then the question
    r"|^[^?]{3,160}?\b(?:doubled|tripled|halved|grew|rose|fell|dropped|increased|decreased|jumped|hit|reached)\b"
    r"[^?]{0,80}?(?:\s[-–—:]|[;:])\s+(?=(?:what|how|which|whats)\b)"
    # "The article says the $371bn is up 44% on 2024. What does that imply for 2024?": a statement,
    # a full stop, then the question; "Apple is the low-capex name — what was its capex intensity?"
    # (a statement: a verb before the break; "Comparing X with 2032 - how many times ..." is the question)
    r"|^(?=(?:(?![.!]\s|\s[-–—]\s)[^?])*?\b(?:is|are|was|were|says?|said|has|had|notes?|noted|reports?|reported"
    r"|shows?|showed|states?|stated|claims?|puts?|expects?|forecasts?)\b)"
    r"[^?]{3,200}?(?:[.!]|\s[-–—])\s+(?=(?:what|what's|whats|how|which|on|using|per|based on)\b)",
    re.IGNORECASE,
)


def _bracketed(text: str, pos: int) -> bool:
    """Whether the amount at ``pos`` stands alone in brackets: '(40%)', '($30.7bn)'."""
    before = text[:pos].rstrip(" $~≈")
    close = text.find(")", pos)
    return before.endswith("(") and close != -1 and "(" not in text[pos:close] and close - pos <= 16


def _narrowest(periods: list[Period]) -> list[Period]:
    """'Sep-quarter FY25 (Q4 FY25)': a period inside another named one is the one meant; others stay."""
    if len(periods) != 2:
        return periods
    a, b = periods
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return periods
    if abs((a.start - b.start).days) <= 7 and abs((a.end - b.end).days) <= 7:
        return [a]  # "fiscal 2025 (the year ending January 2025)": one year, on its own days and by months
    if a.start <= b.start and b.end <= a.end and a != b:
        return [b]
    if b.start <= a.start and a.end <= b.end and a != b:
        return [a]
    return periods


def _modifiers(text: str, tokens: list[Token], covered: set[int], metric_mentions: list[Mention]) -> list[str]:
    """Unrecognised words qualifying the metric: a narrower thing the graph may not hold."""
    if not metric_mentions:
        return []
    i = metric_mentions[0].start - 1
    out: list[str] = []
    while i >= 0 and i not in covered:
        w = tokens[i].norm
        if w in GRAMMAR_WORDS or not w.isalpha() or w in CUE_WORDS or w in _PLAIN_QUALIFIERS:
            break
        out.insert(0, tokens[i].text)
        i -= 1
    if not out:
        return []
    first, last = metric_mentions[0].start - len(out), metric_mentions[0].start - 1
    return [text[tokens[first].start : tokens[last].end]]  # as written: "R&D", not "R D"


#: Words that qualify a metric without narrowing it: "total capex", "annual revenue", "cash capex".
_PLAIN_QUALIFIERS = frozenset(
    [
        "total",
        "overall",
        "annual",
        "quarterly",
        "yearly",
        "full",
        "net",
        "reported",
        "filed",
        "cash",
        "actual",
        "gross",
        "headline",
        "projected",
        "expected",
        "forecast",
        "estimated",
        "stated",
        "own",
        "company",
        "firm",
        "combined",
        "cumulative",
    ]
)


def understand(text: str, lexicon: Lexicon, *, today: date) -> Query:
    """Read ``text`` into the best-scoring :class:`Query`."""
    text = _without_preamble(text)
    k: Knowledge = lexicon.knowledge
    tokens = tokenize(text)
    period_mentions = find_periods(text, today=today)
    # tokens inside period mentions are not names
    in_period = {i for i, t in enumerate(tokens) for m in period_mentions if m.start <= t.start < m.end}
    mentions = [m for m in lexicon.find(text, tokens) if not (set(range(m.start, m.end)) & in_period)]
    mentions = _not_ruled_out(text, tokens, mentions)
    # "what does the article say ...": the source's speaking is not the 'noted' relation of its people
    mentions = [
        m for m in mentions if not (m.kind == "predicate" and m.start > 0 and tokens[m.start - 1].norm in _SPEAKERS)
    ]
    covered = set(in_period)
    for m in mentions:
        covered.update(range(m.start, m.end))

    subjects: list[str] = []
    metrics: list[Mention] = []
    concepts: list[str] = []
    predicates: list[str] = []
    for m in mentions:
        if m.kind == "metric":
            metrics.append(m)
        elif m.kind == "predicate":
            if m.iri not in predicates:
                predicates.append(m.iri)
        else:
            if m.kind in SUBJECT_KINDS and m.iri not in subjects:
                subjects.append(m.iri)
            if m.iri not in concepts:
                concepts.append(m.iri)
    # "If 2025 capex of $371B is +44% y/y, what does that imply for 2024?": the premise is evidence
    premise = _PREMISE.match(text)
    premise_end = premise.end() if premise else 0
    # "The article's $30.7bn is 'AI capex' - what was Meta's filed cash capex?": the question's own metric
    asked_metrics = [m for m in metrics if tokens[m.start].start >= premise_end] or metrics
    metric = choose_metric(asked_metrics, k) or lexicon.weak_metric(tokens)
    if metric is not None and _PERCENT_OF.search(text, premise_end):
        # "genAI revenue could be up to what % of total tech spending?": the share of that whole
        shares = [e.iri for e in k.entities.values() if e.kind == "metric" and e.share_base == metric]
        metric = shares[0] if len(shares) == 1 else metric
    # "by what percent did Amazon outspend Meta": a bare "percent" is the measure, no subject's metric
    paired = [m for m in metrics if not generic_share(k, m.iri)]
    subject_metrics = pair_subjects_with_metrics(mentions, paired) if len({m.iri for m in paired}) > 1 else {}

    # fiscal periods follow the calendar of the (first) company named, with the days its filings use
    company = next((s for s in subjects if s in k.entities and k.entities[s].kind == "company"), None)
    written = _anchored(month_quarters(text, period_mentions))
    resolved = fiscal_mentions(k, company, written)
    # periods in a clause of evidence ("given the 44% increase to 2025") are not the period asked
    given_at = given_offset(tokens)
    asked = [m for m in resolved if m.period is not None and premise_end <= m.start < given_at]
    periods: list[Period] = [m.period for m in asked if m.period is not None] or [
        m.period for m in resolved if m.period is not None
    ]
    periods = _narrowest(list(dict.fromkeys(periods)))
    trailing = _trailing_year(text, asked or resolved, k, subjects, today)
    if trailing is not None:
        periods = [trailing]
    roles = {m.role for m in resolved}
    now = any(w in _NOW_WORDS for w in (t.norm for t in tokens))
    if now and not periods:
        periods = [Period.year(today.year)]

    # measures ("CAGR", "percentage points") are the question's own words, not names of what it is about
    names = {i for m in mentions if m.kind not in ("predicate", "class", "measure") for i in range(m.start, m.end)}
    scores = cue_scores(tokens, names | {i for i, t in enumerate(tokens) if t.start < premise_end})
    norms = {t.norm for t in tokens}
    yoy = GROWTH_ABBREVIATION.search(text, premise_end)
    if yoy and yoy.start() < given_at:  # "y/y?", "YoY", "year-over-year" ask for a change (not in a premise)
        scores["change"] = max(scores.get("change", 0), 2.5)
    # structural evidence
    if len(subjects) >= 2:
        scores["compare"] = scores.get("compare", 0) + 1.0
        scores["sum"] = scores.get("sum", 0) + (1.0 if "sum" in scores else 0)  # "the total capex of A, B and C"
    if "range_start" in roles and "range_end" in roles:
        scores["change"] = scores.get("change", 0) + 0.5
        scores["series"] = scores.get("series", 0) + (0.5 if "series" in scores else 0)
    if metric or (subjects and periods):
        scores["value"] = scores.get("value", 0) + 1.0
    if predicates:
        # a relation's words beside a whole quantity ("need googl h1'25 capx for a client note") weigh less
        scores["list"] = scores.get("list", 0) + (0.4 if subjects and metric and periods else 1.5)
    is_ratio = bool(metric and k.entities.get(metric) and k.entities[metric].unit == "ratio")
    if is_ratio and "change" in scores and ({"point", "points", "pp"} & norms):
        scores["pp_change"] = scores.get("pp_change", 0) + 2
    if "define" in scores and (periods or (metric and subjects)):
        scores["define"] -= 2.0
    if "list" in scores and metric and periods and not predicates and "members" not in norms:
        scores["list"] -= 1.0
    if "sum" in scores and "range_start" in roles and "range_end" in roles:
        scores["sum"] += 2.0  # "in total between 2025 and 2032": a cumulative sum
    if "change" in scores and {"annually", "annual", "yearly", "annualised", "annualized"} & norms:
        scores["cagr"] = scores.get("cagr", 0) + 3.0  # "grow annually" asks for a compound rate
    if "change" in scores and "cagr" in scores:
        scores["change"] -= 1.0
    if "compare" in scores and len(subjects) < 2 and len(periods) < 2 and "rank" not in scores:
        scores["compare"] -= 1.0
    if "explain" in scores and ("source" in scores) and scores["source"] >= scores["explain"]:
        scores["explain"] -= 1.0
    if "average" in scores and "cagr" in scores:
        scores["average"] -= 2.0
    if "change" in scores and _TARGET_LEVEL.search(text) and "from" not in norms and len(periods) <= 1:
        scores["value"] = scores.get("value", 0) + scores["change"] + 0.5  # "what does the share fall to by 2032"
    asks_start = bool(_FROM_WHAT.search(text))
    if asks_start:
        scores["value"] = scores.get("value", 0) + scores.get("change", 0) + 0.5
    if _WHERE_FROM.search(text):
        scores["source"] = scores.get("source", 0) + 3.0  # "where does the $371B come from?"
    groups = any(m.kind == "group" for m in mentions)
    threshold = threshold_in(text)
    spans = amount_spans(text)
    if tokens and tokens[0].norm in ("who", "whose") and spans and threshold is None and not groups:
        scores["source"] = scores.get("source", 0) + 3.0  # "who's behind the $1.8T projection?": its source
    if (
        tokens and tokens[0].norm in ("which", "who") and any(m.kind == "group" and m.start <= 2 for m in mentions)
    ):  # "which hyperscalers are named ...": the group's members
        scores["list"] = scores.get("list", 0) + 3.0
    if "define" in scores and not (subjects or metric or periods) and any(m.kind == "measure" for m in mentions):
        scores["define"] += 3.0  # "what does CAGR mean?": the term asked about, not a computation
    if "define" in scores and not periods and not predicates and len({(m.start, m.end) for m in mentions}) == 1:
        scores["define"] += 1.5  # "what is X?" about one term and nothing else: a definition

    if _EQUALS_WHAT.match(text):  # "hbm = ?": what the term stands for
        scores["define"] = scores.get("define", 0) + 4.0
    intent = max(scores, key=lambda i: (scores[i], -INTENTS.index(i))) if scores else "value"
    original = bool(_ORIGINAL.search(text))
    understood = bool(mentions or period_mentions or scores or original) or bool(is_yes_no(text) and spans)
    covered_all = covered | {i for i, t in enumerate(tokens) if t.norm in GRAMMAR_WORDS}
    unknown = unknown_names(text, tokens, covered_all)
    # words no label, grammar word or cue explains: "net income" in "amzn net income 2024"
    odd = [
        i
        for i, t in enumerate(tokens)
        if i not in covered_all
        and t.norm.isalpha()
        and len(t.norm) > 2
        and t.norm not in CUE_WORDS
        and t.start >= premise_end
        and t.norm not in lexicon.label_words
        and t.norm not in _FILLER
    ]
    # with the modifier written before it ("net income", "operating margin"), as written
    before = [
        i - 1
        for i in odd
        if i > 0 and i - 1 not in covered and tokens[i - 1].norm.isalpha() and tokens[i - 1].norm in _MODIFYING
    ]
    leftover = [tokens[i].norm for i in sorted(set(odd) | set(before))]
    if not subjects:
        metric_starts = {m.start for m in metrics}
        unknown += [w for w in possible_unknown_subject(tokens, covered_all, metric_starts) if w not in unknown]
    # the measure is read outside names; a one-word metric ("share", "growth") may be question language
    subject_names = {
        i
        for m in mentions
        if m.kind != "measure" and (m.kind in SUBJECT_KINDS or m.end - m.start > 1)
        for i in range(m.start, m.end)
    }
    plain = [
        t.norm for i, t in enumerate(tokens) if i not in subject_names and i not in in_period and t.start >= premise_end
    ]
    named_metric = [m for m in metrics if m.iri == metric]
    if not named_metric and metric is not None:  # named by a common word ("R&D spend"): that word's place
        at = next((i for i, t in enumerate(tokens) if i not in covered and lexicon.weak_metric([t]) == metric), None)
        named_metric = [Mention(metric, "metric", at, at + 1, tokens[at].text, 0.5, "weak")] if at is not None else []
    modifiers = _modifiers(text, tokens, covered, named_metric)
    # "if it goes 371bn -> 525bn in a straight line, how much per yr": how the premise says it moves
    manner = [t.norm for t in tokens if t.start < premise_end and t.norm in _MANNER_WORDS]
    measure = asked_measure(plain + manner, text[premise_end:])
    if measure is None and yoy and yoy.start() < given_at:
        measure = "percent_change"  # "amzn q2'25 capex vs q2'24 yoy": the growth rate
    if _FROM_START.search(text) and measure in ("ratio", "multiple", "difference", "percent_change", "pp_change"):
        intent = "change"  # "the 2032 share as a % of its starting level": against where its series starts
    if intent == "sum" and measure in ("percent_change", "difference") and scores.get("change", 0) >= 2.5:
        intent = "change"  # "how much did it grow between 2024 and 2032 in total, in percent?"
    if measure == "per_year_step" and len(periods) < 2 and not (set(plain) & _STEP_WORDS):
        measure = None  # "Amazon's capex per year in dollars, 2024": a level, not a step between two years
    if measure is None and _divided(text, tokens, metrics):
        measure = "ratio"  # "aapl fy25 capex/sales": one metric over another
    # "did A or B grow faster?" offers a choice between the two: a comparison, not a yes or a no
    yes_no = is_yes_no(text) and not (len(subjects) >= 2 and re.search(r"\bor\b", text, re.IGNORECASE))
    norm_list = [t.norm for t in tokens]
    operands = pair_operands(
        text,
        [(tokens[m.start].start, m.iri) for m in mentions if m.kind in SUBJECT_KINDS],
        [
            (tokens[m.start].start, m.iri)
            for m in metrics
            if not generic_share(k, m.iri) and not _verb_of(k, m, metrics, tokens)
        ],
        [(m.start, m.period) for m in resolved if m.period is not None],
        # "training's share now (40%)": an amount in brackets restates a figure, it is not one more
        [(pos, v) for pos, v in spans if (threshold is None or v != threshold.value) and not _bracketed(text, pos)],
    )
    operands = _own_calendars(k, operands, written, resolved)
    q = Query(
        granularity=_granularity(text),
        latest=bool(_LATEST.search(text)),
        last_n=_last_n(text),
        fiscal=[m for m in period_mentions if m.fiscal],
        yearless=_yearless(asked),
        source=_source_asked(text[premise_end:]) or _source_asked(text),
        metric_modifiers=modifiers,
        text=text,
        same_period=bool(_SAME_PERIOD.search(text)),
        asks_start=asks_start,
        original=original,
        operands=operands,
        whole_at=_whole_at(text, [o.start for o in operands]),
        yes_no=yes_no,
        threshold=threshold,
        change_multiple=change_multiple(plain) if yes_no else None,
        status_asked=status_asked(plain) if yes_no else None,
        direction=direction_asked(plain) if yes_no else None,
        comparator=_comparator(norm_list),
        measure=measure,
        whole=_whole(text, [m.start for m in resolved if m.period is not None])
        if len(periods) >= 2
        else _whole(text, [tokens[m.start].start for m in mentions if m.kind in SUBJECT_KINDS]),
        intent=intent,
        subjects=subjects,
        metric=metric,
        periods=periods,
        range_="range_start" in roles and "range_end" in roles,
        by="by" in roles,
        concepts=concepts,
        predicates=predicates,
        unknown=unknown,
        leftover=leftover,
        relative_previous="relative_previous" in roles,
        now=now,
        vague=any(m.vague for m in resolved),
        follow_up=bool(_FOLLOW_UP.match(text) or _points_back(text, bool(subjects))),
        understood=understood,
        scores=scores,
        ascending=_ascending(text),
        top=_top_n(tokens),
        subject_metrics=subject_metrics,
        amounts=[v for _, v in spans if threshold is None or v != threshold.value],
    )
    return q


_OF_WHOLE = re.compile(
    r"(?:\b(?:share|percent(?:age)?|fraction|proportion|portion|part|slice|piece|ratio|multiple|times|much)|%)"
    r"\s+(?:of|to)\s+(?:the\s+|what\s+|a\s+)?(?:(?!(?:is|was|are|were|did|does|do|went|go|goes|to|than)\b)\S+\s+){0,4}$",
    re.IGNORECASE,
)
_OF_WHOLE_AFTER = re.compile(
    r"(?:/|÷|\bdivided by)\s*$"
    r"|\b(?:relative to|compared (?:to|with)|against|than|vs\.?|versus|times|as (?:big|large|high) as)\s+(?:the\s+)?$"
    r"|\btimes\s+the\s+(?:\S+\s+){1,2}$",  # "how many times the 2032 capex is ...": the whole follows
    re.I,
)


_MORE = {
    "more",
    "exceed",
    "exceeded",
    "exceeds",
    "bigger",
    "larger",
    "higher",
    "above",
    "over",
    "outspend",
    "outspent",
    "greater",
    "surpass",
    "surpassed",
    "top",
    "topped",
    "beat",
    "ahead",
}
_LESS = {"less", "smaller", "lower", "below", "under", "fewer", "behind", "trail", "trailed"}


def _comparator(norms: list[str]) -> str | None:
    """'>' for 'more / exceed / bigger', '<' for 'less / smaller / below', whichever comes first."""
    for w in norms:
        if w in _MORE:
            return ">"
        if w in _LESS:
            return "<"
    return None


_RATIO_OF_TO = re.compile(r"\bratio\s+(?:of|between)\b", re.IGNORECASE)


def _whole_at(text: str, starts: list[int]) -> int | None:
    i = _whole(text, starts)
    return starts[i] if i is not None else None


def _whole(text: str, starts: list[int]) -> int | None:
    """In 'A as a share of B' / 'what fraction of B is A': the index of the mention that is B."""
    if len(starts) >= 2 and _RATIO_OF_TO.search(text[: starts[0]]):
        return 1  # "the ratio of A to B": B is the denominator
    for i, start in enumerate(starts):
        before = text[max(0, start - 40) : start]
        if _OF_WHOLE.search(before) or _OF_WHOLE_AFTER.search(before):
            return i
    return None


def _top_n(tokens: list[Token]) -> int | None:
    for i, t in enumerate(tokens[:-1]):
        if t.norm == "top" and tokens[i + 1].norm.isdigit():
            return int(tokens[i + 1].norm)
    return None
