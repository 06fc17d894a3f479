"""Analysts' notation and marks: "last full calendar year", "24->25", "25e->32e", "$ incr", a figure
set against an amount written with another measure's name ("... >= article's $30.7B AI capex fig?"),
"how much higher is that than what Meta filed?", the present as one end of a change to "within a
few years", "doubled to how much?" (the level, not a yes), and "vs last yr?" after a fiscal year."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2026, 8, 15))


@pytest.fixture(scope="module")
def in_2025() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2025, 10, 1))


CASES = [
    # the year before this one, however it is said
    (
        "What were Amazon's purchases of property and equipment for the last full calendar year?",
        Expect(value=131.819e9),
    ),
    ("amazon capex last full year", Expect(value=131.819e9, not_value=(44.203e9,))),
    ("msft capex last full calendar year", Expect(value=83.094e9, period="calendar 2025")),
    # a figure against an amount written with another measure's name: the figure named first
    ("meta filed capex H1'25 >= article's $30.7B AI capex fig?", Expect(kind="yes_no", verdict="no")),
    ("did Meta's filed H1 2025 capex exceed the $30.7B AI capex figure?", Expect(kind="yes_no", verdict="no")),
    # ... and a threshold's "on capex" is still the measure asked
    (
        "Of Amazon, Alphabet and Meta, which ones spent more than $50bn on capex in 2024?",
        Expect(kind="list", items=("Amazon", "Alphabet"), tokens=("More than $50B",)),
    ),
]


@pytest.mark.parametrize(("question", "expect"), CASES, ids=[q for q, _ in CASES])
def test_periods_and_marks(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


ARTICLE = [
    ("implied $ incr in hyperscaler capex 24->25?", Expect(value=371e9 - 371e9 / 1.44, measure="difference")),
    ("hyperscaler capex 25e->32e, linear $/yr step", Expect(value=22e9, measure="per_year_step")),
    ("straight-line $/yr step 371 -> 525?", Expect(value=22e9, measure="per_year_step")),
    # two shares joined by an arrow are no years
    (
        "by what % does training's share of AI spend shrink, relative terms, 40 -> 14?",
        Expect(value=0.14 / 0.40 - 1, measure="percent_change"),
    ),
    (
        "Our draft uses $30.7bn for Meta's H1 2025 capex. How much higher is that than what Meta actually filed "
        "as capex for H1 2025?",
        Expect(value=30.7e9 - 29.479e9, measure="difference"),
    ),
    (
        "Expressed as a multiple, how does the forecast 2032 training share of AI spending compare with the current "
        "training share?",
        Expect(value=0.35, measure="multiple"),
    ),
    (
        "how does the 2032 training share compare with the current one?",
        Expect(kind="comparison", tokens=("40%", "14%")),
    ),
    (
        "By how many percentage points is AI's share of global server revenue expected to rise, from its current "
        "level to the level the article anticipates within a few years?",
        Expect(value=0.20, measure="pp_change", rel=0.05),
    ),
    ("AI share of server rev, few-yrs target vs now, x", Expect(value=2.0, measure="multiple", rel=0.05)),
    (
        "The article says Meta's AI spending doubled in the first half of 2025 - doubled to how much exactly?",
        Expect(value=30.7e9, measure="level"),
    ),
]


@pytest.mark.parametrize(("question", "expect"), ARTICLE, ids=[q for q, _ in ARTICLE])
def test_article_notation(in_2025: Answerer, question: str, expect: Expect) -> None:
    check(in_2025.ask(question), expect)


@pytest.mark.parametrize("prior", ["vs last yr?", "vs prior yr?", "vs prior fy?"])
def test_the_year_before_a_fiscal_year(in_2025: Answerer, prior: str) -> None:
    conversation = f"fy-{prior}"
    in_2025.ask("msft capex FY25", conversation_id=conversation)
    check(in_2025.ask(prior, conversation_id=conversation), Expect(kind="comparison", tokens=("FY2024", "$44.5B")))
    check(in_2025.ask("as % of rev?", conversation_id=conversation), Expect(value=64.551 / 281.724, measure="ratio"))
