"""Period words: the tokens a period expression is made of, and how a spec becomes a Period.

The grammar in :mod:`bot.reading.periods` rewrites these tokens level by level (years, then
periods, then roles); :func:`resolve` turns a resolved spec into a dated
:class:`~kg.periods.Period` under a fiscal convention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from kg.periods import Period, month_end


# ====================================================================== internal values
class YearRef(NamedTuple):
    """A year as written: explicit (``year``) or relative to today's year (``rel``)."""

    year: int | None
    rel: int = 0
    fiscal: bool = False
    calendar: bool = False  # said "calendar" / "CY"
    plain: bool = False  # a bare four-digit year


class Spec(NamedTuple):
    """Everything needed to (re)compute a dated period for any fiscal convention."""

    kind: str  # year half quarter month months months_to day ytd block trailing_months trailing_quarters same
    today: date
    n: int = 0  # half / quarter / month number; block size; trailing count
    n2: int = 0  # last month of a month range; day of a day
    year: int | None = None
    rel: int = 0  # years (or blocks, for kind 'block') from today's
    fiscal: bool = False
    implicit: bool = False  # no year was written: "the first half", "Q3"
    plain: bool = False  # a bare four-digit year


class Atom(NamedTuple):
    spec: Spec | None  # None: relative_previous and vague
    what: str  # 'dated', 'relprev' or 'vague'
    fiscal: bool = False
    role: str = "point"


@dataclass(frozen=True)
class PeriodMention:
    """A period expression found in a question, resolved to a :class:`Period`."""

    start: int
    end: int
    text: str
    period: Period | None
    role: str  # point by since range_start range_end relative_previous
    fiscal: bool = False
    vague: bool = False
    # how to recompute the period for another fiscal convention (see resolve_fiscal)
    _spec: Spec | None = field(default=None, compare=False, repr=False)


# ====================================================================== resolution
def _fy_of(day: date, end_month: int) -> int:
    """The fiscal year (named by its end) containing ``day``."""
    return day.year if day.month <= end_month else day.year + 1


def _months_period(first_index: int, count: int) -> Period:
    """``count`` whole months from the month with index ``year * 12 + month - 1``."""
    sy, sm = divmod(first_index, 12)
    ey, em = divmod(first_index + count - 1, 12)
    return Period.from_dates(date(sy, sm + 1, 1), month_end(ey, em + 1))


def _block_start(today: date, end_month: int, size: int) -> int:
    """Month index of the start of the ``size``-month block (of the fiscal year) with today."""
    first_month = end_month % 12 + 1
    offset = (today.month - first_month) % 12 % size
    return today.year * 12 + today.month - 1 - offset


