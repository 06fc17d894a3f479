"""How a question relates two quantities in so many words: one less the other ("A − B", "A minus B"),
one over the other ("capex/rev", "A ÷ B", "capex % of rev"), which one is the whole ("A as a share of
B", "what fraction of B is A"), and examples of a thing named beside it ("servers, buildings and
other equipment")."""

from __future__ import annotations

import itertools
import re

from kg.knowledge import Knowledge

from .lexicon import Mention, Token
from .operands import Operand

__all__ = [
    "EXAMPLES_OF",
    "divided_in",
    "not_examples",
    "operator_between",
    "ratio_named",
    "source_first",
    "verb_of",
    "whole_at_in",
    "whole_in",
    "whole_of_ratio_at",
]


#: "buildings, servers and other capital equipment": the items before "and other ..." are examples of
#: the broad class of assets named after it, not things the question asks about
EXAMPLES_OF = re.compile(
    r"(?:\s*,\s*[\w-]+(?:\s+[\w-]+)?){0,3}\s*(?:,\s*)?(?:and|or|&)\s+other\s+(?:physical\s+|capital\s+|fixed\s+|long-lived\s+)?"
    r"(?:equipment|infrastructure|assets|property|facilities)\b",
    re.I,
)


#: "more AI $ go to inference than training": money words right after a market's name make it the
#: spending's qualifier, not a third thing compared
_MONEY_AFTER = re.compile(r"\s*(?:\$|money|dollars?|spend(?:ing)?|budgets?|capex)(?!\w)", re.IGNORECASE)


