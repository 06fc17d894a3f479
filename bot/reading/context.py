"""Follow-ups: what a question leaves out, filled from the previous question of the conversation."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from kg.knowledge import Knowledge
from kg.periods import Period, month_end

from .answering.span_changes import spans_in
from .cues import SEQUENTIAL, YEAR_ON_YEAR
from .follow_up_periods import (
    NEXT_TO_LAST,
    UNIT_MONTHS,
    YEAR_WRITTEN,
    known_days,
    part_of,
    prior_to_last,
    quarter_within,
    shifted,
    two_periods,
    year_apart,
)
from .follow_up_sources import AND_NOW, broader_of, filed_against_last, filed_measure, nested, other_source
from .follow_ups import (
    all_just_asked,
    amount_against_last,
    last_against_another,
    part_of_total,
    ratio_of_last,
    two_just_asked,
    two_measures_just_asked,
)
from .operands import Operand
from .question_periods import fiscal_mentions
from .understand import Query

__all__ = ["other_source", "prior_to_last", "with_context"]


#: "growth over the first quarter": a change from a part of the year written without its year
_OVER_PART = re.compile(
    r"\b(?:over|from|since|vs\.?|versus|against|on|compared\s+(?:to|with)|relative\s+to)\s+(?:the\s+)?"
    r"(?:first|second|third|fourth|1st|2nd|3rd|4th|q[1-4]|h[12]|[1-4][qh]|fiscal\s+q[1-4])\b",
    re.IGNORECASE,
)
_FROM_PERIOD = re.compile(
    r"\b(?:from|since|vs\.?|versus|compare[ds]? (?:to|with)|relative to|against|over|on)\s+(?:the\s+)?(?:\S+\s+)?"
    r"(?:(?:(?:fy|cy|q[1-4]|h[12])\s*)?'?\d{2,4}|[1-4][qh]\s*'?\d{2,4})\b"
    # "what CAGR is that from this year's number?" (this year's, placed by today)
    r"|\b(?:from|since|over|vs\.?|versus)\s+(?:this|the\s+current)\s+(?:fiscal\s+)?(?:year|yr)\b"
    # "so how many x FY25 is that?", "as a multiple of 2024?": that figure against the period written
    r"|\b(?:x|times|multiple of)\s+(?:the\s+)?(?:(?:fy|cy|q[1-4]|h[12])\s*)?'?\d{2,4}\b"
    # "and FY26, how much % up vs that?": the period named against the figure just given
    r"|\b(?:vs\.?|versus|compared (?:to|with)|relative to|against|over|on|from)\s+(?:that|it|this|then)"
    r"\s*(?:one|figure|number|year)?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_SAME_THING = re.compile(r"\b(?:the\s+)?same\s+(?:thing|things|measure|metric|item|line|line item|category)\b", re.I)
_PRIOR_YEAR = re.compile(
    r"\b(?:prior|previous|last|preceding)\s+(?:fiscal\s+|calendar\s+|financial\s+)?(?:year|yr|fy)\b"
    r"|\b(?:year|yr) before\b",
    re.IGNORECASE,
)


#: "what was it in 2024?", "how much was that in 2024?": the level in the period named
_WHAT_LEVEL = re.compile(
    r"\bwhat\s+(?:was|is|were|will\s+be|would\s+be)\s+(?:it|that|they|the\s+(?:figure|level|number|amount))\b"
    r"|\bhow\s+much\s+(?:was|is|were)\s+(?:it|that)\b(?!\s+(?:up|down|higher|lower|more|less|bigger|smaller|above|below)\b)"
    # "so what was 2024 then?", "what's FY24?": the level in the period named
    r"|\bwhat\s+(?:was|is|were)\s+(?:(?:fy|cy)\s*'?)?(?:19|20)?\d\d\b(?!\s*%)"
    # "so implied 2024?", "what's the 2024 base in $?": the level the change just given implies
    r"|\bimpl(?:ied|ies|y)\s+(?:(?:fy|cy)\s*'?)?(?:19|20)?\d\d\b(?!\s*%)"
    # "so 1H24 was roughly what, if it doubled?": the level of the period named
    r"|\b(?:[1-4][hq]|[hq][1-4]|fy|cy)?\s*'?(?:19|20)?\d\d\s+(?:was|is|were)\s+(?:roughly\s+|about\s+|approximately\s+"
    r"|around\s+)?what\b"
    r"|\b(?:(?:fy|cy)\s*'?)?(?:19|20)\d\d\s+(?:base|baseline|level|starting\s+(?:point|level|figure))\b",
    re.IGNORECASE,
)


_VS_FIRST = re.compile(r"\s*(?:and\s+|so\s+)?(?:vs\.?|versus|compared\s+(?:to|with)|against)\s", re.IGNORECASE)
_THAN = re.compile(r"\b(?:than|vs\.?|versus|compared|against)\b", re.IGNORECASE)
_SPENT = re.compile(r"\b(?:spen[dt]|spending|invest(?:ed|ing)?)\b", re.IGNORECASE)


_IF_IT_CHANGED = re.compile(
    r"\b(?:if|given|since)\s+(?:it|that|they|this|spending|capex)\s+(?:\w+\s+)?(?:doubled|tripled|halved|grew|rose|fell"
    r"|increased|jumped)\b",
    re.IGNORECASE,
)
_TO_THAT = re.compile(r"\b(?:to|until|through|and)\s+(?:that|it|the\s+other)\s*(?:one|figure|number)?\s*\??\s*$", re.I)
_THAT_PERIOD = re.compile(
    r"\b(?:for|in|over)\s+(?:that|this|the\s+same)\s+(?:period|quarter|half|year|months|time)\b", re.IGNORECASE
)


#: "no sorry I meant alphabet", "I meant Microsoft": a correction of whom the last question was about
_MEANT = re.compile(r"^\s*(?:no[,!.]?\s*)?(?:sorry[,!.]?\s*)?(?:i\s+)?(?:meant|mean)\s+(?=\w)", re.IGNORECASE)
#: ", not meta", "rather than meta": the one not meant
_NOT_NAMED = re.compile(r"[,;]?\s*(?:not|rather\s+than|instead\s+of)\s+\w", re.IGNORECASE)


def with_context(
    q: Query,
    previous: Query | None,
    k: Knowledge | None = None,
    earlier: Query | None = None,
    recent: tuple[Query, ...] = (),
) -> Query:
    """Fill what a follow-up leaves out from the previous question of the conversation (and, for a
    change over the two figures just asked, the one before it: ``earlier``)."""
    if previous is None:
        return q
    part = part_of_total(q, previous)
    if part is not None:
        return part
    meant = _MEANT.match(q.text)
    if meant and q.subjects and previous.subjects and previous.metric:
        # "what did meta spend on AI capex in H1 2025?", "no sorry I meant alphabet, not meta": the same
        # question of the one meant (not one set against the other)
        ruled_out = _NOT_NAMED.search(q.text, meant.end())
        kept = [s for s in q.subjects if not (ruled_out and s in previous.subjects and s != q.subjects[0])]
        if kept and kept != previous.subjects:
            return replace(
                previous,
                text=q.text,
                subjects=kept,
                operands=[],
                subject_metrics={},
                inherited=["metric", "periods"],
                follow_up=True,
            )
    against = amount_against_last(q, previous) or last_against_another(q, previous, k) or ratio_of_last(q, previous, k)
    if against is not None:
        return against
    against_it = _IT_AGAINST.search(q.text)
    if against_it and q.subjects and len(previous.subjects) == 1 and previous.subjects[0] not in q.subjects:
        # "How fast did Meta's capex grow in 2025?", "rank it against Amazon and Alphabet on that same growth
        # metric": the company just asked among the ones named now
        q = replace(
            q,
            subjects=[previous.subjects[0], *q.subjects],
            metric=q.metric or previous.metric,
            periods=q.periods or previous.periods,
            inherited=[*q.inherited, "subjects"],
        )
    span = change_against_span(q, previous)
    if span is not None:
        return span  # "2024-25 rise in hyperscaler capex?", "is that bigger than the entire 2025-to-2032 increase?"
    measures = two_measures_just_asked(q, previous, earlier, k) if k is not None else None
    if measures is not None:
        return measures  # "genAI revenue 2032?", "and hyperscaler capex?", "so revenue is how many times capex?"
    if q.intent == "define" and q.source and _THAT_PERIOD.search(q.text) and previous.metric and previous.periods:
        # "what does Alphabet's actual 10-Q show for that period?": the same figure, from that source
        q = replace(
            q, intent="value", scores={**q.scores, "value": 1.0}, metric=previous.metric, periods=previous.periods
        )
        q = replace(q, inherited=[*q.inherited, "metric", "periods"])
    if previous.original and AND_NOW.match(q.text) and previous.subjects and previous.metric:
        # "Meta 2023 capex as first reported", "and now?": the same figure as the latest filing gives it
        return replace(
            previous, text=q.text, original=False, follow_up=True, inherited=["subjects", "metric", "periods"]
        )
    against_filed = filed_against_last(q, previous, k)
    if against_filed is not None:
        return against_filed  # "Meta's H1 AI capex per the article?", "gap vs the filed capex?"
    source = other_source(q.text)
    if source is not None and previous.subjects and previous.metric:
        # "googl capex 1h25", "vs article?": the same quantity, as the other source gives it ("Meta's AI
        # capex", "per the 10-Q?": the filings' own measure of it, the broader cash capex)
        metric = filed_measure(k, previous.subjects[0], previous.metric) if source == "filing" else None
        return replace(
            previous,
            text=q.text,
            source=source,
            metric=metric or previous.metric,
            intent="value",
            measure=None,
            follow_up=True,
            inherited=["subjects", "metric", "periods"],
        )
    spent = q.metric is not None and previous.metric is not None and not q.subjects and _SPENT.search(q.text)
    if spent and k is not None and q.metric != previous.metric and q.metric in broader_of(k, previous.metric):
        # "Meta's AI capex in H1 2025?", "what did they spend a year earlier?": that measure, not all spending
        q = replace(q, metric=previous.metric, metric_modifiers=[], inherited=[*q.inherited, "metric"])
    lone = len(q.subjects) == 1 and not q.periods and q.comparator and q.intent in ("difference", "compare")
    if lone and previous.subjects and q.subjects[0] not in previous.subjects and not _THAN.search(q.text):
        # "Alphabet's 2024 capex?", "and Meta's?", "how much more did Alphabet spend?": more than the one
        # just asked, in its period and measure
        broader = k is not None and q.metric in broader_of(k, previous.metric)
        return replace(
            q,
            subjects=[q.subjects[0], previous.subjects[0]],
            metric=previous.metric if broader or not q.metric else q.metric,
            periods=previous.periods,
            inherited=[*q.inherited, "subjects", "periods"],
        )
    onward = len(q.subjects) >= 2 and not q.periods and q.intent in ("difference", "compare") and previous.periods
    if onward and previous.subjects and set(previous.subjects) < set(q.subjects):
        # "amzn capex 2024", "vs googl? how much more did amzn spend": the company just asked against another,
        # in the period just asked (in the last measure when this one is its broader kind)
        broader = k is not None and q.metric in broader_of(k, previous.metric)
        return replace(
            q,
            metric=previous.metric if broader or not q.metric else q.metric,
            periods=previous.periods,
            inherited=[*q.inherited, "periods"],
        )
    vs_first = bool(_VS_FIRST.match(q.text)) and len(q.subjects) == 1 and len(previous.subjects) == 1
    if vs_first and q.subjects[0] != previous.subjects[0] and previous.periods and len(q.periods) <= 1:
        # "AMZN capex FY24", "vs MSFT FY24 (Jun YE), $ diff": the last figure against this one, each in
        # its own period (the last one's, in this company's calendar, when none is written)
        other = q.subjects[0]
        mine = q.periods[0] if q.periods else None
        if mine is None and previous.fiscal and k is not None:
            mine = next((m.period for m in fiscal_mentions(k, other, previous.fiscal) if m.period is not None), None)
        mine = mine or previous.periods[0]
        metric = q.metric or previous.metric
        return replace(
            q,
            intent="compare",
            subjects=[previous.subjects[0], other],
            metric=metric,
            periods=[mine],
            operands=[
                Operand(0, previous.subjects[0], metric, previous.periods[0]),
                Operand(1, other, metric, mine),
            ],
            inherited=[*q.inherited, "subjects", "metric"],
        )
    if previous.metric and q.metric != previous.metric and _SAME_THING.search(q.text):
        # "what does that imply Meta spent on the same thing in H1 2024?": the last question's measure
        q = replace(q, metric=previous.metric, metric_modifiers=[], inherited=[*q.inherited, "metric"])
    gap_to_that = q.intent == "difference" and not q.subjects and len(q.periods) == 1 and len(previous.periods) == 1
    if gap_to_that and previous.subjects and q.periods != previous.periods and _THAT.search(q.text):
        # "$371B in 2025", "how many more dollars is that than what they spent in 2024?": from one to the other
        both = sorted([*q.periods, *previous.periods], key=lambda p: p.end or date.min)
        return replace(
            q,
            intent="change",
            subjects=previous.subjects,
            metric=q.metric or previous.metric,
            periods=both,
            range_=True,
            inherited=[*q.inherited, "subjects", "periods"],
        )
    if q.complete and not q.follow_up and not (q.yes_no and q.comparator and _THAT.search(q.text)):
        return q  # ("is that more than Nvidia spent in its fiscal 2026?" sets the last figure against one)
    if q.intent in ("help",) or (q.intent == "define" and q.concepts):
        return q  # "what does the article say about Nvidia?" names what it is about
    named_measures = [c for c in q.concepts if k is not None and c in k.entities and k.entities[c].kind == "kpi"]
    if named_measures and q.metric is None:
        return q  # "what about cost per query?" after Meta's capex: another measure, never the last one's figure
    if previous.periods and prior_to_last(q.text) and not q.subjects and q.intent == "value" and not q.measure:
        # "prior FY?", "and the previous year?" after a figure: the year before that figure's, not today's
        q = replace(q, periods=[], relative_previous=True, understood=True)
    base = previous.periods[-1] if previous.periods else None
    following = NEXT_TO_LAST.search(q.text)
    if base is not None and not base.is_vague and following and not YEAR_WRITTEN.search(q.text):
        # "and how much did that grow the following fiscal year?", "and the following quarter?": the one after
        company = previous.subjects[0] if previous.subjects else None
        unit = (following.group("unit") or following.group("unit2")).lower()
        after = known_days(k, company, shifted(base, UNIT_MONTHS[unit]))
        changing_now = q.intent in ("change", "pp_change", "multiple", "cagr") or q.measure in (
            "percent_change",
            "difference",
            "pp_change",
            "multiple",
        )
        # ("following" is not the investors' relation here, nor "quarter" the class of periods)
        q = replace(
            q,
            periods=[base, after] if changing_now else [after],
            understood=True,
            relative_previous=False,
            predicates=[],
            concepts=[c for c in q.concepts if c in q.subjects],
            intent="change" if changing_now else ("value" if q.intent == "list" else q.intent),
            range_=changing_now,
        )
    special = _follow_up_on_figure(q, previous, k)
    if special is not None:
        return special
    inherited: list[str] = []
    changes: dict[str, object] = {}
    asks_about_last = q.intent in ("explain", "source") and not (q.subjects or q.metric)
    if asks_about_last:
        return replace(
            q,
            subjects=previous.subjects,
            metric=previous.metric,
            periods=previous.periods,
            inherited=["subjects", "metric", "periods"],
            range_=previous.range_,
        )
    held_by_last = (
        k is not None
        and bool(previous.subjects)
        and q.metric is not None
        and q.metric in k.series().get(previous.subjects[0], {})
    )
    if not q.subjects and q.metric and q.periods and not q.follow_up and not held_by_last:
        return q  # names its own figure and period ("total tech spending 2032"): a new question
    if held_by_last and not q.subjects and q.fiscal and k is not None and previous.subjects:
        # "msft rev fy25", "capex fy26?": the fiscal year in the last company's calendar
        again = [m.period for m in fiscal_mentions(k, previous.subjects[0], q.fiscal) if m.period is not None]
        if again and len(again) == len(q.periods):
            q = replace(q, periods=again)
    fragment = q.follow_up or not (q.subjects and q.metric)
    if not fragment:
        return q
    if q.source is None and previous.source is not None:
        changes["source"] = previous.source  # "and meta's?" after "... per the piece": the same source
    pair = all_just_asked(q, previous, recent) or two_just_asked(q, previous, earlier, nested(k))
    if pair is not None and len(pair) > 2:
        # "Amazon capex 2025?", "and Alphabet?", "and Meta?", "add all three up": every one just asked
        changes["subjects"] = pair
        inherited.append("subjects")
        if re.search(r"\badd\b[^?]*\bup\b|\bsum\b|\btotal\b|\bcombined?\b|\btogether\b", q.text, re.I):
            changes["intent"], changes["measure"] = "sum", "sum"
    elif pair is not None:
        # "GOOGL capex 2025", "and META?", "combined?": both companies just asked about
        changes["subjects"] = pair
        inherited.append("subjects")
        assert earlier is not None
        if earlier.metric != previous.metric and not q.metric:
            # "Meta's AI capex in H1 2025?", "and Alphabet's capex?", "both together?": each its own figure
            changes["operands"] = [
                Operand(0, pair[0], earlier.metric, earlier.periods[0] if earlier.periods else None),
                Operand(1, pair[1], previous.metric, previous.periods[0] if previous.periods else None),
            ]
            changes["periods"] = previous.periods
            inherited.append("periods")
        elif earlier.periods != previous.periods and not q.periods:
            # "Nvidia revenue FY26?", "Apple's latest fiscal year?", "which is bigger?": each in its own period
            metric = q.metric or previous.metric
            changes["operands"] = [
                Operand(0, pair[0], metric, earlier.periods[0]),
                Operand(1, pair[1], metric, previous.periods[0]),
            ]
            changes["periods"] = [previous.periods[0]]
            inherited.append("periods")
    elif not q.subjects and previous.subjects and not q.unknown and not (q.intent == "list" and q.concepts):
        # ("which bottlenecks specifically?" names what it lists: nobody's figures are inherited)
        changes["subjects"] = previous.subjects
        inherited.append("subjects")
        if q.fiscal and k is not None:
            # "and FY24?" after a Microsoft question: the fiscal year is Microsoft's
            company = next((s for s in previous.subjects if s in k.entities and k.entities[s].kind == "company"), None)
            again = [m.period for m in fiscal_mentions(k, company, q.fiscal) if m.period is not None]
            if again and len(again) == len(q.periods):
                changes["periods"] = again
            elif len(again) == len(q.fiscal):
                # "their FY24 is jul-23 to jun-24 right?": each fiscal year in its place, and one period once
                by_fiscal = {m.period: p for m, p in zip(q.fiscal, again, strict=True) if m.period is not None}
                changes["periods"] = list(dict.fromkeys(by_fiscal.get(p, p) for p in q.periods))
    forecaster_only = bool(q.subjects) and all(
        k is not None and s in k.entities and k.entities[s].kind == "analyst_firm" for s in q.subjects
    )
    if not q.metric and previous.metric and not forecaster_only and not (q.leftover and q.subjects):
        # "what does BI forecast?" asks for all of it; "What is Meta's free cash flow in 2024?" after a
        # capex question names a measure of its own
        changes["metric"] = previous.metric
        inherited.append("metric")
    if q.same_period and previous.periods and q.periods and not previous.periods[-1].is_vague:
        # "and the same period in 2024?": the previous period, in the year named
        base = previous.periods[-1]
        year = q.periods[0].start.year if q.periods[0].start else None
        if year is not None and base.start is not None:
            changes["periods"] = [base.shift_years(year - base.start.year)]
            inherited.append("periods")
    if previous.intent == "average" and q.intent == "value" and q.measure is None and not q.metric:
        # "Amazon's average quarterly capex in 2024?", "and in 2025?": the same average, another year
        changes.update(intent="average", measure="average", granularity=q.granularity or previous.granularity)
    month_quarter = q.yearless is not None and q.yearless[0] == "months_to"
    inside = (
        quarter_within(q.text, previous.periods[-1]) if previous.periods and (month_quarter or not q.periods) else None
    )
    if inside is None and q.yearless and not month_quarter and previous.periods and not previous.periods[-1].is_vague:
        # "and FQ4 alone?" after FY2025: that quarter of the year just asked about
        inside = part_of(k, previous.subjects[0] if previous.subjects else None, previous.periods[-1], q.yearless)
    if inside is not None:
        # "and the June quarter alone?" after FY2025: that quarter of the period just asked about
        company = previous.subjects[0] if previous.subjects else None
        placed = known_days(k, company, inside)
        changes["periods"] = [placed]
        inherited.append("periods")
        last = previous.periods[-1]
        grows = q.intent in ("change", "cagr", "difference") or q.measure in ("percent_change", "difference")
        if grows and _OVER_PART.search(q.text) and len(previous.periods) == 1 and inside != last and last.start:
            # "and the growth over the first quarter?" after Q2 2025: from Q1 2025 to Q2 2025
            changes["periods"] = sorted([placed, last], key=lambda p: p.start or date.min)
    elif not q.periods and previous.periods and not q.relative_previous and q.intent != "series":
        changes["periods"] = previous.periods
        changes["range_"] = previous.range_
        if previous.now:
            changes["now"] = True  # "training's share now, and by 2032?", "how many points is that drop?"
        inherited.append("periods")
        now_of = q.subjects if len(q.subjects) == 1 else []
        if previous.fiscal and now_of and now_of != previous.subjects[:1] and k is not None:
            # "aapl capex fy25", "and msft?": Microsoft's own FY25 (to June), not Apple's (to September)
            again = [m.period for m in fiscal_mentions(k, now_of[0], previous.fiscal) if m.period is not None]
            if len(again) == len(previous.periods):
                changes["periods"], changes["fiscal"] = again, previous.fiscal  # (and on to the next one)
        last = previous.periods[-1]
        if SEQUENTIAL.search(q.text) and last.start and last.end and (last.end - last.start).days > 120:
            # "msft rev fy25", "qoq?": quarter on quarter at the end of that year, its last quarter
            company = previous.subjects[0] if previous.subjects else None
            end = last.end
            first = date(end.year - (1 if end.month <= 2 else 0), (end.month - 3) % 12 + 1, 1)
            changes["periods"] = [known_days(k, company, Period.from_dates(first, month_end(end.year, end.month)))]
    changing = q.intent in ("change", "pp_change", "multiple", "cagr", "difference") or q.measure in (
        "percent_change",
        "difference",
        "pp_change",
        "multiple",
        "cagr",
        "per_year_step",
    )
    asked: list[Period] = changes.get("periods", q.periods)  # type: ignore[assignment]
    own = asked[0] if len(asked) == 1 and q.periods else None  # (a fiscal year read in the subject's calendar)
    against_own = (
        (changing or q.intent == "compare")
        and own is not None
        and len(previous.periods) == 1
        and own != previous.periods[0]
        and bool(_FROM_PERIOD.search(q.text))
    )
    if against_own:
        assert own is not None
        # "what does that imply for annual growth from 2025?" after the 2032 figure: 2025 to 2032
        changes["periods"] = sorted([own, previous.periods[0]], key=lambda p: p.start or date.min)
        inherited.append("periods")
        if q.intent == "value":  # "how many x FY25 is that?": a measure of the change between the two
            changes["intent"] = "change"
    elif (
        changing
        and own is not None
        and len(previous.periods) == 1
        and own == previous.periods[0]
        and earlier is not None
        and len(earlier.periods) == 1
        and earlier.periods[0] != own
        and not earlier.periods[0].is_vague
        and _TO_THAT.search(q.text)
    ):
        # "2032 forecast?", "and 2025?", "cagr from 2025 to that?": 'that' is the other figure, asked before
        changes["periods"] = sorted([own, earlier.periods[0]], key=lambda p: p.start or date.min)
        inherited.append("periods")
    elif q.intent == "compare" and len(q.periods) <= 1 and len(previous.periods) == 1 and _PRIOR_YEAR.search(q.text):
        # "and how does that compare with the prior year?": the year before against the last figure
        base = previous.periods[0]
        if not base.is_vague:
            company = previous.subjects[0] if previous.subjects else None
            changes["periods"] = [known_days(k, company, base.shift_years(-1)), base]
            inherited.append("periods")
    if (
        changing
        and not against_own  # "y/y % vs FY23?" after FY24: FY23 to FY24, not the year before FY23
        and previous.periods
        and (_PRIOR_YEAR.search(q.text) or YEAR_ON_YEAR.search(q.text))
        and not previous.periods[-1].is_vague
    ):
        # "how much was that up on the prior year?": the year before the last answer's period, not before today;
        # "y/y growth in 2025?" names its own year
        written = own is not None and not own.is_vague and bool(YEAR_WRITTEN.search(q.text))
        base = own if own is not None and written else previous.periods[-1]
        company = previous.subjects[0] if previous.subjects else None
        years = year_apart(earlier, previous) if base == previous.periods[-1] else None
        # "googl capex fy24?", "and fy23?", "so yoy growth?": the change between the two just given
        changes["periods"] = years or [known_days(k, company, base.shift_years(-1)), base]
        changes["intent"] = "change"
        inherited.append("periods")
    elif changing and not q.periods and not q.subjects and (two := two_periods(earlier, previous)) is not None:
        # "2025 capex?", "and for 2032?", "so how much higher is that?": the change between the two
        changes["periods"] = two
        changes["intent"] = "change"
        inherited.append("periods")
        if earlier is not None and earlier.now and earlier.periods[0] in two and len(two) == 2:
            # "training's share right now?", "and by 2032?", "how big a drop is that?": from the source's present
            changes["periods"] = [p for p in two if p != earlier.periods[0]]
            changes["now"] = True
    elif q.relative_previous and previous.periods:
        base = previous.periods[-1]
        if not base.is_vague:
            # "and last year?" moves the figure a year back; "the yoy growth?" is the change into it
            changing = q.intent in ("change", "pp_change", "multiple", "cagr", "difference")
            company = previous.subjects[0] if previous.subjects else None
            ago = known_days(k, company, base.shift_years(-1))
            changes["periods"] = [ago, base] if changing else [ago]
            inherited.append("periods")
    if (
        q.intent == "value"
        and previous.intent in ("compare", "change", "cagr", "sum", "difference")
        and not (q.scores.get("value", 0) > 2)
        and not (q.asks_start and q.periods)  # "so what was the 2024 starting point?": that level
        and not (q.periods and _WHAT_LEVEL.search(q.text))  # "so what was it in 2024 in $ terms?": its level
        and not (q.metric and q.periods and q.metric != previous.metric)  # "capex fy26?": that figure
        # ("and inference's share by then?" after a change of training's: that subject's level)
        and not (q.metric and q.subjects and set(q.subjects) != set(previous.subjects) and "change" not in q.scores)
    ):
        changes["intent"] = previous.intent if (changes.get("subjects") or changes.get("periods")) else q.intent
    if q.periods and _WHAT_LEVEL.search(q.text) and _IF_IT_CHANGED.search(q.text):
        # "so 1H24 was roughly what, if it doubled?": the level, worked back from the change supposed
        changes["intent"], changes["measure"] = "value", None
    one_series = len(changes.get("subjects", q.subjects)) <= 1  # type: ignore[arg-type]
    if (
        q.intent == "compare"
        and q.measure is None
        and len(q.periods) == 2
        and one_series
        and previous.measure
        in (
            "percent_change",
            "pp_change",
            "difference",
            "multiple",
        )
    ):
        # "nvda rev fy26", "yoy?", "and fy25 vs fy24?": the same measure for the two periods now named
        changes.update(intent="change", measure=previous.measure)
    return replace(q, inherited=inherited, **changes)  # type: ignore[arg-type]


_OF_THAT = re.compile(r"\bof (?:that|it|this|those)\b", re.IGNORECASE)
_THAT = re.compile(r"\b(?:that|this|it|its|those|these)\b|\bthe\s+above\b", re.IGNORECASE)


#: "how much more than Meta's then?": more than the one named, and the other side left to the last answer
_MORE_THAN_WHOM = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|right|cool|great|thanks|then)[,.!\s]+)*(?:by\s+)?how\s+(?:much|many\s+\S+)\s+"
    r"(?:more|less|higher|lower|bigger|smaller)\s+than\b",
    re.IGNORECASE,
)
_COMPARE_WITH = re.compile(r"\bcompare[sd]?\b|\bversus\b|\bvs\.?\b|\bstack up\b|\bmeasure up\b", re.IGNORECASE)


def _kind(k: Knowledge, iri: str | None) -> str | None:
    e = k.entities.get(iri) if iri else None
    return e.kind if e is not None else None


def _follow_up_on_figure(q: Query, previous: Query, k: Knowledge | None = None) -> Query | None:
    """Follow-ups that set the last figure against another: 'is that more than Meta's?', 'as a % of revenue?'."""
    if not (previous.subjects and previous.metric):
        return None
    # (the subject whose figure it was: "BI genAI revenue forecast for 2032?" names a forecaster first)
    series = k.series() if k is not None else {}
    holder = next((s for s in previous.subjects if previous.metric in series.get(s, {})), previous.subjects[0])
    last = Operand(0, holder, previous.metric, previous.periods[0] if previous.periods else None)
    if q.yes_no and q.comparator and len(q.subjects) == 1 and q.subjects[0] != last.subject and _THAT.search(q.text):
        # "... than Nvidia spent": the verb's broad "spending" is the last figure's measure
        broad = k is not None and q.metric is not None and previous.metric in {e.iri for e in k.narrower(q.metric)}
        metric = previous.metric if q.metric is None or broad else q.metric
        other = Operand(1, q.subjects[0], metric, q.periods[0] if q.periods else last.period)
        return replace(
            q,
            subjects=[holder, q.subjects[0]],
            metric=metric,
            periods=q.periods or previous.periods,
            operands=[last, other],
            inherited=["subjects", "metric", "periods"],
        )
    compares = q.intent in ("compare", "difference") or _COMPARE_WITH.search(q.text)
    points_back = q.follow_up or _THAT.search(q.text) or _MORE_THAN_WHOM.search(q.text)
    if compares and len(q.subjects) == 1 and q.subjects[0] != last.subject and not q.yes_no and points_back:
        # "How does it compare with Amazon's?": the last figure beside the one now named
        return replace(
            q,
            intent="compare" if q.intent not in ("difference", "ratio", "multiple") else q.intent,
            subjects=[holder, q.subjects[0]],
            metric=q.metric or previous.metric,
            periods=q.periods or previous.periods,
            source=q.source or previous.source,  # (per the article, as the last answer was)
            operands=[],
            inherited=["subjects", "metric", "periods"],
        )
    someone_else = len(q.subjects) == 1 and q.subjects[0] != last.subject
    # (with no measure named, one of a kind with the last: "as a multiple of Meta's?" after Alphabet's)
    alike = k is not None and _kind(k, q.subjects[0] if q.subjects else None) == _kind(k, last.subject)
    if q.measure in ("ratio", "multiple") and someone_else and (q.metric or (last.metric and q.follow_up and alike)):
        # "as a share of genAI revenue?": the last figure over the quantity now named ("as a multiple of
        # Meta's number for the same period?": of the same measure)
        named = next((o.metric for o in q.operands if o.metric), q.metric or last.metric)
        whole = Operand(1, q.subjects[0], named, q.periods[0] if q.periods else last.period)
        return replace(
            q,
            subjects=[last.subject, q.subjects[0]] if last.subject else q.subjects,
            periods=q.periods or previous.periods,
            operands=[last, whole],
            whole_at=whole.start,
            source=q.source or previous.source,
            inherited=["periods"],
        )
    share = k.entities.get(q.metric) if k is not None and q.metric else None
    held = series.get(holder, {})
    if share is not None and share.unit != "ratio" and k is not None:
        # ("what slice of total tech spend would that be?": the share of that whole the sources give it)
        share = next((e for m in held if (e := k.entities.get(m)) and e.share_base == share.iri), share)
    if q.measure == "ratio" and not q.subjects and share is not None and share.unit == "ratio" and share.iri in held:
        # "$1.8T of genAI revenue?", "and what % of total tech spend would that be?": the share the sources give it
        return replace(
            q,
            metric=share.iri,
            subjects=[holder],
            periods=q.periods or previous.periods,
            measure=None,
            operands=[],
            whole_at=None,
            whole=None,
            inherited=["subjects", "periods"],
        )
    if q.measure == "ratio" and not q.subjects and q.metric and q.metric != previous.metric:
        # (after two periods set side by side, the later one: "FY24 vs FY25 capex?", "as % of rev?")
        latest = max(previous.periods, key=lambda p: p.end or date.min) if previous.periods else None
        when = q.periods[0] if q.periods else latest
        last = replace(last, period=when)
        other = Operand(1, holder, q.metric, when)
        if k is not None and q.metric not in series.get(holder, {}):
            # ("what slice of total tech spending would that be?": not the last subject's; whoever holds it)
            other = Operand(1, None, q.metric, when)
        # "as a % of revenue?" puts the last figure over the new one; "capex as a % of that?" the reverse
        whole = last if _OF_THAT.search(q.text) else other
        return replace(
            q,
            subjects=list(dict.fromkeys(o.subject for o in (last, other) if o.subject)),
            periods=[when] if when is not None else [],
            operands=[last, other],
            whole_at=whole.start,
            inherited=["subjects", "periods"],
        )
    return None


