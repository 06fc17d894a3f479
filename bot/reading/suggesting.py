"""The facts to offer when a question cannot be answered: the nearest ones the graph holds."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from kg.knowledge import Quantity

from .query import Query

if TYPE_CHECKING:
    from .facts import Responder


def nearest_facts(r: Responder, q: Query, limit: int = 5) -> list[str]:
    """Up to ``limit`` facts the graph holds nearest to what was asked, as one line each: the
    question's own subjects first, then the same metric and period, the same metric, the same period."""
    subjects = set(q.subjects)
    metrics = set()
    if q.metric:
        metrics = {q.metric, *r.narrower_metrics(q.metric)}
        e = r.k.entities.get(q.metric)
        if e:
            metrics.update(e.broader)
    periods = list(dict.fromkeys(q.periods))
    everything = r._all

    def score(i: int) -> int:
        x = everything[i]
        return 3 * (x.subject in subjects) + 2 * (x.metric in metrics) + (x.period in periods)

    def usable(i: int) -> bool:  # another subject's figure, not a change between periods
        x = everything[i]
        return x.subject not in subjects and not x.period.is_change

    def others(pools: list[list[int]], keep: Callable[[Quantity], bool]) -> Iterator[int]:
        last = -1
        for i in heapq.merge(*pools):
            if i != last and usable(i) and keep(everything[i]):
                yield i
            last = i

    # Quantities that share the question's subject, metric or period, best score first, then
    # stated before derived, in graph order. Another subject's quantity scores 3 at most, so
    # the indexes are only walked (lazily) when the question's own subjects leave room.
    asked = [p for p in periods if p.end is not None]

    def nearness(i: int) -> tuple[int, int]:
        """Same kind of period first ('2021' for '2022', not 'Q1 2012'), then the nearest in time."""
        p = everything[i].period
        if not asked or p.end is None:
            return (0, 0)
        return (
            min(int(p.kind != a.kind) for a in asked),
            min(abs((p.end - a.end).days) for a in asked if a.end is not None),
        )

    own = sorted(
        {i for s in subjects for i in r._by_subject.get(s, ()) if not everything[i].period.is_change},
        key=lambda i: (-score(i), *nearness(i), i),
    )
    chosen = [i for i in own if score(i) > 3][:limit]
    metric_pools = [r._by_metric.get(m, []) for m in metrics]
    period_pools = [r._by_period.get(p, []) for p in periods]
    if sum(map(len, period_pools)) < sum(map(len, metric_pools)):  # same metric and period: walk the fewer
        same = others(period_pools, lambda x: x.metric in metrics)
    else:
        same = others(metric_pools, lambda x: x.period in periods)
    tiers = [
        ([i for i in own if score(i) == 3], same),
        ([], others(metric_pools, lambda x: x.period not in periods)),
        ([], others(period_pools, lambda x: x.metric not in metrics)),
    ]
    for mine, theirs in tiers:
        need = limit - len(chosen)
        if need <= 0:
            break
        chosen += sorted([*mine[:need], *itertools.islice(theirs, need)])[:need]
    out: list[str] = []
    for i in chosen:
        f = r.fact(everything[i])
        if f is not None:
            text = f"{r.qlabel(f.quantity)}: {r.fmt(f)} ({f.status})"
            if text not in out:
                out.append(text)
    if not out:
        out = [f"{r.qlabel(f.quantity)}: {r.fmt(f)} ({f.status})" for f in r.available()[:limit]]
    return out
