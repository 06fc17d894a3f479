"""The periods a question writes that it asks about.

A question writes more periods than it asks: a fiscal year restated in brackets ("FY2025 (July
2024 to June 2025)"), the months of a calendar year added up ("(Apple's March, June, September and
December 2025 quarters added up)"), what follows "i.e.", one company's calendar noted in passing,
a working ("Q2'25 standalone (H1 − Q1)"), a kind of figure ("year-to-date numbers"), a period ruled
out ("not YTD") and when a document was filed ("the 10-K filed in February 2024"). What is left
is what the question asks about.
"""

from __future__ import annotations

import re
from datetime import date

from .patterns import (
    ADDED_UP,
    CALENDAR_NOTE,
    FILED_WHEN,
    FISCAL_CONVENTION,
    KIND_OF_FIGURES,
    MONTHS_IN_BRACKETS,
    REPORTED_NOW,
    RESTATING,
    RULED_OUT_BEFORE,
    WORKING_SHOWN,
)
from .period_words import PeriodMention
from .periods import find_periods

__all__ = ["periods_written", "without_periods_said_again"]


#: "the Q2 10-Q", "its 3Q25 10-Q", "the fiscal Q1 filing": a quarter that names a filing
FILING_NAMED_BY_QUARTER = re.compile(
    r"\b(?:fiscal\s+)?(?:q[1-4]|[1-4]q|f[1-4]q)(?:\s*'?(?:fy)?\d{2,4})?\s+(?=(?:10-?q|filing|report)\b)", re.I
)


#: "(for msft it's Q1 FY26)", "(that is its fiscal Q1)": a bracket that names a period already written
_SAID_AGAIN = re.compile(
    r"^\s*for\s+[\w.&'’-]+\b|\b(?:it'?s|it\s+is|that'?s|that\s+is|i\.?e\.?|aka)\b|=", re.IGNORECASE
)


#: "year-to-date", "ytd", "so far this year": a period that ends on the day asked
_TO_DATE = re.compile(r"\b(?:to[\s-]+date|ytd|so\s+far)\b", re.I)


def without_periods_said_again(text: str, today: date) -> str:
    """The text with the periods of a bracket that names a period already written blanked out (offsets kept):
    "jul-sep 2025 quarter capex, msft vs googl (for msft it's Q1 FY26)" asks Jul-Sep 2025 of both."""
    if "(" not in text:
        return text  # (no bracket: nothing said again, and no second reading of the periods on the hot path)
    mentions = find_periods(text, today=today)
    for bracket in re.finditer(r"\(([^()]*)\)", text):
        inner = [m for m in mentions if bracket.start() < m.start < bracket.end()]
        before = [m for m in mentions if m.end <= bracket.start()]
        if inner and before and _SAID_AGAIN.search(bracket.group(1)):
            text = text[: bracket.start()] + " " * (bracket.end() - bracket.start()) + text[bracket.end() :]
    return text


