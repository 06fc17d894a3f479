"""New observations without re-reading and re-deriving everything.

A load that only adds observations (nodes typed ``qb:Observation`` that the store did not
hold, about periods it knows) changes little: the observations themselves, the equations
of the series they join (their subject and metric: period sums, trailing twelve months,
capex intensity, the totals of the groups their subject belongs to), and the values of
the connected parts of the equation graph those touch. :func:`add_observations` reads
just the new nodes and what they point to, rebuilds just those equations, and solves
just those parts again (:func:`kg.reasoning.propagate`: a part's result depends only on
its own equations). Everything else is carried over from the previous snapshot, which is
never modified (readers may still hold it).

Anything else (new entities, periods, sources, relations; statements about stored
nodes; removals) goes through the full :meth:`kg.store.KnowledgeStore.refresh`.
"""

from __future__ import annotations

import bisect
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from .knowledge import Knowledge, Quantity, _Props, interpret
from .namespaces import DERIVED_GRAPH, QB, RDF, RDFS
from .periods import Period
from .reasoning import Derivations, Equation, _best, _composition_equations, _group_equations, propagate

__all__ = ["Increment", "add_observations", "new_observation_nodes"]

#: larger loads of new observations are re-derived in full
MAX_NEW = 10_000

_DERIVED = ox.NamedNode(DERIVED_GRAPH)
_TYPE = ox.NamedNode(str(RDF.type))
_OBSERVATION = ox.NamedNode(str(QB.Observation))
_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))


@dataclass
class Increment:
    """The new snapshot, and the quantities whose derivations were redone."""

    knowledge: Knowledge
    derivations: Derivations
    redone: set[Quantity]


def new_observation_nodes(store: ox.Store, quads: Sequence[ox.Quad]) -> frozenset[str] | None:
    """The IRIs of the observations ``quads`` add, when that is all they do (to be called
    before they are stored); None otherwise."""
    subjects: set[ox.NamedNode] = set()
    typed: set[ox.NamedNode] = set()
    for q in quads:
        if not isinstance(q.subject, ox.NamedNode) or isinstance(q.object, ox.BlankNode | ox.Triple):
            return None
        subjects.add(q.subject)
        if q.predicate == _TYPE and q.object == _OBSERVATION:
            typed.add(q.subject)
    if not subjects or subjects != typed or len(subjects) > MAX_NEW:
        return None
    for s in subjects:
        if next(store.quads_for_pattern(s, None, None), None) is not None:
            return None  # statements about a stored node
        if next(store.quads_for_pattern(None, None, s), None) is not None:
            return None  # something stored points to it
    return frozenset(s.value for s in subjects)


