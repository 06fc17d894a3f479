"""Reasoning: the values the sources imply but do not state.

Stated relations become equations over quantities (subject, metric, period):

- a change between periods: ``to = from x (1 + rate)``, ``to = from x multiple``,
  ``to = from + difference``, or, when the source gives both ends but no rate,
  ``change = to - from``;
- a share of a whole: ``part = share x whole``;
- period composition for additive metrics: a year is its halves and its quarters,
  a half its quarters, and a longer year-to-date period the shorter one plus the rest;
- a group total is the sum of its members, only when membership is declared complete.

Quantities and equations form a bipartite NetworkX graph. :func:`derive` propagates to
a fixed point: an equation with exactly one unknown is solved for it; an equation
whose quantities are all known is checked, and values that disagree beyond their
qualifiers' slack are reported as a :class:`Conflict`. :func:`explain` returns the
derivation of a quantity as a tree that ends in quoted sources.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .fiscal import FiscalCalendar, fiscal_calendar, period_label, period_node_label
from .format import format_value
from .knowledge import Knowledge, Observation, Quantity, Relation
from .namespaces import ID, KG, PROV, QB, RDF, RDFS, SDMX_ATTR, XSD
from .periods import Period
from .values import Value
from .vintage import restatement_gap, same_basis

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Conflict",
    "Derivation",
    "Derivations",
    "Equation",
    "Tree",
    "change_period",
    "derive",
    "derived_quads",
    "explain",
    "restatement_gap",
    "same_basis",
]


def change_period(first: Period, last: Period) -> Period:
    """The key of 'the change from ``first`` to ``last``' (not a period of time itself)."""
    return Period.change(first, last)


@dataclass(frozen=True)
class Equation:
    """One equation over quantities. ``kind`` names its form; ``roles`` name its terms."""

    id: str
    kind: str  # rate | multiple | difference | change | share | ratio | sum
    quantities: tuple[Quantity, ...]
    roles: tuple[str, ...]
    constant: Value | None = None
    relation: Relation | None = None
    reason: str = ""
    total_name: str = ""

    def solve(self, target: Quantity, known: dict[Quantity, Value]) -> tuple[Value, str]:
        """Value of ``target`` from the other quantities, and the formula used."""
        role = self.roles[self.quantities.index(target)]
        v = {r: known[q] for r, q in zip(self.roles, self.quantities, strict=True) if q != target}
        c = self.constant
        if self.kind in ("rate", "multiple", "difference"):
            assert c is not None
            if self.kind == "rate":
                factor = Value(1.0).add(c, unit="multiple")
                if role == "to":
                    return v["from"].multiply(factor), f"to = from x (1 + {format_value(c)})"
                return v["to"].divide(factor), f"from = to / (1 + {format_value(c)})"
            if self.kind == "multiple":
                if role == "to":
                    return v["from"].multiply(c, unit=v["from"].unit), f"to = from x {format_value(c)}"
                return v["to"].divide(c, unit=v["to"].unit), f"from = to / {format_value(c)}"
            if role == "to":
                return v["from"].add(c), f"to = from + {format_value(c)}"
            return v["to"].subtract(c), f"from = to - {format_value(c)}"
        if self.kind == "change":
            if role == "change":
                return v["to"].subtract(v["from"]), "change = to - from"
            if role == "to":
                return v["from"].add(v["change"]), "to = from + change"
            return v["to"].subtract(v["change"]), "from = to - change"
        if self.kind == "share":
            if role == "part":
                return v["share"].multiply(v["whole"], unit=v["whole"].unit), "part = share x whole"
            if role == "whole":
                return v["part"].divide(v["share"], unit=v["part"].unit), "whole = part / share"
            return v["part"].divide(v["whole"], unit="ratio"), "share = part / whole"
        if self.kind == "ratio":  # roles: ratio, numerator, denominator
            name, num, den = self.total_name or "ratio", self.roles[1], self.roles[2]
            if role == "ratio":
                return v[num].divide(v[den], unit="ratio"), f"{name} = {num} / {den}"
            if role == num:
                return v["ratio"].multiply(v[den], unit=v[den].unit), f"{num} = {name} x {den}"
            return v[num].divide(v["ratio"], unit=v[num].unit), f"{den} = {num} / {name}"
        if self.kind == "sum":
            parts = [v[r] for r in self.roles[1:] if r in v]
            total_name = self.total_name or "total"
            if role == "total":
                total = parts[0]
                for p in parts[1:]:
                    total = total.add(p)
                return total, f"{total_name} = " + " + ".join(self.roles[1:])
            rest = v["total"]
            for p in parts:
                rest = rest.subtract(p)
            others = [r for r in self.roles[1:] if r != role]
            return rest, f"{role} = {total_name} - " + " - ".join(others)
        raise ValueError(f"unknown equation kind {self.kind!r}")


@dataclass(frozen=True)
class Derivation:
    """A derived value: the equation that gave it and the quantities it used."""

    quantity: Quantity
    value: Value
    equation: Equation
    inputs: tuple[Quantity, ...]
    formula: str
    basis: frozenset[str]  # statuses of the stated facts it rests on

    @property
    def iri(self) -> str:
        return derived_iri(self.quantity)


@dataclass(frozen=True)
class Conflict:
    """Two values for one quantity that disagree beyond their qualifiers' slack."""

    quantity: Quantity
    known: Value
    computed: Value
    equation: Equation
    formula: str
    known_origin: str  # "stated" | "derived"


