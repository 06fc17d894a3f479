"""Answering: from a reading of a question to an :class:`~bot.answer.Answer`.

One function per kind of question, grouped by module; :func:`respond` dispatches."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from kg.format import format_value
from kg.knowledge import Claim
from kg.values import Value

from ...answer import Answer
from ..asked_words import figures_of_a_kind
from ..facts import Fact, Responder
from ..patterns import RESTATING
from ..resolve import resolve
from ..understand import Query
from .common import default_period_facts, grain_of, not_found, value_answer
from .finishing import (
    DOLLARS_ASKED,
    count_not_held,
    no_dollar_figure,
    periods_from_amounts,
    premise_against_the_sources,
    who_they_are,
    without_excepted,
)

__all__ = ["facts_of", "respond"]

from . import (
    changes,
    comparisons,
    each_verdicts,
    figure_verdicts,
    growth_comparisons,
    level_vs_change,
    lists,
    pooled_ratios,
    rankings,
    run_rates,
    series,
    shares,
    side_by_side,
    sources,
    span_changes,
    span_verdicts,
    stated_verdicts,
    targets,
    thresholds,
    values,
    verdicts,
    who_and_what,
    year_ends,
)

Handler = Callable[[Responder, str, Query], Answer]


_HANDLERS: dict[str, Handler] = {
    "value": values.answer_value,
    "change": changes.answer_change,
    "pp_change": changes.answer_change,
    "multiple": changes.answer_change,
    "cagr": changes.answer_change,
    "difference": changes.answer_change,
    "compare": comparisons.answer_compare,
    "rank": rankings.answer_rank,
    "sum": comparisons.answer_compare,
    "ratio": comparisons.answer_compare,
    "share": series.answer_share,
    "series": series.answer_series,
    "list": lists.answer_list,
    "define": lists.answer_define,
    "help": sources.answer_help,
    "average": series.answer_average,
    "annualise": lambda r, qs, q: series.answer_average(r, qs, q, annualise=True),
}


def respond(
    r: Responder,
    question: str,
    q: Query,
    last_facts: list[Fact],
    last_claims: list[Claim],
    last_answer: Answer | None = None,
) -> Answer:
    # "per the article": names resolve against what that source holds; where two different measures
    # are set against each other and that source holds one of them only ("the article's AI capex vs
    # the capex Meta filed"), the source words belong to the other, and each is found where it is held
    viewed = r.with_source(q.source)
    # (a generic metric, "spends" in "Microsoft spends more than Amazon on capex", names no measure of its own)
    specific = {
        o.metric for o in q.operands if o.metric and o.metric in r.k.entities and r.k.entities[o.metric].broader
    }
    measures = {(o.subject, o.metric, o.period) for o in q.operands if o.metric in specific}
    if not (
        len({m for _s, m, _p in measures}) >= 2
        and any(s and p and viewed.find(s, m, p) is None and r.find(s, m, p) for s, m, p in measures)
    ):
        r = viewed
    if CALENDAR_WRITTEN.search(question):
        r = r.in_calendar_years()  # "Apple capex calendar 2024": January to December, not its fiscal year
    q, note = resolve(r, q)
    contradicted = premise_against_the_sources(r, question, q)
    if contradicted is not None:
        return contradicted
    if (
        shares.COMPLEMENT.search(question)
        and q.amounts
        and all(0 < a < 1 for a in q.amounts)
        and q.measure != "pp_change"
    ):
        # "if training is 14% of AI spend in 2032, what share is everything that isn't training?": the share
        # the premise writes is the one whose rest is asked
        q = replace(q, amounts=[], operands=[], intent="value", measure=None)
    answer = _respond(r, question, q, last_facts, last_claims, last_answer)
    summed = _SUM_ASKED.search(question) or (q.measure == "sum" and answer.status == "derived")
    if answer.kind == "value" and answer.measure == "level" and answer.unit == "USD" and summed:
        # "the sum of the last four quarters", "stitch the quarters together": a total of parts, as asked
        answer.measure = "sum"
    one_share = answer.measure == "level" and answer.unit == "ratio" and len(answer.basis) == 1
    if one_share and shares.COMPLEMENT.search(question) and not answer.basis[0].is_change:
        answer = shares.complement_answer(r, question, q, answer.basis[0])
    if answer.kind == "comparison" and len(answer.items) >= 2 and rankings.RANKING.search(question):
        answer.kind = "list"  # "who grew fastest ... rank em": a ranking is an ordered list
    if answer.kind == "list":
        answer = without_excepted(question, answer)
        answer.text += who_they_are(r, answer)
    if note and answer.answered:
        answer.text = f"{answer.text} {note}"
    if answer.measure == "difference" and answer.unit == "ratio" and answer.value is not None:
        answer.measure, answer.unit = "pp_change", "pp"  # the difference of two shares is in points
    shares_only = answer.unit in ("ratio", "pp") and answer.measure in ("level", "pp_change", "difference", "sum")
    if answer.answered and shares_only and DOLLARS_ASKED.search(question):
        answer = no_dollar_figure(answer)
    sides = _SIDES_BY_SOURCE.search(question)
    if sides and answer.kind == "value" and answer.measure == "ratio" and len(answer.basis) == 2:
        # "article-implied 257.6B vs big-4 filed 2024 capex — filed as a % of implied?": the sides by their source
        part, whole = answer.basis
        filed_part = sides.group("part").lower() in _FILED_WORDS
        if r.filed(part) != filed_part and r.filed(whole) == filed_part:
            answer = shares.ratio_answer(r, question, q, whole, part, False)
    if answer.answered and answer.unit == "USD" and _OTHER_CURRENCY.search(question):
        # "meta capex 2024 in EUR?": no rate of exchange is held; the dollars are said as what is known
        return not_found(
            r, question, q, f"that in another currency: the sources give US dollars ({answer.text.rstrip('.')})"
        )
    plain_level = answer.kind == "value" and answer.measure == "level" and answer.unit == "USD" and not q.amounts
    if q.measure == "ratio" and plain_level and answer.status in ("reported", "forecast"):
        # "Azure's share of Microsoft capex": a share asked, and only an amount found; never the amount as it
        return not_found(r, question, q, f"that share (what I found: {answer.text.rstrip('.')})")
    return count_not_held(r, question, q, answer)


#: "filed as a % of implied", "the article's as a share of the filed": two sides named by their source only
_SIDE = r"filed|filings?|reported|sec|10-?[qk]|implied|article|forecast|projected|projection"
_SIDES_BY_SOURCE = re.compile(
    rf"\b(?:the\s+)?(?P<part>{_SIDE})(?:['’]s)?(?:\s+(?:one|figure|number|total|capex))?\s+as\s+(?:an?\s+)?"
    rf"(?:%|percent(?:age)?|share|fraction|ratio|multiple)\s+of\s+(?:the\s+)?(?P<whole>{_SIDE})\b",
    re.IGNORECASE,
)
_FILED_WORDS = frozenset({"filed", "filing", "filings", "reported", "sec", "10-q", "10q", "10-k", "10k"})


_EXAMPLES = re.compile(r"\bexamples?\b|\binstances\b|\bsuch as\b|\bname\s+(?:some|a few)\b", re.IGNORECASE)


#: "in EUR", "in euros", "£": a currency the sources do not give figures in
_OTHER_CURRENCY = re.compile(
    r"\bin\s+(?:eur|euros?|gbp|pounds?(?:\s+sterling)?|sterling|yen|jpy|yuan|rmb|cny|chf|swiss\s+francs?|inr|rupees?)\b"
    r"|[€£¥₹]",
    re.IGNORECASE,
)


#: "capex including finance leases", "capex + capital leases": a measure neither source gives
_WITH_LEASES = re.compile(
    r"\b(?:incl(?:uding|\.)?|plus|with|and|\+)\s+(?:the\s+)?(?:finance|capital|financing)\s+leases?\b"
    r"|\b(?:finance|capital)\s+leases?\s+(?:included|added|in)\b",
    re.IGNORECASE,
)

#: "the sum of its last four quarters", "summing its fiscal quarters": a total asked as a sum of parts
_SUM_ASKED = re.compile(
    r"\bsum\s+(?:of|over|across)\b|\bsumm(?:ed|ing)\b|\badd(?:s|ed|ing)?\s+up\b|\badded\s+together\b"
    r"|\bthe\s+total\s*(?:\?|$|of\b)",
    re.IGNORECASE,
)


_AMOUNT_WORD = re.compile(r"\$?\d[\d.,]*\s?(?:k|m|mn|mm|b|bn|t|tn|%|x)?", re.IGNORECASE)
#: "the total size of X in dollars", "X's market size in $": an amount asked, not a definition
_SIZE_ASKED = re.compile(
    r"\b(?:size|value|worth|total)\b[^?]*(?:\bin\s+(?:dollars|usd|\$)|\$|\bin\s+(?:bn|billions?)\b)"
    r"|\b(?:how\s+big|how\s+large|total\s+size|market\s+size)\b",
    re.IGNORECASE,
)

CALENDAR_WRITTEN = re.compile(
    r"\b(?:calendar(?:\s+year)?\s*[-']?\d{2,4}|cy\s*'?\d{2,4})\b"
    # "Jan-Dec 2024", "January through December 2025": the calendar year written as its months
    r"|\bjan(?:uary)?\.?\s*(?:[-–—]|to|through|thru|until)\s*dec(?:ember)?\.?,?\s*(?:of\s+)?'?\d{2,4}\b"
    r"|\bcalendari[sz]ed\b|\bon\s+a\s+calendar(?:[- ]year)?\s+basis\b"
    # "the quarters ending Mar, Jun, Sep and Dec 2024": quarters named by their calendar months
    r"|\bquarters\s+(?:that\s+)?end(?:ed|ing)?\s+(?:in\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    # "TTM to December 2025", "the four quarters ended 27 December 2025": twelve months to a month written
    r"|\b(?:ttm|ltm|trailing|twelve[- ]months?|12[- ]months?|four\s+quarters|4\s+quarters)\b.*?"
    r"\b(?:to|through|thru|ended|ending|until|as\s+of|at)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?(?:\d{1,2}\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*[-']?\s*(?:\d{1,2},?\s*)?'?\d{2,4}\b",
    re.IGNORECASE,
)


#: Measures that are changes between two periods of one series.
_CHANGES = ("per_year_step", "cagr", "difference", "percent_change", "pp_change", "multiple")
#: "msft 2025 capex guide", "Meta's capex guidance for 2026": what a company said it would spend
_GUIDANCE = re.compile(r"\b(?:guid(?:e|ance|ed|ing)|outlook)\b", re.IGNORECASE)
#: "how is the $371B split between Amazon, Meta and Microsoft?": a total's parts, company by company
_SPLIT_AMONG = re.compile(
    r"(?:\b(?:split|splits|broken\s+down|breaks?\s+down|breakdown|divided|allocated|distributed|shared\s+out)\s+"
    r"(?:up\s+)?(?:between|among|amongst|across|by)\b"
    # "how much of the $371B is Amazon's share? does the article break it out?"
    r"|\bbr(?:eak|eaks|eaking|oken)\s+(?:it\s+|this\s+|that\s+|them\s+)?(?:out|down)\b)"
    # (never "broken down by year": the series over time, which the sources do hold)
    r"(?!\s+(?:(?:by|into|per)\s+)?(?:the\s+)?(?:years?|quarters?|halves|half|periods?|months?|time)\b)",
    re.IGNORECASE,
)
_TICKERS = re.compile(r"\b(?:tickers?|stock symbols?|symbols?)\b", re.IGNORECASE)


_CLAIM_THEN_CHECK = re.compile(
    r"[.!]['\"’”]?\s+(?:is|was|does|did)\s+(?:that|this|it)\s+(?:what|how)\s+(?:the\s+)?(?:source|article|piece|report)s?"
    r"\s+(?:say|says|said|put|puts)\b"
    # "Draft line: '...' Supported by the source?": the claim checked against the source
    r"|[.!]['\"’”]?\s+(?:is\s+(?:that|this|it)\s+)?(?:supported|backed(?:\s+up)?|borne\s+out|confirmed)\s+by\s+(?:the\s+)?"
    r"(?:source|sources|article|piece|report|data|filings?)\s*\?",
    re.IGNORECASE,
)

#: "what exactly does that 371B cover?", "what does the capex figure include?": what a figure counts
_WHAT_IT_COVERS = re.compile(
    r"\bwhat\s+(?:exactly\s+)?(?:does|do|did)\s+(?:that|this|the|it|those)\b[^?]{0,40}?\b"
    r"(?:cover|include|consist\s+of|comprise|count|capture)\b",
    re.IGNORECASE,
)

_WHOSE_FIGURE = re.compile(
    r"\bwhose\b|\bwhich\s+(?:company|firm|hyperscaler)\b(?!\s+(?:make|makes)\s+up)"
    r"|\bwho\s+(?:is|was)\s+(?:that|it)\b",
    re.I,
)

#: "tesla capex 2024 — ...": a name, then the measure of it
_LEADING_OWNER = re.compile(
    r"^\s*([a-z][a-z-]{2,})(?:['’]s)?\s+(?:capex|revenue|revenues|sales|spend|spending)\b", re.I
)
_WHICH_IS_RIGHT = re.compile(
    r"\bwhich\s+(?:one\s+|number\s+|figure\s+|of\s+(?:them|the\s+two)\s+)?(?:is|'s)\s+(?:right|correct|accurate|current)\b",
    re.I,
)

#: "what does the 44% refer to?", "what is the $525B figure?": which figure an amount is
_WHAT_FIGURE_MEANS = re.compile(
    r"\b(?:refer(?:s|ring)?\s+to|stand(?:s|ing)?\s+for|mean[st]?|represent(?:s|ing)?|measur(?:e|es|ing)|about)\s*\??\s*$"
    r"|^\s*what(?:'s|\s+is|\s+was)\s+(?:the|that|this)\s+\S+\s+(?:figure|number|stat|amount)\s*\??\s*$",
    re.I,
)

#: "... What is it as a percentage of that projection?", "What percentage of it is that?": the two just compared
_RATIO_OF_THOSE = re.compile(
    r"[.?!]\s+(?:and\s+|so\s+)?what(?:'s|\s+is|\s+was)?\s+(?:it|that|this)\s+as\s+an?\s+(?:%|percent(?:age)?|share|fraction"
    r"|proportion)\b|[.?!]\s+(?:and\s+|so\s+)?what\s+(?:%|percent(?:age)?|share|fraction|proportion)\s+of\s+(?:it|that|this)\b",
    re.IGNORECASE,
)

_WHICH_YEAR = re.compile(
    # (also after the figure named first: "the 40% training share it falls from -- what year is that baseline?")
    r"(?:^|[-–—:;?]\s+)\s*(?:in\s+)?(?:which|what)\s+year\b|^\s*when\s+(?:was|were|did|is)\b",
    re.IGNORECASE,
)

_WHICH_OF = re.compile(r"\b(?:which|who)\s+(?:of|among)\s+(?:the\s+|its\s+|those\s+)?", re.IGNORECASE)


_HAVING = re.compile(
    r"\b(?:w/|with|having|that\s+(?:had|have|has|spent|spend))(?!\s+(?:a\s+)?(?:total|combined))", re.IGNORECASE
)


def _members_asked(r: Responder, question: str, q: Query) -> list[str]:
    """'Which of the hyperscalers ...': a group asked about member by member (its named members)."""
    # ("big4 w/ CY25 capex > $80B": the members that pass a mark, written as a filter)
    having = q.threshold is not None and not q.yes_no and _HAVING.search(question)
    if len(q.subjects) != 1 or not (_WHICH_OF.search(question) or having):
        return []
    group = r.k.entities.get(q.subjects[0])
    return list(group.members) if group is not None and group.kind == "group" else []


def _respond(
    r: Responder,
    question: str,
    q: Query,
    last_facts: list[Fact],
    last_claims: list[Claim],
    last_answer: Answer | None = None,
) -> Answer:
    whole = shares.implied_whole(r, question, q) if not q.yes_no else None
    if whole is not None:
        return whole  # "$1.8T at up to 16% of tech spend — what total tech spend does that imply?"
    rise = shares.rise_as_part(r, question, q) if q.measure == "ratio" else None
    if rise is not None:
        return rise  # "what % of the 2025 hyperscaler spend does the y/y increase account for?"
    if q.measure in ("multiple", "ratio"):
        q = periods_from_amounts(r, q)  # "the 1.8T genAI revenue forecast vs this year's 371B capex"
    if q.intent == "define" and (q.subjects or q.metric) and _SIZE_ASKED.search(question):
        # "what is the total size of the server market in dollars?": a figure, not what the market is
        return values.answer_value(r, question, replace(q, intent="value", scores={**q.scores, "value": 9.0}))
    if _TICKERS.search(question) and any(r.k.entities.get(s) and r.k.entities[s].tickers for s in q.subjects):
        return lists.answer_tickers(r, question, q)
    companies = [s for s in q.subjects if getattr(r.k.entities.get(s), "kind", None) == "company"]
    guide = _GUIDANCE.search(question)
    ruled_out = guide and re.search(
        r"\b(?:not|no|rather\s+than|excluding|without)\b[^,.;?]{0,12}$", question[: guide.start()]
    )
    guided = (
        guide
        and not ruled_out
        and q.source != "filing"  # ("what did the 10-K show ...?" after a lead-in on guidance: the filing asked)
        and q.metric
        and companies
        and q.intent not in ("define", "explain", "source")
    )
    if guided and not any(f.status == "forecast" for s in companies for f in r.available(s, q.metric)):
        # "msft 2025 capex guide per that piece?": a company's own guidance, which no source gives (never the
        # figure it filed in its place)
        guided_for = f" for {q.periods[0].label}" if q.periods else ""
        asked = f"{r.possessive(companies[0])} {r.label(q.metric)} guidance{guided_for}"
        return not_found(r, question, q, f"{asked}: the sources hold what companies filed, not what they guided")
    grouped = [s for s in q.subjects if getattr(r.k.entities.get(s), "members", None)]
    named_members = [s for s in q.subjects if s not in grouped]
    if _SPLIT_AMONG.search(question) and (q.amounts or grouped) and q.intent not in ("define", "explain", "source"):
        # "how is the $371B split between Amazon, Meta and Microsoft?": the sources give the total only
        total = format_value(Value(q.amounts[0], "USD")) if q.amounts else f"{r.possessive(grouped[0])} figure"
        among = ", ".join(r.label(s) for s in named_members) or "them"
        asked = (
            f"{r.possessive(named_members[0])} part of the {total}"
            if len(named_members) == 1
            else f"how the {total} splits among {among}"
        )
        return not_found(r, question, q, f"{asked}: the sources do not split it")
    generic = r.k.entities.get(q.metric) if q.metric else None
    if q.paid_to and generic is not None and q.intent not in ("define", "explain"):
        # "what % of hyperscaler capex ends up with Nvidia": no source splits a spending by whom it pays
        whose = f"{r.possessive(q.subjects[0])} " if q.subjects else ""
        return not_found(r, question, q, f"how much of {whose}{generic.label} goes to {r.label(q.paid_to)}")
    if q.metric_modifiers and generic is not None and not generic.broader and q.intent not in ("define", "explain"):
        # "Microsoft's R&D spend", "cloud revenue": narrower than any figure the graph holds for that metric
        return not_found(r, question, q, f"{' '.join(q.metric_modifiers)} {generic.label}")
    leases = _WITH_LEASES.search(question)
    # ("not the 'capex incl finance leases' number": the figure without them is asked)
    ruled_out = leases and re.search(
        r"\b(?:not|no|excluding|without|rather\s+than)\b[^,.;?]{0,20}$", question[: leases.start()]
    )
    if leases and not ruled_out and q.metric and q.intent not in ("define", "explain"):
        # "capex including finance leases": the filings' capex is cash paid for property and equipment only
        return not_found(r, question, q, f"{r.label(q.metric)} including finance leases")
    unread = {x.lower() for x in q.leftover}
    kinds = [w for w in figures_of_a_kind(question) if any(p in unread for p in w.lower().split("-"))]
    if kinds and q.intent not in ("define", "explain"):
        # "do they give any emissions or water-use figures?": a kind of figure the graph holds none of
        return not_found(r, question, q, f"{' or '.join(kinds)} figures")
    covered = _WHAT_IT_COVERS.search(question) and not q.yes_no
    meant_figure = (sources.figure_of_amount(r, q) if q.amounts else None) if covered else None
    if covered and meant_figure is None and len({f.quantity for f in last_facts}) == 1 and not q.amounts:
        meant_figure = last_facts[0]
    if meant_figure is not None:
        # "what exactly does that 371B cover? capex on what?": what the figure's measure counts, with the figure
        metric = meant_figure.quantity.metric
        defined = lists.answer_define(r, question, replace(q, intent="define", subjects=[metric], concepts=[metric]))
        if defined.answered:
            cited = r.sources_of([meant_figure])
            quote = next((f" The source: “{ref.quote}”" for ref in cited if ref.quote), "")
            defined.text = f"{r.sentence(meant_figure)} {defined.text}{quote}"
            defined.sources = cited + defined.sources
            return defined
    if q.amounts and not q.subjects and not q.metric and _WHAT_FIGURE_MEANS.search(question) and not q.yes_no:
        # "what's the 44% figure in the story referring to?": the one figure (or stated change) of that amount
        meant = sources.figure_of_amount(r, q)
        if meant is not None:
            return value_answer(r, question, meant)
        change = sources.change_of_rate(r, q)
        if change is not None:
            return _respond(r, question, change, last_facts, last_claims, last_answer)
    spenders = who_and_what.spenders_of(r, question, q)
    if spenders is not None:
        return spenders  # "which 3 companies will put $371B into data centres?": the group's members
    if q.amounts and not q.subjects and _WHOSE_FIGURE.search(question) and not q.yes_no and q.intent != "source":
        # "the $30.7B figure - which company is that?": the one figure the amount names, and whose it is
        held = sources.facts_with_amounts(r, replace(q, metric=None))
        if len(held) == 1:
            return value_answer(r, question, held[0])
    named = who_and_what.named_things(
        r, question, q, lambda one: _respond(r, question, one, last_facts, last_claims, last_answer)
    )
    if named is not None:
        return named  # the makers, members, owner or meaning of things the question names
    when = _WHICH_YEAR.search(question)
    if when and q.amounts:
        # "in which year was training's share 40%?": the period of that figure, which the source may not give
        held = [
            f
            for f in sources.facts_with_amounts(r, replace(q, periods=[]))
            if not q.subjects or f.quantity.subject in q.subjects
        ]
        if held and all(f.quantity.period.is_vague for f in held):
            f = held[0]
            return not_found(r, question, q, f"the year of {r.describe(f)} at {r.fmt(f)}: the source gives none")
    year_end = year_ends.answer_year_ends(r, question, q, last_answer)
    if year_end is not None:
        return year_end  # "When does Microsoft's financial year end?"
    against_rate = growth_comparisons.growth_against_rate(r, question, q)
    if against_rate is not None:
        return against_rate  # "Meta 'doubling' vs the sector's +44% — how many points faster did Meta grow?"
    peak = series.peak_part(r, question, q)
    if peak is not None:
        return peak  # "AMZN quarterly capex for 2024: which quarter was the peak?"
    named_in_claim = lists.companies_in_claims(r, question, q)
    if named_in_claim is not None:
        return named_in_claim  # "which companies does the article say are increasing their capex?"
    said = lists.who_said(r, question, q)
    if said is not None:
        return said  # "who noted the industry's shift toward inference?": the person credited
    unfigured = values.metric_without_figure(r, question, q)
    if unfigured is not None:
        return unfigured
    if q.unknown and q.measure == "ratio" and q.subjects:
        # "how much of Amazon's 2024 capex went to AWS?": a part the sources never name
        return not_found(r, question, q, f"how much of it went to {', '.join(q.unknown)}")
    if thresholds.asks_first_crossing(question, q):
        return thresholds.answer_first_crossing(r, question, q)
    # "does the article cite / quote Zuckerberg on the shift?" asks whether someone's words are there
    people = any(getattr(r.k.entities.get(x), "kind", None) == "person" for x in q.subjects)
    cites = q.intent == "source" and lists.NOTED in q.predicates and people
    # ("... fall from 40% to 16% by 2032. Is that what the source says?": the claim checked, not its source)
    checked = bool(_CLAIM_THEN_CHECK.search(question))
    if len(q.amounts) >= 2 and q.subjects and q.metric and q.periods and _WHICH_IS_RIGHT.search(question):
        # "meta 2023 capex — ive seen 27.27B and 27.05B in different places, which one is right?": the figure
        # as it stands, with any restatement said
        return values.answer_value(r, question, replace(q, yes_no=False, intent="value", amounts=[], operands=[]))
    spanned = span_verdicts.span_of_figure_verdict(r, question, q) or span_verdicts.span_of_rate_verdict(r, question, q)
    if spanned is not None:
        return spanned  # "the $525B for 2032 — is that cumulative thru 2032?": no, the one year 2032
    figure_period = stated_verdicts.period_of_figure_verdict(r, question, q) if q.yes_no else None
    if figure_period is not None:
        return figure_period  # "is the $371B figure for 2024?": no, the sources give it for 2025
    against_change = level_vs_change.answer_level_vs_change(r, question, q)
    if against_change is not None:
        return against_change  # "is the ad uplift bigger than the whole increase in hyperscaler capex 2025-32?"
    both_years = side_by_side.calendar_vs_fiscal(r, question, q)
    if both_years is not None:
        return both_years  # "msft cy25 vs fy25 capex delta": its calendar year against its fiscal year
    two_growths = growth_comparisons.answer_two_measures_growth(r, question, q)
    if two_growths is not None:
        return two_growths  # "meta 2025: capex growth minus revenue growth, in points?"
    two_spans = span_changes.rate_against_span(r, question, q) or span_changes.answer_span_changes(r, question, q)
    if two_spans is not None:
        return two_spans  # "was the 2024-25 rise bigger than the 2025-32 one?": each span's change
    target = targets.answer_to_target(r, question, q)
    if target is not None:
        return target  # "what annual growth would it need from 2025 to reach $600B by 2032?"
    each = each_verdicts.each_against_mark(
        r, question, q, lambda one: _respond(r, question, one, last_facts, last_claims, last_answer)
    )
    if each is not None:
        return each  # "were AMZN, META and MSFT 2025 capex all above $60B?": each, then all of them
    any_period = figure_verdicts.any_period_passing(r, question, q) if q.yes_no else None
    if any_period is not None:
        return any_period  # "any meta qtr in '25 w/ capex >$20B?": each quarter against the mark
    if q.yes_no and figure_verdicts.periods_listed(question):
        passing = figure_verdicts.periods_passing(r, question, q)
        if passing is not None:
            return passing  # "amzn quarters in 2025 w/ capex > $30B?": which of them, not whether
    if q.yes_no and (q.intent not in ("explain", "source", "help", "define") or cites or checked):
        return verdicts.answer_yes_no(r, question, q)
    passing = figure_verdicts.periods_passing(r, question, q) if not q.yes_no else None
    if passing is not None:
        return passing  # "in which years since 2018 did Alphabet's capex come in above $30B?"
    members = _members_asked(r, question, q)
    members_of = q.subjects[0] if members else None
    if members and q.threshold is not None and not q.yes_no:
        q = replace(q, subjects=members)  # "which of the hyperscalers spent more than $60bn?": its named members
    listing = q.intent in ("list", "rank", "value", "compare", "change") and len(q.subjects) != 1
    # ("which of the article's 2032 dollar projections exceed $500bn?": forecasts of any metric)
    forecasts = not q.metric and listing and bool(rankings.forecast_figures(r, question, q))
    one_gap = side_by_side.gap_to_amount(r, question, q) if q.threshold is not None and not q.subjects else None
    if one_gap is not None:
        return one_gap  # "2032E capex — how far above half a trillion?": the one figure of that year, and the gap
    total_gap = side_by_side.gap_of_total_to_amount(r, question, q) if q.threshold is not None else None
    if total_gap is not None:
        return total_gap  # "how far short of the article's $371bn do those three fall?": the gap, not a list
    if q.threshold is not None and not q.yes_no and (q.metric or forecasts) and listing:
        # ("exceed" there compares each figure with the amount; it is no relation to list)
        listed = thresholds.answer_threshold_list(r, question, replace(q, predicates=[]) if forecasts else q)
        group = r.k.entities.get(members_of) if members_of else None
        if group is not None and listed.answered:
            complete = "" if group.membership_complete else "; the sources name them as examples, not a full list"
            listed.text += f" ({group.label[:1].upper()}{group.label[1:]}: the members named in the sources{complete}.)"
        return listed
    # ("the full-year 2023 figure" is one year's figure: a period of the very grain asked)
    one_of_grain = len(q.periods) == 1 and grain_of(q.periods[0]) == q.granularity
    if (
        q.granularity
        and not one_of_grain
        and len(q.subjects) == 1
        and q.metric
        and q.intent in ("value", "series", "list")
    ):
        return series.answer_series(r, question, replace(q, intent="series"))  # "Meta quarterly capex 2020"
    combined_whole = (
        pooled_ratios.part_of_combined(r, question, q)
        if q.intent not in ("explain", "source", "help", "define", "list")
        else None
    )
    if combined_whole is not None:
        return combined_whole  # "NVDA FY26 revenue as a % of AMZN+GOOGL+META 2025 capex combined"
    pooled = pooled_ratios.pooled_pair(r, question, q)
    if pooled is not None and q.intent not in ("explain", "source", "help", "define", "list"):
        return pooled_ratios.answer_pooled_ratio(r, question, q, pooled)  # "capex / revenue, 2023-25 as a whole"
    # "which gets the bigger slice of AI spend?" compares the slices; it divides nothing
    asks_ratio = (q.measure == "ratio" and not (q.intent in ("compare", "rank") and len(q.subjects) >= 2)) or (
        q.measure == "multiple" and len(q.operands) >= 2
    )
    # ("How does A compare with B? What is it as a percentage of that projection?": A over B, as asked last)
    asks_ratio = asks_ratio or (
        q.intent == "compare"
        and q.measure == "ratio"
        and len(set(q.subjects)) == 2
        and bool(_RATIO_OF_THOSE.search(question) or _SIDES_BY_SOURCE.search(question))
    )
    if asks_ratio and q.intent not in ("explain", "source", "help", "define", "list"):
        of_amount = side_by_side.total_as_share_of_amount(r, question, q)
        return of_amount or shares.answer_ratio(r, question, q)  # (several companies' total over "$371B")
    run_rate = run_rates.answer_run_rate_gap(r, question, q) if run_rates.RUN_RATE.search(question) else None
    if run_rate is not None:
        return run_rate  # "AMZN 1H25 capex x2 minus reported LTM capex to June 2025"
    gaps = q.intent in ("value", "compare", "difference", "change")  # ("by how many dollars does it fall short")
    gap = side_by_side.gap_to_amount(r, question, q) if gaps else None
    gap = gap or figure_verdicts.restatement_gap(r, question, q)  # "how much lower is the restated figure?"
    gap = gap or side_by_side.gap_of_total_to_amount(r, question, q)  # "$371bn vs what A+B+C filed: the gap?"
    if gap is not None:
        return gap  # "how far short of a flat $40B is the filed number?"
    if q.measure == "difference" or (q.measure is None and q.intent in ("difference", "compare")):
        two = comparisons.two_measures_of_one(r, question, q)  # "Meta's filed capex vs the article's AI capex"
        if two is not None:
            return two
    if q.measure in _CHANGES and len(q.subjects) == 1 and len(q.periods) >= 2 and q.intent not in ("explain", "source"):
        return changes.answer_change(r, question, q)  # "average $ step per year 2025->2032": the measure decides
    if q.measure == "per_year_step" and q.intent == "value" and len(q.subjects) == 1 and len(q.periods) == 1:
        # "if the ramp to 2032 were straight-line, how much does it add each yr?": from the latest figure before
        return changes.answer_change(r, question, q)
    if q.measure == "average" and len(q.periods) >= 2 and len(q.subjects) == 1 and q.metric:
        return changes.answer_sum_over_range(r, question, q, mean=True)  # "average annual capex over 2024-2025"
    if q.measure == "average" and len(q.subjects) >= 2 and q.metric and q.periods and q.intent in ("value", "compare"):
        return series.answer_average(r, question, q)  # "mean 2024 capex of Amazon, Alphabet and Meta"
    if q.intent == "explain":
        own_question = q.subjects and q.metric and q.periods and not q.inherited
        if own_question:
            return sources.answer_explain(r, question, q, [])
        if not last_facts and last_claims:
            return sources.explain_claims(r, question, last_claims)  # "why is that?" after a stated claim
        if not last_facts and not q.subjects and (q.metric or q.concepts) and "metric" not in q.inherited:
            # "define capex intensity — how is it calculated?": nothing asked before, so what the term is
            return _HANDLERS["define"](r, question, replace(q, intent="define"))
        if not last_facts and q.predicates and "predicates" not in q.inherited:
            # "explain me the 'full-stack' impact the article talks about": what the sources say of it
            said = _HANDLERS["list"](r, question, replace(q, intent="list"))
            return replace(said, kind="explanation") if said.answered else said
        return sources.answer_explain(r, question, q, last_facts, last_answer)
    if q.intent == "source":
        return sources.answer_source(r, question, q, last_facts, last_claims)
    restated = RESTATING.search(question)  # "Apr-qtr '26, i.e. FQ1'27": what follows says it again
    asked_part = question[: restated.start()] if restated else question
    asked_part = re.sub(r"\([^)]*\)", " ", asked_part)  # "March qtr 2025 (FQ2)": a restatement in brackets
    coded = [
        w
        for w in q.unknown
        if re.search(r"\d", w) and w in asked_part and not _AMOUNT_WORD.fullmatch(w)  # "371B" is an amount
    ]
    if coded and q.intent not in ("help", "define", "explain", "source"):
        # "NVDA F26 capex" before F26 could be read: never the latest figure in place of a period not understood
        return not_found(r, question, q, f"what {', '.join(coded)} stands for")
    # ("Oracle's capex", "what is Oracle spending on data centres?": a figure of someone unknown)
    named_unknown = [
        w
        for w in q.leftover
        if re.search(
            rf"(?<![\w'])(?:{re.escape(w[:1].upper())}){re.escape(w[1:])}\s+(?:(?:19|20)\d\d\s+)?(?:'s\s+)?\w", question
        )
    ]
    lead = _LEADING_OWNER.match(question)
    if lead and lead.group(1).lower() in {w.lower() for w in q.leftover} and q.metric and q.intent == "compare":
        # "tesla capex 2024 — how does it compare to the hyperscalers?": one side is someone the graph does not know
        return not_found(r, question, q, f"anything about {lead.group(1)[:1].upper()}{lead.group(1)[1:]}")
    if named_unknown and not q.subjects and q.metric and not q.predicates and q.intent in ("value", "list", "rank"):
        # "Oracle 2025 capex?": a name the graph does not know, written where a company's name goes
        return not_found(r, question, q, f"anything about {named_unknown[0][:1].upper()}{named_unknown[0][1:]}")
    owners = [
        w
        for w in q.unknown
        if re.search(rf"\b{re.escape(w)}['’]s\b", question)
        or re.search(
            rf"\b{re.escape(w)}\s+(?:is|was|will|has|had|plans?)?\s*(?:spend|spends|spent|spending)\b", question
        )
    ]
    if q.unknown and not q.subjects and (q.intent not in ("help", "define", "list") or (owners and q.metric)):
        # (and "what is Oracle's AI capex?": a figure of someone unknown, not the metric's definition)
        return not_found(r, question, q, f"anything about {', '.join(owners or q.unknown)}")
    first_known = min((o.start for o in q.operands if o.subject), default=len(question))
    names = r.k.entities[q.metric].names if q.metric in r.k.entities else ()
    owning = [
        w
        for w in owners
        if question.find(w) < first_known
        and any(re.search(rf"\b{re.escape(w)}['’]s\s+(?:\w+\s+)?{re.escape(n)}\b", question, re.I) for n in names)
    ]
    if owning and q.metric and q.subjects:
        # "What was AWS's capex in 2024, separately from the rest of Amazon?": the unknown one's own figure
        return not_found(r, question, q, f"{owning[0]}'s own {r.label(q.metric)}")
    if q.unknown and q.intent in ("compare", "sum", "rank") and q.subjects:
        return not_found(r, question, q, f"anything about {', '.join(q.unknown)}")
    if q.intent == "difference" and len(q.subjects) >= 2:
        return comparisons.answer_compare(r, question, q)
    if q.intent == "list" and _EXAMPLES.search(question) and q.predicates and len(q.concepts) > len(q.subjects):
        # "software examples they give for the AI impact?": the examples of the kind named, not the claim
        kinds = [c for c in q.concepts if c not in q.subjects]
        examples = _HANDLERS["list"](r, question, replace(q, subjects=[], predicates=[], concepts=kinds))
        if examples.answered and len(examples.items) >= 2:
            return examples
    handler = _HANDLERS.get(q.intent, values.answer_value)
    return handler(r, question, q)


def facts_of(r: Responder, answer: Answer, q: Query) -> list[Fact]:
    """The facts an answer rests on, for follow-ups such as 'how did you get that?'."""
    if answer.basis:
        return list(answer.basis)  # the facts themselves, kept with the answer
    out = []
    if q.subjects and q.metric:
        for s in q.subjects:
            if q.periods:
                for p in q.periods:
                    f = r.find(s, q.metric, p, now=q.now)
                    if f:
                        out.append(f)
            else:
                fs = default_period_facts(r, s, q.metric)
                if fs:
                    out.append(fs[-1])
    return out
