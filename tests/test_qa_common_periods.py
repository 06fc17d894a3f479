"""Figures set side by side are of one period, and the measure asked is the one given.

With no period asked, two companies are compared in the latest months both have figures for, known by the
day asked; in a conversation, the period just asked carries over to the company set against it."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check, conversation

from kg.store import KnowledgeStore

AMZN_2024, GOOGL_2024 = 82.999e9, 52.535e9
AMZN_Q2_2025, GOOGL_Q2_2025 = 32.183e9, 22.446e9


@pytest.fixture(scope="module")
def store() -> KnowledgeStore:
    return KnowledgeStore()


@pytest.mark.parametrize(
    ("turns", "expect"),
    [
        # the latest quarter both had filed by 1 Oct 2025, never one company's quarter against another's
        (
            ["how much more did amzn spend on capex than googl?"],
            Expect(kind="comparison", value=AMZN_Q2_2025 - GOOGL_Q2_2025, measure="difference", period="Q2 2025"),
        ),
        (["amzn vs googl capex"], Expect(kind="comparison", tokens=("Q2 2025",), absent=("periods differ",))),
        (
            ["amzn capex 2024", "vs googl? how much more did amzn spend"],
            Expect(kind="comparison", value=AMZN_2024 - GOOGL_2024, measure="difference"),
        ),
        (
            ["amzn capex 2024", "how much more did amzn spend than googl?"],
            Expect(kind="comparison", value=AMZN_2024 - GOOGL_2024, measure="difference"),
        ),
        # "how much of a jump" is the size of a change, not a part of a whole
        (
            ["how much are big tech spending on dcs in 2025", "and how much of a jump is that vs 24"],
            Expect(value=0.44, measure="percent_change"),
        ),
        (
            ["hyperscaler capex 2025", "how much of an increase is that vs 2024"],
            Expect(value=0.44, measure="percent_change", not_value=(1.44, 371e9 / 257.64e9)),
        ),
        (["nvda capex as a pct of revenue fy25"], Expect(value=3.236e9 / 130.497e9, measure="ratio", rel=0.01)),
    ],
)
def test_one_period_and_the_measure_asked(store: KnowledgeStore, turns: list[str], expect: Expect) -> None:
    check(conversation(store, turns), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # a straight-line step to a year, from the latest figure before it
        (
            "if the ramp to 2032 were straight-line, how much does hyperscaler capex add each yr?",
            Expect(value=22e9, measure="per_year_step", unit="USD"),
        ),
        (
            "how much does hyperscaler capex add each yr to 2032 on a straight line?",
            Expect(value=22e9, measure="per_year_step"),
        ),
        # a multiple asked with no base named: the larger over the smaller
        (
            "implied 2024 hyperscaler capex vs the 2032 525B — multiple?",
            Expect(value=525 / (371 / 1.44), measure="multiple", not_value=(371 / 1.44 / 525,)),
        ),
        ("2032 hyperscaler capex vs implied 2024 — multiple?", Expect(value=525 / (371 / 1.44), measure="multiple")),
    ],
)
def test_steps_and_multiples_of_one_series(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(conversation(store, [question]), expect)


def test_a_ranking_with_no_period_takes_each_ones_latest_year_known_by_then(store: KnowledgeStore) -> None:
    # on 1 Oct 2025 the calendar-2025 10-Ks are not yet filed: 2024 for the calendar-year companies
    a = conversation(store, ["rank companies by capex"])
    check(a, Expect(kind="list", first=("Amazon", "Microsoft", "Alphabet"), tokens=("FY2025 (Jul 2024",)))
    assert "2026" not in a.text
    later = conversation(store, ["who are the biggest spenders?"], today=date(2026, 3, 1))
    check(later, Expect(kind="list", first=("Amazon", "Alphabet", "Meta")))


def test_bigger_spender_asks_for_spending(store: KnowledgeStore) -> None:
    a = conversation(store, ["GOOGL or META bigger spender in FY25 and by how much"], today=date(2026, 3, 1))
    check(a, Expect(kind="comparison", value=91.447e9 - 69.691e9, measure="difference"))


@pytest.mark.parametrize(
    ("turns", "expect"),
    [
        (["2025 hyperscaler capex in the piece?", "2032?", "$ diff?"], Expect(value=154e9, measure="difference")),
        (["2025 hyperscaler capex in the piece?", "2032?", "diff?"], Expect(value=154e9, measure="difference")),
        # the filed figure of the quantity just given from the article
        (
            [
                "what did Alphabet spend on capex in the first half per the article?",
                "and what does the actual 10-Q say?",
            ],
            Expect(value=39.643e9, measure="level"),
        ),
    ],
)
def test_short_follow_ups(store: KnowledgeStore, turns: list[str], expect: Expect) -> None:
    check(conversation(store, turns), expect)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("order 2024 (implied), 2025 and 2032 hyperscaler capex from high to low", ("2032", "2025", "2024")),
        ("sort hyperscaler capex 2024, 2025, 2032 low to high", ("2024", "2025", "2032")),
        ("rank amzn, googl and meta 2024 capex ascending", ("Meta", "Alphabet", "Amazon")),
    ],
)
def test_orders_written_as_high_to_low(store: KnowledgeStore, question: str, first: tuple[str, ...]) -> None:
    check(conversation(store, [question]), Expect(kind="list", first=first))


def test_a_change_over_a_span_written_with_a_two_digit_end(store: KnowledgeStore) -> None:
    a = conversation(
        store, ["Is the one-year 2024→25 growth (44%) bigger than the whole 2025→2032 increase? By how many points?"]
    )
    check(a, Expect(kind="yes_no", verdict="yes", value=0.44 - (525 / 371 - 1), measure="pp_change", unit="pp"))


@pytest.mark.parametrize(
    "turns",
    [
        [
            "if hyperscaler spending grew by the same dollar amount every year from 2025 to 2032, how much would it go"
            " up each year?"
        ],
        [
            "hyperscaler capex in 2025?",
            "and what about 2032?",
            "if it grew by the same dollar amount each year, how much is that per year?",
        ],
    ],
)
def test_the_same_dollar_amount_each_year_is_a_straight_line(store: KnowledgeStore, turns: list[str]) -> None:
    check(conversation(store, turns), Expect(value=22e9, measure="per_year_step", unit="USD"))


def test_hearsay_after_the_question_is_not_asked(store: KnowledgeStore) -> None:
    a = conversation(store, ["what was Meta's capex in 2023? somebody said the number got changed later"])
    check(a, Expect(value=27.045e9, measure="level", tokens=("Restated",)))


@pytest.mark.parametrize(
    "question",
    [
        "how much higher is the article's 30.7B meta AI capex than what meta actually filed for H1 25?",
        "How far apart is the article's $30.7bn for Meta H1 AI capex and the cash capex Meta reported for H1 2025?"
        " i.e. how much higher is the article figure",
    ],
)
def test_the_articles_figure_against_what_the_company_filed(store: KnowledgeStore, question: str) -> None:
    # Meta's 10-Q: $29.479B for the first half of 2025
    a = conversation(store, [question])
    check(a, Expect(kind="comparison", value=30.7e9 - 29.479e9, measure="difference", tokens=("measure",)))


def test_how_many_more_dollars_is_that_than_another_year(store: KnowledgeStore) -> None:
    a = conversation(
        store,
        [
            "how much r amazon meta n msft spending on datacenters and compute in 2025?",
            "ok how many more dollars is that than what they spent in 2024?",
        ],
    )
    check(a, Expect(value=371e9 - 371e9 / 1.44, measure="difference", unit="USD"))


@pytest.mark.parametrize(
    ("turns", "value"),
    [
        (["hyperscaler capex 2032?", "cagr off the 2025 base?"], (525 / 371) ** (1 / 7) - 1),
        (["hyperscaler capex cagr to 2032 using 2025 as the base"], (525 / 371) ** (1 / 7) - 1),
        # ("Using the 2024 base implied by the 44% growth, ...": a premise, from 2024)
        (
            ["Using the 2024 base implied by the 44% growth, what's the CAGR in hyperscaler capex from 2024 to 2032?"],
            (525 / (371 / 1.44)) ** (1 / 8) - 1,
        ),
    ],
)
def test_the_base_year_a_rate_starts_from(store: KnowledgeStore, turns: list[str], value: float) -> None:
    check(conversation(store, turns), Expect(value=value, measure="cagr"))


def test_that_is_the_other_figure_just_asked_when_the_whole_is_named(store: KnowledgeStore) -> None:
    a = conversation(
        store,
        [
            "what's the ai ad spend uplift by 2032",
            "and genAI revenue by then?",
            "what fraction of the genAI rev number is that",
        ],
    )
    check(a, Expect(value=200 / 1800, measure="ratio", unit="ratio"))


@pytest.mark.parametrize(
    "question", ["and in relative terms, training share falls by what %?", "training's share drops by what percent?"]
)
def test_verbs_of_change_in_the_third_person(store: KnowledgeStore, question: str) -> None:
    check(conversation(store, [question]), Expect(value=14 / 40 - 1, measure="percent_change"))


def test_a_years_rise_as_a_part_of_its_level(store: KnowledgeStore) -> None:
    a = conversation(store, ["what % of the 2025 hyperscaler spend does the y/y increase account for?"])
    check(a, Expect(value=(371 - 371 / 1.44) / 371, measure="ratio", tokens=("data-centre",), not_value=(1.44,)))


@pytest.mark.parametrize(
    "question",
    [
        "How much more did Meta spend on AI capex in H1 2025 than a year before?",
        "How many more dollars did Meta put into AI capex in the first half of 2025 than a year before?",
        "So how much extra did Meta put into AI in H1 2025 vs H1 2024, in dollars?",
    ],
)
def test_spending_on_ai_capex_is_one_measure(store: KnowledgeStore, question: str) -> None:
    # never Meta's AI capex set against its filed cash capex of the same half
    check(conversation(store, [question]), Expect(value=15.35e9, measure="difference", not_value=(1.221e9,)))


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("msft FY25 capex - the Jul24-Jun25 year", Expect(value=64.551e9, measure="level")),
        (
            "is there a clean capex-to-sales number for Microsoft FY25? i.e. capex as % of revenue for the year to"
            " June 2025",
            Expect(kind="yes_no", verdict="yes", value=64.551e9 / 281.724e9, rel=0.01),
        ),
    ],
)
def test_months_run_together_and_a_clean_number(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(conversation(store, [question]), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("nvda money spent on equipment in fy25?", Expect(value=3.236e9, measure="level")),
        (
            "how many times more did nvidia spend on equipment in FY2025 compared to FY2024?",
            Expect(value=3.236e9 / 1.069e9, measure="multiple", rel=0.01),
        ),
    ],
)
def test_plain_words_for_capex(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(conversation(store, [question]), expect)


@pytest.mark.parametrize(
    ("turns", "today", "expect"),
    [
        (
            [
                "In multiplicative terms, how much did Meta's AI capex grow in H1 2025 relative to H1 2024,"
                " per the article?"
            ],
            date(2025, 10, 1),
            Expect(value=2.0, measure="multiple"),
        ),
        (
            ["Alphabet capex for the first half of 2025, per the article?", "and what does the 10-Q actually show?"],
            date(2025, 10, 1),
            Expect(value=39.643e9, measure="level"),
        ),
        (
            ["What's Amazon's trailing-twelve-month capex as of its most recent quarter?"],
            date(2025, 11, 15),
            Expect(value=120.131e9, measure="level"),
        ),
        (
            ["How does the article distinguish AI training from inference?"],
            date(2025, 10, 1),
            Expect(kind="explanation", tokens=("training", "inference")),
        ),
    ],
)
def test_multiplicative_terms_the_actual_10q_and_the_latest_ttm(
    store: KnowledgeStore, turns: list[str], today: date, expect: Expect
) -> None:
    check(conversation(store, turns, today), expect)


def test_a_listed_measure_with_no_subject_is_its_one_holders(store: KnowledgeStore) -> None:
    a = conversation(
        store,
        [
            "rank the three big 2032 dollar forecasts in the article: genAI revenue, hyperscaler capex,"
            " incremental ad spend"
        ],
    )
    check(a, Expect(kind="list", first=("generative AI", "hyperscalers", "advertising"), n_items=3))


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # "what does the filing show now?": the figure as it stands (restated), never today's period
        ("Meta 2023 PP&E purchases — what does the filing show now?", Expect(value=27.045e9, tokens=("Restated",))),
        ("GOOGL capex step-up in 2024 in dollar terms?", Expect(value=52.535e9 - 32.251e9, measure="difference")),
    ],
)
def test_the_filing_now_and_a_step_up(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(conversation(store, [question], date(2025, 12, 1)), expect)


@pytest.mark.parametrize(
    ("turns", "expect"),
    [
        (["by what % is hyperscaler capex up this year vs last?"], Expect(value=0.44, measure="percent_change")),
        (
            ["what's the training share of AI spend in 2032?", "source for the 'training drops to 14%' claim?"],
            Expect(kind="explanation", value=0.14, sources=True),
        ),
    ],
)
def test_this_year_vs_last_and_the_source_for_a_claim(store: KnowledgeStore, turns: list[str], expect: Expect) -> None:
    check(conversation(store, turns), expect)


@pytest.mark.parametrize(
    ("turns", "today", "expect"),
    [
        (
            ["did nvidia's FY26 revenue beat meta's calendar 2025 revenue? by how much"],
            date(2026, 6, 1),
            Expect(kind="yes_no", verdict="yes", value=215.938e9 - 200.966e9, measure="difference", rel=0.01),
        ),
        (
            ["amazon capex 2025?", "that's insane", "what about just the last three months of the year?"],
            date(2026, 6, 1),
            Expect(value=39.522e9, measure="level"),
        ),
        (
            ["who are the big AI spenders?", "what did apple spend on capex in FY25? they're never in these AI convos"],
            date(2026, 6, 1),
            Expect(value=12.715e9, measure="level"),
        ),
    ],
)
def test_the_gap_of_a_verdict_the_years_last_quarter_and_a_remark(
    store: KnowledgeStore, turns: list[str], today: date, expect: Expect
) -> None:
    check(conversation(store, turns, today), expect)


def test_this_year_vs_last_of_a_quarter_is_that_quarter_a_year_before(store: KnowledgeStore) -> None:
    a = conversation(store, ["amzn q1 capex yoy % — this year vs last"], date(2026, 5, 15))
    check(a, Expect(value=44.203e9 / 25.019e9 - 1, measure="percent_change"))


@pytest.mark.parametrize(
    ("turns", "expect"),
    [
        (
            ["what did meta spend on AI capex in the first half of 2025?", "no sorry I meant alphabet, not meta"],
            Expect(value=39.643e9, measure="level", subject="Alphabet"),
        ),
        (["amazon capex 2024?", "i meant microsoft"], Expect(value=55.552e9, measure="level", subject="Microsoft")),
    ],
)
def test_a_correction_of_whom_the_last_question_was_about(
    store: KnowledgeStore, turns: list[str], expect: Expect
) -> None:
    check(conversation(store, turns), expect)


def test_terms_contrasted_after_a_yes_no_are_defined(store: KnowledgeStore) -> None:
    a = conversation(
        store, ["inference spending overtakes training this year?", "sorry dumb q - what's inference vs training here?"]
    )
    check(a, Expect(kind="explanation", tokens=("inference", "training")))


def test_where_a_share_is_expected_to_go_is_its_forecast(store: KnowledgeStore) -> None:
    a = conversation(
        store, ["What share of global server revenue comes from AI today?", "where's that expected to go?"]
    )
    check(a, Expect(value=0.4, measure="level"))
