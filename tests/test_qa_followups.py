"""Conversations: follow-ups reuse what the last question named, fresh questions do not."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest
from qa_expect import TODAY, Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore

_ids = itertools.count()


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(filings=False), today=TODAY)  # the article alone


def _conversation(answerer: Answerer, *turns: tuple[str, Expect]) -> None:
    """Ask each question in one new conversation and check each answer."""
    cid = f"conversation-{next(_ids)}"
    for question, expect in turns:
        check(answerer.ask(question, cid), expect)


def _leaves(tree: dict[str, Any]) -> list[dict[str, Any]]:
    inputs = tree.get("inputs") or []
    return [tree] if not inputs else [leaf for i in inputs for leaf in _leaves(i)]


HYPERSCALERS_2025 = Expect(value=371e9, status="forecast", subject="hyperscalers", period="2025")
HYPERSCALERS_2024 = Expect(value=257.6e9, rel=0.001, status="derived", subject="hyperscalers", period="2024")
HYPERSCALERS_2032 = Expect(value=525e9, status="forecast", subject="hyperscalers", period="2032")
META_H1_2025 = Expect(value=30.7e9, status="reported", subject="Meta", period="H1 2025")
META_H1_2024 = Expect(value=15.35e9, rel=0.001, status="derived", subject="Meta", period="H1 2024")
ALPHABET_H1_2025 = Expect(value=40e9, qualifier="nearly", subject="Alphabet", period="H1 2025")


@pytest.mark.parametrize(
    "follow_up",
    [
        "and in 2024?",
        "And 2024?",
        "what about 2024",
        "how about in 2024?",
        "and for 2024",
        "same for 2024?",
        "and the year before?",
    ],
)
def test_a_follow_up_changes_the_period(answerer: Answerer, follow_up: str) -> None:
    _conversation(answerer, ("What was hyperscaler capex in 2025?", HYPERSCALERS_2025), (follow_up, HYPERSCALERS_2024))


def test_how_did_you_get_that_explains_down_to_quoted_sources(answerer: Answerer) -> None:
    cid = "explain-derived"
    check(answerer.ask("What was hyperscaler capex in 2025?", cid), HYPERSCALERS_2025)
    check(answerer.ask("and in 2024?", cid), HYPERSCALERS_2024)
    a = answerer.ask("how did you get that?", cid)
    check(
        a,
        Expect(
            kind="explanation",
            value=257.6e9,
            rel=0.001,
            status="derived",
            period="2024",
            sources=True,
            tokens=("44%", "$371B"),
        ),
    )
    assert a.derivation is not None and a.derivation["formula"]
    leaves = _leaves(a.derivation)
    assert {leaf["value"] for leaf in leaves} == {371e9, 0.44}
    for leaf in leaves:
        assert leaf["sources"] and all(s["quote"] for s in leaf["sources"]), leaf
        assert any("$371 billion" in s["quote"] for s in leaf["sources"])
    # then the source, still in the same conversation
    s = answerer.ask("source?", cid)
    check(s, Expect(kind="explanation", sources=True, tokens=("$371 billion",)))
    # and the conversation goes on from the figure, not from the explanation
    check(answerer.ask("what about 2032?", cid), HYPERSCALERS_2032)


@pytest.mark.parametrize(
    "question",
    ["how did you get that?", "How was this computed?", "explain", "show your work", "how did you calculate that??"],
)
def test_ways_of_asking_for_the_derivation(answerer: Answerer, question: str) -> None:
    cid = f"explain-{question}"
    check(answerer.ask("hyperscaler capex 2024", cid), HYPERSCALERS_2024)
    a = answerer.ask(question, cid)
    check(a, Expect(kind="explanation", value=257.6e9, rel=0.001, sources=True))
    assert a.derivation is not None


@pytest.mark.parametrize("question", ["source?", "where is that from?", "what's the source", "cite it", "quote?"])
def test_ways_of_asking_for_the_source(answerer: Answerer, question: str) -> None:
    cid = f"source-{question}"
    check(answerer.ask("Meta AI capex H1 2025", cid), META_H1_2025)
    a = answerer.ask(question, cid)
    check(a, Expect(kind="explanation", sources=True))
    assert any("$30.7 billion" in s.quote for s in a.sources)


def test_a_stated_figure_is_explained_as_stated(answerer: Answerer) -> None:
    cid = "explain-stated"
    check(answerer.ask("Meta AI capex H1 2025", cid), META_H1_2025)
    a = answerer.ask("how did you get that?", cid)
    check(a, Expect(kind="explanation", value=30.7e9, status="reported", sources=True, tokens=("stated",)))
    assert a.derivation is None


def test_source_of_a_list(answerer: Answerer) -> None:
    cid = "source-of-list"
    check(answerer.ask("Who builds reasoning models?", cid), Expect(kind="list", items=("DeepSeek", "OpenAI")))
    a = answerer.ask("source?", cid)
    check(a, Expect(kind="explanation", sources=True, tokens=("DeepSeek",)))


def test_what_about_another_company_keeps_the_metric(answerer: Answerer) -> None:
    _conversation(
        answerer,
        ("Alphabet capex H1 2025", ALPHABET_H1_2025),
        ("what about Meta?", META_H1_2025),
        ("and the same period last year?", META_H1_2024),
    )


def test_what_about_another_company_gives_its_broader_figure_as_such(answerer: Answerer) -> None:
    """Alphabet's AI capex is not known: its counterpart is its total capex, said first to be broader,
    under its own metric; Meta's figure never stands in."""
    _conversation(
        answerer,
        ("Meta AI capex H1 2025", META_H1_2025),
        (
            "what about Alphabet?",
            Expect(
                subject="Alphabet",
                value=40e9,
                rel=0.01,
                tokens=("no AI capital expenditure for Alphabet", "broader"),
                not_value=(30.7e9,),
            ),
        ),
    )


