"""A stated figure set against the change of another series between two years ("the rise in X from A
to B"): worked out from X's two figures, compared or checked; never X's level in the change's place."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2025, 10, 1))


RISE = 525e9 - 371e9  # hyperscalers' data-centre and compute spending, 2025 to 2032

CASES = [
    (
        "Is the >$200B ad-spend uplift bigger than the whole increase in hyperscaler capex from 2025 to 2032?",
        Expect(kind="yes_no", verdict="yes", not_value=(371e9 - 200e9,)),
    ),
    (
        "Is the AI ad-spend uplift smaller than the rise in hyperscaler capex between 2025 and 2032?",
        Expect(kind="yes_no", verdict="no"),
    ),
    (
        "Which is larger according to the article: the extra digital ad spending AI adds by 2032, or the rise in "
        "annual hyperscaler spending between 2025 and 2032? And by how much does the bigger one exceed the other?",
        Expect(kind="comparison", value=200e9 - RISE, measure="difference", not_value=(171e9,)),
    ),
]


@pytest.mark.parametrize(("question", "expect"), CASES, ids=[q for q, _ in CASES])
def test_a_figure_against_a_rise(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


def test_a_rise_with_no_figures_is_not_answered_with_a_level(answerer: Answerer) -> None:
    # no figures of Oracle: nothing to work the rise out from
    a = answerer.ask("Is the AI ad-spend uplift bigger than the rise in Oracle's capex from 2025 to 2032?")
    assert a.value not in (371e9, 525e9)
