"""Questions over the SEC filings the default store ships, in phrasings of their own.

Expected figures are the filings' own (see shared/data/README.md): Alphabet FY2024 capex
52.535B, Amazon FY2024 82.999B, Microsoft FY2025 64.551B, Meta FY2024 37.256B, Nvidia
FY2025 revenue 130.497B, Apple FY2025 capex 12.715B.
"""

from __future__ import annotations

import pytest
from qa_expect import TODAY, Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=TODAY)


def _cases(expect: Expect, *questions: str) -> list[object]:
    return [pytest.param(q, expect, id=q[:60]) for q in questions]


FIGURES = [
    *_cases(
        Expect(value=82.999e9, subject="Amazon", status="reported", sources=True),
        "AMZN capex FY2024",
        "Amazon.com capital expenditure in 2024",
        "amazn purchases of property and equipment 2024",
    ),
    *_cases(
        Expect(value=130.497e9, subject="Nvidia", tokens=("FY2025",)),
        "Nvidia revenue fiscal 2025",
        "NVDA sales FY25",
        "what did nvidai book in revenue for fiscal year 2025?",
    ),
    *_cases(Expect(value=12.715e9, subject="Apple"), "Apple FY25 capex", "AAPL capital spending fiscal 2025"),
    *_cases(Expect(value=64.551e9, subject="Microsoft"), "Microsoft FY2025 capex", "MSFT capex for fiscal 2025"),
    *_cases(
        Expect(value=19.394e9, subject="Microsoft"),
        "Microsoft capex for the quarter ended September 2025",
        "msft capex in the Sep 2025 quarter",
        "Microsoft capex Q1 FY2026",
    ),
    *_cases(
        Expect(value=3.242e9, subject="Apple", status="derived"),
        "Apple capex in its September 2025 quarter",
        "Apple Q4 FY25 capex",
    ),
]