@dataclass
class Tree:
    """The explanation of a value: a node per quantity, leaves at quoted sources."""

    quantity: Quantity | None
    value: Value | None
    status: str
    formula: str | None = None
    observation: Observation | None = None
    relation: Relation | None = None
    children: list[Tree] = field(default_factory=list)

    def leaves(self) -> Iterator[Tree]:
        if not self.children:
            yield self
        for c in self.children:
            yield from c.leaves()


@dataclass
class Derivations:
    """The result of reasoning over one knowledge snapshot.

    ``graph`` (quantities and equations, bipartite) and ``dag`` (each derived quantity
    from its inputs) are built when first asked for, unless reasoning left them behind.
    """

    stated: dict[Quantity, list[Observation]]
    derived: dict[Quantity, Derivation]
    conflicts: list[Conflict]
    equations: list[Equation]
    _graph: nx.Graph | None = field(default=None, repr=False, compare=False)
    _dag: nx.DiGraph | None = field(default=None, repr=False, compare=False)
    _linked: dict[Quantity, list[Equation]] | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, object]:
        # the graphs are rebuilt on demand: a pickle (kg.knowledge_cache) need not carry
        # them, nor its reader import networkx
        return {**self.__dict__, "_graph": None, "_dag": None, "_linked": None}

    @property
    def linked(self) -> dict[Quantity, list[Equation]]:
        """Each quantity's equations, in the order of :attr:`equations` (do not modify)."""
        if self._linked is None:
            linked: dict[Quantity, list[Equation]] = {}
            for eq in self.equations:
                for q in eq.quantities:
                    linked.setdefault(q, []).append(eq)
            self._linked = linked
        return self._linked

    @property
    def graph(self) -> nx.Graph:
        if self._graph is None:
            self._graph = _bipartite(self.equations)
        return self._graph

    @property
    def dag(self) -> nx.DiGraph:
        if self._dag is None:
            import networkx as nx

            dag = nx.DiGraph()
            for target, der in self.derived.items():
                for q in der.inputs:
                    dag.add_edge(q, target, equation=der.equation.id)
            self._dag = dag
        return self._dag

    def value(self, q: Quantity) -> tuple[Value, str] | None:
        """The value of a quantity and its status ('reported', 'forecast', 'derived', ...)."""
        obs = self.stated.get(q)
        if obs:
            return obs[0].value, obs[0].status
        d = self.derived.get(q)
        if d is not None:
            return d.value, "derived"
        return None


# ---------------------------------------------------------------- building equations


def _best(observations: list[Observation]) -> list[Observation]:
    order = {"exact": 0, "at_least": 1, "at_most": 1, "nearly": 1, "approximately": 2}
    return sorted(observations, key=lambda o: (order[o.value.qualifier], o.iri))


def _eq_id(kind: str, *parts: object) -> str:
    return kind + ":" + hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:12]


