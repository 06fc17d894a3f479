"""Quarters as sell-side notes write them, and which side of a comparison is which.

A quarter number beside the month its quarter ends in ("MSFT Sep-qtr capex, 1Q26 vs 1Q25") is
the company's fiscal quarter when the calendar quarter of that number ends in another month."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check, conversation

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def store() -> KnowledgeStore:
    return KnowledgeStore()


def ask(store: KnowledgeStore, question: str, today: date = date(2026, 6, 1)):
    return Answerer(store, today=today).ask(question)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # Microsoft's fiscal Q1 is Jul-Sep: 19.394B in FY26, 14.923B in FY25
        ("msft september quarter capex growth, 1Q26 over 1Q25?", Expect(value=19.394 / 14.923 - 1, rel=0.01)),
        ("Microsoft Sep-qtr capex (1Q26)", Expect(value=19.394e9, measure="level", rel=0.001)),
        # Apple's fiscal Q1 is Oct-Dec: 143.756B of revenue in FY26
        ("AAPL Dec qtr revenue, Q1 26", Expect(value=143.756e9, measure="level", rel=0.001)),
        # a month that agrees with the calendar quarter leaves it calendar: Amazon's Jan-Mar 2026
        ("amzn Mar-qtr capex 1Q26", Expect(value=44.203e9, measure="level", rel=0.001)),
    ],
)
def test_a_quarter_number_beside_the_month_it_ends(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(ask(store, question), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # a slip in "article" still picks the article's figures: nearly $40B against $30.7B
        (
            "gap between alphabet's and meta's H1 2025 capex per the aritcle, in dollars",
            Expect(kind="comparison", value=9.3e9, measure="difference", rel=0.01),
        ),
        # "does the piece have a number" after the figure: the figure, or a plain refusal
        ("HBM market size 2030 - does the article give a number?", Expect(kind="not_found")),
        (
            "Alphabet's 2024 capex - is there a number?",
            Expect(kind="yes_no", verdict="yes", value=52.535e9, measure="level", rel=0.001),
        ),
        # equal dollar steps to a mark the question sets
        (
            "in a straight line, how many dollars a year must hyperscaler spending add from 2025 to get to $600B "
            "in 2032?",
            Expect(value=(600e9 - 371e9) / 7, measure="per_year_step", unit="USD", rel=0.001),
        ),
        # "shrinks" is a change, written without "does"
        ("in relative terms, by how much the training share shrinks by 2032?", Expect(value=-0.65, rel=0.01)),
        # "be majority of" without an article is "more than half of"; nearly half is not
        ("will training be majority of AI spend by 2032?", Expect(kind="yes_no", verdict="no")),
        # a premise, then the question with "approximately" before it
        (
            "Meta's AI capex doubled in H1 2025. So approximately what did Meta spend on AI capex in H1 2024?",
            Expect(value=15.35e9, measure="level", unit="USD", rel=0.01),
        ),
        # a claim of the article restated and called accurate: true to its source
        ("'Meta spent $30.7B on AI capex in H1 2025' — accurate?", Expect(kind="yes_no", verdict="yes")),
    ],
)
def test_sides_steps_and_claims(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(ask(store, question), expect)


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("'In 2032 nearly half of AI spend goes to inference; training's share falls to 14%' — true?", "yes"),
        (
            "“By 2032 inference takes nearly half of AI spend, while training's share rises from 40% to 50%” — right?",
            "no",
        ),
    ],
)
def test_a_claim_of_two_parts_holds_only_when_both_do(store: KnowledgeStore, question: str, verdict: str) -> None:
    a = ask(store, question)
    check(a, Expect(kind="yes_no", verdict=verdict))
    assert "(1)" in a.text and "(2)" in a.text  # each part answered with its own evidence


@pytest.mark.parametrize(
    ("turns", "expect"),
    [
        # the measure alone, with the words of the ask around it, after a change
        (
            ["hyperscaler capex 2025", "and the rise from 2024?", "how much in dollars?"],
            Expect(value=371e9 - 371e9 / 1.44, measure="difference", unit="USD", rel=0.01),
        ),
        # the article's figure just given, against the filings' broader measure of the same half
        (
            ["Meta's AI capex in the first half of 2025 per the article?", "difference vs the filed capex?"],
            Expect(kind="comparison", value=30.7e9 - 29.479e9, measure="difference", rel=0.01),
        ),
        (
            ["Meta's AI capex in the first half of 2025 per the article?", "how much is that above the filed capex?"],
            Expect(kind="comparison", value=30.7e9 - 29.479e9, measure="difference", rel=0.01),
        ),
    ],
)
def test_follow_ups_on_the_measure_and_the_filed_side(store: KnowledgeStore, turns: list[str], expect: Expect) -> None:
    check(conversation(store, turns, today=date(2026, 3, 1)), expect)


def test_the_parts_of_a_claim_as_documented() -> None:
    import doctest

    from bot.reading import claim_parts

    assert doctest.testmod(claim_parts).failed == 0


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # a superlative after the verb ranks; it is no "majority of capex"
        ("which of amazon, meta and alphabet spent most capex in 2024?", Expect(kind="list", first=("Amazon",))),
        # a fiscal half said again in calendar months
        ("Microsoft H1 FY26 capex (jul through dec)", Expect(value=49.27e9, measure="level", rel=0.001)),
        # "60%+": that share or more
        ("training at 30%+ of AI spending by 2032?", Expect(kind="yes_no", verdict="no")),
        # the tag, then the kind ruled out
        ("the 525B for 2032 is one year's spend right, not cumulative?", Expect(kind="yes_no", verdict="yes")),
        # a forecaster named as the owner of another subject's figure
        (
            "BI's 2032 genAI revenue minus the 2032 hyperscaler capex, in dollars?",
            Expect(kind="comparison", value=1.8e12 - 525e9, measure="difference", rel=0.001),
        ),
        # the change into the figure's own period, the figure named by its amount
        ("the $525B in 2032: what growth from 2025?", Expect(value=525 / 371 - 1, measure="percent_change")),
        # a piece named by what it is about is the article
        (
            "what does this AI-inference piece give for amzn+meta+msft data-centre spend in 2025?",
            Expect(value=371e9, measure="level", rel=0.001),
        ),
        # shares added up are no dollars
        ("inference and training spend combined in 2032, in dollars?", Expect(kind="not_found")),
        # a move between two figures written has a direction
        ("training's share moves from 40% to 14% by 2032 — fair summary?", Expect(kind="yes_no", verdict="yes")),
        # growth rates set against each other, in points, the group in its own measure
        (
            "gap in points between Meta's H1 2025 AI capex growth and the hyperscalers' 2025 growth?",
            Expect(kind="comparison", value=0.56, measure="pp_change", unit="pp", rel=0.01),
        ),
    ],
)
def test_seventh_round_of_unseen_wordings(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(ask(store, question, today=date(2026, 3, 1)), expect)


@pytest.mark.parametrize(
    ("question", "verdict", "token"),
    [
        ("'projections reaching $525 billion annually by 2032' — did I get that right, word for word?", "yes", "525"),
        ("'projections reaching $600 billion annually by 2032' — is that accurately quoted?", "no", "525"),
    ],
)
def test_a_line_quoted_from_the_source(store: KnowledgeStore, question: str, verdict: str, token: str) -> None:
    a = ask(store, question)
    check(a, Expect(kind="yes_no", verdict=verdict, tokens=(token,)))
    assert a.sources and token in a.sources[0].quote  # the source's own sentence, quoted


def test_a_gap_in_points_between_amounts_is_never_given() -> None:
    """Growth set against growth in points, where one side has no change: declined, not a dollar gap."""
    a = Answerer(KnowledgeStore(), today=date(2026, 3, 1)).ask(
        "Alphabet's capex growth in 2025 vs genAI revenue growth in 2032, gap in points?"
    )
    assert a.unit != "USD"


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # a total the sources give, named by its amount, is no sum of the names around it
        (
            "what share of the 2025 hyperscaler total of $371B is Meta's $30.7B H1 AI capex?",
            Expect(value=30.7 / 371, measure="ratio", unit="ratio", rel=0.01),
        ),
        # a part of a company the graph does not know: declined, never the whole company's figure
        ("What was YouTube's capex in 2024, apart from the rest of Alphabet?", Expect(kind="not_found")),
        ("Instagram's share of Meta capex in 2024?", Expect(kind="not_found", not_value=(37.256e9,))),
        # the year a stated rate is measured from
        ("is the 44% increase calculated relative to 2023?", Expect(kind="yes_no", verdict="no")),
        ("is the 44% rise measured against 2024?", Expect(kind="yes_no", verdict="yes")),
        # the lowest of a fiscal year's quarters, with all of them
        ("lowest quarterly capex for Microsoft in FY25?", Expect(value=14.923e9, measure="level", rel=0.001)),
        # the unit an answer is wanted in is no name; a currency not held is declined
        ("alphabet 2024 capex, USD bn", Expect(value=52.535e9, measure="level", rel=0.001)),
        ("amazon capex 2024 in pounds?", Expect(kind="not_found")),
    ],
)
def test_eighth_round_of_unseen_wordings(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(ask(store, question, today=date(2026, 3, 1)), expect)


def test_as_a_multiple_of_another_company_after_a_figure(store: KnowledgeStore) -> None:
    a = conversation(store, ["Meta's 2024 capex?", "as a multiple of Alphabet's?"], today=date(2026, 3, 1))
    check(a, Expect(kind=("value", "comparison"), value=37.256 / 52.535, measure="multiple", rel=0.01))


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # the growth named first, less the rate written after it
        (
            "Meta's H1 2025 AI capex growth against the hyperscalers' +44%: difference in pp?",
            Expect(kind="comparison", value=0.56, measure="pp_change", unit="pp", rel=0.01),
        ),
        # "faster than 44%": the growth less 44 points, whatever is written first
        (
            "how many points faster than 44% did Alphabet's 2025 capex grow?",
            Expect(kind="comparison", value=91.447 / 52.535 - 1 - 0.44, measure="pp_change", unit="pp", rel=0.01),
        ),
        # a series named only by its stated rate, over another span of it
        (
            "the 2025→2032 rise vs the 44% rise into 2025: gap in percentage points?",
            Expect(kind="comparison", value=525 / 371 - 1 - 0.44, measure="pp_change", unit="pp", rel=0.01),
        ),
    ],
)
def test_a_growth_against_a_rate_written_as_a_number(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(ask(store, question, today=date(2026, 3, 1)), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # the question, then the asker's musing about it
        (
            "How much revenue did Apple have in fiscal 2025? I'm assuming it's bigger than Nvidia's?",
            Expect(value=416.161e9, measure="level", rel=0.001),
        ),
        ("Alphabet's 2025 capex — huge I guess, what is it?", Expect(value=91.447e9, measure="level", rel=0.001)),
        # an instruction after the question is part of the ask
        (
            "How does 2032 genAI revenue compare with 2032 hyperscaler capex? I'd like it as a multiple.",
            Expect(kind=("value", "comparison"), value=1.8e12 / 525e9, measure="multiple", rel=0.001),
        ),
        # a word for all spending does not void the premise's figure
        (
            "If the $371B for 2025 is up 44%, what would the 2024 spending have been?",
            Expect(value=371e9 / 1.44, measure="level", rel=0.001),
        ),
        ("What exactly is capex?", Expect(kind="explanation")),
    ],
)
def test_ninth_round_of_unseen_wordings(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(ask(store, question, today=date(2026, 3, 1)), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # the two sides named only by their sources, the filed one over the article's
        (
            "the article-implied $257.6B for 2024 vs the big four's filed 2024 capex — filed as a share of implied?",
            Expect(value=228.342e9 / (371e9 / 1.44), measure="ratio", unit="ratio", rel=0.01),
        ),
        # "tie to" asks whether two figures are one
        ("does Meta's $30.7B tie out to its 10-Q capex for H1 2025?", Expect(kind="yes_no", verdict="no")),
    ],
)
def test_sides_named_by_their_source(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(ask(store, question, today=date(2026, 3, 1)), expect)


def test_examples_of_a_kind_named_beside_a_claim(store: KnowledgeStore) -> None:
    """'software examples of the AI impact': the software the source names, not the claim about impact."""
    a = ask(store, "give me software examples of AI's impact")
    check(a, Expect(kind="list", items=("copilots", "coding assistants")))