@pytest.mark.parametrize(("question", "expect"), FIGURES)
def test_filed_figures_by_name_ticker_typo_and_fiscal_period(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


def test_a_calendar_year_of_a_june_year_company_is_its_four_quarters(answerer: Answerer) -> None:
    a = answerer.ask("Microsoft capex in calendar 2025")
    check(a, Expect(status="derived", tokens=("calendar 2025", "+")))
    assert a.derivation is not None and len(a.derivation["inputs"]) >= 4


def test_a_year_with_no_calendar_figure_is_the_fiscal_year_and_says_so(answerer: Answerer) -> None:
    check(answerer.ask("Apple revenue 2024"), Expect(value=391.035e9, rel=0.001, tokens=("fiscal year", "calendar")))


def test_a_restatement_is_named(answerer: Answerer) -> None:
    check(answerer.ask("Meta capex 2023"), Expect(value=27.045e9, tokens=("Restated", "$27.3B")))


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("Alphabet capex H1 2025", Expect(value=39.643e9, tokens=("nearly $40B", "consistent"))),
        ("Alphabet capex H1 2025 according to the article", Expect(value=40e9, qualifier="nearly")),
        ("Alphabet's capex in the first half of 2025 per its 10-Q", Expect(value=39.643e9)),
        ("Meta capex H1 2025 as filed", Expect(value=29.479e9, tokens=("$30.7B", "narrower"))),
        ("Meta AI capex H1 2025 per SEC filings", Expect(kind="not_found", not_value=(30.7e9, 29.479e9))),
    ],
)
def test_filings_and_the_article_side_by_side(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


@pytest.mark.parametrize(
    ("first", "follow_up", "expect"),
    [
        ("Microsoft FY25 capex", "and FY24?", Expect(value=44.477e9, subject="Microsoft")),
        ("Microsoft FY25 capex", "what's the yoy growth?", Expect(value=64.551 / 44.477 - 1, rel=0.001)),
        ("Alphabet capex 2024", "as a % of revenue?", Expect(value=52.535 / 350.018, measure="ratio", rel=0.001)),
    ],
)
def test_filings_follow_ups(answerer: Answerer, first: str, follow_up: str, expect: Expect) -> None:
    cid = f"filings-{first}-{follow_up}"
    assert answerer.ask(first, cid).answered
    check(answerer.ask(follow_up, cid), expect)


def test_sums_rankings_and_thresholds_across_companies(answerer: Answerer) -> None:
    check(
        answerer.ask("Amazon, Alphabet and Meta capex 2024 added up"),
        Expect(value=82.999e9 + 52.535e9 + 37.256e9, measure="sum", rel=0.001),
    )
    check(
        answerer.ask("order Meta, Amazon and Alphabet by how fast capex grew in 2025"),
        Expect(kind="list", first=("Meta", "Alphabet", "Amazon")),
    )
    above = answerer.ask("which companies had more than $300bn of revenue in 2024?")
    check(above, Expect(kind="list", items=("Amazon", "Apple", "Alphabet")))
    assert not {"Meta", "Nvidia", "Microsoft"} & {str(i["label"]) for i in above.items}


@pytest.mark.parametrize(
    "question",
    ["what was Microsoft's R&D spend in FY25?", "Microsoft cloud revenue 2025", "Amazon advertising revenue 2024"],
)
def test_a_narrower_figure_than_the_filings_hold_is_refused(answerer: Answerer, question: str) -> None:
    check(answerer.ask(question), Expect(kind="not_found", not_value=(64.551e9,)))


def test_a_metric_with_many_figures_and_nobody_named_asks_whose(answerer: Answerer) -> None:
    a = answerer.ask("capex")
    check(a, Expect(kind=("not_understood", "value"), suggestions=True))
    assert len(a.text) < 400


def test_what_counts_as_capex_in_the_filings(answerer: Answerer) -> None:
    check(answerer.ask("what counts as capex in SEC filings?"), Expect(kind="explanation", tokens=("property",)))


def test_quarterly_gives_quarters_and_no_period_gives_the_latest_few(answerer: Answerer) -> None:
    q = answerer.ask("Meta quarterly capex 2020")
    check(q, Expect(kind="list", items=("Q1 2020", "Q2 2020", "Q3 2020", "Q4 2020"), n_items=4))
    latest = answerer.ask("Meta capex")
    assert latest.period == "Q1 2026" and len(latest.items) <= 7 and "earlier figures not shown" in latest.text
    assert "2025:" in latest.text and "12 months" not in latest.text  # the latest full year, not a trailing one


def test_nearby_facts_are_near(answerer: Answerer) -> None:
    a = answerer.ask("Meta capex 2022")
    check(a, Expect(kind="not_found", suggestions=True))
    assert all("Meta" in s and "capital expenditure" in s for s in a.suggestions[:3])
    assert any("2023" in s for s in a.suggestions[:2]) and not any("2010" in s for s in a.suggestions)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        (
            "Alphabet vs Meta capex in 2025: how much more did Alphabet spend?",
            Expect(kind="comparison", value=91.447e9 - 69.691e9, measure="difference", rel=0.002),
        ),
        ("MSFT capex FY25 vs FY24, $ diff", Expect(value=64.551e9 - 44.477e9, measure="difference", rel=0.001)),
        ("NVDA rev growth FY2025 over FY2024", Expect(value=130.497 / 60.922 - 1, measure="percent_change", rel=0.002)),
    ],
)
def test_differences_and_growth_between_filed_figures(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


def test_each_company_in_its_own_fiscal_year_and_growth_thresholds(answerer: Answerer) -> None:
    fy = answerer.ask("which of Apple, Microsoft and Nvidia had revenue over $250bn in FY2025?")
    check(fy, Expect(kind="list", items=("Apple", "Microsoft")))
    assert not any("Nvidia" in str(i["label"]) for i in fy.items)
    assert any("Jul 2024" in str(i["label"]) for i in fy.items)  # Microsoft's own FY2025, not Apple's
    grew = answerer.ask("who grew capex >60% in 2025 among AMZN, GOOGL and META?")
    check(grew, Expect(kind="list", items=("Meta", "Alphabet")))
    assert not any("Amazon" in str(i["label"]) for i in grew.items)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("in which quarter did Alphabet's capex first top $20bn?", Expect(value=22.446e9, tokens=("Q2 2025",))),
        ("what year did Meta's capex first pass $10 billion?", Expect(value=13.915e9, tokens=("2018",))),
    ],
)
def test_the_first_period_past_a_threshold(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


def test_which_filing_a_figure_is_from(answerer: Answerer) -> None:
    check(
        answerer.ask("which filing is Alphabet's H1 2025 capex from?"),
        Expect(kind="explanation", tokens=("10-Q", "SEC")),
    )


@pytest.mark.parametrize("question", ["AWS capex 1H25?", "google cloud revenue for 2025?", "Azure capex FY25"])
def test_a_segment_is_not_its_company(answerer: Answerer, question: str) -> None:
    # the filings give company-wide figures: a segment's question never gets the whole company's number
    check(answerer.ask(question), Expect(kind=("not_found", "not_understood"), not_value=(402.836e9, 30.7e9)))


def test_more_than_doubled_and_year_on_year(answerer: Answerer) -> None:
    check(answerer.ask("did Meta's capex more than double from 2023 to 2025?"), Expect(kind="yes_no", verdict="yes"))
    check(
        answerer.ask("Meta cash capex 1H25 y/y growth"),
        Expect(value=29.479 / 14.573 - 1, measure="percent_change", rel=0.002, tokens=("H1 2024",)),
    )
    check(answerer.ask("how many bn more did Alphabet spend on capex in 2025 than 2024?"), Expect(measure="difference"))


def test_a_ratio_follow_up_of_that_puts_the_last_figure_below(answerer: Answerer) -> None:
    assert answerer.ask("Meta revenue 2024", "of-that").answered
    check(
        answerer.ask("and capex as a % of that?", "of-that"), Expect(value=37.256 / 164.501, measure="ratio", rel=0.002)
    )


def test_by_how_much_dash_questions_and_a_month_quarter_follow_up(answerer: Answerer) -> None:
    check(
        answerer.ask("Q2 2025: who spent more on capex, Alphabet or Meta, and by how much?"),
        Expect(kind="comparison", value=22.446e9 - 16.538e9, measure="difference", rel=0.002),
    )
    check(
        answerer.ask("Nvidia FY2025 revenue or Meta calendar 2024 revenue, which is bigger and by how much?"),
        Expect(kind="comparison", value=164.501e9 - 130.497e9, rel=0.002, tokens=("periods differ",)),
    )
    check(answerer.ask("Amazon capex - did it fall in 2023 vs 2022?"), Expect(kind="yes_no", verdict="yes"))
    assert answerer.ask("Microsoft FY25 capex", "june-q").answered
    check(answerer.ask("and the June quarter alone?", "june-q"), Expect(value=17.079e9, rel=0.001, tokens=("Apr",)))


def test_a_yearless_quarter_takes_the_year_beside_it(answerer: Answerer) -> None:
    # the fiscal restatement in brackets is the same quarter, not a second (later) one
    check(
        answerer.ask("Apple Sep-quarter 2025 capex (fiscal Q4)?"), Expect(value=3.2e9, rel=0.02, tokens=("Q4 FY2025",))
    )
    a = answerer.ask("MSFT capex Q1 vs Q2 FY25")
    assert "Q1 FY2025" in a.text and "Q2 FY2025" in a.text, a.text
    assert "Q3 FY2025" not in a.text, a.text


def test_rankings_are_ordered_lists(answerer: Answerer) -> None:
    a = answerer.ask("rank AMZN, GOOGL, META by calendar 2025 capex, biggest first")
    check(a, Expect(kind="list", first=("Amazon", "Alphabet", "Meta")))
    two = answerer.ask("which spent more on capex in 2024, Amazon or Meta?")
    assert two.kind == "comparison", two.kind  # two things side by side stay a comparison


@pytest.mark.parametrize(
    "question", ["AMZN Q1 2026 capex growth y/y", "Amazon capex growth in Q1 2026", "amzn q1'26 capex yoy %"]
)
def test_a_quarters_growth_is_over_the_same_quarter_a_year_before(answerer: Answerer, question: str) -> None:
    # the filings' Q1 2025 and Q1 2026 figures, not the latest quarter before (Q3 2025)
    a = answerer.ask(question)
    check(a, Expect(value=44.203 / 25.019 - 1, rel=0.02, measure="percent_change", tokens=("Q1 2025", "Q1 2026")))


def test_a_ranking_of_quarterly_growth_compares_like_with_like(answerer: Answerer) -> None:
    a = answerer.ask("Q1 2026 capex growth y/y: rank AMZN, GOOGL, META")
    check(a, Expect(kind="list", first=("Alphabet", "Amazon", "Meta")))
    assert "different periods" not in a.text, a.text


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("aapl fy25 capex/sales", Expect(value=12.715 / 416.161, rel=0.01, measure="ratio", unit="ratio")),
        ("googl capex over revenue 2025", Expect(value=0.227, rel=0.01, measure="ratio")),
        ("META capex as % of revenue 2024", Expect(value=37.256 / 164.501, rel=0.001, measure="ratio")),
        (
            "what fraction of revenue did MSFT spend on capex in FY25? (jul24-jun25)",
            Expect(value=64.551 / 281.724, rel=0.01, measure="ratio"),
        ),
    ],
)
def test_one_metric_over_another_is_a_ratio(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # a month range in brackets restates the period beside it: no change between two periods
        ("msft capex calendar q3 2024 (jul-sep)", Expect(value=14.923e9, rel=0.001, measure="level")),
        ("msft capex for calendar 2024 (jan-dec), not the fiscal yr", Expect(value=55.552e9, rel=0.001)),
    ],
)
def test_a_bracketed_month_range_restates_the_period(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


@pytest.mark.parametrize("question", ["fb capex 2019", "FB capex in 2019", "facebook capex 2019"])
def test_meta_by_its_old_name_and_ticker(answerer: Answerer, question: str) -> None:
    check(answerer.ask(question), Expect(value=15.102e9, rel=0.001, subject="Meta"))


@pytest.mark.parametrize(
    "question",
    [
        "amzn ttm capex thru 1q26",
        "amzn capex 12 months to march 2026",
        "Amazon capex, trailing twelve months to Q1 2026",
        "amzn ltm capex as of 1q26",
    ],
)
def test_trailing_twelve_months_end_with_the_period_named(answerer: Answerer, question: str) -> None:
    # never the quarter alone: the twelve months April 2025 - March 2026
    check(answerer.ask(question), Expect(value=151.003e9, rel=0.005, tokens=("12 months to Mar 2026",)))


def test_a_52_week_company_answers_for_the_months_asked_on_its_own_days(answerer: Answerer) -> None:
    check(answerer.ask("nvidia revenue aug-oct 2024"), Expect(value=35.082e9, rel=0.005, tokens=("Q3 FY2025",)))
    check(answerer.ask("nvda ttm revenue to oct 2024"), Expect(value=113.269e9, rel=0.005, status="derived"))


def test_two_quarters_with_yoy_is_the_growth_rate(answerer: Answerer) -> None:
    check(
        answerer.ask("amzn q2'25 capex vs q2'24 yoy"),
        Expect(value=32.183 / 17.620 - 1, rel=0.01, measure="percent_change"),
    )


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("meta 1h25 capex per the 10-q, not the article's ai number", 29.479e9),
        ("Meta AI capex H1 2025, not the filed figure", 30.7e9),
        ("Meta H1 2025 capex as filed rather than the article's AI number", 29.479e9),
    ],
)
def test_what_a_question_rules_out_is_not_what_it_asks(answerer: Answerer, question: str, value: float) -> None:
    check(answerer.ask(question), Expect(value=value, rel=0.001))


