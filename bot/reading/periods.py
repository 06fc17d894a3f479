"""Find and resolve period expressions in analysts' questions.

No model, no long chain of ad-hoc regular expressions: a tokenizer and a cascade of
three small rule tables over the tokens.

1. **Tokens.** One regular expression cuts the text into words, numbers with separators
   (``2,025``, ``1.8``), two-digit apostrophe years (``'25``) and punctuation. Each word
   is classified once (cached) into keys: its lowercase text plus classes such as
   ``YEAR`` (1990-2100), ``H``/``Q`` (``H1``, ``3Q``), ``HY``/``QY`` (``1H25``, ``3Q24``),
   ``MONTH``, ``ORD`` (``third``, ``3rd``) and ``NUM``. A context filter then strips the
   year classes from numbers that are money, percentages or counts (``$2025``,
   ``2025%``, ``2025 billion``).
2. **Year units** (``_L1``): ``fiscal 2025``, ``FY 2025``, ``FY'25``, ``calendar 2025``,
   ``this fiscal year``, ``last year`` ... become one ``Y`` token.
3. **Period atoms** (``_L2``): halves, quarters, months, years, relative and vague
   periods, "same period last year" references.
4. **Roles** (``_L3``): ``by``/``through``/``until``/``before``, ``since``, and ranges
   (``2025-2032``, ``from H1 2024 to H1 2025``, ``between 2025 and 2032``).

At every level each rule is a short sequence of token keys (``"the? ORD -? half of? Y"``:
``?`` marks an optional element, ``|`` alternatives, upper case a class). All matches
are collected and non-overlapping ones are kept, longest span first.

Conventions chosen here:

* A mention's span is the matched expression, role words included (``by 2032``), the
  bare prepositions ``in``/``for``/``during`` excluded; the two ends of a range are two
  mentions spanning only their own period expressions.
* ``FYnn`` is the fiscal year *ending* in calendar year ``nn`` (Microsoft's FY25 is
  Jul 2024-Jun 2025). Two-digit years are 1990-2089.
* "last 12 months", LTM, TTM: the 12 complete months before the month containing
  ``today`` (the current month is never counted, even on its last day).
  "last N quarters": the N complete quarters before the current one.
* Periods without a year ("the first half", "Q3", "this quarter") are taken in the
  year (fiscal year, if fiscal) containing ``today``; the first end of a range borrows
  the year of the second ("Q1 to Q3 2025").
* "2025-26" is the range 2025 to 2026; "FY25-26" the range FY2025 to FY2026.

>>> from datetime import date
>>> today = date(2026, 11, 26)
>>> [(m.text, m.period.label, m.role)
...  for m in find_periods("What did Meta spend on AI capex in 1H25?", today=today)]
[('1H25', 'H1 2025', 'point')]
>>> [(m.text, m.period.label, m.role)
...  for m in find_periods("Total capex from 2024 to 2032?", today=today)]
[('2024', '2024', 'range_start'), ('2032', '2032', 'range_end')]
>>> [(m.text, m.period.label, m.role) for m in find_periods("spend by 2032", today=today)]
[('by 2032', '2032', 'by')]
>>> m, = find_periods("Microsoft capex in FY25", today=today, fiscal_end_month=6)
>>> m.period.label, m.fiscal
('FY2025 (Jul 2024-Jun 2025)', True)
>>> resolve_fiscal(m, 12).period.label
'2025'
>>> [(m.role, m.period) for m in find_periods("vs the same period last year", today=today)]
[('relative_previous', None)]
>>> find_periods("Nvidia's $371B backlog, up 44%, 2,025 GPUs, $2025, 2025 billion", today=today)
[]
>>> [m.period.label for m in find_periods("capex this year vs YTD", today=today)]
['2026', '2026-01-01 to 2026-11-26']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from kg.periods import Period, month_end

__all__ = ["VAGUE_FEW_YEARS", "PeriodMention", "find_periods", "resolve_fiscal"]

#: The period of "in a few years", "in the coming years", "soon" ...
VAGUE_FEW_YEARS = Period.vague("few-years", "within a few years")


# ====================================================================== internal values
class _YearRef(NamedTuple):
    """A year as written: explicit (``year``) or relative to today's year (``rel``)."""

    year: int | None
    rel: int = 0
    fiscal: bool = False
    calendar: bool = False  # said "calendar" / "CY"
    plain: bool = False  # a bare four-digit year