def add_observations(
    store: ox.Store, k: Knowledge, d: Derivations, iris: Iterable[str], generation: int
) -> Increment | None:
    """The snapshot after the observations ``iris`` (now stored) were added to the one
    that ``k`` and ``d`` describe; None when they need a full refresh."""
    iris = set(iris)
    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
        ox.DefaultGraph(),
        *(g for g in store.named_graphs() if g != _DERIVED),
    ]
    # the new nodes, what they point to and what that points to (a restated value's
    # filings), and the class hierarchy (a kg:Filing is a kg:Source)
    subjects: dict[str, _Props] = defaultdict(lambda: defaultdict(list))
    frontier: set[str] = set(iris)
    seen: set[str] = set()
    for _level in range(3):
        following: set[str] = set()
        for node in frontier - seen:
            seen.add(node)
            for o in _read(store, graphs, node, subjects):
                following.add(o)
        frontier = following
    classes = {
        q.subject.value
        for q in store.quads_for_pattern(None, _SUBCLASS, None)
        if q.graph_name != _DERIVED and isinstance(q.subject, ox.NamedNode)
    }
    for node in classes - seen:
        _read(store, graphs, node, subjects)
    mini = interpret(subjects)
    new = [o for o in mini.observations if o.iri in iris]
    known_periods = set(k.periods.values())
    if any(o.quantity.period not in known_periods for o in new):
        return None
    touched = {o.quantity for o in new}
    keys = {(q.subject, q.metric) for q in touched}
    before = _scope(k, keys)  # first: the series index it builds is then k2's too
    k2 = k.with_observations(new, generation)
    after = _scope(k2, keys)
    # the same equation may come from two rules (a year's four quarters are also its trailing
    # twelve months), so drop exactly the ones the scope made, once each, the first ones
    # in the order of the equations (found through the index, not by reading them all)
    linked = d.linked
    dropped: set[int] = set()
    for e in before:
        key = _identity(e)
        for candidate in linked.get(e.quantities[0], ()):
            if id(candidate) not in dropped and _identity(candidate) == key:
                dropped.add(id(candidate))
                break
    eqs = [e for e in d.equations if id(e) not in dropped] if dropped else list(d.equations)
    eqs += after
    linked2 = dict(linked)
    for q in {q for e in (*before, *after) for q in e.quantities}:
        linked2[q] = [e for e in linked.get(q, ()) if id(e) not in dropped]
    for e in after:
        for q in e.quantities:
            linked2[q].append(e)

    # the connected parts of the equation graph that hold anything touched
    seeds = set(touched) | {q for e in (*before, *after) for q in e.quantities}
    part: set[Quantity] = set()
    chosen: set[int] = set()
    queue = deque(seeds)
    while queue:
        q = queue.popleft()
        if q in part:
            continue
        part.add(q)
        for e in linked2.get(q, ()):
            if id(e) not in chosen:
                chosen.add(id(e))
                queue.extend(x for x in e.quantities if x not in part)
    stated_part = {q: _best(k2.by_quantity[q]) for q in part if q in k2.by_quantity}
    solved = propagate(k2, [e for e in eqs if id(e) in chosen], stated_part)

    moved = {q for q in touched if q not in k.by_quantity or k.by_quantity[q][0] is not k2.by_quantity[q][0]}
    if moved:  # a new quantity, or one whose first observation is new: where a full read puts it
        items = [item for item in d.stated.items() if item[0] not in moved]
        for q in sorted(moved, key=lambda q: k2.by_quantity[q][0].iri):
            at = bisect.bisect_right(items, k2.by_quantity[q][0].iri, key=lambda item: k2.by_quantity[item[0]][0].iri)
            items.insert(at, (q, stated_part[q]))
        stated = dict(items)
    else:
        stated = dict(d.stated)
    stated.update(stated_part)
    derived = dict(d.derived)
    for q in part:
        derived.pop(q, None)
    derived.update(solved.derived)
    conflicts = [c for c in d.conflicts if c.quantity not in part] + solved.conflicts
    return Increment(k2, Derivations(stated, derived, conflicts, eqs, _linked=linked2), part)


def _read(
    store: ox.Store, graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph], node: str, into: dict[str, _Props]
) -> set[str]:
    """Read ``node``'s statements graph by graph (in :func:`kg.knowledge.read_knowledge`'s
    order, so values come in the same order); the nodes it points to."""
    term: ox.NamedNode | ox.BlankNode = ox.BlankNode(node[2:]) if node.startswith("_:") else ox.NamedNode(node)
    out: set[str] = set()
    for graph in graphs:
        for q in store.quads_for_pattern(term, None, None, graph):
            into[node][q.predicate.value].append(q.object)  # type: ignore[arg-type]
            o = q.object
            if isinstance(o, ox.NamedNode):
                out.add(o.value)
            elif isinstance(o, ox.BlankNode):
                out.add("_:" + o.value)
    return out


def _identity(e: Equation) -> tuple[str, str, tuple[str, ...], str]:
    return e.id, e.reason, e.roles, e.total_name


def _present(k: Knowledge, subjects: set[str]) -> dict[tuple[str, str], set[Period]]:
    """As :func:`kg.reasoning.equations` builds it, for the series of ``subjects`` only."""
    series = k.series()
    present: dict[tuple[str, str], set[Period]] = {
        (s, m): set(ps) for s in subjects for m, ps in series.get(s, {}).items()
    }
    for rel in k.relations:
        for q in rel.refs.values():
            if q.subject in subjects:
                present.setdefault((q.subject, q.metric), set()).add(q.period)
    return present


def _scope(k: Knowledge, keys: set[tuple[str, str]]) -> list[Equation]:
    """The equations that depend on what ``k`` holds for the series ``keys``."""
    from .series import series_equations

    subjects = {s for s, _m in keys}
    metrics = {m for _s, m in keys}
    groups = {
        g.iri
        for g in k.entities.values()
        if g.membership_complete and g.members and any(s == g.iri or s in g.members for s in subjects)
    }
    members = set(subjects) | groups
    for g in groups:
        members.update(k.entities[g].members)
    present = _present(k, members)
    out = _composition_equations(k, {key: ps for key, ps in present.items() if key in keys})
    if groups:
        scoped = {key: ps for key, ps in present.items() if key[0] in members and key[1] in metrics}
        out.extend(e for e in _group_equations(k, scoped) if e.quantities[0].subject in groups)
    out.extend(series_equations(k, {key: ps for key, ps in present.items() if key[0] in subjects}))
    return out
