"""Marks a figure is checked against, as analysts write them.

"faster than 5% a year" is a mark for a rate (not a figure named by its amount); "the half-a-trillion-dollar
mark" is $500B, not 50%."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore

CAGR_2025_2032 = (525 / 371) ** (1 / 7) - 1


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2025, 10, 1))


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        (
            "Sanity check: does hyperscaler capex grow faster than 5% a year (CAGR) from 2025 to 2032?",
            Expect(kind="yes_no", verdict="yes", value=CAGR_2025_2032, measure="cagr"),
        ),
        (
            "does hyperscaler capex grow faster than 6% a year from 2025 to 2032?",
            Expect(kind="yes_no", verdict="no", value=CAGR_2025_2032, measure="cagr"),
        ),
        ("did hyperscaler capex grow slower than 40% in 2025?", Expect(kind="yes_no", verdict="no", value=0.44)),
        (
            "Does the 2032 annual hyperscaler capex projection clear the half-a-trillion-dollar mark?",
            Expect(kind="yes_no", verdict="yes", value=525e9, measure="level"),
        ),
        ("is 2032 hyperscaler capex above half a trillion?", Expect(kind="yes_no", verdict="yes", value=525e9)),
        # a figure named after "than" is the one compared with, not a mark
        (
            "Was Amazon's filed capex growth in 2025 faster than the 44% the article gives for hyperscalers?",
            Expect(kind="yes_no", verdict="yes"),
        ),
    ],
)
def test_marks_for_rates_and_amounts(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)