def _relation_equations(rel: Relation) -> list[Equation]:
    if rel.kind == "share":
        qs = (rel.refs["part"], rel.refs["share"], rel.refs["whole"])
        return [
            Equation(
                _eq_id("share", rel.iri),
                "share",
                qs,
                ("part", "share", "whole"),
                relation=rel,
                reason="share of a whole",
            )
        ]
    a, b = rel.refs["from"], rel.refs["to"]
    out = []
    for kind, const in (("rate", rel.rate), ("multiple", rel.multiple), ("difference", rel.difference)):
        if const is not None:
            out.append(
                Equation(
                    _eq_id(kind, rel.iri),
                    kind,
                    (a, b),
                    ("from", "to"),
                    const,
                    rel,
                    reason=f"stated {kind} between periods",
                )
            )
    # the change itself is a quantity too
    delta = Quantity(b.subject, b.metric, change_period(a.period, b.period))
    out.append(
        Equation(
            _eq_id("change", rel.iri),
            "change",
            (a, b, delta),
            ("from", "to", "change"),
            relation=rel,
            reason="change between periods",
        )
    )
    return out


@functools.lru_cache(maxsize=1 << 16)
def _parents(p: Period, fiscal_end: int) -> tuple[Period, ...]:
    """The calendar and fiscal years (and their halves and quarters) that contain ``p``."""
    if p.start is None or p.end is None:
        return ()
    out = []
    for end_month in {12, fiscal_end}:
        for year in (p.start.year, p.start.year + 1):
            fy = Period.fiscal_year(year, end_month)
            if fy.contains(p) and fy != p:
                out.append(fy)
                for chunk in fy.parts():
                    out.extend(x for x in chunk if x.contains(p) and x != p)
    return tuple(out)


def _half_of(short: Period, long: Period) -> bool:
    """``short`` is the first half of ``long`` (same start, about half the days)."""
    assert short.start is not None and short.end is not None and long.end is not None
    return abs(2 * (short.end - short.start).days - (long.end - short.start).days) <= 10


def _composition_equations(k: Knowledge, present: dict[tuple[str, str], set[Period]]) -> list[Equation]:
    out: list[Equation] = []
    seen: set[str] = set()
    for (subject, metric), periods in present.items():
        m = k.entities.get(metric)
        if m is not None and not m.additive:
            continue
        if m is None or m.unit not in (None, "USD"):
            continue
        ent = k.entities.get(subject)
        fiscal_end = ent.fiscal_end_month if ent else 12
        cal = fiscal_calendar(k, subject)

        def name(p: Period, cal: FiscalCalendar = cal) -> str:
            return period_label(cal, p)

        dated = {p for p in periods if not p.is_vague}
        candidates = set(dated)
        for p in dated:
            candidates.update(_parents(p, fiscal_end))
        for parent in candidates:
            for chunk in parent.parts():
                terms = [parent, *chunk]
                if sum(t in dated for t in terms) < len(chunk):
                    continue
                eid = _eq_id("sum", subject, metric, parent.slug, *(c.slug for c in chunk))
                if eid in seen or not same_basis(k, (Quantity(subject, metric, t) for t in terms)):
                    continue
                seen.add(eid)
                qs = tuple(Quantity(subject, metric, t) for t in terms)
                roles = ("total", *(name(t) for t in chunk))
                out.append(
                    Equation(
                        eid, "sum", qs, roles, reason=f"{name(parent)} is the sum of its parts", total_name=name(parent)
                    )
                )
        # year-to-date chains: a longer period from the same start = the shorter + the rest
        by_start: dict[object, list[Period]] = {}
        for p in dated:
            by_start.setdefault(p.start, []).append(p)
        for same in by_start.values():
            same.sort(key=lambda p: p.end)  # type: ignore[arg-type, return-value]
            # each period with the next one, and a year with its first half (the second half is the rest,
            # on a 52/53-week calendar too, where the year's month-based halves are not the filed ones)
            halves = [(s, lg) for s, lg in itertools.combinations(same, 2) if _half_of(s, lg)]
            for short, long in dict.fromkeys([*pairwise(same), *halves]):
                assert short.end is not None and long.end is not None
                rest = Period.from_dates(short.end + timedelta(days=1), long.end)
                eid = _eq_id("sum", subject, metric, long.slug, short.slug, rest.slug)
                qs = (
                    Quantity(subject, metric, long),
                    Quantity(subject, metric, short),
                    Quantity(subject, metric, rest),
                )
                if eid in seen or not same_basis(k, qs):
                    continue
                seen.add(eid)
                out.append(
                    Equation(
                        eid,
                        "sum",
                        qs,
                        ("total", name(short), name(rest)),
                        reason=f"{name(long)} is {name(short)} plus {name(rest)}",
                        total_name=name(long),
                    )
                )
    return out


