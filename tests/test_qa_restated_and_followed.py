"""A period said again in the company's fiscal reading ("1Q26 — the Sept-25 quarter"), half as a
threshold ("a majority of", "most AI spending"), the article's naming of companies (no source asked),
spending set against sales (capex intensity), and follow-ups that name the measures just asked
("so revenue is how many times capex?", "as a % of revenue?", "so what was it in 2024?")."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2026, 8, 15))


CASES = [
    ("Microsoft 1Q26 capex — the Sept-25 quarter", Expect(value=19.394e9, not_value=(30.876e9,))),
    ("apple 1Q26 revenue, the Dec-25 quarter", Expect(value=143.756e9)),
    ("msft capex sep-25 qtr", Expect(value=19.394e9)),
    ("Will inference be a majority of AI spending by 2032 according to this?", Expect(kind="yes_no", verdict="no")),
    ("will most AI spending go to inference by 2032?", Expect(kind="yes_no", verdict="no")),
    ("will training be a minority of AI spend by 2032?", Expect(kind="yes_no", verdict="yes")),
    ("is AI expected to add atleast $150bn in incremental ad spend by 2032?", Expect(kind="yes_no", verdict="yes")),
    (
        "Add up calendar-2024 capex for the article's three names (Amazon, Meta, Microsoft on calendar quarters)",
        Expect(value=82.999e9 + 37.256e9 + 55.552e9, measure="sum", not_value=(371e9 / 1.44,)),
    ),
    (
        "Who spends more relative to sales in 2025, Meta or Alphabet — and by how many points?",
        Expect(kind="comparison", value=69.691 / 200.966 - 91.447 / 402.836, measure="pp_change"),
    ),
]


@pytest.mark.parametrize(("question", "expect"), CASES, ids=[q for q, _ in CASES])
def test_said_again_and_thresholds(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


CONVERSATIONS = [
    (
        ["genAI revenue by 2032 per Bloomberg Intelligence?", "and hyperscaler capex in 2032?"],
        "so revenue is how many times capex?",
        Expect(kind="comparison", value=1.8e12 / 525e9, measure="multiple"),
    ),
    (
        ["microsoft capex FY2025?", "and revenue for the same fiscal year?"],
        "as a % of revenue?",
        Expect(value=64.551 / 281.724, measure="ratio"),
    ),
    (
        ["how much is hyperscaler capex expected to grow in 2025?"],
        "so what was it in 2024 in $ terms?",
        Expect(value=371e9 / 1.44, measure="level", not_value=(0.44,)),
    ),
]


@pytest.mark.parametrize(("before", "question", "expect"), CONVERSATIONS, ids=[c[1] for c in CONVERSATIONS])
def test_follow_ups_name_what_was_just_asked(
    answerer: Answerer, before: list[str], question: str, expect: Expect
) -> None:
    conversation = f"c-{question}"
    for earlier in before:
        answerer.ask(earlier, conversation_id=conversation)
    check(answerer.ask(question, conversation_id=conversation), expect)


MORE = [
    # "and by how much": the verdict, with the gap as the value
    (
        "Dec-25 quarter: did MSFT out-spend GOOGL on capex, and by how much?",
        Expect(kind="yes_no", verdict="yes", value=29.876e9 - 27.851e9, measure="difference"),
    ),
    ("did Meta outspend Alphabet in 2025?", Expect(kind="yes_no", verdict="no")),
    (
        "how much did GOOGL outspend META in 2025?",
        Expect(kind="comparison", value=91.447e9 - 69.691e9, measure="difference"),
    ),
    # the article asked about: the filings decide nothing the article does not say
    (
        "does the article say Microsoft spends more than Amazon on capex in 2025?",
        Expect(kind="yes_no", verdict="unknown"),
    ),
    # months written with their years on both sides
    ("Microsoft capex July 2025 to June 2026", Expect(value=115.948e9)),
    ("Microsoft FY26 capex (July 2025 to June 2026)?", Expect(value=115.948e9)),
    # a count the sources hold no such things for; a count of a group's named members
    ("How many new data centres does the article say will be built by 2032?", Expect(kind="not_found")),
    ("how many companies are named as hyperscalers?", Expect(kind="list", tokens=("3 named",), n_items=3)),
    # whose figure, when only one subject holds it
    ("whose AI capex doubled y/y in H1 2025, per the article?", Expect(tokens=("Meta",))),
]


@pytest.mark.parametrize(("question", "expect"), MORE, ids=[q for q, _ in MORE])
def test_gaps_counts_and_whose(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


ASIDES = [
    # how a figure was worked out, in brackets, is an aside
    (
        "how many x bigger is the 2032 hyperscaler capex forecast than 2024's (implied from the 44%)?",
        Expect(value=525 / (371 / 1.44), measure="multiple"),
    ),
    # "did any of A, B, C or D ...?" asks whether, not which
    (
        "did any of Amazon, Alphabet, Meta or Microsoft spend over $80B on capex in calendar 2024?",
        Expect(kind="yes_no", verdict="yes"),
    ),
    ("did Meta or Alphabet spend more on capex in 2025?", Expect(kind="comparison")),
    # the kind of source named beside the metric names no narrower measure
    ("when you quote filings capex, what exactly is counted?", Expect(kind="explanation", tokens=("property",))),
    ("filings capex meta 2024", Expect(value=37.256e9)),
    # a figure of someone the sources never mention, however it is asked
    ("What does the article say Oracle is spending on data centers?", Expect(kind="not_found", tokens=("Oracle",))),
]


@pytest.mark.parametrize(("question", "expect"), ASIDES, ids=[q for q, _ in ASIDES])
def test_asides_and_quantifiers(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


TAKES_IN = [
    # what a company makes, earns or brings in is its revenue
    ("how much did nvidia make in fiscal 2026?", Expect(value=215.938e9, measure="level")),
    (
        "is nvidia making more than apple now? like comparing each one's latest full fiscal year",
        Expect(kind="yes_no", verdict="no"),
    ),
    # "a year", with no year named: the latest full (fiscal) year
    ("how much money does apple make a year?", Expect(value=416.161e9, measure="level")),
    ("meta annual capex?", Expect(value=69.691e9, measure="level")),
]


@pytest.mark.parametrize(("question", "expect"), TAKES_IN, ids=[q for q, _ in TAKES_IN])
def test_what_a_company_takes_in(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)