class _Spec(NamedTuple):
    """Everything needed to (re)compute a dated period for any fiscal convention."""

    kind: str  # year half quarter month months day ytd block trailing_months trailing_quarters
    today: date
    n: int = 0  # half / quarter / month number; block size; trailing count
    n2: int = 0  # last month of a month range; day of a day
    year: int | None = None
    rel: int = 0  # years (or blocks, for kind 'block') from today's
    fiscal: bool = False
    implicit: bool = False  # no year was written: "the first half", "Q3"
    plain: bool = False  # a bare four-digit year


class _Atom(NamedTuple):
    spec: _Spec | None  # None: relative_previous and vague
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
    _spec: _Spec | None = field(default=None, compare=False, repr=False)


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


def _resolve(s: _Spec, fiscal_end_month: int) -> Period:
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
    if kind == "year":
        return Period.fiscal_year(year, e)
    if kind == "half":
        if s.n not in (1, 2):
            raise ValueError(f"no half {s.n}")
        return Period.fiscal_half(year, s.n, e)
    if kind == "quarter":
        if s.n not in (1, 2, 3, 4):
            raise ValueError(f"no quarter {s.n}")
        return Period.fiscal_quarter(year, s.n, e)
    if kind == "month":
        return Period.month(year if s.n <= e else year - 1, s.n)
    if kind == "months":
        first = Period.month(year if s.n <= e else year - 1, s.n)
        last = Period.month(year if s.n2 <= e else year - 1, s.n2)
        return Period.span(first, last)
    if kind == "day":
        day = date(year, s.n, s.n2)
        return Period.from_dates(day, day)
    if kind == "ytd":
        if s.year is None:
            start = Period.fiscal_year(_fy_of(today, e), e).start
            assert start is not None
            return Period.from_dates(start, today)
        day_of_month = min(today.day, month_end(year, today.month).day)
        return Period.from_dates(date(year, 1, 1), date(year, today.month, day_of_month))
    raise ValueError(f"unknown period kind {kind!r}")


# ====================================================================== tokens
class _Tok:
    __slots__ = ("end", "keys", "start", "val")

    def __init__(self, keys: frozenset[str], start: int, end: int, val: object = None) -> None:
        self.keys = keys
        self.start = start
        self.end = end
        self.val = val

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"_Tok({sorted(self.keys)}, {self.start}, {self.end}, {self.val!r})"


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
    (re.compile(rf"(fy|cy){_YR}[ea]?"), "fy"),  # FY25 FY2025 CY25 FY25E
    (re.compile(r"([0-9]{4})[ea]"), "est"),  # 2025E
    (re.compile(r"([hq])([1-4])"), "part"),  # H1 Q3
    (re.compile(r"([1-4])([hq])"), "part_r"),  # 1H 3Q
    (re.compile(rf"([1-4])([hq]){_YR}"), "part_year_r"),  # 1H25 3Q2024
    (re.compile(rf"([hq])([1-4])fy{_YR}"), "part_fy"),  # Q3FY25
    (re.compile(rf"([1-4])([hq])fy{_YR}"), "part_fy_r"),  # 3QFY25
    (re.compile(rf"fy{_YR}([hq])([1-4])"), "fy_part"),  # FY25Q3
    (re.compile(r"([0-9]{4})([hq])([1-4])"), "year_part"),  # 2024Q3
    (re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)"), "ordinal"),  # 3rd
]


def _year_of(digits: str) -> int | None:
    """1990-2100 from 'yyyy' or 'yy' (90-99: 1990s), else None."""
    n = int(digits)
    if len(digits) == 2:
        n += 1900 if n >= 90 else 2000
    return n if 1990 <= n <= 2100 else None


def _part_token(letter: str, n: int, year: _YearRef | None) -> tuple[frozenset[str], object]:
    if letter == "h" and n > 2:
        return frozenset(), None
    cls = "H" if letter == "h" else "Q"
    if year is None:
        return frozenset({cls}), n
    return frozenset({cls + "Y"}), (n, year)