def _group_equations(k: Knowledge, present: dict[tuple[str, str], set[Period]]) -> list[Equation]:
    out = []
    for g in k.entities.values():
        if not (g.membership_complete and g.members):
            continue
        keys: set[tuple[str, Period]] = set()
        for (subject, metric), periods in present.items():
            if subject == g.iri or subject in g.members:
                m = k.entities.get(metric)
                if m is not None and not m.additive:
                    continue
                keys.update((metric, p) for p in periods)
        for metric, period in sorted(keys, key=lambda x: (x[0], x[1].slug)):
            qs = (Quantity(g.iri, metric, period), *(Quantity(mem, metric, period) for mem in g.members))
            roles = ("total", *(k.label(mem) for mem in g.members))
            out.append(
                Equation(
                    _eq_id("sum", g.iri, metric, period.slug),
                    "sum",
                    qs,
                    roles,
                    reason=f"{g.label} is exactly {', '.join(roles[1:])} (membership complete)",
                    total_name=g.label,
                )
            )
    return out


def equations(k: Knowledge) -> list[Equation]:
    """Every equation the knowledge implies."""
    present: dict[tuple[str, str], set[Period]] = {}
    for q in k.by_quantity:
        present.setdefault((q.subject, q.metric), set()).add(q.period)
    out: list[Equation] = []
    for rel in k.relations:
        out.extend(_relation_equations(rel))
        for q in rel.refs.values():
            present.setdefault((q.subject, q.metric), set()).add(q.period)
    out.extend(_composition_equations(k, present))
    out.extend(_group_equations(k, present))
    from .series import series_equations

    out.extend(series_equations(k, present))
    return out


# ---------------------------------------------------------------- propagation


def derive(k: Knowledge) -> Derivations:
    """Propagate every equation to a fixed point; report conflicts."""
    return propagate(k, equations(k), {q: _best(obs) for q, obs in k.by_quantity.items()})


def _bipartite(eqs: list[Equation]) -> nx.Graph:
    import networkx as nx

    graph = nx.Graph()
    for eq in eqs:
        graph.add_node(eq.id, bipartite=1, equation=eq)
        for q in eq.quantities:
            graph.add_node(q, bipartite=0)
            graph.add_edge(q, eq.id)
    return graph


