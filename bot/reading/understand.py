"""From question text to a typed :class:`Query`.

The text is read once into evidence — lexicon mentions (subjects, metrics, concepts,
predicates), period mentions, cue words — and every kind of question is scored against
that evidence; the best-scoring reading wins. Nothing here is keyed to particular
sentences: cue words are the language of questions, names come from the graph.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from kg.knowledge import Knowledge
from kg.periods import Period

from .amounts import amount_spans, bare_billions
from .arithmetic_words import (
    EXAMPLES_OF,
    divided_in,
    not_examples,
    operator_between,
    ratio_named,
    verb_of,
    whole_in,
    whole_of_ratio_at,
)
from .asked_part import after_name, ancestors, asked_after_context, premise_end_of, source_of
from .asked_periods import asked_periods
from .asked_words import (
    AMOUNT_BEFORE_NAME,
    ATTAINED,
    FROM_TO_AMOUNTS,
    HOW_BIG_A_CHANGE,
    OTHER_MEASURES,
    PASTED_CLAIM,
    PER_QUARTER_PACE,
    REGION,
    SOURCE_WORD,
)
from .cues import GROWTH_ABBREVIATION, SEQUENTIAL, cue_scores, given_offset
from .intent_evidence import Shape, weigh_structure
from .lexicon import GRAMMAR_WORDS, Lexicon, Mention, Token, tokenize
from .measure import asked_measure
from .names import (
    SUBJECT_KINDS,
    around_periods,
    choose_metric,
    generic_share,
    leftover_words,
    not_about_the_document,
    pair_subjects_with_metrics,
    possible_unknown_subject,
    unknown_names,
)
from .names import (
    named_ratio as is_named_ratio,
)
from .operands import held_by_owner, kin_of_amounts, listed_with_owner, metric_of_amounts, pair_operands
from .patterns import (
    ALL_FILERS,
    ASIDE_ON_METHOD,
    BEFORE_THE_CHANGE,
    CHANGE_MEASURES,
    CHANGE_NOUNS,
    CONTEXT_AFTER,
    CONTEXT_AFTER_DASH,
    DESCRIBED,
    DIFFERENCE_WORDS,
    FORMULA_IN_BRACKETS,
    HOW_DERIVED,
    HOW_MUCH_UP,
    IMPLIED_BY_THAT,
    IMPLIED_LEVEL,
    MEANING_ASKED,
    MEASURE_ONLY,
    PART_FELL_IN,
    PURPOSE_OF_ASKING,
    RANK_VERBS,
    RECEIVED_BY,
    RHETORICAL_TAIL,
    RULED_OUT_BEFORE,
    SEGMENT_AFTER,
    SPENT_ON,
    sign_comparator,
)
from .query import INTENTS, Query
from .question_cues import (
    EQUALS_WHAT,
    FOLLOW_UP,
    FROM_START,
    FROM_WHAT,
    MANNER_WORDS,
    ORIGINAL,
    PERCENT_OF,
    STEP_WORDS,
    ascending_in,
    bracketed,
    comparator_in,
    modifiers_in,
    not_ruled_out,
    points_back,
    top_n,
    without_preamble,
)
from .question_periods import (
    LATEST,
    SAME_PERIOD,
    granularity_in,
    last_n_in,
    own_calendars,
    yearless_in,
)
from .threshold import (
    change_multiple,
    checks_a_claim,
    direction_asked,
    is_yes_no,
    share_direction,
    status_asked,
    threshold_in,
    written_multiple,
)
from .written_periods import periods_written, without_periods_said_again

__all__ = ["INTENTS", "Query", "understand"]


#: "... ? yes or no", "(yes/no)": how to answer, not a choice between two things
_YES_OR_NO = re.compile(r"\byes\s*(?:or|/)\s*no\b|\by\s*/\s*n\b", re.IGNORECASE)


#: what stands between a spending verb and the measure it was spent on: " $30.7B on ", " the most on ", " most "
#: (a degree or an amount: "spending on capex" alone is left to the names)
_SPENT_AMOUNT_ON = re.compile(
    r"\s+(?:(?:the\s+)?(?:most|more|less|least)\s+(?:(?:on|in)\s+)?"
    r"|(?:(?:about|around|roughly|nearly|almost|over|some)\s+)?(?:\$\s*)?[\d.,]+\s*(?:bn|b|billion|tn|t|trillion|m|mn"
    r"|million)?\s+(?:on|in)\s+)(?:the\s+|its\s+|their\s+)?",
    re.IGNORECASE,
)

#: between a forecaster's name and what it forecasts: "BI's 2032 genAI revenue", "Gartner's FY26 "
_WHOSE_FORECAST = re.compile(r"^['’]s?\s+(?:(?:(?:fy|cy)\s*)?'?\d{2,4}\s+)?$", re.IGNORECASE)


def forecasters_named_for(
    k: Knowledge, text: str, tokens: list[Token], mentions: list[Mention], subjects: list[str]
) -> list[str]:
    """'BI's 2032 genAI revenue': a forecaster with no figures of its own, named as the owner of another
    subject's figure, credits the forecast; it is not a subject of its own."""
    series = k.series()
    out = []
    for m in mentions:
        e = k.entities.get(m.iri)
        if e is None or e.kind != "analyst_firm" or m.iri not in subjects or series.get(m.iri):
            continue
        nxt = next((o for o in mentions if o.start >= m.end and o.kind in SUBJECT_KINDS), None)
        if nxt is not None and _WHOSE_FORECAST.match(text[tokens[m.end - 1].end : tokens[nxt.start].start]):
            out.append(m.iri)
    return out


