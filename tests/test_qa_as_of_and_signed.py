"""What is known on the day a question is asked, and gaps whose sign the question fixes.

A filing made after the day asked is not yet "the most recent quarter"; "(filed minus article)" is a
signed difference, never the sum of the two figures nor their unsigned gap."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check, conversation

from bot.engine import Answerer
from kg.store import KnowledgeStore

# Nvidia's fiscal Q3 FY2026 (Aug-Oct 2025): nine months to 26 Oct 2025 less six months to 27 Jul 2025,
# both filed in 2025; its Q1 FY2027 (Feb-Apr 2026) was filed in May 2026
NVDA_Q3_FY26 = 4.758e9 - 3.122e9
NVDA_Q1_FY27 = 1.757e9


@pytest.fixture(scope="module")
def store() -> KnowledgeStore:
    return KnowledgeStore()


@pytest.mark.parametrize(
    ("today", "question", "expect"),
    [
        (
            date(2025, 12, 1),
            "What was Nvidia's capex in its most recent quarter?",
            Expect(value=NVDA_Q3_FY26, measure="level", not_value=(NVDA_Q1_FY27,)),
        ),
        (date(2025, 12, 1), "nvda latest quarterly capex", Expect(value=NVDA_Q3_FY26, not_value=(NVDA_Q1_FY27,))),
        # asked after the later filing, it is the latest
        (date(2026, 6, 1), "What was Nvidia's capex in its most recent quarter?", Expect(value=NVDA_Q1_FY27)),
        # with no period asked: the newest figure filed by then, and none filed later among the others shown
        (date(2025, 12, 1), "meta capex", Expect(value=48.308e9, period="9M 2025 (Jan – Sep 2025)")),
        (
            date(2025, 12, 1),
            "what was nvda capex in the latest 10-Q?",
            Expect(value=4.758e9, not_value=(NVDA_Q1_FY27,)),
        ),
        # "through the latest 10-Q" names the source of a year to date
        (
            date(2025, 12, 1),
            "How much has Meta spent on capex so far this year, through the latest 10-Q?",
            Expect(value=48.308e9, measure="level"),
        ),
    ],
)
def test_the_latest_is_what_was_filed_by_the_day_asked(
    store: KnowledgeStore, today: date, question: str, expect: Expect
) -> None:
    check(Answerer(store, today=today).ask(question), expect)


MSFT_CY25 = 16.745e9 + (64.551e9 - 47.472e9) + 19.394e9 + 29.876e9
FOUR_CY25 = 131.819e9 + 91.447e9 + 69.691e9 + MSFT_CY25  # Amazon, Alphabet, Meta, Microsoft


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # one company's two measures: the filed figure less the article's, negative when it is smaller
        (
            "article says Meta spent $30.7B on AI capex in H1'25 — how far off is the 10-Q cash capex "
            "(filed minus article)?",
            Expect(kind="comparison", value=29.479e9 - 30.7e9, measure="difference", not_value=(1.221e9,)),
        ),
        (
            "meta h1 2025: article AI capex vs 10-Q capex, article minus filed?",
            Expect(kind="comparison", value=30.7e9 - 29.479e9, measure="difference"),
        ),
        # several companies' filed total against the article's amount, signed as written
        (
            "Sum the filed CY2025 capex of AMZN, MSFT (calendarized), GOOGL and META — how big is the gap vs "
            "the article's $371B (filed minus article)?",
            Expect(value=FOUR_CY25 - 371e9, measure="difference", not_value=(FOUR_CY25,), tokens=("−",)),
        ),
        (
            "amzn+msft+googl+meta calendar 2025 capex as filed: gap to the article's $371B, forecast minus actual?",
            Expect(value=371e9 - FOUR_CY25, measure="difference"),
        ),
    ],
)
def test_a_gap_written_as_one_source_less_the_other_keeps_its_sign(
    store: KnowledgeStore, question: str, expect: Expect
) -> None:
    check(Answerer(store, today=date(2026, 3, 1)).ask(question), expect)


@pytest.mark.parametrize(
    ("question", "verdict", "tokens"),
    [
        ("Is the $1.8 trillion generative AI revenue projection for the year 2030?", "no", ("2032",)),
        ("is the $371B figure for 2024?", "no", ("2025",)),
        ("was the 1.8T for 2032?", "yes", ("2032",)),
        ("is meta's $30.7B for H1 2025?", "yes", ("H1 2025",)),
    ],
)
def test_a_figure_named_by_its_amount_is_checked_against_the_period_asked(
    store: KnowledgeStore, question: str, verdict: str, tokens: tuple[str, ...]
) -> None:
    check(Answerer(store, today=date(2025, 10, 1)).ask(question), Expect(kind="yes_no", verdict=verdict, tokens=tokens))


@pytest.mark.parametrize(
    "question",
    [
        "do they give any emissions or water-use figures for these data centers? need scope 2 numbers",
        "are there any headcount numbers for Meta's AI teams?",
        "are there any water-usage numbers for Microsoft's data centers?",
    ],
)
def test_a_kind_of_figure_the_sources_hold_none_of_is_declined(store: KnowledgeStore, question: str) -> None:
    a = Answerer(store, today=date(2025, 10, 1)).ask(question)
    assert not a.answered and a.kind == "not_found", a.text


@pytest.mark.parametrize(
    ("question", "value"),
    [
        # words before "figure" that say which of the figures held are no kind of their own
        ("Microsoft's cash capex for fiscal 2025, clean number please", 64.551e9),
        ("what did the article say Meta spent on AI capex in H1 2025? want the precise number", 30.7e9),
        ("is there any capex figure for Meta in 2024?", 37.256e9),
    ],
)
def test_words_choosing_among_the_figures_held_are_not_a_kind(
    store: KnowledgeStore, question: str, value: float
) -> None:
    a = Answerer(store, today=date(2026, 3, 1)).ask(question)
    assert a.value == pytest.approx(value, rel=0.005), a.text


@pytest.mark.parametrize(
    ("turns", "expect"),
    [
        # the level a change just given implies, asked as "implied 2024" or "the 2024 base"
        (["hyperscaler capex 2025e?", "y/y on that?", "so implied 2024?"], Expect(value=371e9 / 1.44, measure="level")),
        (
            ["what's 2025 hyperscaler capex?", "and growth vs 2024?", "so what's the 2024 base in $?"],
            Expect(value=371e9 / 1.44, measure="level", unit="USD"),
        ),
        # a figure named by its amount only: which one it is, then questions about it
        (["what does the 44% refer to?"], Expect(value=0.44, measure="percent_change", tokens=("2024", "2025"))),
        (
            ["what's the 44% figure in the story referring to?", "so what was the 2024 base in dollars?"],
            Expect(value=371e9 / 1.44, measure="level"),
        ),
        (["what is the $525B figure?"], Expect(value=525e9, period="2032")),
        # "to that": the other figure of the conversation, not the one just given again
        (
            ["what's the 2032 hyperscaler capex forecast", "and 2025?", "cagr from 2025 to that?"],
            Expect(value=(525 / 371) ** (1 / 7) - 1, measure="cagr", not_value=(0.44,)),
        ),
        (["what does 30.7B stand for?"], Expect(value=30.7e9, subject="Meta")),
    ],
)
def test_a_figure_named_by_amount_or_implied_by_a_change(
    store: KnowledgeStore, turns: list[str], expect: Expect
) -> None:
    check(conversation(store, turns), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # an aside saying how a figure was worked out is no part of the span asked
        (
            "implied CAGR of hyperscaler capex from 2024 (backing it out of the 44%) to 2032?",
            Expect(value=(525 / (371 / 1.44)) ** (1 / 8) - 1, measure="cagr", not_value=(0.44,)),
        ),
        # "what multiple is the revenue": the revenue over the other, whichever is written first
        (
            "how does the $200B ad-spend uplift stack up against the $1.8T genAI revenue figure? what multiple is "
            "the revenue",
            Expect(kind="comparison", value=9.0, measure="multiple"),
        ),
        (
            "genAI revenue 2032 vs ad uplift 2032, what multiple is the ad uplift?",
            Expect(kind="comparison", value=200 / 1800, measure="multiple"),
        ),
    ],
)
def test_asides_and_the_figure_named_as_the_multiple(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2025, 10, 1)).ask(question), expect)


@pytest.mark.parametrize(
    ("turns", "expect"),
    [
        # the article's narrower figure against what the company filed, each from its own source
        (
            [
                "What was Meta's AI capex in the first half of 2025 according to the article?",
                "By how much does the article's figure exceed what Meta actually filed in its 10-Q for the same half?",
            ],
            Expect(kind="comparison", value=30.7e9 - 29.479e9, measure="difference", not_value=(15.35e9,)),
        ),
        (
            ["What was Meta's AI capex in H1 2025 per the article?", "how far above the filed capex is that?"],
            Expect(kind="comparison", value=30.7e9 - 29.479e9, measure="difference"),
        ),
        # a yes/no and then the size asked: the size
        (
            ["Is the article's $30.7bn for Meta's H1 consistent with the 10-Q? How far above the filed capex is it?"],
            Expect(value=30.7e9 - 29.479e9, measure="difference"),
        ),
        # "to what level ... fall": the level reached
        (
            ["To what level is training's share of AI spend forecast to fall by 2032?"],
            Expect(value=0.14, measure="level", not_value=(-0.26,)),
        ),
        # a fiscal year and its months, both written: one period, in the company's calendar
        (
            ["msft capex fy24?", "wait — their FY24 is jul-23 to jun-24 right? just confirm the capex number"],
            Expect(value=44.477e9, measure="level"),
        ),
    ],
)
def test_the_filed_figure_against_the_article_and_what_is_asked_last(
    store: KnowledgeStore, turns: list[str], expect: Expect
) -> None:
    check(conversation(store, turns), expect)


AMZN_META_MSFT_CY24 = 82.999e9 + 37.256e9 + 55.552e9
AMZN_META_MSFT_CY25 = 131.819e9 + 69.691e9 + MSFT_CY25


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # after a growth rate stated for the group, the companies' growth asked is their combined growth
        (
            "The article has hyperscaler capex up 44% in 2025. What growth did Amazon, Meta and Microsoft's filed "
            "capex actually show in calendar 2025 vs 2024?",
            Expect(value=AMZN_META_MSFT_CY25 / AMZN_META_MSFT_CY24 - 1, measure="percent_change"),
        ),
        (
            "article claims Amazon/Meta/Microsoft capex is up 44% in 2025. what does the filed cash capex actually "
            "show for calendar 2025 vs 2024, combined (MSFT calendarised)?",
            Expect(value=AMZN_META_MSFT_CY25 / AMZN_META_MSFT_CY24 - 1, measure="percent_change"),
        ),
        # with no rate stated first, each company's own growth
        (
            "What growth did Amazon, Meta and Microsoft's capex show in calendar 2025 vs 2024?",
            Expect(kind="comparison", items=("Amazon", "Meta", "Microsoft")),
        ),
    ],
)
def test_growth_after_a_stated_group_rate_is_combined(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2026, 3, 1)).ask(question), expect)


@pytest.mark.parametrize(
    ("today", "question", "expect"),
    [
        # "do they size it?" asks whether the sources give the figure; a share is no dollar figure
        (date(2026, 3, 1), "inference capex in $ for 2025 — do they size it?", Expect(kind="not_found")),
        (
            date(2026, 3, 1),
            "meta capex 2024, do the filings give a number?",
            Expect(kind="yes_no", verdict="yes", value=37.256e9),
        ),
        # a multiple against the same period a year before, whatever else the question says around it
        (
            date(2025, 10, 1),
            "the meta H1 AI capex 'doubling' — what multiple vs the same period last yr does the article imply? 2x?",
            Expect(value=2.0, measure="multiple", unit="multiple"),
        ),
    ],
)
def test_whether_a_figure_is_given_and_a_multiple_on_a_year_before(
    store: KnowledgeStore, today: date, question: str, expect: Expect
) -> None:
    check(Answerer(store, today=today).ask(question), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # the amounts written name the series; the year written is one of theirs
        ("if it ramps linearly 371 -> 525 by 2032, how much per yr?", Expect(value=22e9, measure="per_year_step")),
        # a measure ruled out by "not" is not the one asked
        (
            "amzn FY24 capex? cash PP&E purchases, not the 'capex incl finance leases' number",
            Expect(value=82.999e9, measure="level"),
        ),
        ("amzn capex 2024 including finance leases", Expect(kind="not_found")),
        # "Now that the 10-K is out" gives a reason, not the present as the period
        (
            "Now that the 10-K is out, what did Alphabet spend on capex in full-year 2025?",
            Expect(value=91.447e9, period="2025"),
        ),
    ],
)
def test_amounts_naming_a_series_and_words_around_the_ask(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2026, 3, 1)).ask(question), expect)


@pytest.mark.parametrize(
    "question",
    [
        "if training is 14% of AI spend in 2032, what share is everything that isn't training?",
        "what share of AI spend is everything that isn't training in 2032?",
    ],
)
def test_the_rest_of_a_share_written_in_a_premise(store: KnowledgeStore, question: str) -> None:
    check(Answerer(store, today=date(2025, 10, 1)).ask(question), Expect(value=0.86, measure="level", unit="ratio"))


def test_a_stated_rate_points_apart_from_the_yearly_rate_of_another_span(store: KnowledgeStore) -> None:
    a = Answerer(store, today=date(2025, 10, 1)).ask(
        "the 44% jump in 2025 vs the implied 2025-32 CAGR — how many pts apart?"
    )
    check(a, Expect(kind="comparison", value=0.44 - ((525 / 371) ** (1 / 7) - 1), measure="pp_change", unit="pp"))


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("is the 44% 2025 capex growth faster than the implied 2025-2032 annual growth rate?", "yes"),
        ("is the 44% growth slower than the 2025-2032 CAGR?", "no"),
    ],
)
def test_a_stated_rate_against_the_yearly_rate_of_another_span(
    store: KnowledgeStore, question: str, verdict: str
) -> None:
    a = Answerer(store, today=date(2025, 10, 1)).ask(question)
    check(a, Expect(kind="yes_no", verdict=verdict, tokens=("44%", "5.1%")))


@pytest.mark.parametrize(
    ("turns", "expect"),
    [
        # dollars asked of figures the sources give only as shares: declined, never the share
        (["how many $ of the 371bn is going to inference vs training?"], Expect(kind="not_found")),
        # "capex is what multiple of it?": capex over the other figure
        (
            ["how does the AI ad-spend uplift compare w/ 2032 hyperscaler capex — capex is what multiple of it?"],
            Expect(kind="comparison", value=525 / 200, measure="multiple"),
        ),
        # the gap between an amount the article writes and the filed figure
        (
            ["How much higher is the article's $30.7bn Meta H1 number than the capex in the 10-Q?"],
            Expect(kind="comparison", value=30.7e9 - 29.479e9, measure="difference"),
        ),
        # a share asked as "how much of W is X": the share is what the next question follows on
        (
            ["how much of global server revenue is AI right now?", "and where could that go in a few years?"],
            Expect(value=0.40, measure="level", unit="ratio"),
        ),
        (["how much of global server revenue is AI right now?", "where could it get to?"], Expect(value=0.40)),
        # hedges and interjections are no names; a level worked back from the change supposed
        (
            ["how much did meta spend on AI capex in 1H25?", "so 1H24 was roughly what, if it doubled?"],
            Expect(value=15.35e9, measure="level"),
        ),
        (
            [
                "hyperscaler capex 2025 per the article?",
                "and where's it projected by 2032?",
                "cool — and the CAGR from 2025 to that?",
            ],
            Expect(value=(525 / 371) ** (1 / 7) - 1, measure="cagr"),
        ),
    ],
)
def test_dollars_multiples_gaps_and_hedges(store: KnowledgeStore, turns: list[str], expect: Expect) -> None:
    check(conversation(store, turns), expect)


@pytest.mark.parametrize(
    "turns",
    [
        ["$1.8T genAI rev at up to 16% of tech spend — what total tech spend does that imply for 2032?"],
        ["BI's genAI revenue forecast for 2032?", "and if that's 16% of tech spend, what's the total tech spend pie?"],
        # no year written: the one period the share is held for
        ["if genai is 1.8T and 16% of tech spend whats total tech spend implied"],
    ],
)
def test_the_whole_a_share_implies(store: KnowledgeStore, turns: list[str]) -> None:
    a = conversation(store, turns)
    # "up to 16%" of the whole: the whole is at least $11.25T
    check(a, Expect(value=1.8e12 / 0.16, measure="level", unit="USD", qualifier="at_least", tokens=("$11.25T",)))


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # the companies with the rate stated for their group: the group's change
        (
            "so in dollar terms how much extra are amzn/meta/msft adding to capex in 2025 vs 2024? back it out "
            "from the 44%",
            Expect(value=371e9 - 371e9 / 1.44, measure="difference", unit="USD"),
        ),
        # a threshold on a rate the series implies, written with an article ("clear a 5% CAGR")
        ("does the 2025→2032 capex path clear a 5% CAGR?", Expect(kind="yes_no", verdict="yes", measure="cagr")),
        # a share's direction said as its size
        ("is training going to get a bigger share of AI spend by 2032?", Expect(kind="yes_no", verdict="no")),
        # membership in the group whose figure the amount is
        ("is msft one of the hyperscalers behind the 371B", Expect(kind="yes_no", verdict="yes")),
    ],
)
def test_rates_directions_and_members(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2025, 10, 1)).ask(question), expect)


def test_which_of_two_amounts_is_right_gives_the_figure_as_it_stands(store: KnowledgeStore) -> None:
    a = Answerer(store, today=date(2026, 3, 1)).ask(
        "meta 2023 capex — ive seen 27.27B and 27.05B in different places, which one is right?"
    )
    check(a, Expect(value=27.045e9, measure="level", tokens=("Restated",)))


@pytest.mark.parametrize(
    "question",
    ["inference spend gonna beat training by end of 25?", "will inference beat training?"],
)
def test_beat_is_the_stated_relation(store: KnowledgeStore, question: str) -> None:
    a = Answerer(store, today=date(2025, 10, 1)).ask(question)
    check(a, Expect(kind="yes_no", verdict="yes", tokens=("exceed",)))


@pytest.mark.parametrize(
    ("turns", "expect"),
    [
        (["training % of ai spend now", "and by 32"], Expect(value=0.14, period="2032")),
        (["hyperscaler capex by 32?"], Expect(value=525e9, period="2032")),
    ],
)
def test_a_two_digit_year_after_a_word_of_time(store: KnowledgeStore, turns: list[str], expect: Expect) -> None:
    check(conversation(store, turns), expect)


def test_an_amount_after_by_is_no_year(store: KnowledgeStore) -> None:
    a = Answerer(store, today=date(2025, 10, 1)).ask("did hyperscaler capex grow by 32% in 2025?")
    assert "2032" not in a.text, a.text


@pytest.mark.parametrize(
    "question",
    [
        "sorry dumb q — what does 'inference' mean here vs training?",
        "in this piece what's the difference between 'inference' and 'training' spending? need a one-liner",
        "inference vs training whats the diff",
        # ("draws" is a verb here, never a misspelt "DRAM")
        "quick one — inference vs training, what's the distinction the piece draws?",
    ],
)
def test_two_terms_contrasted_are_defined_not_subtracted(store: KnowledgeStore, question: str) -> None:
    a = Answerer(store, today=date(2025, 10, 1)).ask(question)
    assert a.kind == "explanation" and a.value is None, a.text


def test_the_difference_of_two_shares_is_in_points(store: KnowledgeStore) -> None:
    a = Answerer(store, today=date(2025, 10, 1)).ask("training share 2032 vs today - diff")
    check(a, Expect(value=-0.26, measure="pp_change", unit="pp"))


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # "currently on file": the figure as filed now, not a change to the present
        (
            "AMZN 2016 capex — the number currently on file after they switched the capex tag (not the original "
            "10-K print)",
            Expect(value=7.804e9, measure="level", tokens=("Restated",)),
        ),
        # one company's fiscal name for months just written: each company in those months
        (
            "Jan–Mar 2025 quarter (MSFT's fiscal Q3): how much more capex did Microsoft spend than Meta?",
            Expect(kind="comparison", value=16.745e9 - 12.941e9, measure="difference"),
        ),
    ],
)
def test_the_figure_on_file_and_a_bracketed_fiscal_name(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2026, 3, 1)).ask(question), expect)


@pytest.mark.parametrize(
    ("question", "verdict", "value"),
    [
        # "going under": where the share is heading, the latest forecast
        ("training share going under 15%?", "yes", 0.14),
        ("is training's share going to fall below 20%?", "yes", 0.14),
        # with no word of where it is heading: where it stands
        ("training share under 15%?", "no", 0.40),
    ],
)
def test_a_mark_for_where_a_figure_is_heading(store: KnowledgeStore, question: str, verdict: str, value: float) -> None:
    check(Answerer(store, today=date(2025, 10, 1)).ask(question), Expect(kind="yes_no", verdict=verdict, value=value))


def test_an_unknown_company_compared_is_declined_not_replaced_by_the_other(store: KnowledgeStore) -> None:
    a = Answerer(store, today=date(2025, 10, 1)).ask("tesla capex 2024 — how does it compare to the hyperscalers?")
    assert a.kind == "not_found" and "Tesla" in a.text, a.text


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # a part of the figure at the source's present, not the fraction read as a share
        (
            "Will training's 2032 share be less than a third of its current share?",
            Expect(kind="yes_no", verdict="no", tokens=("13.3%",)),
        ),
        ("Will training's 2032 share be less than half of its current share?", Expect(kind="yes_no", verdict="yes")),
        # "$ add": the dollars added
        ("$ add 24->25 on hyperscaler capex", Expect(value=371e9 - 371e9 / 1.44, measure="difference", unit="USD")),
    ],
)
def test_a_part_of_the_present_figure_and_dollars_added(store: KnowledgeStore, question: str, expect: Expect) -> None:
    check(Answerer(store, today=date(2025, 10, 1)).ask(question), expect)


@pytest.mark.parametrize(
    ("today", "turns", "expect"),
    [
        # "Backing out the base, what ...?": a lead-in, the question after it
        (
            date(2025, 10, 1),
            [
                "The piece says $371bn in 2025 is a 44% increase. Backing out the base, what did the hyperscalers "
                "spend last year?"
            ],
            Expect(value=371e9 / 1.44, measure="level"),
        ),
        # "article 'AI capex' 30.7B - the 10-Q cash capex = ?": one measure less the other, as written
        (
            date(2025, 10, 1),
            ['meta 1h25: article "AI capex" 30.7B - the 10-Q cash capex = ? trying to reconcile'],
            Expect(kind="comparison", value=30.7e9 - 29.479e9, measure="difference"),
        ),
        # "same yr" says which year, no rate per year
        (
            date(2026, 3, 1),
            ["amzn capex cy25", "as % of rev same yr?"],
            Expect(value=131.819e9 / 716.924e9, measure="ratio"),
        ),
    ],
)
def test_lead_ins_written_differences_and_which_year(
    store: KnowledgeStore, today: date, turns: list[str], expect: Expect
) -> None:
    check(conversation(store, turns, today), expect)
