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


# one series' change over one span of years against its change over another: each span worked out
RISE_24_25 = 371e9 - 371e9 / 1.44  # the 2024 level is implied by "+44%"

SPAN_CASES = [
    (
        "was the 2024 to 2025 increase in hyperscaler capex bigger than the 2025 to 2032 increase?",
        Expect(kind="yes_no", verdict="no", not_value=(0.44,)),
    ),
    (
        "Which was bigger in dollars: the rise in hyperscaler capex from 2024 to 2025 or the rise from 2025 to 2032?",
        Expect(kind="comparison", value=RISE - RISE_24_25, measure="difference", tokens=("2025 to 2032",)),
    ),
    (
        "did hyperscaler capex grow faster from 2024 to 2025 than from 2025 to 2032?",
        # spans of different lengths: growth a year (CAGR) of each
        Expect(kind="yes_no", verdict="yes", measure="pp_change", value=0.44 - ((525 / 371) ** (1 / 7) - 1)),
    ),
    (
        "Did Meta's capex rise more in dollars from 2023 to 2024 than from 2024 to 2025?",
        Expect(kind="yes_no", verdict="no", measure="difference"),
    ),
]


@pytest.mark.parametrize(("question", "expect"), SPAN_CASES, ids=[q for q, _ in SPAN_CASES])
def test_one_series_over_two_spans(question: str, expect: Expect) -> None:
    answerer = Answerer(KnowledgeStore(), today=date(2026, 6, 1))
    check(answerer.ask(question), expect)


@pytest.mark.parametrize(
    "follow_up",
    ["is that bigger than the entire 2025-to-2032 increase?", "Was it more than the rise from 2025 to 2032?"],
)
def test_the_change_just_given_against_another_span(answerer: Answerer, follow_up: str) -> None:
    first = answerer.ask("How big was the 2024 to 2025 jump in hyperscaler capex, in dollars?", conversation_id="s")
    assert first.value == pytest.approx(RISE_24_25, rel=0.005)
    a = answerer.ask(follow_up, conversation_id="s")
    # 113.4B against 154B: no; never "does it go up" in its place
    check(a, Expect(kind="yes_no", verdict="no", measure="difference", value=RISE_24_25 - RISE))