def propagate(k: Knowledge, eqs: list[Equation], stated: dict[Quantity, list[Observation]]) -> Derivations:
    """Solve ``eqs`` to a fixed point from the ``stated`` values (best first); check the rest.

    Equations are taken in their order, and each one solved queues its neighbours, so the
    result for one connected part of the equations depends only on that part's equations
    and their order: :mod:`kg.incremental` re-derives one part alone.
    """
    known: dict[Quantity, Value] = {q: obs[0].value for q, obs in stated.items()}
    statuses_of: dict[str, frozenset[str]] = {}
    basis: dict[Quantity, frozenset[str]] = {}
    for q, obs in stated.items():
        status = obs[0].status
        b = statuses_of.get(status)
        if b is None:
            b = statuses_of[status] = frozenset({status})
        basis[q] = b
    derived: dict[Quantity, Derivation] = {}
    conflicts: list[Conflict] = []
    by_id = {eq.id: eq for eq in eqs}
    # the equation graph as adjacency lists, made once: a quantity's equations in order
    # (by id, the last equation of an id standing for it when it is queued)
    linked: dict[Quantity, list[Equation]] = {}
    for eq in eqs:
        for q in eq.quantities:
            of_q = linked.get(q)
            if of_q is None:
                linked[q] = [eq]
            else:
                of_q.append(eq)

    # two stated values for one quantity must agree too
    for q, obs in stated.items():
        for other in obs[1:]:
            if not obs[0].value.overlaps(other.value):
                eq = Equation(_eq_id("same", q, other.iri), "same", (q,), ("value",), reason="stated twice")
                conflicts.append(Conflict(q, obs[0].value, other.value, eq, "stated by two sources", "stated"))

    # equations that mix a restated filed figure with figures filed before the restatement
    # run last, and what they give is approximate (by the size of the restatement)
    gaps: dict[str, float] = {}
    if any(o.restated_from for o in k.observations):
        gaps = {eq.id: gap for eq in eqs if (gap := restatement_gap(k, eq)) is not None}
    checked: set[str] = set()
    for phase in ("same vintage", "all"):
        everything = phase == "all"
        allowed = eqs if everything or not gaps else [eq for eq in eqs if eq.id not in gaps]
        queue = deque(allowed)
        queued = {eq.id for eq in allowed}
        while queue:
            eq = queue.popleft()
            eid = eq.id
            queued.discard(eid)
            unknown = [q for q in eq.quantities if q not in known]
            if len(unknown) == 1:
                target = unknown[0]
                try:
                    value, formula = eq.solve(target, known)
                except (ZeroDivisionError, ValueError):
                    continue
                if eid in gaps and value.qualifier == "exact":
                    gap = gaps[eid]
                    value = Value(value.value, value.unit, "approximately", value.value - gap, value.value + gap)
                    formula += " (mixes a restated figure with figures filed before the restatement)"
                inputs = tuple(q for q in eq.quantities if q != target)
                if not inputs:
                    statuses: frozenset[str] = frozenset()
                else:
                    statuses = basis[inputs[0]]
                    for q in inputs[1:]:
                        if basis[q] is not statuses:
                            statuses = statuses | basis[q]
                if eq.relation is not None and eq.relation.status and eq.relation.status not in statuses:
                    statuses = statuses | {eq.relation.status}
                known[target] = value
                basis[target] = statuses
                derived[target] = Derivation(target, value, eq, inputs, formula, statuses)
                for neighbour in linked.get(target, ()):
                    nb = neighbour.id
                    if nb != eid and nb not in queued and (everything or nb not in gaps):
                        queue.append(by_id[nb])
                        queued.add(nb)
                if eid not in queued:
                    queue.append(eq)
                    queued.add(eid)
            elif not unknown and everything and eid not in checked:
                checked.add(eid)
                conflict = _check(eq, known, stated, derived)
                if conflict is not None:
                    conflicts.append(conflict)
    # the equation graph and the derivation DAG are built when asked for (most never are)
    return Derivations(stated, derived, conflicts, eqs, _linked=linked)


def _check(
    eq: Equation,
    known: dict[Quantity, Value],
    stated: dict[Quantity, list[Observation]],
    derived: dict[Quantity, Derivation],
) -> Conflict | None:
    """Check an equation whose quantities are all known; a stated term is checked first."""
    order = sorted(eq.quantities, key=lambda q: (q not in stated, q in derived and derived[q].equation.id == eq.id))
    for target in order:
        if target in derived and derived[target].equation.id == eq.id:
            continue
        try:
            computed, formula = eq.solve(target, known)
        except (ZeroDivisionError, ValueError):
            return None
        if not known[target].overlaps(computed):
            return Conflict(target, known[target], computed, eq, formula, "stated" if target in stated else "derived")
        return None
    return None


# ---------------------------------------------------------------- explanation


def explain(k: Knowledge, d: Derivations, q: Quantity, _depth: int = 0) -> Tree:
    """The derivation of ``q`` as a tree whose leaves are stated facts with their quotes."""
    obs = d.stated.get(q)
    if obs:
        return Tree(q, obs[0].value, obs[0].status, observation=obs[0])
    der = d.derived.get(q)
    if der is None or _depth > 50:
        return Tree(q, None, "unknown")
    children = [explain(k, d, i, _depth + 1) for i in der.inputs]
    rel = der.equation.relation
    if rel is not None:
        children.append(Tree(None, der.equation.constant, rel.status or "reported", relation=rel))
    return Tree(q, der.value, "derived", formula=der.formula, children=children)


# ---------------------------------------------------------------- materialisation


def derived_iri(q: Quantity) -> str:
    h = hashlib.sha1(f"{q.subject}|{q.metric}|{q.period.slug}".encode()).hexdigest()[:16]
    return f"{ID}derived/{h}"