def resolve(s: Spec, fiscal_end_month: int) -> Period:
    """The period of ``s``; raises ValueError for impossible periods."""
    e = fiscal_end_month if s.fiscal else 12
    kind, today = s.kind, s.today
    if kind == "block":  # this / last / next quarter, half or month
        return _months_period(_block_start(today, e, s.n) + s.rel * s.n, s.n)
    if kind == "trailing_months":
        return _months_period(today.year * 12 + today.month - 1 - s.n, s.n)
    if kind == "trailing_quarters":
        return _months_period(_block_start(today, e, 3) - 3 * s.n, 3 * s.n)
    year = s.year if s.year is not None else _fy_of(today, e) + s.rel
    if kind in ("year", "same"):  # "same": the months of another period, placed beside it; alone, the year
        return Period.fiscal_year(year, e)
    if kind == "half":
        if s.n not in (1, 2):
            raise ValueError(f"no half {s.n}")
        half = Period.fiscal_half(year, s.n, e)
        if s.implicit and s.year is None and s.rel == 0 and half.start is not None and half.start > today:
            half = Period.fiscal_half(year - 1, s.n, e)  # "the 2H number" in March: not one yet to begin
        return half
    if kind == "quarter":
        if s.n not in (1, 2, 3, 4):
            raise ValueError(f"no quarter {s.n}")
        quarter = Period.fiscal_quarter(year, s.n, e)
        if s.implicit and s.year is None and s.rel == 0 and quarter.start is not None and quarter.start > today:
            quarter = Period.fiscal_quarter(year - 1, s.n, e)  # "need the 4Q number" in March: Q4 of last year
        return quarter
    if kind == "month":
        return Period.month(year if s.n <= e else year - 1, s.n)
    if kind == "months" and s.implicit and s.year is None and month_end(year, s.n2) > today:
        year -= 1  # "Meta's Jan–Jun capex" in May: the latest January to June that has ended
    if kind == "months":
        first_index = (year if s.n <= e else year - 1) * 12 + s.n - 1
        last_index = (year if s.n2 <= e else year - 1) * 12 + s.n2 - 1
        if last_index < first_index:  # "Nov-Feb of FY2026" for a year ending in January: across the year end
            first_index -= 12
        return _months_period(first_index, last_index - first_index + 1)
    if kind == "months_to":  # the n months ending with month n2 of the year, across a year end if need be
        # in a fiscal year, a month after the year's last month falls in the calendar year before
        last_index = (year if not s.fiscal or s.n2 <= e else year - 1) * 12 + s.n2 - 1
        if s.implicit and s.year is None and month_end(today.year, s.n2) > today:
            last_index = (today.year - 1) * 12 + s.n2 - 1  # "the December quarter": the latest one that has ended
        elif s.implicit and s.year is None:
            last_index = today.year * 12 + s.n2 - 1
        return _months_period(last_index - s.n + 1, s.n)
    if kind == "day":
        day = date(year, s.n, s.n2)
        return Period.from_dates(day, day)
    if kind == "ytd_to":  # the first n months of the (fiscal) year
        start = Period.fiscal_year(year, e).start
        assert start is not None
        return _months_period(start.year * 12 + start.month - 1, s.n)
    if kind == "ytd":
        if s.year is None:
            start = Period.fiscal_year(_fy_of(today, e), e).start
            assert start is not None
            return Period.from_dates(start, today)
        day_of_month = min(today.day, month_end(year, today.month).day)
        return Period.from_dates(date(year, 1, 1), date(year, today.month, day_of_month))
    raise ValueError(f"unknown period kind {kind!r}")


# ====================================================================== tokens
class Tok:
    __slots__ = ("end", "keys", "start", "val")

    def __init__(self, keys: frozenset[str], start: int, end: int, val: object = None) -> None:
        self.keys = keys
        self.start = start
        self.end = end
        self.val = val

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Tok({sorted(self.keys)}, {self.start}, {self.end}, {self.val!r})"


_TOKEN_RE = re.compile(
    r"(?P<dec>[0-9]+(?:[.,][0-9]+)+)"  # 2,025  1.8  (never a year)
    r"|(?P<yya>['’‘`´][0-9]{2})(?![0-9]|[^\W\d_])"  # '25
    r"|(?P<word>(?:[^\W\d_]|[0-9])+)"
    r"|(?P<punct>\S)"
)
_APOSTROPHES = frozenset("'’‘`´")
_DASHES = frozenset("-–—‐‑‒−―")

_MONTH_NAMES = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_HALF_WORDS = {"front": 1, "former": 1, "back": 2, "latter": 2}  # "back half of 2025"
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
    "twenty": 20, "thirty": 30,
}  # fmt: skip

_YR = r"([0-9]{2}|[0-9]{4})"
_WORD_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(fy|cy|f){_YR}[ea]?"), "fy"),  # FY25 FY2025 CY25 FY25E F2026 (Nvidia's own style)
    (re.compile(r"([0-9]{4})[ea]"), "est"),  # 2025E
    (re.compile(r"([hq])([1-4])"), "part"),  # H1 Q3
    (re.compile(r"f([hq])([1-4])"), "fiscal_part"),  # FQ4 FH1
    (re.compile(rf"f([hq])([1-4]){_YR}"), "part_fy"),  # FQ426 (FQ4'26)
    (re.compile(r"([1-9]|1[0-9]|2[0-4])m"), "months_in"),  # 9M (the first nine months)
    (re.compile(rf"([1-9]|1[0-1])m{_YR}"), "months_in_year"),  # 9M25 (the first nine months of 2025)
    (re.compile(r"([1-4])([hq])"), "part_r"),  # 1H 3Q
    (re.compile(rf"([1-4])([hq]){_YR}"), "part_year_r"),  # 1H25 3Q2024
    (re.compile(rf"([hq])([1-4])fy{_YR}"), "part_fy"),  # Q3FY25
    (re.compile(rf"([1-4])([hq])fy{_YR}"), "part_fy_r"),  # 3QFY25
    (re.compile(rf"f([1-4])([hq]){_YR}"), "part_fy_r"),  # F1Q26: fiscal Q1 of FY26
    (re.compile(rf"fy{_YR}([hq])([1-4])"), "fy_part"),  # FY25Q3
    (re.compile(r"([0-9]{4})([hq])([1-4])"), "year_part"),  # 2024Q3
    (re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)"), "ordinal"),  # 3rd
]