def test_a_whole_quantity_outweighs_stray_relation_words(answerer: Answerer) -> None:
    a = answerer.ask("need googl h1'25 capx per the 10-Q for a client note, what's the #")
    check(a, Expect(value=39.643e9, rel=0.001))


@pytest.mark.parametrize(
    ("question", "verdict", "words"),
    [
        ("was Apple's FY2025 capex the highest it's ever been in its filings?", "no", "FY2018"),
        ("was Amazon's 2025 capex a record?", "yes", "highest"),
    ],
)
def test_a_record_is_judged_against_the_same_kind_of_period(
    answerer: Answerer, question: str, verdict: str, words: str
) -> None:
    # Apple's fiscal years only: never a trailing twelve months ending in another month
    a = answerer.ask(question)
    assert (a.kind, a.verdict) == ("yes_no", verdict), a.text
    assert words in a.text and "12 months to" not in a.text, a.text


def test_each_company_named_with_its_own_fiscal_period(answerer: Answerer) -> None:
    a = answerer.ask("which had revenue over $250bn: Apple FY25, Microsoft FY25, Nvidia FY26?")
    assert a.kind == "list", a.text
    labels = " ".join(str(i["label"]) for i in a.items)
    assert "Apple" in labels and "Microsoft" in labels and "Nvidia" not in labels, a.text
    assert "Nvidia · revenue · FY2026" in a.text and "Microsoft · revenue · FY2025 (Jul 2024" in a.text, a.text
    b = answerer.ask("AAPL FY25 capex is how many x NVDA's FY26 capex?")
    assert b.measure == "multiple" and "FY2026 (Feb 2025" in b.text, b.text