def _period_iri(k: Knowledge, p: Period, cache: dict[Period, str]) -> tuple[str, bool]:
    if not cache:
        for iri, per in k.periods.items():
            cache.setdefault(per, iri)
    if p in cache:
        return cache[p], False
    iri = f"{ID}period/{p.slug.replace('>', '').replace(' ', '-')}"
    cache[p] = iri
    return iri, True


def derived_quads(k: Knowledge, d: Derivations, graph: str) -> Iterator[ox.Quad]:
    """The derived facts as Data Cube observations with PROV-O, in ``graph``."""
    g = ox.NamedNode(graph)
    nn = ox.NamedNode
    t = {  # the terms, made once: rdflib namespace look-ups are slow
        name: nn(str(iri))
        for name, iri in {
            "type": RDF.type, "Observation": QB.Observation, "subject": KG.subject, "metric": KG.metric,
            "period": KG.period, "value": KG.value, "double": XSD.double, "date": XSD.date,
            "unit": SDMX_ATTR.unitMeasure, "qualifier": KG.qualifier, "status": SDMX_ATTR.obsStatus,
            "Derived": KG.Derived, "generatedBy": PROV.wasGeneratedBy, "Activity": PROV.Activity,
            "label": RDFS.label, "formula": KG.formula, "used": PROV.used, "start": KG.startDate, "end": KG.endDate,
        }.items()
    }  # fmt: skip
    qual = {
        q: nn(str(iri))
        for q, iri in {
            "exact": KG.Exact, "approximately": KG.Approximately, "nearly": KG.Nearly, "at_least": KG.AtLeast,
            "at_most": KG.AtMost,
        }.items()
    }  # fmt: skip
    units = {u: nn(str(iri)) for u, iri in {"USD": KG.USD, "ratio": KG.Ratio, "multiple": KG.Multiple}.items()}
    cache: dict[Period, str] = {}
    # terms that recur (companies, metrics, periods, reasons, formulas) are made once each
    nodes: dict[str, ox.NamedNode] = {}
    texts: dict[str, ox.Literal] = {}

    def node(iri: str) -> ox.NamedNode:
        n = nodes.get(iri)
        if n is None:
            n = nodes[iri] = nn(iri)
        return n

    def text(value: str) -> ox.Literal:
        lit = texts.get(value)
        if lit is None:
            lit = texts[value] = ox.Literal(value)
        return lit

    iris = {q: derived_iri(q) for q in d.derived}
    quad, double = ox.Quad, t["double"]
    for q, der in sorted(d.derived.items(), key=lambda x: iris[x[0]]):
        iri = iris[q]
        s = nn(iri)
        act = nn(iri + "/activity")
        period_iri, new = _period_iri(k, q.period, cache)
        p = node(period_iri)
        yield quad(s, t["type"], t["Observation"], g)
        yield quad(s, t["subject"], node(q.subject), g)
        yield quad(s, t["metric"], node(q.metric), g)
        yield quad(s, t["period"], p, g)
        yield quad(s, t["value"], ox.Literal(repr(float(der.value.value)), datatype=double), g)
        if der.value.unit in units:
            yield quad(s, t["unit"], units[der.value.unit], g)
        yield quad(s, t["qualifier"], qual[der.value.qualifier], g)
        yield quad(s, t["status"], t["Derived"], g)
        yield quad(s, t["generatedBy"], act, g)
        yield quad(act, t["type"], t["Activity"], g)
        yield quad(act, t["label"], text(der.equation.reason or der.equation.kind), g)
        yield quad(act, t["formula"], text(der.formula), g)
        for inp in der.inputs:
            src = d.stated.get(inp)
            used = src[0].iri if src else iris.get(inp) or derived_iri(inp)
            yield quad(act, t["used"], node(used), g)
        if der.equation.relation is not None:
            yield quad(act, t["used"], node(der.equation.relation.iri), g)
        if new:
            yield quad(p, t["type"], nn(str(KG[q.period.rdf_class])), g)
            label = period_node_label(fiscal_calendar(k, q.subject), q.period)
            yield quad(p, t["label"], ox.Literal(label), g)
            if q.period.start and q.period.end:
                yield quad(p, t["start"], ox.Literal(q.period.start.isoformat(), datatype=t["date"]), g)
                yield quad(p, t["end"], ox.Literal(q.period.end.isoformat(), datatype=t["date"]), g)