@lru_cache(maxsize=8192)
def _classify(w: str) -> tuple[frozenset[str], object]:
    """Keys and value of a lower-case word."""
    extra, val = _classify_word(w)
    return frozenset({w}) | extra, val


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
            y = _year_of(g[1])
            if y is None:
                return frozenset(), None
            return frozenset({"Y"}), _YearRef(y, fiscal=g[0] == "fy", calendar=g[0] == "cy")
        if how == "est":
            y = _year_of(g[0])
            return (frozenset({"Y"}), _YearRef(y, plain=True)) if y else (frozenset(), None)
        if how == "part":
            return _part_token(g[0], int(g[1]), None)
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
        y = _year_of(ys)
        if y is None:
            return frozenset(), None
        return _part_token(letter, n, _YearRef(y, fiscal=fiscal))
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
_YY_GLUE = frozenset({"-", "/", ":", "^", "+", "%"})
_YEAR_KEYS = frozenset({"YEAR", "Y", "YY", "YYA"})


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        kind, s, e = m.lastgroup, m.start(), m.end()
        if kind == "word":
            keys, val = _classify(m.group().lower())
            toks.append(_Tok(keys, s, e, val))
        elif kind == "yya":
            toks.append(_Tok(frozenset({"YYA"}), s, e, int(m.group()[1:])))
        elif kind == "dec":
            toks.append(_Tok(frozenset({"DEC"}), s, e))
        else:
            ch = m.group()
            key = "'" if ch in _APOSTROPHES else "-" if ch in _DASHES else ch
            toks.append(_Tok(frozenset({key}), s, e))
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
                bad = True
            elif not nxt.keys.isdisjoint(_COUNTS_AFTER):
                bad = short or prev is None or prev.keys.isdisjoint(_YEAR_PREPOSITIONS)
            elif short and nxt.start == t.end and not nxt.keys.isdisjoint(_YY_GLUE):
                bad = True  # 10-K, 06-30, 24/7
        if bad:
            t.keys = t.keys - _YEAR_KEYS
    return toks


# ====================================================================== rule machinery
_Builder = Callable[[list[_Tok], int, int, date], object]
_Elems = tuple[tuple[frozenset[str], bool], ...]


class _Rules:
    """A table of token patterns, indexed by the keys that can start a match."""

    def __init__(self, rules: list[tuple[str, _Builder]]) -> None:
        self.rules: list[tuple[_Elems, _Builder]] = []
        index: dict[str, set[int]] = {}
        for pid, (src, build) in enumerate(rules):
            elems: list[tuple[frozenset[str], bool]] = []
            for part in src.split():
                optional = len(part) > 1 and part.endswith("?")
                alts = frozenset((part[:-1] if optional else part).split("|"))
                elems.append((alts, optional))
            if all(opt for _, opt in elems):
                raise ValueError(f"rule {src!r} can match nothing")
            for alts, optional in elems:  # keys that can start a match
                for key in alts:
                    index.setdefault(key, set()).add(pid)
                if not optional:
                    break
            self.rules.append((tuple(elems), build))
        self.index = {k: tuple(sorted(v)) for k, v in index.items()}

    def candidates(self, toks: list[_Tok], today: date) -> list[tuple[int, int, object]]:
        """Non-overlapping matches ``(first token, end token, built value)``, longest first."""
        found: list[tuple[int, int, int, object]] = []
        index = self.index
        for i, t in enumerate(toks):
            pids: set[int] = set()
            for key in t.keys:
                hit = index.get(key)
                if hit:
                    pids.update(hit)
            for pid in sorted(pids):
                elems, build = self.rules[pid]
                j = _match(elems, 0, toks, i)
                if j <= i:
                    continue
                try:
                    value = build(toks, i, j, today)
                except (ValueError, OverflowError):
                    value = None
                if value is not None:
                    found.append((toks[j - 1].end - t.start, i, j, value))
        found.sort(key=lambda c: (-c[0], c[1]))
        taken = [False] * len(toks)
        chosen: list[tuple[int, int, object]] = []
        for _, i, j, value in found:
            if any(taken[i:j]):
                continue
            taken[i:j] = [True] * (j - i)
            chosen.append((i, j, value))
        chosen.sort(key=lambda c: c[0])
        return chosen

    def rewrite(self, toks: list[_Tok], today: date) -> list[_Tok]:
        """``toks`` with every chosen match replaced by the token its rule built."""
        chosen = self.candidates(toks, today)
        if not chosen:
            return toks
        out: list[_Tok] = []
        pos = 0
        for i, j, value in chosen:
            out.extend(toks[pos:i])
            assert isinstance(value, _Tok)
            out.append(value)
            pos = j
        out.extend(toks[pos:])
        return out


