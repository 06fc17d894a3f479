"""Wordings analysts use that change what is asked: slang verbs, a clause before a yes/no question,
the document described by its topic, "i.e." restatements, ruled-out periods, "as currently reported",
amounts that name a series, a change with no subject named, averages across companies."""

from __future__ import annotations

import pytest
from qa_expect import TODAY, Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore

HYPERSCALERS_2024 = 371e9 / 1.44


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=TODAY)  # the article and the filings


CASES = [
    # "drop on" is slang for spend, not a fall
    (
        "how much will the hyperscalers drop on data centres and compute in 2025?",
        Expect(value=371e9, measure="level", not_value=(0.44,)),
    ),
    # "using ..." after the question gives evidence; the periods before it are still asked
    (
        "how many more dollars do the hyperscalers spend in 2025 than 2024 (using the 44% growth)?",
        Expect(value=371e9 - HYPERSCALERS_2024, rel=0.002, measure="difference"),
    ),
    # no subject named: the one series holding both periods
    (
        "what's the dollar gap between the 2025 capex figure and the 2032 projection?",
        Expect(value=154e9, measure="difference", tokens=("hyperscalers",)),
    ),
    (
        "if capex climbs in equal steps from 2025 to 2032, what is added a year?",
        Expect(value=22e9, measure="per_year_step"),
    ),
    # two amounts of one series name it and its periods
    ("going from $371bn to $525bn is what % increase?", Expect(value=154 / 371, rel=0.002, measure="percent_change")),
    # the document described by its topic is not what is asked about
    (
        "according to the inference-vs-training article, what was Meta's AI capex in the first half of 2025?",
        Expect(value=30.7e9, measure="level"),
    ),
    # a clause before the yes/no question
    ("According to the filings, did Amazon outspend Alphabet on capex in 2024?", Expect(kind="yes_no", verdict="yes")),
    ("For the Jul-Sep 2025 quarter, did Meta outspend Amazon on capex?", Expect(kind="yes_no", verdict="no")),
    # 'realised' asks whether a figure is reported; 'already' does not move the figure's own period
    ("has the $1.8tn of generative AI revenue already been realised?", Expect(kind="yes_no", verdict="no")),
    # an average across companies is their mean, not one company's quarterly average
    (
        "mean 2024 capex of Amazon, Alphabet and Meta?",
        Expect(value=(82.999e9 + 52.535e9 + 37.256e9) / 3, rel=0.002, measure="average", not_value=(82.999e9 / 4,)),
    ),
    # 'trailing' is never a misspelt 'training'
    ("amazon trailing 12m capex to Sep 2025", Expect(measure="level", absent=("training",))),
    # 'most recent' asks for the latest figure, not a ranking
    ("Alphabet's most recent quarterly capex?", Expect(kind="value", measure="level")),
    # "where's X from?" asks for its source
    ("where is Meta's 2024 capex figure from?", Expect(kind="explanation", tokens=("10-K",))),
    # closed-up 'datacenters'
    ("hyperscaler datacenters + compute spend 2025?", Expect(value=371e9, measure="level")),
    # "what do they mean by ... 'X'" asks for an explanation
    (
        "what does the article mean by calling the impact 'full-stack'?",
        Expect(kind="explanation", tokens=("hardware",)),
    ),
    # 'as currently reported' is the latest filing, not this year
    ("Meta 2023 capex as currently reported?", Expect(value=27.045e9, rel=0.0005, measure="level")),
    # 'not YTD' rules that period out; 'Q2 ... in 2025' is one quarter
    (
        "by how much did Alphabet's Q2 capex grow yoy in 2025 - the quarter, not YTD?",
        Expect(measure="percent_change", period="Q2 2024 to Q2 2025"),
    ),
    # what follows 'i.e.' restates the period
    (
        "Microsoft capex for Jan-Jun 2025, i.e. fiscal Q3 and Q4 FY25?",
        Expect(value=33.824e9, rel=0.001, measure="level"),
    ),
    # a month written with a two-digit year
    (
        "Amazon's Sep-25 quarter capex vs Meta's for the same quarter: how many times?",
        Expect(kind="comparison", value=35.095e9 / (48.308e9 - 29.479e9), rel=0.002, measure="multiple"),
    ),
    # an amount that names one measure, against a filed figure of another
    (
        "how much higher is the article's $30.7bn for Meta than its 10-Q cash capex for H1 2025?",
        Expect(kind="comparison", value=30.7e9 - 29.479e9, rel=0.002, measure="difference"),
    ),
]


