"""Quarters as sell-side notes write them, and which side of a comparison is which.

A quarter number beside the month its quarter ends in ("MSFT Sep-qtr capex, 1Q26 vs 1Q25") is
the company's fiscal quarter when the calendar quarter of that number ends in another month."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def store() -> KnowledgeStore:
    return KnowledgeStore()


def ask(store: KnowledgeStore, question: str, today: date = date(2026, 6, 1)):
    return Answerer(store, today=today).ask(question)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # Microsoft's fiscal Q1 is Jul-Sep: 19.394B in FY26, 14.923B in FY25
        ("msft september quarter capex growth, 1Q26 over 1Q25?", Expect(value=19.394 / 14.923 - 1, rel=0.01)),
        ("Microsoft Sep-qtr capex (1Q26)", Expect(value=19.394e9, measure="level", rel=0.001)),
        # Apple's fiscal Q1 is Oct-Dec: 143.756B of revenue in FY26
        ("AAPL Dec qtr revenue, Q1 26", Expect(value=143.756e9, measure="level", rel=0.001)),
        # a month that agrees with the calendar quarter leaves it calendar: Amazon's Jan-Mar 2026
        ("amzn Mar-qtr capex 1Q26", Expect(value=44.203e9, measure="level", rel=0.001)),
    ],
)
def test_a_quarter_number_beside_the_month_it_ends(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(ask(store, question), expect)
