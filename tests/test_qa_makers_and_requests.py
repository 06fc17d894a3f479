"""Who makes a thing the article names ("which outfits are credited with the reasoning models ..."),
requests to work a figure out ("can you back out ..."), a kind of figure described before the question
("the 10-Qs only give year-to-date numbers — ..."), and analysts' shorthand ("trng", "cumulatively")."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2026, 6, 1))


MAKERS = [
    "Which outfits are credited with the reasoning AI models that push inference spending up?",
    "which organisations does the article credit with reasoning models?",
    "reasoning-model cos named in the article?",
    "what companies are behind the reasoning AI models the article mentions?",
    "whose reasoning models does the piece cite?",
]


@pytest.mark.parametrize("question", MAKERS)
def test_the_makers_of_a_thing_are_listed(answerer: Answerer, question: str) -> None:
    a = answerer.ask(question)
    check(a, Expect(kind="list", items=("DeepSeek", "OpenAI"), absent=("Amazon", "Nvidia")))


def test_the_companies_a_group_names_stay_the_group(answerer: Answerer) -> None:
    check(answerer.ask("which companies are named as hyperscalers?"), Expect(kind="list", tokens=("Amazon", "Meta")))


CASES = [
    # a request to work out a figure asks for the figure, not whether it can be done
    (
        "Meta's 10-Qs only give year-to-date cash flow numbers — can you back out the Q2 2025 capex on its own?",
        Expect(value=29.479e9 - 12.941e9, measure="level", not_value=(29.479e9,)),
    ),
    ("could you derive alphabet's Q4 2025 capex?", Expect(value=91.447e9 - 63.596e9, measure="level")),
    ("can u work out 2024 hyperscaler capex from the 44% growth?", Expect(value=371e9 / 1.44, measure="level")),
    # ... and a year to date with the period it ends in stays one period
    ("GOOGL YTD capex through Q3 2025", Expect(value=63.596e9, measure="level")),
    # shorthand for the words the question is made of
    ("trng share of AI spend by 2032?", Expect(value=0.14, measure="level")),
    (
        "How much did Alphabet spend on capex cumulatively over 2023, 2024 and 2025?",
        Expect(value=176.233e9, measure="sum"),
    ),
]


@pytest.mark.parametrize(("question", "expect"), CASES, ids=[q for q, _ in CASES])
def test_requests_and_shorthand(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)
