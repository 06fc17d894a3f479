"""Long questions whose ask comes last, after sentences of context that name other companies, figures
and measures; and everyday slips in the words that choose the measure."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2026, 9, 1))


LONG = [
    (
        "Microsoft's fiscal year ends in June, which always messes up my comps vs. AMZN/GOOGL/META. So I'm after "
        "calendar 2024: what was Microsoft's capex for January through December 2024, adding up its quarters?",
        Expect(value=55.552e9, not_value=(228.342e9,)),
    ),
    (
        "We're building a peer-median capex line for the hyperscaler basket ex-MSFT because of its June year-end. "
        "Of Amazon, Alphabet and Meta, what's the median 2024 capex?",
        Expect(value=52.535e9, measure="median"),
    ),
    (
        "Sizing the genAI opportunity for a client deck — we've got the $1.8T revenue number from BI and the "
        "hyperscaler capex path already pencilled in. What I'm missing is how much of total tech spending genAI "
        "could represent by 2032?",
        Expect(value=0.16, measure="level"),
    ),
    (
        "Setting aside the leases debate for a second (we'll handle that in the appendix), on plain cash capex "
        "what was Microsoft's capex as a share of revenue in fiscal 2025?",
        Expect(value=64.551 / 281.724, measure="ratio"),
    ),
    (
        "I've got Apple's FY24 revenue and capex from you already; for the margin bridge what was Apple's net "
        "income in fiscal 2024?",
        Expect(kind="not_found", tokens=("net income",)),
    ),
    # the premise's measure, of which the question's "spend" is the general kind
    (
        "meta's h1 ai capex doubled to 30.7bn — what did it spend in h1 2024 then?",
        Expect(value=15.35e9, rel=0.03, not_value=(14.573e9,)),
    ),
    # ... but a measure named again in the question is its own ("capex" as filed, not the article's AI capex)
    (
        "The article says Meta's AI capex was $30.7B in the first half of 2025. What does Meta's own 10-Q show for "
        "capex in the first six months of 2025?",
        Expect(value=29.479e9),
    ),
]


@pytest.mark.parametrize(("question", "expect"), LONG, ids=[q[:50] for q, _ in LONG])
def test_the_ask_comes_last(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


SLIPS = [
    ("Amazon capex devided by revenue for 2024, how much percent?", Expect(value=82.999 / 637.959, measure="ratio")),
    ("Between 2025 and 2032, how much dollars will annual capex of hyperscalars grow?", Expect(value=154e9)),
    (
        "If the hyperscaler capex grows by the same dollar amount every year from 2025 until 2032, how much is the "
        "step for one year?",
        Expect(value=22e9, measure="per_year_step"),
    ),
    (
        "The training share goes from 40% to 14%. This is a decrease of how much percent in relative terms?",
        Expect(value=-0.65, measure="percent_change"),
    ),
    (
        "Is it correct that hyperscaler capex in 2025 is 44% higher than in 2024?",
        Expect(kind="yes_no", verdict="yes"),
    ),
    ("Is it correct that hyperscaler capex in 2025 is 50% higher than in 2024?", Expect(kind="yes_no", verdict="no")),
    (
        "Will AI share of server revenue go above 30% within few years, according to article?",
        Expect(kind="yes_no", verdict="yes"),
    ),
]


@pytest.mark.parametrize(("question", "expect"), SLIPS, ids=[q[:50] for q, _ in SLIPS])
def test_everyday_slips(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


def test_before_the_drop_is_before_the_shift(answerer: Answerer) -> None:
    answerer.ask("What share of AI spending will go to training by 2032?", conversation_id="drop")
    check(answerer.ask("And what was the training share before the drop?", conversation_id="drop"), Expect(value=0.40))


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # a year to date that ends with the half named after it
        ("Microsoft YTD capex for the first half of FY26 (Jul-Dec 2025)?", Expect(value=49.27e9)),
        # a term only the lead-in uses is context; the last clause is asked, "per the article" and all
        (
            "We're rebuilding the AI-infra TAM bridge for tomorrow's note; the team already has the server-revenue "
            "mix. Last piece: per the article, what's the annual data-center and compute spend the hyperscalers are "
            "projected to reach by 2032?",
            Expect(value=525e9, measure="level"),
        ),
    ],
)
def test_to_date_and_lead_in_terms(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)
