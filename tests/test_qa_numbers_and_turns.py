"""Numbers as analysts write them, and the turns of a conversation that build on them.

Digits grouped by thousands ("39,643 million") and a decimal comma ("30,7bn", as much of
Europe writes it) are one number each, not the digits after the comma."""

from __future__ import annotations

import re
from datetime import date

import pytest
from qa_expect import Expect, check, conversation

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def store() -> KnowledgeStore:
    return KnowledgeStore()


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        (
            "meta's 30,7 bn of AI capex in H1 2025 is how much of the 371 bn hyperscaler figure, in %?",
            Expect(value=30.7 / 371, measure="ratio", unit="ratio"),
        ),
        (
            "alphabet filed 39,643 million of capex for H1 2025 vs meta's 30,7bn AI capex: the gap in dollars?",
            Expect(kind="comparison", value=39.643e9 - 30.7e9, measure="difference", not_value=(643e6,)),
        ),
        (
            "Is $1,800bn of genAI revenue more than $1.5 trillion?",
            Expect(kind="yes_no", verdict="yes"),
        ),
    ],
)
def test_grouped_digits_and_decimal_commas_are_one_number(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2026, 3, 1)).ask(question), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # "what % is that of B": the part named between the measure and its whole
        (
            "alphabet's H1 2025 capex per the article, what percent is it of the $371B the three hyperscalers spend?",
            Expect(value=40e9 / 371e9, measure="ratio", unit="ratio", rel=0.01),
        ),
        # one company's figure over several others' added up, each side in its own metric and period
        (
            "apple FY25 revenue as a % of msft+googl+amzn FY2025 revenue combined?",
            Expect(measure="ratio", unit="ratio", items=("Apple", "Microsoft", "Alphabet", "Amazon")),
        ),
        (
            "meta 2024 capex as % of amazon and alphabet 2024 capex combined",
            Expect(value=37.256e9 / (83.004e9 + 52.535e9), measure="ratio", unit="ratio", rel=0.01),
        ),
    ],
)
def test_a_part_of_a_whole_written_after_it(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2026, 3, 1)).ask(question), expect)


@pytest.mark.parametrize(
    "question",
    [
        "what share of hyperscaler capex ends up with nvidia?",
        "how much of microsoft's capex is paid to nvidia",
        "what portion of meta's 2025 capex flows to nvidia for GPUs?",
    ],
)
def test_a_spending_paid_to_a_company_is_not_split_out(store: KnowledgeStore, question: str) -> None:
    a = Answerer(store, today=date(2026, 3, 1)).ask(question)
    check(a, Expect(kind="not_found", tokens=("Nvidia",)))


