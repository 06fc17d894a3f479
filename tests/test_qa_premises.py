"""Where a question's premise ends and what it hands on to the question.

A premise ("If we add Alphabet to Amazon, Meta and Microsoft, ...") may name the companies the question
combines; a comma inside its list of names does not end it."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore

# filed capex of calendar 2025: Alphabet, Amazon, Meta, and Microsoft's four quarters of that year
FILED_2025 = {"alphabet": 91.447e9, "amazon": 131.819e9, "meta": 69.691e9, "microsoft": 83.094e9}


@pytest.fixture(scope="module")
def store() -> KnowledgeStore:
    return KnowledgeStore()


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        (
            "If we add Alphabet to Amazon, Meta and Microsoft, what's the combined filed capex for calendar 2025"
            " (MSFT on a calendar basis)?",
            Expect(value=sum(FILED_2025.values()), measure="sum", items=("Alphabet", "Amazon", "Meta", "Microsoft")),
        ),
        (
            "if we add Alphabet to Amazon and Meta, what is the combined filed capex in 2025?",
            Expect(
                value=FILED_2025["alphabet"] + FILED_2025["amazon"] + FILED_2025["meta"],
                measure="sum",
                not_value=(FILED_2025["amazon"] + FILED_2025["meta"],),
            ),
        ),
        # the question's own list is the one combined, whatever the lead-in names
        (
            "Writing a note on the build-out — per the article, how much are Amazon, Meta and Microsoft together"
            " expected to pour into data centers and computing in 2025?",
            Expect(value=371e9, measure="level"),
        ),
    ],
)
def test_the_premise_names_what_is_combined(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2026, 3, 1)).ask(question), expect)


@pytest.mark.parametrize(
    "question",
    [
        "meta ai capex doubled to 30.7 in 1h25... so what was 1h24",
        "meta ai capex doubled to 30.7 in 1h25. so what was 1h24?",
    ],
)
def test_the_question_after_a_sentence_of_premise_asks_the_level(store: KnowledgeStore, question: str) -> None:
    check(Answerer(store, today=date(2025, 10, 1)).ask(question), Expect(value=15.35e9, measure="level"))
