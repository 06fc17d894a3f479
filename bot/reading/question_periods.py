"""The periods a question asks about, read in the named company's own calendar: fiscal
quarters and halves, months and quarters named by their last month, trailing years, a year
written twice, the latest or last few periods of a kind."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from kg.fiscal import company_period
from kg.knowledge import Knowledge
from kg.periods import Period, month_end

from .operands import Operand
from .period_words import resolve
from .periods import PeriodMention, resolve_fiscal

QUARTERLY = re.compile(r"\b(?:quarterly|by quarter|quarter by quarter|quarter-by-quarter|each quarter of)\b", re.I)


YEARLY = re.compile(r"\b(?:yearly|by year|year by year|year-by-year|annual figures)\b", re.IGNORECASE)


SAME_PERIOD = re.compile(
    r"\bsame (?:(?:\w+|\d+)[- ])?(?:period|quarter|quarters|half|time|months?|window|stretch|timeframe|time frame"
    r"|q|qtr|h)\b",
    re.IGNORECASE,
)


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
                m = replace(m, period=company_days(k, company, m.period, end_month))
        elif weeks and fiscal_quarter_months(m.period, end_month):
            # "Apple's September 2025 quarter": the fiscal quarter with those months, on its own days
            assert m.period is not None
            m = replace(m, period=company_days(k, company, m.period, end_month))
        out.append(m)
    return out


def said_again_as_fiscal(k: Knowledge, company: str | None, mentions: list[PeriodMention]) -> list[PeriodMention]:
    """'Microsoft 1Q26 capex — the Sept-25 quarter': a period written without "fiscal" that another
    period of the question restates in the company's fiscal reading is that fiscal period, named once."""
    e = k.entities.get(company) if company else None
    if e is None or e.fiscal_end_month == 12 or len(mentions) != 2:
        return mentions
    first, second = mentions
    spec = first._spec
    if first.fiscal or spec is None or spec.kind not in ("quarter", "half", "year") or second.period is None:
        return mentions
    as_fiscal = fiscal_mentions(k, company, [replace(first, fiscal=True, _spec=spec._replace(fiscal=True))])[0]
    if as_fiscal.period is None or as_fiscal.period == first.period:
        return mentions
    same = as_fiscal.period.start == second.period.start and as_fiscal.period.end == second.period.end
    near = (
        as_fiscal.period.end is not None
        and second.period.end is not None
        and as_fiscal.period.months == second.period.months
        and abs((as_fiscal.period.end - second.period.end).days) <= 7
    )
    # (both kept, one period: the mentions stay parallel to those written)
    return [as_fiscal, replace(second, period=as_fiscal.period)] if same or near else mentions


QUARTER_AFTER = re.compile(r"^\s*[-‐]?\s*(?:quarter|qtr)\b", re.IGNORECASE)


QUARTER_BEFORE = re.compile(
    r"\b(?:quarter|qtr|three months)\s+(?:that\s+|which\s+)?(?:end(?:ed|ing|s)?|to|through)\s+(?:in\s+)?$", re.I
)


def fiscal_quarter_months(p: Period | None, end_month: int) -> bool:
    return p is not None and p.start is not None and p.months == 3 and (p.start.month - end_month - 1) % 3 == 0


#: "the four quarters ending Mar, Jun, Sep and Dec 2024": several quarters named by their last months
QUARTERS_ENDING = re.compile(
    r"\bquarters\s+(?:that\s+|which\s+)?(?:end(?:ed|ing|s)?|to|through)\s+(?:in\s+)?"
    r"((?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:and\s+|&\s+)?)+)$",
    re.IGNORECASE,
)