#: "rank it against Amazon and Alphabet", "compare that with Meta's": the one just asked, among others
_IT_AGAINST = re.compile(
    r"\b(?:rank|compare|put|set|stack|line)\s+(?:it|that|this|them)\s+(?:up\s+)?(?:against|with|versus|vs\.?|alongside)\b",
    re.I,
)


#: "is that bigger than ...", "was it more than ...": the figure just given, against another
_THAT_AGAINST = re.compile(
    r"\b(?:that|this|it)\b[^?]*?\b(?:bigger|larger|greater|more|less|smaller|faster|slower|higher|lower)\b", re.I
)


def change_against_span(q: Query, previous: Query) -> Query | None:
    """'How big was the 2024-to-2025 jump in hyperscaler capex?', 'is that bigger than the entire 2025-to-2032
    increase?': the change just given against the same series' change over the span written now."""
    spans = spans_in(q.text)
    if len(spans) != 1 or not _THAT_AGAINST.search(q.text) or (q.subjects and q.subjects != previous.subjects):
        return None
    if previous.intent != "change" or len(previous.periods) != 2 or len(previous.subjects) != 1:
        return None
    if previous.metric is None or (q.metric is not None and q.metric != previous.metric):
        return None
    a, b = spans[0]
    return replace(
        q,
        subjects=previous.subjects,
        metric=previous.metric,
        periods=[*previous.periods, Period.year(a), Period.year(b)],
        inherited=[*q.inherited, "subjects", "metric", "periods"],
    )
