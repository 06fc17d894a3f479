"""Marks a figure is checked against, as analysts write them.

"faster than 5% a year" is a mark for a rate (not a figure named by its amount); "the half-a-trillion-dollar
mark" is $500B, not 50%."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore

CAGR_2025_2032 = (525 / 371) ** (1 / 7) - 1


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2025, 10, 1))


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        (
            "Sanity check: does hyperscaler capex grow faster than 5% a year (CAGR) from 2025 to 2032?",
            Expect(kind="yes_no", verdict="yes", value=CAGR_2025_2032, measure="cagr"),
        ),
        (
            "does hyperscaler capex grow faster than 6% a year from 2025 to 2032?",
            Expect(kind="yes_no", verdict="no", value=CAGR_2025_2032, measure="cagr"),
        ),
        ("did hyperscaler capex grow slower than 40% in 2025?", Expect(kind="yes_no", verdict="no", value=0.44)),
        (
            "Does the 2032 annual hyperscaler capex projection clear the half-a-trillion-dollar mark?",
            Expect(kind="yes_no", verdict="yes", value=525e9, measure="level"),
        ),
        ("is 2032 hyperscaler capex above half a trillion?", Expect(kind="yes_no", verdict="yes", value=525e9)),
        # a figure named after "than" is the one compared with, not a mark
        (
            "Was Amazon's filed capex growth in 2025 faster than the 44% the article gives for hyperscalers?",
            Expect(kind="yes_no", verdict="yes"),
        ),
    ],
)
def test_marks_for_rates_and_amounts(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


@pytest.mark.parametrize(
    "question",
    [
        "Article says Alphabet's H1 capex was 'nearly $40bn'. By how many dollars does the 10-Q figure fall short"
        " of $40B exactly?",
        "how far is Alphabet's H1 2025 filed capex below $40B?",
        "how much less than $40B was Alphabet's H1 2025 filed capex?",
        "how short of $40B was Alphabet's H1 2025 filed capex?",
    ],
)
def test_the_distance_to_a_written_mark(answerer: Answerer, question: str) -> None:
    # the 10-Q for the first half of 2025 gives $39.643B
    check(answerer.ask(question), Expect(value=0.357e9, measure="difference", unit="USD", not_value=(14.445e9,)))


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # "in absolute dollars" asks the dollar change, even beside the 44% it is backed out of
        (
            "In absolute dollars, how much more are the hyperscalers spending in 2025 than in 2024, backing 2024"
            " out of the 44% growth figure?",
            Expect(value=371e9 - 371e9 / 1.44, measure="difference", unit="USD"),
        ),
        # the months in brackets say which year to date
        (
            "What does Alphabet's Q2 2025 10-Q show for year-to-date (Jan–Jun 2025) capex, in dollars?",
            Expect(value=39.643e9, measure="level", not_value=(63.596e9,)),
        ),
        ("meta ytd (jan-sep 2025) capex", Expect(value=48.308e9, measure="level")),
    ],
)
def test_units_and_months_written_beside_the_ask(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        (
            "Is AI's projected share of global server revenue a few years out above 30%? yes/no",
            Expect(kind="yes_no", verdict="yes", value=0.4),
        ),
        ("ai share of server rev few yrs out", Expect(value=0.4, measure="level")),
    ],
)
def test_a_few_years_out_is_the_articles_few_years(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


def test_what_ai_adds_to_digital_ads_is_the_incremental_spending(answerer: Answerer) -> None:
    check(answerer.ask("will ai add more than 200B to digital ads by 32"), Expect(kind="yes_no", verdict="yes"))
    # (the market's whole spending is no figure the sources give)
    check(answerer.ask("how big is digital ad spending in 2032?"), Expect(kind="not_found", not_value=(200e9,)))


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("are the hyperscalers going to be spending half a trillion a year by 2032?", "yes"),
        ("Is it true hyperscalers will spend $700bn a year by 2032?", "no"),
        ("will hyperscalers spend exactly $500bn a year by 2032?", "no"),
        # a draft is checked as written: billions are not trillions
        ("quick one, my sentence: 'generative AI could generate $1.8 billion in annual revenue by 2032' — ok?", "no"),
    ],
)
def test_a_level_reached_by_a_year(answerer: Answerer, question: str, verdict: str) -> None:
    check(answerer.ask(question), Expect(kind="yes_no", verdict=verdict))


@pytest.mark.parametrize(
    ("question", "verdict", "value"),
    [
        ("is training's share of AI spending forecast to be cut by more than half?", "yes", -0.65),
        ("is training's share forecast to be cut by more than three quarters?", "no", -0.65),
        ("will training's share fall by more than 20 points?", "yes", -0.26),
        # 40% to 14% is 0.35x: more than halved
        ("will training's share halve by 2032?", "yes", 0.35),
    ],
)
def test_a_cut_by_a_part_of_itself(answerer: Answerer, question: str, verdict: str, value: float) -> None:
    check(answerer.ask(question), Expect(kind="yes_no", verdict=verdict, value=value))


def test_the_gap_between_a_stated_rate_and_an_implied_cagr_in_points(answerer: Answerer) -> None:
    a = answerer.ask("gap between the 2025 capex growth rate (44%) and the implied 25-32 CAGR, in pts?")
    check(a, Expect(kind="comparison", value=0.44 - CAGR_2025_2032, measure="pp_change", unit="pp"))


@pytest.mark.parametrize(
    ("question", "verdict", "value"),
    [
        ("is AI's share of server revenue forecast to hit 50%?", "no", 0.4),
        ("is AI's share of server revenue projected to top 30%?", "yes", 0.4),
        # with no forecast asked, the figure of the present
        ("is AI's share of server revenue above 15%?", "yes", 0.2),
    ],
)
def test_a_mark_for_a_forecast_is_checked_against_the_forecast(
    answerer: Answerer, question: str, verdict: str, value: float
) -> None:
    check(answerer.ask(question), Expect(kind="yes_no", verdict=verdict, value=value))
