"""Analysts' notation and marks: "last full calendar year", "24->25", "25e->32e", "$ incr", a figure
set against an amount written with another measure's name ("... >= article's $30.7B AI capex fig?"),
"how much higher is that than what Meta filed?", the present as one end of a change to "within a
few years", "doubled to how much?" (the level, not a yes), and "vs last yr?" after a fiscal year."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2026, 8, 15))


@pytest.fixture(scope="module")
def in_2025() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2025, 10, 1))


CASES = [
    # the year before this one, however it is said
    (
        "What were Amazon's purchases of property and equipment for the last full calendar year?",
        Expect(value=131.819e9),
    ),
    ("amazon capex last full year", Expect(value=131.819e9, not_value=(44.203e9,))),
    ("msft capex last full calendar year", Expect(value=83.094e9, period="calendar 2025")),
    # a figure against an amount written with another measure's name: the figure named first
    ("meta filed capex H1'25 >= article's $30.7B AI capex fig?", Expect(kind="yes_no", verdict="no")),
    ("did Meta's filed H1 2025 capex exceed the $30.7B AI capex figure?", Expect(kind="yes_no", verdict="no")),
    # ... and a threshold's "on capex" is still the measure asked
    (
        "Of Amazon, Alphabet and Meta, which ones spent more than $50bn on capex in 2024?",
        Expect(kind="list", items=("Amazon", "Alphabet"), tokens=("More than $50B",)),
    ),
]


@pytest.mark.parametrize(("question", "expect"), CASES, ids=[q for q, _ in CASES])
def test_periods_and_marks(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


ARTICLE = [
    ("implied $ incr in hyperscaler capex 24->25?", Expect(value=371e9 - 371e9 / 1.44, measure="difference")),
    ("hyperscaler capex 25e->32e, linear $/yr step", Expect(value=22e9, measure="per_year_step")),
    ("straight-line $/yr step 371 -> 525?", Expect(value=22e9, measure="per_year_step")),
    # two shares joined by an arrow are no years
    (
        "by what % does training's share of AI spend shrink, relative terms, 40 -> 14?",
        Expect(value=0.14 / 0.40 - 1, measure="percent_change"),
    ),
    (
        "Our draft uses $30.7bn for Meta's H1 2025 capex. How much higher is that than what Meta actually filed "
        "as capex for H1 2025?",
        Expect(value=30.7e9 - 29.479e9, measure="difference"),
    ),
    (
        "Expressed as a multiple, how does the forecast 2032 training share of AI spending compare with the current "
        "training share?",
        Expect(value=0.35, measure="multiple"),
    ),
    (
        "how does the 2032 training share compare with the current one?",
        Expect(kind="comparison", tokens=("40%", "14%")),
    ),
    (
        "By how many percentage points is AI's share of global server revenue expected to rise, from its current "
        "level to the level the article anticipates within a few years?",
        Expect(value=0.20, measure="pp_change", rel=0.05),
    ),
    ("AI share of server rev, few-yrs target vs now, x", Expect(value=2.0, measure="multiple", rel=0.05)),
    (
        "The article says Meta's AI spending doubled in the first half of 2025 - doubled to how much exactly?",
        Expect(value=30.7e9, measure="level"),
    ),
]


@pytest.mark.parametrize(("question", "expect"), ARTICLE, ids=[q for q, _ in ARTICLE])
def test_article_notation(in_2025: Answerer, question: str, expect: Expect) -> None:
    check(in_2025.ask(question), expect)


@pytest.mark.parametrize("prior", ["vs last yr?", "vs prior yr?", "vs prior fy?"])
def test_the_year_before_a_fiscal_year(in_2025: Answerer, prior: str) -> None:
    conversation = f"fy-{prior}"
    in_2025.ask("msft capex FY25", conversation_id=conversation)
    check(in_2025.ask(prior, conversation_id=conversation), Expect(kind="comparison", tokens=("FY2024", "$44.5B")))
    check(in_2025.ask("as % of rev?", conversation_id=conversation), Expect(value=64.551 / 281.724, measure="ratio"))


@pytest.fixture(scope="module")
def in_november() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2025, 11, 15))


BIG_FOUR = [
    ("who are the big four?", Expect(kind="list", items=("Amazon", "Microsoft", "Alphabet", "Meta"), n_items=4)),
    # Microsoft on calendar years, as a sum over members always is
    ("big four capex 2024?", Expect(value=82.999e9 + 55.552e9 + 52.535e9 + 37.256e9)),
    ("rank the big 4 by capex in 2024", Expect(kind="list", first=("Amazon", "Microsoft", "Alphabet", "Meta"))),
    # the members that pass a mark, asked as a filter or with the draft's claim after the question
    ("big4 w/ CY24 capex > $50B", Expect(kind="list", items=("Amazon", "Microsoft", "Alphabet"))),
    (
        "Which of the big four hyperscalers had capex above $50bn in calendar 2024? Draft says only Amazon and "
        "Alphabet.",
        Expect(kind="list", items=("Amazon", "Microsoft", "Alphabet")),
    ),
]


@pytest.mark.parametrize(("question", "expect"), BIG_FOUR, ids=[q for q, _ in BIG_FOUR])
def test_the_big_four(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


def test_a_calendar_year_to_date_adds_up_the_quarters_filed(in_november: Answerer) -> None:
    # Microsoft's fiscal year starts in July: January to September is three of its quarters
    check(in_november.ask("msft capex CY25 YTD"), Expect(value=16.745e9 + 17.079e9 + 19.394e9, not_value=(33.824e9,)))
    check(in_november.ask("sum capex big4 CY25 YTD"), Expect(value=257.419e9, measure="sum"))


@pytest.fixture(scope="module")
def in_march() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2026, 3, 1))


TERSE = [
    # a quarter written without its year: the latest one that has ended
    ("AMZN capex last qtr? need the 4Q number", Expect(value=39.522e9, period="Q4 2025")),
    # the figure as it is filed now, for the year written
    ("What figure does Alphabet currently report for its 2015 capital expenditure?", Expect(value=9.95e9)),
    # terse checks: a direction or a multiple, no auxiliary verb
    ("googl capex down in '25?", Expect(kind="yes_no", verdict="no")),
    ("meta tripled AI capex in 1H25?", Expect(kind="yes_no", verdict="no")),
    # ... but a word quoted is no check
    ("META 1H24 AI capex implied by the 'doubled' comment?", Expect(value=15.35e9, measure="level")),
    # any / every period of a kind within the one named, each against the mark
    ("any meta qtr in '25 w/ capex >$20B?", Expect(kind="yes_no", verdict="yes", tokens=("Q4 2025",))),
    ("did Meta have any quarter in 2024 with capex above $15bn?", Expect(kind="yes_no", verdict="no")),
    ("was every quarter of Amazon's 2025 capex above $30bn?", Expect(kind="yes_no", verdict="no")),
]


@pytest.mark.parametrize(("question", "expect"), TERSE, ids=[q for q, _ in TERSE])
def test_terse_checks_and_yearless_periods(in_march: Answerer, question: str, expect: Expect) -> None:
    check(in_march.ask(question), expect)


CONVERSATIONS = [
    # a fiscal year carried to the next company is read in that company's calendar
    (["aapl capex fy25"], "and msft?", Expect(value=64.551e9, period="FY2025 (Jul 2024 – Jun 2025)")),
    (["aapl capex fy25", "and msft?"], "and amzn?", Expect(value=131.819e9, not_value=(107.656e9,))),
    # "vs X": the last figure against X's, each in its own period
    (["AMZN capex FY24"], "vs MSFT FY24 (Jun YE), $ diff", Expect(kind="comparison", value=38.522e9)),
    (["amzn capex 2025"], "vs meta?", Expect(kind="comparison", tokens=("$131.8B", "$69.7B"))),
    # the filings' own measure of a figure the article gives for a narrower one
    (
        ["How much did the article say Meta spent on AI capex in the first half of 2025?"],
        "And what does Meta's own 10-Q say for that same period?",
        Expect(value=29.479e9, not_value=(30.7e9,)),
    ),
    (
        ["How much did the article say Meta spent on AI capex in the first half of 2025?"],
        "per the 10-Q?",
        Expect(value=29.479e9),
    ),
    (["hyperscaler capex 2025?"], "per the 10-K?", Expect(kind="not_found")),
]


@pytest.mark.parametrize(
    ("before", "question", "expect"), CONVERSATIONS, ids=[f"{c[0][-1]} {c[1]}" for c in CONVERSATIONS]
)
def test_follow_ups_in_each_calendar(in_november: Answerer, before: list[str], question: str, expect: Expect) -> None:
    conversation = f"cal-{before}-{question}"
    for earlier in before:
        in_november.ask(earlier, conversation_id=conversation)
    check(in_november.ask(question, conversation_id=conversation), expect)


WORDINGS = [
    (
        "Out of Amazon, Alphabet and Meta, which one spent the most on capex relative to its revenue in 2025?",
        Expect(kind="list", first=("Meta", "Alphabet", "Amazon")),
    ),
    (
        "What share of Alphabet's full-year 2025 capex was already spent in the first half?",
        Expect(value=39.643 / 91.447, measure="ratio", rel=0.002),
    ),
    # a check, then the figure asked: the figure
    (
        "Is it right that nearly half of all AI spending will go to inference by 2032? "
        "What share does the article give?",
        Expect(value=0.5, rel=0.05),
    ),
    # a check with the gap in points asked after it
    (
        "Is Alphabet's capex-to-revenue ratio in 2025 higher than Amazon's? By how many percentage points?",
        Expect(kind="yes_no", verdict="yes", value=91.447 / 402.836 - 131.819 / 716.924, measure="pp_change", rel=0.01),
    ),
    # the companies that filed, not every company the graph names
    ("which cos do u have SEC filings for?", Expect(kind="list", n_items=6, absent=("DeepSeek", "OpenAI"))),
    ("Which hyperscalers does the piece name as ramping capex? Need the names for the draft.", Expect(kind="list")),
    # which figure of a series, not a narrower measure
    ("What starting share does the article give for training before the drop?", Expect(value=0.40)),
    # what the asker already has, before asking for the whole list
    (
        "what hw stuff is driving demand per the article — chips, HBM, what else",
        Expect(kind="list", items=("packaging", "optical")),
    ),
    (
        "What hardware does the article say is driving demand? Our draft mentions chips and HBM — is there more?",
        Expect(kind="list", items=("packaging", "optical")),
    ),
]


@pytest.mark.parametrize(("question", "expect"), WORDINGS, ids=[q for q, _ in WORDINGS])
def test_wordings_of_ratios_lists_and_checks(in_march: Answerer, question: str, expect: Expect) -> None:
    check(in_march.ask(question), expect)


GAPS = [
    ("msft capex last FY", Expect(value=64.551e9, period="FY2025 (Jul 2024 – Jun 2025)")),
    # an amount against the figure filed: how far apart they are
    ("article says meta spent 30.7B in h1 2025, whats the gap vs what they actually filed", Expect(value=1.221e9)),
    (
        "The article says Meta spent $30.7 billion on AI capex in the first half of 2025. How far above Meta's filed "
        "first-half capital spending is that?",
        Expect(kind=("value", "comparison"), value=1.221e9, measure="difference"),
    ),
    ("How much more would the hyperscalers need to spend in 2025 to reach $400 billion?", Expect(value=29e9)),
    # a figure needed, not a check against the mark
    (
        "Average annual dollar increase needed from the implied 2024 base to hit $525bn in 2032 (linear)?",
        Expect(value=(525e9 - 371e9 / 1.44) / 8, measure="per_year_step"),
    ),
    (
        "How does Meta's AI spending in the first half of 2025 compare with the same period a year before, according "
        "to the article? Give it as a multiple.",
        Expect(value=2.0, measure="multiple", rel=0.01),
    ),
]


@pytest.mark.parametrize(("question", "expect"), GAPS, ids=[q for q, _ in GAPS])
def test_gaps_to_amounts_and_fiscal_abbreviations(in_2025: Answerer, question: str, expect: Expect) -> None:
    check(in_2025.ask(question), expect)


def test_a_fiscal_year_in_a_ratio_follow_up_is_the_company_s(in_2025: Answerer) -> None:
    in_2025.ask("MSFT FY2025 cash capex?", conversation_id="fy-ratio")
    check(in_2025.ask("As a % of FY2025 revenue?", conversation_id="fy-ratio"), Expect(value=64.551 / 281.724))


@pytest.mark.parametrize(
    "question",
    [
        "how far short of the article's $371bn do Amazon, Meta and Microsoft's calendar 2025 filed capex fall, "
        "combined?",
        "Taking calendar 2025 cash capex from the filings for Amazon, Meta and Microsoft (Microsoft rebuilt to "
        "January-December), how far short of the article's $371bn do those three fall?",
    ],
)
def test_how_far_a_total_falls_short_of_an_amount(in_march: Answerer, question: str) -> None:
    check(in_march.ask(question), Expect(value=371e9 - (131.819e9 + 69.691e9 + 83.094e9), measure="difference"))


def test_an_amount_claimed_for_the_wrong_company_is_a_no(in_2025: Answerer) -> None:
    check(
        in_2025.ask("the $30.7bn in the article is microsoft's H1 AI capex, correct?"),
        Expect(kind="yes_no", verdict="no", tokens=("Meta",)),
    )


MORE_WORDINGS = [
    ("what years did google spend more than 30 billion on capex", Expect(kind="list", items=("2022", "2023", "2024"))),
    ("AMZN Q3 2025 (three months to 30 Sep) purchases of P&E?", Expect(value=35.095e9)),
    (
        "which of amazon google or meta spends the biggest chunk of revenue on capex (2025)",
        Expect(kind="list", first=("Meta", "Alphabet", "Amazon")),
    ),
    # a part of one company's spending paid to another: not split out, never the two compared
    ("how much is microsoft spending on nvidia chips", Expect(kind="not_found")),
]


@pytest.mark.parametrize(("question", "expect"), MORE_WORDINGS, ids=[q for q, _ in MORE_WORDINGS])
def test_more_wordings(in_march: Answerer, question: str, expect: Expect) -> None:
    check(in_march.ask(question), expect)
