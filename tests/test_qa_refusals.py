"""Questions the graph cannot answer: the bot says so, and never gives a neighbour's number.

``not_found``: the question was understood but the graph does not hold the figure (a
member asked with only its group's figure, a full year with only a half, AI capex with
only total capex, a company the graph does not know, a total with only shares); it
comes with suggestions of what the graph does hold nearby. ``not_understood``: the text
is not a question about the domain at all.
"""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import TODAY, Expect, check

from bot.engine import MAX_QUESTION_CHARS, Answerer
from kg.store import KnowledgeStore

KNOWN_COMPANIES = {"Meta", "Alphabet", "Microsoft", "Amazon", "hyperscalers"}


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(filings=False), today=TODAY)  # the article alone


def _cases(expect: Expect, *questions: str) -> list[object]:
    return [pytest.param(q, expect, id=q[:60]) for q in questions]


def _not_found(*wrong: float, subject: str | None = None) -> Expect:
    return Expect(kind="not_found", suggestions=True, not_value=wrong, subject=subject)


#: Microsoft is a hyperscaler: the group's $371B / $525B / $257.6B are not Microsoft's.
MICROSOFT = _not_found(371e9, 525e9, 257.6e9, subject="Microsoft")
AMAZON = _not_found(371e9, 525e9, subject="Amazon")
#: Only H1 figures exist for Meta: no other period may be answered with them.
META_OTHER_PERIOD = _not_found(30.7e9, 15.35e9, 61.4e9, subject="Meta")
#: Alphabet reports total capex only; its AI capex is unknown.
ALPHABET_AI = _not_found(40e9, 30.7e9, subject="Alphabet")
#: Only shares of AI spending exist for 2032: never a share (or another total) as a total.
AI_TOTAL = _not_found(0.5, 0.14, 0.16, 1.8e12, 11.25e12, 525e9)
HYPERSCALERS_OTHER_PERIOD = _not_found(371e9, 525e9, 257.6e9, 185.5e9, subject="hyperscalers")

REFUSALS = [
    *_cases(
        MICROSOFT,
        "What is Microsoft's own capex in 2025?",
        "Microsoft capex 2025",
        "MSFT capex 2025",
        "Microsfot capex in 2025",
        "microsoft capx 2025?",
        "How much did Microsoft spend on data centers in 2025?",
        "Microsoft FY25 capex",
        "Microsoft AI capex H1 2025",
        "what about microsoft's data center spending in 2032",
    ),
    *_cases(
        AMAZON,
        "Amazon capex 2025",
        "AMZN capex H1 2025",
        "amazn capx 2025",
        "What will Amazon spend on data centers by 2032?",
    ),
    *_cases(
        META_OTHER_PERIOD,
        "Meta AI capex 2023",
        "Meta AI capex in full-year 2025",
        "Meta AI capex 2025",
        "What was Meta's AI capex for the whole of 2025?",
        "Meta AI capex Q3 2025",
        "Meta AI capex Q2 2025",
        "Meta AI capex H2 2025",
        "META AI capex FY2025",
        "Meta revenue 2025",
    ),
    *_cases(
        ALPHABET_AI,
        "Alphabet AI capex H1 2025",
        "Google's AI capex in the first half of 2025",
        "GOOGL AI capital expenditure 1H25",
    ),
    *_cases(
        _not_found(40e9, subject="Alphabet"),
        "Alphabet capex 2024",
        "Alphabet capex Q1 2025",
        "alphabet capex full year 2025",
    ),
    *_cases(
        AI_TOTAL,
        "What will total AI spending be in 2032?",
        "AI spending 2032",
        "How much will be spent on AI in 2032?",
        "total AI investment by 2032",
        "How much will inference spending be in 2032?",
        "How much money goes to AI training in 2032?",
    ),
    *_cases(
        HYPERSCALERS_OTHER_PERIOD,
        "hyperscaler capex 2030",
        "hyperscaler capex 2023",
        "hyperscaler capex in H1 2025",
        "hyperscaler capex Q1 2025",
    ),
    *_cases(
        _not_found(30.7e9, 40e9),
        "compare Nvidia and Meta capex H1 2025",
        "Meta vs Oracle AI capex in H1 2025",
    ),
    *_cases(
        _not_found(1.8e12),
        "generative AI revenue 2025",
    ),
    *_cases(
        _not_found(0.14, 0.4, 0.5),
        "training share of AI spending in 2025",
        "inference share of AI spending 2025",
    ),
    *_cases(
        _not_found(),
        "Who is the CEO of Alphabet?",
        "Who is the CEO of Microsoft?",
        "What was Zuckerberg's salary?",
    ),
]


