"""Whether a figure is one year's or a total over years, decided by the period the sources give it for."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2025, 10, 1))


@pytest.mark.parametrize(
    ("question", "verdict", "value"),
    [
        ("the $525B for 2032 — is that cumulative thru 2032?", "no", 525e9),
        ("the 525bn — is that cumulative through 2032?", "no", 525e9),
        ("is the $525B a cumulative figure?", "no", 525e9),
        ("is the 1.8T genAI revenue number an annual figure?", "yes", 1.8e12),
        ("is the 371B a yearly number?", "yes", 371e9),
        # a figure the sources give no dates for is neither
        ("is the 20% share of server revenue an annual figure?", "unknown", 0.2),
    ],
)
def test_one_years_figure_or_a_total(answerer: Answerer, question: str, verdict: str, value: float) -> None:
    check(answerer.ask(question), Expect(kind="yes_no", verdict=verdict, value=value))


def test_a_rate_a_year_is_a_mark_not_a_question_about_the_span(answerer: Answerer) -> None:
    a = answerer.ask("does hyperscaler capex grow more than 5% a year from 2025 to 2032?")
    check(a, Expect(kind="yes_no", verdict="yes", measure="cagr"))