@pytest.mark.parametrize(
    ("turns", "expect"),
    [
        # the period named now against the figure just given
        (
            ["amazon capex 2024?", "and 2025, how much % higher vs that?"],
            Expect(value=131.819e9 / 83.004e9 - 1, measure="percent_change", rel=0.01),
        ),
        # "how much more than X's": the last answer's company on the other side, from the same source
        (
            ["alphabet's H1 2025 capex according to the article?", "how much more than meta's?"],
            Expect(kind="comparison", value=40e9 - 30.7e9, measure="difference", rel=0.02),
        ),
        # a question that names its own figure ("who forecasts ...?") is the topic of what follows
        (
            ["who forecasts the $1.8T of generative AI revenue?", "what share of total tech spending is that?"],
            Expect(value=0.16, unit="ratio"),
        ),
    ],
)
def test_follow_ups_on_the_figure_just_given(store: KnowledgeStore, turns: list[str], expect: Expect) -> None:
    check(conversation(store, turns, today=date(2026, 3, 1)), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # "how much was X up": a change from the year before, in per cent unless dollars are asked
        ("how much was amazon's capex up in 2025?", Expect(value=131.819e9 / 83.004e9 - 1, measure="percent_change")),
        (
            "how much was amazon's capex up in 2025, in dollars?",
            Expect(value=131.819e9 - 83.004e9, measure="difference"),
        ),
        # a share is up or down by points
        ("how much is training's share of AI spending down by 2032?", Expect(value=-0.26, measure="pp_change")),
    ],
)
def test_how_much_a_figure_is_up(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2026, 3, 1)).ask(question), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # a rate to beat, with the period between "faster" and "than"
        ("did meta's AI capex grow faster in H1 2025 than 60%?", Expect(kind="yes_no", verdict="yes")),
        ("did meta's AI capex grow slower in H1 2025 than 60%?", Expect(kind="yes_no", verdict="no")),
        # a series with no half-year figures grows over the year the half is in
        (
            "did meta's AI capex grow faster in H1 2025 than hyperscaler spending did?",
            Expect(kind="yes_no", verdict="yes", tokens=("different periods",)),
        ),
        # a written amount first, then the total of several companies it is set against
        (
            "was the $371bn forecast bigger than amzn+meta+msft 2025 capex combined?",
            Expect(kind="yes_no", verdict="yes", value=131.819e9 + 69.691e9 + 83.094e9, measure="sum"),
        ),
        (
            "is $250B below amazon + meta + microsoft capex for calendar 2025 together?",
            Expect(kind="yes_no", verdict="yes"),
        ),
        # "diff numbers" are different ones, not a difference asked
        ("amazon capex 2016? seeing diff numbers in different filings", Expect(value=7.804e9, measure="level")),
    ],
)
def test_marks_and_totals_in_yes_no_questions(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2026, 3, 1)).ask(question), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # nothing named has any figure: declined, never a "yes" about a mention
        ("does BI have a number for the HBM market size in 2032?", Expect(kind="not_found")),
        # a forecaster named: theirs only where the source credits them
        ("does Goldman Sachs have a forecast for genAI revenue by 2032?", Expect(kind="yes_no", verdict="unknown")),
        (
            "does Bloomberg Intelligence have a forecast for genAI revenue by 2032?",
            Expect(kind="yes_no", verdict="yes", value=1.8e12),
        ),
    ],
)
def test_whether_someone_has_a_figure(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2026, 3, 1)).ask(question), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # a yes/no with no auxiliary: a multiple to reach, a rate's digits, "or no" at the end
        ("amazon at least double its capex in 2025 vs 2023?", Expect(kind="yes_no", verdict="yes")),
        ("alphabet capex growth 2025 in double digits or no", Expect(kind="yes_no", verdict="yes")),
        ("hyperscaler spend CAGR 2025→2032 single-digit?", Expect(kind="yes_no", verdict="yes")),
        # a letter typed three times is a slip
        ("2032 hyperscaler spend toppping $500bn?", Expect(kind="yes_no", verdict="yes")),
    ],
)
def test_terse_yes_no_questions(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2026, 3, 1)).ask(question), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # the spender of a figure: the group and its members as the sources name them
        (
            "which companies are expected to pour $371bn into data centres this year?",
            Expect(kind="list", items=("Amazon", "Meta", "Microsoft"), absent=("Nvidia", "Apple")),
        ),
        # a total's split among its members is not given
        ("how does the $371B break down between Amazon, Meta and Microsoft?", Expect(kind="not_found")),
        # "I need the number in $": the asker's need, not a relation; inference is given only as a share
        ("how much will go to inference in 2032 in $? I need the dollar number", Expect(kind="not_found")),
    ],
)
def test_who_spends_and_what_is_not_split(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2025, 10, 1)).ask(question), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("How does the article describe 'reasoning AI models'? need a one-line gloss", Expect(kind="explanation")),
        ("what is meant with 'HBM' in the text?", Expect(kind="explanation", tokens=("High Bandwidth Memory",))),
        ("capex = ? (new to this)", Expect(kind="explanation", tokens=("Capital expenditure",))),
        ("what's training, as opposed to inference, in this piece?", Expect(kind="explanation", tokens=("training",))),
        # the options the asker has in mind do not change what is asked
        ("where is the $30.7bn from? the filing or the article?", Expect(kind="explanation", value=30.7e9)),
        # a stated change asked about by its rate: the rate is the figure
        ("source for the 44% growth in hyperscaler spending?", Expect(kind="explanation", value=0.44)),
    ],
)
def test_definitions_and_sources_as_asked(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2025, 10, 1)).ask(question), expect)


def test_an_overview_shows_the_newest_figures_and_how_many_there_are(store: KnowledgeStore) -> None:
    a = Answerer(store, today=date(2026, 6, 1)).ask("what do you have on Meta? 10-K or 10-Q?")
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", a.text)]
    assert a.answered and years and min(years) >= 2024, a.text
    assert "in all" in a.text, a.text


