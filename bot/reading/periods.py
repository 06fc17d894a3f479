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
from dataclasses import replace
from datetime import date

from kg.periods import Period

from .period_grammar import L1, L2, Builder, Rules, find
from .period_words import Atom, PeriodMention, Spec, Tok, resolve, tokenize, year_of

__all__ = ["VAGUE_FEW_YEARS", "PeriodMention", "find_periods", "resolve_fiscal"]

#: The period of "in a few years", "in the coming years", "soon" ...
VAGUE_FEW_YEARS = Period.vague("few-years", "within a few years")


# ====================================================================== level 3: roles
_Found = list[tuple[int, int, Atom, str]]


def _atoms(toks: list[Tok], i: int, j: int) -> list[Atom]:
    return [t.val for t in toks[i:j] if "A" in t.keys and isinstance(t.val, Atom)]


def _b_role(role: str) -> Builder:
    def build(toks: list[Tok], i: int, j: int, today: date) -> _Found | None:
        atom = _atoms(toks, i, j)[0]
        if atom.what != "dated":
            return None
        return [(toks[i].start, toks[j - 1].end, atom, role)]

    return build


def _range(first: Tok, last: Tok, a: Atom, b: Atom) -> _Found | None:
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
    pa, pb = resolve(sa, 12), resolve(sb, 12)
    assert pa.start and pa.end and pb.start and pb.end
    if not (pa.start <= pb.start and pa.end <= pb.end) or pa == pb:
        return None
    return [
        (first.start, first.end, a._replace(spec=sa, fiscal=sa.fiscal), "range_start"),
        (last.start, last.end, b._replace(spec=sb, fiscal=sb.fiscal), "range_end"),
    ]


def _b_range(toks: list[Tok], i: int, j: int, today: date) -> _Found | None:
    ends = [t for t in toks[i:j] if "A" in t.keys]
    a, b = ends[0].val, ends[-1].val
    assert isinstance(a, Atom) and isinstance(b, Atom)
    return _range(ends[0], ends[-1], a, b)


def _b_range_yy(toks: list[Tok], i: int, j: int, today: date) -> _Found | None:
    first = find(toks, i, j, "A")
    yy = find(toks, i, j, "YY")
    assert first is not None and yy is not None and isinstance(first.val, Atom)
    spec = first.val.spec
    assert spec is not None and spec.year is not None and isinstance(yy.val, int)
    year = spec.year - spec.year % 100 + yy.val
    end = Atom(spec._replace(year=year, plain=False), "dated", spec.fiscal)
    return _range(first, yy, first.val, end)


def _b_growth_yy(toks: list[Tok], i: int, j: int, today: date) -> _Found | None:
    """'CAGR 25-32', 'growth 24-25': two two-digit years after a word of change (a bare '25-32'
    may be anything else, a range of percentages or of billions)."""
    nums = [t for t in toks[i:j] if "NUM" in t.keys]
    first, last = nums[0], nums[-1]
    if first.end - first.start != 2:  # two digits written, as the second
        return None
    years = [year_of(f"{t.val:02d}") if isinstance(t.val, int) else None for t in (first, last)]
    if None in years or not years[0] < years[1] <= years[0] + 30:  # type: ignore[operator]
        return None
    a, b = (Atom(Spec("year", today, year=y), "dated") for y in years)
    return _range(first, last, a, b)


_CHANGE_WORDS = (
    "cagr", "growth", "grew", "grow", "change", "rise", "increase", "decline", "yoy", "delta", "chg", "step", "steps",
    "linear", "annualised", "annualized",
)  # fmt: skip


def _b_yy_after_change(toks: list[Tok], i: int, j: int, today: date) -> _Found | None:
    """'CAGR hyperscaler capex 25→32': two two-digit years joined by 'to' after a word of change
    written elsewhere in the question."""
    if not any(not t.keys.isdisjoint(_CHANGE_WORDS) for t in toks[:i] + toks[j:]):
        return None
    return _b_growth_yy(toks, i, j, today)


