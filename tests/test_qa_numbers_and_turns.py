"""Numbers as analysts write them, and the turns of a conversation that build on them.

Digits grouped by thousands ("39,643 million") and a decimal comma ("30,7bn", as much of
Europe writes it) are one number each, not the digits after the comma."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def store() -> KnowledgeStore:
    return KnowledgeStore()


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        (
            "meta's 30,7 bn of AI capex in H1 2025 is how much of the 371 bn hyperscaler figure, in %?",
            Expect(value=30.7 / 371, measure="ratio", unit="ratio"),
        ),
        (
            "alphabet filed 39,643 million of capex for H1 2025 vs meta's 30,7bn AI capex: the gap in dollars?",
            Expect(kind="comparison", value=39.643e9 - 30.7e9, measure="difference", not_value=(643e6,)),
        ),
        (
            "Is $1,800bn of genAI revenue more than $1.5 trillion?",
            Expect(kind="yes_no", verdict="yes"),
        ),
    ],
)
def test_grouped_digits_and_decimal_commas_are_one_number(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2026, 3, 1)).ask(question), expect)
