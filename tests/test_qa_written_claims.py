"""What a question writes beside its names: an arithmetic sign between two quantities, a figure it
claims the sources give, "any / every quarter of" a year, "y/n?" after a claim, a trailing window
that ends at a named quarter, examples of a company's assets, and follow-ups that place their
period or measure by the previous question ("prior FY?", "the same thing", "and in 2025?")."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore

TODAY = date(2026, 8, 1)


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=TODAY)


CASES = [
    # a sign written between two quantities: that operation, in the order written
    (
        "META capex FY25 − GOOGL capex FY25, $?",
        Expect(kind="comparison", value=69.691e9 - 91.447e9, measure="difference"),
    ),
    (
        "AMZN capex CY24 minus MSFT capex FY24",
        Expect(kind="comparison", value=83.004e9 - 44.477e9, measure="difference"),
    ),
    ("GOOGL revenue 2025 ÷ META revenue 2025", Expect(kind="comparison", value=402.836e9 / 200.966e9, rel=0.01)),
    ("AMZN minus GOOGL capex, 2Q25", Expect(kind="comparison", value=32.183e9 - 22.446e9, measure="difference")),
    # two metrics with a division between them name the graph's ratio of them
    (
        "META capex % of rev 2023→2024, chg in pp?",
        Expect(value=37.256e9 / 164.501e9 - 27.045e9 / 134.902e9, rel=0.01, measure="pp_change", unit="pp"),
    ),
    ("amazon capex to revenue 2025", Expect(value=131.819e9 / 716.924e9, rel=0.01, measure="ratio")),
    # two figures claimed to be the same
    (
        "Is Meta's filed H1 2025 capex the same as the $30.7bn AI capex in the article?",
        Expect(kind="yes_no", verdict="no", tokens=("$29.5B",)),
    ),
    ("Does the article say Alphabet spent exactly $40bn on capex in H1 2025?", Expect(kind="yes_no", verdict="no")),
    # a premise opened after "so": its figure is evidence, the question proper asks a level
    (
        "so if Meta's AI capex doubled to $30.7bn in H1 2025, what was it in H1 2024?",
        Expect(value=15.35e9, rel=0.01, measure="level"),
    ),
    # a metric only one topic has figures for is that topic's, when another topic's name runs over it
    ("2032 genAI revenue is how many times the AI ad spending boost?", Expect(kind="comparison", value=9.0)),
    ("the $200bn+ ad uplift as a % of 2025 hyperscaler capex?", Expect(value=200e9 / 371e9, rel=0.01)),
    # what a measure counts: its definition
    ("in the filings, what exactly counts as capex?", Expect(kind="explanation", tokens=("property and equipment",))),
    # a claim that names the things asked about, in the question's own words, says so; a word that
    # turns it the other way keeps it from saying so
    (
        "Does the piece credit DeepSeek and OpenAI's reasoning models with accelerating the move to inference?",
        Expect(kind="yes_no", verdict="yes"),
    ),
    ("Did Zuckerberg say the industry is moving away from inference?", Expect(kind="yes_no", verdict="unknown")),
    ("Doesn't DeepSeek build reasoning models?", Expect(kind="yes_no", verdict="yes")),
    # the working written beside the period asked is not another period
    ("Alphabet capex Q3'25 on its own (9M − H1)?", Expect(value=63.596e9 - 39.643e9, rel=0.002, measure="level")),
    # the distance to a written mark, and the size of a restatement
    ("how far short of $70bn was Meta's 2025 capex?", Expect(value=70e9 - 69.691e9, rel=0.01, measure="difference")),
    (
        "By how much was Alphabet's 2014 capex changed from what was first filed?",
        Expect(value=11.014e9 - 10.959e9, rel=0.01, measure="difference"),
    ),
    # a calendar year written as its months is the calendar year, in every company's calendar
    ("Apple capex Jan-Dec 2025", Expect(value=12.148e9, rel=0.002, not_value=(12.715e9,))),
    ("Apple capex for the quarters ending Mar, Jun, Sep and Dec 2024", Expect(value=9.995e9, rel=0.002)),
    ("Nvidia capex Q4 of fiscal 26", Expect(value=1.284e9, rel=0.01)),
    ("Microsoft revenue in the fiscal year that just ended", Expect(value=331.839e9, rel=0.002)),
    # each of a group's named members against a threshold
    ("which of the hyperscalers spent over $50bn on capex in 2025?", Expect(kind="list", items=("Amazon", "Meta"))),
    ("Has Nvidia's annual revenue ever topped $200bn in a fiscal year?", Expect(kind="yes_no", verdict="yes")),
    # a measure the graph does not hold, written with an ampersand, is declined
    ("Meta R&D spend 2024", Expect(kind="not_found", absent=("capital expenditure in 2024: $",))),
    ("Apple revenue for 2010 - do you have it?", Expect(kind="not_found")),
    # a growth the question claims, two sentences before it asks
    (
        "The piece says hyperscaler capex rises 60% in 2025 over 2024. Is that right?",
        Expect(kind="yes_no", verdict="no", tokens=("44%",)),
    ),
    # every company that filed, a median across companies, the one at the end of a ranking with its figure
    (
        "Did any of the companies in the filings have revenue above $700bn in 2025?",
        Expect(kind="yes_no", verdict="yes"),
    ),
    ("median 2025 capex of Amazon, Alphabet, Meta and Microsoft", Expect(value=(91.447e9 + 83.094e9) / 2, rel=0.002)),
    (
        "Of Amazon, Meta and Alphabet, which had the highest capex in 2024 and how much was it?",
        Expect(value=83.004e9, rel=0.002, measure="level", tokens=("Amazon",)),
    ),
    # a share's gap in points between two slices of one whole
    ("how many points more of 2032 AI spend goes to inference than training?", Expect(kind="comparison", value=0.36)),
    # each company's growth into its own year
    (
        "msft fy25 capex growth vs meta 2024 capex growth, gap in pp?",
        Expect(
            kind="comparison",
            value=(64.551e9 / 44.477e9 - 1) - (37.256e9 / 27.045e9 - 1),
            rel=0.01,
            measure="pp_change",
        ),
    ),
    # a fiscal year in brackets by the month it ends, said again
    ("Apple capex fiscal 2024 (ending late September 2024)?", Expect(value=9.447e9, rel=0.002)),
    # things the question narrows its subject to, which the sources give no figure for
    ("What revenue will AI copilots bring in by 2032?", Expect(kind="not_found", not_value=(1.8e12,))),
    # a metric's name with a year inside it
    ("AI's incremental 2032 digital ad spend as a % of 2032 genAI revenue?", Expect(value=200e9 / 1.8e12, rel=0.01)),
    ("Apple vs Nvidia revenue in their latest fiscal years", Expect(kind="comparison", tokens=("$416.2B", "$215.9B"))),
    # an aside on how the figure is meant is not asked ("changed the tag" asks no change)
    (
        "Amazon's 2016 capex as now reported, taking into account the later filing that changed the tag?",
        Expect(value=7.804e9, rel=0.002, measure="level"),
    ),
    ("Meta Q4 2025 capex, derived as full year less the nine-month figure", Expect(value=21.383e9, rel=0.002)),
    # a fiscal year restated in brackets by its year end is one period, no change
    ("Nvidia revenue FY26 (year end Jan 2026) total?", Expect(value=215.938e9, rel=0.002, measure="level")),
    ("For the board: straight line from $371B (2025) to $525B (2032), how much added a year?", Expect(value=22e9)),
    # a sign between two companies' ratios; growth rates one less the other are their changes' gap
    ("Capex intensity 2025, Meta minus Alphabet, in pp?", Expect(kind="comparison", value=0.1198, rel=0.01)),
    (
        "Meta's 2025 capex growth minus Amazon's 2025 capex growth, in points?",
        Expect(kind="comparison", value=(69.691e9 / 37.256e9) - (131.819e9 / 83.004e9), rel=0.01),
    ),
    (
        "how much did amzn outspend msft on capex in calendar 2025?",
        Expect(kind="comparison", value=131.819e9 - 83.094e9, measure="difference"),
    ),
    # a member's figure with no period of its own is no part of the group's total
    ("What share of the $525bn is Meta's own spending?", Expect(kind="not_found")),
    # the same calendar quarter, on each company's own days
    (
        "Dec-2025 quarter revenue: how much more did Apple report than Microsoft?",
        Expect(kind="comparison", value=62.483e9, rel=0.002),
    ),
    # a draft's several figures: each must hold
    ("My draft says Meta spent $37bn on capex in 2024, up 38% - correct?", Expect(kind="yes_no", verdict="yes")),
    ("My draft says Meta spent $37bn on capex in 2024, up 48% - correct?", Expect(kind="yes_no", verdict="no")),
    ("Draft: Amazon capex 2025 $131.8bn, up 59% y/y. Right?", Expect(kind="yes_no", verdict="yes")),
    # whether the sources quantify a measure they only name
    ("Does the article quantify cost per query?", Expect(kind="not_found")),
    ("What does the article estimate latency to be?", Expect(kind="not_found")),
    ("who's the biggest capex spender in 2024?", Expect(kind="list", first=("Amazon",), absent=("hyperscalers ·",))),
    # who the sources credit with a remark; money words after a market make it the spending's, not a third side
    (
        "Who pointed out that the U.S. AI industry is shifting toward inference?",
        Expect(kind="list", items=("Zuckerberg",)),
    ),
    ("by 2032 will more AI money go to inference than to training?", Expect(kind="yes_no", verdict="yes")),
    # an examiner's "determine whether", a company's unit, a measure the sources do not hold of something they do
    ("Determine whether Meta's capex more than doubled in 2025.", Expect(kind="yes_no", verdict="no")),
    ("did amzn, msft and googl each clear $80B of capex in calendar 2025?", Expect(kind="yes_no", verdict="yes")),
    ("What did Google Cloud spend on capex in 2025?", Expect(kind="not_found")),
    ("What were the profit margins of hyperscalers in 2025?", Expect(kind="not_found")),
    ("Meta Q4 2025 capex, backing it out of the FY and the 9M print?", Expect(value=21.383e9, rel=0.002)),
    (
        "Today's AI share of server revenue is how many times what it could reach in a few years?",
        Expect(value=0.5, rel=0.02),
    ),
    ("What energy per AI query does the article give?", Expect(kind="not_found")),
    # a sentence saying why the question is asked is not part of it
    ("How much did Alphabet spend on capex in 2024? Trying to size the data-centre market.", Expect(value=52.535e9)),
    # the periods of one series that pass a mark, from a year on or within one
    (
        "In which years since 2019 was Meta's capex above $30bn?",
        Expect(kind="list", items=("2024", "2025"), absent=("2021 ·",)),
    ),
    ("What does 'training' mean in the context of AI spending?", Expect(kind="explanation")),
    # a claim stated, then "is that what the source says?": the claim is checked, not its source
    (
        "My draft says the inference share of AI spending nears 60% by 2032. Is that what the source says?",
        Expect(kind="yes_no", verdict="no"),
    ),
    ("GOOGL 1H capex this year vs 1H last year, % change?", Expect(value=80.598e9 / 39.643e9 - 1, rel=0.01)),
    # an amount at the end of a sentence keeps its scale ("$52.5 billion."); a claim then "Is that right?"
    ("I have Meta's 2024 capex at $37.3 billion. Is that right?", Expect(kind="yes_no", verdict="yes")),
    # one series' two periods, one less the other, in dollars; equal annual steps; a working-back premise
    ("AMZN capex FY25 minus FY24, $?", Expect(value=131.819e9 - 83.004e9, rel=0.002, measure="difference")),
    ("If hyperscaler capex rose in equal annual steps from 2025 to 2032, how big is each step?", Expect(value=22e9)),
    ("Working back from the 44% growth, what was hyperscaler capex in 2024?", Expect(value=371e9 / 1.44, rel=0.002)),
    # sums and multiples written as symbols; a calendar quarter by its ordinal; months between two names
    ("Σ capex 2024: AMZN + META?", Expect(value=83.004e9 + 37.256e9, rel=0.002, measure="sum")),
    ("META vs GOOGL capex 2025 — META as x of GOOGL?", Expect(kind="comparison", value=69.691e9 / 91.447e9, rel=0.01)),
    ("Amazon capex in the second calendar quarter of 2025?", Expect(value=32.183e9, rel=0.002)),
    ("How much did Meta spend on capex between July and September 2025?", Expect(value=18.829e9, rel=0.002)),
    ("Mean of the 2025 and 2032 hyperscaler capex figures?", Expect(value=448e9, rel=0.002, measure="average")),
    # a group's figure and a company it does not name; the year of a figure the source gives without one
    ("Does the $371B 2025 hyperscaler figure include Alphabet?", Expect(kind="yes_no", verdict="unknown")),
    ("In which year was AI's share of server revenue 20%?", Expect(kind="not_found")),
    # two companies' ratios against each other in points; a fiscal year with its months in brackets
    ("capex/revenue 2024: AMZN vs META — gap in percentage points?", Expect(kind="comparison", measure="pp_change")),
    (
        "Meta capex as a % of revenue for fiscal 2025 (January to December 2025)?",
        Expect(value=69.691e9 / 200.966e9, rel=0.01),
    ),
    ("Does Nvidia spend more on inference than on training?", Expect(kind="yes_no", verdict="unknown")),
    # a change since a year runs to the latest full year; the last n fiscal years are listed
    ("How much has Meta's capex grown since 2023, in percent?", Expect(value=69.691e9 / 27.045e9 - 1, rel=0.01)),
    ("Apple capex over the last three fiscal years?", Expect(kind="list", items=("FY2023", "FY2024", "FY2025"))),
    # whether the article gives a company's own figure (it gives none for Microsoft); a stated growth's status
    ("Does the article give Amazon's own capex?", Expect(kind="not_found")),
    ("Is the 44% growth figure a forecast?", Expect(kind="yes_no", verdict="yes")),
    # names in a list, separated by slashes, divide nothing
    ("rank AMZN / GOOGL / META by 2025 capex", Expect(kind="list", first=("Amazon",), items=("Meta",))),
    # a figure the question claims: a yes holds only if it is the sources' own
    (
        "Is it true the article sees hyperscalers spending $700 billion a year by 2032?",
        Expect(kind="yes_no", verdict="no", tokens=("$525B",)),
    ),
    ("is it true that the article expects genAI revenue of $1.8tn by 2032?", Expect(kind="yes_no", verdict="yes")),
    (
        "Is training's share of AI spending forecast to drop to 5% by 2032?",
        Expect(kind="yes_no", verdict="no", tokens=("14%",)),
    ),
    # each quarter of a year against a threshold
    (
        "was Amazon's capex above $35bn in any quarter of 2025?",
        Expect(kind="yes_no", verdict="yes", tokens=("Q4 2025",)),
    ),
    (
        "Did Microsoft spend more than $16bn on capex in every quarter of fiscal 2025?",
        Expect(kind="yes_no", verdict="no"),
    ),
    # a sum of companies against a threshold
    (
        "Amazon + Alphabet + Meta capex 2025 combined - over $300bn?",
        Expect(kind="yes_no", verdict="no", value=(131.819e9 + 91.447e9 + 69.691e9), measure="sum"),
    ),
    # "y/n?" after a claim, a multiple written as a number
    ("Meta H1 2025 AI capex 2x its H1 2024 level per the article, y/n?", Expect(kind="yes_no", verdict="yes")),
    ("hyperscaler capex 2032 = 1.6x 2025 level? y/n", Expect(kind="yes_no", verdict="no")),
    # a trailing window that ends at a named quarter
    ("Alphabet capex, the last four quarters through Q4 2025", Expect(value=91.447e9, rel=0.002)),
    ("Amazon capex summed over the trailing 4 quarters to Q1 2026", Expect(value=151.003e9, measure="sum")),
    # examples of a company's assets are not a second subject
    (
        "How much did Meta spend on servers, buildings and other equipment in 2024?",
        Expect(value=37.256e9, absent=("AI servers",)),
    ),
]


@pytest.mark.parametrize(("question", "expect"), CASES, ids=[q for q, _ in CASES])
def test_written_beside_the_names(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


CONVERSATIONS = [
    # the year before the previous question's own (fiscal) year, not before today's
    (["Microsoft capex FY2025", "prior FY?"], Expect(value=44.477e9, not_value=(83.094e9,))),
    (["Apple revenue fiscal 2025", "and the previous year?"], Expect(value=391.035e9)),
    # a period written against the last one: the change between the two
    (["META capex FY24?", "y/y % vs FY23?"], Expect(value=37.256e9 / 27.045e9 - 1, measure="percent_change")),
    # "the same thing": the previous question's measure, not the verb's broad spending
    (
        ["Meta's AI capex in H1 2025 per the article?", "what does that imply it spent on the same thing in H1 2024?"],
        Expect(value=15.35e9, rel=0.01, not_value=(14.573e9,)),
    ),
    # the year after the previous question's own year
    (
        ["Nvidia revenue FY2025?", "how much did it grow the following fiscal year, in %?"],
        Expect(value=0.65474, rel=0.005),
    ),
    # the change from the source's present, asked after the present and a forecast
    (
        ["training's share of AI spend right now?", "and by 2032?", "how big a drop is that in points?"],
        Expect(value=-0.26, measure="pp_change"),
    ),
    # the quarter after the previous question's own quarter
    (["Microsoft capex in the Jul-Sep 2025 quarter?", "and the following quarter?"], Expect(value=29.876e9)),
    # what the figure just given implies for the year before
    (["hyperscaler capex 2025?", "what does that imply 2024 spending was?"], Expect(value=371e9 / 1.44, rel=0.002)),
    # "as % of rev?" after two periods side by side: the later period's capex over its revenue
    (["nvda capex fy25 vs fy24", "as % of rev?"], Expect(value=3.236e9 / 130.497e9, rel=0.01, measure="ratio")),
    # the same quantity from the other kind of source
    (["googl capex 1h25", "vs article?"], Expect(value=40e9, rel=0.02, tokens=("$39.6B",))),
    # a fragment naming a metric and a fiscal year: the last company's, in its calendar
    (["msft rev fy25", "capex fy26?"], Expect(value=115.948e9, rel=0.002)),
    # quarter on quarter after a year's figure: that year's last quarter against the one before
    (["meta capex 2025", "q/q?"], Expect(value=21.383e9 / 18.829e9 - 1, rel=0.01, measure="percent_change")),
    # the figure as first filed, then as it stands
    (["meta 2023 capex as first reported", "and now?"], Expect(value=27.045e9, rel=0.002)),
    (["meta capex q4 2025", "derived how?"], Expect(kind="explanation", tokens=("$69.7B",))),
    # the same quarter a year earlier, then the change between the two
    (["amzn capex q1 2026", "same q last yr?"], Expect(value=25.019e9, rel=0.002)),
    (["nvda rev fy26", "yoy?", "and fy25 vs fy24?"], Expect(value=130.497e9 / 60.922e9 - 1, rel=0.01)),
    (["nvda rev fy26", "yoy?", "capex fy26?"], Expect(value=6.042e9, rel=0.002, measure="level")),
    # a quarter written "4Q24" against the one just given
    (["META 4Q25 capex?", "vs 4Q24, delta in $?"], Expect(value=21.383e9 - 14.425e9, rel=0.002, measure="difference")),
    # one part of the total just given; two companies just asked, each in its own fiscal year
    (
        ["Alphabet capex 2025?", "and Meta's?", "combined?", "what share of that is Meta?"],
        Expect(value=0.4325, rel=0.01),
    ),
    (
        ["Nvidia revenue FY26?", "what about Apple's latest fiscal year?", "which is bigger and by how much?"],
        Expect(kind="comparison", value=416.161e9 - 215.938e9, rel=0.002),
    ),
    # another year or company for the same average
    (["Amazon's average quarterly capex in 2024?", "and in 2025?"], Expect(value=131.819e9 / 4, measure="average")),
]


@pytest.mark.parametrize(("turns", "expect"), CONVERSATIONS, ids=[" / ".join(t) for t, _ in CONVERSATIONS])
def test_follow_ups_placed_by_the_previous_question(answerer: Answerer, turns: list[str], expect: Expect) -> None:
    conversation = f"claims:{turns}"
    for turn in turns[:-1]:
        answerer.ask(turn, conversation_id=conversation)
    check(answerer.ask(turns[-1], conversation_id=conversation), expect)


def test_prior_fy_alone_is_not_understood_without_a_previous_period(answerer: Answerer) -> None:
    a = answerer.ask("prior FY?", conversation_id="claims:alone")
    assert not a.answered and a.value is None


def test_why_after_a_claim_quotes_the_source(answerer: Answerer) -> None:
    answerer.ask("Will inference spending overtake training spending?", conversation_id="claims:why")
    why = answerer.ask("why is that?", conversation_id="claims:why")
    assert why.kind == "explanation" and why.sources and "“" in why.text, why.text
