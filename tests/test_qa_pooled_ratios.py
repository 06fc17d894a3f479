"""A ratio of totals over several years or companies: each side is added up first, then divided.
Adding the yearly ratios (which measures nothing) or reading the span as a change is a wrong number."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore

ALPHABET_23_25 = (32.251e9 + 52.535e9 + 91.447e9) / (307.394e9 + 350.018e9 + 402.836e9)
#: what must never come back for it: the yearly ratios added up, the change from 2023 to 2025
NOT_POOLED = (0.48201776164, 1.83547796968, 0.122090545702)


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2026, 6, 1))


POOLED = [
    "For Alphabet, what is aggregate capital expenditure divided by aggregate revenue for 2023 to 2025 "
    "taken as a whole?",
    "Alphabet capex divided by revenue for 2023 to 2025 combined",
    "googl capex / revenue 2023-2025 cumulative",
    "what was Alphabet's capex intensity over 2023-2025 as a whole?",
    "Alphabet total capex 2023 to 2025 as a share of total revenue over the same years",
    "alphabet weighted average capex intensity 2023-2025",
]


@pytest.mark.parametrize("question", POOLED)
def test_a_ratio_over_a_span_divides_the_totals(answerer: Answerer, question: str) -> None:
    a = answerer.ask(question)
    check(a, Expect(value=ALPHABET_23_25, measure="ratio", unit="ratio", not_value=NOT_POOLED, tokens=("16.6%",)))
    assert a.derivation is not None and "/" in a.derivation["formula"]
    assert len(a.items) == 6  # three years of capex and three of revenue, each with its filing


def test_a_ratio_across_companies_divides_their_totals(answerer: Answerer) -> None:
    a = answerer.ask("combined capex intensity of Amazon, Meta and Alphabet in 2024")
    capex = 82.999e9 + 37.256e9 + 52.535e9
    revenue = 637.959e9 + 164.501e9 + 350.018e9
    check(a, Expect(value=capex / revenue, measure="ratio", tokens=("Amazon, Meta and Alphabet",)))


def test_fiscal_years_are_the_company_own(answerer: Answerer) -> None:
    a = answerer.ask("Microsoft FY23-FY25 capex/revenue in aggregate")
    check(a, Expect(value=(28.107e9 + 44.477e9 + 64.551e9) / (211.915e9 + 245.122e9 + 281.724e9), measure="ratio"))


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # the plain mean of the yearly ratios is its own measure, asked in its own words
        (
            "average capex intensity of Alphabet 2023-2025",
            Expect(value=(0.104918 + 0.150092 + 0.227008) / 3, measure="average"),
        ),
        # a total of dollars stays a total of dollars
        ("total capex of Alphabet 2023-2025", Expect(value=176.233e9, measure="sum", unit="USD")),
        # one year of one company is that year's ratio
        ("Alphabet capex divided by revenue 2025", Expect(value=0.227008, measure="ratio")),
    ],
)
def test_what_is_not_pooled_stays_as_it_was(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


def test_a_missing_year_is_named_not_skipped(answerer: Answerer) -> None:
    a = answerer.ask("Alphabet capex/revenue 2007-2009 taken as a whole")
    check(a, Expect(kind="not_found"))