def _match(elems: _Elems, k: int, toks: list[_Tok], i: int) -> int:
    """End token index of a greedy (backtracking over optionals) match, or -1."""
    n, size = len(elems), len(toks)
    while k < n:
        alts, optional = elems[k]
        ok = i < size and not alts.isdisjoint(toks[i].keys)
        if optional:
            if ok:
                r = _match(elems, k + 1, toks, i + 1)
                if r >= 0:
                    return r
            k += 1
        elif ok:
            i += 1
            k += 1
        else:
            return -1
    return i


def _find(toks: list[_Tok], i: int, j: int, *keys: str) -> _Tok | None:
    for t in toks[i:j]:
        if not t.keys.isdisjoint(keys):
            return t
    return None


def _said(toks: list[_Tok], i: int, j: int, word: str) -> bool:
    return any(word in t.keys for t in toks[i:j])


def _yearref(t: _Tok) -> _YearRef:
    if isinstance(t.val, _YearRef):
        return t.val
    assert isinstance(t.val, int)
    if "YEAR" in t.keys:
        return _YearRef(t.val, plain=True)
    year = _year_of(f"{t.val:02d}")
    if year is None:
        raise ValueError("not a year")
    return _YearRef(year)


def _span_tok(toks: list[_Tok], i: int, j: int, keys: frozenset[str], val: object) -> _Tok:
    return _Tok(keys, toks[i].start, toks[j - 1].end, val)


# ====================================================================== level 1: years
def _year_unit(fiscal: bool = False, calendar: bool = False) -> _Builder:
    def build(toks: list[_Tok], i: int, j: int, today: date) -> _Tok | None:
        t = _find(toks, i, j, "YEAR", "YYA", "YY")
        assert t is not None
        y = _yearref(t)
        ref = _YearRef(y.year, fiscal=fiscal, calendar=calendar)
        return _span_tok(toks, i, j, frozenset({"Y"}), ref)

    return build


def _relative_year(rel: int, fiscal: bool = False) -> _Builder:
    keys = frozenset({"Y", "YPREV"} if rel == -1 else {"Y"})

    def build(toks: list[_Tok], i: int, j: int, today: date) -> _Tok:
        return _span_tok(toks, i, j, keys, _YearRef(None, rel, fiscal))

    return build


_L1 = _Rules([
    ("fy|fiscal YEAR|YYA", _year_unit(fiscal=True)),
    ("fy YY", _year_unit(fiscal=True)),
    ("fiscal -? year YEAR|YYA", _year_unit(fiscal=True)),
    ("cy|calendar YEAR|YYA", _year_unit(calendar=True)),
    ("cy YY", _year_unit(calendar=True)),
    ("calendar -? year YEAR", _year_unit(calendar=True)),
    ("the? this|current fiscal -? year", _relative_year(0, fiscal=True)),
    ("the? last|previous|prior -? fiscal -? year", _relative_year(-1, fiscal=True)),
    ("the? next|coming fiscal -? year", _relative_year(1, fiscal=True)),
    ("the? this|current calendar? year", _relative_year(0)),
    ("the? last|previous|prior -? calendar? year", _relative_year(-1)),
    ("the? next|coming calendar? year", _relative_year(1)),
])  # fmt: skip


# ====================================================================== level 2: periods
def _atom_tok(toks: list[_Tok], i: int, j: int, atom: _Atom) -> _Tok:
    if atom.spec is not None:
        _resolve(atom.spec, 12)  # raises for impossible periods: the rule does not match
    keys = {"A"}
    if atom.spec is not None and atom.spec.kind == "year" and atom.spec.year is not None:
        keys.add("AYEAR")
    return _span_tok(toks, i, j, frozenset(keys), atom)


def _dated(toks: list[_Tok], i: int, j: int, spec: _Spec, role: str = "point") -> _Tok:
    return _atom_tok(toks, i, j, _Atom(spec, "dated", spec.fiscal, role))


def _with_year(kind: str, today: date, year: _YearRef | None, fiscal: bool = False, n: int = 0, n2: int = 0) -> _Spec:
    if year is None:
        return _Spec(kind, today, n, n2, None, 0, fiscal, implicit=True)
    return _Spec(kind, today, n, n2, year.year, year.rel, fiscal or year.fiscal, plain=year.plain)


def _year_in(toks: list[_Tok], i: int, j: int) -> _YearRef | None:
    t = _find(toks, i, j, "Y", "YYA", "YY")
    return None if t is None else _yearref(t)


