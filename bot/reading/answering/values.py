"""Plain figures: one subject, metric and period; shares, averages and series."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from kg import analytics
from kg.format import format_value
from kg.values import Value

from ...answer import Answer
from ..facts import Fact, Responder
from ..measure import YEARLY_LEVEL
from ..patterns import PER_YEAR
from ..understand import Query
from . import changes, comparisons, lists, series
from .common import (
    AMOUNT_WORDS,
    default_period_facts,
    examples,
    facts_answer,
    facts_in,
    make_answer,
    newest_of_each_metric,
    not_found,
    value_answer,
    what,
)
from .projections import FISCAL_TO_DATE, STRAIGHT_LINE, TO_DATE, at_an_assumed_rate, latest_to_date, on_a_straight_line
from .side_by_side import CHANGE_ASKED, LISTED_PERIODS, each_period

FULL_YEAR = re.compile(r"(?:FY)?\d{4}(?: \(|$)")
#: How many other periods' figures a question without a period lists besides the one it answers with.
_SHOWN = 4


_QUARTER_LABEL = re.compile(r"^Q[1-4] ")


#: words after "from" or "on" that say how, not which part: "on its own", "on the basis of", "on file"
_NOT_PARTS = frozenset({
    "own", "basis", "file", "record", "average", "top", "paper", "hand", "track", "target", "balance", "net",
    "gross", "aggregate", "total", "whole", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "now", "then", "today", "date", "end", "start",
})  # fmt: skip


#: where a noun phrase ends: the question's end, a period's word or a year
_PHRASE_ENDS = r"(?=\s*(?:$|[?.;!)]|\s(?:in|for|during|over|this|last|since|alone|fy|cy)\b|\s(?:19|20)\d\d\b))"


def _part_named(question: str, name: str, ends: bool = False) -> bool:
    """'revenue from iPhone', 'spend on Llama': a name the graph does not know, as where money came or went
    (``ends``: a word no capital marks must end the phrase: "from iphone in fy2025", not "from the original
    10-K" or "from the cash flow statement")."""
    if not name.isalpha():
        return False  # ("Jul24", "FQ1": a period written in a way not read)
    end = _PHRASE_ENDS if ends else r"\b"
    return bool(re.search(rf"\b(?:from|on)\s+(?:the\s+|its\s+|their\s+)?{re.escape(name)}{end}", question, re.I))


def of_granularity(r: Responder, facts: list[Fact], granularity: str) -> list[Fact]:
    """The figures for whole quarters, or for whole (fiscal) years, in each company's own calendar:
    never a trailing twelve months or a year-to-date."""
    pattern = _QUARTER_LABEL if granularity == "quarter" else FULL_YEAR
    return [f for f in facts if not f.is_change and pattern.match(r.plabel(f.quantity))]


def _broader_for_follow_up(r: Responder, question: str, q: Query) -> Answer:
    """'Meta's AI capex in 1H25?', 'and Alphabet?': the new subject's figure for that period is of a
    broader measure only. "What about Alphabet?" asks for its counterpart figure, and that is the
    one the sources give: it is answered under its own metric, said first to be the broader one."""
    asked = r.k.entities.get(q.metric or "")
    for broader in asked.broader if asked is not None else ():
        b = r.k.entities.get(broader)
        if b is None or not b.broader:
            continue
        f = r.find(q.subjects[0], broader, q.periods[0], now=q.now)
        if f is not None and asked is not None:
            ans = value_answer(r, question, f)
            ans.text = (
                f"The sources give no {asked.label} for {r.label(q.subjects[0])} {r.in_period(f.quantity)}, "
                f"only its {b.label}, a broader measure (not directly comparable): {ans.text}"
            )
            return ans
    return not_found(r, question, q, what(r, q))


def _newest_known(r: Responder, facts: list[Fact], n: int) -> list[Fact]:
    """The last ``n`` of ``facts`` known on the day asked, in their order."""
    out: list[Fact] = []
    for f in reversed(facts):
        if len(out) == n:
            break
        if r.known(f):
            out.append(f)
    return out[::-1]


def present_or_latest(r: Responder, facts: list[Fact]) -> Fact | None:
    """With no period asked: the figure for the source's present if there is one, else the latest stated."""
    present = [f for f in facts if r.is_present(f.quantity.period)]
    if present:
        return present[0]
    stated = [f for f in facts if f.status != "derived"] or facts
    return r.newest_known(stated)  # not a filing made after the day asked


def answer_value(r: Responder, question: str, q: Query) -> Answer:
    if q.measure == "multiple" and q.relative_previous and len(q.periods) == 1 and q.metric and not q.asks_start:
        # "meta H1 AI capex, what multiple vs the same period last yr does the article imply?": a change asked
        return changes.answer_change(r, question, replace(q, intent="change"))
    if q.asks_start and q.subjects and q.metric:
        rel = changes.stated_change(r, q)
        if rel is not None:
            start = r.fact(rel.refs["from"])
            if start is not None:
                return value_answer(r, question, start)
    if len(q.subjects) >= 2:
        return comparisons.answer_compare(r, question, q)
    if not q.subjects:
        return _answer_without_subject(r, question, q)
    subject = q.subjects[0]
    other = next(
        (
            w
            for w in q.leftover
            if w.lower() in _UNHELD_MEASURES
            and (
                re.search(rf"\b{re.escape(w)}\s+(?:of|for|from|at|by)\b", question, re.I)
                # "what was Apple's net income in fiscal 2024?": a measure the sources do not hold, of a company
                or re.search(rf"['’]s\s+(?:[a-z-]+\s+)?{re.escape(w)}\b", question, re.I)
            )
        ),
        None,
    )
    if other is not None and q.metric and q.intent == "value":
        # "the estimated carbon emissions of hyperscaler data centres": a measure the sources do not hold, of
        # something they do
        # (the measure with the word written right before it: "net income", "operating margin")
        before = re.search(rf"\b([a-z-]+)\s+{re.escape(other)}\b", question, re.I)
        lead = before.group(1).lower() if before and before.group(1).lower() in q.leftover else ""
        named = f"{lead} {other}".strip()
        return not_found(r, question, q, f"the {named} of {r.label(subject)} (the sources give no such figure)")
    names = [n.lower() + " " for n in (r.k.entities[subject].names if subject in r.k.entities else ())]
    units = [u for u in q.unknown if any(u.lower().startswith(n) for n in names)]
    if units:
        # "what did Amazon Web Services alone spend?": a unit of the company, which the sources do not split out
        return not_found(r, question, q, f"{units[0]} on its own (the sources give {r.label(subject)} as a whole)")
    # (and a lower-case product or unit left unread: "revenue did apple make from iphone")
    unread = [w for w in q.leftover if w.isalpha() and len(w) >= 3 and w.lower() not in _NOT_PARTS]
    part = next((u for u in q.unknown if _part_named(question, u)), None) or next(
        (w for w in unread if _part_named(question, w, ends=True)), None
    )
    if part is not None and q.metric and q.intent == "value":
        # "How much revenue did Apple make from iPhone?", "what did Meta spend on Llama?": a part of the figure
        # the sources do not split out, never the whole in its place
        return not_found(
            r,
            question,
            q,
            f"{r.possessive(subject)} {r.label(q.metric)} from {part} "
            f"(the sources give {r.possessive(subject)} total only)",
        )
    if not q.metric:
        return _answer_without_metric(r, question, q, subject)
    things = [c for c in q.concepts if c not in q.subjects and getattr(r.k.entities.get(c), "kind", None) in _THINGS]
    if things and not [f for f in r.available(subject, q.metric) if not f.is_change]:
        # "revenue for AI copilot and coding-assistant subscriptions": those things' figure, which no part
        # of the market ("generative AI") stands in for
        named = ", ".join(r.label(c) for c in things)
        return not_found(r, question, q, f"{r.label(q.metric)} for {named} (the sources give none)")
    if q.last_n is not None and not q.periods:
        return series.answer_series(r, question, replace(q, intent="series"))  # "over the last three fiscal years"
    if not q.periods and q.latest and q.granularity:
        # "the latest quarterly capex figure", "its most recent fiscal year": that one figure
        kind = of_granularity(r, r.available(subject, q.metric), q.granularity)
        if not kind:
            return not_found(r, question, q, f"{what(r, q)} by {q.granularity}")
        newest = r.newest_known(kind)
        assert newest is not None
        return value_answer(r, question, newest)
    if not q.periods:
        facts = default_period_facts(r, subject, q.metric)
        if not facts:
            return not_found(r, question, q, what(r, q))
        years = (
            [f for f in facts if FULL_YEAR.match(r.plabel(f.quantity)) and not f.is_change]
            if PER_YEAR.search(question) or YEARLY_LEVEL.search(question)  # ("meta annual capex?")
            else []
        )
        if years:
            # "how much does Apple make a year?": its latest full (fiscal) year
            newest = max(years, key=lambda f: f.quantity.period.end or date.min)
            return value_answer(r, question, newest)
        latest = present_or_latest(r, facts)
        assert latest is not None
        others = [f for f in facts if f is not latest]
        # the latest few of the same kind of period ("Q4 2025; Q3 2025; ..."), and the latest full year
        same = [f for f in others if f.quantity.period.kind == latest.quantity.period.kind]
        # a full year in the company's own calendar ("2025", "FY2025 (...)"), not a trailing twelve months
        years = [f for f in others if FULL_YEAR.match(r.plabel(f.quantity))]
        same, years = _newest_known(r, same, _SHOWN), _newest_known(r, years, 1)  # (none filed after the day asked)
        shown = same + [y for y in years if all(y is not s for s in same)]
        shown.sort(key=lambda f: f.quantity.period.end or date.min, reverse=True)
        ans = value_answer(r, question, latest, extra=[latest, *shown] if others else None)
        if others:
            ans.text += " Also: " + "; ".join(f"{r.plabel(f.quantity)}: {r.fmt(f)} ({f.status})" for f in shown) + "."
            if len(others) > len(shown):
                ans.text += f" ({len(others) - len(shown)} earlier figures not shown; ask for a period.)"
        return ans
    if len(q.periods) == 3 and STRAIGHT_LINE.search(question):
        between = on_a_straight_line(r, question, q, subject, q.metric)
        if between is not None:
            return between
    if len({(p.start, p.end) for p in q.periods}) == 1 and len(q.periods) > 1:
        q = replace(q, periods=q.periods[:1])  # one period written twice ("FY26 (year end Jan 2026)"): no change
    # ("Meta capex 2023 and 2024?", "training's share now, and what's it forecast to be in 2032?": each)
    listed_periods = LISTED_PERIODS.search(question) or re.search(r"\band\b|&|,", question)
    if len(q.periods) >= 2 and listed_periods and not CHANGE_ASKED.search(question):
        listed = each_period(r, question, q, subject)
        if listed is not None:
            return listed  # "how much did Amazon spend in Q4 2025 and Q1 2026?": both figures, no change
    if len(q.periods) >= 2:
        return changes.answer_change(r, question, q)
    metric = q.metric
    assert metric is not None
    f = r.find(subject, metric, q.periods[0], now=q.now)
    if f is None and "metric" in q.inherited:
        return _broader_for_follow_up(r, question, q)
    if f is None and (TO_DATE.search(question) or FISCAL_TO_DATE.search(question)):
        f = latest_to_date(r, subject, metric, q.periods[0])
        if f is not None:  # "alphabet capex ytd" in August: the year to date as last filed (to June)
            ans = value_answer(r, question, f)
            ans.text += f" (The latest year-to-date figure filed: to {f.quantity.period.end:%-d %B %Y}.)"
            return ans
    if f is None:
        assumed = at_an_assumed_rate(r, question, q, subject, metric)
        if assumed is not None:
            return assumed  # "if the 44% growth held one more year, what would 2026 be?"
        return not_found(r, question, q, what(r, q))
    if q.original:
        return _as_first_filed(r, question, f)
    answer = value_answer(r, question, f)
    concepts = f.observation.concepts if f.observation is not None else ()
    if _TAG_ASKED.search(question) and concepts:
        # "which us-gaap element is Amazon's FY2024 capex reported under?": the XBRL tag it was filed as
        answer.text += f" Filed under {', '.join(concepts)}."
    return answer


#: "which us-gaap element / XBRL tag / concept is it filed under?"
_TAG_ASKED = re.compile(r"\b(?:us-?gaap|xbrl|tag|element|concept)\b", re.IGNORECASE)


def _as_first_filed(r: Responder, question: str, f: Fact) -> Answer:
    """'What did they originally file?': the value the first filings gave, before a restatement."""
    ans = value_answer(r, question, f)
    obs = f.observation
    if obs is None or not obs.from_filing:
        ans.text = f"Not a filed figure, so there is no original filing. {ans.text}"
        return ans
    if not obs.restated_from:
        ans.text = f"Not restated: the filings give one value. {ans.text}"
        return ans
    first = obs.restated_from[0]
    filed = " ".join(x for x in (first.form, f"filed {first.filed}" if first.filed else None) if x) or "a filing"
    accession = f" (accession {first.accession})" if first.accession else ""
    ans.value, ans.qualifier = first.value.value, first.value.qualifier
    ans.status = "reported"
    if first.latest_source is not None:
        ans.sources = [
            r.source_ref(
                first.latest_source,
                f"The {filed}{accession} gives {format_value(first.value)} for {r.plabel(f.quantity)}.",
            )
        ]
    ans.text = (
        f"As first filed, {r.describe(f)} was {format_value(first.value)}: the {filed}{accession}. "
        f"It was restated to {r.fmt(f)} in the latest filing."
    )
    if _REVISION_SIZE.search(question):
        # "how big was the revision — latest minus the originally reported?": the restatement, in dollars
        res = analytics.absolute_change(first.value, f.value)
        ans.value, ans.measure, ans.status = res.value.value, "difference", "derived"
        ans.derivation = {"formula": res.formula, "value": res.value.value, "inputs": []}
        ans.text = (
            f"The revision: {format_value(res.value, difference=True)} ({r.fmt(f)} in the latest filing less "
            f"{format_value(first.value)} as first filed in the {filed}{accession})."
        )
    return ans


#: "how big was the revision", "latest minus the originally reported": the size of a restatement
_REVISION_SIZE = re.compile(
    r"\b(?:how\s+(?:big|large|much)\s+(?:was|is)\s+the\s+(?:revision|restatement)|revised\s+by\s+how\s+much"
    r"|by\s+how\s+much\s+(?:was|has)\s+\w+(?:\s+\w+){0,4}\s+(?:revised|restated)|size\s+of\s+the\s+(?:revision|restatement)"
    r"|minus\s+the\s+(?:original(?:ly)?|first)|less\s+the\s+(?:original(?:ly)?|first))",
    re.IGNORECASE,
)


def _answer_without_subject(r: Responder, question: str, q: Query) -> Answer:
    e = r.k.entities.get(q.metric) if q.metric else None
    if e is not None and not e.broader and q.metric_modifiers:
        # "total digital ad spending": a narrower figure than the generic metric, which the graph may not hold
        return not_found(r, question, q, f"{' '.join(q.metric_modifiers)} {e.label}")
    if q.unknown:
        return not_found(r, question, q, f"anything about {', '.join(q.unknown)}")
    if not q.metric:
        if q.concepts or q.predicates:  # "investor KPIs": a kind of thing, or a relation, to list
            return lists.answer_list(r, question, q)
        return make_answer(
            question,
            "not_understood",
            "I could not tell which company, group or market and which figure you mean.",
            suggestions=examples(r),
        )
    period = q.periods[0] if q.periods else None
    # "coding assistant subscription rev 2025?": a thing named whose figure it would be, which has none;
    # never everyone else's figures in its place
    owners = [c for c in q.concepts if c in r.k.entities and not r.available(c, q.metric)]
    if owners and q.metric and not q.predicates and q.intent in ("value", "series"):
        return not_found(r, question, q, f"{r.possessive(owners[0])} {r.label(q.metric)}")
    facts = facts_in(r, q, None, q.metric, period)
    if not facts:
        return not_found(r, question, q, what(r, q))
    if len(facts) == 1:
        return value_answer(r, question, facts[0])
    if q.amounts and not q.subjects:
        # "the $525bn capex number - which year is that for?": the one figure the amount names
        from .sources import facts_with_amounts  # (sources imports the answering modules)

        named = facts_with_amounts(r, q)
        if len(named) == 1:
            return value_answer(r, question, named[0])
    whose = list(dict.fromkeys(r.label(f.quantity.subject) for f in facts))
    if len(facts) > _LISTED and period is None and q.scores.get("define", 0) > 0:
        return lists.answer_define(r, question, q)  # "what's capex?": the term, not its 800 figures
    if len(facts) > _LISTED:
        # nobody named and many figures: ask whose, rather than print them all
        return make_answer(
            question,
            "not_understood",
            f"The graph holds {len(facts)} figures for {r.label(q.metric)}"
            + (f" {r.period_phrase(period)}" if period else "")
            + f", for {', '.join(whose[:6])}{' and others' if len(whose) > 6 else ''}: whose do you mean?",
            suggestions=[f"{w} {r.label(q.metric)}" + (f" {period.label}" if period else "") for w in whose[:4]],
        )
    heading = f"{len(facts)} figures for {r.label(q.metric)}"
    return facts_answer(r, question, facts, heading, period, by="subject", metric=r.label(q.metric))


#: what a company is worth: a measure the graph never holds
VALUATION = re.compile(r"\bvalued at\b|\bvaluations?\b|\bworth\b|\bmarket (?:cap|capitali[sz]ation|value)\b", re.I)

#: words asking for what is known about a name, not for a measure of it ("Microsoft overview")
_ABOUT_WORDS = frozenset({
    "overview", "profile", "summary", "info", "information", "details", "detail", "background", "facts", "fact",
    "data", "snapshot", "stats", "statistics", "numbers", "figures", "figure", "role", "story", "news", "update",
    "updates", "latest", "everything", "anything", "all",
})  # fmt: skip

#: a question word or verb: "DeepSeek valuation?" has none, "how does the article describe X?" does
_ASKING_WORD = re.compile(
    r"\b(?:what|whats|wtf|how|who|whom|which|why|where|when|is|are|was|were|does|do|did|describe|explain|tell"
    r"|define|mean|means|say|says)\b",
    re.IGNORECASE,
)

#: Most figures listed for a question that names no subject; past it the bot asks whose.
_LISTED = 8


_PART_OF_AMOUNT = re.compile(
    r"\b(?:portion|share|part|fraction|percentage|proportion|slice|piece|chunk)\s+of\s+(?:the|that|this)\s+\$",
    re.IGNORECASE,
)


def _answer_without_metric(r: Responder, question: str, q: Query, subject: str) -> Answer:
    period = q.periods[0] if q.periods else None
    if q.amounts and _PART_OF_AMOUNT.search(question):
        # "what portion of the $371 billion is Microsoft alone expected to account for?": a part never given
        whole = format_value(Value(q.amounts[0], "USD"))
        return not_found(r, question, q, f"{r.possessive(subject)} part of the {whole}: the sources do not split it")
    if q.leftover and q.periods and not q.predicates and q.intent in ("value", "change", "compare", "rank", "sum"):
        # "amzn net income 2024", "alphabet ebitda H1 2025": a measure the graph does not know; never
        # another figure of the company in its place
        asked = f"{r.possessive(subject)} {' '.join(q.leftover)}" + (f" {r.period_phrase(period)}" if period else "")
        return not_found(r, question, q, asked)
    if VALUATION.search(question) and not q.periods:
        return not_found(r, question, q, f"{r.possessive(subject)} valuation")  # "what's DeepSeek valued at?"
    unheld = [w for w in q.leftover if w.lower() not in _ABOUT_WORDS]
    if unheld and not q.periods and not q.predicates and q.intent == "value" and not _ASKING_WORD.search(question):
        # "DeepSeek valuation?", "Microsoft headcount": a measure the graph does not hold, with no
        # period; said plainly, then what is known nearby (never an overview in its place)
        return not_found(r, question, q, f"{r.possessive(subject)} {' '.join(q.leftover)}")
    facts = facts_in(r, q, subject, None, period)
    if AMOUNT_WORDS.search(question) and "share" not in q.scores:
        facts = [f for f in facts if f.value.unit != "ratio"]  # an amount is never answered with a share
    if not facts:
        if q.predicates:
            return lists.answer_list(r, question, q)
        attributed = r.attributed_to(subject)
        if attributed and not q.periods:  # "what does Bloomberg Intelligence forecast?"
            heading = f"Figures attributed to {r.label(subject)}"
            return facts_answer(r, question, attributed, heading, None, by="subject", subject=r.label(subject))
        if q.periods or q.scores.get("value", 0) > q.scores.get("define", 0):
            return not_found(r, question, q, what(r, q, subject))  # a figure was asked for, not a definition
        return lists.answer_define(r, question, q)
    if len(facts) == 1:
        return value_answer(r, question, facts[0])
    heading = f"What I know about {r.label(subject)}"
    shown = facts if period is not None else newest_of_each_metric(facts)
    listed = facts_answer(r, question, shown, heading, period, by="metric", subject=r.label(subject))
    if len(shown) < len(facts):
        # "Meta?" after the filings: the newest few of each measure and how many there are, not every value
        listed.text += f" ({len(facts)} figures in all; ask for a period, or “quarterly”, for others.)"
    return listed


_FIGURE_WORDS = re.compile(
    r"\b(?:numbers?|figures?|values?|how much|how many|levels?|amounts?|data|stats?|statistics?|benchmarks?|latest"
    r"|quantif\w*|estimates?|to be)\b"
    r"|\b(?:these days|nowadays|currently|right now|today|at the moment|typical|typically|running at)\b|\d{4}"
    r"|\b(?:the (?:article|source|report|piece)s? (?:quotes?|quoted|cites?|cited|gives?|reports?|reported|puts?))\b"
    # a unit asks for a figure: "energy per query in kWh?", "latency in ms"
    r"|\bin (?:kwh|wh|mwh|joules?|watts?|ms|milliseconds?|seconds?|cents|dollars|\$|usd)\b",
    re.IGNORECASE,
)


def metric_without_figure(r: Responder, question: str, q: Query) -> Answer | None:
    """A metric the graph names but holds no figure for: say so first, then what it is."""
    # "energy per query for reasoning models?": a measure of something named asks for its figure
    of_something = (
        bool(q.subjects)
        and "subjects" not in q.inherited
        and q.intent not in ("define", "list")
        and not re.search(r"\bmean|defin", question, re.I)
    )
    if q.metric or not (_FIGURE_WORDS.search(question) or of_something):
        return None  # with a subject too: "what cost per query numbers does the article give for inference?"
    if q.intent == "list" and q.predicates:
        return None  # "besides latency, what other factors are investors tracking (supply chain, data ...)?"
    named = [r.k.entities[c] for c in q.concepts if c in r.k.entities and r.k.entities[c].kind in ("kpi", "metric")]
    empty = [e for e in named if not r.available(None, e.iri) and not r.available(e.iri)]
    if not named or len(empty) != len(named):
        return None
    e = empty[0]
    what = e.definition or (
        "one of the metrics investors monitor" if e.kind == "kpi" else f"{e.label} is a metric of the graph"
    )
    return make_answer(
        question,
        "not_found",
        f"The sources give no figure for {e.label}. {e.label[:1].upper()}{e.label[1:]}: {what.rstrip('.')}.",
        suggestions=r.suggestions(q),
    )


#: kinds of things a question may narrow its subject to ("AI copilots"), which hold no figures of their own
_THINGS = ("software_use", "concept", "product", "use_case")


#: measures of a company or market the graph holds no figures for, asked as "X of Y"
_UNHELD_MEASURES = frozenset(
    {
        "emissions", "footprint", "consumption", "usage", "headcount", "employees", "staff", "margin", "margins",
        "profit", "profits", "income", "earnings", "valuation", "price", "prices", "users", "customers",
        "subscribers", "utilisation", "utilization", "capacity", "electricity", "water", "debt", "dividends",
        "buybacks", "ebitda", "eps", "wages", "salaries", "backlog", "inventory", "depreciation",
    }
)  # fmt: skip
