"""Words that look like a measure but are not the one asked: "annual" before a metric names a year's
level (no rate a year), "starting point" is a point in time (not percentage points), a premise's 44%
is evidence (not the threshold), a method in brackets ("summed over quarters") does not turn a median
into a total; and words that fix a sign: a revision "from the original to the current" and "A minus B"."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore

CAGR_25_32 = (525 / 371) ** (1 / 7) - 1


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2026, 6, 1))


CASES = [
    # "annual hyperscaler capex" is the yearly figure; the change of it is asked, not a rate a year
    ("abs increase in annual hyperscaler capex 2025 to 2032?", Expect(value=154e9, measure="difference")),
    ("abs. change in annual hyperscaler capex from 2025 to 2032", Expect(value=154e9, measure="difference")),
    (
        "percent rise in annual hyperscaler capex, 2025 to 2032?",
        Expect(value=525 / 371 - 1, measure="percent_change", not_value=(CAGR_25_32,)),
    ),
    # ... while a rate a year, written as one, stays the compound rate
    ("annual growth rate of hyperscaler capex 2025-2032", Expect(value=CAGR_25_32, measure="cagr")),
    ("how fast does hyperscaler capex grow annually from 2025 to 2032?", Expect(value=CAGR_25_32, measure="cagr")),
    # a restatement's change from the first filed figure to the current one is signed
    (
        "How did Meta's 2023 capex change from the originally filed number to the restated one?",
        Expect(value=-221e6, measure="difference"),
    ),
    ("meta 2023 capex: restated minus original?", Expect(value=-221e6, measure="difference")),
    # ... how far apart they are is not
    ("how much lower is Meta's restated 2023 capex than first filed?", Expect(value=221e6, measure="difference")),
    # "A minus B", whatever stands between: a negative gap when A is the smaller
    (
        "Meta filed H1 2025 capex minus the article's $30.7bn AI capex number, what's the difference?",
        Expect(kind="comparison", value=29.479e9 - 30.7e9, measure="difference"),
    ),
    # where a change starts, asked beside the figure it reaches
    (
        "training's share of AI spending: the starting point before it drops to 14%?",
        Expect(value=0.40, measure="level", not_value=(-0.65, -0.26)),
    ),
    ("AI training share — what was the starting level before the fall to 14%?", Expect(value=0.40, measure="level")),
    # a premise's rate is evidence; the threshold is the one the question sets
    (
        "Backing 2024 out of the 44% growth rate, does 2032 hyperscaler capex come to more than double 2024's?",
        Expect(kind="yes_no", verdict="yes", value=525 / (371 / 1.44), measure="multiple"),
    ),
    # how one member's figure is made, said in brackets, leaves the measure asked alone
    (
        "median CY2025 capex of Amazon, Alphabet, Meta and Microsoft (Microsoft's summed from its quarters)?",
        Expect(value=(83.094e9 + 91.447e9) / 2, measure="median"),
    ),
]


@pytest.mark.parametrize(("question", "expect"), CASES, ids=[q for q, _ in CASES])
def test_the_measure_asked(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)