def test_a_source_view_keeps_only_values_derived_from_that_source(answerer: Answerer) -> None:
    # Microsoft's calendar 2025 is derived from its filed quarters: no figure "per the article"
    a = answerer.ask("hyperscaler capex 2025 per the article? amzn/meta/msft dc + compute $")
    check(a, Expect(value=371e9, rel=0.001, status="forecast"))
    b = answerer.ask("Microsoft capex calendar 2025 as filed")
    check(b, Expect(value=83.1e9, rel=0.01, status="derived"))


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("How much larger was Amazon's 2024 capex than Meta's 2024 capex, in percentage terms?", 82.999 / 37.256 - 1),
        ("by what percent did Amazon outspend Meta on capex in 2024?", 82.999 / 37.256 - 1),
        ("how much bigger, in %, was Amazon capex than Meta capex in 2024", 82.999 / 37.256 - 1),
    ],
)
def test_how_much_larger_in_percent_between_two_companies(answerer: Answerer, question: str, value: float) -> None:
    a = answerer.ask(question)
    check(a, Expect(kind="comparison", value=value, rel=0.005, measure="percent_change", unit="ratio"))
    assert "capex intensity" not in a.text, a.text


@pytest.mark.parametrize(
    "question",
    [
        "What share of Apple's fiscal 2025 revenue went to capex?",
        "what share of revenue did apple spend on capex in fy25",
        "What portion of Apple's FY2025 net sales was capital spending?",
    ],
)
def test_the_whole_of_a_share_is_the_one_after_of(answerer: Answerer, question: str) -> None:
    check(answerer.ask(question), Expect(value=12.715 / 416.161, rel=0.01, measure="ratio"))


