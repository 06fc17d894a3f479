"""More wordings from analysts' questions: who stands behind a figure, a relative decline, a
definition set against another term, a count the sources never give, a figure implied by a
premise written after the question, polite requests, calendar years of fiscal-year companies,
first crossings on 52/53-week calendars and follow-ups that set a new period against the last."""

from __future__ import annotations

import pytest
from qa_expect import TODAY, Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=TODAY)  # the article and the filings


CASES = [
    # who stands behind a figure: yes only where the source credits them; anyone else is unknown
    (
        "Is Bloomberg Intelligence the source of the $1.8 trillion gen AI revenue figure?",
        Expect(kind="yes_no", verdict="yes"),
    ),
    ("Is the $1.8tn from Bloomberg Intelligence?", Expect(kind="yes_no", verdict="yes")),
    ("Is BI behind the genAI revenue projection for 2032?", Expect(kind="yes_no", verdict="yes")),
    (
        "Is Morgan Stanley behind the 1.8T genAI revenue forecast?",
        Expect(kind="yes_no", verdict="unknown", tokens=("Bloomberg Intelligence", "Morgan Stanley")),
    ),
    ("Is the 44% from BI?", Expect(kind="yes_no", verdict="unknown")),
    # a status word before what it describes ("the implied 2024 level") asks nothing about status
    (
        "Is the 2032 hyperscaler figure more than double the implied 2024 level?",
        Expect(kind="yes_no", verdict="yes", value=525 / (371 / 1.44), rel=0.002, measure="multiple"),
    ),
    ("Meta's $30.7bn H1 AI capex — is that a forecast number?", Expect(kind="yes_no", verdict="no")),
    # a claim naming both companies states no comparison between them
    (
        "Does the article indicate that Amazon will outspend Microsoft on data centers in 2025?",
        Expect(kind="yes_no", verdict="unknown"),
    ),
    # "relative decline" is a percentage change, even beside "40% of AI spend"
    (
        "Training goes from 40% of AI spend to 14% by 2032 - what is that as a relative decline?",
        Expect(value=-0.65, rel=0.002, measure="percent_change", not_value=(0.35,)),
    ),
    ("what's the percentage decline in training's share of AI spending?", Expect(value=-0.65, rel=0.002)),
    # two terms set against each other: their definitions, not their figures
    ("What is AI inference, as opposed to training?", Expect(kind="explanation", tokens=("trained",))),
    # a figure the article is said to quote, for a metric it never gives a figure of
    ("What is the energy consumption per query the article quotes?", Expect(kind="not_found", tokens=("no figure",))),
    # a count of things is never answered with money
    (
        "How many new data centers are the hyperscalers expected to build in 2025?",
        Expect(kind="not_found", not_value=(371e9,)),
    ),
    ("how many bn more did amzn spend than meta in 2024?", Expect(kind="comparison", measure="difference")),
    # the premise after the question ("... is implied if ...") is evidence, not the metric asked
    (
        "What total technology spending in 2032 is implied if $1.8 trillion of generative AI revenue equals 16% of it?",
        Expect(value=1.8e12 / 0.16, rel=0.002, unit="USD", not_value=(0.16,)),
    ),
    # an amount written before its name is that name's figure, the other amount another quantity
    (
        "How does the $1.8 trillion generative AI revenue forecast compare with the $200 billion of incremental "
        "ad spending — what multiple is it?",
        Expect(kind="comparison", value=9.0, rel=0.002, measure="multiple"),
    ),
    # a polite request is no yes/no question; "tell me if" is one
    (
        "Could you compute Meta's compound annual growth in capex from 2019 to 2024?",
        Expect(value=(37.256 / 15.102) ** 0.2 - 1, rel=0.01, measure="cagr"),
    ),
    ("can you tell me if meta capex doubled in 2024?", Expect(kind="yes_no", verdict="no")),
    (
        "by 2032 will AI inference get a bigger share of AI spending than training?",
        Expect(kind="yes_no", verdict="yes"),
    ),
    # the source's words for an undated period name it
    ("training share before the shift?", Expect(value=0.4, measure="level")),
    # a relation verb after "expected to" is still the relation asked
    ("when's inference spend supposed to overtake training?", Expect(kind="list", tokens=("2025",))),
    # a first crossing on a 52/53-week fiscal calendar
    ("In which fiscal year did Nvidia's revenue first exceed $100 billion?", Expect(value=130.497e9, rel=0.002)),
    ("which quarter did nvda revenue first top $30bn?", Expect(value=30.04e9, rel=0.002, tokens=("Q2 FY2025",))),
    # "calendar 2024" of a September-year company is its twelve months to December, not its FY2024
    (
        "What was Apple's capital expenditure for calendar 2024, summing the four quarters that ended in 2024?",
        Expect(value=9.995e9, rel=0.002, not_value=(9.447e9,)),
    ),
    ("Apple capex 2024", Expect(value=9.447e9, rel=0.002, tokens=("fiscal year", "calendar 2024"))),
    # "at least" bounds a multiple; it asks for no ranking
    ("is the 2032 capex at least double the implied 2024 level", Expect(kind="yes_no", verdict="yes")),
    # a unit asks for a figure the sources never give
    ("energy per query in kwh?", Expect(kind="not_found", tokens=("no figure",))),
    ("how big a slice of tech budgets could genai take by 2032", Expect(value=0.16, measure="level")),
    # Nvidia's own "F2026" style of fiscal year, and fiscal quarters written "FQ4'26"
    ("NVDA F2025 rev?", Expect(value=130.497e9, rel=0.002)),
    ("NVDA F26 capex", Expect(value=6.042e9, rel=0.002)),
    ("NVDA capex growth F26 vs F25?", Expect(value=6.042 / 3.236 - 1, rel=0.01, measure="percent_change")),
    # a year or quarter named by the day it ended: never that day's number as a year
    ("What revenue did Microsoft report for its fiscal year ended June 30, 2025?", Expect(value=281.724e9, rel=0.002)),
    ("What was Nvidia's revenue in the quarter ended January 26, 2025?", Expect(value=39.331e9, rel=0.002)),
    # 'filed' describing the figure asks no status; the figure is set against the amount written
    (
        "Is Meta's filed cash capex for the first half of 2025 higher than the article's $30.7 billion figure?",
        Expect(kind="yes_no", verdict="no", value=29.479e9, rel=0.002),
    ),
    # "how far ... from" asks for the difference
    (
        "How far is the article's $30.7 billion figure for Meta's first-half 2025 AI capex from the cash capex "
        "Meta actually filed for that half?",
        Expect(kind="comparison", value=1.221e9, rel=0.005, measure="difference"),
    ),
    # a group named by its members, and the change of its figure in dollars
    (
        "In dollar terms, how much more are Amazon, Meta and Microsoft expected to spend on data centers and "
        "computing in 2025 than in 2024, based on the article's figures?",
        Expect(value=371e9 - 371e9 / 1.44, rel=0.002, measure="difference"),
    ),
    # an amount written before its name ("$1.8 trillion in generative AI revenue") is that name's figure
    (
        "How many times larger is the projected $1.8 trillion in generative AI revenue than the $525 billion of "
        "annual hyperscaler spending projected for 2032?",
        Expect(kind="comparison", value=1800 / 525, rel=0.002, measure="multiple"),
    ),
    # "by what percentage" is the measure asked, not a share
    (
        "By what percentage is annual hyperscaler spending projected to rise between 2025 and 2032?",
        Expect(value=154 / 371, rel=0.002, measure="percent_change"),
    ),
    # the gap between two ratios is in percentage points
    ("CY25 capex intensity META vs GOOGL - gap in pp?", Expect(kind="comparison", unit="pp", measure="pp_change")),
    # "what kind of X" asks for members of the class, whatever figure the question mentions on the way
    (
        "What kind of hardware is driving the demand behind AI's rising share of server revenue?",
        Expect(kind="list", items=("chips", "packaging", "optical")),
    ),
    # a coded word the bot cannot read (a product, a period written some other way) is never skipped over
    ("NVDA GB200 revenue FY25", Expect(kind="not_found", tokens=("GB200",), not_value=(130.497e9,))),
    ("NVDA Apr-qtr '26 rev, i.e. FQ1'27", Expect(value=81.615e9, rel=0.002)),
    # "whose X": who stands in a relation to X
    ("whose reasoning models does the article cite", Expect(kind="list", items=("DeepSeek", "OpenAI"))),
    # "which line item": what the metric is, in the filings
    (
        "when you say capex from the filings, what line is that exactly?",
        Expect(kind="explanation", tokens=("property and equipment",)),
    ),
    # a threshold as a share of another metric ranks the ratio of the two, never the amounts
    (
        "among Amazon, Alphabet, Meta — who had capex above 30% of revenue in 2025?",
        Expect(kind="list", items=("Meta",), n_items=1, tokens=("capex intensity",)),
    ),
    # "now" against where a share could get: the source's present, not this calendar year
    (
        "AI share of server revenue now vs where it could get — how many times higher?",
        Expect(value=2.0, rel=0.01, measure="multiple"),
    ),
    # a typo in "trailing"; the months in brackets after a fiscal period restate it
    ("What's Amazon's trailling twelve-month capex as of the end of Q3 2025?", Expect(value=120.131e9, rel=0.002)),
    (
        "Approximately what was Microsoft's capex as a percentage of revenue in FY2025 (July 2024 to June 2025)?",
        Expect(value=64.551 / 281.724, rel=0.002, measure="ratio"),
    ),
    ("Nvidia's capex in its fiscal Q4 2026 (Nov 2025 – Jan 2026 quarter)?", Expect(value=1.284e9, rel=0.002)),
    ("Apple capex for the Sept quarter of FY25 (fiscal Q4)?", Expect(value=3.242e9, rel=0.002)),
    ("AAPL capex, March qtr 2025 (FQ2)?", Expect(value=3.071e9, rel=0.002)),
    # a statement, then the yes/no question: the question's own metric
    (
        "The article says Meta's AI capex doubled in H1. Checking against the 10-Qs: did Meta's reported cash capex "
        "for H1 2025 more than double H1 2024's?",
        Expect(kind="yes_no", verdict="yes", value=29.479 / 14.573, rel=0.005),
    ),
    # "at least double": yes only if every value allowed reaches it, or the source states the doubling
    ("Is AI's share of server revenue going to at least double from here?", Expect(kind="yes_no", verdict="unknown")),
    ("did Meta's AI capex at least double in 1H25 vs 1H24?", Expect(kind="yes_no", verdict="yes")),
    # percentage points between two companies' ratios; ranking by the metric written after "by"
    (
        "How many percentage points higher was Meta's capex intensity (capex/revenue) than Alphabet's in 2025?",
        Expect(kind="comparison", unit="pp", value=0.1198, rel=0.01),
    ),
    (
        "Rank AMZN, GOOGL and META by capex intensity (capex as % of revenue) in 2025, highest first",
        Expect(kind="list", first=("Meta",), tokens=("capex intensity",)),
    ),
    ("Is the incremental AI-driven ad spend by 2032 at least $200B?", Expect(kind="yes_no", verdict="yes")),
    ("When you quote capex from the filings, what exactly is being measured?", Expect(kind="explanation")),
    # "a year" describing what is spent, set against another year: the difference of the two levels
    (
        "How many extra dollars a year will hyperscalers be spending on DCs and compute in 2032 compared with 2025?",
        Expect(value=154e9, rel=0.002, measure="difference", not_value=(22e9,)),
    ),
    (
        "if capex climbs in equal steps from 2025 to 2032, what is added a year?",
        Expect(value=22e9, measure="per_year_step"),
    ),
    # the quant's signs: Δ, →, "x?"; "yearly spending" is a level, not a rate
    ("hyperscaler capex Δ$ 2024→2025?", Expect(value=371e9 - 371e9 / 1.44, rel=0.002, measure="difference")),
    ("training share of AI spend, Δ in bps by 2032?", Expect(value=-0.26, measure="pp_change")),
    ("NVDA capex FY25 / FY24, x?", Expect(value=3.236 / 1.069, rel=0.005, measure="multiple")),
    (
        "By what percent does yearly hyperscaler spending grow from 2025 to 2032?",
        Expect(value=154 / 371, rel=0.002, measure="percent_change"),
    ),
    # "20% or more" is a threshold; an amount in a premise is evidence when the question names its own year
    ("Will generative AI be 20% or more of total tech spending by 2032?", Expect(kind="yes_no", verdict="no")),
    (
        "if 2025 is $371B and that's up 44%, what were the big cloud companies spending on data centers in 2024?",
        Expect(value=371e9 / 1.44, rel=0.002, measure="level", not_value=(0.44,)),
    ),
    ("AAPL capex up YoY in FY25?", Expect(kind="yes_no", verdict="yes")),
    ("What were Nvidia's sales in the quarter that ended January 2026?", Expect(value=68.127e9, rel=0.002)),
    ("How much extra digital ad spending is AI supposed to add by 2032?", Expect(value=200e9, rel=0.002)),
    # a yes/no the sources hold nothing to decide: "I can't tell", never a refusal without a verdict
    ("will inference spend be > $500B by 2032?", Expect(kind="yes_no", verdict="unknown")),
    (
        "Based on the article, will Microsoft on its own spend over $100B on data centres in 2025?",
        Expect(kind="yes_no", verdict="unknown", not_value=(371e9,)),
    ),
    # a yes/no about a company the graph does not know is declined, not "I can't tell"
    ("Did Oracle's capex exceed $10B in 2024?", Expect(kind="not_found")),
    # a premise after the question ("..., if the 2025 number doubled?") is evidence
    (
        "So what did Meta spend on AI capex in the first half of 2024, if the 2025 number doubled?",
        Expect(value=15.35e9, rel=0.002, measure="level"),
    ),
    (
        "whose reasoning models does the piece credit with pulling inference spend forward?",
        Expect(kind="list", items=("DeepSeek", "OpenAI")),
    ),
    # "than a year before" is the same period a year earlier, never a rate per year
    (
        "How many more dollars did Meta put into AI capex in the first half of 2025 than a year before?",
        Expect(value=15.35e9, rel=0.002, measure="difference"),
    ),
    # the scale of a written amount narrows no metric; "which companies make up" a group's figure: its members
    (
        "Which companies make up the $371 billion data center spending figure?",
        Expect(kind="list", items=("Amazon", "Meta", "Microsoft"), absent=("Nvidia", "Apple")),
    ),
    # amounts written in words
    ("Was Microsoft's fiscal '25 capex above sixty billion dollars?", Expect(kind="yes_no", verdict="yes")),
    ("Did Meta's 2024 capex exceed forty billion?", Expect(kind="yes_no", verdict="no")),
    (
        "Did Meta's AI capex more than tripple in the first half of 2025 vs the year before?",
        Expect(kind="yes_no", verdict="no"),
    ),
    # "spend annually ... than": two yearly levels
    (
        "How much more will hyperscalers spend annually on DCs in 2032 than in 2025, in dollars?",
        Expect(value=154e9, rel=0.002, measure="difference"),
    ),
    # a premise's figure names the series when the question proper names only a period
    ("If the $371B for 2025 is a 44% increase, what was the 2024 base?", Expect(value=371e9 / 1.44, rel=0.002)),
    (
        "Among Amazon, Alphabet and Meta, who was the most capital intensive in 2024? Rank them.",
        Expect(kind="list", first=("Meta",), tokens=("capex intensity",)),
    ),
    # a part the sources never name is declined, never answered with the whole
    ("How much of Amazon's 2024 capex went to AWS?", Expect(kind="not_found", not_value=(82.999e9,))),
    ("Meta's cash capex for the half-year to June 2025, per the 10-Q", Expect(value=29.479e9, rel=0.002)),
    # where a filed figure is reported: the filing
    ("Where is Nvidia's fiscal 2025 revenue of $130.5 billion reported?", Expect(kind="explanation", tokens=("10-K",))),
    ("src for MSFT FY25 capex 64.551bn?", Expect(kind="explanation", tokens=("10-K",))),
]


