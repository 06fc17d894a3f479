"""The quantities a question names, each as (subject, metric, period) with its place in the text.

"What % of the 2025 hyperscaler capex is Meta's H1 2025 AI capex?" names two quantities:
(hyperscalers, capex, 2025) and (Meta, AI capex, H1 2025). Each subject takes the metric
and the period written nearest to it, inside its own stretch of the question (between the
previous subject and the next one); "Meta's capex" binds the metric after the name a
little tighter than one before it. A written amount ("the $371bn") is a quantity too,
resolved later against the figures the graph holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.knowledge import Knowledge, Quantity
from kg.periods import Period

__all__ = ["Operand", "held_by_owner", "metric_of_amounts", "pair_operands"]


@dataclass(frozen=True)
class Operand:
    """One quantity named by the question; ``amount`` when it is written as a figure ('$371bn')."""

    start: int  # character offset in the question
    subject: str | None = None
    metric: str | None = None
    period: Period | None = None
    amount: float | None = None


#: Characters between a period and the name or metric it stands right before ("2025 capex").
_ADJACENT = 10
#: a verb of spending and the words before the period it was spent in: "spent in ", "went into capex during "
_SPENT_IN = re.compile(r"(?:spen[dt]|spending|invested|went)\w*\s+(?:\w+\s+){0,2}?(?:in|during|over|by)\s+", re.I)


#: What may stand between a name and the amount that is its figure: "AI ad uplift (>$200B)", "BI's $1.8T genAI".
#: ("the $525B of 2032 hyperscaler capex", "$1.8T 2032 gen-AI revenue": its year may stand between)
_BETWEEN = re.compile(r"^[\s(<>~≈'’s]*(?:(?:of|in)\s+)?(?:(?:19|20)\d\d\s+)?$")


def _describes(text: str, amount_at: int, name_at: int) -> bool:
    lo, hi = sorted((amount_at, name_at))
    if hi - lo > 40:
        return False
    between = text[lo:hi]
    if amount_at < name_at:  # "$1.8T genAI revenue": the amount's own digits, then the name
        between = re.sub(r"^\$?\s?[\d.,]+\s?(?:trillion|billion|million|bn|tn|[tbm%])?\+?", "", between, flags=re.I)
    else:  # "uplift (>$200B)", "Meta's $30.7B": the name's own words, then the amount
        between = re.sub(r"^(?:[\w.&-]+\s?){1,4}?(?=['’]s\b|\s*[(~≈]|\s*$)", "", between)
    return bool(_BETWEEN.match(between))


def _each_followed_by_its_period(
    text: str, ordered: list[tuple[int, str]], periods: list[tuple[int, Period]]
) -> dict[int, Period]:
    """'Apple FY25, Microsoft FY25, Nvidia FY26': when every name is followed by a period of its own
    before the next name (and nothing but the name between), each takes that period."""
    if len(ordered) < 2:
        return {}
    own: dict[int, Period] = {}
    first: dict[str, int] = {}
    for i, (pos, iri) in enumerate(ordered):
        nxt = ordered[i + 1][0] if i + 1 < len(ordered) else 10**9
        after = [
            (p, per) for p, per in periods if pos < p < nxt and p - pos <= 60 and not re.search(r"[,;:]", text[pos:p])
        ]
        if not after and iri in first:
            own[i] = own[first[iri]]  # "... how much more did Microsoft spend than Alphabet?": named again
            continue
        if len(after) != 1:
            return {}
        own[i] = after[0][1]
        first.setdefault(iri, i)
    return own


def pair_operands(
    text: str,
    subjects: list[tuple[int, str]],
    metrics: list[tuple[int, str]],
    periods: list[tuple[int, Period]],
    amounts: list[tuple[int, float]],
) -> list[Operand]:
    """Operands in text order; each subject with its metric and period (see the module docstring)."""
    out: list[Operand] = []
    ordered = sorted(subjects)
    taken: set[int] = set()
    chosen_metrics: list[tuple[int, str] | None] = []
    for i, (pos, _iri) in enumerate(ordered):
        prev = ordered[i - 1][0] if i else -1
        nxt = ordered[i + 1][0] if i + 1 < len(ordered) else 10**9
        after = [(p, m) for p, m in metrics if pos < p < nxt and p not in taken]
        before = [(p, m) for p, m in metrics if prev < p < pos and p not in taken]
        chosen = after[0] if after else (before[-1] if before else None)
        if chosen is not None:
            taken.add(chosen[0])
        chosen_metrics.append(chosen)
    # "hyperscalers' 2025 capex is Meta's AI capex in H1 2025": a period written right by a
    # subject's metric or name is that subject's; the others take the nearest period left
    own: dict[int, Period] = _each_followed_by_its_period(text, ordered, periods)
    for i, (pos, _iri) in enumerate(ordered if not own else []):
        metric_at = chosen_metrics[i]
        anchors = [pos] if metric_at is None else [pos, metric_at[0]]
        for p, per in periods:
            if any(0 < a - p <= _ADJACENT for a in anchors) and per not in own.values():
                own[i] = per
                break
    used = set(own.values())
    for i, (pos, iri) in enumerate(ordered):
        prev = ordered[i - 1][0] if i else -1
        nxt = ordered[i + 1][0] if i + 1 < len(ordered) else 10**9
        period = own.get(i)
        if period is None:
            free = [(abs(p - pos) - (0.5 if p > pos else 0), per) for p, per in periods if prev < p < nxt]
            free = [x for x in free if x[1] not in used] or free
            period = min(free, key=lambda x: x[0])[1] if free else None
        chosen = chosen_metrics[i]
        out.append(Operand(pos, iri, chosen[1] if chosen else None, period))
    if ordered:
        # "incremental AI ad spend as a % of genAI revenue": a metric no subject took is a quantity too
        out.extend(
            Operand(p, None, m, next((per for pp, per in periods if 0 < p - pp <= _ADJACENT), None))
            for p, m in metrics
            if p not in taken and p < ordered[0][0]
        )
    after = [(p, m) for p, m in metrics if p not in taken and ordered and p > ordered[0][0]]
    if len(ordered) == 1 and after:
        # "what % of Meta's 2024 revenue went to capex": one subject, a quantity for each metric
        # each with the period written right before its metric ("the 2032 spend ... the 2025 spend")
        only = out[-1] if out[-1].subject else out[0]
        own_metric = chosen_metrics[0]
        named = sorted([*after, *([own_metric] if own_metric else [])])

        def written_by(at: int) -> Period | None:
            before = next((per for pp, per in periods if 0 < at - pp <= _ADJACENT), None)
            # ("... of its 2025 capex was spent in the first half": the period after the verb)
            after = next((per for pp, per in periods if 0 < pp - at <= 30 and _SPENT_IN.fullmatch(text[at:pp])), None)
            return before or after

        # the subject's own metric stands where the subject is written ("the $1.8T genAI revenue")
        out = [o for o in out if o.subject is None] + [
            Operand(only.start if (p, m) == own_metric else p, only.subject, m, written_by(p) or only.period)
            for p, m in named
        ]
    # "AI ad uplift (>$200B)", "BI's $1.8T genAI revenue": a written amount right by a name is that
    # name's figure, and identifies it better than the name does
    figures = []
    for pos, v in amounts:
        owners = [o for o in out if o.amount is None and _describes(text, pos, o.start)]
        # "BI's $1.8T genAI revenue": the name the amount stands before is whose figure it is
        # (else the nearest name before it: "... total does Meta's $30.7B" is Meta's, not the total's)
        owner = next((o for o in owners if o.start > pos), max(owners, key=lambda o: o.start) if owners else None)
        # the amount keeps what its name says (whose figure, of what, when) to find the right one
        figures.append(Operand(pos, owner.subject, owner.metric, owner.period, v) if owner else Operand(pos, amount=v))
    out = [o for o in out if not any(_describes(text, a, o.start) for a, _ in amounts)]
    out.extend(figures)
    return sorted(out, key=lambda o: o.start)


#: Kinds of subject that hold figures of their own: never the owner of a metric paired with another
_ORGANISATIONS = frozenset({"company", "group", "ai_lab", "analyst_firm", "publisher", "person"})


def held_by_owner(k: Knowledge, operands: list[Operand]) -> list[Operand]:
    """'hyperscaler capex vs AI ad-spend uplift': a metric the subject it was paired with has no
    figures of, but exactly one other subject has, is that subject's (AI-driven advertising's)."""
    series = k.series()
    out = []
    for o in operands:
        # (only a metric paired with a subject named for another quantity, and never an organisation's:
        # "Amazon's AI capex" stays Amazon's, and unknown, though Meta has one)
        paired = sum(x.subject == o.subject for x in operands) > 1
        if paired and o.subject and o.metric and o.metric not in series.get(o.subject, {}):
            holders = [s for s, metrics in series.items() if o.metric in metrics]
            owner = k.entities.get(holders[0]) if len(holders) == 1 else None
            if owner is not None and owner.kind not in _ORGANISATIONS:
                o = replace(o, subject=holders[0])
        out.append(o)
    return out


def listed_with_owner(
    k: Knowledge, operands: list[Operand], metrics: list[tuple[int, str]], period: Period | None
) -> list[Operand]:
    """'rank the 2032 forecasts: genAI revenue, hyperscaler capex, incremental ad spend': in a list of
    quantities, a metric named with no subject of its own is the one subject's that holds it."""
    if len(operands) < 2:
        return operands
    used = {o.metric for o in operands}
    series = k.series()
    out = list(operands)
    for at, metric in metrics:
        if metric in used or any(o.start == at for o in out):
            continue
        holders = [s for s, held in series.items() if metric in held]
        owner = k.entities.get(holders[0]) if len(holders) == 1 else None
        if owner is not None and owner.kind not in _ORGANISATIONS:
            out.append(Operand(at, holders[0], metric, period))
            used.add(metric)
    return sorted(out, key=lambda o: o.start)


