"""Period expressions in analysts' questions (bot.reading.periods)."""

from __future__ import annotations

import doctest
import itertools
import timeit
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.reading.periods
from bot.reading.periods import VAGUE_FEW_YEARS, PeriodMention, find_periods, resolve_fiscal
from kg.periods import Period

TODAY = date(2026, 11, 26)
OTHER_DAY = date(2025, 2, 10)

Y, H, Q, M = Period.year, Period.half, Period.quarter, Period.month


def found(text: str, today: date = TODAY, fiscal_end_month: int = 12) -> list[tuple]:
    """(period, role, fiscal) of every mention, checking spans on the way."""
    mentions = find_periods(text, today=today, fiscal_end_month=fiscal_end_month)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    return [(m.period, m.role, m.fiscal) for m in mentions]


def point(period: Period, fiscal: bool = False) -> list[tuple]:
    return [(period, "point", fiscal)]


def span(first: Period, last: Period, fiscal: bool = False) -> list[tuple]:
    return [(first, "range_start", fiscal), (last, "range_end", fiscal)]


# ---------------------------------------------------------------- one table, every rule
CASES: list[tuple[str, list[tuple]]] = [
    # years
    ("What was Meta's AI capex in 2025?", point(Y(2025))),
    ("Alphabet capex for 2024, please", point(Y(2024))),
    ("How much did Amazon spend on data centers in CY2025?", point(Y(2025))),
    ("Microsoft capex in CY25?", point(Y(2025))),
    ("Oracle's spending in calendar 2025", point(Y(2025))),
    ("What is the 2025E capex for Meta?", point(Y(2025))),
    # fiscal years (calendar convention by default)
    ("What did Microsoft spend in FY25?", point(Y(2025), True)),
    ("Microsoft capex FY2025", point(Y(2025), True)),
    ("Microsoft capex in FY 2025", point(Y(2025), True)),
    ("Nvidia revenue in fiscal 2025", point(Y(2025), True)),
    ("capex in fiscal year 2025", point(Y(2025), True)),
    ("capex in fiscal-year 2025", point(Y(2025), True)),
    ("What is the FY'25 capex guide?", point(Y(2025), True)),
    ("What is the FY’25 capex guide?", point(Y(2025), True)),
    # halves
    ("What did Meta spend on AI capex in 1H25?", point(H(2025, 1))),
    ("What did Meta spend on AI capex in H1 2025?", point(H(2025, 1))),
    ("Meta capex 1H 2025", point(H(2025, 1))),
    ("Meta capex in H1'25", point(H(2025, 1))),
    ("Meta capex in H1’25?", point(H(2025, 1))),
    ("Meta capex in H1 25?", point(H(2025, 1))),
    ("Amazon capex in 2H24", point(H(2024, 2))),
    ("What did Alphabet spend in the first half of 2025?", point(H(2025, 1))),
    ("What did Alphabet spend in first half of 2025?", point(H(2025, 1))),
    ("Alphabet capex 1st half 2025", point(H(2025, 1))),
    ("Alphabet capex in the first-half 2025", point(H(2025, 1))),
    ("Alphabet capex in the second half of 2024", point(H(2024, 2))),
    ("Alphabet capex in the back half of 2025", point(H(2025, 2))),
    ("Alphabet capex in the first two quarters of 2025", point(H(2025, 1))),
    ("Alphabet capex in the last two quarters of 2024", point(H(2024, 2))),
    ("Meta capex Jan-Jun 2025", point(H(2025, 1))),
    ("Meta capex January to June 2025", point(H(2025, 1))),
    ("Meta capex January-June 2025", point(H(2025, 1))),
    ("Meta capex January – June 2025", point(H(2025, 1))),
    ("Meta capex Jul-Dec 2024", point(H(2024, 2))),
    ("Meta capex in 2025 H1", point(H(2025, 1))),
    ("Meta capex in 2025 first half", point(H(2025, 1))),
    ("Meta capex in H1 of 2025", point(H(2025, 1))),
    ("Meta capex in last year's first half", point(H(2025, 1))),
    ("Meta capex in the first half of next year", point(H(2027, 1))),
    # halves without a year: the current year
    ("How much did Meta spend in the first half?", point(H(2026, 1))),
    ("How much did Meta spend in the first two quarters?", point(H(2026, 1))),
    ("How much did Meta spend in H2?", point(H(2026, 2))),
    ("How much has Meta spent this half?", point(H(2026, 2))),
    ("How much did Meta spend last half?", point(H(2026, 1))),
    ("How much will Meta spend next half?", point(H(2027, 1))),
    # fiscal halves
    ("Microsoft capex in H1 FY25", point(H(2025, 1), True)),
    ("Microsoft capex in fiscal H1 2025", point(H(2025, 1), True)),
    ("Microsoft capex in the first half of fiscal 2025", point(H(2025, 1), True)),
    ("Microsoft capex in the first two quarters of the current fiscal year", point(H(2026, 1), True)),
    ("Microsoft capex in 1HFY25", point(H(2025, 1), True)),
    # quarters
    ("Nvidia data-center revenue in Q3 2024", point(Q(2024, 3))),
    ("Nvidia data-center revenue in Q3'24", point(Q(2024, 3))),
    ("Nvidia data-center revenue in Q3 24?", point(Q(2024, 3))),
    ("Nvidia data-center revenue in 3Q24", point(Q(2024, 3))),
    ("Nvidia data-center revenue in 3Q 2024", point(Q(2024, 3))),
    ("Nvidia data-center revenue in 2024Q3", point(Q(2024, 3))),
    ("Nvidia revenue in the third quarter of 2024", point(Q(2024, 3))),
    ("Nvidia revenue in the 3rd quarter of 2024", point(Q(2024, 3))),
    ("Nvidia revenue in the fourth-quarter 2024", point(Q(2024, 4))),
    ("Nvidia revenue in the last quarter of 2024", point(Q(2024, 4))),
    ("Nvidia revenue in 2024 Q3", point(Q(2024, 3))),
    ("Nvidia revenue in Q3 of 2024", point(Q(2024, 3))),
    ("Nvidia revenue in 2024's third quarter", point(Q(2024, 3))),
    ("Nvidia revenue Jul-Sep 2024", point(Q(2024, 3))),
    ("Nvidia revenue in Q3 FY25", point(Q(2025, 3), True)),
    ("Nvidia revenue in fiscal Q3 2025", point(Q(2025, 3), True)),
    ("Nvidia revenue in Q3FY25", point(Q(2025, 3), True)),
    ("Nvidia revenue in FY25 Q3", point(Q(2025, 3), True)),
    ("Nvidia revenue in the fiscal third quarter of 2025", point(Q(2025, 3), True)),
    ("Nvidia revenue in the third quarter", point(Q(2026, 3))),
    ("Nvidia revenue in Q2?", point(Q(2026, 2))),
    # months and days
    ("AWS capex in March 2025", point(M(2025, 3))),
    ("AWS capex in Mar 2025", point(M(2025, 3))),
    ("AWS capex in Sept. 2024", point(M(2024, 9))),
    ("AWS capex in March of 2025", point(M(2025, 3))),
    ("AWS capex in Mar '25", point(M(2025, 3))),
    ("AWS capex Feb-Apr 2025", point(Period.from_dates(date(2025, 2, 1), date(2025, 4, 30)))),
    ("announced on March 5, 2025", point(Period.from_dates(date(2025, 3, 5), date(2025, 3, 5)))),
    ("announced on 5 March 2025", point(Period.from_dates(date(2025, 3, 5), date(2025, 3, 5)))),
    # ranges
    ("AI capex 2025-2032", span(Y(2025), Y(2032))),
    ("AI capex 2025–2032", span(Y(2025), Y(2032))),
    ("AI capex 2025 - 2032", span(Y(2025), Y(2032))),
    ("AI capex 2025 to 2032", span(Y(2025), Y(2032))),
    ("AI capex from 2024 to 2032", span(Y(2024), Y(2032))),
    ("AI capex between 2025 and 2032", span(Y(2025), Y(2032))),
    ("AI capex 2024 through 2032", span(Y(2024), Y(2032))),
    ("cumulative AI capex over 2025-2032", span(Y(2025), Y(2032))),
    ("Meta capex from H1 2024 to H1 2025", span(H(2024, 1), H(2025, 1))),
    ("Meta capex from Q1 to Q3 2025", span(Q(2025, 1), Q(2025, 3))),
    ("Meta capex between Q1 and Q3 2025", span(Q(2025, 1), Q(2025, 3))),
    ("Meta capex December 2025 through March 2026", span(M(2025, 12), M(2026, 3))),
    ("Microsoft capex FY24-FY26", span(Y(2024), Y(2026), True)),
    ("Microsoft capex FY2024 through 2026", span(Y(2024), Y(2026), True)),
    ("Microsoft capex FY25-26", span(Y(2025), Y(2026), True)),
    ("AI capex 2025-26", span(Y(2025), Y(2026))),
    # not ranges
    ("Meta capex in 2024 vs 2025", point(Y(2024)) + point(Y(2025))),
    ("Meta capex in 2024 and 2025", point(Y(2024)) + point(Y(2025))),
    ("Meta capex from Q3 2025 to Q1 2025", point(Q(2025, 3)) + point(Q(2025, 1))),
    # by / since
    ("How much will hyperscalers spend by 2032?", [(Y(2032), "by", False)]),
    ("AI capex through 2032", [(Y(2032), "by", False)]),
    ("AI capex until 2032", [(Y(2032), "by", False)]),
    ("AI capex up to 2030", [(Y(2030), "by", False)]),
    ("How much by the end of 2025?", [(Y(2025), "by", False)]),
    ("How much by the close of 2025?", [(Y(2025), "by", False)]),
    ("How much by end-2025?", [(Y(2025), "by", False)]),
    ("How much by year-end 2025?", [(Y(2025), "by", False)]),
    ("How many GW before 2030?", [(Y(2030), "by", False)]),
    ("How much by the end of fiscal 2025?", [(Y(2025), "by", True)]),
    ("How much by Q3 2025?", [(Q(2025, 3), "by", False)]),
    ("How much has Meta spent since 2024?", [(Y(2024), "since", False)]),
    ("How much has Meta spent since H2 2024?", [(H(2024, 2), "since", False)]),
    ("Meta capex from 2025 onwards", [(Y(2025), "since", False)]),
    ("Meta capex starting in 2026", [(Y(2026), "since", False)]),
    # relative to today
    ("Meta capex this year", point(Y(2026))),
    ("Meta capex in the current year", point(Y(2026))),
    ("How much is Meta spending now?", point(Y(2026))),
    ("What is Meta spending today?", point(Y(2026))),
    ("What is Meta currently spending?", point(Y(2026))),
    ("What is Meta spending at present?", point(Y(2026))),
    ("What is Meta spending right now?", point(Y(2026))),
    ("Meta capex last year", point(Y(2025))),
    ("Meta capex in the previous year", point(Y(2025))),
    ("Meta capex in the prior year", point(Y(2025))),
    ("Meta capex next year", point(Y(2027))),
    ("Meta capex this quarter", point(Q(2026, 4))),
    ("Meta capex last quarter", point(Q(2026, 3))),
    ("Meta capex next quarter", point(Q(2027, 1))),
    ("Meta capex this month", point(M(2026, 11))),
    ("Meta capex YTD", point(Period.from_dates(date(2026, 1, 1), TODAY))),
    ("Meta capex year to date", point(Period.from_dates(date(2026, 1, 1), TODAY))),
    ("Meta capex year-to-date", point(Period.from_dates(date(2026, 1, 1), TODAY))),
    ("Meta capex over the last 12 months", point(Period.from_dates(date(2025, 11, 1), date(2026, 10, 31)))),
    ("Meta capex LTM", point(Period.from_dates(date(2025, 11, 1), date(2026, 10, 31)))),
    ("Meta revenue TTM", point(Period.from_dates(date(2025, 11, 1), date(2026, 10, 31)))),
    ("Meta revenue, trailing twelve months", point(Period.from_dates(date(2025, 11, 1), date(2026, 10, 31)))),
    ("Meta capex in the last two quarters", point(Period.from_dates(date(2026, 4, 1), date(2026, 9, 30)))),
    ("What will Meta spend in 3 years?", point(Y(2029))),
    ("What will Meta spend in two years' time?", point(Y(2028))),
    ("What will Meta spend 5 years from now?", point(Y(2031))),
    ("What did Meta spend 2 years ago?", point(Y(2024))),
    ("How much will Meta spend within 5 years?", [(Y(2031), "by", False)]),
    ("Microsoft capex this fiscal year", point(Y(2026), True)),
    ("Microsoft capex in the current fiscal year", point(Y(2026), True)),
    ("Microsoft capex last fiscal year", point(Y(2025), True)),
    # the previous period: resolved later by the caller
    ("Meta capex vs the same period last year", [(None, "relative_previous", False)]),
    ("Meta capex compared to the same period a year earlier", [(None, "relative_previous", False)]),
    ("Meta capex compared to a year ago", [(None, "relative_previous", False)]),
    ("Meta capex, up from a year earlier", [(None, "relative_previous", False)]),
    ("Meta capex vs the year-ago period", [(None, "relative_previous", False)]),
    ("Meta capex vs the prior-year period", [(None, "relative_previous", False)]),
    ("Meta capex vs the same quarter of the previous year", [(None, "relative_previous", False)]),
    ("Meta capex growth year over year", [(None, "relative_previous", False)]),
    ("Meta capex growth year-over-year", [(None, "relative_previous", False)]),
    ("Meta capex growth YoY", [(None, "relative_previous", False)]),
    ("How did Meta's capex compare with the year before?", [(None, "relative_previous", False)]),
    ("Meta capex in the year before 2030", [(Y(2030), "by", False)]),
    ("Meta capex in Q3 2025 vs the same period last year", [*point(Q(2025, 3)), (None, "relative_previous", False)]),
    # several mentions
    ("Did Meta spend more in H1 2025 than in 2H24?", point(H(2025, 1)) + point(H(2024, 2))),
    ("Meta capex since 2024 and the guidance by 2030", [(Y(2024), "since", False), (Y(2030), "by", False)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_periods_in_questions(text: str, expected: list[tuple]) -> None:
    assert found(text) == expected


VAGUE = [
    "Will Meta double its capex in a few years?",
    "Will Meta double its capex within a few years?",
    "Will Meta spend more in the coming years?",
    "How much will Meta spend over the next few years?",
    "Will Meta announce a new data center soon?",
    "Will Meta spend more in the near future?",
    "What will AI capex be in the years ahead?",
]


@pytest.mark.parametrize("text", VAGUE)
def test_vague_periods(text: str) -> None:
    (m,) = find_periods(text, today=TODAY)
    assert m.vague and m.period == VAGUE_FEW_YEARS and m.period.is_vague
    assert m.role == "point" and not m.fiscal


NOTHING = [
    "How much is $2025 in euros?",
    "Capex rose 2025% since launch",
    "A 2025 billion dollar plan",
    "They bought 2,025 GPUs",
    "Meta's backlog is 371",
    "Capex grew 44% and margins 16%",
    "Nvidia is worth $1.8T",
    "A model with 10^5 parameters",
    "Who are the top 5 spenders?",
    "List 10 companies by capex",
    "Who has a $371B backlog?",
    "Meta bought 2025 GPUs",
    "How much is US$2025?",
    "The site uses 2025 GW",
    "Plans of €2025 per unit",
    "Ask as soon as possible",
    "What does the H100 cost compared with the GB200?",
    "Which hyperscaler spends the most?",
    "",
    "   ",
]


@pytest.mark.parametrize("text", NOTHING)
def test_no_periods(text: str) -> None:
    assert find_periods(text, today=TODAY) == []


def test_year_bounds() -> None:
    assert found("capex in 1990 and 2100") == point(Y(1990)) + point(Y(2100))
    assert found("capex in 1989 and 2101") == []


def test_prepositions_keep_years_before_count_nouns() -> None:
    assert found("In 2025 companies spent more on GPUs") == point(Y(2025))


def test_span_and_text() -> None:
    text = "Did Meta spend more by the end of 2025 than in 1H25?"
    by, half = find_periods(text, today=TODAY)
    assert (by.text, by.start, by.end) == ("by the end of 2025", 20, 38)
    assert half.text == "1H25" and text[half.start : half.end] == "1H25"
    assert by.period == Y(2025) and half.period == H(2025, 1)


def test_mention_is_frozen_and_labelled() -> None:
    (m,) = find_periods("What did Meta spend in 1H25?", today=TODAY)
    assert isinstance(m, PeriodMention)
    assert m.period is not None and m.period.label == "H1 2025" and m.period.slug == "2025-H1"
    with pytest.raises(AttributeError):
        m.role = "by"  # type: ignore[misc]


# ---------------------------------------------------------------- fiscal conventions
FISCAL_JUNE = [
    ("What did Microsoft spend in FY25?", Period.from_dates(date(2024, 7, 1), date(2025, 6, 30))),
    ("Microsoft capex in H1 FY25", Period.from_dates(date(2024, 7, 1), date(2024, 12, 31))),
    ("Microsoft capex in Q3 FY25", Period.from_dates(date(2025, 1, 1), date(2025, 3, 31))),
    ("Microsoft capex in fiscal Q3 2025", Period.fiscal_quarter(2025, 3, 6)),
    ("Microsoft capex in the first half of fiscal 2025", Period.fiscal_half(2025, 1, 6)),
    ("Microsoft capex this fiscal year", Period.fiscal_year(2027, 6)),
    ("Microsoft capex in the current fiscal year", Period.from_dates(date(2026, 7, 1), date(2027, 6, 30))),
    (
        "Microsoft capex in the first two quarters of the current fiscal year",
        Period.from_dates(date(2026, 7, 1), date(2026, 12, 31)),
    ),
    ("Microsoft capex this fiscal quarter", Period.from_dates(date(2026, 10, 1), TODAY.replace(day=31, month=12))),
    ("Microsoft capex fiscal year to date", Period.from_dates(date(2026, 7, 1), TODAY)),
    ("Microsoft capex in March of fiscal 2025", M(2025, 3)),
]


@pytest.mark.parametrize(("text", "expected"), FISCAL_JUNE, ids=[c[0] for c in FISCAL_JUNE])
def test_fiscal_year_ending_in_june(text: str, expected: Period) -> None:
    assert found(text, fiscal_end_month=6) == point(expected, True)


def test_fiscal_label_june() -> None:
    (m,) = find_periods("Microsoft capex in FY25", today=TODAY, fiscal_end_month=6)
    assert m.period is not None and m.period.label == "FY2025 (Jul 2024-Jun 2025)"


def test_calendar_years_ignore_the_fiscal_convention() -> None:
    for text in ("capex in CY2025", "capex in calendar 2025", "capex in 2025"):
        assert found(text, fiscal_end_month=6) == point(Y(2025))
    assert found("capex in Q3 2025", fiscal_end_month=6) == point(Q(2025, 3))


def test_resolve_fiscal_re_resolves_fiscal_mentions() -> None:
    text = "Microsoft capex in FY25 vs H1 FY25, Q3 2025 and this fiscal year"
    mentions = find_periods(text, today=TODAY)
    assert [m.period for m in mentions] == [Y(2025), H(2025, 1), Q(2025, 3), Y(2026)]
    june = [resolve_fiscal(m, 6) for m in mentions]
    assert [m.period for m in june] == [
        Period.fiscal_year(2025, 6),
        Period.fiscal_half(2025, 1, 6),
        Q(2025, 3),  # not fiscal: unchanged
        Period.fiscal_year(2027, 6),
    ]
    assert june[2] is mentions[2]
    assert [(m.start, m.end, m.text, m.role, m.fiscal) for m in june] == [
        (m.start, m.end, m.text, m.role, m.fiscal) for m in mentions
    ]
    # back to the calendar convention, and the same as parsing with it
    assert [resolve_fiscal(m, 12) for m in june] == mentions
    assert [resolve_fiscal(m, 6) for m in mentions] == find_periods(text, today=TODAY, fiscal_end_month=6)


def test_resolve_fiscal_ranges_and_roles() -> None:
    start, end = find_periods("Microsoft capex FY24-FY26", today=TODAY)
    assert resolve_fiscal(start, 6).period == Period.fiscal_year(2024, 6)
    assert resolve_fiscal(end, 6).period == Period.fiscal_year(2026, 6)
    (by,) = find_periods("capex by the end of fiscal 2025", today=TODAY)
    assert resolve_fiscal(by, 1).period == Period.fiscal_year(2025, 1)
    assert resolve_fiscal(by, 1).role == "by"


def test_bad_fiscal_end_month() -> None:
    with pytest.raises(ValueError):
        find_periods("FY25", today=TODAY, fiscal_end_month=13)
    (m,) = find_periods("FY25", today=TODAY)
    with pytest.raises(ValueError):
        resolve_fiscal(m, 0)


# ---------------------------------------------------------------- another today
OTHER = [
    ("Meta capex this year", Y(2025)),
    ("Meta capex last year", Y(2024)),
    ("Meta capex last quarter", Q(2024, 4)),
    ("Meta capex this quarter", Q(2025, 1)),
    ("Meta capex this half", H(2025, 1)),
    ("Meta capex last half", H(2024, 2)),
    ("Meta capex YTD", Period.from_dates(date(2025, 1, 1), OTHER_DAY)),
    ("Meta capex LTM", Period.from_dates(date(2024, 2, 1), date(2025, 1, 31))),
    ("Meta capex over the last 4 quarters", Y(2024)),
    ("Meta capex in the first half", H(2025, 1)),
    ("Meta capex in 2 years", Y(2027)),
    ("Meta capex YTD 2024", Period.from_dates(date(2024, 1, 1), date(2024, 2, 10))),
]


@pytest.mark.parametrize(("text", "expected"), OTHER, ids=[c[0] for c in OTHER])
def test_relative_to_another_today(text: str, expected: Period) -> None:
    assert found(text, today=OTHER_DAY) == point(expected)


def test_fiscal_relative_to_another_today() -> None:
    # Nvidia: the fiscal year ends in January; 2025-02-10 is in FY2026
    assert found("Nvidia capex this fiscal year", OTHER_DAY, 1) == point(
        Period.from_dates(date(2025, 2, 1), date(2026, 1, 31)), True
    )
    assert found("Nvidia capex in fiscal Q1", OTHER_DAY, 1) == point(
        Period.from_dates(date(2025, 2, 1), date(2025, 4, 30)), True
    )


# ---------------------------------------------------------------- robustness and speed
@settings(max_examples=300, deadline=None)
@given(st.text(), st.dates(), st.integers(1, 12))
def test_never_raises_on_arbitrary_text(text: str, today: date, end_month: int) -> None:
    for m in find_periods(text, today=today, fiscal_end_month=end_month):
        assert text[m.start : m.end] == m.text
        assert 0 <= m.start < m.end <= len(text)


_WORDS = [
    "2025",
    "2032",
    "FY",
    "'25",
    "’24",
    "Q3",
    "H1",
    "1H25",
    "-",
    "–",
    "to",
    "from",
    "between",
    "and",
    "by",
    "the",
    "end",
    "of",
    "first",
    "half",
    "last",
    "year",
    "fiscal",
    "quarter",
    "quarters",
    "two",
    "Jan",
    "Jun",
    "since",
    "same",
    "period",
    "a",
    "ago",
    "in",
    "few",
    "years",
    "YTD",
    "LTM",
    "12",
    "months",
    "$",
    "%",
    "26",
    "99",
    "2100",
    "1990",
    "next",
    "this",
    "current",
    "soon",
    "as",
    "5",
    "March",
    ",",
    "now",
    "within",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.dates(), st.integers(1, 12))
def test_never_raises_on_period_like_text(words: list[str], today: date, end_month: int) -> None:
    text = " ".join(words)
    mentions = find_periods(text, today=today, fiscal_end_month=end_month)
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert (m.period is None) == (m.role == "relative_previous")
        assert m.vague == (m.period is not None and m.period.is_vague)
        assert resolve_fiscal(m, end_month) == m
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start


def test_fast_enough() -> None:
    questions = [text for text, _ in CASES] * 5
    seconds = min(timeit.repeat(lambda: [find_periods(q, today=TODAY) for q in questions], number=1, repeat=3))
    assert seconds / len(questions) < 0.002  # a few hundred µs at most; generous for CI


def test_module_doctests() -> None:
    result = doctest.testmod(bot.reading.periods)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("capex in the first nine months of 2025", date(2025, 1, 1), date(2025, 9, 30)),
        ("9M 2025 capex", date(2025, 1, 1), date(2025, 9, 30)),
        ("capex for the nine months ended September 30, 2025", date(2025, 1, 1), date(2025, 9, 30)),
        ("capex for the nine months ended June 2025", date(2024, 10, 1), date(2025, 6, 30)),
        # the day is not a two-digit year
        ("revenue on September 30, 2025", date(2025, 9, 30), date(2025, 9, 30)),
    ],
)
def test_months_counted_from_a_start_or_to_an_end(text: str, start: date, end: date) -> None:
    found = [m.period for m in find_periods(text, today=date(2026, 3, 1)) if m.period is not None]
    assert found and (found[0].start, found[0].end) == (start, end), found