def _b_year(toks: list[_Tok], i: int, j: int, today: date) -> _Tok:
    return _dated(toks, i, j, _with_year("year", today, _yearref(toks[i])))


def _b_part(kind: str) -> _Builder:
    """Halves and quarters, however written."""
    top = 2 if kind == "half" else 4

    def build(toks: list[_Tok], i: int, j: int, today: date) -> _Tok:
        n, year, fiscal = 0, None, False
        for t in toks[i:j]:
            k = t.keys
            if "Y" in k or "YYA" in k or "YY" in k:
                year = _yearref(t)
            elif "HY" in k or "QY" in k:
                assert isinstance(t.val, tuple)
                n, year = t.val
            elif "ORDLAST" in k:
                n = top
            elif not k.isdisjoint(("H", "Q", "ORD", "ORDH")):
                assert isinstance(t.val, int)
                n = t.val
            fiscal = fiscal or "fiscal" in k
        return _dated(toks, i, j, _with_year(kind, today, year, fiscal, n))

    return build


def _b_two_quarters(toks: list[_Tok], i: int, j: int, today: date) -> _Tok:
    n = 1 if _said(toks, i, j, "first") else 2
    return _dated(toks, i, j, _with_year("half", today, _year_in(toks, i, j), n=n))


def _b_block(size: int, rel: int) -> _Builder:
    def build(toks: list[_Tok], i: int, j: int, today: date) -> _Tok:
        fiscal = _said(toks, i, j, "fiscal")
        return _dated(toks, i, j, _Spec("block", today, size, 0, None, rel, fiscal))

    return build


def _b_month(toks: list[_Tok], i: int, j: int, today: date) -> _Tok:
    month = _find(toks, i, j, "MONTH")
    assert month is not None and isinstance(month.val, int)
    return _dated(toks, i, j, _with_year("month", today, _year_in(toks, i, j), n=month.val))


def _b_months(toks: list[_Tok], i: int, j: int, today: date) -> _Tok | None:
    months = [t.val for t in toks[i:j] if "MONTH" in t.keys]
    first, last = months[0], months[-1]
    assert isinstance(first, int) and isinstance(last, int)
    if first >= last:
        return None
    year = _year_in(toks, i, j)
    return _dated(toks, i, j, _with_year("months", today, year, n=first, n2=last))


def _b_day(toks: list[_Tok], i: int, j: int, today: date) -> _Tok | None:
    month = _find(toks, i, j, "MONTH")
    day = next(
        (t for t in toks[i:j] if "Y" not in t.keys and "MONTH" not in t.keys and not t.keys.isdisjoint(("NUM", "ORD"))),
        None,
    )
    year = _year_in(toks, i, j)
    if month is None or day is None or year is None or not isinstance(day.val, int):
        return None
    assert isinstance(month.val, int)
    return _dated(toks, i, j, _with_year("day", today, year, n=month.val, n2=day.val))


def _b_ytd(toks: list[_Tok], i: int, j: int, today: date) -> _Tok:
    year = _year_in(toks, i, j)
    fiscal = _said(toks, i, j, "fiscal") or _said(toks, i, j, "fytd")
    if year is None or year.year is None:
        return _dated(toks, i, j, _Spec("ytd", today, fiscal=fiscal))
    return _dated(toks, i, j, _Spec("ytd", today, year=year.year))


def _count(toks: list[_Tok], i: int, j: int, default: int = 1) -> int:
    t = _find(toks, i, j, "NUM")
    return t.val if t is not None and isinstance(t.val, int) else default


def _b_trailing(kind: str, default: int = 0) -> _Builder:
    def build(toks: list[_Tok], i: int, j: int, today: date) -> _Tok | None:
        n = _count(toks, i, j, default)
        if not 0 < n <= (120 if kind == "trailing_months" else 40):
            return None
        return _dated(toks, i, j, _Spec(kind, today, n, fiscal=_said(toks, i, j, "fiscal")))

    return build


def _b_years_ahead(role: str) -> _Builder:
    def build(toks: list[_Tok], i: int, j: int, today: date) -> _Tok | None:
        n = _count(toks, i, j)
        if not 0 < n <= 100:
            return None
        return _dated(toks, i, j, _Spec("year", today, rel=n), role)

    return build


def _b_years_ago(toks: list[_Tok], i: int, j: int, today: date) -> _Tok | None:
    n = _count(toks, i, j)
    if n == 1:
        return _b_relprev(toks, i, j, today)
    if not 1 < n <= 100:
        return None
    return _dated(toks, i, j, _Spec("year", today, rel=-n))