def _ending_with(start: Spec, end: Spec, today: date) -> Atom | None:
    """A year to date or trailing months (``start``) that end with the dated period ``end``: "YTD
    through 3Q25", "trailing twelve months to the end of March 2026"."""
    if end.year is None or end.implicit:
        return None
    fiscal = end.fiscal or start.fiscal
    months = {"quarter": 3 * end.n, "half": 6 * end.n, "month": end.n, "day": end.n, "months_to": end.n2}.get(end.kind)
    if months is None:
        return None
    if start.kind == "ytd" and (not fiscal or end.kind in ("quarter", "half")):
        return Atom(Spec("ytd_to", today, months, 0, end.year, 0, fiscal), "dated", fiscal)
    trailing = {"trailing_months": start.n, "trailing_quarters": 3 * start.n}.get(start.kind)
    if trailing and not fiscal:  # (to a fiscal quarter: its months depend on the company)
        # "the last four quarters through Q1 2026": twelve months to the end of March 2026
        return Atom(Spec("months_to", today, trailing, months, end.year), "dated")
    return None


def _b_to_date_through(toks: list[Tok], i: int, j: int, today: date) -> _Found | None:
    """'YTD through 3Q25', 'year to date to Q3 FY26', 'fiscal YTD as of September 2025': from
    the start of the (fiscal) year to the end of the named quarter, half or month."""
    ytd, end = _atoms(toks, i, j)[0], _atoms(toks, i, j)[-1]
    if ytd.spec is None or ytd.spec.kind not in ("ytd", "trailing_months", "trailing_quarters") or end.spec is None:
        return None
    atom = _ending_with(ytd.spec, end.spec, today)
    return None if atom is None else [(toks[i].start, toks[j - 1].end, atom, "point")]


def _b_year_that_ended(toks: list[Tok], i: int, j: int, today: date) -> _Found | None:
    """'FY26 (ended Jan-26)', 'fiscal year 2026, which ended in June 2026': the year; the month
    it ended in only says which year that is."""
    year, end = _atoms(toks, i, j)[0], _atoms(toks, i, j)[-1]
    if year.spec is None or year.spec.kind != "year" or end.spec is None:
        return None
    if end.spec.kind not in ("month", "day") and not (end.spec.kind == "months_to" and end.spec.n == 12):
        return None  # "FY2025 (the year to 30 June 2025)": the year said again
    return [(toks[i].start, toks[j - 1].end, year, year.role)]


_RANGE_TO = "-|to|through|thru|until|till"
_ENDED = "ended|ending|ends|closed|closing"
_L3 = Rules([
    ("A thru|through|to|till|until|at|as? of? the? end? of? A", _b_to_date_through),
    (f"A ,|(|-? which|that? was? {_ENDED} in|on? A )?", _b_year_that_ended),
    ("A ( i.e.? ,? A )", _b_year_that_ended),  # "FY26 (Jan-26)"; not "fiscal 2026 (July 2025 to June 2026)"
    ("A ,|- i.e.? ,? A", _b_year_that_ended),
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
    ("cagr|growth|grew|change|rise|increase|decline|yoy NUM -|to YY", _b_growth_yy),
    ("NUM to|→ YY", _b_yy_after_change),
    ("NUM - >? YY", _b_yy_after_change),  # "capex 25->32 linear step per yr?"
])  # fmt: skip


# ====================================================================== public API
def _mention(text: str, start: int, end: int, atom: Atom, role: str, fiscal_end_month: int) -> PeriodMention | None:
    period: Period | None = None
    if atom.what == "vague":
        period = VAGUE_FEW_YEARS
    elif atom.spec is not None:
        try:
            period = resolve(atom.spec, fiscal_end_month)
        except (ValueError, OverflowError):
            return None
    return PeriodMention(start, end, text[start:end], period, role, atom.fiscal, atom.what == "vague", atom.spec)