@pytest.mark.parametrize(("question", "expect"), CASES, ids=[c[0][:60] for c in CASES])
def test_wordings(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


@pytest.mark.parametrize(
    ("turns", "expect"),
    [
        # "that share before the shift": the last subject and metric, the period the source names in words
        (
            ["What share of AI spending goes to training by 2032?", "and what was that share before the shift?"],
            Expect(value=0.4),
        ),
        # a new period set against the last answer's, in the measure written
        (
            ["What was Microsoft's capex in FY25?", "How does that compare with FY24, in % terms?"],
            Expect(value=64.551 / 44.477 - 1, rel=0.002, measure="percent_change"),
        ),
        # another measure named after a figure: never the last figure again
        (["Meta capex 2024", "what about cost per query?"], Expect(kind=("list", "not_found"), not_value=(37.256e9,))),
        (["Meta capex 2024", "latency in ms?"], Expect(kind="not_found", not_value=(37.256e9,))),
        # "y/y growth in 2025?" after 2024: the year written, against the one before it
        (["Amazon capex 2024 per filings?", "y/y growth in 2025?"], Expect(value=131.819 / 82.999 - 1, rel=0.002)),
        (
            ["Nvidia revenue FY2025?", "How much was that up on the prior year, in %?"],
            Expect(value=130.497 / 60.922 - 1, rel=0.002),
        ),
        # "as a share of its revenue": the last figure over another metric of the same company and period
        (
            ["What was Meta's capex in 2025?", "as a share of its revenue?"],
            Expect(value=69.691 / 200.966, rel=0.01, measure="ratio"),
        ),
        # "in percent" is the measure, not a share metric
        (
            ["What was Nvidia's revenue in fiscal 2025?", "how much did that grow from the year before, in percent?"],
            Expect(value=130.497 / 60.922 - 1, rel=0.002, measure="percent_change"),
        ),
        # "where could that go?": the furthest forecast of the series, the series beside it
        (
            ["AI share of global server revenue?", "where could that go?"],
            Expect(value=0.4, measure="level", status="forecast"),
        ),
        # a share of a combined total whose part has no figure of its own: declined, never a crash
        (
            [
                "what's the 2032 number for big-tech data center + compute capex",
                "Roughly what portion of all spending AI will go to inference by 2032? combined?",
            ],
            Expect(kind="not_found"),
        ),
        # chat shorthand
        (["meta ai capex 1h25?", "what abt alphabet"], Expect(value=39.643e9, rel=0.002, tokens=("broader",))),
    ],
)
def test_follow_ups(answerer: Answerer, turns: list[str], expect: Expect) -> None:
    cid = "analyst:" + turns[0]
    for turn in turns[:-1]:
        assert answerer.ask(turn, conversation_id=cid).answered
    check(answerer.ask(turns[-1], conversation_id=cid), expect)
