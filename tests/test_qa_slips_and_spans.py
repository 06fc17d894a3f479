"""Slips of the keyboard in the words that choose the measure, spans written as their last day or
month ("the quarter that ended on 31 March 2025", "the four quarters ended March 2026", "9M25",
"the June qtr, fy25", "the same nine months of 2024"), the change of a combined total, a name the
graph does not know written as an owner ("Oracle's capex"), and a metric paired with a subject that
does not hold it."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from bot.reading.arithmetic_words import fractions_of_amounts
from bot.reading.spelling import corrected
from kg.store import KnowledgeStore

TODAY = date(2026, 8, 1)


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=TODAY)


CASES = [
    # a cue word one slip from the word meant is read as that word: never a plain figure instead
    ("googl 2025 rev as a mulitple of meta's 2025 rev", Expect(kind="comparison", value=402.836e9 / 200.966e9)),
    ("amazon capex as percetnage of revenue 2024", Expect(value=0.1301, rel=0.005, measure="ratio")),
    ("meta capex grwoth 2024 in %", Expect(value=37.256e9 / 27.045e9 - 1, measure="percent_change")),
    ("Alphabet and Amazon combiend capex 2024", Expect(value=52.535e9 + 82.999e9, measure="sum")),
    # a quarter named by the month it ends, in a fiscal year or on a day
    ("msft capex for the september qtr, fy26", Expect(value=19.394e9, measure="level")),
    ("msft june qtr capex, fy25", Expect(value=17.079e9, measure="level", not_value=(64.551e9,))),
    ("MSFT revenue, quarter that ended on 31 March 2025", Expect(value=70.066e9)),
    # the first n months of a year written "9M25", and of a fiscal year
    ("meta capex 9M25 vs 9M24 % change", Expect(value=48.308e9 / 22.831e9 - 1, measure="percent_change")),
    ("nvda revenue 9M FY26", Expect(value=147.811e9)),
    # "the same ... of <year>": the months of the period it is set against
    (
        "How did Meta's capex for the nine months to September 2025 compare with the same nine months of 2024, in %?",
        Expect(value=48.308e9 / 22.831e9 - 1, measure="percent_change", not_value=(48.308e9 / 37.256e9 - 1,)),
    ),
    # twelve months to a month written, on a 52/53-week calendar: never the fiscal year near it
    ("AAPL capex, twelve months to December 2025", Expect(value=12.148e9, not_value=(12.715e9,))),
    ("Apple's trailing-twelve-month capex for the four quarters ended 27 December 2025", Expect(value=12.148e9)),
    ("the four quarters ended March 2026, amazon capex", Expect(value=151.003e9)),
    # the change of a combined total: the totals of each period, then their change
    (
        "By how many dollars did Amazon and Meta's capex rise, taken together, from 2023 to 2024?",
        Expect(value=(82.999e9 + 37.256e9) - (52.729e9 + 27.045e9), measure="difference"),
    ),
    (
        "how much did Alphabet, Amazon and Meta's combined capex grow from 2023 to 2024?",
        Expect(value=(52.535e9 + 82.999e9 + 37.256e9) / (32.251e9 + 52.729e9 + 27.045e9) - 1, rel=0.002),
    ),
    # ... from the earlier period to the later, in whichever order they are written
    (
        "Amazon, Meta and Microsoft combined capex growth 2025 versus 2024, in percent?",
        Expect(value=(131.819e9 + 69.691e9 + 83.094e9) / (82.999e9 + 37.256e9 + 55.6e9) - 1, rel=0.005),
    ),
    # ... or its compound rate, and a total over a span of years, every company's every year
    (
        "combined capex of Amazon and Meta, CAGR 2023 to 2025",
        Expect(value=((131.819e9 + 69.691e9) / (52.729e9 + 27.045e9)) ** 0.5 - 1, rel=0.005, measure="cagr"),
    ),
    (
        "total capex of Amazon and Meta from 2023 to 2024",
        Expect(value=52.729e9 + 82.999e9 + 27.045e9 + 37.256e9, rel=0.002, measure="sum"),
    ),
    # a name the graph does not know, written as whose figure it is: never another's figure
    ("what did Oracle's capex come to in 2025?", Expect(kind="not_found", not_value=(371e9,))),
    ("What is Oracle's AI capex?", Expect(kind="not_found", absent=("A kind of capital expenditure",))),
    # ... while "the article's" and "the industry's" name no one
    ("the article's capex forecast for 2032?", Expect(value=525e9)),
    # a metric only a topic holds, paired with a group's name: that topic's, set against the group's
    ("2032 hyperscaler capex vs the AI ad-spend boost, difference in $", Expect(kind="comparison", value=325e9)),
    # ... but never a company's metric for another company
    ("What did the article say Amazon spent on AI capex in the first half of 2025?", Expect(kind="not_found")),
    # a question wrapped in a request: the question inside it
    (
        "I'd like to understand whether AI already accounts for more than a quarter of global server revenue.",
        Expect(kind="yes_no", verdict="unknown", tokens=("at least 20%",)),  # (at least 20%: either side of 25%)
    ),
    (
        "I'd like to understand Microsoft's capital expenditure for fiscal 2022. Is that something you hold?",
        Expect(kind="not_found"),
    ),
    ("We'd like to understand Meta's capex in 2024. Has that been reported yet?", Expect(value=37.256e9)),
    # "fiscal" written before a quarter with its year: the company's fiscal quarter
    ("msft capex fiscal 1Q26", Expect(value=19.394e9, not_value=(30.876e9,))),
    # two two-digit years joined by an arrow or a dash after a word of change
    ("hyperscaler capex 25->32 linear step per yr?", Expect(value=22e9, measure="per_year_step")),
    # "growth rate ... relative to 2024" is a change, not one level over the other
    ("hyperscaler capex growth rate in 2025 relative to 2024?", Expect(value=0.44, measure="percent_change")),
    # a comparison no claim makes: never a yes from a claim that only names both
    ("Does the article say Microsoft grew capex faster than Meta in 2025?", Expect(kind="yes_no", verdict="unknown")),
    # a claim that says the opposite way: no
    ("do reasoning models cut inference spend, per the article?", Expect(kind="yes_no", verdict="no")),
    # "cut" asks whether the figure went down, decided by the figures
    ("did Amazon cut its capex in 2023 compared with 2022?", Expect(kind="yes_no", verdict="yes")),
    # "fiscal" written on the first of two quarters set against each other holds for both
    ("aapl revenue growth, fiscal 1Q26 vs 1Q25", Expect(value=143.756e9 / 124.3e9 - 1, rel=0.01)),
    # the one named as the multiple is the numerator, wherever the two were written
    (
        "Meta revenue 2025 versus Alphabet revenue 2025, Alphabet is how many times bigger?",
        Expect(kind="comparison", value=402.836e9 / 200.966e9),
    ),
    # "how large an increase does X represent": a change, not one level as a share of the other
    (
        "How large an increase over 2024 does the $371 billion for 2025 represent, per the article?",
        Expect(value=0.44, measure="percent_change"),
    ),
    # the form of the answer written apart: one figure as a share of the other
    (
        "How big is Meta's $30.7bn of H1 2025 AI capex compared with the $371bn for 2025? Give it as a percentage.",
        Expect(value=30.7 / 371, rel=0.005, measure="ratio"),
    ),
    # names joined by plus signs: their sum, here against a threshold
    (
        "per the filings, did AMZN+META+MSFT spend more than the article's $371bn on capex in calendar 2025?",
        Expect(kind="yes_no", verdict="no", tokens=("$284.6B",)),
    ),
    # a size in dollars the sources do not give: declined, never a definition in its place
    ("What is the total size of the global server market in dollars, per the article?", Expect(kind="not_found")),
    # "point out" names what someone noted
    ("What did Mark Zuckerberg point out about the U.S. AI industry?", Expect(kind="list", tokens=("inference",))),
    # "A's capex a bigger share of its revenue than B's": their capex intensities, set against each other
    (
        "Was Meta's capex a bigger share of its revenue than Alphabet's in 2025?",
        Expect(kind="yes_no", verdict="yes", tokens=("34.7%", "22.7%")),
    ),
    # each company's own period, a few words after its name
    (
        "Was Nvidia more capex-intensive (capex/revenue) in FY26 than Apple was in FY25?",
        Expect(kind="yes_no", verdict="no", tokens=("2.8%", "3.1%")),
    ),
    # a day written at a period's end says when it ended: never the period asked
    ("AAPL FY25 capex? (payments for PP&E, FY ended 27 Sep 2025)", Expect(value=12.715e9)),
    ("Apple's FY23 (a 53-week year, ended Sep 30 2023): total revenue?", Expect(value=383.285e9, rel=0.002)),
    # a statement before the question: the question's own period and measure
    (
        "The piece only gives Alphabet's ~$40bn for the first half. What's the full-year 2025 capex Alphabet filed?",
        Expect(value=91.447e9, not_value=(39.643e9,)),
    ),
    (
        "The filings are all about capex, but my PM wants free cash flow. What was Meta's free cash flow in 2025?",
        Expect(kind="not_found", not_value=(69.691e9,)),
    ),
    # the second half of a 52/53-week year: the year less its first half
    ("NVDA 2H F26 capex (Aug-25 to Jan-26)?", Expect(value=6.042e9 - 3.122e9, rel=0.002)),
    # twelve months to a quarter written "Dec-25", on Apple's own days
    ("Apple LTM capex as of the Dec-25 quarter?", Expect(value=12.148e9, not_value=(12.715e9,))),
    # a period word before the metric, and '&' between words
    ("2-yr revenue CAGR for Nvidia, FY24 -> FY26?", Expect(value=(215.938 / 60.922) ** 0.5 - 1, measure="cagr")),
    ("Amazon purchases of property & equipment, calendar 2025", Expect(value=131.819e9)),
    # a share of a written amount is the amount it comes to, as a threshold
    (
        "Does Alphabet's calendar-2025 filed capex alone exceed a quarter of the article's $371bn?",
        Expect(kind="yes_no", verdict="no", tokens=("$92.8B",)),
    ),
    ("Did Alphabet's capex for the first half of 2025 exceed $40 billion?", Expect(kind="yes_no", verdict="no")),
    # quarters named by their month with a two-digit year, each company's own
    (
        "AAPL Dec-qtr'25 capex vs NVDA Jan-qtr'26 capex — how much higher is Apple's?",
        Expect(kind="comparison", value=2.373e9 - 1.284e9, rel=0.01),
    ),
    # "back out": the level the stated change starts from; "% increase" between two written amounts
    ("Back out 2024 hyperscaler capex from the 2025 number and the 44% growth", Expect(value=371e9 / 1.44, rel=0.002)),
    (
        "% increase from 2025's $371B to the $525B annual projection for 2032?",
        Expect(value=525 / 371 - 1, measure="percent_change"),
    ),
    # a draft's change claim is checked as a change, not as the article's figure against the filing's
    (
        'Draft: "Meta tripled its AI capital spending in the first half of 2025." Accurate?',
        Expect(kind="yes_no", verdict="no"),
    ),
    # the measure of an amount written without one: the figure it is
    (
        "Article says Alphabet 'nearly $40bn' for 1H25 — did the filed 10-Q number come in below $40bn?",
        Expect(kind="yes_no", verdict="yes", tokens=("$39.6B",)),
    ),
    # one figure named for the companies a group is made of: the group's, which the source gives ...
    (
        "Is the 2025 spending figure for Amazon, Meta and Microsoft above $350 billion?",
        Expect(kind="yes_no", verdict="yes", tokens=("$371B",)),
    ),
    # ... or, asked of their filings, their filed figures together
    (
        "Does the filed 2025 capex of the article's three named hyperscalers (Amazon, Meta, Microsoft) exceed $371bn?",
        Expect(kind="yes_no", verdict="no", tokens=("$284.6B",)),
    ),
    # ... but "each" asks it of every one of them
    ("did Amazon and Meta each spend more than $60bn on capex in 2025?", Expect(kind="yes_no", verdict="yes")),
    # a year asked for a chart: that year's figure; a year the sources give only part of: declined
    ("Amazon 2021 capex, for a long-run chart", Expect(value=61.053e9, rel=0.002)),
    (
        "I need Meta's full-year 2021 capex for a chart. Can you give me the 2021 total?",
        Expect(kind="not_found", not_value=(4.3e9,)),
    ),
    # the source sentence of a figure, however it is asked for
    ("Give me the source line behind the 44% capex growth figure", Expect(kind="explanation", sources=True)),
    # asides on how the figures are filed, or are to be taken, name no period and no second operand
    ("NVDA FQ3'26 capex, single quarter (the filing only gives 9M YTD)", Expect(value=4.758e9 - 3.122e9, rel=0.002)),
    (
        "NVDA Jan-qtr '26 revenue (FQ4'26)? there's no 3m print for Q4 so back it out of the 10-K",
        Expect(value=215.938e9 - 147.811e9, rel=0.002),
    ),
    (
        "AMZN − MSFT capex, calendar 2024 (calendarise MSFT)",
        Expect(kind="comparison", value=82.999e9 - 55.552e9, rel=0.002, measure="difference"),
    ),
    # a long message: the question after the turn back to it, or the last one, with its own measure
    (
        "So the article keeps talking about 'capex for AI', which is not what's in the cash flow statement "
        "(thanks to whoever flagged that). Anyway, what was Meta's filed capex for calendar 2025?",
        Expect(value=69.691e9, not_value=(30.7e9,)),
    ),
    (
        "Apple is the odd one out in these AI capex conversations, right? I wanted to check that with a number. "
        "What was Apple's capex as a share of revenue in fiscal 2025?",
        Expect(value=12.715e9 / 416.161e9, rel=0.005, measure="ratio"),
    ),
    # ... but a last question that points back leans on the sentences before it
    (
        "Sum calendar-2025 filed capex for Amazon, Alphabet and Meta. What does that come to?",
        Expect(value=131.819e9 + 91.447e9 + 69.691e9, rel=0.002, measure="sum"),
    ),
    ("AMZN wanted the filed number. AMZN capex FY24? want the actual print", Expect(value=82.999e9, rel=0.002)),
    # "doubled" is reached twice the level: more than doubling is a yes, 1.87x is a no, and a doubling the
    # source states is a yes
    ("did Meta's capex double in 2025?", Expect(kind="yes_no", verdict="no")),
    ("did Amazon's capex double from 2023 to 2025?", Expect(kind="yes_no", verdict="yes")),
    ("Did Meta's AI capex double in H1 2025?", Expect(kind="yes_no", verdict="yes")),
    # a polite request is a request for the figure, not a yes/no about the bot
    ("Would you be so good as to state the total revenue Apple reported for fiscal 2024?", Expect(value=391.035e9)),
    (
        "Would you be so kind as to tell me the dollar increase in hyperscaler capex in 2025?",
        Expect(value=371e9 - 371e9 / 1.44, rel=0.002, measure="difference"),
    ),
    # a fiscal period written for one company is that company's; the others keep the period asked
    (
        "Σ Jan–Mar 2026 quarter capex for GOOGL, AMZN, META and MSFT (MSFT = its FQ3'26)?",
        Expect(value=129.75e9, rel=0.002, measure="sum", not_value=(66.55e9,)),
    ),
    # a total with a company's part missing is no total
    ("combined capex of Meta and Microsoft in 2018", Expect(kind="not_found", not_value=(13.915e9,))),
    # labels analysts use: "topline", "plant and equipment"
    ("amzn 2025 topline per 10-k", Expect(value=716.924e9)),
    (
        "I wonder whether you could tell me how much Apple spent on plant and equipment in the final quarter "
        "of its fiscal 2025, the three months to late September?",
        Expect(value=3.242e9, rel=0.002),
    ),
    ("What cash capex did Meta file for the six months ended 30 June 2025?", Expect(value=29.479e9)),
    # a month written as when a fiscal year ended, and the reason for asking after a dash
    (
        "Could you please tell me what revenue Nvidia reported for its fiscal year 2021, which I believe ended in "
        "January 2021?",
        Expect(value=16.675e9, rel=0.002),
    ),
    (
        "Nvidia revenue for fiscal 2026 (year ended late Jan 2026) — want to see how much lands with the chip vendor",
        Expect(value=215.938e9),
    ),
    (
        "Meta's depreciation expense for 2025, please — need it to gauge how fast the capex is hitting the P&L.",
        Expect(kind="not_found", not_value=(69.691e9,)),
    ),
    # the gap in points between two growth rates; a mean asked of companies "taken together"
    (
        "By how many percentage points did Alphabet's 2024 capex growth rate exceed Amazon's?",
        Expect(kind="comparison", value=52.535 / 32.251 - 82.999 / 52.729, rel=0.01, measure="pp_change"),
    ),
    (
        "the average 2025 capex of Amazon, Alphabet and Meta, taken together as a simple mean of the three?",
        Expect(value=(131.819e9 + 91.447e9 + 69.691e9) / 3, rel=0.002, measure="average"),
    ),
    ("inference capex overtaking training by end-25?", Expect(kind="yes_no", verdict="yes")),
    # the size of a restatement: the latest filed figure less the first
    (
        "How big was the revision to Meta's FY2023 capex — latest filed figure minus the originally reported one?",
        Expect(value=27.045e9 - 27.266e9, rel=0.01, measure="difference"),
    ),
    # "dollar increase ... that the 44 per cent implies": dollars, though a percentage is written
    (
        "the dollar increase in hyperscaler spending from 2024 to 2025 that the 44 per cent figure implies?",
        Expect(value=371e9 - 371e9 / 1.44, rel=0.002, measure="difference"),
    ),
    # a person asked as the source of a figure: whom the source credits, never "no"
    ("Was it Zuckerberg who gave the $30.7B Meta AI capex figure?", Expect(kind="yes_no", verdict="unknown")),
    # every forecast of a period, of whatever metric: ranked, or against an amount
    (
        "Rank the article's 2032 dollar projections from largest to smallest.",
        Expect(kind="list", first=("generative",), items=("hyperscalers", "advertising")),
    ),
    (
        "Which of the article's 2032 dollar projections exceed $500 billion?",
        Expect(kind="list", items=("generative", "hyperscalers"), absent=("training",)),
    ),
    # a statement, then a yes/no question of its own; a statement, then a request
    (
        "The article says Meta's H1'25 AI capex doubled. Does the filed capex at least double too, H1'25 vs H1'24?",
        Expect(kind="yes_no", verdict="yes"),
    ),
    (
        "Microsoft reports on a June fiscal year. Could you calculate its capex for calendar 2024, Jan to Dec?",
        Expect(value=55.552e9, rel=0.002),
    ),
    # an aside in brackets that calendarises one company names no subject
    (
        "which companies spent more than $60bn on capex in 2025? (calendar 2025; calendarise MSFT)",
        Expect(kind="list", items=("Amazon", "Alphabet", "Microsoft", "Meta"), absent=("Nvidia",)),
    ),
    # everyday words near a name are not the name ("caveats apply" is no Apple)
    (
        "Could you tell me, with whatever caveats apply, what Meta reported as total revenue for calendar year 2024?",
        Expect(value=164.501e9, absent=("Apple",)),
    ),
    # "could you confirm X" asks for X; "confirm that ..." checks it
    ("Could you confirm Amazon's purchases of property and equipment for fiscal 2024?", Expect(value=82.999e9)),
    ("could you confirm that Meta's capex doubled in 2025?", Expect(kind="yes_no", verdict="no")),
    (
        "Would you be able to confirm Apple's revenue for the December 2025 quarter, its first fiscal quarter of 2026?",
        Expect(value=143.756e9, rel=0.002),
    ),
    ("Microsoft capex for fiscal year 2025, which ended in June 2025", Expect(value=64.551e9)),
    # a part of a group the graph does not hold ("Chinese hyperscalers"): declined, never the group's figure
    (
        "what does the article say Chinese hyperscalers will spend on data centres in 2025?",
        Expect(kind="not_found", not_value=(371e9,)),
    ),
    # "is there X, and what is it?" asks for the figure
    (
        "is there a forecast for AI data-centre electricity use in 2030, and what is it?",
        Expect(kind="not_found", absent=("can't tell",)),
    ),
    # the words of a ratio the graph names are its name, not a division asked of the answer
    (
        "Among Amazon, Alphabet and Meta, which had the highest capital expenditure relative to revenue in 2025?",
        Expect(kind=("comparison", "list"), first=("Meta",)),
    ),
    # "up to 16%" bounds a figure and asks no direction
    (
        "Does the article say generative AI could be up to 16% of total tech spending by 2032?",
        Expect(kind="yes_no", verdict="yes"),
    ),
    # a company's unit written after its possessive ("Microsoft's Azure"): declined, never the company's figure
    (
        "How much revenue did Microsoft's Azure cloud business generate in fiscal 2025?",
        Expect(kind="not_found", not_value=(281.724e9,)),
    ),
    # "the article's three named hyperscalers" says who the article names, not whose figures to take
    (
        "The article's three named hyperscalers are Amazon, Meta and Microsoft. What did those three spend on "
        "capital expenditure combined in calendar 2024, with Microsoft's figure put on a January-December basis?",
        Expect(value=82.999e9 + 37.256e9 + 55.552e9, rel=0.002, measure="sum"),
    ),
    (
        "Does the filed calendar-2025 capex of the article's three named hyperscalers (Amazon, Meta, Microsoft — "
        "MSFT calendarised Jan–Dec) already exceed the $371bn?",
        Expect(kind="yes_no", verdict="no", tokens=("$284.6B",)),
    ),
    ("Calendarise MSFT: add up its capex for the four quarters of calendar 2025 (Jan–Dec 25).", Expect(value=83.094e9)),
    # what comes later in the conversation is not this question; "cited as" is named as, not quoted
    ("Before we get to the AI names — how big was Apple's revenue in its fiscal 2024?", Expect(value=391.035e9)),
    ("deepseek cited as one of the reasoning-model players? y/n", Expect(kind="yes_no", verdict="yes")),
    # a terse direction check
    ("training share going up by '32?", Expect(kind="yes_no", verdict="no")),
    # "the 2032 hyperscaler figure": the one measure the graph holds for them
    (
        "How does the 2032 hyperscaler figure compare with 2025's — what multiple is it?",
        Expect(value=525 / 371, rel=0.005, measure="multiple"),
    ),
    # terse labels; a two-word slip near a label is not that label ("abs $ uplift" is no "ad uplift")
    ("incremental digital ad $ from AI by '32?", Expect(value=200e9)),
    ("abs $ uplift in hyperscaler capex 2025→2032?", Expect(value=154e9, measure="difference")),
    # "the biggest share of its revenue into capex": the whole written first, the part after
    (
        "Of Amazon, Alphabet and Meta, which put the biggest share of its 2025 revenue into capex?",
        Expect(kind=("comparison", "list"), first=("Meta",)),
    ),
    ("what share of Meta's 2025 revenue went into capex?", Expect(value=69.691 / 200.966, rel=0.005)),
    # "get to half of" is a threshold of a share
    ("could AI get to half of server revenue in the next few years?", Expect(kind="yes_no", verdict="no")),
    # a thing named whose figure it would be, which has none: declined, never everyone else's figures
    ("coding assistant subscription rev 2025?", Expect(kind="not_found", absent=("Amazon",))),
    # a member's part of a group's figure, which the source never splits: declined
    (
        "what portion of the $371 billion is Microsoft alone expected to account for?",
        Expect(kind="not_found", absent=("What I know about",)),
    ),
    # how a figure is built, and which documents it comes from, ask for no rise and no breakdown
    (
        "Since Microsoft's year isn't the calendar's, I'd like to understand its capex for calendar 2025, "
        "built up from the quarterly filings.",
        Expect(value=83.094e9, rel=0.002, measure="level"),
    ),
]


@pytest.mark.parametrize(("question", "expect"), CASES, ids=[q for q, _ in CASES])
def test_slips_and_spans(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("capex as a mulitple of revenue", "capex as a multiple of revenue"),
        ("avergae quartely capex", "average quarterly capex"),
        ("capex grwoth, percetnage", "capex growth, percentage"),
        # real words one slip from a cue word, and names, stay as written
        ("the training and trailing quarters", "the training and trailing quarters"),
        ("a chance of a charge at the trough", "a chance of a charge at the trough"),
        ("Nvidia, Alphabet, Microsoft, CoreWeave", "Nvidia, Alphabet, Microsoft, CoreWeave"),
        # two cue words equally near: left alone rather than guessed
        ("changs", "changs"),
    ],
)
def test_only_one_slip_from_one_cue_word_is_corrected(text: str, expected: str) -> None:
    assert corrected(text) == expected


CONVERSATIONS = [
    # "the June quarter" after a fiscal year: that quarter of the year just asked about
    (["Microsoft capex FY2025", "and the March quarter?"], Expect(value=16.745e9, rel=0.002)),
    (["What was Apple's capex in fiscal 2025?", "the June quarter alone?"], Expect(value=3.462e9, rel=0.002)),
    # the level a change starts from, and the last figure as a multiple of another period's
    (
        ["hyperscaler capex 2025?", "y/y growth on that?", "ok so what's the implied '24 base?"],
        Expect(value=371e9 / 1.44, rel=0.002, measure="level"),
    ),
    (["MSFT capex FY25", "FY26?", "so how many x FY25 is that?"], Expect(value=115.948e9 / 64.551e9, rel=0.002)),
    # growth over a quarter written without its year: from that quarter of the year just asked about
    (
        ["Alphabet capex in the second quarter of 2025?", "and the growth over the first quarter, in %?"],
        Expect(value=22.446e9 / 17.197e9 - 1, rel=0.005, measure="percent_change"),
    ),
    (["training share of ai spend 2032?", "and what's it dropping from?"], Expect(value=0.40, measure="level")),
    # "what did they spend": the measure just asked about, not all of their spending
    (
        [
            "What was Meta's AI capex in the first half of 2025?",
            "what did they spend in the same period a year earlier?",
        ],
        Expect(value=15.35e9, rel=0.01, not_value=(14.573e9,)),
    ),
    # an amount written against the figure just given
    (
        [
            "What cash capex did Meta file for H1 2025?",
            "by how much does the article's $30.7bn exceed that filed figure?",
        ],
        Expect(kind="comparison", value=30.7e9 - 29.479e9, rel=0.01),
    ),
    # the figure just given less another named now
    (
        [
            "What does the article say Meta spent on AI capex in the first half of 2025?",
            "How far is that from the cash capex Meta filed for the same half-year, in dollars?",
        ],
        Expect(kind="comparison", value=30.7e9 - 29.479e9, rel=0.01),
    ),
    (
        ["Alphabet capex 2025", "how much more is that than Meta's?"],
        Expect(kind="comparison", value=91.447e9 - 69.691e9),
    ),
    # a share of another measure, after a figure: the ratio the graph names of the two
    (
        ["What was Alphabet's capital expenditure in 2025?", "What was that as share of its revenue?"],
        Expect(value=91.447 / 402.836, rel=0.005, measure="ratio"),
    ),
    (
        ["Alphabet's capex for 2025 from the 10-K?", "And its revenue?", "so capex as a % of revenue?"],
        Expect(value=91.447 / 402.836, rel=0.005, measure="ratio"),
    ),
    # chat shorthand: "cld" is "could"
    (["ai share of global server rev now?", "where cld it get to"], Expect(value=0.40, measure="level")),
    # "which ended in June", with no year, restates when a fiscal year ends
    (
        [
            "What was Apple's capex in fiscal 2024?",
            "And what about Microsoft for its fiscal 2024, which ended in June?",
        ],
        Expect(value=44.477e9, rel=0.002),
    ),
    # every company asked in turn, added up
    (
        ["What did Amazon spend on capex in 2025?", "and Alphabet?", "and Meta?", "ok add all three up"],
        Expect(value=131.819e9 + 91.447e9 + 69.691e9, rel=0.002, measure="sum"),
    ),
    # another subject's level after a change: that level
    (
        [
            "What's training's share of AI spend today?",
            "and by 2032?",
            "change in pp?",
            "and inference's share by then?",
        ],
        Expect(value=0.5, rel=0.05, measure="level"),
    ),
    # "the same stretch": the period just asked about
    (
        ["Meta AI capex H1 2025 per the article?", "what about Alphabet over the same stretch?"],
        Expect(value=40e9, rel=0.02),
    ),
    # the same figure, from the other source, "for that period"
    (
        [
            "How much did the article say Alphabet spent on capex in H1 2025?",
            "what does its 10-Q show for that period?",
        ],
        Expect(value=39.643e9, rel=0.002),
    ),
]


@pytest.mark.parametrize(("turns", "expect"), CONVERSATIONS, ids=[" / ".join(t) for t, _ in CONVERSATIONS])
def test_month_quarters_after_a_year(answerer: Answerer, turns: list[str], expect: Expect) -> None:
    conversation = f"spans:{turns}"
    for turn in turns[:-1]:
        answerer.ask(turn, conversation_id=conversation)
    check(answerer.ask(turns[-1], conversation_id=conversation), expect)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("exceed a quarter of the article's $371bn?", "exceed $92.75bn?"),
        ("above 20% of the $371 billion", "above $74.2bn"),
        ("half of hyperscalers' projected $525bn", "$262.5bn"),
        # a part of a period, and a share with no amount after it, are left as written
        (
            "capex for the first half of 2025 exceed $40 billion?",
            "capex for the first half of 2025 exceed $40 billion?",
        ),
        ("a quarter of tech spending", "a quarter of tech spending"),
    ],
)
def test_a_share_of_a_written_amount_is_what_it_comes_to(text: str, expected: str) -> None:
    assert fractions_of_amounts(text) == expected