def year_of(digits: str) -> int | None:
    """1990-2100 from 'yyyy' or 'yy' (90-99: 1990s), else None."""
    n = int(digits)
    if len(digits) == 2:
        n += 1900 if n >= 90 else 2000
    return n if 1990 <= n <= 2100 else None


def _part_token(letter: str, n: int, year: YearRef | None) -> tuple[frozenset[str], object]:
    if letter == "h" and n > 2:
        return frozenset(), None
    cls = "H" if letter == "h" else "Q"
    if year is None:
        return frozenset({cls}), n
    return frozenset({cls + "Y"}), (n, year)


#: Abbreviations analysts write for period words ("this yr", "last qtr").
_ABBREVIATIONS = {"yr": "year", "yrs": "years", "qtr": "quarter", "qtrs": "quarters", "mth": "month", "mths": "months"}


@lru_cache(maxsize=8192)
def _classify(w: str) -> tuple[frozenset[str], object]:
    """Keys and value of a lower-case word."""
    full = _ABBREVIATIONS.get(w, w)
    extra, val = _classify_word(full)
    return frozenset({w, full}) | extra, val


def _classify_word(w: str) -> tuple[frozenset[str], object]:
    if w.isascii() and w.isdigit():
        if len(w) > 6:
            return frozenset({"NUM"}), None
        n = int(w)
        if len(w) == 4 and 1990 <= n <= 2100:
            return frozenset({"NUM", "YEAR", "Y"}), n
        if len(w) == 2:
            return frozenset({"NUM", "YY"}), n
        return frozenset({"NUM"}), n
    if w in _MONTH_NAMES:
        return frozenset({"MONTH"}), _MONTH_NAMES[w]
    if w in _ORDINALS:
        return frozenset({"ORD"}), _ORDINALS[w]
    if w in ("last", "final"):
        return frozenset({"ORDLAST"}), None
    if w in _HALF_WORDS:
        return frozenset({"ORDH"}), _HALF_WORDS[w]
    if w in _NUMBER_WORDS:
        return frozenset({"NUM"}), _NUMBER_WORDS[w]
    if not w.isascii() or len(w) > 9 or not any(c.isdigit() for c in w):
        return frozenset(), None
    for rx, how in _WORD_RULES:
        m = rx.fullmatch(w)
        if m is None:
            continue
        g = m.groups()
        if how == "fy":
            y = year_of(g[1])
            if y is None:
                return frozenset(), None
            return frozenset({"Y"}), YearRef(y, fiscal=g[0] in ("fy", "f"), calendar=g[0] == "cy")
        if how == "est":
            y = year_of(g[0])
            return (frozenset({"Y"}), YearRef(y, plain=True)) if y else (frozenset(), None)
        if how == "part":
            return _part_token(g[0], int(g[1]), None)
        if how == "months_in":
            return frozenset({"NM"}), int(g[0])
        if how == "months_in_year":
            y = year_of(g[1])
            return (frozenset({"NMY"}), (int(g[0]), YearRef(y))) if y else (frozenset(), None)
        if how == "fiscal_part":
            keys, val = _part_token(g[0], int(g[1]), None)
            return (keys | {"FP"} if keys else keys), val  # FP: a part written as fiscal
        if how == "part_r":
            return _part_token(g[1], int(g[0]), None)
        if how == "ordinal":
            return frozenset({"ORD"}), int(g[0])
        if how == "part_year_r":
            letter, n, ys, fiscal = g[1], int(g[0]), g[2], False
        elif how == "part_fy":
            letter, n, ys, fiscal = g[0], int(g[1]), g[2], True
        elif how == "part_fy_r":
            letter, n, ys, fiscal = g[1], int(g[0]), g[2], True
        elif how == "fy_part":
            letter, n, ys, fiscal = g[1], int(g[2]), g[0], True
        else:  # year_part
            letter, n, ys, fiscal = g[1], int(g[2]), g[0], False
        y = year_of(ys)
        if y is None:
            return frozenset(), None
        return _part_token(letter, n, YearRef(y, fiscal=fiscal))
    return frozenset(), None


