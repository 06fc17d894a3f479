"""The measure a question asks for: a level, a difference in dollars, a percentage change,
points, a multiple, a ratio, a compound or a linear yearly rate, an average, a sum.

The measure is read from the words of the question that are not names ("in dollars",
"by what percentage", "how many points", "how many times", "as a share of", "per year"),
never from the figures the graph happens to hold. ``None`` means the question does not
say; the answer then uses the natural measure of the reading (a change of a share in
points, of an amount in percent with the dollars alongside).

>>> asked_measure("how many dollars more in 2025 than in 2024".split(), "")
'difference'
>>> asked_measure("by what percentage did the share fall".split(), "")
'percent_change'
>>> asked_measure("how much per year in a straight line".split(), "")
'per_year_step'
>>> asked_measure("what is x as a share of y".split(), "")
'ratio'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .patterns import HOW_MUCH_UP

__all__ = ["asked_measure"]

_Phrases = tuple[tuple[str, ...], ...]


#: "annual capex", "yearly spending": a year's level, which asks for no rate
YEARLY_LEVEL = re.compile(
    r"\b(?:yearly|annual)\s+(?!growth|rate|increase|change|step|cagr|average|avg|basis|dollar|\$|increment)[a-z]",
    re.I,
)
#: "annual growth", "grow annually", "a year": a rate per year
YEARLY_RATE = re.compile(
    r"\b(?:yearly|annual)\s+(?:growth|rate|increase|change|step|cagr|average|avg|basis|dollar|\$|increment)"
    r"|\bannually\b|\bper\s+(?:year|annum)\b|\beach\s+year\b|\bevery\s+year\b",
    re.I,
)


def _phrases(*texts: str) -> _Phrases:
    return tuple(tuple(t.split()) for t in texts)


_CAGR = _phrases(
    "cagr",
    "compound",
    "compounded",
    "compounding",
    "annual growth rate",
    "annualised growth",
    "annualized growth",
    "yearly growth rate",
    "growth rate per year",
    "growth rate a year",
    "annual rate",
    "rate per year",
    "rate a year",
    "a year on average",
    "per year on average",
    "average annual growth",
    "average yearly growth",
    "annual growth",
)
_COMPOUND = _phrases("cagr", "compound", "compounded", "compounding", "compound annual")
_PER_YEAR = _phrases(
    "per year", "a year", "each year", "every year", "annually", "yearly", "per annum", "pa",
    "per yr", "a yr", "each yr", "every yr", "yr", "p.a", "for one year", "for a single year", "in one year",
)  # fmt: skip
_LINEAR = _phrases(
    "straight line",
    "straight-line",
    "straight-lined",
    "straightlined",
    "straight lined",
    "linear",
    "linearly",
    "step",
    "increment",
    "increments",
    "evenly",
    "equal steps",
    "same amount",
    "same dollar amount",
    "same $ amount",
    "same absolute amount",
    "equal amount",
    "equal amounts",
    "equal dollar amounts",
    "same increase",
    "same dollar increase",
    "in dollars",
    "dollars",
    "dollar",
    "usd",
    "$",
    "add",
    "added",
    "adds",
    "how much more",
)
_RATE = _phrases("rate", "%", "percent", "percentage", "pct")
_POINTS = _phrases("percentage points", "percentage point", "points", "point", "pp", "ppt", "ppts", "bps", "pts")
_MULTIPLE = _phrases(
    "how many times",
    "times bigger",
    "times larger",
    "times higher",
    "times more",
    "times as",
    "times the",
    "multiple",
    "fold",
    "factor",
    "x bigger",
    "x larger",
    "x higher",
    "x the",
    "how many x",
    "how many xs",
    "how many x's",
    "what multiple",
    "multiplicative",
    "multiplicatively",
    "multiplier",
)
_RATIO = _phrases(
    "as a share of",
    "as a percentage of",
    "as a percent of",
    "as a % of",
    "as a fraction of",
    "as a proportion of",
    "fraction of",
    "proportion of",
    "percentage of",
    "percent of",
    "% of",
    "share of",
    "ratio",
    "relative to",
    "what part of",
    "how big part of",
    "how big a part of",
    "how large a part of",
    "how big a share of",
    "how large a share of",
    "how much of",
    "portion of",
    "slice of",
    "piece of",
    "account for",
    "accounts for",
    "accounted for",
    "represent",
    "represents",
    "make up",
    "makes up",
    "is what share",
    "what share",
    "what fraction",
    "which fraction",
    "what portion",
    "what proportion",
)
_DIFFERENCE = _phrases(
    "in dollars",
    "in dollar terms",
    "how many dollars",
    "how much dollars",
    "dollar difference",
    "dollar change",
    "dollar increase",
    "in usd",
    "in $",
    "$ difference",
    "$ change",
    "$ increase",
    "in absolute terms",
    "absolute",
    "difference",
    "diff",
    "gap",
    "delta",
    "spread",
    "how much more",
    "how much above",
    "how much below",
    "how far above",
    "how far below",
    "how much bigger",
    "how much larger",
    "how much higher",
    "how much less",
    "how much lower",
    "how much smaller",
    "how much extra",
    "how far",
    "how far apart",
    "how far off",
    "minus",
)
_PERCENT = _phrases(
    "by what percentage",
    "by what percent",
    "what percentage",
    "in percent",
    "in percentage terms",
    "in %",
    "percent change",
    "percentage change",
    "% change",
    "growth rate",
    "relative",
    "relatively",
    "by how many percent",
    "how many percent",
    "what %",
    "by what %",
    "%",
    "percent",
    "pct",
    "yoy",
    "y y",
    "year over year",
)
#: a change written as relative: a percentage change, even beside "40% of AI spend"
_RELATIVE_CHANGE = _phrases(
    *(
        f"{a} {b}"
        for a in ("relative", "proportional", "percentage", "percent", "%")
        for b in ("decline", "drop", "fall", "decrease", "increase", "rise", "growth", "change", "reduction", "cut")
    ),
    "in relative terms",
)
#: a change asked as a percentage: "by what percent does it shrink", "by how many percent did it grow"
_PERCENT_BY = _phrases(
    "by what percent", "by what percentage", "by what %", "by how many percent", "by how much percent"
)
_CHANGING = frozenset(
    {"drop", "fall", "fell", "decline", "rise", "rose", "grow", "grew", "growth", "increase", "decrease", "change"}
)
_CHANGE_VERB = re.compile(
    r"\b(?:increas|ris(?:e|es|ing)\b|rose|grow|grew|climb|jump|chang|declin|fall|fell|drop|shr[iu]nk)\w*\b", re.I
)
_TWO_ENDS = re.compile(
    r"\bfrom\b.+\b(?:to|through|thru|until|till)\b|\bbetween\b.+\band\b|\bsince\b"
    r"|\b(?:fy|cy)?'?\d{2,4}\s+(?:vs\.?|versus|compared\s+(?:with|to)|against|over|to|->|→)\s+(?:fy|cy)?'?\d{2,4}\b",
    re.I,
)
_IN_PERCENT_TERMS = _phrases(
    "in percent terms",
    "in percentage terms",
    "in % terms",
    "in relative terms",
    "percentage wise",
    "percent wise",
    "percentagewise",
    "percentage-wise",
    "percent-wise",
)
_STEP = _phrases("step", "steps", "increment", "increments", "stepup", "step up")
_AVERAGE = _phrases("average", "avg", "mean", "on average", "averaging", "averaged", "median")
_SUM = _phrases(
    "combined", "together", "in total", "total of", "sum", "altogether", "cumulative", "add up", "added up", "summed"
)


#: "a year" describing what is spent, set against another year's: levels compared, not a step per year
_ANNUAL_LEVELS = re.compile(
    r"(?:\b(?:a|per|each)\s+year\b[^?]*\b(?:be\s+)?spend(?:ing)?\b"
    r"|\bspend(?:ing)?\s+(?:annually|yearly|per year|a year|each year)\b)"
    r"[^?]*\b(?:compared (?:with|to)|than|vs\.?|versus)\b"
    r"(?![^?]*\b(?:step|grow|growth|increase|rise|climb|add|on average|average)\b)",
    re.IGNORECASE,
)


_WHEN = frozenset({"before", "ago", "earlier", "prior", "later", "previously", "back"})


def _has(norms: Sequence[str], phrases: _Phrases) -> bool:
    n = len(norms)
    for p in phrases:
        k = len(p)
        for i in range(n - k + 1):
            if tuple(norms[i : i + k]) == p:
                return True
    return False


_NEGATIONS = {"not", "rather", "instead", "no", "excluding"}


def _without_negated(words: list[str]) -> list[str]:
    """'relative, not points' / 'rather than pp': drop what the question rules out (up to 3 words)."""
    out, skip = [], 0
    for w in words:
        if w in _NEGATIONS:
            skip = 3
            continue
        if skip and w not in ("than", "of", "in", "a", "the"):
            skip -= 1
            if w in {
                "points",
                "point",
                "pp",
                "pts",
                "pt",
                "ppt",
                "ppts",
                "bps",
                "bp",
                "basis",
                "percentage",
                "percent",
                "dollars",
                "dollar",
                "usd",
                "%",
                "$",
            }:
                continue
        out.append(w)
    return out


NOT_PP_POINT = frozenset({"starting", "start", "end", "data", "mid", "turning", "focal", "high", "low", "reference"})


#: "Give it as a percentage.", "express that as a %": the form of the answer, written apart
_AS_A_SHARE = re.compile(
    r"\b(?:give|express|show|state|put|answer)\s+(?:it|that|this|the\s+answer|your\s+answer)\s+(?:as|in)\s+"
    r"(?:a\s+)?(?:percentage|percent|%|share|fraction|proportion)\b",
    re.IGNORECASE,
)
_SET_AGAINST = re.compile(r"\b(?:compared?\s+(?:with|to)|against|relative\s+to|versus|vs\.?|next\s+to)\b", re.I)


_PERIOD_WORD = r"(?:(?:fy|cy|h[12]|q[1-4]|[1-4][qh])\s*'?\s*)?"
_LATER_OVER_EARLIER_RE = re.compile(
    rf"\b{_PERIOD_WORD}(?:19|20)?(\d\d)\s*/\s*{_PERIOD_WORD}(?:19|20)?(\d\d)\b(?!\s*/)(?!\s*[-−–]\s*1\b)", re.IGNORECASE
)


_GROWTH_WORDS = _phrases("growth", "grow", "grew", "change", "%", "percent", "yoy", "y/y", "increase", "rise")


def _later_over_earlier(text: str) -> bool:
    """'2025/2024', "H1'25 / H1'24": a later period over an earlier one (never '2024/25', a fiscal year)."""
    return any(int(m.group(1)) > int(m.group(2)) for m in _LATER_OVER_EARLIER_RE.finditer(text))


#: "did Meta's capex grow faster than the 44% of hyperscaler capex?": two rates of growth set side by side
_RATES_COMPARED = re.compile(
    r"\b(?:grow|grows|grew|grown|growing|rise|rises|rose|increase[sd]?)\b[^?]*\b(?:faster|slower|quicker)\s+"
    r"(?:\w+\s+){0,4}?than\s+(?:the\s+)?\d+(?:\.\d+)?\s*%\s+(?:of|for|in)\b",
    re.IGNORECASE,
)


#: "as a % — how much bigger is the 2032 figure than 2025's?": the gap, as a percentage (no share of one)
_HOW_MUCH_BIGGER_AS_PERCENT = re.compile(
    r"\bas\s+an?\s+%[^?]*\bhow\s+much\s+(?:bigger|larger|more|higher|greater|smaller|lower|less)\b"
    r"|\bhow\s+much\s+(?:bigger|larger|more|higher|greater|smaller|lower|less)\b[^?]*\bas\s+an?\s+%",
    re.IGNORECASE,
)


def asked_measure(norms: Sequence[str], text: str) -> str | None:
    """The measure ``norms`` (the question's normalised words outside names) ask for, if they say."""
    words = list(norms)
    if "$" in text:
        words.append("$")
    if "%" in text:
        words.append("%")
    words = _without_negated([w for w in words if w])
    if re.search(r"\b(?:same|that|this|prior|previous|last|next)\s+yr\b", text, re.I):
        words = [w for w in words if w != "yr"]  # "as % of rev same yr?": which year, not a rate per year
    # "the 2024 starting point", "the end point": a point in time, not percentage points
    words = [w for i, w in enumerate(words) if not (w in ("point", "points") and i and words[i - 1] in NOT_PP_POINT)]
    # "than a year before", "a year ago": when, not a rate per year
    words = [
        w
        for i, w in enumerate(words)
        if not (
            (w == "a" and words[i + 1 : i + 3][:1] == ["year"] and words[i + 2 : i + 3] and words[i + 2] in _WHEN)
            or (w == "year" and i and words[i - 1] == "a" and words[i + 1 : i + 2] and words[i + 1] in _WHEN)
        )
    ]
    if _later_over_earlier(text) and not _has(words, _GROWTH_WORDS):
        words.extend(("what", "multiple"))  # "META capex H1'25 / H1'24": the later period over the earlier
    if re.search(r"(?:,|\s)x\s*\?*\s*$|=\s*\?*\s*x\s*\?*\s*$", text):  # ("H1'25 / H1'24 = ?x")
        words.extend(("what", "multiple"))  # "NVDA capex FY25 / FY24, x?": as a multiple
    if re.match(r"\s*(?:back|work)\s+out\b", text, re.I):
        return None  # "back out 2024 capex from the 2025 number and the 44% growth": a level; the rate is given
    if _AS_A_SHARE.search(text) and _SET_AGAINST.search(text) and not _CHANGE_VERB.search(text):
        return "ratio"  # "how big is A compared with B? Give it as a percentage.": A as a share of B
    if YEARLY_LEVEL.search(text) and not YEARLY_RATE.search(text):
        words = [w for w in words if w not in ("yearly", "annual")]  # "yearly spending": the level, not a rate
    if re.search(
        r"\bin\s*\$|\$\s*terms|\bin\s+(?:absolute\s+|nominal\s+)?(?:usd|dollars?|bn|billions?|\$bn|\$\s*billions?)(?![\w$])"
        r"|\babs(?:olute|\.)?\s+(?:uplift|increase|change|growth|gain|rise|difference|gap|delta|step-?up)\b"
        r"|\bhow many\s*(?:(?:more|fewer|extra|additional)\s+)?(?:\$|bn\b|billions?\b|b\b|usd\b|dollars\b)"
        r"|(?:^|\s)\$\s*(?:increase|incr|inc|change|chg|chng|growth|gain|rise|jump|diff|difference|gap|delta|uplift|step-?up"
        r"|add|adds|added)\b",
        text,
        re.I,
    ):
        words.extend(("in", "dollars"))
    relative = r"%\s*(?:decline|drop|fall|decrease|increase|rise|growth|change|chg|reduction|cut|gain|jump|uplift)\b"
    # (amounts written as the two ends, "% increase from 2025's $371B to the $525B", still ask a percentage)
    in_dollars = (
        r"\bin\s+(?:absolute\s+|nominal\s+)?(?:dollars?|usd|\$|bn|billions?)\b|\bin\s+(?:absolute|dollar|\$)\s+terms\b"
        r"|\bhow\s+(?:many|much)\s+dollars\b|\bdollar\s+(?:change|increase)\b"
    )
    if re.search(relative, text, re.I) and not re.search(in_dollars, text, re.I):
        words.extend(("percent", "change"))  # "what's that as a % decline": a relative change
    elif HOW_MUCH_UP.search(text) and not re.search(in_dollars, text, re.I):
        words.extend(("percent", "change"))  # "how much was that up vs 2024?": up by so many per cent
    if re.search(
        r"\bhow\s+much\b[^?]*\b(?:outspen[dt]s?|outearn\w*|out-?spend\w*|exceed\w*|surpass\w*|outstrip\w*"
        r"|overstat\w*|understat\w*)\b",
        text,
        re.I,
    ):
        words.extend(("in", "dollars"))  # "how much did GOOGL outspend META?": by how many dollars
    elif re.search(r"\bhow\s+(?:much|far)\s+(?:is|was)\s+(?:that|it|this)\s+(?:above|below)\b", text, re.I):
        words.extend(("how", "much", "above"))  # "how much is that above the filed capex?": by how much
    elif re.search(
        r"%\s*of\b|\bas an? %|(?:%|\bper\s?cent(?:age)?)\s+(?:is|was|would\s+be)\s+(?:that|it|this|they)\s+of\b", text
    ) and not (
        _RATES_COMPARED.search(text) or _HOW_MUCH_BIGGER_AS_PERCENT.search(text)
    ):  # "what % is that of the 371B"
        words.append("percentage of")  # 'what % of', 'as a % of': a ratio, not a change
    per_year = _has(words, _PER_YEAR)
    dollars = _has(words, _phrases("in dollars", "dollars", "in usd", "in $", "$", "dollar terms"))
    if per_year and dollars and _ANNUAL_LEVELS.search(text):
        # "how many extra dollars a year will they be spending in 2032 compared with 2025": two yearly levels
        return "difference"
    if per_year and dollars and not _has(words, _COMPOUND):
        return "per_year_step"  # "how much a year on average, in dollars": a linear step, not a rate
    annual = per_year or "annual" in words or "yearly" in words
    if annual and _has(words, _LINEAR) and not _has(words, _COMPOUND) and not _has(words, _CAGR):
        return "per_year_step"  # "the straight-line annual increase", "the annual dollar step"
    if _has(words, _CAGR) or (per_year and _has(words, _RATE) and not _has(words, _POINTS)):
        return "cagr"
    if per_year and _has(words, _LINEAR):
        return "per_year_step"
    if _has(words, _STEP) and (_has(words, _AVERAGE) or "annual" in words or "yearly" in words):
        return "per_year_step"  # "the avg annual $ step from 2025 to 2032"
    if _has(words, _POINTS):
        return "pp_change"
    if _has(words, _RELATIVE_CHANGE):
        return "percent_change"
    if "median" in words:
        return "average"  # "the median capex-to-revenue ratio": the middle of several figures
    if _has(words, _IN_PERCENT_TERMS) and _CHANGING & set(words) and "percentage of" not in words:
        return "percent_change"  # "how big a drop is that in percent terms?": relative, not points
    if _has(words, _PERCENT_BY) and "percentage of" not in words:
        return "percent_change"  # "relative to its current share, by what percent does it shrink?"
    if _has(words, _MULTIPLE):
        return "multiple"
    # "relative to", "represent": a change when a change is named ("how large an increase over 2024 does
    # the $371B represent?"), else one figure as a share of the other
    loose = _phrases("relative to", "represent", "represents")
    others = tuple(p for p in _RATIO if p not in loose)
    relative_only = _has(words, loose) and not _has(words, others)
    in_dollars_asked = _has(words, _phrases("how many dollars", "in dollars", "in usd", "in $", "dollar terms"))
    if relative_only and _CHANGE_VERB.search(text) and in_dollars_asked:
        return "difference"  # "how many dollars does the 44% increase represent?": the increase in dollars
    if relative_only and _CHANGE_VERB.search(text):
        return "percent_change"  # "the growth rate in 2025 relative to 2024": a change, not one level over another
    if _has(words, _RATIO) or "percentage of" in words:
        return "ratio"
    if _has(words, _AVERAGE):
        return "average"
    if _has(words, _SUM) and _has(words, _CAGR) and _TWO_ENDS.search(text):
        return "cagr"  # "combined capex of A and B, CAGR 2023 to 2025": the compound rate of the sum
    if _has(words, _SUM) and _CHANGE_VERB.search(text) and _TWO_ENDS.search(text):
        # "by how many dollars did their combined capex increase from 2023 to 2024": the change of the sum
        return "difference" if _has(words, _DIFFERENCE) else "percent_change"
    if _has(words, _SUM) and not _has(words, _PERCENT):  # "grow in total, in percentage terms": a change
        return "sum"
    # "by how much did it grow, in %": a percentage beats dollars only when it is written
    percent = _has(words, _PERCENT)
    if (
        percent
        and not _has(words, _phrases("in dollars", "how many dollars", "in usd", "in $", "$"))
        and not _has(
            words, _phrases("dollar increase", "dollar change", "dollar difference", "dollar terms", "dollar amount")
        )
    ):
        return "percent_change"
    if _has(words, _DIFFERENCE):
        return "difference"
    return None