@pytest.mark.parametrize(
    ("question", "expect", "today"),
    [
        # a company's guidance is no filed figure; "not guidance" and a filing asked are the filed one
        ("meta 2025 capex guide?", Expect(kind="not_found", not_value=(69.691e9,)), date(2026, 3, 1)),
        ("Meta FY2025 capex per the 10-K — the cash number, not guidance", Expect(value=69.691e9), date(2026, 3, 1)),
        # "past $250B" is a mark; "over $200B" does not settle it
        ("will AI push incremental ad spend past $250B by 2032?", Expect(kind="yes_no", verdict="unknown"), None),
        # a year of two digits first in the question, or after the measure
        ("25 hyperscaler spend above $400bn?", Expect(kind="yes_no", verdict="no", value=371e9), None),
        ("amazon capex 24 vs 25", Expect(kind="comparison", items=("2024", "2025")), date(2026, 3, 1)),
        # a span of months written with two-digit years, and one company's year as a window for all
        (
            "AMZN vs MSFT capex over Microsoft's FY25 window (Jul 24–Jun 25): how much more did Amazon spend?",
            Expect(kind="comparison", value=107.656e9 - 64.551e9, measure="difference"),
            date(2026, 3, 1),
        ),
        # "as a %" with "how much bigger": the relative change, not one figure as a share of the other
        (
            "as a % — how much bigger is the 2032 hyperscaler number than the 2025 one?",
            Expect(value=525 / 371 - 1, measure="percent_change"),
            None,
        ),
        # a figure asked of a period it is not for
        ("is the $1.8T genAI revenue figure for 2025?", Expect(kind="yes_no", verdict="no"), None),
        # a request in a later sentence asks for the figure, not whether it can be done
        (
            "I'd like Microsoft's calendar-2024 revenue. Can you build it from the quarterlies?",
            Expect(value=261.802e9),
            date(2026, 3, 1),
        ),
        ("how much of the $371B is Amazon's? does the article break it out?", Expect(kind="not_found"), None),
    ],
)
def test_second_round_of_unseen_wordings(
    store: KnowledgeStore, question: str, expect: Expect, today: date | None
) -> None:
    check(Answerer(store, today=today or date(2025, 10, 1)).ask(question), expect)


def test_if_that_is_a_rise_what_does_it_put_the_year_before_at(store: KnowledgeStore) -> None:
    turns = ["hyperscaler data-centre spend for 2025 in the article?", "and if that's a 44% rise, what's 2024 then?"]
    check(conversation(store, turns), Expect(value=371e9 / 1.44, measure="level"))


@pytest.mark.parametrize(
    ("question", "expect", "today"),
    [
        ("amzn+googl+meta+msft capex CY25 all in?", Expect(value=376.051e9, measure="sum"), date(2026, 3, 1)),
        ("who grew capex faster in 25, amazon or alphabet", Expect(kind="comparison", first=("Alphabet",)), None),
        ("src for the 44% jump in hyperscaler spend?", Expect(kind="explanation", value=0.44), None),
        (
            "meta's H1 25 AI capex as a fraction of the $371B (yes i know half a year vs a full year)",
            Expect(value=30.7 / 371, measure="ratio"),
            None,
        ),
        (
            "Nvidia's FY26 revenue as a % of the combined calendar-2025 capex of AMZN, GOOGL and META?",
            Expect(value=215.938e9 / (131.819e9 + 91.447e9 + 69.691e9), measure="ratio", rel=0.01),
            date(2026, 3, 1),
        ),
        # whether a figure is a total over a span, and whether a stated rate is for the span asked
        ("is the 525B a cumulative 2025-2032 total?", Expect(kind="yes_no", verdict="no"), None),
        ("is the 44% the growth from 2025 to 2032?", Expect(kind="yes_no", verdict="no", value=0.44), None),
        ("is the 44% the rise from 2024 to 2025?", Expect(kind="yes_no", verdict="yes"), None),
    ],
)
def test_third_round_of_unseen_wordings(
    store: KnowledgeStore, question: str, expect: Expect, today: date | None
) -> None:
    check(Answerer(store, today=today or date(2025, 10, 1)).ask(question), expect)