def _b_now(toks: list[_Tok], i: int, j: int, today: date) -> _Tok:
    return _dated(toks, i, j, _Spec("year", today))


def _b_end(toks: list[_Tok], i: int, j: int, today: date) -> _Tok:
    return _dated(toks, i, j, _with_year("year", today, _year_in(toks, i, j) or _YearRef(None)))


def _b_vague(toks: list[_Tok], i: int, j: int, today: date) -> _Tok | None:
    if "soon" in toks[i].keys and i and "as" in toks[i - 1].keys:
        return None  # "as soon as"
    return _atom_tok(toks, i, j, _Atom(None, "vague"))


def _b_relprev(toks: list[_Tok], i: int, j: int, today: date) -> _Tok:
    t = _find(toks, i, j, "Y")
    fiscal = t is not None and isinstance(t.val, _YearRef) and t.val.fiscal
    return _atom_tok(toks, i, j, _Atom(None, "relprev", fiscal, "relative_previous"))


def _b_year_before(toks: list[_Tok], i: int, j: int, today: date) -> _Tok | None:
    if j < len(toks) and not toks[j].keys.isdisjoint(("Y", "NUM", "A", "MONTH", "H", "Q")):
        return None  # "the year before 2030": 'before 2030' is a deadline
    return _b_relprev(toks, i, j, today)


_OH = "ORD|ORDLAST|ORDH"  # first / second / last / back half
_OQ = "ORD|ORDLAST"  # third / last quarter
_SAME = "period|quarter|quarters|half|month|months|time|level|levels|figure|figures"
_TAIL = _SAME + "|comparison|comparable|equivalent|number|numbers"
_L2 = _Rules([
    # years: 2025, FY25, fiscal 2025, CY2025, this year, next fiscal year
    ("Y", _b_year),
    ("now|today|currently|presently|nowadays", _b_now),
    ("right|just now", _b_now),
    ("at present", _b_now),
    ("at the moment", _b_now),
    ("as of now|today", _b_now),
    ("in a|an|one|NUM year|years '? s? time?", _b_years_ahead("point")),
    ("a|an|one|NUM year|years from now|today", _b_years_ahead("point")),
    ("NUM year|years ago", _b_years_ago),
    ("within NUM year|years", _b_years_ahead("by")),
    ("in|within|over the next NUM year|years", _b_years_ahead("by")),
    ("the? end|close -? of? the? Y", _b_end),
    ("the? Y year -? end", _b_end),
    ("the? year -? end Y", _b_end),
    ("the? end|close of the year", _b_end),
    ("the? year -? end", _b_end),
    # halves
    ("fiscal? H ,? of? the? Y", _b_part("half")),
    ("fiscal? H YYA|YY", _b_part("half")),
    ("HY", _b_part("half")),
    ("Y H", _b_part("half")),
    ("fiscal? H", _b_part("half")),
    (f"the? Y '? s? fiscal? {_OH} -? half", _b_part("half")),
    (f"the? fiscal? {_OH} -? half ,? of? the? Y", _b_part("half")),
    (f"the? fiscal? {_OH} -? half of the year", _b_part("half")),
    ("the? fiscal? ORD|ORDH -? half", _b_part("half")),
    ("the? first|last two|2 quarters ,? of? the? Y", _b_two_quarters),
    ("the? first two|2 quarters", _b_two_quarters),
    ("the? first|last two|2 quarters of the year", _b_two_quarters),
    ("the? first|last six|6 months ,? of? the? Y", _b_two_quarters),
    ("the? first|last six|6 months of the year", _b_two_quarters),
    ("the? first six|6 months", _b_two_quarters),
    ("the? this|current fiscal? half", _b_block(6, 0)),
    ("the? last|previous|prior fiscal? half", _b_block(6, -1)),
    ("the? next fiscal? half", _b_block(6, 1)),
    # quarters
    ("fiscal? Q ,? of? the? Y", _b_part("quarter")),
    ("fiscal? Q YYA|YY", _b_part("quarter")),
    ("QY", _b_part("quarter")),
    ("Y Q", _b_part("quarter")),
    ("fiscal? Q", _b_part("quarter")),
    (f"the? Y '? s? fiscal? {_OQ} -? fiscal? quarter", _b_part("quarter")),
    (f"the? fiscal? {_OQ} -? fiscal? quarter ,? of? the? Y", _b_part("quarter")),
    (f"the? fiscal? {_OQ} -? fiscal? quarter of the year", _b_part("quarter")),
    ("the? fiscal? ORD -? fiscal? quarter", _b_part("quarter")),
    ("the? this|current fiscal? quarter", _b_block(3, 0)),
    ("the? last|previous|prior fiscal? quarter", _b_block(3, -1)),
    ("the? next fiscal? quarter", _b_block(3, 1)),
    ("the? last|past|previous|prior|trailing NUM fiscal? quarters", _b_trailing("trailing_quarters")),
    # months
    ("MONTH .? ,? of? Y|YYA", _b_month),
    ("MONTH .? NUM|ORD ,? Y", _b_day),
    ("NUM|ORD MONTH .? ,? Y", _b_day),
    ("MONTH .? -|to|through|thru|until|till MONTH .? ,? of? Y|YYA", _b_months),
    ("MONTH .? -|to|through|thru MONTH", _b_months),
    ("the? this|current month", _b_block(1, 0)),
    ("the? last|previous|prior month", _b_block(1, -1)),
    ("the? next month", _b_block(1, 1)),
    # to date, trailing
    ("ytd|fytd", _b_ytd),
    ("fiscal? year -? to -? date", _b_ytd),
    ("Y ytd|fytd", _b_ytd),
    ("ytd|fytd Y", _b_ytd),
    ("Y year -? to -? date", _b_ytd),
    ("ltm|ttm", _b_trailing("trailing_months", 12)),
    ("the? last|past|trailing|previous|prior NUM -? months|month", _b_trailing("trailing_months")),
    # vague
    ("in|within a few|couple|several of? years '? s? time?", _b_vague),
    ("a few|couple of? years from now", _b_vague),
    ("in|within|over|during the next|coming few|couple|several of? years", _b_vague),
    ("in|within|over|during the? coming|next years", _b_vague),
    ("in|over the years ahead", _b_vague),
    ("in|over the years to come", _b_vague),
    ("in the near future", _b_vague),
    ("soon", _b_vague),
    # the previous period: resolved by the caller against the period it follows
    (f"the? same {_SAME} ,? of|in? the? YPREV", _b_relprev),
    (f"the? same {_SAME} a|one year -? earlier|ago|before|prior", _b_relprev),
    ("a|one year -? earlier|ago|before|prior", _b_relprev),
    (f"the? year -? earlier|ago {_TAIL}?", _b_relprev),
    ("the year before", _b_year_before),
    (f"the? YPREV -? '? s? {_TAIL}", _b_relprev),
    ("year -? over|on -? year", _b_relprev),
    ("yoy", _b_relprev),
    ("y / y", _b_relprev),
    ("y - o - y", _b_relprev),
])  # fmt: skip