def month_quarters(text: str, mentions: list[PeriodMention]) -> list[PeriodMention]:
    """'the Sept 2025 quarter', 'the quarter ended June 2025': the three months ending that month;
    'the quarters ending Mar, Jun, Sep and Dec 2024': from the first of them to the last."""
    out = []
    for m in mentions:
        p = m.period
        several = QUARTERS_ENDING.search(text[: m.start])
        if several and p is not None and p.start is not None and p.end is not None and p.months == 1:
            first = MONTH_NUMBER[several.group(1).strip()[:3].lower()]
            start = three_months_to(p.start.year, first).start if first <= p.start.month else None
            if start is not None:
                out.append(replace(m, period=Period.from_dates(start, p.end)))
                continue
        quarter_word = QUARTER_AFTER.match(text[m.end :]) or QUARTER_BEFORE.search(text[: m.start])
        one_month_or_day = p is not None and (p.months == 1 or p.start == p.end)  # "quarter ended January 26, 2025"
        if p is not None and p.start is not None and p.end is not None and one_month_or_day and quarter_word:
            m = replace(m, period=three_months_to(p.start.year, p.start.month))
        elif p is not None and p.start is not None and p.kind == "year":
            # "March qtr 2025": the month and the quarter word stand before the year
            before = MONTH_QUARTER.search(text[: m.start])
            if before:
                m = replace(m, period=three_months_to(p.start.year, MONTH_NUMBER[before.group(1)[:3].lower()]))
        out.append(m)
    return out


MONTH_NUMBER = {
    m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
}


MONTH_QUARTER = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*[-‐]?\s*(?:quarter|qtr)\s+(?:of\s+)?$", re.I
)


def three_months_to(year: int, month: int) -> Period:
    """The three months ending with ``month`` of ``year`` (a quarter named by its last month)."""
    first = date(year - (1 if month <= 2 else 0), (month - 3) % 12 + 1, 1)
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return Period.from_dates(first, last)


def company_days(k: Knowledge, company: str, p: Period, end_month: int) -> Period:
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


TTM = re.compile(
    r"\b(?:ttm|ltm)\b|\b(?:trail+ing|traling|last|past|rolling)[\s-]+(?:twelve|12)[- ]?(?:months?|mos?|m)\b"
    r"|\b(?:twelve|12)[- ]?(?:months?|mos?|m)\s+(?:to|ending|ended|through|thru|until|up to)\b",
    re.IGNORECASE,
)


def trailing_year(
    text: str, mentions: list[PeriodMention], k: Knowledge, subjects: list[str], today: date
) -> Period | None:
    """'amzn ttm capex thru 1q26', '12 months to March 2026': the twelve months ending with the period
    named, on the days the company's own figures use; with none named, its latest quarter's end."""
    if not TTM.search(text):
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


LATEST = re.compile(r"\b(?:latest|most recent|last reported|newest|most up[- ]to[- ]date)\b", re.IGNORECASE)


YEAR_WORD = re.compile(r"\b(?:fiscal year|full[- ]year|annual|year|(?:full\s+)?fy|yr)\b", re.IGNORECASE)


QUARTER_WORD = re.compile(r"\b(?:quarter|qtr|q)\b", re.IGNORECASE)


LAST_N = re.compile(
    r"\b(?:last|past|previous|prior|latest|trailing)\s+(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?:fiscal\s+|full\s+|calendar\s+)?(years|quarters)\b",
    re.IGNORECASE,
)


COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


#: "from the quarterly filings", "the annual reports": which documents, not the grain of the figures
_DOCUMENTS = re.compile(
    r"\b(?:quarterly|annual|yearly)\s+(?:filings?|reports?|10-?[qk]s?|statements?|releases?|results|data)\b", re.I
)


def granularity_in(text: str) -> str | None:
    text = _DOCUMENTS.sub(" ", text)
    if QUARTERLY.search(text):
        return "quarter"
    if YEARLY.search(text):
        return "year"
    if LATEST.search(text):  # "the most recent fiscal year", "latest quarter"
        return "quarter" if QUARTER_WORD.search(text) else "year" if YEAR_WORD.search(text) else None
    return None


def last_n_in(text: str) -> tuple[str, int] | None:
    m = LAST_N.search(text)
    if m is None:
        return None
    n = COUNT_WORDS.get(m.group(1).lower()) or int(m.group(1))
    return ("quarter" if m.group(2).lower() == "quarters" else "year", n)


def own_calendars(
    k: Knowledge, operands: list[Operand], written: list[PeriodMention], resolved: list[PeriodMention]
) -> list[Operand]:
    """'Apple FY25, Microsoft FY25, Nvidia FY26': each company's fiscal period in its own calendar."""
    out = []
    for o in operands:
        if o.subject is not None and o.period is not None and o.subject in k.entities:
            # the mention the operand's period came from is the nearest with that period ("Microsoft's FQ2
            # 2026 and Alphabet's Q4 2025": the same months, but only Microsoft's is fiscal)
            same = [(w, r) for w, r in zip(written, resolved, strict=True) if r.period == o.period]
            if same:
                # (one written after the name first: "Microsoft did in its fiscal 2025")
                w, _r = min(same, key=lambda wr: (wr[1].start < o.start, abs(wr[1].start - o.start)))
                if w.fiscal:
                    own = fiscal_mentions(k, o.subject, [w])[0].period
                    o = replace(o, period=own or o.period)
        out.append(o)
    return out


