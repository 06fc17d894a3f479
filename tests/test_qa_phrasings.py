"""More phrasings: percentages, rates up to a year, data-centre words, explanations of analytics."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import TODAY, TTL_PREFIXES, Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(filings=False), today=TODAY)  # the article alone


GENAI_SHARE = Expect(value=0.16, unit="ratio", qualifier="at_most", status="forecast", period="2032")
CAGR_2025_2032 = Expect(value=(525 / 371) ** (1 / 7) - 1, rel=0.01, unit="ratio", tokens=("2025", "2032"))
DC_2032 = Expect(value=525e9, status="forecast", subject="hyperscalers", period="2032")


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("what percent of tech spend will gen ai be in 2032", GENAI_SHARE),
        ("genAI as a percentage of total technology spending in 2032?", GENAI_SHARE),
        ("pct of IT spending going to generative AI by 2032", GENAI_SHARE),
        ("how fast will hyperscaler capex grow annually through 2032", CAGR_2025_2032),
        ("annual growth rate of hyperscaler spending to 2032", CAGR_2025_2032),
        ("How big is the hyperscaler data center budget going to be in 2032?", DC_2032),
        ("what will the tech giants spend on data centres by 2032", DC_2032),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_phrasings(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


def test_a_change_is_explained_down_to_its_sources(answerer: Answerer) -> None:
    cid = "explain-a-change"
    change = answerer.ask("by how much did Meta grow AI capex year over year in H1 2025?", cid)
    check(change, Expect(value=1.0, rel=0.01, unit="ratio", qualifier="approximately", status="derived"))
    how = answerer.ask("how was that calculated", cid)
    assert how.kind == "explanation"
    assert "doubling" in how.text.lower() or "2x" in how.text
    assert any("30.7 billion" in s.quote for s in how.sources)


def test_an_amazon_data_centre_question_is_refused_not_answered_with_the_group(answerer: Answerer) -> None:
    a = answerer.ask("what did amazon spend on data centres in 2025")
    check(a, Expect(kind="not_found", not_value=(371e9,), suggestions=True))


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # each subject with the metric written next to it
        (
            "Which is bigger by 2032, generative AI revenue or hyperscaler data center spend?",
            Expect(kind="comparison", first=("generative AI", "hyperscalers"), tokens=("$1.8T", "$525B")),
        ),
        (
            "Alphabet capex as a multiple of Meta AI capex H1 2025",
            Expect(kind="comparison", value=40 / 30.7, rel=0.01, unit="multiple", qualifier="approximately"),
        ),
        # no metric named: each subject's only figure in the period, with a note that they differ
        (
            "what's the gap between Alphabet and Meta in H1 2025",
            Expect(kind="comparison", value=9.3e9, rel=0.01, tokens=("different",)),
        ),
        # verb forms ask for the change
        ("is training share falling?", Expect(kind="yes_no", verdict="yes", value=-0.26, unit="pp", status="derived")),
        (
            "is the training share of AI spending declining",
            Expect(kind="yes_no", verdict="yes", value=-0.26, unit="pp"),
        ),
        # a figure written in the question finds its source
        (
            "what is the source for the $371B figure?",
            Expect(kind="explanation", tokens=("$371 billion",), sources=True),
        ),
        ("where does 44% come from", Expect(kind="explanation", tokens=("44%",), sources=True)),
        # a forecaster's figures
        (
            "what does Bloomberg Intelligence forecast?",
            # the $371B / $525B sentence names no forecaster, so only the genAI figures are Bloomberg's
            Expect(kind="explanation", items=("generative AI",), tokens=("$1.8T",), absent=("$371B",)),
        ),
        ("tell me about Microsoft", Expect(kind="explanation", tokens=("MSFT", "June", "hyperscalers"))),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_more_phrasings(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        (
            "How much did Meta invest in AI during the first six months of 2025?",
            Expect(value=30.7e9, period="H1 2025", status="reported"),
        ),
        ("How much did Meta spend in H1 2025?", Expect(value=30.7e9, subject="Meta")),
        ("Show me everything about inference", Expect(kind="explanation", tokens=("50%",))),
        ("what do reasoning models need?", Expect(kind="list", tokens=("inference",))),
        ("How much will AI add to ad spend?", Expect(value=200e9, qualifier="at_least", tokens=("part of",))),
        # a cumulative total needs every year of the range: the graph has 2025 and 2032 only
        (
            "how much will hyperscalers spend between 2025 and 2032 in total?",
            Expect(kind="not_found", not_value=(371e9, 525e9, 896e9), tokens=("2026",), suggestions=True),
        ),
        # a part of AI (advertising) is never the answer to all of AI's spending
        ("How much will be spent on AI in 2032?", Expect(kind="not_found", not_value=(200e9,))),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_parts_periods_and_totals(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


def test_a_cumulative_total_when_every_year_is_known():
    ks = KnowledgeStore(filings=False)  # the years below are made up; Meta's filed revenue would contradict them
    years = "\n".join(
        f"""<https://kgbot.dev/id/obs/t/acme-{y}> a qb:Observation ; kg:subject <https://kgbot.dev/id/org/meta> ;
    kg:metric <https://kgbot.dev/id/metric/revenue> ; kg:period <https://kgbot.dev/id/period/y{y}> ;
    kg:value {v}.0 ; sdmx-attribute:unitMeasure kg:USD ; sdmx-attribute:obsStatus sdmx-code:obsStatus-A ;
    prov:wasDerivedFrom <https://kgbot.dev/id/source/ai-inference-shift-2025> ; kg:quote "Revenue was {v}." .
<https://kgbot.dev/id/period/y{y}> a kg:CalendarYear ; rdfs:label "{y}" ;
    kg:startDate "{y}-01-01"^^xsd:date ; kg:endDate "{y}-12-31"^^xsd:date ."""
        for y, v in ((2021, 100), (2022, 200), (2023, 300))
    )
    ks.load_data(TTL_PREFIXES + years, "turtle", source="years.ttl")
    a = Answerer(ks, today=TODAY).ask("Meta's total revenue from 2021 to 2023 combined")
    check(a, Expect(value=600.0, unit="USD", status="derived"))


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("Can you tell me what Nvidia's revenue was in fiscal 2025?", 130.497e9),
        ("Could you remind me how much Meta spent on capex in 2023?", 27.045e9),
        ("Please give me Alphabet's 2024 capex", 52.535e9),
        ("I'd like you to pull Amazon's 2024 capex", 82.999e9),
    ],
)
def test_a_polite_request_is_its_question_not_a_yes_or_no(question: str, value: float) -> None:
    a = Answerer(KnowledgeStore(), today=date(2026, 3, 1)).ask(question)
    assert a.kind == "value" and a.verdict is None, a.text
    assert a.value is not None and abs(a.value - value) / value < 0.005, a.text


def test_can_with_a_threshold_stays_a_yes_or_no() -> None:
    a = Answerer(KnowledgeStore(), today=date(2026, 3, 1)).ask("Can Meta's capex exceed $70bn in 2025?")
    assert a.kind == "yes_no" and a.verdict == "no", a.text
