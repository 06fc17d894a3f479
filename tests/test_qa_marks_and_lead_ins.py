"""A mark the question writes ("to reach $600B by 2032", "clear $500B") is set against the figure held,
never answered with the figure itself; several companies' total over a written amount; one mark
checked for several companies at once; and what a message says around its ask (a scene-setting clause
before "could you ...", a statement before "By what percentage ...?", a purpose or a caution after it,
a quarter that names a 10-Q) is not read as part of it."""

from __future__ import annotations

from datetime import date

import pytest
from qa_expect import Expect, check

from bot.engine import Answerer
from kg.store import KnowledgeStore

# Microsoft's calendar 2025, from its fiscal quarters: Jan-Mar 16.745 + Apr-Jun (64.551 - 47.472) + Jul-Sep
# 19.394 + Oct-Dec 29.876
MSFT_CY25 = 16.745e9 + (64.551e9 - 47.472e9) + 19.394e9 + 29.876e9
THREE_CY25 = 131.819e9 + 69.691e9 + MSFT_CY25  # Amazon, Meta, Microsoft


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(KnowledgeStore(), today=date(2026, 3, 1))


CASES = [
    # a mark to reach: a growth rate a year, a percent rise or a gap, never the figure held
    (
        "What annual growth rate would hyperscaler capex need from 2025's $371B to reach $600B by 2032?",
        Expect(value=(600 / 371) ** (1 / 7) - 1, measure="cagr", not_value=((525 / 371) ** (1 / 7) - 1,)),
    ),
    (
        "How much would 2025 hyperscaler capex have to rise, in percent, to hit $400B?",
        Expect(value=400 / 371 - 1, measure="percent_change", not_value=(0.44,)),
    ),
    (
        "by how much does the 2032 hyperscaler forecast clear $500B?",
        Expect(value=25e9, measure="difference"),
    ),
    # several companies' total over an amount the premise wrote
    (
        "The article forecast $371B of 2025 capex for Amazon, Meta and Microsoft. Using their filings for "
        "calendar 2025, what fraction of that forecast did they actually spend?",
        Expect(value=THREE_CY25 / 371e9, measure="ratio", unit="ratio", not_value=(131.819e9 / 69.691e9,)),
    ),
    (
        "what fraction of the 371B did amazon, meta and microsoft spend in calendar 2025?",
        Expect(value=THREE_CY25 / 371e9, measure="ratio"),
    ),
    # ... but a market's figure over another's amount stays one over the other
    (
        "What is the 2032 hyperscaler capex projection as a percentage of the $1.8 trillion generative-AI "
        "revenue forecast for that year?",
        Expect(value=525 / 1800, measure="ratio"),
    ),
    # a request after a clause that sets the scene is no yes/no
    (
        "While we're on the hyperscalers, could you tell me what the article projects for Oracle's capital "
        "spending in 2026?",
        Expect(kind="not_found"),
    ),
    (
        "Could you order the hyperscaler capital expenditure figures for 2024, 2025 and 2032 from largest to smallest?",
        Expect(kind="list", first=("2032",)),
    ),
    (
        "For our comparison of the large holdings, could you confirm from the filings what Amazon actually "
        "spent on property and equipment, in cash, during calendar 2024?",
        Expect(value=82.999e9, measure="level"),
    ),
    # the asked sentence after a statement names the measure
    (
        "The committee has discussed Nvidia at length as the main beneficiary of all this spending. By what "
        "percentage did Nvidia's revenue grow in its fiscal 2026 compared with fiscal 2025?",
        Expect(value=215.938e9 / 130.497e9 - 1, measure="percent_change", rel=0.01),
    ),
    # a quarter that names the filing, beside the period asked
    ("what does meta's Q2 10-Q show for capex in the first half of 2025", Expect(value=29.479e9)),
    # when a filing came out is no period asked
    ("alphabet full year 2025 capex? the 10-K should be out now", Expect(value=91.447e9)),
    # a measure neither source gives
    ("Microsoft's FY2025 capex including finance leases — what's the total?", Expect(kind="not_found")),
    # a quarterly run-rate is the year's mean quarter
    (
        "what's amzn's average quarterly capex run-rate across 2025?",
        Expect(value=131.819e9 / 4, measure="average"),
    ),
    # a straight line in the premise makes the step a year
    (
        "if you straight-lined it from 371 to 525, how much extra per year is that?",
        Expect(value=22e9, measure="per_year_step"),
    ),
    # the premise's figure is one side of the gap asked
    (
        "article says Meta AI capex 30.7bn for H1 25 — how far is that from the cash capex Meta actually filed for H1?",
        Expect(kind="comparison", value=30.7e9 - 29.479e9, measure="difference"),
    ),
    # an amount names its figure when nobody is named
    ("the $525bn capex number - which year is that for exactly?", Expect(value=525e9, tokens=("2032",))),
    # a category's one measure, when points or percent are asked
    ("how many percentage points does training lose by 2032?", Expect(value=-0.26, measure="pp_change")),
    ("training going from 40% to 14% - thats what % drop in relative terms??", Expect(value=-0.65)),
    # each operand placed by the figure its amount names
    (
        "how many times bigger is the 1.8T genAI revenue forecast than this year's 371B hyperscaler capex",
        Expect(kind="comparison", value=1800 / 371, measure="multiple"),
    ),
    # a method note in brackets is no figure asked
    (
        "2032 hyperscaler spend is how many times the 2024 level? (use the 44% to get 2024)",
        Expect(value=525 / (371 / 1.44), measure="multiple"),
    ),
    # a premise's amount says which measure "the number" is
    (
        "If Meta doubled to 30.7bn in 1H25, what was the 1H24 number?",
        Expect(value=15.35e9, measure="level", not_value=(14.6e9,), rel=0.01),
    ),
    # why a figure is asked, and a caution after the question, are not asked about
    (
        "need msft capex on a calendar 2024 basis (jan–dec) to line it up with the other hyperscalers. what is it?",
        Expect(value=55.552e9),
    ),
    (
        "total capex for MSFT+AMZN+GOOGL+META in calendar Q1 2025 (Jan-Mar)? careful msft's fiscal Q3",
        Expect(value=71.902e9, measure="sum"),
    ),
    # the six filers, each on its own fiscal year
    (
        "For the comps table: median fiscal-2025 capex across the six filers, each on its own fiscal year",
        Expect(value=67.121e9, measure="median"),
    ),
    # a common word is not a misspelt name ("scale" is no "sales")
    (
        "I'd be grateful for a sanity check on the scale of the step-up: in plain dollar terms, roughly how much "
        "more are the hyperscalers spending in 2025 than they did in 2024, based on the 44% figure?",
        Expect(value=371e9 - 371e9 / 1.44, measure="difference"),
    ),
    # whether the article gives a market size it does not give: declined, never "yes"
    ("Does the piece give a market size for HBM by 2030?", Expect(kind="not_found")),
    # whom a figure is credited to
    (
        "For attribution in our quarterly letter: which analyst firm is cited for the view that generative AI "
        "could reach up to 16% of total tech spending?",
        Expect(kind=("list", "explanation"), tokens=("Bloomberg Intelligence",)),
    ),
    ("which firm is behind the 16% figure?", Expect(kind="explanation", tokens=("Bloomberg Intelligence",))),
    # two names for one figure are never compared with each other
    (
        "Good afternoon. The trustees keep returning to the revenue side of the AI story, so could you remind me "
        "how much annual revenue generative AI alone is projected to generate by 2032?",
        Expect(value=1.8e12, measure="level", absent=("by $0",)),
    ),
    # what the asker goes by, written after the question, is not what is asked
    (
        "meta ai capex h1 2024 then? article says 30.7B in h1 25 was a doubling",
        Expect(value=15.35e9, measure="level", rel=0.01, not_value=(1.0,)),
    ),
    # a claim pasted from a draft, then "supported by the source?"
    (
        'Draft line: "Spending on AI inference infrastructure is projected to overtake training by the end of '
        '2025." Supported by the source?',
        Expect(kind="yes_no", verdict="yes"),
    ),
    # "pass" names the relation the sources state
    (
        "when is inference spending supposed to pass training spending?",
        Expect(kind=("list", "explanation"), tokens=("2025",)),
    ),
    # "half a trillion" is $500B; the one 2032 figure of that measure is set against it
    ("2032E capex — how far above half a trillion?", Expect(value=25e9, measure="difference")),
    # a question tag, with no question mark, asks yes or no
    ("meta cut capex in 2024 didnt they", Expect(kind="yes_no", verdict="no")),
    # "By when ...?" asks when, not whether; "global" narrows nothing
    (
        "By when does the article expect global investment in inference infrastructure to overtake spending on "
        "training?",
        Expect(kind=("list", "explanation"), tokens=("2025",)),
    ),
    # which text the question is about, when there is only one
    (
        "In the piece on inference overtaking training, what annual figure do they project for hyperscaler "
        "spending on data centres and compute by 2032?",
        Expect(value=525e9),
    ),
    # the companies in the filings, not a group the words "big tech" might name
    (
        "Which of the big tech companies in your filings data put more than $20 billion into capex in the "
        "April-June 2025 quarter?",
        Expect(kind="list", items=("Amazon", "Alphabet")),
    ),
    ("Is the AI boost to digital ad spending expected to exceed $150B by 2032?", Expect(kind="yes_no", verdict="yes")),
    # a bracket naming one company's period for the period already written is no second period
    (
        "jul-sep 2025 quarter capex, msft vs googl, who is bigger and by how much? (for msft it's Q1 FY26)",
        Expect(kind="comparison", value=23.953e9 - 19.394e9, measure="difference"),
    ),
    # "that is" restates within its own clause only
    ("if 2025 is 371B and that is +44%, what was hyperscaler capex in 2024 then?", Expect(value=371e9 / 1.44)),
    # a change written by its two ends, asked in a non-native's word order
    ("training share goes 40% -> 14%. in relative terms (not points) how much % it falls?", Expect(value=-0.65)),
    # "in few years" is the article's "within a few years"
    ("what % of server revenue AI could reach in few years?", Expect(value=0.40, not_value=(0.20,))),
    # why it matters to the asker is not part of the question
    (
        "Is inference investment going to pass training by end of 2025? my inference accelerators pitch depends "
        "on this haha",
        Expect(kind="yes_no", verdict="yes"),
    ),
    # a bare mark is the amount written beside it with its scale
    (
        "article says GOOGL H1'25 capex was 'nearly $40bn' — is the 10-Q number actually below 40?",
        Expect(kind="yes_no", verdict="yes"),
    ),
    # the later period over the earlier is a multiple; "- 1" makes it the growth; "FY2024/25" is one fiscal year
    ("META filed capex H1'25 / H1'24 = ?x", Expect(value=29.479e9 / 14.573e9, measure="multiple")),
    ("GOOGL capex FY25/FY24 - 1", Expect(value=91.447e9 / 52.535e9 - 1, measure="percent_change")),
    ("msft FY2024/25 capex", Expect(value=64.551e9)),
    # the figure as it stands, whatever the asker knows of its history
    (
        "What is Amazon's cash capital expenditure for calendar 2016 as it now stands in the filings? I'm aware the "
        "tagging changed at some point.",
        Expect(value=7.804e9, measure="level"),
    ),
    # one share as a fraction of the same share at the source's present
    (
        "The 2032 training share expressed as a fraction of today's training share — what does that come to?",
        Expect(value=0.35, measure="ratio"),
    ),
    # the members of the group whose figure the amount is
    ("Is Microsoft one of the companies in the $371B?", Expect(kind="yes_no", verdict="yes")),
    ("does it give Nvidia's share of the AI chip market? what's the %", Expect(kind="not_found")),
    # an amount in a clause of evidence is no operand
    (
        "how many x is the 2032 hyperscaler number vs the 2024 level implied by the 44%?",
        Expect(value=525 / (371 / 1.44)),
    ),
    # which source, before a yes/no; a declarative comparison with a question mark
    ("per the article did Alphabet spend more on capex than Meta in H1 2025?", Expect(kind="yes_no", verdict="yes")),
    ("Alphabet spent more capex than Meta in H1 2025?", Expect(kind="yes_no", verdict="yes")),
    # "of all AI spend" is the whole, not "which of them"; "nearly 50%" is not 50% or more
    ("inference at 50% or more of all AI spend by 2032?", Expect(kind="yes_no", verdict="no")),
    # "is it A or B?": which, not whether
    ("is it $371bn or $317bn for the 2025 hyperscaler DC spend?", Expect(value=371e9)),
    # "delta" asks the gap; two bare stated figures, one over the other
    ("Q1'26 capex AMZN vs GOOGL, delta?", Expect(kind="comparison", value=44.2e9 - 35.7e9, rel=0.01)),
    ("525/371 = ? x", Expect(value=525 / 371, measure="multiple")),
    # the one series that has both years; "not annualised" asks the whole change
    (
        "what's the total % uplift from the 2025 capex number to the 2032 projection (not annualised)",
        Expect(value=525 / 371 - 1, measure="percent_change"),
    ),
    # "the story" is the article, no one's name
    (
        "which company in the story spent the most on capex in the first half of 2025?",
        Expect(kind="list", first=("Alphabet",)),
    ),
    # a judgement no figure settles, after the figure asked, is no yes/no
    ("Meta capex as a % of revenue for 2025 — is this getting out of hand?", Expect(value=69.691e9 / 200.966e9)),
    # "the actual, not the 'nearly 40' from the press": which of the two figures, said again
    (
        "what's GOOGL's H1 2025 capex per the 10-Q — the actual, not the 'nearly 40' from the press",
        Expect(value=39.643e9),
    ),
    # "how big part of" asks a share; "expected to increase until 2032?" asks yes or no
    ("by 2032 how big part of all AI spending goes to inference?", Expect(value=0.5, rel=0.1)),
    ("training share of AI spend expected to increase until 2032?", Expect(kind="yes_no", verdict="no")),
    # a figure named by its amount, and whose it is (the article's "nearly $40 billion" behind the filed one)
    ("the 'nearly $40 billion' capex number - whose is it?", Expect(value=40e9, tokens=("Alphabet",))),
    ("the $30.7B figure in graf 6 - which company is that?", Expect(value=30.7e9, tokens=("Meta",))),
    # where in the article the asker read it is no part of what is asked
    ("HBM = ? (in the hardware graf)", Expect(kind="explanation", tokens=("High Bandwidth Memory",))),
    # "How does A compare with B? What is it as a percentage of that?": A over B, as asked last
    (
        "How does the extra advertising spending that AI is expected to add by 2032 compare with the hyperscalers' "
        "2032 spending projection? What is it as a percentage of that projection?",
        Expect(value=200 / 525, measure="ratio"),
    ),
    # "all 6", "of the 6": the six filers; "latest full FY": each company's own last full year
    (
        "which of the 6 spent >$100B capex in their latest full FY?",
        Expect(kind="list", items=("Amazon",), absent=("Q1 2026",)),
    ),
    ("rank all 6 by revenue, latest full FY each", Expect(kind="list", first=("Amazon",), items=("Nvidia", "Apple"))),
    # a bare measure asked after a statement is asked of the statement
    ("AI % of server rev now vs where they say it gets in a few yrs — how many x?", Expect(value=2.0, rel=0.1)),
    # a claim pasted from a draft states its figure: checked as written, not as "at least"
    (
        'Another line from my piece: "Nvidia\'s revenue reached $130.5 million in fiscal 2025." ok to run?',
        Expect(kind="yes_no", verdict="no"),
    ),
    (
        '"Microsoft\'s revenue hit $245.1bn in fiscal 2025" — can you confirm before I file?',
        Expect(kind="yes_no", verdict="no"),
    ),
    # ... but a question's own mark is one to pass
    (
        "Did Alphabet's first-half 2025 capex reach $40 billion, going by the article's wording?",
        Expect(kind="yes_no", verdict="no"),
    ),
    ("does hyperscaler capex get past $500B a year by 2032?", Expect(kind="yes_no", verdict="yes")),
    # one company's calendar year against its fiscal year of the same number; a quarter written once for both
    ("msft cy25 vs fy25 capex delta", Expect(kind="comparison", value=MSFT_CY25 - 64.551e9, measure="difference")),
    ("nvda q1 rev growth f27 vs f26?", Expect(value=81.615e9 / 44.062e9 - 1, measure="percent_change")),
    # one company's growth in two measures, against each other
    ("meta 2025: capex growth minus revenue growth, in points?", Expect(measure="pp_change", value=0.6489, rel=0.01)),
    (
        "amazon 2025: how many times faster did capex grow than revenue?",
        Expect(measure="multiple", value=4.752, rel=0.01),
    ),
    # the asker's guess after the question is not asked; a part ruled in, the whole ruled out
    ("meta free cash flow 2025? capex is eating it i assume", Expect(kind="not_found")),
    ("what's AWS capex specifically, not all of amazon?", Expect(kind="not_found")),
    # a class named in a who-question asks for people
    ("who flagged the shift to inference — which exec?", Expect(kind=("list", "explanation"), tokens=("Zuckerberg",))),
    # a draft line, then a check in the asker's words ("good?", "— ok?", "ok to run?")
    ('one more from the draft — "Meta spent $52.5bn on capex in 2024". good?', Expect(kind="yes_no", verdict="no")),
    (
        "quick one, my sentence: 'generative AI could generate $1.8 billion in annual revenue by 2032' — ok?",
        Expect(kind="yes_no", verdict="no"),
    ),
    (
        "draft: 'Bloomberg Intelligence says gen AI could be as much as 26% of total tech spending by 2032' ok?",
        Expect(kind="yes_no", verdict="no"),
    ),
    # a stated figure and a wrong multiple in one claim: no
    (
        "Meta's AI capital spending reached $30.7bn in the first half of 2025, triple the level a year earlier. right?",
        Expect(kind="yes_no", verdict="no"),
    ),
    # a claim in two parts: the start of a change written ("from 40%") is the series' own earlier figure
    (
        '"By 2032 nearly half of AI spending will go to inference, while training\'s share shrinks from 40% to 14%" '
        "— accurate?",
        Expect(kind="yes_no", verdict="yes"),
    ),
    # "was it 14 or 16?": which, not whether; the asker's doubt after the question is not asked
    ("quick one — training % of AI spend in 2032, was it 14 or 16?", Expect(value=0.14)),
    (
        "is inference spending actually supposed to overtake training spending by the end of 2025, or am I misreading?",
        Expect(kind="yes_no", verdict="yes"),
    ),
    # the other subject's own measure for its period, not the first one's carried over
    ("meta's H1'25 AI capex as a % of the full 2025 hyperscaler total in the article", Expect(value=30.7 / 371)),
    # "grew another 44%" after "hypothetically,": the assumed rate on the latest year before
    (
        "hypothetically, if the hyperscalers grew capex another 44% in 2026 off the 2025 base, "
        "what would 2026 come to?",
        Expect(value=371e9 * 1.44, measure="level"),
    ),
    # "from a chip-side view:" is a lead-in; "yrs" are years
    ("from a chip-side view: where could AI's slice of server rev get to in a few yrs?", Expect(value=0.40)),
    # two shares compared in points, neither a change of its own
    (
        "How does the expected 2032 inference share compare with training's 2032 share, in percentage points?",
        Expect(kind="comparison", value=0.36, measure="pp_change", rel=0.06),
    ),
    ("2032 capex proj vs 2025 — $ gap?", Expect(value=154e9, measure="difference")),
    # the quarter names the period; nothing is averaged over quarters
    (
        "median capex for the apr-jun 2025 quarter across amazon, microsoft, alphabet, meta? (for msft that's Q4 FY25)",
        Expect(value=(22.4e9 + 17.079e9) / 2, measure="median", rel=0.01),
    ),
    # how to get the figure, asked after it, is no yes/no
    (
        "Microsoft's capex for calendar 2024 (jan-dec, not their fiscal year) — can you stitch it together from the "
        "quarters?",
        Expect(value=55.552e9),
    ),
    # a name the graph does not know, a year before its metric
    ("crwv 2024 capex", Expect(kind="not_found")),
    # "BI's number": whose forecast, not whose figure
    (
        "if $1.8tn is 16% of total tech spending, what total tech spend does BI's number imply for 2032?",
        Expect(value=1.8e12 / 0.16, rel=0.01),
    ),
    (
        "who in the article flags the shift toward inference? need a name for attribution",
        Expect(kind="list", tokens=("Zuckerberg",)),
    ),
    # the companies a claim names as doing what the question says
    (
        "Which companies does the article say are significantly increasing their capital expenditures?",
        Expect(kind="list", items=("Amazon", "Meta", "Microsoft"), n_items=3),
    ),
    # "(not pts)" rules points out; "before it falls to 14%" asks where the share starts
    (
        "relatively speaking (not pts), how much of its share does training lose by 2032? as a % change",
        Expect(value=-0.65, measure="percent_change"),
    ),
    ("what's training's share before it falls to 14%?", Expect(value=0.40, measure="level")),
    # "every one of" them, each against a change multiple
    (
        "Did every one of amzn, googl and meta more than double capex between 2023 and 2025?",
        Expect(kind="yes_no", verdict="yes", tokens=("all 3",)),
    ),
    # "premise: ..." is an "if"; "equal $ steps" is a straight line
    (
        "premise: capex rises in equal $ steps 2025->2032 (371 to 525). what does that give for 2030?",
        Expect(value=481e9, measure="level"),
    ),
    # the growth of a combined figure, its two years joined by an arrow
    (
        "amzn, meta, msft combined capex growth 2024->2025?",
        Expect(value=284.604 / 175.807 - 1, measure="percent_change"),
    ),
    # "just the increase over 2024" as a fraction of the later figure: the rise is the part
    ("what fraction of the 2025 hyperscaler total is just the increase over 2024?", Expect(value=1 - 1 / 1.44)),
    # when a company's fiscal year ends, from its calendar in the ontology
    ("When does Microsoft's financial year end?", Expect(kind="list", tokens=("June",))),
    ("when does apple's fiscal year end?", Expect(kind="list", tokens=("September",))),
    # one mark, several companies: each checked, then all of them
    ("were amzn, meta and msft 2025 capex all above $60B?", Expect(kind="yes_no", verdict="yes")),
    ("were amzn, meta and msft 2025 capex all above $100B?", Expect(kind="yes_no", verdict="no", tokens=("Meta",))),
    ("was the 2025 capex growth for amzn/meta/msft more than 40%?", Expect(kind="yes_no", verdict="yes")),
    # ... but their total against the mark is one check
    (
        "AMZN+GOOGL+META+MSFT calendar-2025 filed capex combined — above the article's $371bn?",
        Expect(kind="yes_no", verdict="yes"),
    ),
]


