"""Notations analysts use around periods and measures: a year-to-date figure through a named
quarter, a fiscal year with the month it ended in brackets, a quarter written as its months, a
ratio's formula in brackets after its name, an average over listed years, a premise that sets
where a change starts, a trailing "if" clause of evidence, a dollar amount asked where only a
share is known, a measure the graph does not hold, and comparisons written as signs or verbs."""

from __future__ import annotations

import pytest
from qa_expect import TODAY, Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=TODAY)  # the article and the filings


CASES = [
    # year to date through a named quarter: from the start of that (fiscal) year to the quarter's end
    (
        "Alphabet capex YTD through Q3 2025",
        Expect(value=63.596e9, period="9M 2025 (Jan – Sep 2025)", not_value=(23.953e9,)),
    ),
    ("GOOGL capex year-to-date thru 3Q25?", Expect(value=63.596e9)),
    ("msft capex fiscal ytd through fiscal Q3 2025", Expect(value=47.472e9, period="9M FY2025 (Jul 2024 – Mar 2025)")),
    # a fiscal year, with the month it ended: the year, never the month alone
    ("NVDA revenue FY26 (ended Jan-26)", Expect(value=215.938e9, not_value=())),
    ("Nvidia capex for fiscal 2026, which ended in January 2026", Expect(value=6.042e9)),
    ("Microsoft revenue for fiscal year 2026, which ended June 2026", Expect(value=331.839e9)),
    # a quarter written as its months, then named again as a fiscal quarter
    (
        "Microsoft capex in the April to June 2025 quarter, the final quarter of its fiscal 2025?",
        Expect(value=17.079e9, measure="level"),
    ),
    ("Apple revenue ytd through Q2 FY25", Expect(value=219.659e9)),
    # a ratio named, then its formula in brackets: the ratio, not its numerator
    ("AMZN capex int. 2024 (capex/rev)", Expect(value=83.004e9 / 637.959e9, rel=0.002, measure="ratio")),
    (
        "Of Amazon, Alphabet and Meta, whose capital intensity (capex divided by revenue) was highest in 2024?",
        Expect(kind="list", first=("Meta",)),
    ),
    ("META capex intensity change 2024 to 2025, in pp?", Expect(value=0.1203, rel=0.01, measure="pp_change")),
    ("capex intensity — how are you defining it?", Expect(kind="explanation", tokens=("revenue",))),
    ("how is capex intensity defined", Expect(kind="explanation", tokens=("revenue",))),
    # an average over years listed one by one: every one of them
    (
        "Alphabet's mean yearly capex across 2023, 2024 and 2025?",
        Expect(value=(32.251e9 + 52.535e9 + 91.447e9) / 3, measure="average", not_value=(42.393e9,)),
    ),
    # a premise that says where the asked change starts
    (
        "Using the 2024 level the 44% growth implies as the base year, what CAGR takes hyperscaler capex "
        "to $525B in 2032?",
        Expect(value=(525 / (371 / 1.44)) ** (1 / 8) - 1, rel=0.002, measure="cagr", not_value=(0.0508,)),
    ),
    # a clause of evidence after the question: its "y/y" is not the change asked
    (
        "hyperscaler capex base for 2024 implied if 2025 is $371B, up 44% y/y?",
        Expect(value=371e9 / 1.44, rel=0.002, measure="level", not_value=(0.44,)),
    ),
    ("If 2025 is $371B and +44% y/y, what was 2024?", Expect(value=371e9 / 1.44, rel=0.002, period="2024")),
    # dollars asked where the sources give only a share
    ("dollar amount of inference spending in 2032, not the share?", Expect(kind="not_found", not_value=(0.5,))),
    ("inference share of AI spending 2032", Expect(value=0.5, unit="ratio")),
    # "does the article give a figure for X?": X, or a plain refusal
    ("Does the article give a number for OpenAI's 2026 inference budget?", Expect(kind="not_found")),
    ("Does the article give a figure for hyperscaler capex in 2032? If so, what is it?", Expect(value=525e9)),
    # a measure the graph does not hold, asked tersely: declined, never an overview in its place
    ("OpenAI valuation?", Expect(kind="not_found", tokens=("valuation",))),
    ("Microsoft headcount", Expect(kind="not_found", tokens=("headcount",))),
    ("Microsoft overview", Expect(kind="list")),
    ("How does the article describe 'reasoning AI models'?", Expect(kind="explanation")),
    # comparisons written as verbs or signs, without "did" or "is"
    ("AMZN outspend GOOGL on capex in 2025?", Expect(kind="yes_no", verdict="yes")),
    ("GOOGL capex 2025 higher than AMZN?", Expect(kind="yes_no", verdict="no")),
    ("Meta filed capex H1 2025 > its $30.7B AI capex?", Expect(kind="yes_no", verdict="no", tokens=("different",))),
    ("Meta filed capex H1 2025 < its $30.7B AI capex?", Expect(kind="yes_no", verdict="yes")),
    # the source words of one measure ("filed") do not hide the other measure, held by the article
    (
        "How far is Meta's H1 2025 AI capex from its filed H1 2025 capex?",
        Expect(kind="comparison", value=1.221e9, measure="difference", tokens=("different",)),
    ),
    (
        "The article puts Meta's 1H25 AI capex at $30.7B. How far off is that from the capex it filed for the half?",
        Expect(kind="comparison", value=1.221e9, measure="difference"),
    ),
    # British "per cent", a name's update in brackets, "q/q" on its own
    ("By how many per cent does hyperscaler spending rise from 2024 to 2025?", Expect(value=0.44, rel=0.002)),
    (
        "Does BI expect generative AI to pass 20 per cent of tech spending by 2032?",
        Expect(kind="yes_no", verdict="no"),
    ),
    ("Facebook's (now Meta's) capex in 2020?", Expect(value=15.115e9, period="2020")),
    ("alphabet capex q1 2026 q/q?", Expect(value=35.674e9 / 27.851e9 - 1, rel=0.01, measure="percent_change")),
    # a growth rate bounded per year: the compound rate is what is compared
    (
        "Is the 2025-2032 growth of hyperscaler capex above 6 per cent a year?",
        Expect(kind="yes_no", verdict="no", value=0.0508, rel=0.01, measure="cagr"),
    ),
    # no subject named, and one series alone holds the periods asked
    ("how many x is 2032 capex over the implied 2024 base?", Expect(value=525 / (371 / 1.44), rel=0.002)),
    # an absolute change "in bn" is in dollars
    ("hyperscaler capex, absolute increase in bn from 2025 to 2032?", Expect(value=154e9, measure="difference")),
    # a to-date or trailing period with its end written apart
    ("Alphabet YTD capex as at the end of June 2026?", Expect(value=80.598e9)),
    ("Meta trailing-twelve-month capex to the end of March 2026", Expect(value=75.747e9)),
    # a plain "YTD" later in the year: the year to date as last filed, and it says to when
    ("alphabet capex ytd", Expect(value=80.598e9, tokens=("latest year-to-date figure filed",))),
    ("Microsoft capex FY2025 (the year to 30 June 2025)", Expect(value=64.551e9)),
    # "between them": the sum of the companies' own figures; "the article names" says who, not which source
    (
        "Between them, what did Amazon and Meta, two hyperscalers the article names, spend on capex in 2025?",
        Expect(value=131.819e9 + 69.691e9, rel=0.01, measure="sum"),
    ),
    ("what is DeepSeek valued at?", Expect(kind="not_found", tokens=("valuation",))),
    # a company's figure of a metric stated as a related one (the ontology's skos:related), said so
    (
        "How much was Meta's AI spending in the first half of 2025?",
        Expect(value=30.7e9, tokens=("given in the sources as",)),
    ),
    ("Did Meta really double its AI spend in 1H25?", Expect(kind="yes_no", verdict="yes")),
    ("Meta AI spending 2023", Expect(kind="not_found")),
    # "hw" for hardware, and things of a kind in a relation asked without a question word
    ("what's driving ai hw demand? list pls", Expect(kind="list", items=("optical", "packaging"))),
    ("hw demand drivers behind AI's rising share of server rev?", Expect(kind="list", absent=("pp",))),
    # "what percent of" is the measure asked; a quarter named by its month beside its fiscal name
    ("hyperscaler spend in 2025 is what percent of the 2032 amount?", Expect(value=371 / 525, rel=0.002)),
    ("NVDA Jan-qtr revenue y/y, FQ4'26 vs FQ4'25?", Expect(value=68.127e9 / 39.331e9 - 1, rel=0.01)),
    ("NVDA Jan-qtr '26 revenue (FQ4'26)?", Expect(value=68.127e9)),
    # a straight line the question assumes: the year asked on it, the yearly step, said as an assumption
    (
        "Straight-line from $371bn in 2025 to $525bn in 2032 - what would 2029 come to?",
        Expect(value=371e9 + 4 * 22e9, rel=0.002, measure="level", tokens=("assumption",)),
    ),
    ("if hyperscaler capex climbs linearly from 2025 to 2032, what is it in 2027?", Expect(value=415e9, rel=0.002)),
    ("Assume hyperscaler capex rises in equal steps 2025 to 2032 — what's the annual $ step?", Expect(value=22e9)),
    ("hyperscaler capex yearly increase 2025-2032, straight-line?", Expect(value=22e9, measure="per_year_step")),
    # a figure put in the sources' mouth, or supposed, that they give otherwise: corrected, nothing computed
    (
        "Taking the article's $600bn hyperscaler capex projection for 2032, what's the CAGR from 2025?",
        Expect(kind="not_found", tokens=("$525B",), not_value=(0.44,)),
    ),
    (
        "Since inference's share of AI spending is forecast to climb to 70% by 2032, how many points is that?",
        Expect(kind="not_found", tokens=("50%",)),
    ),
    ("if hyperscaler capex were $700bn in 2032, what's the CAGR from 2025?", Expect(kind="not_found")),
    (
        "Taking the article's $525bn hyperscaler capex projection for 2032, what's the CAGR from 2025?",
        Expect(value=0.0508, rel=0.01, measure="cagr"),
    ),
    # a fraction of a whole, written plainly, against the figure
    ("Does the article say genAI could reach a third of tech spending by 2032?", Expect(kind="yes_no", verdict="no")),
    ("Meta's Q2 2025 capex was up how much year on year, in percent?", Expect(measure="percent_change")),
    # when a filing was filed is not the period asked; a revision asked about is the first filed value
    # against the latest
    ("As first reported in the 10-K Meta filed in February 2024, what was its 2023 capex?", Expect(value=27.266e9)),
    ("Was Meta's 2023 capex revised down in later filings?", Expect(kind="yes_no", verdict="yes")),
    ("Was Meta's 2023 capex restated upward?", Expect(kind="yes_no", verdict="no")),
    ("Was Alphabet's 2024 capex restated?", Expect(kind="yes_no", verdict="no")),
    ("META filed 1H25 capex more than 2x 1H24?", Expect(kind="yes_no", verdict="yes")),
    # someone the sources never name is declined; a person the article cites on a topic is a yes
    ("What did Satya Nadella say about inference in the article?", Expect(kind="not_found")),
    ("Does the article cite Mark Zuckerberg on the shift toward inference?", Expect(kind="yes_no", verdict="yes")),
    # an amount written before its name, with the name's year between
    (
        "The $1.8T 2032 genAI revenue is how many times the $525B of 2032 hyperscaler capex?",
        Expect(kind="comparison", value=1.8e12 / 525e9, measure="multiple"),
    ),
    # "before the drop / the shift to inference" says when, and names nothing asked about
    ("training's share of AI spending now, before the expected decline?", Expect(value=0.4, measure="level")),
    ("training's share of AI spend before the shift to inference?", Expect(value=0.4, measure="level")),
    # "topping", "the fiscal year that ended June 2025", "the quarter to late April 2026"
    ("Does BI see genAI revenue topping $2tn by 2032?", Expect(kind="yes_no", verdict="no")),
    ("Microsoft capex for the fiscal year that ended June 2025?", Expect(value=64.551e9)),
    ("Nvidia revenue for the quarter to late April 2026", Expect(value=81.615e9)),
    # "did any / all / none of A, B and C ...": each against the threshold
    (
        "Did any of Amazon, Microsoft, Alphabet and Meta spend under $40bn on capex in 2024?",
        Expect(kind="yes_no", verdict="yes", tokens=("Meta",)),
    ),
    (
        "Did all of Amazon, Alphabet and Meta spend more than $50bn on capex in 2024?",
        Expect(kind="yes_no", verdict="no"),
    ),
    # the gap between two growth rates, in points
    (
        "Which grew capex faster in 2025, Alphabet or Amazon, and by how many percentage points?",
        Expect(kind="comparison", value=0.1525, rel=0.01, measure="pp_change", tokens=("Alphabet",)),
    ),
    # a premise opened by "since"; a threshold on a change in dollars; "setting aside" rules out
    (
        "Since Meta's H1 2025 AI capex is said to double the prior-year half, what was H1 2024?",
        Expect(value=15.35e9, rel=0.01, measure="level"),
    ),
    (
        "Did the 2024-to-2025 increase in hyperscaler capex, in dollars, top $100bn?",
        Expect(kind="yes_no", verdict="yes", value=113.36e9, rel=0.01, measure="difference"),
    ),
    (
        "Setting aside the article's $30.7bn AI number, what were Meta's purchases of property and equipment, H1 2025?",
        Expect(value=29.479e9),
    ),
    ("Averaging 2022, 2023 and 2024, Amazon's capex per year?", Expect(value=66.4577e9, rel=0.005, measure="average")),
    ("Did Microsoft's fiscal 2026 capex break through $100bn?", Expect(kind="yes_no", verdict="yes")),
    ("Did Apple spend more on capex in fiscal 2025 than in fiscal 2024?", Expect(kind="yes_no", verdict="yes")),
    ("For Microsoft's FY2025, what percentage of revenue went into capex?", Expect(value=0.2291, rel=0.005)),
    ("has Meta's AI capex in H1 2025 doubled versus the same half of 2024?", Expect(kind="yes_no", verdict="yes")),
    ("what did it spend on capex in Q4 2024, Amazon I mean?", Expect(value=27.834e9)),
    # "F1Q26": fiscal Q1 of FY26, per company
    ("NVDA F1Q26 rev", Expect(value=44.062e9)),
    ("MSFT F1Q26 capex", Expect(value=19.394e9)),
    ("MSFT F4Q25 capex", Expect(value=17.079e9)),
    # "by how many dollars ... exceed", "fall short of", "how many more $", "clearing"
    ("By how many dollars did Microsoft's FY2026 capex exceed FY2025's?", Expect(value=51.397e9, measure="difference")),
    ("Did Alphabet's filed H1 2025 capex fall short of $40bn?", Expect(kind="yes_no", verdict="yes")),
    ("2032e hyperscaler capex vs 2025e: how many more $?", Expect(value=154e9, measure="difference")),
    ("2025e hyperscaler capex clearing $350bn?", Expect(kind="yes_no", verdict="yes")),
    ("How does the article characterise AI inference?", Expect(kind="explanation")),
    # trailing twelve months to a quarter named by its end; each company's own fiscal year, one noted
    ("Nvidia TTM revenue as of the quarter ended April 2026?", Expect(value=253.491e9)),
    (
        "Combined fiscal-2024 capex of Amazon, Microsoft (fiscal year to June 2024), Alphabet and Meta?",
        Expect(value=217.267e9, measure="sum"),
    ),
    # "backing out the 44% growth" is evidence; "equal yearly increments"; "trailing-12m"; "$ chg"
    ("Implied 2024 hyperscaler capex, backing out the 44% growth, in $bn?", Expect(value=371e9 / 1.44, rel=0.002)),
    (
        "If $371bn became $525bn in equal yearly increments from 2025 to 2032, what is each annual increase?",
        Expect(value=22e9, measure="per_year_step"),
    ),
    ("AMZN trailing-12m capex as of 1Q26?", Expect(value=151.003e9)),
    ("AMZN capex 3Q25 vs 2Q25 q/q, $ chg?", Expect(value=2.912e9, measure="difference")),
    # a ratio named first, with its parts named after it, is the measure asked
    (
        "Apple's capex intensity in Q4 FY25, with capex and revenue both backed out of year-to-date figures?",
        Expect(value=0.03164, rel=0.005, measure="ratio"),
    ),
    # "first" of "first-half" names the period: not a first crossing
    (
        "Did Alphabet's first-half 2025 capex reach $40 billion, per the article?",
        Expect(kind="yes_no", verdict="no", period="H1 2025"),
    ),
    ("When did Meta's annual capex first pass $30B?", Expect(kind=("value", "not_found"), not_value=(39.643e9,))),
    # months of two-digit years, from one to the other; a quarter named by the month it ends ("jun-q")
    (
        "MSFT FY25 capex — the Jul-24 to Jun-25 fiscal year",
        Expect(value=64.551e9, period="FY2025 (Jul 2024 – Jun 2025)"),
    ),
    ("msft capex for the twelve months jul-23 to jun-24", Expect(value=44.477e9)),
    ("meta jun-q 2025 capex, qtr only", Expect(value=29.479e9 - 12.941e9, period="Q2 2025", not_value=(69.691e9,))),
    ("aapl dec-q rev (1Q FY26)", Expect(value=143.756e9)),
    # a bracket or a clause that says again which period, or why: the one period, its figure
    ("aapl capex for FY25 (the sept yr end one)", Expect(value=12.715e9, measure="level")),
    ("Apple capex for fiscal '25 now that the 10-K is out?", Expect(value=12.715e9, measure="level")),
    (
        "msft fy25 capex — the june-2025 year end, not calendar. just the cash number from the 10-K",
        Expect(value=64.551e9, measure="level"),
    ),
    ("msft capex for the june-2025 year end", Expect(value=64.551e9)),
    # a measure ruled out is not the one asked; a correction replaces the word it corrects
    ("what was apple's net income in fy24? the bottom line profit, not sales", Expect(kind="not_found")),
    ("facebook's profit in 2025 — sorry i mean revenue, the top line", Expect(value=200.966e9)),
    ("meta capex 2024, oops i mean revenue", Expect(value=164.501e9)),
    # an aside checked in passing is no yes/no question
    ("microsoft capex in the september 2025 quarter (their Q1 FY26 right?)", Expect(value=19.394e9)),
    # months of two-digit years joined by a dash; two companies' shares in their own periods, in points
    ("Amazon capex for the 12 months Jul-24–Jun-25", Expect(value=107.656e9)),
    (
        "apples to apples on MSFT's fiscal yr: Amazon capex for the 12 months Jul-24–Jun-25 vs MSFT FY25 — what's "
        "the gap?",
        Expect(kind="comparison", value=107.656e9 - 64.551e9, measure="difference"),
    ),
    (
        "capex intensity MSFT FY26 vs AMZN FY25 — spread in percentage points?",
        Expect(kind="comparison", measure="pp_change", unit="pp", tokens=("FY2026",)),
    ),
    # how a figure is worked out, said after it, is no part of what is asked
    ("meta h1 24 ai capex implied from the doubling", Expect(value=15.35e9, period="H1 2024")),
    # "a majority (>50%)": the word said again in a bracket
    ("will inference be a majority (>50%) of AI spend by 2032?", Expect(kind="yes_no", verdict="no")),
    # "relative terms ... not bps": the percentage change of a share, not its points
    (
        "training share 40->14, what's that in relative terms, % decline not bps",
        Expect(value=0.14 / 0.40 - 1, measure="percent_change", unit="ratio"),
    ),
]


