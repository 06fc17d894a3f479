"""Periods of follow-ups: the period a follow-up means, placed by the previous question's ("prior FY?",
"the following quarter", "the Dec quarter" inside a year, the same shift on a company's 52/53-week days)."""

from __future__ import annotations

import re
from datetime import date

from kg.fiscal import company_period, fiscal_calendar
from kg.knowledge import Knowledge
from kg.periods import Period, month_end

from .question_periods import three_months_to
from .understand import Query

__all__ = [
    "NEXT_TO_LAST",
    "UNIT_MONTHS",
    "YEAR_WRITTEN",
    "known_days",
    "part_of",
    "prior_to_last",
    "quarter_within",
    "shifted",
    "two_periods",
    "year_apart",
]

YEAR_WRITTEN = re.compile(r"\b(?:19|20)\d{2}\b|\b(?:fy|cy|f)\s*'?\d{2}\b", re.IGNORECASE)
#: "prior FY", "the previous year", "preceding fiscal year": before a period already given
_PRIOR_TO_LAST = re.compile(
    r"\b(?:prior|previous|preceding)\s+(?:fiscal\s+|calendar\s+)?(?:year|yr|fy)\b|\byear\s+before\b", re.IGNORECASE
)


def known_days(k: Knowledge | None, subject: str | None, p: Period) -> Period:
    """A shifted period on the days the subject's own figures use (52/53-week years move by days)."""
    if k is None or subject is None or p.start is None or p.end is None:
        return p
    for q in k.by_quantity:
        o = q.period
        near = o.start is not None and o.end is not None and abs((o.start - p.start).days) <= 7
        if q.subject == subject and near and o.end is not None and abs((o.end - p.end).days) <= 7:
            return o
    return p


def year_apart(earlier: Query | None, previous: Query) -> list[Period] | None:
    """The two periods, earlier first, when the last two questions asked one series a year apart."""
    if earlier is None or len(earlier.periods) != 1 or len(previous.periods) != 1:
        return None
    if earlier.subjects != previous.subjects or earlier.metric != previous.metric:
        return None
    a, b = sorted((earlier.periods[0], previous.periods[0]), key=lambda p: p.start or date.min)
    if a.start is None or b.start is None or not 350 <= (b.start - a.start).days <= 380:
        return None
    return [a, b]


def two_periods(earlier: Query | None, previous: Query) -> list[Period] | None:
    """The two periods, earlier first, when the last two questions asked one series at two periods
    ("hyperscaler capex 2025?", "and 2032?", "so how much higher is that?")."""
    if earlier is None or len(earlier.periods) != 1 or len(previous.periods) != 1:
        return None
    if earlier.subjects != previous.subjects or earlier.metric != previous.metric or previous.metric is None:
        return None
    a, b = sorted((earlier.periods[0], previous.periods[0]), key=lambda p: p.start or date.min)
    # ("training's share now?", "and by 2032?": the source's own present, which it names without a year)
    if a == b or b.is_vague or (a.is_vague and a.key in ("", "few-years")):
        return None
    return [a, b]


def part_of(k: Knowledge | None, subject: str | None, base: Period, part: tuple[str, int, bool]) -> Period | None:
    """Quarter or half ``n`` of the (fiscal) year ``base`` falls in, in the subject's own calendar."""
    kind, n, _ = part
    if base.end is None or k is None:
        return None
    if subject is not None and subject in k.entities and k.entities[subject].kind == "company":
        year = fiscal_calendar(k, subject).year_of(base.end)
        if kind == "quarter":
            return company_period(k, subject, year, n)
        return company_period(k, subject, year, half=n)
    year = base.end.year
    return Period.quarter(year, n) if kind == "quarter" else Period.half(year, n)


_MONTH_QTR = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*[-‐]?\s*(?:quarter|qtr)\b", re.IGNORECASE
)


def quarter_within(text: str, p: Period) -> Period | None:
    """The quarter ending in the month the text names, inside ``p`` (None when it names none there)."""
    m = _MONTH_QTR.search(text)
    if m is None or p.start is None or p.end is None:
        return None
    month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].index(
        m.group(1).lower()
    ) + 1
    for year in (p.end.year, p.end.year - 1):
        q = three_months_to(year, month)
        if q.start is not None and q.end is not None and p.start <= q.start and q.end <= p.end:
            return q
    return None


def prior_to_last(text: str) -> bool:
    """'prior FY?', 'and the previous year?': a period only the previous question's period places."""
    return bool(_PRIOR_TO_LAST.search(text) or NEXT_TO_LAST.search(text)) and not YEAR_WRITTEN.search(text)


#: "the following fiscal year", "the year after": after a period already given
NEXT_TO_LAST = re.compile(
    r"\b(?:following|subsequent|succeeding)\s+(?:fiscal\s+|calendar\s+)?(?P<unit>year|yr|fy|quarter|qtr|half)\b"
    r"|\b(?P<unit2>year|quarter|half)\s+after\b",
    re.I,
)
UNIT_MONTHS = {"year": 12, "yr": 12, "fy": 12, "quarter": 3, "qtr": 3, "half": 6}


def shifted(base: Period, months: int) -> Period:
    """The period of the same length ``months`` later (a quarter, a half or a year on)."""
    assert base.start is not None and base.end is not None
    if months % 12 == 0:
        return base.shift_years(months // 12)
    first = base.start.year * 12 + base.start.month - 1 + months
    last = base.end.year * 12 + base.end.month - 1 + months
    return Period.from_dates(date(first // 12, first % 12 + 1, 1), month_end(last // 12, last % 12 + 1))