@pytest.mark.parametrize(("question", "expect"), CASES, ids=[q[:80] for q, _ in CASES])
def test_marks_totals_and_lead_ins(answerer: Answerer, question: str, expect: Expect) -> None:
    check(answerer.ask(question), expect)


@pytest.mark.parametrize(
    ("first", "follow_up", "expect"),
    [
        # "this year's number" places the other end of the change
        ("2032 hyperscaler capex projection?", "what CAGR is that from this year's number", (525 / 371) ** (1 / 7) - 1),
        # the figure just given against an amount written now
        (
            "What's the article's forecast for generative AI revenue in 2032?",
            "how does that stack up against the $525bn capex number — how many times bigger?",
            1800 / 525,
        ),
        # "so what was 2024 then?" after a growth rate asks 2024's level; "how much is that up" asks the rise
        ("hyperscaler capex 2025 and growth vs 2024?", "so what was 2024 then?", 371e9 / 1.44),
        ("hyperscaler capex this year per the article?", "how much is that up from last year", 0.44),
        # "per the article" names the source though "report" is a filing's verb; "same for meta" keeps it
        (
            "What did Alphabet report in capex for the first half of 2025, per the article?",
            "same for meta",
            30.7e9,
        ),
        # "before the shift": the share at the source's present, never the 2032 one
        ("what share of AI spending goes to training by 2032", "and before the shift?", 0.40),
        ("what share of AI spending goes to training by 2032", "and what is it today, before the shift?", 0.40),
        # the source asked first carries to the figure set against it
        (
            "How much capex did Alphabet report for the first two quarters of the year, per the article?",
            "how much more is that than Meta's figure?",
            40e9 - 30.7e9,
        ),
    ],
)
def test_follow_ups_keep_what_was_asked(first: str, follow_up: str, expect: float) -> None:
    answerer = Answerer(KnowledgeStore(), today=date(2025, 10, 1))
    answerer.ask(first, conversation_id="c")
    a = answerer.ask(follow_up, conversation_id="c")
    assert a.value == pytest.approx(expect, rel=0.01), a.text


def test_rank_it_against_others_keeps_the_company_just_asked(answerer: Answerer) -> None:
    answerer.ask("How fast did Meta's capex grow in 2025?", conversation_id="rank")
    a = answerer.ask("rank it against Amazon and Alphabet on that same growth metric", conversation_id="rank")
    # Meta +87.1%, Alphabet +74.1%, Amazon +58.8%: all three, Meta first
    check(a, Expect(kind="list", first=("Meta", "Alphabet", "Amazon")))


def test_which_of_the_companies_just_listed_end_their_year_elsewhere(answerer: Answerer) -> None:
    answerer.ask("Which companies do you have SEC filings for?", conversation_id="fye")
    a = answerer.ask("which of those don't run a December year-end?", conversation_id="fye")
    check(a, Expect(kind="list", items=("Microsoft", "Apple", "Nvidia"), n_items=3))