@pytest.mark.parametrize(("question", "expect"), CASES, ids=[c[0][:60] for c in CASES])
def test_notations(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


FOLLOW_UPS = [
    (["What revenue could genAI make in 2032?", "as a multiple of the 2032 hyperscaler capex?"], 1.8e12 / 525e9),
    (["What revenue could genAI make in 2032?", "how many times 2032 hyperscaler capex is that?"], 1.8e12 / 525e9),
    (["What revenue could genAI make in 2032?", "as a % of the 2032 hyperscaler capex?"], 1.8e12 / 525e9),
    (["alphabet capex q1 2026", "qoq?"], 35.674e9 / 27.851e9 - 1),
    (["How fast is hyperscaler capex growing in 2025?", "so what was the 2024 starting point?"], 371e9 / 1.44),
    (["hyperscaler capex in 2025?", "what does the stated growth imply the 2024 figure was?"], 371e9 / 1.44),
    (["What capex did Meta report for 2025?", "How much of that fell in the fourth quarter?"], 21.383e9),
]


def test_is_that_more_than_another_company_in_its_own_fiscal_year(answerer: Answerer) -> None:
    answerer.ask("How much did Apple spend on capex in fiscal 2025?", conversation_id="own-years")
    check(
        answerer.ask("Is that more than Nvidia spent in its fiscal 2026?", conversation_id="own-years"),
        Expect(kind="yes_no", verdict="yes", tokens=("periods differ",)),
    )


def test_whose_projection_is_that(answerer: Answerer) -> None:
    answerer.ask("What revenue does the article see genAI making in 2032?", conversation_id="whose")
    check(
        answerer.ask("Whose projection is that?", conversation_id="whose"),
        Expect(kind="explanation", tokens=("Bloomberg Intelligence",)),
    )


@pytest.mark.parametrize(("turns", "value"), FOLLOW_UPS, ids=[" / ".join(t) for t, _ in FOLLOW_UPS])
def test_the_last_figure_against_another(answerer: Answerer, turns: list[str], value: float) -> None:
    conversation = f"notations:{turns}"
    for turn in turns[:-1]:
        answerer.ask(turn, conversation_id=conversation)
    check(
        answerer.ask(turns[-1], conversation_id=conversation),
        Expect(kind=("value", "comparison"), value=value, rel=0.01),
    )