def metric_of_amounts(k: Knowledge, subjects: list[str], periods: list[Period], amounts: list[float]) -> str | None:
    """The one metric of which a subject has a stated figure, in a period asked, within 5% of an amount
    written in the question (None when there is no such metric, or more than one)."""
    found, close = set(), set()
    for s in subjects:
        for metric, held in k.series().get(s, {}).items():
            for p in set(periods) & held:
                values = [o.value.value for o in k.by_quantity.get(Quantity(s, metric, p), [])]
                if any(abs(v - a) <= 0.05 * abs(a) for v in values for a in amounts if a):
                    found.add(metric)
                if any(abs(v - a) <= 0.005 * abs(a) for v in values for a in amounts if a):
                    close.add(metric)  # ("30.7bn": the AI capex of exactly that, not the filed $29.5B near it)
    if len(found) > 1 and len(close) == 1:
        return close.pop()
    return found.pop() if len(found) == 1 else None


def kin_of_amounts(k: Knowledge, subjects: list[str], periods: list[Period], amounts: list[float]) -> str | None:
    """'Did Amazon, Meta and Microsoft together hit the 371B per their filings?': the amount is another
    subject's figure (the group's spending); the measure the subjects hold in common that is of the
    same kind (the same broader measure), when there is exactly one."""
    owners = {
        metric
        for s, series in k.series().items()
        if s not in subjects
        for metric, held in series.items()
        for p in set(periods) & held
        for o in k.by_quantity.get(Quantity(s, metric, p), [])
        if any(a and abs(o.value.value - a) <= 0.005 * abs(a) for a in amounts)
    }
    kinds = {b for m in owners if m in k.entities for b in k.entities[m].broader}
    held = [set(k.series().get(s, {})) for s in subjects]
    common = set.intersection(*held) if held else set()
    kin = [m for m in common if m in kinds or (m in k.entities and set(k.entities[m].broader) & kinds)]
    return kin[0] if len(kin) == 1 else None
