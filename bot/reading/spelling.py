"""Slips of the keyboard in the words that say what is asked.

Names are matched fuzzily against the graph's labels, but the words that choose the measure are
matched exactly, so "capex as a mulitple of", "percetnage of revenue" or "capex grwoth" would be
read as a plain figure: the wrong number. Before reading, a word that is one slip (a swapped pair,
a missing, extra or wrong letter) from exactly one of these words, and is not itself a word we
know, is read as that word.

>>> corrected("amzn FY25 capex as a mulitple of meta FY25?")
'amzn FY25 capex as a multiple of meta FY25?'
>>> corrected("Meta capex grwoth in 2024, quartely avergae")
'Meta capex growth in 2024, quarterly average'
>>> corrected("the training and trailing quarters; sending a chance")
'the training and trailing quarters; sending a chance'
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA

__all__ = ["corrected"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: The words that choose what is asked (measures, operators, periods), in their common forms.
_CUES = _words(
    """
    multiple multiples percentage percentages percent difference average averages averaged median
    compare compared comparison combined together cumulative altogether quarter quarters quarterly
    annual annually yearly revenue revenues capital expenditure expenditures spending increase
    increased decrease decreased growth between versus calendar fiscal forecast forecasts forecasted
    compound trailing through intensity proportion fraction greater largest biggest highest smallest
    lowest surpass surpassed exceeded exceeds exceed outspend outspent inference training hyperscaler
    hyperscalers previous sequential sequentially relative absolute dollars billion billions trillion
    million change changes changed decline declined double doubled triple tripled divided north south
    above below under article articles according
    """
)

#: Real words one slip from a cue, never corrected.
_WORDS = _words(
    """
    chance chances sending spanning trading trailed chancel triplet quartet quartets capitol percents
    medians fiscally declare declared decline changer exceeding averaging surpassing annular
    between annul hanged thought though throughout truing growth grown charge charged charges verses
    trough troughs intensify friction frictions trialing revenge
    """
)

_TOKEN = re.compile(r"[^\W\d_]{5,}")


@lru_cache(maxsize=4096)
def _fix(word: str) -> str | None:
    low = word.lower()
    if low in _CUES or low in _WORDS:
        return None
    hits = {
        c
        for c in _CUES
        if c[0] == low[0]
        and abs(len(c) - len(low)) <= 1
        and not c.startswith(low)
        and not low.startswith(c)
        and OSA.distance(low, c) == 1
    }
    return hits.pop() if len(hits) == 1 else None


def corrected(text: str) -> str:
    """``text`` with one-slip misspellings of the cue words put right, and '&' between words as 'and'
    ("property & equipment"; "R&D" and "PP&E" are left as written)."""

    def fix(m: re.Match[str]) -> str:
        return _fix(m.group(0)) or m.group(0)

    text = _SHORTHAND.sub(lambda m: _SHORT[m.group(0).lower()], text)
    text = _TRIPLED.sub(r"\1\1", text)  # "toppping": no English word has a letter three times running
    return _AMPERSAND.sub(" and ", _TOKEN.sub(fix, text))


_TRIPLED = re.compile(r"([a-z])\1{2,}", re.IGNORECASE)


#: chat shorthand for the words that carry a question: "where cld it get to", "abt"
_SHORT = {"cld": "could", "wld": "would", "shld": "should", "abt": "about", "thru": "through", "w/o": "without"}
_SHORTHAND = re.compile(r"(?<![\w/])(?:cld|wld|shld|abt|w/o)(?![\w/])", re.IGNORECASE)


_AMPERSAND = re.compile(r"(?<=[^\W\d_])\s+&\s+(?=[^\W\d_])")