def periods_written(text: str, today: date) -> tuple[list[PeriodMention], list[tuple[int, int]]]:
    """The period mentions ``text`` asks about, and the spans that say which filing ("as currently
    reported") rather than which period."""
    period_mentions = find_periods(text, today=today)
    # "Meta's 2023 capex as currently reported": which filing, not which period
    as_reported = [a.span() for a in REPORTED_NOW.finditer(text)]
    period_mentions = [m for m in period_mentions if not any(a <= m.start < b for a, b in as_reported)]
    # "what does Meta's Q2 10-Q show for the first half of 2025?": the quarter names the filing, when
    # another period says what is asked
    filing = [(f.start(), f.end()) for f in FILING_NAMED_BY_QUARTER.finditer(text)]
    named = [m for m in period_mentions if any(a <= m.start < b for a, b in filing)]
    if named and len(named) < len(period_mentions):
        period_mentions = [m for m in period_mentions if m not in named]
    # "FY2025 (July 2024 to June 2025)": a period in brackets right after another says it again
    # "FY2025 (July 2024 to June 2025)", "fiscal Q4 2026 (Nov 2025 – Jan 2026 quarter)": the months a
    # period covers, in brackets right after it, say it again ("FY25 (fiscal Q4)" narrows it: kept)
    restating_brackets = []
    to_date: list[PeriodMention] = []
    for o in period_mentions:
        # (and "Microsoft FY26 capex (July 2025 to June 2026)": the metric between them)
        after = re.sub(
            r"^\s*(?:(?!(?:vs|versus|and|or|than|against|compared|with)\b)[A-Za-z&-]+\s+){0,2}(?=\()", "", text[o.end :]
        )
        opened = MONTHS_IN_BRACKETS.match(after)
        close = text.find(")", o.end)
        if opened and close != -1 and _TO_DATE.search(o.text):
            # "year-to-date (Jan–Jun 2025)": the months in brackets say which year to date, not today's
            to_date.append(o)
        elif opened and close != -1:
            restating_brackets.append((o.end, close))
    period_mentions = [m for m in period_mentions if not any(a <= m.start < b for a, b in restating_brackets)]
    period_mentions = [m for m in period_mentions if m not in to_date]
    # "calendar-2025 capex (Apple's March, June, September and December 2025 quarters added up)": periods in
    # brackets that add up to a period written before them are its parts, said again ("FY25 (Q4)" narrows it)
    for bracket in re.finditer(r"\(([^()]*)\)", text):
        inner = [m for m in period_mentions if bracket.start() < m.start < bracket.end()]
        outer = [m.period for m in period_mentions if m.end <= bracket.start() and m.period is not None]
        parts = [m.period for m in inner if m.period is not None]
        summed = bool(ADDED_UP.search(bracket.group(1)))
        if parts and summed and len(parts) == len(inner) and any(all(o.contains(p) for p in parts) for o in outer):
            period_mentions = [m for m in period_mentions if m not in inner]
    # "calendar 1H25, i.e. their fiscal Q3+Q4 FY25": what follows "i.e." says the same periods again
    # (only within its own clause: "if 2025 is 371B and that is +44%, what was it in 2024?" asks 2024)
    restated = RESTATING.search(text)
    if restated and any(m.start < restated.start() for m in period_mentions):
        clause = re.compile(r"[,;:?.!)]\s|\s[-–—]\s|[?]$")
        ends = clause.search(text, restated.end() + 1)
        end = ends.start() if ends else len(text)
        period_mentions = [m for m in period_mentions if not restated.start() < m.start < end]
    # "Amazon, Microsoft (fiscal year to June 2024) and Meta, fiscal 2024": one company's calendar noted
    noted = [c.span() for c in CALENDAR_NOTE.finditer(text)]
    beside = [m for m in period_mentions if not any(a <= m.start < b for a, b in noted)]
    if noted and any(m.fiscal for m in beside):
        period_mentions = beside
    # "FY25 (the June year-end)": the company's calendar described, not a period asked
    conventions = [c.span() for c in FISCAL_CONVENTION.finditer(text)]
    period_mentions = [m for m in period_mentions if not any(a <= m.start < b for a, b in conventions)]
    # "META capex Q2'25 standalone (H1 − Q1)", "Q2'26 (3m) = 1H26 − Q1'26 → ?": how to compute it, not what
    worked = [w.span(w.lastindex or 0) for w in WORKING_SHOWN.finditer(text)]
    unworked = [m for m in period_mentions if not any(a <= m.start < b for a, b in worked)]
    if worked and unworked:
        period_mentions = unworked
    # "they only file year-to-date numbers": a kind of figure described, not a period asked
    period_mentions = [
        m
        for m in period_mentions
        if not (KIND_OF_FIGURES.match(text, m.end) and re.search(r"to[- ]date|\bytd\b|\bttm\b|trailing", m.text, re.I))
    ]
    # "how much could genAI bring in a year by 2032": "in a year" beside a year written is per year, not next year
    if any(re.search(r"\d{4}", m.text) for m in period_mentions):
        period_mentions = [m for m in period_mentions if not re.fullmatch(r"in\s+a\s+year", m.text.strip(), re.I)]
    # "single quarter, not YTD": a period ruled out is not asked
    period_mentions = [m for m in period_mentions if not RULED_OUT_BEFORE.search(text[max(0, m.start - 16) : m.start])]
    # "the 10-K Meta filed in February 2024": when a document was filed, not the period asked
    period_mentions = [m for m in period_mentions if not FILED_WHEN.search(text[max(0, m.start - 24) : m.start])]
    return period_mentions, as_reported