# ====================================================================== level 3: roles
_Found = list[tuple[int, int, _Atom, str]]


def _atoms(toks: list[_Tok], i: int, j: int) -> list[_Atom]:
    return [t.val for t in toks[i:j] if "A" in t.keys and isinstance(t.val, _Atom)]


def _b_role(role: str) -> _Builder:
    def build(toks: list[_Tok], i: int, j: int, today: date) -> _Found | None:
        atom = _atoms(toks, i, j)[0]
        if atom.what != "dated":
            return None
        return [(toks[i].start, toks[j - 1].end, atom, role)]

    return build


def _range(first: _Tok, last: _Tok, a: _Atom, b: _Atom) -> _Found | None:
    sa, sb = a.spec, b.spec
    if sa is None or sb is None or a.role != "point" or b.role != "point":
        return None
    if sa.implicit and sb.year is not None:  # "Q1 to Q3 2025"
        sa = sa._replace(year=sb.year, rel=sb.rel, implicit=False, fiscal=sa.fiscal or sb.fiscal)
    if sa.kind == sb.kind == "year":  # "FY2024-2026": both fiscal
        if sa.fiscal and sb.plain:
            sb = sb._replace(fiscal=True)
        elif sb.fiscal and sa.plain:
            sa = sa._replace(fiscal=True)
    pa, pb = _resolve(sa, 12), _resolve(sb, 12)
    assert pa.start and pa.end and pb.start and pb.end
    if not (pa.start <= pb.start and pa.end <= pb.end) or pa == pb:
        return None
    return [
        (first.start, first.end, a._replace(spec=sa, fiscal=sa.fiscal), "range_start"),
        (last.start, last.end, b._replace(spec=sb, fiscal=sb.fiscal), "range_end"),
    ]