CASES += [
    # thresholds written as fractions in words or digits
    ("is the 2032 training share under one-fifth?", Expect(kind="yes_no", verdict="yes")),
    ("inference above 3/5 of AI spend by 2032?", Expect(kind="yes_no", verdict="no")),
    # a bare request after the question is not a yes/no of its own
    (
        "how many times its 2023 capex is Meta's 2025 capex - could you double-check?",
        Expect(value=69.691e9 / 27.045e9, rel=0.002, measure="multiple"),
    ),
    # a measure the graph names but holds no figure for, asked of something: say so
    ("latency for reasoning models nowadays?", Expect(kind="not_found", tokens=("no figure",))),
    # numbers with no unit that are exactly how the source writes two figures of one series
    ("371 -> 525: percentage increase?", Expect(value=154 / 371, rel=0.002, measure="percent_change")),
    # a fiscal year and its months in words, with a two-digit year
    ("MSFT capex, fiscal 2025 (the year ended June '25)?", Expect(value=64.551e9, rel=0.001, measure="level")),
]


CASES += [
    # a company's calendar described is not a period asked
    ("AAPL capex FY24 (September year-end)?", Expect(value=9.447e9, rel=0.001, measure="level")),
    # 'A as a multiple of B': A over B, whichever comes first in time
    ("2025 hyperscaler spend as a multiple of the 2032 projection?", Expect(value=371 / 525, rel=0.002)),
    # the first named against the others combined
    ("was Alphabet's 2025 capex bigger than Meta and Apple combined?", Expect(kind="yes_no", verdict="yes")),
    # a threshold as a percentage of another metric of the same company and period
    ("was Apple's FY2025 capex above 10% of its revenue?", Expect(kind="yes_no", verdict="no")),
    # whether two figures are the same figure, when they measure different things
    (
        "is the article's $30.7bn the same number as Meta's filed H1 2025 capex?",
        Expect(kind="yes_no", verdict="no", tokens=("different",)),
    ),
    # a subject's one dollar figure, named 'the number'
    ("is the 2032 hyperscaler figure over $0.5tn?", Expect(kind="yes_no", verdict="yes")),
    # a stated growth rate names its series
    ("what CAGR from 2024 to 2032 does the 44% growth figure imply?", Expect(value=0.0930587, rel=0.002)),
    # a doubt after the yes/no question is not a second question
    (
        "did Alphabet's filed capex more than double from 2023 to 2025, or is that just hype?",
        Expect(kind="yes_no", verdict="yes"),
    ),
    # spending on something the graph has no name for is not all spending, nor capex
    ("How much did Nvidia spend on marketing in fiscal 2025?", Expect(kind="not_found")),
    # the word 'ratio' after a ratio metric's name is part of the name
    ("rank AMZN, META, MSFT by capex-to-revenue ratio for 2025", Expect(kind="list", first=("Meta",))),
]


@pytest.mark.parametrize(("question", "expect"), CASES, ids=[c[0] for c in CASES])
def test_wordings(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


@pytest.mark.parametrize(
    ("turns", "expect"),
    [
        # "what does that imply for 2024 in dollars?": a level in dollars, not the change
        (
            ["hyperscaler capex growth for 2025?", "and what does that imply for 2024, in dollars?"],
            Expect(value=HYPERSCALERS_2024, rel=0.002, measure="level", not_value=(371e9 - HYPERSCALERS_2024,)),
        ),
        # a follow-up about a subject with only a broader measure for that period: that figure, said to be broader
        (
            ["Meta's AI capex for the first half of 2025 per the article?", "what about Alphabet?"],
            Expect(value=40e9, rel=0.01, measure="level", tokens=("broader", "no AI capital expenditure")),
        ),
        # a follow-up that only names another measure
        (
            ["amazon capex growth 2024 to 2025?", "and in $ terms?"],
            Expect(value=131.819e9 - 82.999e9, rel=0.002, measure="difference"),
        ),
        # 'which X specifically?' lists the kinds of X, not the last subject's figures
        (["what do investors watch?", "which bottlenecks exactly?"], Expect(kind="list", items=("memory",))),
        # a fiscal year in a follow-up is in the calendar of the company just asked about
        (
            ["msft capex fy2025", "pct chg vs FY24?"],
            Expect(value=64.551e9 / 44.477e9 - 1, rel=0.002, measure="percent_change"),
        ),
    ],
)
def test_follow_ups(answerer: Answerer, turns: list[str], expect: Expect) -> None:
    cid = "wording:" + turns[0]
    for turn in turns[:-1]:
        assert answerer.ask(turn, conversation_id=cid).answered
    check(answerer.ask(turns[-1], conversation_id=cid), expect)


def test_a_quarterly_average_across_companies_is_declined(answerer: Answerer) -> None:
    check(answerer.ask("average quarterly capex of Amazon and Meta in 2024?"), Expect(kind="not_found"))