def test_what_about_a_member_refuses_the_group_figure(answerer: Answerer) -> None:
    _conversation(
        answerer,
        ("hyperscaler capex 2025", HYPERSCALERS_2025),
        ("what about Microsoft?", Expect(kind="not_found", subject="Microsoft", not_value=(371e9,))),
        ("Microsoft?", Expect(kind="not_found", subject="Microsoft", not_value=(371e9,))),
    )


def test_follow_up_on_a_share_keeps_the_period(answerer: Answerer) -> None:
    _conversation(
        answerer,
        ("What share of AI spending will go to inference by 2032?", Expect(value=0.5, period="2032")),
        ("and training?", Expect(value=0.14, period="2032", subject="AI training")),
    )


def test_follow_up_with_a_pronoun(answerer: Answerer) -> None:
    _conversation(
        answerer,
        ("Meta AI capex H1 2025", META_H1_2025),
        ("how much did they spend on AI capex in H1 2024?", META_H1_2024),
    )


@pytest.mark.parametrize(
    ("first", "first_expect", "second", "second_expect"),
    [
        (
            "Meta AI capex H1 2025",
            META_H1_2025,
            "What will generative AI revenue be in 2032?",
            Expect(value=1.8e12, period="2032", subject="generative AI"),
        ),
        ("hyperscaler capex 2025", HYPERSCALERS_2025, "Alphabet capex H1 2025", ALPHABET_H1_2025),
        (
            "Meta AI capex H1 2025",
            META_H1_2025,
            "total tech spending 2032",
            Expect(value=11.25e12, rel=0.001, period="2032", status="derived"),
        ),
        ("Alphabet capex H1 2025", ALPHABET_H1_2025, "hyperscaler capex 2024", HYPERSCALERS_2024),
        (
            "genai revenue 2032",
            Expect(value=1.8e12),
            "inference share of AI spending 2032",
            Expect(value=0.5, subject="AI inference"),
        ),
        (
            "Meta AI capex H1 2025",
            META_H1_2025,
            "Who builds reasoning models?",
            Expect(kind="list", items=("DeepSeek", "OpenAI"), absent=("Meta",)),
        ),
        (
            "hyperscaler capex 2032",
            HYPERSCALERS_2032,
            "incremental digital ad spending by 2032",
            Expect(value=200e9, qualifier="at_least", subject="AI-driven advertising"),
        ),
        (
            "Meta AI capex H1 2025",
            META_H1_2025,
            "What is HBM?",
            Expect(kind="explanation", subject="High Bandwidth Memory"),
        ),
        (
            "compare Alphabet and Meta capex H1 2025",
            Expect(kind="comparison"),
            "hyperscaler capex 2025",
            HYPERSCALERS_2025,
        ),
    ],
)
def test_a_fully_specified_question_does_not_inherit_stale_context(
    answerer: Answerer, first: str, first_expect: Expect, second: str, second_expect: Expect
) -> None:
    _conversation(answerer, (first, first_expect), (second, second_expect))


