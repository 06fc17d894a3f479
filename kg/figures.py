"""Reading figures for answers: series, filed vs stated, and sums over a group's members.

- :func:`series` — a subject's values of one metric, stated or derived, ordered by period
  end, optionally only quarters or only twelve-month periods ("the latest few figures");
- :func:`reconcile` — every quantity that a filing and another source both state, with
  whether they agree within the other source's qualifier ("nearly $40B" against the
  10-Q's 39.643B agrees), and figures of a narrower metric for the same company and
  period (the article's "AI capex" beside the filed cash capex), which are never compared;
- :func:`members_total` — the sum of a group's members' figures for a period, with the
  members that have one, those that have none, and whether the membership is complete,
  so a group forecast can be set against what its named members filed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fiscal import fiscal_calendar, period_label
from .knowledge import Knowledge, Observation, Quantity
from .periods import Period
from .reasoning import Derivations
from .values import Value

__all__ = ["MembersTotal", "Point", "Reconciliation", "members_total", "reconcile", "series"]


@dataclass(frozen=True)
class Point:
    """One value of a series: ``status`` is 'reported', 'forecast', 'derived', ..."""

    period: Period
    label: str  # the period as the subject's calendar names it: "Q1 FY2026 (Jul – Sep 2025)"
    value: Value
    status: str
    observation: Observation | None  # the stated fact (None when derived)


def _days(p: Period) -> int:
    return 0 if p.start is None or p.end is None else (p.end - p.start).days + 1


def series(k: Knowledge, d: Derivations, subject: str, metric: str, *, span: str | None = None) -> list[Point]:
    """Values of ``metric`` for ``subject``, oldest first; ``span`` 'quarter' or 'year' keeps
    only periods of about three or twelve months."""
    cal = fiscal_calendar(k, subject)
    keys = {q for q in d.stated if q.subject == subject and q.metric == metric}
    keys |= {q for q in d.derived if q.subject == subject and q.metric == metric}
    out = []
    for q in keys:
        if q.period.is_vague:
            continue
        n = _days(q.period)
        if (span == "quarter" and not 84 <= n <= 98) or (span == "year" and not 357 <= n <= 373):
            continue
        found = d.value(q)
        if found is None:
            continue
        obs = d.stated.get(q)
        out.append(Point(q.period, period_label(cal, q.period), found[0], found[1], obs[0] if obs else None))
    return sorted(out, key=lambda p: (p.period.end, p.period.start))


@dataclass(frozen=True)
class Reconciliation:
    """A filed figure set against another source's figure for the same company and period.

    ``relation`` is 'same_quantity' (same metric: ``consistent`` tells whether the values
    agree within the other figure's qualifier) or 'narrower_metric' (the other figure
    measures part of the filed metric, e.g. AI capex within capex: never compared,
    ``consistent`` is None).
    """

    quantity: Quantity  # of the filed figure
    filed: Observation
    other: Observation
    relation: str
    consistent: bool | None
    difference: float | None  # filed - other, same metric only


def _broader(k: Knowledge, metric: str) -> set[str]:
    seen, stack = set(), [metric]
    while stack:
        e = k.entities.get(stack.pop())
        for b in e.broader if e else ():
            if b not in seen:
                seen.add(b)
                stack.append(b)
    return seen


def reconcile(k: Knowledge, subject: str | None = None) -> list[Reconciliation]:
    """Filed figures and other sources' figures about the same company and period."""
    out: list[Reconciliation] = []
    filed = {q: o for q, obs in k.by_quantity.items() for o in obs if o.from_filing}
    for q, obs in k.by_quantity.items():
        if subject is not None and q.subject != subject:
            continue
        for other in obs:
            if other.from_filing:
                continue
            same = filed.get(q)
            if same is not None:
                agree = other.value.overlaps(same.value)
                out.append(Reconciliation(q, same, other, "same_quantity", agree, same.value.value - other.value.value))
            for broader in _broader(k, q.metric):
                wider = filed.get(Quantity(q.subject, broader, q.period))
                if wider is not None:
                    out.append(Reconciliation(wider.quantity, wider, other, "narrower_metric", None, None))
    return sorted(out, key=lambda r: (r.quantity.subject, r.quantity.metric, r.quantity.period.slug, r.other.iri))


@dataclass(frozen=True)
class MembersTotal:
    """The sum of a group's members' figures for one metric and period."""

    group: str
    metric: str
    period: Period
    total: Value | None  # None when no member has a figure
    parts: tuple[tuple[str, Value, str], ...]  # (member, value, status) of members with a figure
    missing: tuple[str, ...]  # members without one
    complete: bool  # the group's membership is declared complete and no member is missing
    group_value: tuple[Value, str] | None  # the group's own figure, if any (a forecast, say)


def members_total(
    k: Knowledge, d: Derivations, group: str, metric: str, period: Period, *, member_metric: str | None = None
) -> MembersTotal:
    """Add up what the members of ``group`` report for ``metric`` (or ``member_metric``) in ``period``.

    A group's figure is never a member's, and the sum of its named members is not the
    group's figure unless its membership is complete: ``complete`` says which. With
    ``member_metric`` the members' figures are of another metric than the group's own
    (``group_value``): the article's hyperscaler data-centre spending against the
    members' filed capex.
    """
    g = k.entities[group]
    parts, missing = [], []
    for member in g.members:
        found = d.value(Quantity(member, member_metric or metric, period))
        if found is None:
            missing.append(member)
        else:
            parts.append((member, found[0], found[1]))
    total: Value | None = None
    for _, v, _ in parts:
        total = v if total is None else total.add(v)
    own = d.value(Quantity(group, metric, period))
    complete = g.membership_complete and not missing
    return MembersTotal(group, metric, period, total, tuple(parts), tuple(missing), complete, own)
