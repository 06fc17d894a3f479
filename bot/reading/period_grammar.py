"""The period grammar's rules: a small rewriting machine over period words, and its first two
levels (years, then periods such as "H1 2025", "first two quarters", "Q3'24", "FY25")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import cast

from .period_words import Atom, Spec, Tok, YearRef, resolve, year_of

# ====================================================================== rule machinery
Builder = Callable[[list[Tok], int, int, date], object]
_Elems = tuple[tuple[frozenset[str], bool], ...]


class Rules:
    """A table of token patterns, indexed by the keys that can start a match."""

    def __init__(self, rules: list[tuple[str, Builder]]) -> None:
        self.rules: list[tuple[_Elems, Builder]] = []
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

    def candidates(self, toks: list[Tok], today: date) -> list[tuple[int, int, object]]:
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

    def rewrite(self, toks: list[Tok], today: date) -> list[Tok]:
        """``toks`` with every chosen match replaced by the token its rule built."""
        chosen = self.candidates(toks, today)
        if not chosen:
            return toks
        out: list[Tok] = []
        pos = 0
        for i, j, value in chosen:
            out.extend(toks[pos:i])
            assert isinstance(value, Tok)
            out.append(value)
            pos = j
        out.extend(toks[pos:])
        return out


def _match(elems: _Elems, k: int, toks: list[Tok], i: int) -> int:
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


def find(toks: list[Tok], i: int, j: int, *keys: str) -> Tok | None:
    for t in toks[i:j]:
        if not t.keys.isdisjoint(keys):
            return t
    return None


def _said(toks: list[Tok], i: int, j: int, word: str) -> bool:
    return any(word in t.keys for t in toks[i:j])


def _yearref(t: Tok) -> YearRef:
    if isinstance(t.val, YearRef):
        return t.val
    assert isinstance(t.val, int)
    if "YEAR" in t.keys:
        return YearRef(t.val, plain=True)
    year = year_of(f"{t.val:02d}")
    if year is None:
        raise ValueError("not a year")
    return YearRef(year)


def _span_tok(toks: list[Tok], i: int, j: int, keys: frozenset[str], val: object) -> Tok:
    return Tok(keys, toks[i].start, toks[j - 1].end, val)


# ====================================================================== level 1: years
def _year_unit(fiscal: bool = False, calendar: bool = False) -> Builder:
    def build(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
        t = find(toks, i, j, "YEAR", "YYA", "YY")
        assert t is not None
        y = _yearref(t)
        ref = YearRef(y.year, fiscal=fiscal, calendar=calendar)
        return _span_tok(toks, i, j, frozenset({"Y"}), ref)

    return build


def _relative_year(rel: int, fiscal: bool = False, calendar: bool = False) -> Builder:
    keys = frozenset({"Y", "YPREV"} if rel == -1 else {"Y"})

    def build(toks: list[Tok], i: int, j: int, today: date) -> Tok:
        said = calendar and any("calendar" in t.keys for t in toks[i:j])  # ("last full year" says no calendar)
        return _span_tok(toks, i, j, keys, YearRef(None, rel, fiscal, calendar=said))

    return build


L1 = Rules([
    ("fy|fiscal -? YEAR|YYA", _year_unit(fiscal=True)),  # "fiscal-2024"
    ("fy YY", _year_unit(fiscal=True)),
    ("fiscal YY", _year_unit(fiscal=True)),  # "Q4 of fiscal 26"
    ("fiscal -? year YEAR|YYA", _year_unit(fiscal=True)),
    ("financial -? year YEAR|YYA", _year_unit(fiscal=True)),  # British: "financial year 2025"
    ("YEAR financial -? year", _year_unit(fiscal=True)),  # "its 2025 financial year"
    ("cy|calendar YEAR|YYA", _year_unit(calendar=True)),
    ("cy YY", _year_unit(calendar=True)),
    ("calendar -? year YEAR", _year_unit(calendar=True)),
    ("the? this|current fiscal -? year", _relative_year(0, fiscal=True)),
    ("the? last|previous|prior -? fiscal -? year", _relative_year(-1, fiscal=True)),
    ("the? fiscal -? year that|which just ended|closed|finished", _relative_year(-1, fiscal=True)),
    ("the? most recently|recent completed|closed|reported|full? fiscal -? year", _relative_year(-1, fiscal=True)),
    ("the? last|latest completed|closed|reported|full fiscal -? year", _relative_year(-1, fiscal=True)),
    ("the? latest|last fiscal -? years", _relative_year(-1, fiscal=True)),  # "their latest fiscal years"
    ("the? latest fiscal -? year", _relative_year(-1, fiscal=True)),
    ("the? latest|most recent|last full|last completed fiscal -? years", _relative_year(-1, fiscal=True)),
    ("the? next|coming fiscal -? year", _relative_year(1, fiscal=True)),
    # "msft capex last FY", "this FY": the abbreviation for a fiscal year
    ("the? last|latest|previous|prior|completed fy", _relative_year(-1, fiscal=True)),
    ("the? last|latest full|complete|completed fy", _relative_year(-1, fiscal=True)),  # "their latest full FY"
    ("the? most recent full|complete|completed? fy", _relative_year(-1, fiscal=True)),
    ("the? this|current fy", _relative_year(0, fiscal=True)),
    ("the? next|coming fy", _relative_year(1, fiscal=True)),
    ("the? this|current calendar? year", _relative_year(0)),
    ("the? last|previous|prior -? calendar? year", _relative_year(-1)),
    # "the last full calendar year", "the most recent complete year": the year before this one
    (
        "the? last|latest|previous|prior full|complete|completed|whole calendar? -? year",
        _relative_year(-1, calendar=True),
    ),
    ("the? most recent full|complete|completed|whole? calendar? -? year", _relative_year(-1, calendar=True)),
    ("the? next|coming calendar? year", _relative_year(1)),
])  # fmt: skip


# ====================================================================== level 2: periods
def _atom_tok(toks: list[Tok], i: int, j: int, atom: Atom) -> Tok:
    if atom.spec is not None:
        resolve(atom.spec, 12)  # raises for impossible periods: the rule does not match
    keys = {"A"}
    if atom.spec is not None and atom.spec.kind == "year" and atom.spec.year is not None:
        keys.add("AYEAR")
    return _span_tok(toks, i, j, frozenset(keys), atom)


def _dated(toks: list[Tok], i: int, j: int, spec: Spec, role: str = "point") -> Tok:
    return _atom_tok(toks, i, j, Atom(spec, "dated", spec.fiscal, role))


def _with_year(kind: str, today: date, year: YearRef | None, fiscal: bool = False, n: int = 0, n2: int = 0) -> Spec:
    if year is None:
        return Spec(kind, today, n, n2, None, 0, fiscal, implicit=True)
    return Spec(kind, today, n, n2, year.year, year.rel, fiscal or year.fiscal, plain=year.plain)


def _year_in(toks: list[Tok], i: int, j: int) -> YearRef | None:
    t = find(toks, i, j, "Y", "YYA", "YY")
    return None if t is None else _yearref(t)


def _b_year(toks: list[Tok], i: int, j: int, today: date) -> Tok:
    return _dated(toks, i, j, _with_year("year", today, _yearref(toks[i])))


def _b_part(kind: str) -> Builder:
    """Halves and quarters, however written."""
    top = 2 if kind == "half" else 4

    def build(toks: list[Tok], i: int, j: int, today: date) -> Tok:
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
            fiscal = fiscal or "fiscal" in k or "FP" in k
        return _dated(toks, i, j, _with_year(kind, today, year, fiscal, n))

    return build


def _b_two_quarters(toks: list[Tok], i: int, j: int, today: date) -> Tok:
    n = 1 if _said(toks, i, j, "first") else 2
    return _dated(toks, i, j, _with_year("half", today, _year_in(toks, i, j), n=n))


def _b_block(size: int, rel: int) -> Builder:
    def build(toks: list[Tok], i: int, j: int, today: date) -> Tok:
        fiscal = _said(toks, i, j, "fiscal")
        return _dated(toks, i, j, Spec("block", today, size, 0, None, rel, fiscal))

    return build


def _b_month(toks: list[Tok], i: int, j: int, today: date) -> Tok:
    month = find(toks, i, j, "MONTH")
    assert month is not None and isinstance(month.val, int)
    return _dated(toks, i, j, _with_year("month", today, _year_in(toks, i, j), n=month.val))


def _b_months(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
    months = [t.val for t in toks[i:j] if "MONTH" in t.keys]
    first, last = months[0], months[-1]
    assert isinstance(first, int) and isinstance(last, int)
    if first >= last:
        return None
    year = _year_in(toks, i, j)
    return _dated(toks, i, j, _with_year("months", today, year, n=first, n2=last))


def _b_month_to_month(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
    """'July 2025 to June 2026', 'Oct 2024 - Sep 2025': the months of a quarter, half, nine months or year
    from one to the other, across years."""
    months = [t.val for t in toks[i:j] if "MONTH" in t.keys]
    years = [_yearref(t).year for t in toks[i:j] if not t.keys.isdisjoint(("Y", "YYA", "YY"))]
    if len(months) != 2 or len(years) != 2 or years[0] is None or years[1] is None:
        return None
    first, last = months
    assert isinstance(first, int) and isinstance(last, int)
    n = (years[1] - years[0]) * 12 + last - first + 1
    if n not in (3, 6, 9, 12):
        return None  # (a reporting period; "December 2025 through March 2026" is a span from one month to another)
    return _dated(toks, i, j, Spec("months_to", today, n, last, years[1]))


def _b_day(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
    month = find(toks, i, j, "MONTH")
    day = next(
        (t for t in toks[i:j] if "Y" not in t.keys and "MONTH" not in t.keys and not t.keys.isdisjoint(("NUM", "ORD"))),
        None,
    )
    # "September 30, 2025": the four-digit year, never the day read as a two-digit one
    full = find(toks, i, j, "Y", "YYA")
    year = _yearref(full) if full is not None else _year_in(toks, i, j)
    if month is None or day is None or year is None or not isinstance(day.val, int):
        return None
    assert isinstance(month.val, int)
    return _dated(toks, i, j, _with_year("day", today, year, n=month.val, n2=day.val))


def _b_first_months(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
    """'the first nine months of 2025', '9M 2025': January to the nth month."""
    t = find(toks, i, j, "NUM", "NM")
    n = t.val if t is not None and isinstance(t.val, int) else 0
    if not 1 <= n <= 12:
        return None
    year = _year_in(toks, i, j)
    if year is not None and (year.fiscal or _said(toks, i, j, "fiscal")):  # "9M FY2026": of the fiscal year
        return _dated(toks, i, j, _with_year("ytd_to", today, year, fiscal=True, n=n))
    return _dated(toks, i, j, _with_year("months", today, year, n=1, n2=n))


def _b_first_months_of(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
    """'9M25': the first nine months of 2025."""
    n, year = cast("tuple[int, YearRef]", toks[i].val)
    return _dated(toks, i, j, _with_year("months", today, year, n=1, n2=n))


def _b_spans_ended(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
    """'the four quarters ended 27 December 2025' (12 months), '52 weeks ended ...' (a year)."""
    count = find(toks, i, j, "NUM")
    month = find(toks, i, j, "MONTH")
    full = find(toks, i, j, "Y", "YYA")
    if count is None or month is None or full is None or not isinstance(count.val, int):
        return None
    n = count.val * 3 if _said(toks, i, j, "quarters") else round(count.val / 52 * 12) if count.val >= 50 else 0
    year = _yearref(full)
    if not 3 <= n <= 24 or not isinstance(month.val, int) or year.year is None:
        return None
    return _dated(toks, i, j, Spec("months_to", today, n, month.val, year.year))


def _b_months_ended(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
    """'the nine months ended September 30, 2025': the n months up to that month, in its year."""
    count = find(toks, i, j, "NUM")
    month = find(toks, i, j, "MONTH")
    if count is None or month is None or not isinstance(count.val, int) or not isinstance(month.val, int):
        return None
    n, last = count.val, month.val
    if not 1 <= n <= 24:
        return None
    full = find(toks, i, j, "Y", "YYA")
    year = _yearref(full) if full is not None else _year_in(toks, i, j)
    if year is None or year.year is None:
        return None
    return _dated(toks, i, j, Spec("months_to", today, n, last, year.year))


def _months_ended(n: int) -> Builder:
    """'the half-year to June 2025' (6), 'the (fiscal) year ended January 2025' (12): the n months
    up to that month."""

    def build(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
        month = find(toks, i, j, "MONTH")
        # "June 30, 2025": the year is the four digits, never the day; a two-digit year is the last number
        full = find(toks, i, j, "Y", "YYA") or next((t for t in reversed(toks[i:j]) if "YY" in t.keys), None)
        if month is None or full is None or not isinstance(month.val, int):
            return None
        year = _yearref(full)
        if year.year is None:
            return None
        return _dated(toks, i, j, Spec("months_to", today, n, month.val, year.year))

    return build


_b_quarter_ended = _months_ended(3)


def _b_month_quarter(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
    """'the June quarter of fiscal 2025', 'june qtr, fy25': the quarter ending in that month; in a
    fiscal year, the month of that fiscal year (Microsoft's June quarter of FY25 is Apr-Jun 2025)."""
    month = find(toks, i, j, "MONTH")
    year = _year_in(toks, i, j)
    if month is None or not isinstance(month.val, int):
        return None
    if year is None:
        return _dated(toks, i, j, Spec("months_to", today, 3, month.val, implicit=True))
    if year.year is None:
        return None
    fiscal = year.fiscal or _said(toks, i, j, "fiscal")
    return _dated(toks, i, j, Spec("months_to", today, 3, month.val, year.year, fiscal=fiscal))


_b_half_ended = _months_ended(6)
_b_year_ended = _months_ended(12)


def _b_ytd(toks: list[Tok], i: int, j: int, today: date) -> Tok:
    year = _year_in(toks, i, j)
    fiscal = _said(toks, i, j, "fiscal") or _said(toks, i, j, "fytd")
    if year is None or year.year is None:
        return _dated(toks, i, j, Spec("ytd", today, fiscal=fiscal))
    return _dated(toks, i, j, Spec("ytd", today, year=year.year))


def _count(toks: list[Tok], i: int, j: int, default: int = 1) -> int:
    t = find(toks, i, j, "NUM")
    return t.val if t is not None and isinstance(t.val, int) else default


def _b_trailing(kind: str, default: int = 0) -> Builder:
    def build(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
        n = _count(toks, i, j, default)
        if not 0 < n <= (120 if kind == "trailing_months" else 40):
            return None
        return _dated(toks, i, j, Spec(kind, today, n, fiscal=_said(toks, i, j, "fiscal")))

    return build


def _b_trailing_nm(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
    t = find(toks, i, j, "NM")
    n = t.val if t is not None and isinstance(t.val, int) else 0
    if not 0 < n <= 120:
        return None
    return _dated(toks, i, j, Spec("trailing_months", today, n))


def _b_years_ahead(role: str) -> Builder:
    def build(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
        n = _count(toks, i, j)
        if not 0 < n <= 100:
            return None
        return _dated(toks, i, j, Spec("year", today, rel=n), role)

    return build


def _b_years_ago(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
    n = _count(toks, i, j)
    if n == 1:
        return _b_relprev(toks, i, j, today)
    if not 1 < n <= 100:
        return None
    return _dated(toks, i, j, Spec("year", today, rel=-n))


def _b_now(toks: list[Tok], i: int, j: int, today: date) -> Tok:
    return _dated(toks, i, j, Spec("year", today))


def _b_end(toks: list[Tok], i: int, j: int, today: date) -> Tok:
    return _dated(toks, i, j, _with_year("year", today, _year_in(toks, i, j) or YearRef(None)))


def _b_vague(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
    if "soon" in toks[i].keys and i and "as" in toks[i - 1].keys:
        return None  # "as soon as"
    return _atom_tok(toks, i, j, Atom(None, "vague"))


def _b_relprev(toks: list[Tok], i: int, j: int, today: date) -> Tok:
    t = find(toks, i, j, "Y")
    fiscal = t is not None and isinstance(t.val, YearRef) and t.val.fiscal
    return _atom_tok(toks, i, j, Atom(None, "relprev", fiscal, "relative_previous"))


def _b_same_in(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
    """'the same nine months of 2024': the months of the period it is set against, in that year
    (placed by ``question_periods.anchored``; on its own, the whole year)."""
    year = _year_in(toks, i, j)
    if year is None or year.year is None:
        return None
    fiscal = year.fiscal or _said(toks, i, j, "fiscal")
    return _dated(toks, i, j, Spec("same", today, year=year.year, fiscal=fiscal, implicit=True))


_NOT_A_YEAR_AFTER = frozenset({"%", "percent", "pct", "pp", "bps", "bn", "b", "billion", "m", "mn", "million", "x",
                               "times", "t", "tn", "trillion", "points", "pts", "$", "."})  # fmt: skip


def _b_by_two_digits(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
    """'by 32', 'thru 30': a two-digit year after a word of time, if it is one still to come (and no
    amount: "up by 32%")."""
    t = toks[j - 1]
    if not isinstance(t.val, int) or not today.year % 100 < t.val < 50:
        return None
    if j < len(toks) and not toks[j].keys.isdisjoint(_NOT_A_YEAR_AFTER):
        return None
    return _dated(toks, j - 1, j, _with_year("year", today, YearRef(2000 + t.val)))


def _b_year_before(toks: list[Tok], i: int, j: int, today: date) -> Tok | None:
    if j < len(toks) and not toks[j].keys.isdisjoint(("Y", "NUM", "A", "MONTH", "H", "Q")):
        return None  # "the year before 2030": 'before 2030' is a deadline
    return _b_relprev(toks, i, j, today)


_OH = "ORD|ORDLAST|ORDH"  # first / second / last / back half
_OQ = "ORD|ORDLAST"  # third / last quarter
_SAME = "period|quarter|quarters|half|month|months|time|level|levels|figure|figures|stretch|span|window|timeframe"
_TAIL = _SAME + "|comparison|comparable|equivalent|number|numbers"
L2 = Rules([
    # years: 2025, FY25, fiscal 2025, CY2025, this year, next fiscal year
    ("Y", _b_year),
    ("YYA", _b_year),  # "capex '24"
    ("by|thru|through|until|till YY", _b_by_two_digits),  # "will ai add more than 200B to digital ads by 32"
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
    ("fiscal -? HY", _b_part("half")),  # "fiscal 1Q26": of the fiscal year
    ("HY", _b_part("half")),
    ("Y H", _b_part("half")),
    ("fiscal? H", _b_part("half")),
    (f"the? Y '? s? fiscal? {_OH} -? half", _b_part("half")),
    (f"the? fiscal? {_OH} -? half ,? of? the|its|their? Y", _b_part("half")),
    (f"the? fiscal? {_OH} -? half of the year", _b_part("half")),
    ("the? fiscal? ORD|ORDH -? half", _b_part("half")),
    ("the? first|last two|2 quarters|quarter ,? of? the? Y", _b_two_quarters),
    ("the? first two|2 quarters", _b_two_quarters),
    ("the? first|last two|2 quarters of the year", _b_two_quarters),
    ("the? first|last six|6 months ,? of? the? Y", _b_two_quarters),
    ("the? first|last six|6 months of the year", _b_two_quarters),
    ("the? first six|6 months", _b_two_quarters),
    ("the? this|current fiscal? half", _b_block(6, 0)),
    ("the? last|previous|prior fiscal? half", _b_block(6, -1)),
    ("the? next fiscal? half", _b_block(6, 1)),
    # quarters
    ("fiscal? Q ,? of? the|its|their? Y", _b_part("quarter")),  # "Q1 of its fiscal 2026"
    ("fiscal? Q YYA|YY", _b_part("quarter")),
    ("fiscal -? QY", _b_part("quarter")),  # "fiscal 1Q26": of the fiscal year
    ("QY", _b_part("quarter")),
    ("Y Q", _b_part("quarter")),
    ("fiscal? Q", _b_part("quarter")),
    (f"the? Y '? s? fiscal? {_OQ} -? fiscal? quarter", _b_part("quarter")),
    (f"the? fiscal? {_OQ} -? fiscal? quarter ,? of? the|its|their? Y", _b_part("quarter")),
    (f"the? {_OQ} calendar quarter ,? of? Y", _b_part("quarter")),  # "the first calendar quarter of 2026"
    (f"the? fiscal? {_OQ} -? fiscal? quarter of the year", _b_part("quarter")),
    ("the? fiscal? ORD -? fiscal? quarter", _b_part("quarter")),
    ("the? this|current fiscal? quarter", _b_block(3, 0)),
    ("the? last|previous|prior fiscal? quarter", _b_block(3, -1)),
    ("the? next fiscal? quarter", _b_block(3, 1)),
    ("the? last|past|previous|prior|trailing NUM fiscal? quarters", _b_trailing("trailing_quarters")),
    # months
    ("MONTH .? ,? Y|YYA -|to|through|thru|until|till MONTH .? ,? Y|YYA", _b_month_to_month),
    ("MONTH -|'|/ YY -|to|through|thru|until|till|– MONTH -|'|/ YY", _b_month_to_month),  # "Jul-24 to Jun-25"
    # "the Sept-25 quarter", "Dec-2025 qtr": the quarter that ends in that month
    ("the? MONTH -|'|/ YY|Y quarter|qtr", _b_month_quarter),
    ("MONTH .? ,? of? Y|YYA", _b_month),
    ("MONTH -|'|/ YY", _b_month),  # "Sep-25", "Jun '24": a month of a two-digit year
    ("MONTH -|/ Y", _b_month),  # "Dec-2025 quarter", "Mar/2026"
    ("MONTH .? NUM|ORD ,? Y", _b_day),
    ("NUM|ORD MONTH .? ,? Y", _b_day),
    ("MONTH .? -|to|through|thru|until|till MONTH .? ,? of? Y|YYA", _b_months),
    ("between MONTH .? and|& MONTH .? ,? of? Y|YYA", _b_months),  # "between July and September 2025"
    ("MONTH .? -|to|through|thru MONTH", _b_months),
    ("the? this|current month", _b_block(1, 0)),
    ("the? last|previous|prior month", _b_block(1, -1)),
    ("the? next month", _b_block(1, 1)),
    ("the? first NUM months ,? of? the? Y", _b_first_months),
    ("NM ,? of? Y|YYA", _b_first_months),
    ("NMY", _b_first_months_of),
    ("the? NUM months ended|ending|to|through MONTH .? NUM? ,? Y", _b_months_ended),
    ("the? NUM months ended|ending|to|through NUM|ORD MONTH ,? Y", _b_months_ended),  # "... ended 30 June 2025"
    # "the four quarters ended 27 December 2025", "52 weeks ended 27 September 2025": whole months to then
    ("the? NUM quarters|weeks ended|ending|to|through NUM|ORD? MONTH .? NUM? ,? Y", _b_spans_ended),
    ("the? half -? year ended|ending|to|through MONTH .? NUM? ,? Y", _b_half_ended),
    ("the? fiscal? year ended|ending|through MONTH .? NUM? ,? Y", _b_year_ended),
    # "the june-2025 year end", "the Sep '25 fiscal year-end": the twelve months to that month
    ("the? MONTH -|'|/ Y|YY|YYA fiscal? year -? end|ending|ended", _b_year_ended),
    ("the? fiscal? year that|which ended|ends|closed in? late|early|mid? MONTH .? NUM? ,? Y", _b_year_ended),
    ("the? fiscal? quarter|qtr ended|ending|to|through late|early|mid? MONTH .? NUM? ,? Y", _b_quarter_ended),
    ("the? fiscal? quarter|qtr that|which ended|ends in|on? late|early|mid? MONTH .? NUM? ,? Y", _b_quarter_ended),
    ("the? fiscal? quarter|qtr that|which? ended|ending|ends on? NUM|ORD MONTH ,? Y", _b_quarter_ended),
    # "the June quarter of fiscal 2025"
    ("the? MONTH quarter|qtr ,? of|in? the|its? fiscal Y|YYA|YY", _b_month_quarter),
    ("the? MONTH quarter|qtr ,? of|in? the|its? Y", _b_month_quarter),
    ("the? MONTH -? quarter|qtr '|-|/ YY|YYA|Y", _b_month_quarter),  # "Jan-qtr'26", "Dec-qtr-25"
    ("the? MONTH -? quarter|qtr YYA", _b_month_quarter),
    ("the? MONTH -? quarter|qtr", _b_month_quarter),  # "june qtr capex, fy25": the year comes from beside it
    ("the? fiscal? year ended|ending|through|to NUM|ORD MONTH ,? Y", _b_year_ended),  # "the year to 30 June 2025"
    ("the? fiscal? year ended|ending|through|to late|early|mid? MONTH .? NUM? ,? Y", _b_year_ended),
    ("the? fiscal? year ended|ending|through|to late|early|mid? MONTH -|'|/ YY", _b_year_ended),
    ("the? fiscal? year ended|ending|through|to late|early|mid? MONTH YYA", _b_year_ended),
    # to date, trailing
    ("ytd|fytd", _b_ytd),
    ("fiscal? year -? to -? date", _b_ytd),
    ("Y ytd|fytd", _b_ytd),
    ("ytd|fytd Y", _b_ytd),
    ("Y year -? to -? date", _b_ytd),
    ("ltm|ttm", _b_trailing("trailing_months", 12)),
    ("the? last|past|trailing|prior -? NM", _b_trailing_nm),  # "trailing-12m"
    ("the? last|past|trailing|previous|prior -? NUM -? months|month", _b_trailing("trailing_months")),
    # vague
    ("in|within a? few|couple|several of? years|yrs '? s? time?", _b_vague),  # ("in few years": a non-native's)
    ("a few|couple of? years from now", _b_vague),
    ("a? few|couple|several of? years|yrs out|ahead|hence", _b_vague),  # "AI's share a few years out"
    ("in|within|over|during the next|coming few|couple|several of? years", _b_vague),
    ("in|within|over|during the? coming|next years", _b_vague),
    ("in|over the years ahead", _b_vague),
    ("in|over the years to come", _b_vague),
    ("in the near future", _b_vague),
    ("soon", _b_vague),
    # the previous period: resolved by the caller against the period it follows
    (f"the? same {_SAME} ,? of|in? the? YPREV", _b_relprev),
    (f"the? same NUM|ORD? -? {_SAME} ,? of|in the? fiscal? Y|YYA", _b_same_in),  # "the same nine months of 2024"
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