def not_examples(text: str, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """'Microsoft's spend on buildings, servers and other capital equipment': hardware named as an example
    of a company's assets is not a second subject (the company's own figure is what is asked)."""
    compared = {m.iri for m in mentions if m.kind == "spending_category"}
    if len(compared) >= 2:
        mentions = [m for m in mentions if not (m.kind == "market" and _MONEY_AFTER.match(text, tokens[m.end - 1].end))]
    if not any(m.kind in ("company", "group") for m in mentions):
        return mentions
    return [m for m in mentions if not (m.kind == "hardware" and EXAMPLES_OF.match(text, tokens[m.end - 1].end))]


#: "AMZN capex CY24 − GOOGL capex CY24", "AAPL FY25 rev ÷ NVDA FY26 rev": an operator written right
#: before the second quantity's name says which measure of the pair is asked
_MINUS_BEFORE = re.compile(r"(?:\s[-−–]|−|\bminus)\s*$", re.I)
_OVER_BEFORE = re.compile(r"(?:÷|\s/|\bdivided\s+by|\bover)\s*$", re.I)


def operator_between(text: str, starts: list[int]) -> str | None:
    """The measure an arithmetic sign between two quantities (``starts``: where their subjects are
    named) asks for: 'difference' for a minus, 'multiple' for a division; None when none is written."""
    if len(starts) != 2 or starts[0] >= starts[1]:
        return None
    between = text[starts[0] : starts[1]]
    if len(between.split()) < 3 and not re.search(r"(?:\bminus|−)\s*$", between, re.I):
        return None  # "AMZN / GOOGL / META": names in a list, no quantity on either side
    if _MINUS_BEFORE.search(between):
        return "difference"
    if _OVER_BEFORE.search(between):
        return "multiple"
    return None


_FILED = r"(?:filed|filings?|10-?[qk]s?|sec|actual|actuals|reported|reality)"
_ARTICLE = (
    r"(?:article|forecasts?|projections?|estimates?|the\s+press|press|story|report(?:ed)?\s+figure"
    # ("filed total minus the 371": the amount the article writes; never a year)
    r"|\$?\d{1,3}(?:[.,]\d+)?(?:\s*(?:bn|b|billion|tn|t|trillion))?(?![\d.,]))"
)
_NOUN = r"(?:\s+(?:number|figure|capex|value|amount|total))?"
_LESS = r"\s*(?:minus|less|−|–|-)\s*(?:the\s+)?"
#: "(filed minus article)", "article − 10-Q": which source's figure a signed gap takes the other from
_SOURCE_ORDER = re.compile(
    rf"\b(?:(?P<filing>{_FILED}){_NOUN}{_LESS}{_ARTICLE}|(?P<article>{_ARTICLE}){_NOUN}{_LESS}{_FILED})\b", re.I
)


def source_first(text: str) -> str | None:
    """'filing' or 'article' when the question writes a gap as one source's figure less the other's
    ("how far off is the 10-Q (filed minus article)?"); None when it writes no order."""
    m = _SOURCE_ORDER.search(text)
    if m is None:
        return None
    return "filing" if m.group("filing") else "article"


#: what may stand between a ratio's two metrics: "capex/rev", "capex % of rev", "capex to revenue"
_OVER_WORDS = frozenset(
    {
        "/", "÷", "divided by", "over", "to", "-to-", "-", "% of", "as % of", "as a % of", "pct of", "as pct of",
        "as a share of", "as share of", "as a percentage of", "as percentage of", "as a proportion of",
        "as a fraction of", "relative to", "share of", "percent of", "as a percent of", "as a pct of", "as a pct. of",
        "as percent of", "as a per cent of", "per cent of",
    }
)  # fmt: skip


#: "capex a bigger share of its revenue", "capex as a % of their revenue": the same division, in a sentence
_OVER_PHRASE = re.compile(
    r"(?:(?:was|is|were|are)\s+)?(?:as\s+)?(?:an?\s+|the\s+)?(?:(?:bigger|larger|smaller|higher|lower|greater)\s+)?"
    r"(?:share|proportion|percentage|fraction|percent|%|pct)\s+of\s+(?:its|their|the|his|her)"
    # "capex relative to its revenue", "capex compared with their sales"
    r"|(?:relative|proportional|in\s+proportion)\s+to\s+(?:its|their|the)|(?:against|per\s+dollar\s+of)\s+(?:its|their)"
)


_INTO = re.compile(r"(?:went\s+|goes\s+|go\s+|put\s+|spent\s+|was\s+spent\s+)?(?:into|on|to|towards|for)")
_SHARE_OF_BEFORE = re.compile(
    # ("rank them by how much of their 2025 revenue went to capex": the share, in other words)
    r"\b(?:share|portion|percentage|proportion|fraction|part|chunk|slice|piece|how\s+much)\s+of\b\s*(?:its|their|the)?\s*"
    r"(?:[\w'’]+\s+)?(?:\d{4})?\s*$"
)


def _plain_share(k: Knowledge, iri: str) -> bool:
    e = k.entities.get(iri)
    return e is not None and e.unit == "ratio" and not e.share_base and e.ratio_of is None


def ratio_named(k: Knowledge, text: str, tokens: list[Token], metrics: list[Mention]) -> list[Mention]:
    """'GOOGL capex % of rev', 'capex/sales', 'capex as a share of revenue': two metrics with a division
    between them, for which the graph names the ratio (capex intensity), are one mention of that ratio."""
    # ("a bigger share of its revenue": 'share' there is the division, not a metric between the two)
    ordered = sorted((m for m in metrics if not _plain_share(k, m.iri)), key=lambda m: m.start)
    for a, b in itertools.pairwise(ordered):
        if a.iri == b.iri or a.end > b.start:
            continue
        between = " ".join(text[tokens[a.end - 1].end : tokens[b.start].start].lower().split())
        # ("who spends more relative to sales": how much, then the division)
        between = re.sub(r"^(?:the\s+)?(?:more|less|most|least|heavier|heaviest|harder)\s+(?=\S)", "", between)
        # ("the biggest share of its 2025 revenue into capex": the whole first, the part after)
        before = " ".join(text[max(0, tokens[a.start].start - 40) : tokens[a.start].start].lower().split())
        turned = bool(_INTO.fullmatch(between)) and bool(_SHARE_OF_BEFORE.search(before))
        if between not in _OVER_WORDS and not _OVER_PHRASE.fullmatch(between) and not turned:
            continue
        top, bottom = (b.iri, a.iri) if turned else (a.iri, b.iri)
        for e in k.entities.values():
            # ("spends ... relative to sales": spending of a company set against its sales is its capex)
            kind_of = e.ratio_of is not None and top in getattr(k.entities.get(e.ratio_of[0]), "broader", ())
            if e.ratio_of == (top, bottom) or (kind_of and e.ratio_of is not None and e.ratio_of[1] == bottom):
                named = Mention(e.iri, "metric", a.start, b.end, f"{a.text} / {b.text}", min(a.score, b.score), "ratio")
                inside = [m for m in metrics if m is not a and a.start <= m.start and m.end <= b.end]
                if turned:  # ("share of its revenue into capex": the 'share' before is the division's word)
                    inside += [m for m in metrics if _plain_share(k, m.iri) and a.start - 5 <= m.start < a.start]
                return [named if m is a else m for m in metrics if m not in inside]
    return metrics


def divided_in(text: str, tokens: list[Token], metrics: list[Mention]) -> bool:
    """Two different metrics with only '/', '÷' or 'divided by' between them."""
    ordered = sorted(metrics, key=lambda m: m.start)
    for a, b in itertools.pairwise(ordered):
        if a.iri != b.iri and b.start > 0 and a.end <= b.start:
            between = text[tokens[a.end - 1].end : tokens[b.start].start].strip().lower()
            if between in ("/", "÷", "divided by", "over"):
                return True
    return False


#: words of degree between a spending verb and what it is spent on
_DEGREE = frozenset({"much", "a", "lot", "heavily", "more", "less", "big", "so", "too", "little", "that"})


def verb_of(k: Knowledge, m: Mention, metrics: list[Mention], tokens: list[Token]) -> bool:
    """'spend on capex', 'spending for AI capex': a top-level metric that a narrower one right after
    'on'/'for' says what it is, is the verb of that quantity, not a quantity of its own."""
    e = k.entities.get(m.iri)
    if e is None or e.broader:
        return False
    nxt = m.end
    while nxt < len(tokens) and tokens[nxt].norm in _DEGREE:  # ("spend much on capex", "spends heavily on")
        nxt += 1
    if nxt < len(tokens) and tokens[nxt].norm in ("on", "for", "in"):
        return any(o.start in (nxt + 1, nxt + 2) and o.iri != m.iri for o in metrics)
    return False


OF_WHOLE = re.compile(
    r"(?:\b(?:share|percent(?:age)?|fraction|proportion|portion|part|slice|piece|ratio|multiple|times|much)|%)"
    # ("what % is that of the 371B": the part named between)
    r"(?:\s+(?:is|was|are|were|would\s+be|will\s+be)\s+(?:that|it|this|these|those|they))?"
    r"\s+(?:of|to)\s+(?:the\s+|what\s+|a\s+)?(?:(?!(?:is|was|are|were|did|does|do|went|go|goes|to|than)\b)\S+\s+){0,4}$",
    re.IGNORECASE,
)


OF_WHOLE_AFTER = re.compile(
    r"(?:/|÷|\bdivided by)\s*$"
    r"|\b(?:relative to|compared (?:to|with)|against|than|vs\.?|versus|times|as (?:big|large|high) as)\s+(?:the\s+)?$"
    r"|\btimes\s+the\s+(?:\S+\s+){1,2}$",  # "how many times the 2032 capex is ...": the whole follows
    re.I,
)


RATIO_OF_TO = re.compile(r"\bratio\s+(?:of|between)\b", re.IGNORECASE)


def whole_at_in(text: str, starts: list[int]) -> int | None:
    i = whole_in(text, starts)
    return starts[i] if i is not None else None


def whole_in(text: str, starts: list[int]) -> int | None:
    """In 'A as a share of B' / 'what fraction of B is A': the index of the mention that is B."""
    if len(starts) >= 2 and RATIO_OF_TO.search(text[: starts[0]]):
        return 1  # "the ratio of A to B": B is the denominator
    for i, start in enumerate(starts):
        before = text[max(0, start - 40) : start]
        if OF_WHOLE.search(before) or OF_WHOLE_AFTER.search(before):
            return i
    return None


def whole_of_ratio_at(text: str, operands: list[Operand], metric_at: dict[str, int]) -> int | None:
    """Where the whole of 'A as a share of B' is written: by the operands' names, else (one subject's
    two metrics, "what percentage of revenue went into capex") by where their metrics are written."""
    found = whole_at_in(text, [o.start for o in operands])
    if found is not None:
        return found
    at = [metric_at.get(o.metric or "", o.start) for o in operands]
    i = whole_in(text, at) if len(set(at)) == len(at) else None
    return operands[i].start if i is not None else None


_FRACTIONS = {
    "half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3,
    "a quarter": 0.25, "one quarter": 0.25, "three quarters": 0.75, "a fifth": 0.2, "one fifth": 0.2,
    "a tenth": 0.1, "one tenth": 0.1,
}  # fmt: skip
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9,
           "t": 1e12, "tn": 1e12, "trillion": 1e12}  # fmt: skip