@pytest.mark.parametrize(
    ("question", "expect", "today"),
    [
        # one company's share of several listed, the part named outside the list
        (
            "For calendar Q2 2025 (Apr-Jun), what share of combined AMZN+MSFT+GOOGL+META capex was Alphabet? "
            "MSFT = their FQ4'25 obviously",
            Expect(value=22.446e9 / (32.183e9 + 17.079e9 + 22.446e9 + 16.538e9), measure="ratio", rel=0.01),
            date(2026, 3, 1),
        ),
        (
            "meta's share of the Oct-Dec 2025 quarter's capex (amzn/msft/googl/meta)?",
            Expect(value=21.383e9 / (39.522e9 + 29.876e9 + 27.851e9 + 21.383e9), measure="ratio", rel=0.01),
            date(2026, 3, 1),
        ),
        # a fall by more than half: the later level below half the earlier one
        ("does training's share more than halve by 2032?", Expect(kind="yes_no", verdict="yes"), None),
        (
            "a trillion dollars of genAI revenue a year by 2032 — will it bring in more than that?",
            Expect(kind="yes_no", verdict="yes"),
            None,
        ),
        # a stated change, a full stop, then the question
        (
            "meta doubled its AI capex in H1 2025 to 30.7B.. so what was H1 2024?",
            Expect(value=15.35e9, measure="level"),
            None,
        ),
    ],
)
def test_fourth_round_of_unseen_wordings(
    store: KnowledgeStore, question: str, expect: Expect, today: date | None
) -> None:
    check(Answerer(store, today=today or date(2025, 10, 1)).ask(question), expect)


@pytest.mark.parametrize(
    ("turns", "expect"),
    [
        (["BI's genAI revenue forecast for 2032?", "what slice of total tech spend would that be"], Expect(value=0.16)),
        (
            ["hyperscaler spend 2025?", "and 2032?", "avg $ increase per year between the two?"],
            Expect(value=22e9, measure="per_year_step"),
        ),
    ],
)
def test_follow_ups_that_lean_on_what_came_before(store: KnowledgeStore, turns: list[str], expect: Expect) -> None:
    check(conversation(store, turns), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # the amount added, and the spending it is added to
        ("will AI add at least 150B in digital ad spending by 2032?", Expect(kind="yes_no", verdict="yes")),
        ("how much extra money will flow into digital ads thanks to AI by 2032?", Expect(value=200e9)),
        # "over $200 billion" neither confirms nor rules out a larger amount claimed
        ("will AI add $300bn to ad spend by 2032?", Expect(kind="yes_no", verdict="unknown")),
        ("how much profit did alphabet make in 2024", Expect(kind="not_found", not_value=(350.018e9,))),
    ],
)
def test_ad_spending_and_profit_as_asked(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2025, 10, 1)).ask(question), expect)


def test_how_much_is_that_up_percent_wise(store: KnowledgeStore) -> None:
    turns = ["hyperscaler data-centre spend 2025?", "how much is that up from last year, percent wise?"]
    check(conversation(store, turns), Expect(value=0.44, measure="percent_change"))


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # a complete group's figure is its members' sum: a member's share of it is theirs
        (
            "amazon's share of the big-4 2025 capex total (msft on calendar basis)?",
            Expect(value=131.819e9 / 376.051e9, measure="ratio", rel=0.01),
        ),
        (
            "NVDA FY26 revenue as a % of the big-4 2025 capex total (msft calendarised)?",
            Expect(value=215.938e9 / 376.051e9, measure="ratio", rel=0.01),
        ),
        # "the current #" after a restatement is the figure as it stands; "10-K just dropped" is no fall
        ("amzn capex 2016 - there's a restatement w/ the tag change, what's the current #", Expect(value=7.804e9)),
        ("aapl capex FY25? sept ye, 10-K just dropped", Expect(value=12.715e9, measure="level")),
        # "tril", and the source's "within a few years" as analysts say it
        ("does hyperscaler capex clear half a tril by 2032 per the piece", Expect(kind="yes_no", verdict="yes")),
        (
            "AI share of server rev - does it get past 30% in the few-yr view?",
            Expect(kind="yes_no", verdict="yes", value=0.4),
        ),
        # an amount the question calls implied is the figure the sources imply, not a filed one of that size
        ("what is the article-implied 257.6B for 2024?", Expect(value=371e9 / 1.44, absent=("Alphabet",))),
    ],
)
def test_fifth_round_of_unseen_wordings(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2026, 3, 1)).ask(question), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # the article's figure against the filed one, written as analysts write it
        (
            "article's meta H1 number (30.7B) minus what meta actually filed as capex for H1 25?",
            Expect(kind="comparison", value=30.7e9 - 29.479e9, measure="difference"),
        ),
        (
            "by how much does the article's 30.7B for Meta H1 overstate the 10-Q cash capex figure?",
            Expect(kind="comparison", value=30.7e9 - 29.479e9, measure="difference"),
        ),
        # a claim that only names them says nothing about a filing's figure
        ("does the 30.7 meta # tie to their 10-Q cash capex for 1H25?", Expect(kind="yes_no", absent=("Yes",))),
    ],
)
def test_the_article_against_the_filings(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2025, 10, 1)).ask(question), expect)


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        # one year's change ("the 2025 jump") against a span's, in the measure the question writes
        ("was the 2025 jump (44%) bigger than the whole 2025->2032 growth the article projects?", "yes"),
        ("was the 2025 increase bigger in dollars than the whole 2025-2032 increase?", "no"),
    ],
)
def test_a_years_change_against_a_spans(store: KnowledgeStore, question: str, verdict: str) -> None:
    check(Answerer(store, today=date(2025, 10, 1)).ask(question), Expect(kind="yes_no", verdict=verdict))