def _b_range(toks: list[_Tok], i: int, j: int, today: date) -> _Found | None:
    ends = [t for t in toks[i:j] if "A" in t.keys]
    a, b = ends[0].val, ends[-1].val
    assert isinstance(a, _Atom) and isinstance(b, _Atom)
    return _range(ends[0], ends[-1], a, b)


def _b_range_yy(toks: list[_Tok], i: int, j: int, today: date) -> _Found | None:
    first = _find(toks, i, j, "A")
    yy = _find(toks, i, j, "YY")
    assert first is not None and yy is not None and isinstance(first.val, _Atom)
    spec = first.val.spec
    assert spec is not None and spec.year is not None and isinstance(yy.val, int)
    year = spec.year - spec.year % 100 + yy.val
    end = _Atom(spec._replace(year=year, plain=False), "dated", spec.fiscal)
    return _range(first, yy, first.val, end)


_RANGE_TO = "-|to|through|thru|until|till"
_L3 = _Rules([
    ("by|through|thru|until|till|before A", _b_role("by")),
    ("up to|until|till A", _b_role("by")),
    ("no later than A", _b_role("by")),
    ("by|through|thru|until|till|before the? end|close -? of? A", _b_role("by")),
    ("since A", _b_role("since")),
    ("from A onwards|onward|forward|on", _b_role("since")),
    ("starting|beginning from|in? A", _b_role("since")),
    ("between A and|- A", _b_range),
    (f"from A {_RANGE_TO} A", _b_range),
    (f"A {_RANGE_TO} A", _b_range),
    ("from|between? AYEAR - YY", _b_range_yy),
])  # fmt: skip


# ====================================================================== public API
def _mention(text: str, start: int, end: int, atom: _Atom, role: str, fiscal_end_month: int) -> PeriodMention | None:
    period: Period | None = None
    if atom.what == "vague":
        period = VAGUE_FEW_YEARS
    elif atom.spec is not None:
        try:
            period = _resolve(atom.spec, fiscal_end_month)
        except (ValueError, OverflowError):
            return None
    return PeriodMention(start, end, text[start:end], period, role, atom.fiscal, atom.what == "vague", atom.spec)


def find_periods(text: str, *, today: date, fiscal_end_month: int = 12) -> list[PeriodMention]:
    """The period expressions of ``text``, in text order.

    ``today`` anchors relative expressions ("last year", "this quarter", "YTD");
    ``fiscal_end_month`` is the last month of the fiscal year for "FY25", "fiscal Q3"
    (use :func:`resolve_fiscal` when the company is known only later). Never raises
    on any text.
    """
    if not isinstance(fiscal_end_month, int) or not 1 <= fiscal_end_month <= 12:
        raise ValueError(f"fiscal_end_month must be 1-12, not {fiscal_end_month!r}")
    toks = _tokenize(text)
    if not toks:
        return []
    toks = _L1.rewrite(toks, today)
    toks = _L2.rewrite(toks, today)
    found: _Found = []
    used: set[int] = set()
    for i, j, value in _L3.candidates(toks, today):
        assert isinstance(value, list)
        found.extend(value)
        used.update(range(i, j))
    for i, t in enumerate(toks):
        if i not in used and "A" in t.keys and isinstance(t.val, _Atom):
            found.append((t.start, t.end, t.val, t.val.role))
    found.sort(key=lambda f: f[0])
    out = []
    for start, end, atom, role in found:
        m = _mention(text, start, end, atom, role, fiscal_end_month)
        if m is not None:
            out.append(m)
    return out


def resolve_fiscal(mention: PeriodMention, fiscal_end_month: int) -> PeriodMention:
    """``mention`` re-resolved for a company whose fiscal year ends in ``fiscal_end_month``.

    Only fiscal mentions ("FY25", "fiscal Q3 2025", "this fiscal year") change; others,
    and mentions not made by :func:`find_periods`, are returned as they are.
    """
    if not 1 <= fiscal_end_month <= 12:
        raise ValueError(f"fiscal_end_month must be 1-12, not {fiscal_end_month!r}")
    if not mention.fiscal or mention._spec is None:
        return mention
    return replace(mention, period=_resolve(mention._spec, fiscal_end_month))