def yearless_in(mentions: list[PeriodMention]) -> tuple[str, int, bool] | None:
    specs = [m._spec for m in mentions]
    if len(specs) == 1 and specs[0] is not None and specs[0].implicit and specs[0].kind in ("quarter", "half"):
        return specs[0].kind, specs[0].n, specs[0].fiscal
    if len(specs) == 1 and specs[0] is not None and specs[0].implicit and specs[0].kind == "months_to":
        return "months_to", specs[0].n2, specs[0].fiscal  # "the June quarter": the one ending in June
    return None


def anchored(mentions: list[PeriodMention]) -> list[PeriodMention]:
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
        if spec is not None and spec.kind == "same" and spec.year is not None:
            # "9M to September 2025 ... the same nine months of 2024": the period it is set against, in that year
            spec = dated._replace(year=spec.year, rel=0)
            out.append(replace(m, period=resolve(spec, 12), fiscal=spec.fiscal, _spec=spec))
            continue
        if spec is not None and spec.kind == "block" and spec.rel != 0 and anchor is not None and anchor.start:
            # "Q4 2025 capex vs the prior quarter": the quarter before Q4 2025, not before today
            first = anchor.start.year * 12 + anchor.start.month - 1 + spec.rel * spec.n
            sy, sm = divmod(first, 12)
            ey, em = divmod(first + spec.n - 1, 12)
            shifted = Period.from_dates(date(sy, sm + 1, 1), month_end(ey, em + 1))
            out.append(replace(m, period=shifted))
            continue
        restated = spec is not None and spec.implicit and spec.kind == "months" and dated.fiscal
        if restated and spec is not None and (spec.n2 - spec.n) % 12 + 1 == {"half": 6, "quarter": 3}.get(dated.kind):
            continue  # "msft 1H FY26 capex - jul thru dec": the fiscal half, said again in months
        if spec is not None and spec.implicit and spec.kind in ("quarter", "half", "months", "month", "months_to"):
            # "(jul-sep)" after "calendar q3 2024" restates it; months are never fiscal, but "the June
            # quarter ... FY25" is the June of that fiscal year
            fiscal = (spec.fiscal or dated.fiscal) and spec.kind in ("quarter", "half", "months_to")
            spec = spec._replace(year=dated.year, rel=dated.rel, implicit=False, fiscal=fiscal)
            m = replace(m, period=resolve(spec, 12), fiscal=spec.fiscal, _spec=spec)
        out.append(m)
    return out


def narrowest(periods: list[Period]) -> list[Period]:
    """'Sep-quarter FY25 (Q4 FY25)': a period inside another named one is the one meant; others stay."""

    def short(p: Period) -> bool:  # a day or a month
        return p.start is not None and p.end is not None and (p.end - p.start).days <= 31

    spans = [p for p in periods if not short(p)]
    if spans and len(spans) < len(periods):
        # "FY25 (ended 27 Sep 2025)", "FQ1'23, ended Dec 31 2022", "fiscal 2021, which ended in January 2021":
        # a day or a month at a longer period's end says when it ended
        def ends_one(p: Period) -> bool:
            return any(o.end and p.end and abs((o.end - p.end).days) <= 7 for o in spans)

        periods = [p for p in periods if p in spans or not ends_one(p)]
    if len(periods) > 2:
        # "1H capex this year vs 1H last year": a year written right beside a part of it names that part's year
        def inside(x: Period, y: Period) -> bool:
            return None not in (x.start, x.end, y.start, y.end) and y.start <= x.start and x.end <= y.end and x != y  # type: ignore[operator]

        drop = {
            i
            for i, p in enumerate(periods)
            if any(inside(periods[j], p) for j in (i - 1, i + 1) if 0 <= j < len(periods))
        }
        return [p for i, p in enumerate(periods) if i not in drop] if drop else periods
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