@pytest.mark.parametrize(
    ("question", "tokens"),
    [
        ("What was Nvidia's capex in its most recent fiscal year?", ("FY2026 (Feb 2025 – Jan 2026)",)),
        ("What is the latest quarterly capex figure for Meta?", ("Q1 2026",)),
    ],
)
def test_the_latest_figure_of_the_kind_asked(answerer: Answerer, question: str, tokens: tuple[str, ...]) -> None:
    a = answerer.ask(question)
    check(a, Expect(tokens=tokens))
    assert "12 months to" not in a.text and "Also:" not in a.text, a.text


def test_the_last_three_years_are_three_whole_years(answerer: Answerer) -> None:
    a = answerer.ask("How did Amazon's capex trend over the last three years?")
    assert [i["period"] for i in a.items] == ["2023", "2024", "2025"], a.text


def test_the_total_of_several_companies_and_each_in_its_own_fiscal_year(answerer: Answerer) -> None:
    a = answerer.ask("What was the total capex of Amazon, Microsoft, Alphabet and Meta in calendar 2024?")
    check(a, Expect(value=82.999e9 + 55.552e9 + 52.535e9 + 37.256e9, rel=0.002, measure="sum"))
    b = answerer.ask("What was the combined revenue of Apple and Nvidia in their fiscal 2025?")
    check(b, Expect(value=416.161e9 + 130.497e9, rel=0.002, measure="sum", tokens=("Oct 2024", "Feb 2024")))


