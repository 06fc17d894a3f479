"""Readings resolved against the graph: names that stand for something else the graph holds.

- Companies named together that are exactly a group's stated members ("Amazon, Meta and
  Microsoft combined") are that group, when the question asks for their total or the
  members have no figures of their own; the answer says so.
- A forecaster named beside a figure ("BI's genAI revenue forecast") says whose forecast,
  not whose revenue: it is dropped from the subjects and the figure's attribution shown.
- A person asked for a company's figure ("Zuckerberg's company's capex") stands for the
  organisation the graph says they lead.
- A change between periods asked with no subject ("the $ gap between the 2032 capex projection
  and the 2025 figure") is about the one subject with figures of that metric for every period
  asked, when there is exactly one; the answer says so.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.periods import Period

from .amounts import amounts_in
from .facts import Responder
from .patterns import FIGURE_FOR_PERIOD
from .understand import Query

__all__ = ["resolve"]

_ORGS = {"company", "ai_lab"}


def resolve(r: Responder, q: Query) -> tuple[Query, str | None]:
    """The query with its names resolved, and a note saying what was resolved (or None)."""
    notes: list[str] = []
    q = _forecasters(r, q)
    q, note = _people(r, q)
    if note:
        notes.append(note)
    q, note = _group_of_members(r, q)
    if note:
        notes.append(note)
    q = _group_with_its_members(r, q)
    q = _figures_by_amount(r, q)
    q, note = _whole_of_a_share(r, q)
    if note:
        notes.append(note)
    q = _the_subjects_only_metric(r, q)
    q, note = _as_stated(r, q)
    if note:
        notes.append(note)
    q, note = _the_only_series(r, q)
    if note:
        notes.append(note)
    return q, " ".join(notes) or None


#: Readings between two or more periods of one series
_SERIES_INTENTS = {"change", "cagr", "average", "sum"}


def _the_subjects_only_metric(r: Responder, q: Query) -> Query:
    """'Is the 2032 hyperscaler figure more than double the 2024 level?': one subject, no metric, two
    periods compared: the one metric the subject has figures of in every period named."""
    if len(q.subjects) != 1 or q.metric or len(q.periods) < 2 or not (q.yes_no or q.intent in _SERIES_INTENTS):
        return q
    held = [{f.quantity.metric for f in r.available(q.subjects[0], None, p) if not f.is_change} for p in q.periods]
    common = set.intersection(*held) if held else set()
    return replace(q, metric=common.pop()) if len(common) == 1 else q


def _as_stated(r: Responder, q: Query) -> tuple[Query, str | None]:
    """'Did Meta double its AI spending in H1 2025?': a subject with no figure of the metric asked,
    whose figure of it the sources give as a related metric (skos:related in the ontology: AI
    spending as AI capital expenditure): that metric, said in the answer."""
    if len(set(q.subjects)) != 1 or not q.metric or q.metric not in r.k.entities:
        return q, None
    subject = q.subjects[0]
    periods: list[Period | None] = [*q.periods] or [None]
    if any(r.available(subject, q.metric, p) for p in periods):
        return q, None
    held = [m for m in r.k.entities[q.metric].related if all(r.available(subject, m, p) for p in periods)]
    if len(held) != 1:
        return q, None
    note = (
        f"({r.possessive(subject)} {r.label(q.metric)} is given in the sources as its {r.label(held[0])}; "
        "that is the figure used.)"
    )
    operands = [replace(o, metric=held[0]) if o.metric == q.metric else o for o in q.operands]
    return replace(q, metric=held[0], operands=operands), note


def _the_only_series(r: Responder, q: Query) -> tuple[Query, str | None]:
    """No subject and two or more periods: the subject whose series alone holds them all, of the
    metric named, or, with no metric named ("does the implied growth rate from 2025 to 2032 exceed 5%
    a year?"), the one series of any subject and metric that does."""
    if q.subjects or q.unknown or len(q.periods) < 2:
        return q, None
    # "is 2032 > 1.5x 2025?", "is the 2032 capex at least double the 2024 level?"
    compared = q.yes_no and (q.threshold is not None or q.comparator is not None or q.change_multiple is not None)
    changing = q.intent in _SERIES_INTENTS or q.measure in (
        "difference",
        "percent_change",
        "cagr",
        "per_year_step",
        "multiple",
    )
    if not (compared or (changing and not q.yes_no)):
        return q, None
    if q.metric:
        series = [(s, q.metric) for s in r.subjects()]
    else:
        series = list(
            dict.fromkeys((f.quantity.subject, f.quantity.metric) for f in r.available(None, None, q.periods[0]))
        )
    holders = [(s, m) for s, m in series if all(r.find(s, m, p) is not None for p in q.periods)]
    if len(holders) != 1:
        return q, None
    subject, metric = holders[0]
    name = r.label(subject)
    periods = " and ".join(r.period_label(p) for p in sorted(q.periods, key=lambda p: (p.start, p.end)))
    note = f"({name[:1].upper()}{name[1:]}: the only figures of {r.label(metric)} for {periods}.)"
    return replace(q, subjects=[subject], metric=metric, concepts=[*q.concepts, subject]), note


def _whole_of_a_share(r: Responder, q: Query) -> tuple[Query, str | None]:
    """'What total tech spending does genAI's 16% imply?': generative AI has no tech spending of its
    own, but a stated share of it; the figure meant is the whole that share is of."""
    if len(q.subjects) != 1 or not q.metric or q.intent != "value" or q.yes_no or q.threshold is not None:
        return q, None
    if q.measure == "ratio":  # "genAI's slice of total tech spending": the share itself
        return q, None
    subject = q.subjects[0]
    period = q.periods[0] if q.periods else None
    if r.available(subject, q.metric, period):
        return q, None
    for rel in r.k.relations:
        share, whole = rel.refs.get("share"), rel.refs.get("whole")
        if rel.kind != "share" or share is None or whole is None:
            continue
        if share.subject == subject and whole.metric == q.metric and (period is None or whole.period == period):
            name = r.label(whole.subject)
            note = f"({name[:1].upper()}{name[1:]}: the whole that {r.possessive(subject)} share is of.)"
            return replace(q, subjects=[whole.subject], periods=[whole.period], operands=[]), note
    return q, None


def _group_with_its_members(r: Responder, q: Query) -> Query:
    """'the calendar-year hyperscalers Amazon, Alphabet and Meta': the group only describes the companies."""
    groups = [s for s in q.subjects if r.k.entities.get(s) is not None and r.k.entities[s].kind == "group"]
    for g in groups:
        members = set(r.k.entities[g].members) & set(q.subjects)
        period = q.periods[0] if q.periods else None
        if (
            members == set(r.k.entities[g].members)
            and q.metric
            and not any(r.available(m, q.metric, period) for m in members)
        ):
            # "hyperscaler capex 2025, amzn/meta/msft": the group spelled out by its members, who
            # have no figures of their own: the group's figure is the one meant
            q = replace(q, subjects=[g], operands=[o for o in q.operands if o.subject not in members or o.subject == g])
            continue
        if len(members) >= 2:
            q = replace(
                q, subjects=[s for s in q.subjects if s != g], operands=[o for o in q.operands if o.subject != g]
            )
    return q


def _figures_by_amount(r: Responder, q: Query) -> Query:
    """'What CAGR does going from $371B in 2025 to $525B in 2032 imply?': nobody named, but the
    figures written are the graph's, so their subject and metric are the question's."""
    if not q.subjects and not q.amounts:
        written = _bare_amounts(r, q.text)  # "going from 371 to 525": the figures the sources write so
        if len(written) >= 2:
            by_amounts = _series_by_amounts(r, replace(q, amounts=written))
            # ("ramps linearly 371 -> 525 by 2032": a year written is one of the figures' own)
            if not q.periods or (by_amounts.subjects and set(q.periods) <= set(by_amounts.periods)):
                return by_amounts
    if len(q.subjects) == 1 and len(q.amounts) >= 2 and q.metric:
        # "hyperscaler capex ... to go 371 to 525 by 32": the figures written are the named series' own
        by_amounts = _series_by_amounts(r, replace(q, subjects=[], periods=[]))
        if by_amounts.subjects == q.subjects and set(q.periods) <= set(by_amounts.periods):
            return replace(q, metric=by_amounts.metric, periods=by_amounts.periods, amounts=[])
    if q.subjects or not q.amounts:
        return q
    from .answering.sources import facts_with_amounts  # answering builds on reading, not the reverse

    if not q.periods:
        return _series_by_amounts(r, q) if len(q.amounts) >= 2 else q
    if len(q.amounts) >= 2:
        # "if it ramps linearly 371 -> 525 by 2032, how much per yr?": the year written is one of theirs
        by_amounts = _series_by_amounts(r, replace(q, periods=[]))
        if by_amounts.subjects and set(q.periods) <= set(by_amounts.periods):
            return by_amounts

    found = facts_with_amounts(r, replace(q, periods=[]))
    series = {(f.quantity.subject, f.quantity.metric) for f in found}
    if not found:  # "the 44% growth figure": a stated change's rate names its series
        series = {(rel.refs["to"].subject, rel.refs["to"].metric) for rel in r.changes_at_rates(q.amounts)}
        if len(series) == 1 and len(q.periods) >= 2:
            subject, metric = series.pop()
            return replace(q, subjects=[subject], metric=metric, amounts=[])
        return q
    if len(series) != 1:
        return q
    subject, metric = series.pop()
    if len(q.periods) == 1 and q.intent == "value" and not (q.yes_no or q.measure):
        # "If the $371B for 2025 is a 44% increase, what was the 2024 base?": that series, in the period named
        return replace(q, subjects=[subject], metric=metric, amounts=[])
    if len(q.periods) == 1 and q.intent == "change" and {f.quantity.period for f in found} == {q.periods[0]}:
        # "the 371bn for 2025 — what y/y growth does the article attach to it?": the change into its own period
        return replace(q, subjects=[subject], metric=metric, amounts=[])
    if len(q.periods) == 1:
        # "Is the $371B more than 50% above 2024?": the figure written, against the period named
        own = {f.quantity.period for f in found}
        if len(own) != 1 or q.periods[0] in own or FIGURE_FOR_PERIOD.search(q.text):
            return q
        return replace(q, subjects=[subject], metric=metric, amounts=[], periods=[own.pop(), q.periods[0]])
    return replace(q, subjects=[subject], metric=metric, amounts=[])


_BARE = re.compile(r"(?<![\w$.,])(\d{1,3}(?:\.\d{1,2})?)(?![\w%.,]|\.\d)")


def _bare_amounts(r: Responder, text: str) -> list[float]:
    """Numbers written with no unit that are, each, exactly how one stated figure's quote writes it
    ('371' for "$371 billion"), in base units; anything else is no amount."""
    out = []
    for m in _BARE.finditer(text):
        digits = m.group(1)
        said = re.compile(rf"(?<![\d.,]){re.escape(digits)}\s*(trillion|billion|million|%)", re.IGNORECASE)
        scales = {
            w.lower()
            for f in r.available()
            if f.status != "derived" and f.observation is not None
            for quote in f.observation.quotes
            for w in said.findall(quote)
        }
        if len(scales) != 1:
            return []
        out.append(float(digits) * {"trillion": 1e12, "billion": 1e9, "million": 1e6, "%": 0.01}[scales.pop()])
    return out


def _series_by_amounts(r: Responder, q: Query) -> Query:
    """'from $371bn to $525bn, what % increase is that?': each amount written is one figure of the
    same series, so the periods are theirs, in the order written."""
    from .answering.sources import facts_with_amounts

    picked = []
    for amount in q.amounts:
        found = facts_with_amounts(r, replace(q, amounts=[amount]))
        if len({(f.quantity.subject, f.quantity.metric, f.quantity.period) for f in found}) != 1:
            return q
        picked.append(found[0].quantity)
    if len({(x.subject, x.metric) for x in picked}) != 1 or len({x.period for x in picked}) != len(picked):
        return q
    periods = [x.period for x in picked]
    return replace(q, subjects=[picked[0].subject], metric=picked[0].metric, amounts=[], periods=periods)


def _forecasters(r: Responder, q: Query) -> Query:
    firms = [s for s in q.subjects if r.k.entities.get(s) is not None and r.k.entities[s].kind == "analyst_firm"]
    if not firms or not (q.metric or len(q.subjects) > len(firms)):
        return q
    if any(r.available(f, q.metric) for f in firms):
        return q  # a firm with figures of its own is a subject like any other
    rest = [s for s in q.subjects if s not in firms]
    operands = [
        replace(o, subject=None) if o.subject in firms and o.amount is not None else o  # the figure stays
        for o in q.operands
        if o.subject not in firms or o.amount is not None
    ]
    concepts = [c for c in q.concepts if c not in firms]  # ("BI's number": whose forecast, not whose figure)
    return replace(q, subjects=rest, operands=operands, credited=firms, concepts=concepts)


def _people(r: Responder, q: Query) -> tuple[Query, str | None]:
    if not q.metric:
        return q, None
    swapped, notes = [], []
    for s in q.subjects:
        e = r.k.entities.get(s)
        if e is not None and e.kind == "person" and not r.available(s, q.metric):
            led = [org for org, facts in r.k.facts.items() if any(o == s for _, o in facts) and org in r.k.entities]
            led = [org for org in led if r.k.entities[org].kind in _ORGS]
            if len(led) == 1:
                swapped.append(led[0])
                notes.append(f"({r.label(led[0])}, which {e.label} leads.)")
                continue
        swapped.append(s)
    if swapped == q.subjects:
        return q, None
    subs = dict(zip(q.subjects, swapped, strict=True))
    operands = [replace(o, subject=subs.get(o.subject, o.subject)) if o.subject else o for o in q.operands]
    return replace(q, subjects=swapped, operands=operands), " ".join(notes)


_FIGURE_FOR = re.compile(r"\b(?:figure|number|forecast|projection)\s+(?:for|of)\b", re.IGNORECASE)
_FILED_WORDS = re.compile(r"\b(?:filed|filings?|10-?[kq]s?|actual(?:ly)?|sec|combined|together|sum|total)\b", re.I)


def _group_of_members(r: Responder, q: Query) -> tuple[Query, str | None]:
    if len(q.subjects) < 2 or q.intent not in ("sum", "value", "compare", "average", "change", "cagr", "difference"):
        return q, None
    named = set(q.subjects)
    for g in r.k.entities.values():
        if g.kind != "group" or set(g.members) != named:
            continue
        period = q.periods[0] if q.periods else None
        own = [s for s in q.subjects if q.metric and r.available(s, q.metric, period)]
        # "the 2025 spending figure for Amazon, Meta and Microsoft": one figure for the group they make up
        one_figure = _FIGURE_FOR.search(q.text) and not _FILED_WORDS.search(q.text)
        # ("... adding to capex in 2025 vs 2024? back it out from the 44%": the rate stated for the group)
        rates = [a for a in amounts_in(q.text) if 0 < abs(a) < 10]
        group_rate = any(rel.refs["to"].subject == g.iri for rel in r.changes_at_rates(rates))
        if own and not one_figure and not (group_rate and not _FILED_WORDS.search(q.text)):
            return q, None  # the members' own figures answer; the group's is another measure
        members = ", ".join(r.label(m) for m in g.members)
        note = f"{members} are the {g.label} the source names; this is the group's figure, not a sum of theirs."
        if len(q.periods) >= 2:  # "how many $ more are A, B and C putting in 2025 vs 2024": the group's change
            return replace(q, subjects=[g.iri], intent="change", operands=[]), note
        return replace(q, subjects=[g.iri], intent="value", measure=None, operands=[]), note
    return q, None
