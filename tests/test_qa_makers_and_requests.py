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


MORE = [
    # the unit wanted, written in brackets, is no metric ("percent" is not the share metric)
    ("By how much (percent) did Nvidia's revenue grow in fiscal 2026?", Expect(value=215.938 / 130.497 - 1)),
    # two periods listed with no change asked: each figure, no single value
    ("Meta capex 2023 and 2024?", Expect(kind="list", items=("2023", "2024"))),
    # a figure asked in dollars of a metric the graph names but holds no figure for
    ("What is total global server revenue in dollars, according to the article?", Expect(kind="not_found")),
    # a term to define, with how it is computed, before any figure was asked
    ("Define capex intensity for me — how is it calculated?", Expect(kind="explanation", tokens=("revenue",))),
    (
        "In the filings data, what exactly is being counted as capex — which cash-flow line?",
        Expect(kind="explanation", tokens=("property",)),
    ),
    # a figure's source, asked with the figure: the figure travels with it
    (
        "Where does Meta's FY2024 capex of $37.3bn come from — which filing?",
        Expect(kind="explanation", value=37.256e9, tokens=("10-K",)),
    ),
    # "as it stands today" is the latest filing's value, not a period called today
    (
        "Going way back for a long-run chart: what was Amazon's capex in 2016, as it stands in the filings today?",
        Expect(value=7.804e9, measure="level"),
    ),
    # the periods of a kind that pass a threshold, asked by their plural
    ("amzn quarters in 2025 w/ capex > $30B?", Expect(kind="list", items=("Q2 2025", "Q3 2025", "Q4 2025"))),
]


@pytest.mark.parametrize(("question", "expect"), MORE, ids=[q for q, _ in MORE])
def test_asides_and_forms(answerer: Answerer, question: str, expect: Expect) -> None:
    a = answerer.ask(question)
    check(a, expect)
    if "quarters" in question:
        assert not any("Q1 2025" in label for label in [str(i.get("label")) for i in a.items])


def test_the_present_carries_into_a_follow_up(answerer: Answerer) -> None:
    first = answerer.ask(
        "What share of AI spending goes to training now, and what's it forecast to be in 2032?", conversation_id="now"
    )
    check(first, Expect(kind="list", items=("2032",)))
    check(
        answerer.ask("so how many points is that drop?", conversation_id="now"),
        Expect(value=-0.26, measure="pp_change"),
    )


LEAD_INS = [
    # a lead-in about the asker, with no figure or period of its own, names nothing asked
    (
        "Putting together a note for the committee on the AI build-out and I want the headline first — per the "
        "article, how much are Amazon, Meta and Microsoft together expected to pour into data centers in 2025?",
        Expect(value=371e9, measure="level"),
    ),
    # ... while one the question points back to is the question's own
    (
        "Taking Alphabet, Amazon and Meta together, by how many dollars did their combined capex rise from 2023 "
        "to 2024?",
        Expect(value=(52.535e9 + 82.999e9 + 37.256e9) - (32.251e9 + 52.729e9 + 27.045e9), measure="difference"),
    ),
    # figures listed again in brackets after the words that name them all
    (
        "Rank the article's 2032 dollar projections (gen AI revenue, hyperscaler capex, incremental ad spend), "
        "biggest first.",
        Expect(kind="list", first=("generative AI · revenue",), n_items=3),
    ),
]


@pytest.mark.parametrize(("question", "expect"), LEAD_INS, ids=[q[:60] for q, _ in LEAD_INS])
def test_lead_ins(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)
