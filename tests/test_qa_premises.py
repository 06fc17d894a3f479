"""A statement before the question, a figure restated in brackets, a series against its start,
the direction of "how many times larger", and follow-ups that set the last two answers apart."""

from __future__ import annotations

import pytest
from qa_expect import TODAY, Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=TODAY)  # the article and the filings


META_H1_2025_FILED = 29.479e9
META_H1_2024_FILED = 14.573e9


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # the statement names one measure, the question after the full stop or dash another
        (
            "The piece puts Meta's AI capex at $30.7bn for H1 2025. What did Meta actually file as cash capex "
            "for that half in its 10-Q?",
            Expect(value=META_H1_2025_FILED, rel=0.001, measure="level", not_value=(30.7e9,)),
        ),
        (
            "Meta's AI capex is the article's number — what was its filed capex for the first half of 2025?",
            Expect(value=META_H1_2025_FILED, rel=0.001, measure="level", not_value=(30.7e9,)),
        ),
        (
            "The article says Meta's AI capex doubled. Using filings, how many times its H1 2024 capex was "
            "H1 2025 capex?",
            Expect(value=META_H1_2025_FILED / META_H1_2024_FILED, rel=0.002, measure="multiple", not_value=(2.0,)),
        ),
        (
            "Alphabet is the biggest spender here — what was its capex intensity in 2024?",
            Expect(value=52.535e9 / 350.018e9, rel=0.002, measure="ratio", unit="ratio"),
        ),
        # the growth stated in the statement is evidence; the question asks for a level
        (
            "Hyperscaler spending was $371bn in 2025, 44% above 2024. What did they spend in 2024, then?",
            Expect(value=371e9 / 1.44, rel=0.002, measure="level", not_value=(371e9 - 371e9 / 1.44,)),
        ),
        (
            "Taking the 2024 base the 44% implies, what's the compound annual growth of hyperscaler capex "
            "2024 to 2032?",
            Expect(value=(525 / (371 / 1.44)) ** (1 / 8) - 1, rel=0.01, measure="cagr"),
        ),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_a_statement_before_the_question_is_evidence(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


@pytest.mark.parametrize("question", ["hyperscaler capex growth 25-32, compounded?", "CAGR 25-32, hyperscaler capex"])
def test_two_digit_years_after_a_word_of_change_are_a_range(answerer: Answerer, question: str) -> None:
    check(answerer.ask(question), Expect(value=(525 / 371) ** (1 / 7) - 1, rel=0.01, measure="cagr"))


def test_a_bare_two_digit_pair_is_not_a_range_of_years(answerer: Answerer) -> None:
    a = answerer.ask("hyperscaler capex 25-32")
    assert a.period != "2025 to 2032"


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("how many times larger is training's share today than in 2032?", 0.40 / 0.14),
        ("how many times bigger will hyperscaler capex be in 2032 than in 2025?", 525 / 371),
        # the current share restated in brackets is not a third figure
        ("Training's share now (40%) against 2032 — how many times larger is the current one?", 0.40 / 0.14),
    ],
)
def test_how_many_times_larger_puts_the_larger_first(answerer: Answerer, question: str, value: float) -> None:
    check(answerer.ask(question), Expect(value=value, rel=0.005, measure="multiple"))


def test_a_figure_against_the_start_of_its_series(answerer: Answerer) -> None:
    a = answerer.ask("what is the 2032 training share as a fraction of its initial level?")
    check(a, Expect(value=0.14 / 0.40, rel=0.005, measure="ratio", not_value=(0.40 / 0.14,)))


def test_asking_for_the_starting_point_is_a_level(answerer: Answerer) -> None:
    a = answerer.ask("AI training's share of AI spending — what's the starting point?")
    check(a, Expect(value=0.40, measure="level"))


@pytest.mark.parametrize(
    ("turns", "value"),
    [
        (["hyperscaler capex in 2025?", "what about 2032?", "so how much higher is that?"], 154e9),
        (["Alphabet H1 2025 capex as filed", "and H1 2024?", "how much more is that in $?"], 39.643e9 - 25.198e9),
    ],
)
def test_how_much_higher_after_two_periods_is_their_difference(
    answerer: Answerer, turns: list[str], value: float
) -> None:
    cid = "two-periods-" + turns[0]
    for turn in turns[:-1]:
        assert answerer.ask(turn, cid).answered
    check(answerer.ask(turns[-1], cid), Expect(value=value, rel=0.002, measure="difference"))


def test_how_much_higher_after_two_companies_is_their_gap(answerer: Answerer) -> None:
    cid = "two-companies"
    answerer.ask("Alphabet capex 2024", cid)
    answerer.ask("and Meta?", cid)
    check(
        answerer.ask("so how much higher is that?", cid),
        Expect(kind="comparison", value=52.535e9 - 37.256e9, rel=0.002, measure="difference"),
    )


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Is Alphabet one of the companies behind the $371bn hyperscaler figure?", "unknown"),
        ("is Microsoft one of the firms in the hyperscaler $371bn number?", "yes"),
    ],
)
def test_membership_of_the_companies_behind_a_group_figure(answerer: Answerer, question: str, verdict: str) -> None:
    a = answerer.ask(question)
    check(a, Expect(kind="yes_no", verdict=verdict))
    assert a.value is None  # a membership is not a comparison of the two figures


@pytest.mark.parametrize(
    "question",
    [
        "am i right that Meta's AI capex doubled in H1 2025?",
        "can you confirm that Meta's AI capex doubled in the first half of 2025?",
    ],
)
def test_checking_a_claim_is_a_yes_no_question(answerer: Answerer, question: str) -> None:
    check(answerer.ask(question), Expect(kind="yes_no", verdict="yes"))