def _to_date_with_its_end(found: _Found, today: date, text: str) -> _Found:
    """'YTD capex at the end of June 2026', 'trailing-twelve-month capex to the end of March 2026': a
    to-date or trailing period, and the one dated period that says where it ends, are one period."""
    loose = [
        f for f in found if f[2].spec is not None and f[2].spec.kind in ("ytd", "trailing_months", "trailing_quarters")
    ]
    ends = [
        f
        for f in found
        if f[3] in ("point", "by")
        and f[2].spec is not None
        and f[2].spec.kind in ("month", "quarter", "half", "day", "months_to")
        and f[2].spec.year is not None
        and not f[2].spec.implicit
    ]
    # (the dated period written after the to-date words: "LTM capex to June 2025", not "1H25" before them)
    ends = [f for f in ends if len(loose) == 1 and f[0] > loose[0][0]][:1]
    if len(loose) != 1 or len(ends) != 1:
        return found
    # ("the 10-Qs only give year-to-date numbers — back out Q2 2025": a sentence apart, no end of it)
    if re.search(r"[.;!?—–]|\s-\s", text[loose[0][1] : ends[0][0]]):
        return found
    # the span stays the to-date words: what stands between ("capex") is still read as names
    (start, end, atom, role), last = loose[0], ends[0][2]
    assert atom.spec is not None and last.spec is not None
    merged = _ending_with(atom.spec, last.spec, today)
    if merged is None:
        return found
    # ("GOOGL 1H26 capex — the year-to-date number through June 2026": other periods stay as written)
    kept = [f for f in found if f is not loose[0] and f is not ends[0]] + [(start, end, merged, role)]
    return sorted(kept, key=lambda f: f[0])  # in text order, as every mention list is


_JOINS = frozenset({"vs", "versus", "v", "and", "or", "against", "to", "-", "with", "than"})


def _fiscal_carried(toks: list[Tok]) -> list[Tok]:
    """'fiscal 1Q26 vs 1Q25': the second quarter, set against the first, is fiscal too."""
    out, fiscal = list(toks), False
    for i, t in enumerate(toks):
        part = not t.keys.isdisjoint(("QY", "HY"))
        if part and i and "fiscal" in toks[i - 1].keys:
            fiscal = True
        elif part and fiscal and i and not toks[i - 1].keys.isdisjoint(_JOINS):
            out[i] = Tok(t.keys | {"FP"}, t.start, t.end, t.val)
    return out


def find_periods(text: str, *, today: date, fiscal_end_month: int = 12) -> list[PeriodMention]:
    """The period expressions of ``text``, in text order.

    ``today`` anchors relative expressions ("last year", "this quarter", "YTD");
    ``fiscal_end_month`` is the last month of the fiscal year for "FY25", "fiscal Q3"
    (use :func:`resolve_fiscal` when the company is known only later). Never raises
    on any text.
    """
    if not isinstance(fiscal_end_month, int) or not 1 <= fiscal_end_month <= 12:
        raise ValueError(f"fiscal_end_month must be 1-12, not {fiscal_end_month!r}")
    toks = _fiscal_carried(tokenize(text))
    if not toks:
        return []
    toks = L1.rewrite(toks, today)
    toks = L2.rewrite(toks, today)
    found: _Found = []
    used: set[int] = set()
    for i, j, value in _L3.candidates(toks, today):
        assert isinstance(value, list)
        found.extend(value)
        used.update(range(i, j))
    for i, t in enumerate(toks):
        if i not in used and "A" in t.keys and isinstance(t.val, Atom):
            found.append((t.start, t.end, t.val, t.val.role))
    found.sort(key=lambda f: f[0])
    found = _to_date_with_its_end(found, today, text)
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
    return replace(mention, period=resolve(mention._spec, fiscal_end_month))
