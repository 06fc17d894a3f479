"""Words that say what a question asks beside the names in it: measures the graph does not hold, regions
that make a part of a group, the size of a change asked, a pace a quarter, a change written by its two ends,
a claim pasted from a draft and a figure stated as attained, and the words that name a kind of source."""

from __future__ import annotations

import re

__all__ = [
    "AMOUNT_BEFORE_NAME",
    "ATTAINED",
    "FROM_TO_AMOUNTS",
    "HOW_BIG_A_CHANGE",
    "OTHER_MEASURES",
    "PASTED_CLAIM",
    "PER_QUARTER_PACE",
    "REGION",
    "SOURCE_WORD",
    "figures_of_a_kind",
]


#: Words of measures the graph does not hold ("free cash flow", "net income", "operating margin")
OTHER_MEASURES = frozenset({
    "cash", "flow", "fcf", "income", "margin", "margins", "profit", "profits", "earnings", "ebitda", "ebit", "eps",
    "dividend", "dividends", "debt", "valuation", "headcount", "employees", "opex", "buyback", "buybacks",
    "depreciation", "amortization", "amortisation",
})  # fmt: skip


#: Regions and nationalities that make a part of a group ("Chinese hyperscalers")
REGION = re.compile(
    r"chinese|china|european|europe|eu|japanese|japan|korean|korea|indian|india|asian|asia|african|latin|"
    r"middle-eastern|gulf|saudi|emirati|french|german|british|uk|canadian|australian|taiwanese|russian|israeli"
)


#: an amount and the space after it, before the name of what it is of ("$30.7B AI capex")
AMOUNT_BEFORE_NAME = re.compile(r"\$?\s?[\d.,]+\s?(?:trillion|billion|million|bn|tn|[tbm])?\s+", re.IGNORECASE)


#: "by how much", "how big a drop": the size of a change, asked beside where it starts
HOW_BIG_A_CHANGE = re.compile(
    r"\bby\s+how\s+much\b|\bhow\s+(?:much|many|big|large|steep|sharp)\b|\bpercent(?:age)?\s+(?:change|drop|fall|decline)"
    r"|\bpp\b|\bin\s+(?:points|percent)\b",
    re.I,
)


#: "average quarterly run-rate", "run rate per quarter": a pace a quarter, not a year's
PER_QUARTER_PACE = re.compile(
    r"\baverage\s+(?:quarterly|per[- ]quarter)\s+(?:\w+\s+){0,2}run[- ]?rate\b|\brun[- ]?rate\s+(?:per|a)\s+quarter\b",
    re.I,
)


#: "goes 40% to 14%", "from $371B to $525B": a change written by its two ends
FROM_TO_AMOUNTS = re.compile(
    r"\$?\d[\d.,]*\s?(?:%|bn|b|billion|tn|t|trillion)\s*(?:to|->|→|–|-)\s*\$?\d[\d.,]*\s?(?:%|bn|b|billion|tn|t|trillion)(?!\w)",
    re.IGNORECASE,
)


#: a sentence pasted from a draft: quoted at length, or introduced as a line of copy
PASTED_CLAIM = re.compile(
    r"(?:^|(?<=[\s:(]))[\"“'‘][^\"”]{20,}?[\"”'’](?=\s|[?.!,;:)—–-]|$)|\b(?:draft|my\s+piece|our\s+copy|in\s+(?:my|our)\s+(?:copy|story|piece|draft)|line\s+from)\b",
    re.IGNORECASE,
)
#: "revenue reached $130.5 million", "hit $245.1bn": a figure stated as attained, not a mark passed
ATTAINED = re.compile(r"\b(?:reach(?:ed|es)?|hit|hits)\s+(?:a\s+(?:record\s+)?)?(?:of\s+)?[~$]?\s?\d", re.IGNORECASE)


#: words that name a kind of source: "filings capex", "the SEC number"
SOURCE_WORD = re.compile(r"filings?|filed|sec|10-?[qk]s?|edgar|xbrl", re.IGNORECASE)


#: "any emissions or water-use figures", "headcount numbers": the kind of figure named before the word
_OF_A_KIND = re.compile(
    r"\b(?:any|no)\s+([a-z][\w-]*)(?:\s+(?:or|and|/)\s+([a-z][\w-]*))?\s+(?:figures?|numbers?|data|stats|statistics|disclosures?)\b",
    re.IGNORECASE,
)
#: words before "figures" that say which figures of the ones held, not a kind of its own
_WHICH_FIGURES = frozenset({
    "any", "the", "these", "those", "their", "its", "such", "same", "raw", "real", "hard", "key", "official",
    "exact", "actual", "filed", "reported", "latest", "quarterly", "annual", "yearly", "underlying", "other",
    "more", "some", "all", "both", "two", "which", "what", "specific", "detailed", "full", "headline", "big",
})  # fmt: skip


def figures_of_a_kind(text: str) -> list[str]:
    """Words naming a kind of figure: 'emissions' and 'water-use' in "any emissions or water-use figures"."""
    out: list[str] = []
    for m in _OF_A_KIND.finditer(text):
        out.extend(w for w in m.groups() if w and w.lower() not in _WHICH_FIGURES)
    return out