@pytest.mark.parametrize(
    ("turns", "expect", "today"),
    [
        # the group's figure against its named members' filings: their filed measure of that kind, added up
        (
            ["did amazon, meta and msft together actually hit the 371B in 2025 per their filings?"],
            Expect(kind="yes_no", verdict="no", value=131.819e9 + 69.691e9 + 83.094e9, measure="sum"),
            date(2026, 3, 1),
        ),
        (
            ["is the article's 371B above what amzn+meta+msft actually filed for calendar 2025?"],
            Expect(kind="yes_no", verdict="yes"),
            date(2026, 3, 1),
        ),
        # "the above": the figure just given
        (
            ["inference share of AI spend by 2032?", "is the above more than training's share then? y/n"],
            Expect(kind="yes_no", verdict="yes"),
            date(2025, 10, 1),
        ),
    ],
)
def test_group_figures_against_filings_and_the_above(
    store: KnowledgeStore, turns: list[str], expect: Expect, today: date
) -> None:
    check(conversation(store, turns, today=today), expect)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        # the working written after a dash, one period less another: the quarter asked, not a change
        ("AMZN 2Q25 capex — H1 less Q1", 32.183e9),
        ("Meta 4Q25 capex — full year less the nine-month YTD, please walk me through it.", 21.383e9),
    ],
)
def test_the_working_written_beside_the_quarter(store: KnowledgeStore, question: str, value: float) -> None:
    check(Answerer(store, today=date(2026, 3, 1)).ask(question), Expect(value=value, measure="level"))


def test_how_much_more_after_a_filler_word(store: KnowledgeStore) -> None:
    turns = ["Alphabet's H1 2025 capex per the article?", "ok how much more than Meta then"]
    check(conversation(store, turns), Expect(kind="comparison", value=40e9 - 30.7e9, measure="difference", rel=0.02))


def test_the_year_of_a_figure_asked_after_naming_it(store: KnowledgeStore) -> None:
    a = Answerer(store, today=date(2025, 10, 1)).ask(
        "the 40% training share it falls from -- what year is that baseline?"
    )
    check(a, Expect(kind="not_found", tokens=("year",)))


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # "spend much on capex": the verb of the capex asked about, not a spending of its own
        (
            "nvidia doesn't seem to spend much on capex - what % of revenue was it in FY2025?",
            Expect(value=3.236e9 / 130.497e9, measure="ratio", rel=0.01),
        ),
        # a gap written as the filed total less the article's amount keeps that sign
        (
            "article says AMZN+META+MSFT spend 371B in 2025. what did those three actually file for calendar 2025? "
            "give me filed total minus the 371",
            Expect(value=131.819e9 + 69.691e9 + 83.094e9 - 371e9, measure="difference"),
        ),
    ],
)
def test_verbs_of_spending_and_signed_gaps(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2026, 3, 1)).ask(question), expect)


def test_a_series_broken_down_by_year_is_no_split_among_members(store: KnowledgeStore) -> None:
    a = Answerer(store, today=date(2025, 10, 1)).ask("hyperscaler spend broken down by year?")
    check(a, Expect(kind="list", items=("2024", "2025", "2032")))