@pytest.mark.parametrize(("question", "expect"), REFUSALS)
def test_refuses_what_the_graph_does_not_hold(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


# ---------------------------------------------------------------- unknown companies

UNKNOWN_COMPANIES = [
    "Nvidia capex 2025",
    "What did Oracle spend on capex in 2025?",
    "Apple AI capex H1 2025",
    "apple ai capex h1 2025",
    "Tesla capex",
    "Foobar Corp capex 2025",
    "How much did nvidia spend on capex in 2025?",
    "What was Oracle's AI capex in the first half of 2025?",
    "IBM capex H1 2025",
    "Whats Salesforce's capex in 2025?",
    "Anthropic AI capex H1 2025",
]


@pytest.mark.parametrize("question", UNKNOWN_COMPANIES)
def test_unknown_companies_are_not_matched_to_known_ones(answerer: Answerer, question: str) -> None:
    a = answerer.ask(question)
    check(a, Expect(kind="not_found", suggestions=True, not_value=(30.7e9, 40e9, 371e9, 525e9, 257.6e9)))
    assert a.subject is None or not (set(a.subject.split(", ")) & KNOWN_COMPANIES), a.subject
    assert a.value is None


# ---------------------------------------------------------------- not questions at all

GIBBERISH = [
    "asdkjh qwe zzxq",
    "???",
    "🙂🙂🙂",
    "lorem ipsum dolor sit amet",
    "SELECT * WHERE { ?s ?p ?o }",
    "1234567890",
    "   \t\n  ",
    "",
    "#$%^&*()",
    "x" * 100,
]


@pytest.mark.parametrize("question", GIBBERISH, ids=lambda q: repr(q[:20]))
def test_gibberish_is_not_understood(answerer: Answerer, question: str) -> None:
    a = answerer.ask(question)
    check(a, Expect(kind="not_understood"))
    assert a.value is None


@pytest.mark.parametrize(
    "question", ["What is the weather in Paris?", "Who won the World Cup?", "'; DROP TABLE observations; --"]
)
def test_off_topic_questions_are_refused(answerer: Answerer, question: str) -> None:
    a = answerer.ask(question)
    check(a, Expect(kind=("not_found", "not_understood")))
    assert a.value is None and not a.sources


def test_a_very_long_question_is_refused_quickly(answerer: Answerer) -> None:
    question = ("What did Meta spend on AI capex in the first half of 2025? " * 100)[:5000]
    assert len(question) == 5000 > MAX_QUESTION_CHARS
    a = answerer.ask(question)
    check(a, Expect(kind="not_understood", tokens=("too long",)))
    assert len(a.question) <= 200  # the answer does not echo 5,000 characters


@pytest.mark.parametrize(
    "question",
    [
        'Meta capex 2025" } ; DELETE WHERE { ?s ?p ?o } #',
        'DELETE DATA { <https://kgbot.dev/id/org/meta> <https://kgbot.dev/ns#ticker> "X" }',
        "LOAD <file:///etc/passwd>",
        "INSERT DATA { <a> <b> <c> } ; hyperscaler capex 2025",
        "' OR 1=1 --",
        "Robert'); DROP TABLE Students;--",
        "<script>alert(1)</script>",
    ],
)
def test_injection_strings_change_nothing(question: str) -> None:
    store = KnowledgeStore()
    before = len(store)
    a = Answerer(store, today=TODAY).ask(question)
    check(a, Expect(kind=("not_found", "not_understood", "value", "list")))
    assert len(store) == before
    assert Answerer(store, today=TODAY).ask("Meta AI capex H1 2025").value == 30.7e9


def test_nothing_to_explain_before_a_figure(answerer: Answerer) -> None:
    check(answerer.ask("how did you get that?", "fresh-conversation"), Expect(kind="not_found", suggestions=True))


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("amzn net income 2024", "net income"),
        ("alphabet ebitda H1 2025", "ebitda"),
        ("Amazon operating margin 2024", "operating margin"),
        ("meta headcount 2024", "headcount"),
    ],
)
def test_a_measure_the_graph_does_not_know_is_refused_never_swapped(question: str, words: str) -> None:
    # Alphabet has one figure for H1 2025 (capex): it must not stand in for EBITDA
    a = Answerer(KnowledgeStore(), today=date(2026, 6, 1)).ask(question)
    assert a.kind == "not_found" and a.value is None, a.text
    assert words in a.text, a.text
