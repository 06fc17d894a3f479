"""Questions whose answer is a number: stated, derived, and computed on demand.

Each case is a question in one of many phrasings (terse, long-winded, lower-case, typos,
tickers, "1H25" / "H1 2025" / "first half of 2025" / "first two quarters of 2025",
trailing punctuation and emoji) and the fields its answer must carry. Text is only
searched for key tokens such as "$30.7B".
"""

from __future__ import annotations

import pytest
from qa_expect import TODAY, Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(filings=False), today=TODAY)  # the article alone


def _cases(expect: Expect, *questions: str) -> list[object]:
    return [pytest.param(q, expect, id=q[:60]) for q in questions]


# ---------------------------------------------------------------- stated values

META_H1_2025 = Expect(
    value=30.7e9,
    unit="USD",
    qualifier="exact",
    status="reported",
    subject="Meta",
    period="H1 2025",
    tokens=("$30.7B",),
    sources=True,
)
ALPHABET_H1_2025 = Expect(
    value=40e9,
    unit="USD",
    qualifier="nearly",
    status="reported",
    subject="Alphabet",
    period="H1 2025",
    tokens=("$40B",),
    sources=True,
)
HYPERSCALERS_2025 = Expect(
    value=371e9,
    unit="USD",
    qualifier="exact",
    status="forecast",
    subject="hyperscalers",
    period="2025",
    tokens=("$371B",),
    sources=True,
)
HYPERSCALERS_2032 = Expect(
    value=525e9,
    unit="USD",
    qualifier="exact",
    status="forecast",
    subject="hyperscalers",
    period="2032",
    tokens=("$525B",),
    sources=True,
)
GENAI_REVENUE_2032 = Expect(
    value=1.8e12, unit="USD", qualifier="exact", status="forecast", period="2032", tokens=("$1.8T",), sources=True
)
GENAI_SHARE_2032 = Expect(
    value=0.16, unit="ratio", qualifier="at_most", status="forecast", period="2032", tokens=("16%",), sources=True
)
INFERENCE_SHARE_2032 = Expect(
    value=0.5, unit="ratio", qualifier="nearly", status="forecast", period="2032", tokens=("50%",), sources=True
)
TRAINING_SHARE_2032 = Expect(
    value=0.14, unit="ratio", qualifier="exact", status="forecast", period="2032", tokens=("14%",), sources=True
)
SERVER_SHARE_NOW = Expect(
    value=0.20, unit="ratio", qualifier="at_least", status="reported", tokens=("20%",), sources=True
)
SERVER_SHARE_FEW_YEARS = Expect(
    value=0.40, unit="ratio", qualifier="approximately", status="forecast", tokens=("40%",), sources=True
)
AD_SPENDING_2032 = Expect(
    value=200e9, unit="USD", qualifier="at_least", status="forecast", period="2032", tokens=("$200B",), sources=True
)

STATED = [
    *_cases(
        META_H1_2025,
        "What did Meta spend on AI capex in the first half of 2025?",
        "meta ai capex h1 2025",
        "Meta AI capex H1 2025?",
        "META AI capex 1H25",
        "What was Meta's AI capital expenditure in H1 2025?",
        "How much AI capital spending did Meta report for the first two quarters of 2025?",
        "metta ai capx first half of 2025",
        "Facebook AI capex in the first half of 2025",
        "Meta Platforms AI capital spending, H1 2025!!",
        "Hey, could you please tell me roughly how much Meta Platforms spent on capital expenditure for AI "
        "during the first half of 2025? Thanks a lot 🙏",
        "meta's ai capex for 1H 2025 ???",
        "AI capex Meta H1 2025 🚀",
    ),
    *_cases(
        ALPHABET_H1_2025,
        "Alphabet capex H1 2025",
        "What did Google spend on capex in the first half of 2025?",
        "GOOGL capital expenditure 1H25",
        "alphabat capx h1 2025",
        "How much capital expenditure did Alphabet report for the first two quarters of 2025?",
        "googel capex first half of 2025 😀",
        "GOOG capex H1 2025.",
        "alphabet inc. capital spending in h1 2025?",
    ),
    *_cases(
        HYPERSCALERS_2025,
        "hyperscaler capex 2025",
        "What will hyperscalers spend on data centers in 2025?",
        "hyperscalrs capex 2025",
        "How much are the tech giants expected to allocate to data centers and computing resources in 2025?",
        "big tech data center spending 2025",
        "hyperscale companies' capital expenditure in 2025",
        "hyperscaler spend 2025?",
        "What is the 2025 capex forecast for the hyperscalers?",
        "hyperscalers capx 2025!",
    ),
    *_cases(
        HYPERSCALERS_2032,
        "hyperscaler capex 2032",
        "How much will hyperscalers spend annually by 2032?",
        "hyperscalers data center spending by 2032",
        "tech giants capex in 2032?",
    ),
    *_cases(
        GENAI_REVENUE_2032,
        "generative AI revenue 2032",
        "How much annual revenue could generative AI generate by 2032?",
        "genai revenue by 2032",
        "gen AI sales in 2032",
        "What's the 2032 revenue forecast for generative AI?",
    ),
    *_cases(
        GENAI_SHARE_2032,
        "What share of total tech spending will generative AI account for by 2032?",
        "genAI share of tech spending 2032",
        "What percentage of total tech spending is generative AI in 2032?",
        "genai portion of total tech spending by 2032",
    ),
    *_cases(
        INFERENCE_SHARE_2032,
        "What share of AI spending will go to inference by 2032?",
        "inference share of AI spending 2032",
        "inferance share of ai spending 2032",
        "inference's share of all AI spending in 2032?",
    ),
    *_cases(
        TRAINING_SHARE_2032,
        "training share of AI spending 2032",
        "What share of AI spending goes to training in 2032?",
        "training's share of AI spending by 2032",
    ),
    *_cases(
        SERVER_SHARE_NOW,
        "What share of global server revenue does AI account for now?",
        "AI share of server revenue currently",
        "what percentage of server revenue is AI today",
    ),
    *_cases(
        SERVER_SHARE_FEW_YEARS,
        "What share of server revenue could AI reach within a few years?",
        "AI share of global server revenue within a few years",
    ),
    *_cases(
        AD_SPENDING_2032,
        "incremental digital ad spending by 2032",
        "How much incremental ad spending will AI add by 2032?",
        "AI advertising spend 2032",
    ),
]


