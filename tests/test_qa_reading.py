"""A reading is a typed expression: the value is the measure the question asks for.

Families of the article's questions, each in several phrasings: the measure words
(dollars, percent, points, times, share of, per year), yes/no and thresholds, shares in
every phrasing, follow-ups that set the last figure against another, names as analysts
write them (misspelt inside longer names), lists that hold only the kind asked for.
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


# hyperscalers: $371B in 2025 (44% up from a derived $257.6B), $525B in 2032
DOLLARS_2025_2032 = Expect(value=154e9, unit="USD", measure="difference", status="derived")
PERCENT_2025_2032 = Expect(value=525 / 371 - 1, unit="ratio", measure="percent_change")
STEP_2025_2032 = Expect(value=22e9, unit="USD", measure="per_year_step")
CAGR_2025_2032 = Expect(value=(525 / 371) ** (1 / 7) - 1, unit="ratio", measure="cagr", rel=0.01)
TIMES_2025_2032 = Expect(value=525 / 371, measure="multiple")
# training's share of AI spending: 40% -> 14%
POINTS_TRAINING = Expect(value=-0.26, unit="pp", measure="pp_change")
RELATIVE_TRAINING = Expect(value=0.14 / 0.40 - 1, unit="ratio", measure="percent_change")
LEVEL_TRAINING_2032 = Expect(value=0.14, unit="ratio", measure="level")

MEASURES = [
    *_cases(
        DOLLARS_2025_2032,
        "how many dollars more will hyperscalers spend in 2032 than in 2025?",
        "hyperscaler capex 2025 to 2032: the increase in dollar terms",
        "by how much, in $, does hyperscaler spending rise between 2025 and 2032?",
    ),
    *_cases(
        PERCENT_2025_2032,
        "by what percentage does hyperscaler capex grow from 2025 to 2032?",
        "hyperscaler capex growth 2025-2032 in %",
    ),
    *_cases(
        STEP_2025_2032,
        "if hyperscaler capex rose in equal steps from 2025 to 2032, how much would it add per year?",
        "linear increase per year in hyperscaler spending between 2025 and 2032",
        "avg annual $ step from the 2025 hyperscaler capex figure to the 2032 one?",
        "hyperscaler capex 2025 to 2032: the average yearly increment?",
        "if hyperscaler capex goes 371bn (2025) -> 525bn (2032) in a straight line, how much per yr",
        "Over 2025-2032, how much does hyperscaler capex increase per year on average in dollars?",
    ),
    *_cases(
        CAGR_2025_2032,
        "compound annual growth rate of hyperscaler capex 2025-2032",
        "what annual growth rate takes hyperscaler spending from 2025 to 2032?",
    ),
    *_cases(
        TIMES_2025_2032,
        "how many times the 2025 level is hyperscaler capex in 2032?",
        "hyperscaler capex 2032 as a multiple of 2025",
    ),
    *_cases(
        POINTS_TRAINING,
        "how many percentage points does training's share of AI spending lose by 2032?",
        "change in the training share of AI spending, in pp",
    ),
    *_cases(
        RELATIVE_TRAINING,
        "by what percent does training's share of AI spending shrink, relatively, not in points?",
        "relative change of the training share of AI spending",
    ),
    *_cases(
        LEVEL_TRAINING_2032,
        "what does training's share of AI spending fall to by 2032?",
        "where does the training share of AI spending end up in 2032?",
    ),
    *_cases(
        Expect(value=0.40, unit="ratio", measure="level"),
        "training's share of AI spending drops from what level?",
        "what was the starting share of training in AI spending?",
    ),
    *_cases(
        Expect(value=371e9 / 1.44, unit="USD", measure="level", status="derived"),
        "what was hyperscaler capex in 2024, given the 44% increase to 2025?",
        "hyperscaler capex 2024, implied by the 44% growth",
    ),
    *_cases(
        Expect(value=(371e9 / 1.44 + 371e9) / 2, unit="USD", measure="average"),
        "average yearly hyperscaler capex over 2024-2025",
        "mean annual hyperscaler spending across 2024 and 2025",
    ),
]


@pytest.mark.parametrize(("question", "expect"), MEASURES)
def test_the_value_is_the_measure_asked(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


YES = Expect(kind="yes_no", verdict="yes", sources=True)
NO = Expect(kind="yes_no", verdict="no", sources=True)
UNKNOWN = Expect(kind="yes_no", verdict="unknown")

YES_NO = [
    *_cases(YES, "did Meta double its AI capex in H1 2025?", "has Meta's AI capex doubled year on year in 1H25?"),
    *_cases(
        YES,
        "is hyperscaler capex in 2025 above $300bn?",
        "will hyperscalers spend more than 0.3 trillion in 2025?",
        "will inference take more than a third of AI spending by 2032?",
        "does training's share of AI spending fall below 15% by 2032?",
        "did hyperscaler spending grow by more than 40% in 2025?",
        "is AI already over a fifth of global server revenue?",
    ),
    *_cases(
        NO,
        "is hyperscaler capex in 2025 over $400 billion?",
        "was Alphabet's H1 2025 capex above $40bn?",
        "is hyperscaler capex in 2032 more than 1.5x its 2025 level?",
        "does inference reach more than half of AI spending by 2032?",
    ),
    *_cases(YES, "is the $525B for 2032 a forecast?", "is the $371 billion a projection?"),
    *_cases(NO, "is the $371 billion an actual, reported figure?", "is Meta's $30.7B a forecast?"),
    *_cases(
        YES, "did Alphabet's capex in H1 2025 exceed Meta's AI capex?", "is Meta's H1 2025 AI capex below Alphabet's?"
    ),
    *_cases(YES, "is the training share of AI spending going down?", "is hyperscaler capex rising from 2024 to 2025?"),
    *_cases(YES, "will inference spending overtake training?", "is DeepSeek building reasoning models?"),
    *_cases(UNKNOWN, "does Meta build reasoning models?"),
]


@pytest.mark.parametrize(("question", "expect"), YES_NO)
def test_yes_no_questions_get_a_verdict_first(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


SHARES = [
    *_cases(
        Expect(value=0.16, unit="ratio", measure="level", qualifier="at_most"),
        "generative AI's slice of total tech spending in 2032",
        "what part of total tech spending does genAI account for by 2032?",
        "how much of total tech spending will generative AI be in 2032?",
    ),
    *_cases(
        Expect(value=0.5, unit="ratio", measure="level", qualifier="nearly"),
        "what portion of AI spending goes to inference in 2032?",
        "inference's piece of AI spending by 2032",
    ),
    *_cases(
        Expect(value=30.7e9 / 371e9, unit="ratio", measure="ratio", tokens=("different",)),
        "Meta's H1 2025 AI capex as a percentage of 2025 hyperscaler capex",
        "what fraction of hyperscalers' 2025 capex is Meta's AI capex in H1 2025?",
        "Meta's 1H25 AI capex as a share of the $371B",
    ),
    *_cases(
        Expect(value=371 / 525, unit="ratio", measure="ratio"),
        "2025 hyperscaler capex as a share of the 2032 figure",
        "what fraction of the 2032 hyperscaler spend is the 2025 spend?",
    ),
    *_cases(
        Expect(kind="comparison", value=40 / 30.7, measure="multiple", rel=0.01, tokens=("different",)),
        "Alphabet's H1 2025 capex is how many times Meta's H1 2025 AI capex?",
        "how many times bigger is Alphabet's 1H25 capex than Meta's AI capex?",
    ),
    *_cases(
        Expect(value=40 / 30.7, measure="ratio", rel=0.01, tokens=("different",)),
        "ratio of Alphabet capex to Meta AI capex in H1 2025",
    ),
]


@pytest.mark.parametrize(("question", "expect"), SHARES)
def test_shares_in_every_phrasing(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


@pytest.mark.parametrize(
    ("first", "follow_up", "expect"),
    [
        ("Alphabet capex H1 2025", "is that more than Meta's?", Expect(kind="yes_no", verdict="yes")),
        ("Alphabet capex H1 2025", "is it bigger than Meta's AI capex?", Expect(kind="yes_no", verdict="yes")),
        ("Meta AI capex H1 2025", "and the same period in 2024?", Expect(value=15.35e9, period="H1 2024")),
        ("genAI revenue 2032", "who says so?", Expect(kind="explanation", tokens=("Bloomberg Intelligence",))),
        ("hyperscaler capex 2032", "as a share of genAI revenue?", Expect(value=525 / 1800, measure="ratio")),
    ],
)
def test_follow_ups_set_the_last_figure_against_another(
    answerer: Answerer, first: str, follow_up: str, expect: Expect
) -> None:
    cid = f"reading-{first}-{follow_up}"
    assert answerer.ask(first, cid).answered
    check(answerer.ask(follow_up, cid), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("AI capx of meta in H1 2025", Expect(value=30.7e9, subject="Meta")),
        ("metta ai capex 1H25", Expect(value=30.7e9, subject="Meta")),
        ("googel capital expenditure first half 2025", Expect(value=39.643e9, subject="Alphabet")),
        ("inferance share of AI spending in 2032", Expect(value=0.5, measure="level")),
        ("hyperscalars capex 2025", Expect(value=371e9)),
    ],
)
def test_misspellings_are_matched_without_misspelt_labels(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("list the hardware the article names", Expect(kind="list", items=("optical", "memory"), absent=("copilot",))),
        ("what hardware gains from the move to inference?", Expect(kind="list", items=("packaging",))),
        ("who is behind Meta?", Expect(kind="list", items=("Zuckerberg",), absent=("generative",))),
        ("what is the speed of inference?", Expect(kind=("not_found", "not_understood"), not_value=(0.5,))),
    ],
)
def test_lists_hold_only_the_kind_asked_and_labels_are_not_overbroad(
    answerer: Answerer, question: str, expect: Expect
) -> None:
    check(answerer.ask(question), expect)


def test_nearly_is_kept_as_the_source_wrote_it(answerer: Answerer) -> None:
    a = answerer.ask("Alphabet capex in the first half of 2025, according to the article")
    assert (a.qualifier, a.value) == ("nearly", 40e9)
    assert "nearly $40B" in a.text and "approximately" not in a.text


def test_a_filed_figure_is_answered_first_and_the_articles_mentioned(answerer: Answerer) -> None:
    a = answerer.ask("Alphabet capex in the first half of 2025")
    assert (a.qualifier, a.value) == ("exact", 39.643e9)
    assert "nearly $40B" in a.text and "consistent" in a.text
    b = answerer.ask("Meta capex H1 2025 as filed")
    assert b.value == 29.479e9 and "$30.7B" in b.text and "narrower" in b.text


@pytest.mark.parametrize(
    ("question", "taken", "offered", "offered_measure"),
    [
        ("how much did hyperscaler capex grow from 2024 to 2025?", "percent_change", "in dollars", "difference"),
        ("how much will hyperscaler spending rise between 2025 and 2032", "percent_change", "in dollars", "difference"),
        (
            "how much will training's share of AI spending change by 2032?",
            "pp_change",
            "in relative terms",
            "percent_change",
        ),
    ],
)
def test_a_tie_of_measures_says_which_was_taken_and_offers_the_other(
    answerer: Answerer, question: str, taken: str, offered: str, offered_measure: str
) -> None:
    a = answerer.ask(question)
    assert a.measure == taken
    assert "I read this as" in a.text and a.suggestions and a.suggestions[0].endswith(f"{offered}?")
    other = answerer.ask(a.suggestions[0])
    assert other.measure == offered_measure and other.value != a.value


def test_words_that_pin_the_measure_leave_no_tie(answerer: Answerer) -> None:
    a = answerer.ask("by what percentage did hyperscaler capex grow from 2024 to 2025?")
    assert a.measure == "percent_change" and "I read this as" not in a.text


@pytest.mark.parametrize(
    "question",
    [
        "which grew faster, Meta's AI capex or hyperscaler capex?",
        "did Meta's AI capex or hyperscaler spending grow more quickly?",
    ],
)
def test_comparisons_of_changes_compare_the_changes(answerer: Answerer, question: str) -> None:
    a = answerer.ask(question)
    check(a, Expect(kind="comparison", first=("Meta",), tokens=("+100", "+44")))
    assert [round(i["value"], 2) for i in a.items] == [1.0, 0.44]


@pytest.mark.parametrize(
    "question",
    ["rank hyperscaler capex in 2024, 2025 and 2032", "order 2025, 2024 and 2032 hyperscaler spending by size"],
)
def test_one_series_periods_are_ranked(answerer: Answerer, question: str) -> None:
    check(answerer.ask(question), Expect(kind="list", first=("2032", "2025", "2024"), absent=("Meta",)))


@pytest.mark.parametrize("follow_up", ["where is it heading?", "what's the outlook?", "and going forward?"])
def test_where_is_it_heading_gives_the_series(answerer: Answerer, follow_up: str) -> None:
    cid = f"heading-{follow_up}"
    assert answerer.ask("hyperscaler capex 2025", cid).answered
    a = answerer.ask(follow_up, cid)
    if follow_up.startswith("where"):  # where it ends up: the furthest forecast, the series as items
        check(a, Expect(kind="value", value=525e9, items=("2032",)))
    else:
        check(a, Expect(kind="list", items=("2032",)))
    assert any(i.get("status") == "forecast" for i in a.items)


def test_did_a_grow_faster_than_b_is_judged_on_the_changes(answerer: Answerer) -> None:
    check(answerer.ask("did Meta's AI capex grow faster than hyperscaler capex?"), Expect(kind="yes_no", verdict="yes"))
    check(answerer.ask("did hyperscaler capex grow faster than Meta's AI capex?"), Expect(kind="yes_no", verdict="no"))


def test_how_did_you_get_that_after_a_yes_or_no(answerer: Answerer) -> None:
    # once a crash: the explanation of a verdict carried the verdict over
    assert answerer.ask("did Meta's AI capex grow faster than hyperscaler capex?", "after-verdict").verdict == "yes"
    a = answerer.ask("how did you get that?", "after-verdict")
    assert a.kind == "explanation" and a.verdict is None and a.text


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        (
            "If 2025 hyperscaler capex of $371B is 44% up y/y, what does that imply for 2024?",
            Expect(value=371e9 / 1.44),
        ),
        ("assuming the 44% growth holds, what was hyperscaler spend in 2024?", Expect(value=371e9 / 1.44)),
        (
            "how many times the 2032 hyperscaler capex figure is genAI revenue in 2032?",
            Expect(kind="comparison", value=1800 / 525, measure="multiple"),
        ),
        ("incremental AI ad spend (>$200B) as a share of the $1.8T genAI revenue", Expect(value=200 / 1800)),
        (
            "is hyperscaler spending projected above half a trillion dollars by 2032?",
            Expect(kind="yes_no", verdict="yes"),
        ),
        ("will training's share of AI spending rise by 2032?", Expect(kind="yes_no", verdict="no")),
    ],
)
def test_premises_abbreviations_and_amounts_by_their_names(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


def test_this_yr_is_the_year_of_today() -> None:
    from datetime import date

    in_2025 = Answerer(KnowledgeStore(), today=date(2025, 6, 1))
    check(in_2025.ask("hyperscaler capex this yr"), Expect(value=371e9, period="2025"))
    in_2026 = Answerer(KnowledgeStore(), today=date(2026, 6, 1))
    check(in_2026.ask("hyperscaler capex this yr"), Expect(kind="not_found", not_value=(525e9, 371e9)))


@pytest.mark.parametrize(
    "question",
    ["how much of that $371B is Microsoft's?", "what part of the hyperscalers' $371B does Amazon account for?"],
)
def test_a_members_part_of_a_group_figure_is_not_computed(answerer: Answerer, question: str) -> None:
    check(answerer.ask(question), Expect(kind="not_found", not_value=(83.094e9 / 371e9,)))


def test_the_bigger_slice_compares_the_shares(answerer: Answerer) -> None:
    a = answerer.ask("by 2032, inference or training: which gets the bigger slice of AI spend?")
    check(a, Expect(kind="comparison", first=("inference",), tokens=("14%",)))


def test_who_is_behind_a_figure_names_its_forecaster(answerer: Answerer) -> None:
    check(
        answerer.ask("who's behind the $1.8T genAI revenue projection?"),
        Expect(kind="explanation", tokens=("Bloomberg",)),
    )


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        (
            "what CAGR takes $371B in 2025 to $525B in 2032?",
            Expect(value=(525 / 371) ** (1 / 7) - 1, measure="cagr", rel=0.01),
        ),
        (
            "Meta's share of the combined Meta + Alphabet H1 2025 capex in the article",
            Expect(value=30.7 / 70.7, measure="ratio", rel=0.01, tokens=("different",)),
        ),
        (
            "of the article's combined Alphabet and Meta first-half 2025 capex, what fraction is Alphabet's?",
            Expect(value=40 / 70.7, measure="ratio", rel=0.01),
        ),
    ],
)
def test_figures_named_by_amount_and_shares_of_a_combined_total(
    answerer: Answerer, question: str, expect: Expect
) -> None:
    check(answerer.ask(question), expect)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("371bn in 2025 is +44% yoy, so what's the implied 2024 hyperscaler capex", Expect(value=371e9 / 1.44)),
        ("$ increase in hyperscaler capex 2024->2025?", Expect(value=371e9 - 371e9 / 1.44, measure="difference")),
        (
            "how many $ more are AMZN/META/MSFT putting into DCs + compute in 2025 vs 2024",
            Expect(value=371e9 - 371e9 / 1.44, measure="difference", tokens=("group",)),
        ),
        (
            "genai 2032 rev vs 2032 hyperscaler capex, how many x",
            Expect(kind=("value", "comparison"), value=1800 / 525, measure="multiple"),
        ),
    ],
)
def test_statements_before_so_dollar_changes_and_how_many_x(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("2025 hyperscaler capex north of $350bn?", "yes"),
        ("genai rev > $2tn by 2032?", "no"),
        ("training share under a fifth by '32?", "yes"),
        # "$200bn+" against $250B: the bound does not decide
        ("ai ad uplift above a quarter trillion by 2032?", "unknown"),
    ],
)
def test_a_figure_against_a_threshold_without_a_question_word_is_yes_no(
    answerer: Answerer, question: str, verdict: str
) -> None:
    a = answerer.ask(question)
    assert (a.kind, a.verdict) == ("yes_no", verdict), a.text


def test_a_threshold_list_without_a_question_word_stays_a_list(answerer: Answerer) -> None:
    a = answerer.ask("companies with capex over $60bn in 2024?")
    assert a.kind == "list", a.text


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("ai as a % of global server rev today", Expect(value=0.2, unit="ratio", measure="level")),
        ("AI's share of global server rev right now?", Expect(value=0.2, unit="ratio")),
        ("ai share of global server rev going ~20% -> ~40%, pp change?", Expect(value=0.2, measure="pp_change")),
    ],
)
def test_abbreviated_words_inside_names(answerer: Answerer, question: str, expect: Expect) -> None:
    a = answerer.ask(question)
    check(a, expect)
    assert " in at the time" not in a.text and " in within" not in a.text, a.text


@pytest.mark.parametrize(
    "question",
    [
        "What share of AI spending will NOT go to training by 2032?",
        "what's not going to training in 2032, as a share of ai spending?",
    ],
)
def test_the_share_that_does_not_go_somewhere_is_the_complement(answerer: Answerer, question: str) -> None:
    a = answerer.ask(question)
    check(a, Expect(value=0.86, rel=0.001, unit="ratio", measure="level", status="derived"))
    assert a.derivation is not None and "14%" in a.derivation["formula"], a.derivation


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("What share of AI spending goes to training today?", Expect(value=0.40, unit="ratio")),
        ("training share 2032 vs today, difference in points?", Expect(value=-0.26, measure="pp_change")),
        (
            "AI share of server rev: now vs in a few years - how many times higher later?",
            Expect(value=2.0, rel=0.05, measure="multiple"),
        ),
    ],
)
def test_now_is_the_sources_present_at_the_earlier_end_of_a_change(
    answerer: Answerer, question: str, expect: Expect
) -> None:
    a = answerer.ask(question)
    check(a, expect)
    assert "gives no year" not in a.text, a.text  # the period's label says so already


@pytest.mark.parametrize(
    "question",
    [
        "what total tech spending does the 16% genAI figure imply for 2032?",
        "If $1.8T of genAI revenue is up to 16% of total tech spending, what total tech spend does that imply"
        " for 2032?",
    ],
)
def test_the_whole_a_stated_share_is_of(answerer: Answerer, question: str) -> None:
    check(answerer.ask(question), Expect(value=1.8e12 / 0.16, rel=0.001, unit="USD", status="derived"))
    # the share itself stays the share
    check(answerer.ask("what's genAI's slice of total tech spending in 2032"), Expect(value=0.16, unit="ratio"))


def test_named_in_the_article_is_not_a_source_restriction(answerer: Answerer) -> None:
    a = answerer.ask("Which of the hyperscalers named in the article spent the most on capex in 2024?")
    assert a.kind == "list" and a.items and "Amazon" in str(a.items[0]["label"]), a.text


def test_what_the_article_says_will_happen_to_a_share(answerer: Answerer) -> None:
    # "say" here is the article's speaking, not the 'noted' relation of the people it quotes
    a = answerer.ask("What does the article say will happen to training's share of AI spending?")
    check(a, Expect(value=-0.26, measure="pp_change", tokens=("40%", "14%")))


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Is it reasonable to say AI will account for about 40% of server revenue within a few years?", "yes"),
        ("is it fair to say inference will be around half of AI spending by 2032?", "yes"),
        ("is the hyperscaler 2025 figure about $370bn?", "yes"),
        ("is hyperscaler capex in 2025 roughly $500bn?", "no"),
    ],
)
def test_about_an_amount_is_within_a_tenth_of_it(answerer: Answerer, question: str, verdict: str) -> None:
    a = answerer.ask(question)
    assert (a.kind, a.verdict) == ("yes_no", verdict), a.text
    assert "Zuckerberg" not in a.text, a.text  # "fair to say" is the asker speaking, not a remark


def test_growth_in_total_in_percent_is_a_change_not_a_sum(answerer: Answerer) -> None:
    a = answerer.ask("How much did hyperscaler capex grow between 2024 and 2032 in total, in percentage terms?")
    check(a, Expect(value=525 / (371 / 1.44) - 1, rel=0.001, measure="percent_change"))


def test_two_companies_growth_compared_over_the_same_years(answerer: Answerer) -> None:
    a = answerer.ask("What was Meta's capex growth in 2025 versus 2024, and is that faster than Alphabet's?")
    assert a.kind == "comparison" and a.items and a.items[0]["label"] == "Meta", a.text
    assert all(i["period"] == "2024 to 2025" for i in a.items), a.items


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("rank Amazon, Meta, Alphabet by 2024 capex lowest to highest", "Meta"),
        ("rank Amazon, Meta, Alphabet by 2024 capex highest to lowest", "Amazon"),
        ("who spent the least on capex in 2024 among Amazon, Meta and Alphabet?", "Meta"),
    ],
)
def test_which_end_a_ranking_starts_from(answerer: Answerer, question: str, first: str) -> None:
    a = answerer.ask(question)
    assert a.items and first in str(a.items[0]["label"]), a.text


def test_the_amount_written_identifies_the_figure_and_the_period_named_the_base(answerer: Answerer) -> None:
    a = answerer.ask("Is the $371B more than 50% above 2024?")
    assert (a.kind, a.verdict) == ("yes_no", "no") and "44%" in a.text, a.text
    b = answerer.ask("is the 525bn for 2032 a fcst?")
    assert (b.kind, b.verdict) == ("yes_no", "yes"), b.text


@pytest.mark.parametrize(
    ("question", "kind", "verdict"),
    [
        ("Inference spend vs training spend by end-2025: which leads, per the article?", "comparison", None),
        ("Is inference spend expected to overtake training spend by end-2025?", "yes_no", "yes"),
        ("will training spend exceed inference spend by end of 2025?", "yes_no", "no"),
    ],
)
def test_which_is_larger_from_a_stated_claim(answerer: Answerer, question: str, kind: str, verdict: str | None) -> None:
    a = answerer.ask(question)
    assert (a.kind, a.verdict) == (kind, verdict), a.text
    assert "inference" in a.text.lower(), a.text
    if kind == "comparison":
        assert a.items and "inference" in str(a.items[0]["label"]).lower(), a.items


def test_slices_of_one_whole_compare_when_the_whole_is_named(answerer: Answerer) -> None:
    a = answerer.ask("2032 ai spend split, which is bigger: inference or training")
    assert a.kind == "comparison" and "inference" in str(a.items[0]["label"]).lower(), a.text


def test_a_stated_change_before_a_dash_is_a_premise(answerer: Answerer) -> None:
    a = answerer.ask("Meta doubled AI capex in H1 2025 - what was H1 2024 then?")
    check(a, Expect(value=30.7e9 / 2, rel=0.001, measure="level", tokens=("H1 2024",)))