def test_conversations_are_kept_apart(answerer: Answerer) -> None:
    check(answerer.ask("Meta AI capex H1 2025", "one"), META_H1_2025)
    check(answerer.ask("hyperscaler capex 2025", "two"), HYPERSCALERS_2025)
    check(answerer.ask("and the same period last year?", "one"), META_H1_2024)
    check(answerer.ask("and in 2024?", "two"), HYPERSCALERS_2024)


def test_no_conversation_id_means_no_context(answerer: Answerer) -> None:
    check(answerer.ask("Meta AI capex H1 2025"), META_H1_2025)
    a = answerer.ask("and the same period last year?")
    assert not a.answered or a.subject != "Meta"


@pytest.mark.parametrize("follow_up", ["y/y?", "yoy growth?", "and year-over-year?"])
def test_year_on_year_after_a_52_week_fiscal_year(follow_up: str) -> None:
    # Nvidia's fiscal years end on the last Sunday of January: the prior year is its own FY2025
    answerer = Answerer(KnowledgeStore(), today=date(2026, 3, 1))
    cid = f"nvda-{follow_up}"
    assert answerer.ask("NVDA revenue FY2026", cid).answered
    a = answerer.ask(follow_up, cid)
    assert a.measure == "percent_change", a.text
    assert a.value is not None and abs(a.value - (215.938 / 130.497 - 1)) < 0.001, a.text
    assert "FY2025" in a.text, a.text


@pytest.mark.parametrize("follow_up", ["what about FQ4 alone", "and fiscal Q4?", "just the 4th quarter?"])
def test_a_yearless_quarter_follow_up_is_that_quarter_of_the_year_just_asked(follow_up: str) -> None:
    answerer = Answerer(KnowledgeStore(), today=date(2026, 9, 1))
    cid = f"msft-{follow_up}"
    assert answerer.ask("MSFT capex FY25", cid).answered
    a = answerer.ask(follow_up, cid)
    # Microsoft's Q4 FY2025 (Apr-Jun 2025): FY 64.551B less its first three quarters
    check(a, Expect(value=17.079e9, rel=0.005, tokens=("Q4 FY2025",)))


def test_fq_is_a_fiscal_quarter() -> None:
    answerer = Answerer(KnowledgeStore(), today=date(2026, 9, 1))
    check(answerer.ask("Apple capex FQ1 2026"), Expect(tokens=("Q1 FY2026", "Oct – Dec 2025")))


def test_yoy_after_two_years_of_one_series_is_the_change_between_them() -> None:
    answerer = Answerer(KnowledgeStore(), today=TODAY)
    for q in ("googl capex fy24?", "and fy23?"):
        assert answerer.ask(q, "two-years").answered
    a = answerer.ask("so yoy growth?", "two-years")
    check(a, Expect(value=52.535 / 32.251 - 1, rel=0.01, measure="percent_change", tokens=("2023", "2024")))


def test_a_follow_up_keeps_the_source_asked_for() -> None:
    answerer = Answerer(KnowledgeStore(), today=date(2025, 10, 1))
    assert answerer.ask("how much capex did alphabet report for 1h per the piece", "piece").answered
    check(answerer.ask("and meta's?", "piece"), Expect(value=30.7e9, rel=0.001))


@pytest.mark.parametrize("follow_up", ["combined?", "both together?", "which is bigger?"])
def test_a_sum_or_comparison_follow_up_takes_the_two_companies_just_asked(follow_up: str) -> None:
    answerer = Answerer(KnowledgeStore(), today=date(2026, 3, 1))
    cid = f"two-{follow_up}"
    assert answerer.ask("GOOGL capex 2025", cid).answered
    assert answerer.ask("and META?", cid).answered
    a = answerer.ask(follow_up, cid)
    assert "Alphabet" in a.text and "Meta" in a.text, a.text
    if follow_up != "which is bigger?":
        check(a, Expect(value=91.447e9 + 69.691e9, rel=0.002, measure="sum"))


