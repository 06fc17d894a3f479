"""A part of a figure the sources do not split out ("revenue from iPhone") is declined, never the whole;
a year written before "%" is a year; a change asked with no period is the metric's own latest full
year against the one before (never a narrower metric's stated change); "how much more did X spend?"
after two companies' figures sets X against the other; a sum of a narrower and a broader measure
says that they differ."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2026, 6, 1))


CASES = [
    # a part the sources do not split out: declined, never the total in its place
    ("How much revenue did Apple make from iPhone in FY2025?", Expect(kind="not_found", not_value=(416.161e9,))),
    ("what revenue did Apple earn from Samsung in fiscal 2025?", Expect(kind="not_found", not_value=(416.161e9,))),
    ("How much did Meta spend on Llama in 2024?", Expect(kind="not_found", not_value=(37.256e9,))),
    # ... also written in lower case, as in Slack
    ("how much revenue did apple make from iphone in fy2025", Expect(kind="not_found", not_value=(416.161e9,))),
    # ... but how the figure is taken is no part of it
    ("Alphabet 2024 capex, cash basis from the cash flow statement pls", Expect(value=52.535e9)),
    ("amazon capex on its own in Q4 2025", Expect(value=39.522e9)),
    # the company's own total is still answered
    ("How much revenue did Apple make in FY2025?", Expect(value=416.161e9)),
    # a year, then the measure asked in percent
    ("googl capex y/y 2024 %", Expect(value=52.535 / 32.251 - 1, measure="percent_change")),
    ("meta capex growth 2025 percent", Expect(value=69.691 / 37.256 - 1, measure="percent_change")),
    # no period: the metric's own latest full year against the one before
    ("meta capex growth?", Expect(value=69.691 / 37.256 - 1, measure="percent_change", not_value=(1.0,))),
    ("how fast is amazon's capex growing?", Expect(value=131.819 / 82.999 - 1, measure="percent_change")),
    ("nvda revenue growth?", Expect(value=215.938 / 130.497 - 1, measure="percent_change", rel=0.002)),
    # the narrower measure named: its stated change
    ("meta AI capex growth?", Expect(value=1.0, measure="percent_change", rel=0.05)),
    # a stated change of the metric itself still wins
    ("how much did hyperscaler capex grow?", Expect(value=0.44, measure="percent_change")),
    # a written amount after a name is that name's, not the whole's written before it
    (
        "What fraction of the $371B 2025 hyperscaler total does Meta's $30.7B first-half AI capex represent?",
        Expect(value=30.7 / 371, measure="ratio"),
    ),
    # which claim a figure rests on is an aside, not a second period asked
    (
        "What did Meta spend on AI capex in H1 2024, going by the article's statement that H1 2025 doubled it?",
        Expect(value=15.35e9, measure="level", rel=0.01),
    ),
    # a yearly step between two figures named as figures
    (
        "Average yearly $ increase in hyperscaler capex between the implied 2024 figure and the 2032 projection?",
        Expect(value=(525e9 - 371e9 / 1.44) / 8, measure="per_year_step"),
    ),
]


@pytest.mark.parametrize(("question", "expect"), CASES, ids=[q for q, _ in CASES])
def test_parts_years_and_latest_changes(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


CONVERSATIONS = [
    (
        ["What was Alphabet's 2024 capex?", "And Meta's?"],
        "How much more did Alphabet spend?",
        Expect(kind="comparison", value=52.535e9 - 37.256e9, measure="difference", not_value=(91.447e9 - 52.535e9,)),
    ),
    (
        ["meta capex 2025"],
        "by how much did amazon outspend it?",
        Expect(kind="comparison", value=131.819e9 - 69.691e9, measure="difference"),
    ),
    (
        ["What was Meta's AI capex in H1 2025 per the article?", "And Alphabet's capex for the same period?"],
        "so both together?",
        Expect(value=70.7e9, measure="sum", rel=0.01, tokens=("measure different things",)),
    ),
]


@pytest.mark.parametrize(("before", "question", "expect"), CONVERSATIONS, ids=[c[1] for c in CONVERSATIONS])
def test_follow_ups_set_against_the_last(answerer: Answerer, before: list[str], question: str, expect: Expect) -> None:
    conversation = f"c-{question}"
    for earlier in before:
        answerer.ask(earlier, conversation_id=conversation)
    check(answerer.ask(question, conversation_id=conversation), expect)


WHEN = [
    (["Is inference spending expected to overtake training spending?"], "By when?", ("2025",)),
    (["what was meta capex in H1 2025?"], "when was that reported?", ("10-Q", "2025-07-31")),
    (["what was meta capex in H1 2025?"], "what year?", ("H1 2025",)),
    (["hyperscaler capex 2032?"], "when was that published?", ("No publication date",)),
]


@pytest.mark.parametrize(("before", "question", "tokens"), WHEN, ids=[f"{c[0][0]} {c[1]}" for c in WHEN])
def test_when_after_an_answer(answerer: Answerer, before: list[str], question: str, tokens: tuple[str, ...]) -> None:
    conversation = f"w-{before[0]}-{question}"
    for earlier in before:
        answerer.ask(earlier, conversation_id=conversation)
    check(answerer.ask(question, conversation_id=conversation), Expect(kind="explanation", tokens=tokens))


def test_when_with_nothing_before_is_not_answered_from_nowhere(answerer: Answerer) -> None:
    assert not answerer.ask("By when?", conversation_id="fresh-when").answered


THAT_FIGURE = [
    # the figure just given against another company's
    (
        ["Microsoft FY26 capex?"],
        "ok — how many times Nvidia's FY26 capex is that?",
        Expect(kind="comparison", value=115.948 / 6.042),
    ),
    # ... against a share of its own revenue
    (
        ["What was Nvidia's capex in fiscal 2026?"],
        "is that more than 5% of its revenue for the year?",
        Expect(kind="yes_no", verdict="no"),
    ),
    # the filed figure of what the article gave
    (
        ["What does the article say Meta spent on AI capex in H1 2025?"],
        "and what did it actually file for that period?",
        Expect(value=29.479e9),
    ),
    # the gap between two shares just given, not their sum
    (
        ["What shares of AI spending do training and inference get in 2032?"],
        "so what's the gap between them in points?",
        Expect(kind="comparison", value=0.36, measure="pp_change", rel=0.02, not_value=(0.64,)),
    ),
    (
        ["What are the hyperscalers expected to spend in 2025, and what's the 2032 projection?"],
        "if that 371 -> 525 path were a straight line, how much gets added each year?",
        Expect(value=22e9, measure="per_year_step"),
    ),
]


@pytest.mark.parametrize(("before", "question", "expect"), THAT_FIGURE, ids=[c[1] for c in THAT_FIGURE])
def test_that_figure_in_a_follow_up(before: list[str], question: str, expect: Expect) -> None:
    august = Answerer(KnowledgeStore(), today=date(2026, 8, 15))
    for earlier in before:
        august.ask(earlier, conversation_id="c")
    check(august.ask(question, conversation_id="c"), expect)


def test_so_far_this_year_is_the_year_to_date() -> None:
    november = Answerer(KnowledgeStore(), today=date(2025, 11, 15))
    check(november.ask("How much has Alphabet spent on capital expenditure so far this year?"), Expect(value=63.596e9))


FISCAL_WORDINGS = [
    ("MSFT FYTD capex?", Expect(value=19.394e9 + 29.876e9)),
    ("msft capex fiscal year to date", Expect(value=19.394e9 + 29.876e9)),
    (
        "How much did Microsoft spend on property and equipment in its financial year that ended on 30 June 2025?",
        Expect(value=64.551e9),
    ),
    (
        "Good morning. Could you tell me how much the large cloud companies such as Amazon, Meta and Microsoft are "
        "expected to spend on data centres and computing this year?",
        Expect(value=371e9),
    ),
]


@pytest.mark.parametrize(("question", "expect"), FISCAL_WORDINGS, ids=[q for q, _ in FISCAL_WORDINGS])
def test_fiscal_to_date_and_greetings(question: str, expect: Expect) -> None:
    today = date(2025, 10, 1) if "this year" in question else date(2026, 2, 15)
    check(Answerer(KnowledgeStore(), today=today).ask(question), expect)


def test_trailing_twelve_months_as_of_a_named_quarter() -> None:
    august = Answerer(KnowledgeStore(), today=date(2026, 8, 15))
    check(
        august.ask("Apple's trailing-twelve-month capex as of its December 2025 quarter?"),
        Expect(value=12.715e9 + 2.373e9 - 2.940e9, not_value=(12.715e9,)),
    )


def test_the_one_asked_as_bigger_is_the_multiple(answerer: Answerer) -> None:
    check(
        answerer.ask("Meta's 2024 cash capex vs Alphabet's: how many times bigger was Alphabet's?"),
        Expect(kind="comparison", value=52.535 / 37.256, measure="multiple"),
    )