#: "goes from 40% to 14%": a move between two figures written, its direction in their order
_FROM_TO = re.compile(
    r"\bfrom\s+(?:about\s+|around\s+|roughly\s+)?\$?\d[\d.,]*\s?(?:%|bn|b|billion|tn|t|trillion)?\s+to\s+", re.I
)


def direction_between(text: str, spans: list[tuple[int, float]]) -> str | None:
    """'training's share goes from 40% to 14%': down; None unless a from-to pair of amounts is written."""
    m = _FROM_TO.search(text)
    if m is None:
        return None
    pair = [v for at, v in spans if m.start() <= at <= m.end() + 2]
    if len(pair) != 2 or pair[0] == pair[1]:
        return None
    return "down" if pair[1] < pair[0] else "up"


def understand(text: str, lexicon: Lexicon, *, today: date) -> Query:
    """Read ``text`` into the best-scoring :class:`Query`."""
    text = without_preamble(text)
    # "did X double, or is that just the article's AI number?": the doubt added is not a second question
    text = RHETORICAL_TAIL.sub("?", text)
    # "... in Q1 2026? Trying to gauge how fast capacity is coming online.": why it is asked, not what
    text = CONTEXT_AFTER_DASH.sub("", CONTEXT_AFTER.sub("", text))
    # "..., taking into account the later filing that changed the tag?": how the figure is meant, not asked
    text = ASIDE_ON_METHOD.sub("", text)
    text = PURPOSE_OF_ASKING.sub("", text)  # "... to line it up with the other hyperscalers"
    k: Knowledge = lexicon.knowledge
    text = without_periods_said_again(text, today)  # "(for msft it's Q1 FY26)": the period written before
    tokens = tokenize(text)
    period_mentions, as_reported = periods_written(text, today)
    # tokens inside period mentions are not names
    in_period = {i for i, t in enumerate(tokens) for m in period_mentions if m.start <= t.start < m.end}
    mentions = [m for m in lexicon.find(text, tokens) if not (set(range(m.start, m.end)) & in_period)]
    mentions = around_periods(lexicon, text, tokens, in_period, mentions)
    mentions = not_examples(text, tokens, not_ruled_out(text, tokens, mentions))
    # "training's share today, before the shift to inference": what the shift is to is not asked about
    asides = [b.span() for b in BEFORE_THE_CHANGE.finditer(text)]
    outside = [m for m in mentions if not any(a <= tokens[m.start].start < b for a, b in asides)]
    if asides and any(m.kind in SUBJECT_KINDS for m in outside):
        mentions = outside
    elif asides and not outside and FOLLOW_UP.match(text):
        mentions = []  # "and before the shift?": a period of the figure just asked, nothing new asked about
    glosses = [
        g.span()
        for m in mentions
        if m.kind == "metric"
        and (entity := k.entities.get(m.iri)) is not None
        and entity.unit == "ratio"
        and (g := FORMULA_IN_BRACKETS.match(text, tokens[m.end - 1].end))
    ]
    if glosses:
        for a, b in glosses:
            text = text[:a] + " " * (b - a) + text[b:]
        return understand(text, lexicon, today=today)
    mentions = not_about_the_document(text, tokens, mentions)
    covered = set(in_period)
    for m in mentions:
        covered.update(range(m.start, m.end))

    subjects: list[str] = []
    metrics: list[Mention] = []
    concepts: list[str] = []
    predicates: list[str] = []
    for m in mentions:
        before_change = m.end < len(tokens) and tokens[m.end].norm in CHANGE_NOUNS
        two_before = (tokens[m.start - 2].norm, tokens[m.start - 1].norm) if m.start >= 2 else ("", "")
        # "by what percentage", "as a share of its revenue", "grow, in percent": the measure, not a metric
        # "... is what percent of ...": the measure asked, not a share's figure
        what_of = m.start >= 1 and tokens[m.start - 1].norm == "what" and m.end < len(tokens)
        what_of = what_of and tokens[m.end].norm == "of"
        by_what = (
            what_of
            or two_before in (("by", "what"), ("as", "a"), ("how", "many"))
            or (m.start >= 1 and tokens[m.start - 1].norm == "in" and m.end - m.start == 1)
        )
        # "exceed 5 percent a year": after a number, "percent" is its unit
        after_number = m.start >= 1 and tokens[m.start - 1].norm.replace(".", "").isdigit()
        if (
            m.kind == "metric"
            and generic_share(k, m.iri)
            and not is_named_ratio(k, m.iri)  # "capex intensity Δ 2024→2025": the quantity that changes
            and (before_change or by_what or after_number)
        ):
            continue  # "pct chg", "by what percentage": the measure asked, not a share's figure
        if m.kind == "metric":
            metrics.append(m)
        elif m.kind == "predicate":
            if m.iri not in predicates:
                predicates.append(m.iri)
        else:
            if m.kind in SUBJECT_KINDS and m.iri not in subjects:
                subjects.append(m.iri)
            if m.iri not in concepts:
                concepts.append(m.iri)
    credited = forecasters_named_for(k, text, tokens, mentions, subjects)  # "BI's 2032 genAI revenue"
    subjects = [s for s in subjects if s not in credited]
    concepts = [c for c in concepts if c not in credited]
    # ("spend on AI capex": "spend on AI" names AI capex, and the "capex" right after it says it again)
    metrics = [m for m in metrics if not any(p.end == m.start and m.iri in ancestors(k, p.iri) for p in metrics)]
    # ("did Meta spend $30.7B on AI capex": the spending is the AI capex named after "on")
    metrics = [
        m
        for m in metrics
        if not any(
            m.iri in ancestors(k, o.iri)
            and _SPENT_AMOUNT_ON.fullmatch(text[tokens[m.end - 1].end : tokens[o.start].start])
            for o in metrics
            if o.start >= m.end
        )
    ]
    metrics = ratio_named(k, text, tokens, metrics)  # "capex % of rev": capex intensity, one metric
    # "the bottom line profit, not sales": a measure the question rules out is not the one asked
    metrics = [
        m
        for m in metrics
        if not RULED_OUT_BEFORE.search(text[max(0, tokens[m.start].start - 24) : tokens[m.start].start])
    ]
    all_filers = ALL_FILERS.search(text)
    if all_filers and not any(getattr(k.entities.get(s), "kind", None) == "company" for s in subjects):
        # "did any of the companies in the filings spend more than $100bn?": every company that filed
        subjects = sorted(k.filers(), key=lambda s: k.label(s))
        covered.update(i for i, t in enumerate(tokens) if all_filers.start() <= t.start < all_filers.end())
    # "If 2025 capex of $371B is +44% y/y, what does that imply for 2024?": the premise is evidence
    premise_end = premise_end_of(text, tokens, mentions, metrics)
    # "The article's $30.7bn is 'AI capex' - what was Meta's filed cash capex?": the question's own metric
    given_at = given_offset(tokens, premise_end)
    asked_metrics = [m for m in metrics if premise_end <= tokens[m.start].start < given_at] or metrics
    if asked_metrics is not metrics and len({m.iri for m in asked_metrics}) == 1:
        # "meta's h1 ai capex doubled to 30.7bn — what did it spend in h1 2024 then?": the premise's measure,
        # of which the question's word ("spend") is the general kind
        general = asked_metrics[0].iri
        top = general in k.entities and not k.entities[general].broader  # ("spend", never "capex" against "AI capex")
        narrower = [
            m
            for m in metrics
            if top and tokens[m.start].start < premise_end and m.iri != general and general in ancestors(k, m.iri)
        ]
        asked_metrics = narrower[:1] or asked_metrics
    before_context = subjects
    subjects = asked_after_context(text, tokens, mentions, subjects, metrics, period_mentions, premise_end)
    context_only = set(before_context) - set(subjects)
    threshold = threshold_in(text)
    if threshold is not None and (PASTED_CLAIM.search(text) or checks_a_claim(text)) and ATTAINED.search(text):
        # 'Draft: "Nvidia's revenue reached $130.5 million in fiscal 2025." ok to run?': the claim states the
        # figure, checked as written (not "at least" that much)
        threshold = None
    if threshold is not None and len({m.iri for m in asked_metrics}) > 1:
        # "meta filed capex H1'25 >= article's $30.7B AI capex fig?": the measure written right after the
        # amount set against is that amount's, not the one asked ("$50bn on capex" is the one asked)
        mark_at = next((p for p, v in amount_spans(text) if v == threshold.value), None)
        mark = AMOUNT_BEFORE_NAME.match(text, mark_at) if mark_at is not None else None
        named = [m for m in asked_metrics if mark and tokens[m.start].start == mark.end()]
        rest = [m for m in asked_metrics if m not in named and mark and tokens[m.start].start < mark.start()]
        asked_metrics = rest if named and rest else asked_metrics
    metric = choose_metric(asked_metrics, k) or lexicon.weak_metric(tokens)
    ranked_by = [
        m
        for m in asked_metrics
        if m.start > 1 and tokens[m.start - 1].norm == "by" and any(t.norm in RANK_VERBS for t in tokens[: m.start - 1])
    ]
    if ranked_by:
        metric = ranked_by[0].iri  # "rank AMZN, GOOGL and META by capex intensity": the measure ranked by
    if metric is not None and PERCENT_OF.search(text[:given_at], premise_end):
        # "genAI revenue could be up to what % of total tech spending?": the share of that whole
        shares = [e.iri for e in k.entities.values() if e.kind == "metric" and e.share_base == metric]
        metric = shares[0] if len(shares) == 1 else metric
    # "by what percent did Amazon outspend Meta": a bare "percent" is the measure, no subject's metric
    paired = [m for m in metrics if not generic_share(k, m.iri)]
    subject_metrics = pair_subjects_with_metrics(mentions, paired) if len({m.iri for m in paired}) > 1 else {}

    found = asked_periods(text, k, subjects, period_mentions, tokens, (premise_end, given_at), today, as_reported)
    written, resolved, asked, periods, roles = found.written, found.resolved, found.asked, found.periods, found.roles
    starts, now, now_only = found.starts, found.now, found.now_only
    this_year = Period.year(today.year)
    latest_for_now = now and bool(LATEST.search(text)) and this_year in periods
    if latest_for_now:
        # "is nvidia making more than apple now? each one's latest full fiscal year": the latest figures
        periods = [p for p in periods if p != this_year]
        now, now_only = False, False

    # measures ("CAGR", "percentage points") are the question's own words, not names of what it is about
    names = {i for m in mentions if m.kind not in ("predicate", "class", "measure") for i in range(m.start, m.end)}
    # ("capital expenditure relative to revenue": the words of a ratio the graph names are its name)
    names |= {i for m in metrics if m.via == "ratio" for i in range(m.start, m.end)}
    scores = cue_scores(tokens, names | {i for i, t in enumerate(tokens) if t.start < premise_end}, premise_end)
    if "sum" in scores and re.search(r"\b(?:gap|difference|spread|distance|delta)\s+between\s+them\b", text, re.I):
        scores["sum"] = max(0.0, scores["sum"] - 4.0)  # "what's the gap between them?": no "between them" total
    if MEANING_ASKED.search(text):
        scores["define"] = scores.get("define", 0) + 6.0  # "what does 'inference' mean in the context of ...?"
    if HOW_DERIVED.search(text):
        scores["explain"] = scores.get("explain", 0) + 5.0  # "derived how?", "how was that computed?"
    if PART_FELL_IN.search(text) and "change" in scores:
        scores["change"] = max(0.0, scores["change"] - 3.0)  # "how much of that fell in Q4?": where, not a fall
    if IMPLIED_LEVEL.search(text, premise_end):
        scores["value"] = scores.get("value", 0) + 3.0  # "what does the growth rate imply the 2024 figure was?"
    if BEFORE_THE_CHANGE.search(text) and "change" in scores:
        # "training's share today, before the projected drop": when, not the drop asked
        scores["change"] = max(0.0, scores["change"] - 3.0)
    if "annualise" in scores and re.search(r"\bnot\s+annuali[sz](?:ed|e)\b", text, re.I):
        scores.pop("annualise")  # "the total % uplift from 2025 to 2032 (not annualised)": a plain change
    if "annualise" in scores and PER_QUARTER_PACE.search(text):
        # "average quarterly capex run-rate across 2025": the pace a quarter, the year's mean quarter
        scores["average"] = scores.pop("annualise") + scores.get("average", 0)
    yoy = GROWTH_ABBREVIATION.search(text, premise_end)
    if yoy and yoy.start() < given_at:  # "y/y?", "YoY", "year-over-year" ask for a change (not in a premise)
        scores["change"] = max(scores.get("change", 0), 2.5)
    qoq = SEQUENTIAL.search(text, premise_end)
    if qoq and qoq.start() < given_at and re.match(r"q|h|quarter|half", qoq.group(0), re.I):
        scores["change"] = max(scores.get("change", 0), 2.5)  # "q/q", "QoQ", "quarter-on-quarter" likewise
    is_ratio = bool(metric and k.entities.get(metric) and k.entities[metric].unit == "ratio")
    asks_start = bool(FROM_WHAT.search(text))
    spans = amount_spans(text)
    # "371 vs META FY25 capex", "if 371 is +44% y/y": a bare number the article states in billions of dollars
    spans = sorted([*spans, *bare_billions(text, lexicon.stated_billions)])
    # ("training's share before it falls to 14%": the amount it falls to says when, it is not asked about)
    spans = [(at, v) for at, v in spans if not any(a <= at < b for a, b in asides)]
    # (no measure named beside them; "percentage points" names the unit asked, not a thing)
    named_things = {c for c in concepts if getattr(k.entities.get(c), "kind", None) != "measure"}
    only_subjects = named_things <= set(subjects) and not predicates
    only_subjects = only_subjects and not re.match(r"\s*(?:who|whom|which)\b", text, re.I)  # (asks for names)
    if (
        metric is None
        and subjects
        and only_subjects
        and (
            re.search(r"\b(?:figure|number|forecast|projection)\b", text, re.I)
            # "training going from 40% to 14%", "how many points does training lose by 2032?"
            or re.search(r"%|\bpercent|\b(?:percentage\s+)?points?\b|\bpp\b", text, re.I)
        )
    ):
        # "the 2032 hyperscaler figure": the one measure the graph holds for them, when there is one
        held = [set(k.series().get(s, {})) for s in subjects]
        common = set.intersection(*held) if held else set()
        metric = next(iter(common)) if len(common) == 1 else None
    if metric is None and spans and subjects and periods:
        # "Article says Alphabet 'nearly $40bn' for 1H25 — did the 10-Q number come in below $40bn?": the
        # measure whose figure the amount is
        metric = metric_of_amounts(k, subjects, periods, [v for _, v in spans])
        in_premise = [m.period for m in period_mentions if m.period is not None and m.start < premise_end]
        if metric is None and in_premise:
            # "If Meta doubled to 30.7bn in 1H25, what was the 1H24 number?": the premise's figure, its period
            metric = metric_of_amounts(k, subjects, in_premise, [v for at, v in spans if at < premise_end])
        filed = re.search(r"\b(?:filed|filings?|10-?[kq]s?)\b", text, re.IGNORECASE)
        if metric is None and len(subjects) >= 2 and (source_of(text, premise_end) == "filing" or filed):
            # "did amazon, meta and msft together hit the 371B per their filings?": their filed measure of that kind
            metric = kin_of_amounts(k, subjects, periods, [v for _, v in spans])
    weigh_structure(
        scores,
        Shape(
            text, tokens, mentions, subjects, metric, periods, predicates, roles, is_ratio, asks_start, threshold, spans
        ),
    )

    # "capex-to-revenue ratio": the word after a ratio metric's name is part of the name, no division asked
    named_ratio = is_ratio and any(
        m.iri == metric and m.end < len(tokens) and tokens[m.end].norm in ("ratio", "ratios") for m in metrics
    )
    if named_ratio:
        scores.pop("ratio", None)
    if EQUALS_WHAT.match(text) and not (periods or subjects):  # "hbm = ?": what the term stands for
        scores["define"] = scores.get("define", 0) + 4.0
    if "source" in scores and threshold is not None and checks_a_claim(text):
        scores["source"] = 0.0  # 'Draft: "AI makes up more than a quarter ..." Does the source support that?'
    # (cues all cancelled, as "decline" in "before that decline": a plain value)
    intent = (
        max(scores, key=lambda i: (scores[i], -INTENTS.index(i))) if any(v > 0 for v in scores.values()) else "value"
    )
    original = bool(ORIGINAL.search(text))
    measure_only = bool(MEASURE_ONLY.match(text))  # "and in $ terms?": the last figures, in another measure
    understood = bool(mentions or period_mentions or scores or original or measure_only) or bool(
        is_yes_no(text) and spans
    )
    understood = understood or bool(asides and periods)  # "and before the shift?": a period the source names
    # ("what exactly does the $30.7bn cover?": what a figure named by its amount counts)
    understood = understood or bool(spans and re.search(r"\b(?:cover|include|comprise|consist\s+of)\b", text, re.I))
    covered_all = covered | {i for i, t in enumerate(tokens) if t.norm in GRAMMAR_WORDS}
    from_start = FROM_START.search(text)
    if from_start:  # "vs the starting share": the start of the series asked about, not a name
        covered_all |= {i for i, t in enumerate(tokens) if from_start.start() <= t.start < from_start.end()}
    unknown = unknown_names(text, tokens, covered_all)
    # "Chinese hyperscalers", "European cloud providers": a part of a group the graph does not hold
    narrowed = [
        m for m in mentions if m.kind in ("group", "market") and m.start and REGION.fullmatch(tokens[m.start - 1].norm)
    ]
    for m in narrowed:
        unknown.append(f"{tokens[m.start - 1].text} {tokens[m.start].text if m.end - m.start == 1 else m.text}")
    dropped = {m.iri for m in narrowed} | context_only
    unknown = [u for u in unknown if not any(u != v and u in v.split() for v in unknown)]  # (the longer says it)
    subjects = [s for s in subjects if s not in dropped]
    # "Amazon Web Services", "Google Cloud": a company's name run on into a unit's name the graph does not know
    starts_at = {t.start: i for i, t in enumerate(tokens)}
    for m in mentions:
        run = SEGMENT_AFTER.match(text, tokens[m.end - 1].end) if m.kind == "company" else None
        first = starts_at.get(run.start(1)) if run else None
        if run and first is not None and first not in covered and first not in in_period:
            unknown.append(f"{tokens[m.start].text} {run.group(1)}")
    leftover = leftover_words(text, tokens, covered, covered_all, premise_end, lexicon.label_words)
    from_premise = premise_end and metric and not any(tokens[m.start].start >= premise_end for m in metrics)
    asked_part = text[premise_end:].lower()
    unheld = [w for w in leftover if w in OTHER_MEASURES and re.search(rf"\b{re.escape(w)}\b", asked_part)]
    if from_premise and unheld:
        # "the 10-Ks are all about capex, but my PM wants free cash flow. What was Meta's free cash flow?":
        # the measure asked is the unknown one after the statement, never the statement's
        metric = None
    if not subjects:
        metric_starts = {m.start for m in metrics}
        unknown += [w for w in possible_unknown_subject(tokens, covered_all, metric_starts, text) if w not in unknown]
    # the measure is read outside names; a one-word metric ("share", "growth") may be question language
    subject_names = {
        i
        for m in mentions
        if m.kind != "measure" and (m.kind in SUBJECT_KINDS or m.end - m.start > 1)
        for i in range(m.start, m.end)
    }
    # the measure is the question's, not the evidence clause's ("... (using the 44% growth)")
    plain = [
        t.norm
        for i, t in enumerate(tokens)
        if i not in subject_names and i not in in_period and premise_end <= t.start < given_at
    ]
    # "the implied 2024 level", "the projected 2032 figure": a status word before what it describes
    # only says which figure; "is the 2032 figure projected?" asks it
    predicative = [
        t.norm
        for i, t in enumerate(tokens)
        if i not in subject_names
        and i not in in_period
        and premise_end <= t.start < given_at
        and not (
            0 < i < len(tokens) - 1
            and (tokens[i - 1].norm in ("the", "its", "their", "this", "that") or i - 1 in covered)
            and (i + 1 in in_period or i + 1 in covered or tokens[i + 1].norm in DESCRIBED)
        )
    ]
    named_metric = [m for m in metrics if m.iri == metric]
    if not named_metric and metric is not None:  # named by a common word ("R&D spend"): that word's place
        at = next((i for i, t in enumerate(tokens) if i not in covered and lexicon.weak_metric([t]) == metric), None)
        named_metric = [Mention(metric, "metric", at, at + 1, tokens[at].text, 0.5, "weak")] if at is not None else []
    modifiers = modifiers_in(text, tokens, covered, named_metric)
    spent_on = SPENT_ON.search(text)
    generic_metric = metric is not None and metric in k.entities and not k.entities[metric].broader
    # "how much did Apple spend on R&D?": a spending the graph has no name for is not all spending
    if (
        spent_on
        and generic_metric
        and not EXAMPLES_OF.match(text, spent_on.end(1))  # "spend on servers, buildings and other equipment"
        and not any(tokens[m.start].start <= spent_on.start(1) < tokens[m.end - 1].end for m in mentions)
    ):
        modifiers = [*modifiers, spent_on.group(1)]
    bought_from = [
        m
        for m in mentions
        if spent_on and generic_metric and m.kind == "company" and tokens[m.start].start == spent_on.start(1)
    ]
    spenders = [m for m in mentions if m.kind == "company" and spent_on and tokens[m.end - 1].end <= spent_on.start()]
    if metric is not None and not bought_from:
        # "what % of hyperscaler capex ends up with nvidia": the company paid, after the spending named
        bought_from = [m for m in mentions if m.kind == "company" and RECEIVED_BY.search(text[: tokens[m.start].start])]
        spenders = [s for s in mentions if s.kind in SUBJECT_KINDS and bought_from and s.end <= bought_from[0].start]
    paid_to = bought_from[0].iri if bought_from and spenders else None
    if bought_from and spenders:
        # "how much is microsoft spending on nvidia chips": a part of one company's spending, paid to another,
        # which the sources do not split out (never the two companies compared)
        subjects = [s for s in subjects if s != bought_from[0].iri]
        modifiers = [*modifiers, f"{bought_from[0].text}{after_name(text, tokens[bought_from[0].end - 1].end)}"]
    if from_start:  # "the starting share" names no narrower share
        modifiers = [w for w in modifiers if w.lower() not in from_start.group().lower().split()]
    # ("what starting share does the article give for training before the drop?": which figure, the first)
    if BEFORE_THE_CHANGE.search(text):
        modifiers = [w for w in modifiers if w.lower() not in ("starting", "initial", "opening", "beginning")]
    # ("filings capex", "SEC revenue": which source, not a narrower measure or a name)
    modifiers = [w for w in modifiers if not SOURCE_WORD.fullmatch(w)]
    unknown = [u for u in unknown if not SOURCE_WORD.fullmatch(u)]
    if premise_end and subjects:
        # ("... the AI-infra TAM bridge for tomorrow's note ... Last piece: what's the hyperscalers' 2032 spend?":
        # a name the lead-in mentions is context, not asked)
        unknown = [u for u in unknown if re.search(rf"\b{re.escape(u)}\b", text[premise_end:], re.I)]
    leftover = [w for w in leftover if not SOURCE_WORD.fullmatch(w)]
    # "if it goes 371bn -> 525bn in a straight line, how much per yr": how the premise says it moves
    manner = [t.norm for t in tokens if t.start < premise_end and t.norm in MANNER_WORDS]
    measure = asked_measure(plain + manner, text[premise_end:given_at])
    if (
        measure == "difference"
        and intent == "value"
        and not measure_only
        and not (scores.get("change") or scores.get("compare"))
        and not DIFFERENCE_WORDS.search(text, premise_end)
    ):
        measure = None  # "what does that imply for 2024 in dollars?": the unit of a level, not a change
    if named_ratio and measure == "ratio":
        measure = None
    if IMPLIED_LEVEL.search(text, premise_end) and measure in CHANGE_MEASURES:
        measure = None  # "what does the 44% growth imply they spent the year before?": the rate is evidence
    if asks_start and measure in ("percent_change", "pp_change") and not HOW_BIG_A_CHANGE.search(text):
        measure = None  # "the starting point before the drop to 14%?": the level it fell from
    if measure is None and yoy and yoy.start() < given_at:
        measure = "percent_change"  # "amzn q2'25 capex vs q2'24 yoy": the growth rate
    if intent == "value" and measure in ("percent_change", "pp_change") and FROM_TO_AMOUNTS.search(text):
        intent = "change"  # "training share goes 40% to 14%. how much % it falls?": the change between the two
    if FROM_START.search(text) and measure in ("ratio", "multiple", "difference", "percent_change", "pp_change"):
        intent = "change"  # "the 2032 share as a % of its starting level": against where its series starts
    change_measure = measure in ("percent_change", "pp_change", "cagr", "multiple")
    # "Taking the article's $525bn forecast for 2032, what's the CAGR from 2025?": the premise's one
    # period is the other end of the change asked
    changing = intent in ("change", "cagr") or measure in ("percent_change", "cagr", "per_year_step", "multiple")
    if changing and len(periods) == 1 and len(starts) == 1 and starts[0] not in periods and premise_end:
        periods = sorted([*periods, starts[0]], key=lambda p: p.start or date.min)
        roles |= {"range_start", "range_end"}
    if measure in ("percent_change", "difference") and HOW_MUCH_UP.search(text):
        if intent == "value" or (intent == "compare" and len(set(subjects)) <= 1):
            intent = "change"  # "how much was Meta's capex up in 2025, in dollars?": from the year before
        share = metric is not None and metric in k.entities and k.entities[metric].unit == "ratio"
        if share and not re.search(r"%|\bper\s?cent", text, re.IGNORECASE):
            measure = "pp_change"  # "how much is training's share down by 2032?": by so many points
    tie = scores.get("change", 0) >= scores.get("value", 0) > 0
    if intent == "value" and change_measure and tie and not spans:
        intent = "change"  # "Q1 2026 capex was up how much year on year, in percent?": a tie goes to the change
    one_series = len(set(subjects)) <= 1 and len({m.iri for m in asked_metrics}) <= 1
    if (
        measure in ("ratio", "multiple", "per_year_step", "cagr")
        and intent == "value"
        and len(periods) == 2
        and one_series
    ):
        # "the 2025 hyperscaler spend is what percent of the amount expected by 2032?", "average yearly $
        # increase between the implied 2024 figure and the 2032 projection?": between the two
        intent = "change"
    if intent == "compare" and len(set(subjects)) == 1 and now and len(periods) == 1 and measure in CHANGE_MEASURES:
        intent = "change"  # "how does the 2032 training share compare with the current one, as a multiple?"
    if intent == "sum" and measure == "average" and re.search(r"\b(?:mean|average|avg|median)\b", text, re.IGNORECASE):
        intent = "average"  # "the average capex of A, B and C, taken together as a simple mean": a mean
    if intent == "sum" and measure in ("percent_change", "difference") and scores.get("change", 0) >= 2.5:
        intent = "change"  # "how much did it grow between 2024 and 2032 in total, in percent?"
    between_the_two = re.search(r"\bbetween\s+(?:the\s+two|them|those|these|both)\b", text, re.IGNORECASE)
    if (
        measure == "per_year_step"
        and len(periods) < 2
        and len(spans) < 2
        and not ({*plain, *manner} & STEP_WORDS)
        and not between_the_two  # ("avg $ increase per year between the two?": the two periods just asked)
    ):
        measure = None  # "Amazon's capex per year in dollars, 2024": a level, not a step between two years
    gap_words = (
        re.search(r"\b(?:gap|vs\.?|versus|spread|difference)\b", text, re.IGNORECASE) and scores.get("change", 0) < 2.5
    )  # (not "rev growth META vs GOOGL, pp gap?": the gap between their growth rates)
    if (
        measure == "pp_change"
        and len(subjects) >= 2
        and len(periods) <= 1
        and (comparator_in([t.norm for t in tokens]) or gap_words)
        and scores.get("change", 0) < 2.5  # ("did Alphabet's capex growth rate exceed Amazon's, in points": growths)
    ):
        intent, measure = "compare", "difference"  # "how many points higher was A's ratio than B's?": their gap
    if measure is None and divided_in(text, tokens, metrics):
        measure = "ratio"  # "aapl fy25 capex/sales": one metric over another
    # "did A or B grow faster?" offers a choice between the two: a comparison, not a yes or a no
    # ("Meta or Alphabet?" asks which; "did any of A, B or C ...?" asks whether)
    # ("yes or no", "y/n": the answer asked for, no choice between the two)
    which_of = re.search(r"\bor\b", _YES_OR_NO.sub("", text), re.IGNORECASE) and not re.search(
        r"\b(?:any|all|each|none|neither)\s+(?:one\s+)?of\b", text, re.IGNORECASE
    )
    yes_no = is_yes_no(text) and not (len(subjects) >= 2 and which_of)
    norm_list = [t.norm for t in tokens]
    operands = pair_operands(
        text,
        [
            (tokens[m.start].start, m.iri)
            for m in mentions
            if m.kind in SUBJECT_KINDS and m.iri != paid_to and m.iri not in credited
        ],
        [
            (tokens[m.start].start, m.iri)
            for m in metrics
            if not generic_share(k, m.iri) and not verb_of(k, m, metrics, tokens)
        ],
        [(m.start, m.period) for m in resolved if m.period is not None],
        # "training's share now (40%)": an amount in brackets restates a figure, it is not one more
        # ("the 2024 level implied by the 44%": an amount in a clause of evidence is not a quantity asked)
        [
            (pos, v)
            for pos, v in spans
            if (threshold is None or v != threshold.value) and not bracketed(text, pos) and pos < given_at
        ],
    )
    if latest_for_now:
        operands = [replace(o, period=None) if o.period == this_year else o for o in operands]
    if context_only:  # (a lead-in's names and figures are not asked)
        operands = [o for o in operands if o.subject not in context_only and o.start >= premise_end]
    operands = own_calendars(k, operands, written, resolved)
    operands = held_by_owner(k, operands)
    # ("... genAI revenue, hyperscaler capex, incremental ad spend": the last one is its one holder's)
    listed = [(tokens[m.start].start, m.iri) for m in metrics if not generic_share(k, m.iri)]
    if intent in ("rank", "compare") and len(periods) == 1:
        operands = listed_with_owner(k, operands, listed, periods[0])
    for o in operands:  # (a metric's owner, found above, asks for its own metric)
        if o.subject and o.metric and o.subject not in subjects and o.subject not in dropped:
            subjects = [*subjects, o.subject]
            subject_metrics = {**subject_metrics, o.subject: o.metric}
    named_at = sorted({tokens[m.start].start for m in mentions if m.kind in SUBJECT_KINDS})
    # "AMZN capex CY24 − GOOGL ...": a metric or a period between the two names makes the first a quantity
    quantity_first = len(named_at) == 2 and any(
        named_at[0] <= at < named_at[1] for at in [tokens[m.start].start for m in metrics] + [p.start for p in written]
    )
    # ("AMZN minus GOOGL capex": the word says it wherever the quantities' words stand)
    spelled = len(named_at) == 2 and bool(re.search(r"\bminus\b|−", text[named_at[0] : named_at[1]], re.I))
    # ("Amazon minus Alphabet, how many pp?": the gap; "Meta's growth rate minus Alphabet's": the changes' gap)
    unsaid = measure in (None, "difference", "pp_change") and scores.get("change", 0) < 2.5
    operator = operator_between(text, named_at) if unsaid and (quantity_first or spelled) else None
    if operator:
        intent, measure = "compare", operator  # "AMZN capex CY24 − GOOGL capex CY24": the gap asked
    metric_at = sorted({(tokens[m.start].start, m.iri) for m in metrics if not generic_share(k, m.iri)})
    two_measures = len(set(subjects)) <= 1 and len({iri for _, iri in metric_at}) == 2 and len(metric_at) == 2
    if measure in (None, "difference") and two_measures:
        # "Meta H1'25: article 'AI capex' − filed cash capex = ?": one company's two measures, one less the other
        between = text[metric_at[0][0] : metric_at[1][0]]
        # (and "filed H1 2025 capex minus the article's $30.7B AI capex figure — what's the gap?")
        if re.search(r"(?:\s[-−–]|−|\bminus)\s*['‘’\"]?\s*(?:[\w$.'’-]+\s+){0,4}$", between, re.I):
            intent, measure, operator = "compare", "difference", "difference"
    q = Query(
        granularity=granularity_in(text),
        latest=bool(LATEST.search(text)),
        last_n=last_n_in(text),
        fiscal=[m for m in period_mentions if m.fiscal],
        yearless=yearless_in(asked),
        # ("the article's three named hyperscalers": who the article names, not whose figures to take)
        source=source_of(text, premise_end),
        metric_modifiers=modifiers,
        paid_to=paid_to,
        text=text,
        same_period=bool(SAME_PERIOD.search(text)),
        asks_start=asks_start,
        original=original,
        operands=operands,
        whole_at=whole_of_ratio_at(text, operands, {m.iri: tokens[m.start].start for m in metrics}),
        yes_no=yes_no,
        threshold=threshold,
        change_multiple=(change_multiple(plain) or (written_multiple(text) if threshold is None else None))
        if yes_no
        else None,
        status_asked=status_asked(predicative) if yes_no else None,
        direction=(direction_asked(plain) or share_direction(text) or direction_between(text, spans))
        if yes_no
        else None,
        comparator=comparator_in(norm_list) or sign_comparator(text),
        measure=measure,
        whole=whole_in(text, [m.start for m in resolved if m.period is not None])
        if len(periods) >= 2
        else whole_in(text, [tokens[m.start].start for m in mentions if m.kind in SUBJECT_KINDS]),
        intent=intent,
        subjects=subjects,
        metric=metric,
        periods=periods,
        range_="range_start" in roles and "range_end" in roles,
        by="by" in roles,
        since="since" in roles and len(periods) == 1,
        concepts=concepts,
        predicates=predicates,
        unknown=unknown,
        leftover=leftover,
        relative_previous="relative_previous" in roles,
        now=now,
        vague=any(m.vague for m in resolved),
        follow_up=bool(
            FOLLOW_UP.match(text)
            or points_back(text, bool(subjects))
            or (from_start and not subjects)
            or measure_only
            or (SAME_PERIOD.search(text) and not period_mentions)  # "over the same six months": the last period
            # "what does that imply 2024 spending was?": from the figure just given
            or bool(IMPLIED_LEVEL.search(text) and IMPLIED_BY_THAT.search(text))
        ),
        # ("straight-line $/yr step $371B -> $525B?": a measure asked of two figures written)
        understood=understood or (measure is not None and len(spans) >= 2),
        scores=scores,
        ascending=ascending_in(text),
        in_order=bool(operator) and intent == "compare",
        top=top_n(tokens),
        subject_metrics=subject_metrics,
        amounts=[v for _, v in spans if threshold is None or v != threshold.value],
        credited=credited,
    )
    # (a word for all spending, "what would the 2024 spending have been?", names no figure of its own)
    umbrella = {
        m.iri
        for m in mentions
        if m.kind == "metric"
        and m.iri in k.entities
        and not k.entities[m.iri].broader
        and any(m.iri in e.broader for e in k.entities.values())
    }
    proper_names = any(
        tokens[m.start].start >= premise_end
        for m in mentions
        if m.kind in SUBJECT_KINDS or (m.kind == "metric" and m.iri not in umbrella)
    )
    # (but "... $30.7 billion .... How far above Meta's filed capex is that?" asks about that figure)
    that_figure = re.search(r"\b(?:that|this)(?:\s+(?:figure|number|amount|one))?\s*\??\s*$", text, re.I)
    if (
        premise_end
        and asked
        and q.amounts
        and proper_names
        and all(pos < premise_end for pos, _ in spans)
        and not that_figure
    ):
        # "if 2025 is $371B and that's up 44%, what was 2024?": the premise's figures are evidence; the
        # question proper names its own period
        q = replace(q, amounts=[], operands=[o for o in q.operands if o.amount is None])
    if now_only and (q.measure in CHANGE_MEASURES or q.intent in ("change", "multiple", "pp_change", "cagr")):
        # "AI's server share now vs where it could get, how many times?": the stated change from the
        # source's present, not a change from this calendar year
        q = replace(q, periods=[])
    return q