@pytest.mark.parametrize(
    ("first", "follow_up", "names"),
    [
        ("meta capex 2024", "How does it compare with Amazon's?", ("Amazon", "Meta")),
        ("alphabet capex 2025", "how does that stack up vs msft?", ("Alphabet", "Microsoft")),
    ],
)
def test_how_does_it_compare_sets_the_last_figure_beside_the_one_named(
    first: str, follow_up: str, names: tuple[str, ...]
) -> None:
    answerer = Answerer(KnowledgeStore(), today=date(2026, 3, 1))
    assert answerer.ask(first, "cmp").answered
    a = answerer.ask(follow_up, "cmp")
    assert a.kind == "comparison" and all(n in a.text for n in names), a.text


def test_a_possessive_beside_a_named_subject_is_not_a_follow_up() -> None:
    answerer = Answerer(KnowledgeStore(), today=date(2026, 3, 1))
    assert answerer.ask("Tell me about reasoning models", "poss").answered
    a = answerer.ask("What fraction of its revenue did Nvidia spend on capex in fiscal 2026?", "poss")
    check(a, Expect(value=6.042 / 215.938, rel=0.01, measure="ratio"))


def test_a_measure_of_its_own_does_not_inherit_the_last_metric() -> None:
    answerer = Answerer(KnowledgeStore(), today=date(2025, 10, 1))
    answerer.ask("What was Tesla's capex in 2024?", "own")
    a = answerer.ask("What is Meta's free cash flow in 2024?", "own")
    assert a.kind == "not_found" and a.value is None and "free cash flow" in a.text, a.text


def test_what_the_article_says_about_a_company_it_never_names() -> None:
    answerer = Answerer(KnowledgeStore(), today=date(2025, 10, 1))
    answerer.ask("Does the article give any figure for Google's cloud revenue?", "about")
    a = answerer.ask("What does the article say about Nvidia?", "about")
    assert a.kind == "explanation" and "does not mention Nvidia" in a.text, a.text
    b = answerer.ask("what does the piece say about DeepSeek?", "about")
    assert "reasoning" in b.text, b.text


def test_a_pm_style_conversation_over_two_companies() -> None:
    answerer = Answerer(KnowledgeStore(), today=date(2026, 3, 1))
    cid = "pm"
    check(answerer.ask("What did Amazon spend on capex in 2025?", cid), Expect(value=131.8e9, rel=0.005))
    b = answerer.ask("And how does that compare with the prior year?", cid)
    assert b.kind == "comparison" and "2024" in b.text and "2025" in b.text, b.text
    c = answerer.ask("What about Microsoft over the same period?", cid)
    assert "Microsoft" in c.text and "2024" in c.text, c.text
    d = answerer.ask("Which of the two grew faster?", cid)
    assert d.items and d.items[0]["label"] == "Amazon" and "Microsoft" in d.text, d.text


def test_a_forecast_follow_up_from_another_year_and_who_made_it() -> None:
    answerer = Answerer(KnowledgeStore(), today=date(2026, 3, 1))
    cid = "fc"
    assert answerer.ask("What's the article's forecast for hyperscaler spending in 2032?", cid).answered
    b = answerer.ask("And what does that imply for annual growth from 2025?", cid)
    check(b, Expect(value=(525 / 371) ** (1 / 7) - 1, rel=0.01, measure="cagr"))
    c = answerer.ask("Who made that forecast?", cid)
    assert "names no forecaster" in c.text and "DeepSeek" not in c.text, c.text


def test_which_is_higher_and_by_how_much_after_two_companies_and_a_refusal_between() -> None:
    answerer = Answerer(KnowledgeStore(), today=date(2026, 3, 1))
    cid = "hi"
    assert answerer.ask("Tell me about Alphabet's capex in the first half of 2025.", cid).answered
    v = answerer.ask("Is that consistent with its 10-Q?", cid)
    assert (v.kind, v.verdict) == ("yes_no", "yes"), v.text
    answerer.ask("How much of it was driven by AI?", cid)  # refused: not a topic for what follows
    assert answerer.ask("And Meta's, for the same period?", cid).answered
    c = answerer.ask("Which is higher?", cid)
    assert c.kind == "comparison" and "Alphabet" in c.text and "Meta" in c.text, c.text
    d = answerer.ask("By how much?", cid)
    check(d, Expect(kind="comparison", value=39.643e9 - 29.479e9, rel=0.005, measure="difference"))