STATED.append(
    pytest.param(
        "How much did Meta invest in AI infrastructure in the first two quarters of 2025?",
        META_H1_2025,
        id="Meta invest in AI infrastructure",
    )
)


@pytest.mark.parametrize(("question", "expect"), STATED)
def test_stated_values(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


# ---------------------------------------------------------------- derived values

HYPERSCALERS_2024 = Expect(
    value=257.6e9,
    rel=0.001,
    unit="USD",
    status="derived",
    subject="hyperscalers",
    period="2024",
    tokens=("$257.6B",),
    sources=True,
)
META_H1_2024 = Expect(
    value=15.35e9,
    rel=0.001,
    unit="USD",
    qualifier="approximately",
    status="derived",
    subject="Meta",
    period="H1 2024",
    sources=True,
)
TECH_SPENDING_2032 = Expect(
    value=11.25e12,
    rel=0.001,
    unit="USD",
    qualifier="at_least",
    status="derived",
    period="2032",
    tokens=("$11.25T",),
    sources=True,
)
TRAINING_SHARE_DROP = Expect(value=-0.26, rel=0.001, unit="pp", tokens=("26 pp",))

DERIVED = [
    *_cases(
        HYPERSCALERS_2024,
        "hyperscaler capex 2024",
        "What was hyperscaler spending in 2024?",
        "hyperscalers data center spend 2024",
        "tech giants' data center spending in 2024?",
        "How much did the hyperscalers invest in data centers and computing resources in 2024?",
        "hyperscalrs capx 2024",
    ),
    *_cases(
        META_H1_2024,
        "Meta AI capex H1 2024",
        "What did Meta spend on AI capex in the first half of 2024?",
        "META ai capx 1H24",
        "meta ai capital expenditure first two quarters of 2024",
    ),
    *_cases(
        TECH_SPENDING_2032,
        "total tech spending 2032",
        "What will total tech spending be in 2032?",
        "How big will total technology spending be by 2032?",
    ),
    *_cases(
        TRAINING_SHARE_DROP,
        "How much will training's share of AI spending drop?",
        "change in the training share of AI spending",
        "By how many percentage points does training's share of AI spending fall by 2032?",
    ),
]


@pytest.mark.parametrize(("question", "expect"), DERIVED)
def test_derived_values(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


def test_derived_value_carries_its_derivation(answerer: Answerer) -> None:
    a = answerer.ask("hyperscaler capex 2024")
    assert a.derivation is not None
    assert a.derivation["formula"]
    assert a.derivation["value"] == pytest.approx(257.6e9, rel=0.001)
    assert a.derivation["inputs"]


# ---------------------------------------------------------------- analytics

CHANGE_2024_2025 = Expect(value=0.44, rel=0.001, unit="ratio", status="derived", tokens=("44%",))
CHANGE_2025_2032 = Expect(value=525 / 371 - 1, rel=0.001, unit="ratio", status="derived", tokens=("41.5%",))
CAGR_2025_2032 = Expect(value=(525 / 371) ** (1 / 7) - 1, rel=0.01, unit="ratio", status="derived", tokens=("5.1%",))
MULTIPLE_2025_2032 = Expect(value=525 / 371, rel=0.001, unit="multiple", status="derived", tokens=("1.42x",))
AVERAGE_PER_QUARTER = Expect(value=15.35e9, rel=0.001, unit="USD", status="derived", tokens=("$15.4B",))
ANNUALISED = Expect(value=61.4e9, rel=0.001, unit="USD", status="derived", tokens=("$61.4B",))
SUM_H1_2025 = Expect(
    value=70.7e9, rel=0.001, unit="USD", status="derived", items=("Alphabet", "Meta"), tokens=("$70.7B",)
)
DIFFERENCE_H1_2025 = Expect(
    kind=("value", "comparison"), value=9.3e9, rel=0.001, unit="USD", first=("Alphabet", "Meta"), tokens=("$9.3B",)
)
RATIO_H1_2025 = Expect(kind=("value", "comparison"), value=40 / 30.7, rel=0.001, first=("Alphabet", "Meta"))
RANK_H1_2025 = Expect(kind="list", first=("Alphabet", "Meta"), n_items=2)
COMPARE_H1_2025 = Expect(
    kind="comparison", first=("Alphabet", "Meta"), n_items=2, tokens=("$40B", "$30.7B"), sources=True
)
COMPARE_SHARES_2032 = Expect(kind="comparison", first=("inference", "training"), n_items=2, tokens=("50%", "14%"))

ANALYTICS = [
    *_cases(
        CHANGE_2024_2025,
        "How much did hyperscaler capex grow from 2024 to 2025?",
        "hyperscaler spending growth 2024 to 2025",
        "By what percent did hyperscaler data center spending increase between 2024 and 2025?",
        "hyperscalers capex change 2024-2025",
    ),
    *_cases(
        CHANGE_2025_2032,
        "How much will hyperscaler capex grow from 2025 to 2032?",
        "change in hyperscaler data center spending between 2025 and 2032",
    ),
    *_cases(
        CAGR_2025_2032,
        "What is the CAGR of hyperscaler capex from 2025 to 2032?",
        "hyperscaler capex compound annual growth rate 2025-2032",
        "cagr hyperscalers spending 2025 to 2032",
    ),
    *_cases(
        MULTIPLE_2025_2032,
        "How many times bigger is hyperscaler capex in 2032 than in 2025?",
        "hyperscaler capex 2032 vs 2025: how many times larger?",
    ),
    *_cases(
        AVERAGE_PER_QUARTER,
        "What was Meta's average AI capex per quarter in H1 2025?",
        "meta ai capex per quarter h1 2025",
    ),
    *_cases(
        ANNUALISED,
        "What is Meta's annualised AI capex based on H1 2025?",
        "meta ai capex run-rate h1 2025",
        "Meta AI capex H1 2025 annualized",
    ),
    *_cases(
        SUM_H1_2025,
        "What was the combined capex of Meta and Alphabet in H1 2025?",
        "Alphabet and Meta capex H1 2025 combined",
        "total of Meta and Alphabet capex in the first half of 2025",
    ),
    *_cases(
        DIFFERENCE_H1_2025,
        "What is the difference between Alphabet and Meta capex in H1 2025?",
        "How much more did Alphabet spend on capex than Meta in H1 2025?",
    ),
    *_cases(
        RATIO_H1_2025,
        "What is the ratio of Alphabet capex to Meta capex in H1 2025?",
    ),
    *_cases(
        RANK_H1_2025,
        "rank capex H1 2025",
        "Who spent the most on capex in the first half of 2025?",
        "ranking of capital expenditure in H1 2025",
    ),
    *_cases(
        COMPARE_H1_2025,
        "compare Alphabet and Meta capex H1 2025",
        "Alphabet vs Meta capex in H1 2025",
        "GOOGL versus META capex 1H25",
        "Which spent more on capex in H1 2025, Meta or Alphabet?",
        "compare meta and google capx first half of 2025",
    ),
    *_cases(
        COMPARE_SHARES_2032,
        "Which is bigger by 2032, inference or training share of AI spending?",
        "compare inference and training share of AI spending in 2032",
        "inference vs training share of AI spending 2032",
    ),
]


@pytest.mark.parametrize(("question", "expect"), ANALYTICS)
def test_analytics(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


def test_computed_answer_shows_its_inputs(answerer: Answerer) -> None:
    a = answerer.ask("What is the CAGR of hyperscaler capex from 2025 to 2032?")
    assert a.derivation is not None
    values = sorted(i["value"] for i in a.derivation["inputs"])
    assert values == pytest.approx([371e9, 525e9])
    assert all(i["sources"] for i in a.derivation["inputs"])


def test_a_narrower_reported_metric_is_flagged(answerer: Answerer) -> None:
    """Meta reports AI capex; asked for capex, the answer says it is the narrower figure."""
    a = answerer.ask("Meta capex H1 2025")
    check(a, Expect(value=30.7e9, subject="Meta", period="H1 2025"))
    assert "narrower" in a.text.lower()