# words and symbols around a number that make it money, a percentage or a count
_MONEY_BEFORE = frozenset("$€£¥₹^#") | {"usd", "eur", "gbp", "us", "no", "number"}
_UNIT_AFTER = frozenset({
    "%", "percent", "pct", "pp", "ppt", "bps", "billion", "bn", "million", "mn", "mm",
    "trillion", "tn", "thousand", "usd", "eur", "dollars", "euros", "gw", "mw", "kw", "tw",
    "gwh", "mwh", "twh", "kwh", "times", "°",
})  # fmt: skip
_COUNTS_AFTER = frozenset({
    "companies", "firms", "employees", "people", "gpus", "chips", "servers", "units",
    "shares", "customers", "users", "jobs", "workers", "staff", "stores", "accelerators",
    "racks", "nodes", "deals", "sites", "facilities", "homes", "patents", "engineers",
    "researchers", "hires", "startups", "items", "questions", "points", "rows",
})  # fmt: skip
_YEAR_PREPOSITIONS = frozenset({
    "in", "for", "during", "by", "since", "of", "from", "until", "till", "through", "thru",
    "before", "after", "to", "between", "and", "over", "year", "fiscal", "calendar", "fy",
    "cy", "end", "vs", "versus", "than", "within", "across", "throughout", "-",
})  # fmt: skip
_PERCENT = frozenset({"%", "percent", "pct"})
_YY_GLUE = frozenset({"-", "/", ":", "^", "+", "%"})
_YEAR_KEYS = frozenset({"YEAR", "Y", "YY", "YYA"})


def tokenize(text: str) -> list[Tok]:
    toks: list[Tok] = []
    for m in _TOKEN_RE.finditer(text):
        kind, s, e = m.lastgroup, m.start(), m.end()
        if kind == "word":
            keys, val = _classify(m.group().lower())
            toks.append(Tok(keys, s, e, val))
        elif kind == "yya":
            toks.append(Tok(frozenset({"YYA"}), s, e, int(m.group()[1:])))
        elif kind == "dec":
            toks.append(Tok(frozenset({"DEC"}), s, e))
        else:
            ch = m.group()
            key = "'" if ch in _APOSTROPHES else "-" if ch in _DASHES else ch
            toks.append(Tok(frozenset({key}), s, e))
    # numbers that are money, percentages or counts are not years
    for i, t in enumerate(toks):
        if t.keys.isdisjoint(_YEAR_KEYS) or ("Y" in t.keys and "YEAR" not in t.keys):
            continue
        prev = toks[i - 1] if i else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        short = "YEAR" not in t.keys
        bad = prev is not None and not prev.keys.isdisjoint(_MONEY_BEFORE)
        if nxt is not None and not bad:
            if not nxt.keys.isdisjoint(_UNIT_AFTER):
                # ("googl capex y/y 2024 %": a year, then the measure asked in percent; "2024%" is no year)
                bad = short or nxt.keys.isdisjoint(_PERCENT) or nxt.start == t.end
            elif not nxt.keys.isdisjoint(_COUNTS_AFTER):
                bad = short or prev is None or prev.keys.isdisjoint(_YEAR_PREPOSITIONS)
            elif short and nxt.start == t.end and not nxt.keys.isdisjoint(_YY_GLUE):
                bad = not ("YYA" in t.keys and ":" in nxt.keys)  # 10-K, 06-30, 24/7 (but "h1'25: ...")
        if bad:
            t.keys = t.keys - _YEAR_KEYS
    return toks
