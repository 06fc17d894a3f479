"""A rate the question assumes ("if the 44% growth held one more year") grows the latest yearly figure
before the year asked, and says it is the question's assumption; what a person is quoted as noting (a
shift toward inference) answers yes for that direction and no for the other of the same split."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2026, 6, 1))


ASSUMED = [
    ("If the 44% growth rate held for one more year, what would hyperscaler capex be in 2026?", Expect(value=534.24e9)),
    ("if hyperscaler capex grows 44% a year, what would it be in 2027?", Expect(value=371e9 * 1.44**2)),
    ("meta capex 2027 assuming it keeps growing at 20% a year", Expect(value=69.691e9 * 1.2**2)),
    (
        "Assuming the 44% growth rate were sustained through 2026, would hyperscaler spending top $500 billion?",
        Expect(kind="yes_no", verdict="yes", value=534.24e9),
    ),
    (
        "is hyperscaler capex in 2026 above $600B if growth continues at 44%?",
        Expect(kind="yes_no", verdict="no", value=534.24e9),
    ),
]


@pytest.mark.parametrize(("question", "expect"), ASSUMED, ids=[q for q, _ in ASSUMED])
def test_a_rate_the_question_assumes(answerer: Answerer, question: str, expect: Expect) -> None:
    a = answerer.ask(question)
    check(a, Expect(**{**expect.__dict__, "status": "derived", "tokens": ("assumed rate",)}))


@pytest.mark.parametrize(
    "question",
    [
        "hyperscaler capex in 2026?",
        "Did hyperscaler capex grow 44% again in 2026?",
        "will hyperscalers top $500B in 2026?",
    ],
)
def test_without_an_assumption_there_is_no_figure(answerer: Answerer, question: str) -> None:
    a = answerer.ask(question)
    assert a.value is None and a.verdict in (None, "unknown"), a.text


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Did Zuckerberg describe the industry as shifting toward inference?", "yes"),
        ("did zuck say the AI industry is moving to inference?", "yes"),
        ("Did Zuckerberg describe the industry as shifting toward training?", "no"),
        ("Did Mark Zuckerberg note a shift to training?", "no"),
        # "away from" turns the direction; the sources state no such thing either way
        ("Did Zuckerberg say the industry is shifting away from inference?", "unknown"),
    ],
)
def test_a_direction_someone_noted(answerer: Answerer, question: str, verdict: str) -> None:
    a = answerer.ask(question)
    check(a, Expect(kind="yes_no", verdict=verdict))
    if verdict != "unknown":
        assert any("Zuckerberg" in (s.quote or "") for s in a.sources), a.sources