def test_rankings_over_every_company_in_each_ones_own_year(answerer: Answerer) -> None:
    a = answerer.ask("which company had the highest revenue in fiscal 2025?")
    assert a.kind == "list" and "Microsoft (revenue, FY2025 (Jul 2024 – Jun 2025))" in a.text, a.text
    b = answerer.ask("rank the companies by 2024 capex")
    assert all("hyperscalers" not in str(i["label"]) for i in b.items), b.text  # a group is not a company
    c = answerer.ask("Which of the six companies had the lowest capex in their latest fiscal year?")
    assert c.items and "Nvidia" in str(c.items[0]["label"]) and "12 months" not in c.text, c.text


@pytest.mark.parametrize(
    "question",
    [
        "What's the difference between Meta's filed H1 2025 capex and the article's AI capex figure?",
        "Gap between Meta's filed H1'25 capex and the article's $30.7B AI capex number?",
        "Meta 1H25: how much higher is the article's AI capex figure than the cash capex in the 10-Q?",
    ],
)
def test_two_measures_of_one_company_from_two_sources(answerer: Answerer, question: str) -> None:
    a = answerer.ask(question)
    check(a, Expect(kind="comparison", value=30.7e9 - 29.479e9, rel=0.005, measure="difference"))
    assert "measure different things" in a.text, a.text


def test_spend_on_capex_is_one_measure(answerer: Answerer) -> None:
    check(answerer.ask("what did meta spend on capex in Q4 2025"), Expect(value=21.383e9, rel=0.005, measure="level"))


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Is the article's nearly $40 billion for Alphabet consistent with what Alphabet filed?", "yes"),
        ("does the article's Alphabet H1 2025 capex figure match the 10-Q?", "yes"),
        # AI capex against total cash capex: different measures, so no verdict either way
        ("Is Meta's $30.7B AI capex consistent with its filed capex?", "unknown"),
    ],
)
def test_the_article_against_the_filing(answerer: Answerer, question: str, verdict: str) -> None:
    a = answerer.ask(question)
    assert (a.kind, a.verdict) == ("yes_no", verdict), a.text
    assert "H2 2015" not in a.text and "Amazon" not in a.text, a.text  # never a figure of another size-alike


def test_a_status_question_keeps_to_the_company_named(answerer: Answerer) -> None:
    a = answerer.ask("Is Meta's $30.7B a forecast?")
    assert a.verdict == "no" and "Meta" in a.text and "Amazon" not in a.text, a.text


@pytest.mark.parametrize(
    ("question", "start", "value"),
    [
        ("Amazon capex Q4 2025 q/q growth", "Q3 2025", 39.5 / 35.095 - 1),
        ("Meta capex sequential growth in Q1 2026", "Q4 2025", None),
        ("Amazon Q4 2025 capex vs the prior quarter", "Q3 2025", None),
    ],
)
def test_a_sequential_change_is_over_the_period_just_before(
    answerer: Answerer, question: str, start: str, value: float | None
) -> None:
    # never the same quarter a year before, and never the quarter before today
    a = answerer.ask(question)
    assert start in a.text and "Q1 2026 $44.2B" not in a.text, a.text
    if value is not None:
        assert a.value is not None and abs(a.value - value) < 0.01, a.text