def test_drive_higher_is_the_requires_relation(answerer: Answerer) -> None:
    a = answerer.ask("do reasoning AI models drive more inference spending?")
    check(a, Expect(kind="yes_no", verdict="yes", sources=True))


@pytest.mark.parametrize(
    "question",
    [
        "What is Nvidia's market share in inference chips?",
        "nvidia share of AI inference?",
        "Amazon's share of the market for cloud?",
    ],
)
def test_a_share_the_graph_holds_no_figure_for_is_refused(answerer: Answerer, question: str) -> None:
    a = answerer.ask(question)
    assert not a.answered and a.value is None, a.text  # never a company's capex intensity as its 'share'


def test_capex_as_a_share_of_revenue_is_capex_intensity(answerer: Answerer) -> None:
    check(answerer.ask("Apple capex as a share of revenue, FY2025"), Expect(value=12.715e9 / 416.161e9, rel=0.002))


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("Nvidia capex, fiscal year ended January 2025", 3.236e9),
        ("Nvidia capex in fiscal 2025 (i.e. the year ending January 2025)", 3.236e9),
        ("Apple revenue for the year ended September 2024", 391.035e9),
    ],
)
def test_the_year_ended_a_month_is_that_fiscal_year(answerer: Answerer, question: str, value: float) -> None:
    check(answerer.ask(question), Expect(value=value, rel=0.001, measure="level"))


def test_the_first_two_quarters_are_a_half_not_a_first_crossing(answerer: Answerer) -> None:
    a = answerer.ask("per the article, did Alphabet's capex in the first two quarters of 2025 go over $40bn?")
    check(a, Expect(kind="yes_no", verdict="no", period="H1 2025"))


def test_a_first_crossing_after_a_gap_in_the_data_is_not_claimed(answerer: Answerer) -> None:
    # the filings hold no Meta figures for 2021-2022 (its 2022 capex passed $30B)
    a = answerer.ask("in which year did Meta's annual capex first go above $30B?")
    assert not a.answered and a.value is None
    assert "2020" in a.text and "2023" in a.text
    b = answerer.ask("in which year did Meta's annual capex first go above $10B?")
    check(b, Expect(value=13.915e9, rel=0.001, period="2018"))


def test_a_restated_figure_as_first_filed(answerer: Answerer) -> None:
    cid = "original"
    check(answerer.ask("Meta capex for 2023?", cid), Expect(value=27.045e9, rel=0.001))
    a = answerer.ask("and what did they report originally?", cid)
    check(a, Expect(value=27.266e9, rel=0.001, tokens=("2024-02-02",)))
    assert a.sources and "2024-02-02" in a.sources[0].title  # the filing that gave it, not the latest


def test_a_figure_never_restated_says_so(answerer: Answerer) -> None:
    a = answerer.ask("Meta 2024 capex as originally filed")
    check(a, Expect(value=37.256e9, rel=0.001, tokens=("Not restated",)))


def test_the_annual_run_rate_of_a_year_is_the_year(answerer: Answerer) -> None:
    check(answerer.ask("annual run-rate of hyperscaler capex in 2032?"), Expect(value=525e9, measure="level"))


@pytest.mark.parametrize(
    ("question", "verdict", "value"),
    [
        ("Will 2032 genAI revenue be at least 3x the hyperscalers' 2032 capex?", "yes", 1.8e12 / 525e9),
        ("is genAI revenue in 2032 more than 4 times hyperscaler capex in 2032?", "no", 1.8e12 / 525e9),
        ("was Alphabet's 2024 capex at least 2x Meta's 2024 capex?", "no", 52.535e9 / 37.256e9),
    ],
)
def test_one_figure_as_a_multiple_of_another(answerer: Answerer, question: str, verdict: str, value: float) -> None:
    check(answerer.ask(question), Expect(kind="yes_no", verdict=verdict, value=value, rel=0.002, measure="multiple"))


def test_a_stated_share_asked_as_percent_of_its_whole(answerer: Answerer) -> None:
    a = answerer.ask("genAI revenue by 2032 could reach what percent of all tech spending?")
    check(a, Expect(value=0.16, qualifier="at_most", measure="level"))


def test_items_excepted_and_example_words_do_not_make_a_figure_question(answerer: Answerer) -> None:
    a = answerer.ask("Aside from latency, which other things do investors watch? e.g. data, supply chain")
    check(a, Expect(kind="list", items=("supply",)))
    assert not any(str(i.get("label")) == "latency" for i in a.items)


def test_a_claim_about_a_company_answers_for_that_company(answerer: Answerer) -> None:
    a = answerer.ask("was Alphabet's first-half capex mainly driven by AI?")
    check(a, Expect(kind="yes_no", verdict="yes", sources=True))
    assert a.text.startswith("Yes — the sources say so. Alphabet's")  # the claim that says so leads


def test_a_change_word_after_a_dash_asks_yes_or_no(answerer: Answerer) -> None:
    a = answerer.ask("NVDA revenue FY2025 - more than doubled on FY2024?")
    check(a, Expect(kind="yes_no", verdict="yes", value=130.497e9 / 60.922e9, rel=0.002))


def test_a_change_against_the_starting_share_after_a_level(answerer: Answerer) -> None:
    cid = "starting-share"
    answerer.ask("what share of AI spending goes to training by 2032?", cid)
    a = answerer.ask("pp move vs the initial share?", cid)
    check(a, Expect(value=-0.26, measure="pp_change"))