_FRACTION_OF_AMOUNT = re.compile(
    r"\b(?P<part>(?:a|one|two|three)[\s-]+(?:half|third|thirds|quarter|quarters|fifth|tenth)|half"
    r"|(?P<pct>\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent))\s+of\s+(?:the\s+|that\s+|this\s+)?"
    # ("the article's $371bn", "hyperscalers' projected $525bn": whose, and what kind, only)
    r"(?:[a-z]+(?:['’]s|s['’])\s+|(?:article|forecast|projected|stated|total|filed|reported)\s+){0,2}"
    r"\$\s?(?P<num>\d+(?:\.\d+)?)\s?(?P<scale>trillion|billion|million|thousand|tn|bn|mn|[tbmk])\b",
    re.IGNORECASE,
)


def fractions_of_amounts(text: str) -> str:
    """'exceed a quarter of the article's $371bn?' -> 'exceed $92.75bn?': a share of a written amount is
    that amount's part, so that a threshold or comparison is made against the figure it comes to."""

    def written(m: re.Match[str]) -> str:
        if m.group("pct"):
            share = float(m.group("pct")) / 100
        else:
            share = _FRACTIONS.get(" ".join(m.group("part").lower().replace("-", " ").split()), 0.0)
        scale = _SCALES[m.group("scale").lower()]
        if not share:
            return m.group(0)
        value = share * float(m.group("num")) * scale
        return f"${value / 1e9:.4g}bn"

    return _FRACTION_OF_AMOUNT.sub(written, text)
