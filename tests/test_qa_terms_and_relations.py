"""Terms asked as the article uses them are defined, not set against each other as figures; "by when" asks
when a stated relation holds."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2025, 10, 1))


@pytest.mark.parametrize(
    ("question", "tokens"),
    [
        ("quick def - inference vs training, as the article uses it?", ("inference",)),
        ("what's a 'reasoning AI model' as the piece uses it?", ("decision-making",)),
        ("in the article's framing, what's the difference between inference and training spend?", ("inference",)),
    ],
)
def test_terms_as_the_article_uses_them(answerer: Answerer, question: str, tokens: tuple[str, ...]) -> None:
    check(answerer.ask(question), Expect(kind="explanation", answered=True, tokens=tokens))


@pytest.mark.parametrize(
    "question",
    [
        "By when is global inference investment projected to overtake training spend, per the article?",
        "when will inference spending overtake training?",
    ],
)
def test_by_when_a_stated_relation_holds(answerer: Answerer, question: str) -> None:
    check(answerer.ask(question), Expect(kind="list", answered=True, tokens=("2025",)))


def test_when_the_article_says_a_word_its_meaning_is_asked(answerer: Answerer) -> None:
    a = answerer.ask("When the piece says the impact is 'full-stack', what does it mean?")
    check(a, Expect(kind="explanation", tokens=("hardware", "software")))


def test_yes_or_no_asked_is_no_choice_between_two(answerer: Answerer) -> None:
    a = answerer.ask("Did Alphabet's capex grow faster than Amazon's in 2024 (vs 2023)? yes or no, on the 10-K numbers")
    check(a, Expect(kind="yes_no", verdict="yes"))


def test_the_askers_own_next_step_is_not_asked(answerer: Answerer) -> None:
    a = answerer.ask(
        "How much did Meta spend on AI capex in H1 2025 according to the article? Dollars please, I'll round on"
        " the slide myself."
    )
    check(a, Expect(value=30.7e9, measure="level", unit="USD"))


def test_a_figure_the_article_cites_is_the_articles(answerer: Answerer) -> None:
    a = answerer.ask("Rank Meta and Alphabet by the H1 2025 capex the article cites, biggest first.")
    check(a, Expect(kind="list", first=("Alphabet", "Meta"), tokens=("measure",)))
    # (the companies "the article names" are who is meant, not where a figure comes from)
    b = answerer.ask("what was 2024 capex of the hyperscalers the article names, per the 10-Ks?")
    assert "$371B" not in b.text


@pytest.mark.parametrize(
    ("question", "said_by"),
    [
        ("who made the comment about the US AI industry shifting toward inference?", "Zuckerberg"),
        ("who said the AI industry is shifting towards inference?", "Zuckerberg"),
        # statements the article makes in its own voice are no one's
        ("who said that inference will overtake training by end of 2025?", None),
        ("who said reasoning models need more inference spending?", None),
    ],
)
def test_a_statement_is_credited_only_to_who_the_source_says_made_it(
    answerer: Answerer, question: str, said_by: str | None
) -> None:
    a = answerer.ask(question)
    assert a.answered
    if said_by is None:
        assert "Zuckerberg" not in a.text and "names no one" in a.text
    else:
        assert said_by in a.text


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        (
            "draft says: 'Meta's AI capital spending reached $30.7bn in the first half of 2025, triple the level a year"
            " earlier.' good to go?",
            "no",
        ),
        ("Draft: 'Nvidia capex FY25 was $3.2bn.' ok to run?", "yes"),
    ],
)
def test_good_to_go_asks_whether_the_draft_is_right(answerer: Answerer, question: str, verdict: str) -> None:
    check(answerer.ask(question), Expect(kind="yes_no", verdict=verdict))


@pytest.mark.parametrize(
    ("word", "not_meant"),
    [
        ("good", "alphabet"),  # GOOG
        ("slide", "share"),  # slice
        ("send", "spending"),  # spend
        ("form", "Company"),  # firm
        ("trailling", "training"),  # a slip of "trailing"
        ("accelerated", "ai-chips"),  # accelerators
    ],
)
def test_english_words_one_slip_from_a_label_are_not_that_name(answerer: Answerer, word: str, not_meant: str) -> None:
    lexicon, _ = answerer._current()
    assert not [m for m in lexicon.find(f"the {word} one") if m.iri.endswith(not_meant)]


def test_misspelt_names_are_still_found(answerer: Answerer) -> None:
    lexicon, _ = answerer._current()
    found = {m.iri.rsplit("/", 1)[-1] for m in lexicon.find("alphabt capx vs microsfot hyperscalr trainng")}
    assert {"alphabet", "capex", "microsoft", "hyperscalers", "training"} <= found


def test_one_more_from_the_draft_is_the_next_check(answerer: Answerer) -> None:
    a = answerer.ask('one more from the draft — "Meta spent $52.5bn on capex in 2024". good?')
    check(a, Expect(kind="yes_no", verdict="no", value=37.256e9))


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("does the piece say DeepSeek/OpenAI reasoning models are pushing up inference spend", "yes"),
        ("does the article say the deepseek/openai reasoning models are pushing inference spending up?", "yes"),
        (
            "Does the article credit reasoning models from DeepSeek and OpenAI with accelerating the shift to"
            " inference?",
            "yes",
        ),
        # the makers' own need is not what the sources state
        ("does openai need more inference spending?", "unknown"),
    ],
)
def test_who_makes_a_thing_describes_it_in_a_relation_asked(answerer: Answerer, question: str, verdict: str) -> None:
    check(answerer.ask(question), Expect(kind="yes_no", verdict=verdict))


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        (
            'Draft: "AI already makes up more than a quarter of global server revenue." Does the source support that?',
            "unknown",
        ),
        ('Draft: "AI makes up more than a tenth of global server revenue." Does the article back that up?', "yes"),
    ],
)
def test_does_the_source_support_a_draft(answerer: Answerer, question: str, verdict: str) -> None:
    check(answerer.ask(question), Expect(kind="yes_no", verdict=verdict))


@pytest.mark.parametrize(
    ("question", "tokens"),
    [
        ("what does the 371B include?", ("$371B", "data centers", "Capital allocated")),
        ("what exactly does the $30.7bn cover?", ("$30.7B", "Meta")),
    ],
)
def test_what_a_figure_covers_is_its_measure_with_the_figure(
    answerer: Answerer, question: str, tokens: tuple[str, ...]
) -> None:
    check(answerer.ask(question), Expect(kind="explanation", tokens=tokens, sources=True))


def test_who_is_cited_as_saying_after_a_lead_in(answerer: Answerer) -> None:
    a = answerer.ask("For fact-checking: who is cited as saying the US AI industry is shifting toward inference?")
    check(a, Expect(kind="list", tokens=("Zuckerberg",)))
