"""Where the amount itself passes ("reach $525bn", "at least $200bn", but not "nearly $40bn"), a yearly
step bounded per year, the dollars an increase represents, a multiple of a figure named by its amount,
the gap between an amount and a total of companies, and a bare number the article states in billions."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from bot.reading.threshold import threshold_in
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2026, 6, 1))


@pytest.mark.parametrize(
    ("text", "inclusive"),
    [
        ("did it reach $525bn?", True),
        ("at least $150bn?", True),
        ("capex ≥ $40B?", True),
        ("$100bn or more?", True),
        ("more than $525bn?", False),
        ("over 20%?", False),
        ("under $30B?", False),
        ("at most 16%?", True),
    ],
)
def test_which_thresholds_let_the_amount_pass(text: str, inclusive: bool) -> None:
    t = threshold_in(text)
    assert t is not None and t.inclusive is inclusive


CASES = [
    (
        "Does the article state that hyperscaler capex is projected to reach $525 billion a year by 2032?",
        Expect(kind="yes_no", verdict="yes"),
    ),
    ("will hyperscaler capex be more than $525B in 2032?", Expect(kind="yes_no", verdict="no")),
    ("is AI expected to add at least $200bn to digital ad spend by 2032?", Expect(kind="yes_no", verdict="yes")),
    # "nearly $40bn" is just under it: it did not reach it
    ("Did Alphabet's first-half 2025 capex reach $40 billion, per the article?", Expect(kind="yes_no", verdict="no")),
    (
        "On a straight-line basis, would hyperscaler capex need to grow by more than $25B per year between 2025 "
        "and 2032?",
        Expect(kind="yes_no", verdict="no", value=22e9, measure="per_year_step"),
    ),
    (
        "How many dollars does the 44% increase in hyperscaler spending represent (2024 to 2025)?",
        Expect(value=371e9 - 371e9 / 1.44, measure="difference"),
    ),
    (
        "how much did metas capex go up last year, percentage wise",
        Expect(value=69.691 / 37.256 - 1, measure="percent_change"),
    ),
    (
        "What did Amazon's FY2016 10-K originally show for 2016 capex?",
        Expect(value=6.737e9, not_value=(7.804e9,)),
    ),
    (
        "Is the 2032 $525B more than double the implied 2024 figure?",
        Expect(kind="yes_no", verdict="yes", value=525 / (371 / 1.44), measure="multiple"),
    ),
    (
        "The article's $371bn for 2025 vs what AMZN+META+MSFT actually filed for CY2025 capex — how big is the gap?",
        Expect(value=371e9 - (131.819e9 + 69.691e9 + 83.094e9), measure="difference"),
    ),
    (
        "371 vs META FY25 capex — what multiple is that, 5x-ish?",
        Expect(kind="comparison", value=371 / 69.691, measure="multiple", not_value=(69.691 / 37.256,)),
    ),
]


@pytest.mark.parametrize(("question", "expect"), CASES, ids=[q for q, _ in CASES])
def test_bounds_and_amounts(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


def test_a_bare_number_the_sources_do_not_state_is_no_amount(answerer: Answerer) -> None:
    a = answerer.ask("meta capex 2025 vs 372")
    assert a.value is None or abs(a.value - 372 / 69.691) > 0.01, a.text


RUN_RATES = [
    # a half's or quarter's figure made a year's worth, written "x2" / "x4" or "run-rate"
    ("AMZN 1H25 capex x2", Expect(value=2 * 57.202e9, measure="annualised")),
    ("meta Q1'26 capex x4", Expect(value=4 * 18.997e9, measure="annualised")),
    # ... set against a year's figure: the run-rate less it, as written
    (
        "AMZN 1H25 capex x2 minus reported LTM capex to June 2025 — what's the gap?",
        Expect(value=2 * 57.202e9 - 107.656e9, measure="difference", not_value=(48.044e9,)),
    ),
    (
        "meta Q1 2026 capex annualised vs FY2025 capex, difference?",
        Expect(value=4 * 18.997e9 - 69.691e9, measure="difference"),
    ),
]


@pytest.mark.parametrize(("question", "expect"), RUN_RATES, ids=[q for q, _ in RUN_RATES])
def test_run_rates(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


MORE = [
    ("if 371 is +44% y/y, what's the implied 2024 base?", Expect(value=371e9 / 1.44, measure="level")),
    ("Oracle 2025 capex?", Expect(kind="not_found", tokens=("Oracle",))),
    ("when you say capex intensity, what exactly is that?", Expect(kind="explanation", tokens=("revenue",))),
    (
        "When you quote capex from the SEC filings, what exactly does that figure measure?",
        Expect(kind="explanation", tokens=("property",)),
    ),
    (
        "Which us-gaap element is Amazon's FY2024 capex reported under in companyfacts?",
        Expect(value=82.999e9, tokens=("PaymentsToAcquireProductiveAssets",)),
    ),
    ("meta tripled its ai capex in h1 2025 right?", Expect(kind="yes_no", verdict="no")),
    ("meta doubled its ai capex in h1 2025 right?", Expect(kind="yes_no", verdict="yes")),
    # two terms set against each other: what each is, never a gap between figures of different periods
    ("what's the difference between inference and training?", Expect(kind="explanation", tokens=("Building",))),
    ("whats inference vs training in plain english", Expect(kind="explanation", tokens=("Running", "Building"))),
    ("how much revenue could gen ai bring in a year by 2032", Expect(value=1.8e12, measure="level")),
    (
        "who's the most capex-intensive of amzn / googl / meta in 2025 (capex ÷ revenue)? rank them",
        Expect(kind="list", first=("Meta",)),
    ),
]


@pytest.mark.parametrize(("question", "expect"), MORE, ids=[q for q, _ in MORE])
def test_more_forms(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


def test_a_figure_named_by_its_amount_carries_into_the_follow_up(answerer: Answerer) -> None:
    answerer.ask("the $371B for 2025 — that's up how much vs 2024?", conversation_id="amount")
    check(answerer.ask("so what was the 2024 base in $?", conversation_id="amount"), Expect(value=371e9 / 1.44))
