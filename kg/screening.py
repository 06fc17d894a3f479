"""Which nodes may not conform to the shapes: a fast, conservative SHACL Core screen.

pyshacl costs about a millisecond and a half per observation, so validating 10^5
observations would take minutes. Almost all data conforms, though, and deciding that a
node conforms is cheap when the data is held in plain dictionaries. :func:`suspects`
evaluates the shapes of ``ontology/shapes.ttl`` over such an index and returns every focus
node that *might* produce a validation result (of any severity). It is conservative:
whenever it is unsure (an unusual literal form, a comparison it does not model) it
counts the node as a suspect. :mod:`kg.validation` then runs pyshacl on the suspects
and what they point to only, so the results, their messages included, are pyshacl's.

The screen understands the SHACL Core subset the shipped shapes use: targets by class
(with ``rdfs:subClassOf``), by subjects and objects of a predicate and by node; property
shapes with a predicate path; ``sh:minCount``, ``maxCount``, ``datatype``, ``nodeKind``,
``class``, ``minLength``, ``maxLength``, ``in``, ``hasValue``, ``node``, ``or``, ``and``,
``not``, ``lessThanOrEquals``, ``lessThan``, ``minInclusive``, ``maxInclusive``,
``minExclusive``, ``maxExclusive`` and ``uniqueLang``. Shapes with anything else raise
:class:`Unsupported`, and the caller validates everything with pyshacl instead.

Terms are plain Python values: an IRI is a ``str``, a blank node a ``str`` starting with
``_:``, a literal a :class:`Lit`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection

__all__ = ["Index", "Lit", "Shapes", "Unsupported", "compile_shapes", "described", "from_oxigraph", "suspects"]

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"


class Unsupported(Exception):
    """The shapes use a SHACL feature the screen does not model."""


class Lit(NamedTuple):
    """A literal: lexical form, datatype IRI (None for an rdflib plain literal), language."""

    lex: str
    dt: str | None
    lang: str | None


Term = str | Lit


def is_blank(t: Term) -> bool:
    return isinstance(t, str) and t.startswith("_:")


def from_oxigraph(quads: Iterable[ox.Quad | ox.Triple]) -> Iterator[tuple[str, str, Term]]:
    """The triples of Oxigraph quads as terms (the graph names dropped)."""
    named, blank, literal = ox.NamedNode, ox.BlankNode, ox.Literal
    for q in quads:
        s, o = q.subject, q.object
        subject = s.value if type(s) is named else "_:" + s.value  # type: ignore[union-attr]
        if type(o) is named:
            obj: Term = o.value
        elif type(o) is literal:
            obj = Lit(o.value, o.datatype.value, o.language)
        elif type(o) is blank:
            obj = "_:" + o.value
        else:
            raise TypeError(f"unsupported term {o!r}")
        yield subject, q.predicate.value, obj


# ------------------------------------------------------------------ the data


@dataclass
class Index:
    """Triples by subject and predicate, instances by type, and the two target indexes."""

    spo: dict[str, dict[str, list[Term]]] = field(default_factory=dict)
    by_type: dict[str, list[str]] = field(default_factory=dict)
    subjects_of: dict[str, set[str]] = field(default_factory=dict)
    objects_of: dict[str, set[Term]] = field(default_factory=dict)
    _supers: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, triples: Iterable[tuple[str, str, Term]], shapes: Shapes) -> Index:
        index = cls()
        spo = index.spo
        by_type = index.by_type
        subjects_of: dict[str, set[str]] = {p: set() for p in shapes.subjects_of}
        objects_of: dict[str, set[Term]] = {p: set() for p in shapes.objects_of}
        for s, p, o in triples:
            props = spo.get(s)
            if props is None:
                props = spo[s] = {}
            values = props.get(p)
            if values is None:
                props[p] = [o]
            else:
                values.append(o)
            if p == RDF_TYPE and isinstance(o, str):
                by_type.setdefault(o, []).append(s)
            if p in subjects_of:
                subjects_of[p].add(s)
            if p in objects_of:
                objects_of[p].add(o)
        index.subjects_of, index.objects_of = subjects_of, objects_of
        return index

    def values(self, node: Term, predicate: str) -> list[Term]:
        if isinstance(node, Lit):
            return []
        props = self.spo.get(node)
        if props is None:
            return []
        return props.get(predicate, [])

    def superclasses(self, cls: str) -> frozenset[str]:
        """``cls`` and everything it is an ``rdfs:subClassOf``, transitively."""
        found = self._supers.get(cls)
        if found is None:
            seen, stack = {cls}, [cls]
            while stack:
                for sup in self.values(stack.pop(), SUBCLASS):
                    if isinstance(sup, str) and sup not in seen:
                        seen.add(sup)
                        stack.append(sup)
            found = self._supers[cls] = frozenset(seen)
        return found

    def instances(self, cls: str) -> Iterator[str]:
        for t, nodes in self.by_type.items():
            if cls in self.superclasses(t):
                yield from nodes

    def is_instance(self, node: Term, cls: str) -> bool:
        return any(isinstance(t, str) and cls in self.superclasses(t) for t in self.values(node, RDF_TYPE))


# ------------------------------------------------------------------ the shapes


@dataclass
class Shape:
    """A node shape, or a property shape (``path`` set)."""

    name: str
    path: str | None = None
    target_classes: list[str] = field(default_factory=list)
    target_subjects_of: list[str] = field(default_factory=list)
    target_objects_of: list[str] = field(default_factory=list)
    target_nodes: list[Term] = field(default_factory=list)
    # value checks: each value (or the focus node itself, for a node shape)
    datatypes: list[str] = field(default_factory=list)
    node_kinds: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    min_length: int | None = None
    max_length: int | None = None
    ins: list[frozenset[Term]] = field(default_factory=list)
    has_values: list[Term] = field(default_factory=list)
    nodes: list[Shape] = field(default_factory=list)
    ors: list[list[Shape]] = field(default_factory=list)
    ands: list[list[Shape]] = field(default_factory=list)
    nots: list[Shape] = field(default_factory=list)
    ranges: list[tuple[str, Lit]] = field(default_factory=list)  # (operator, bound)
    # property shape checks over all values
    min_count: int | None = None
    max_count: int | None = None
    unique_lang: bool = False
    compare: list[tuple[str, str]] = field(default_factory=list)  # (operator, other predicate)
    properties: list[Shape] = field(default_factory=list)
    #: sh:or lists whose members only name a datatype ("a number": decimal, double ...)
    or_datatypes: list[tuple[str, ...]] = field(default_factory=list)
    #: whether any check applies to each value (set by compile_shapes)
    checks_values: bool = True

    def finish(self) -> None:
        """Turn datatype alternatives into plain lists; note whether values need checking."""
        plain = [alts for alts in self.ors if all(_only_datatype(x) for x in alts)]
        self.or_datatypes = [tuple(x.datatypes[0] for x in alts) for alts in plain]
        self.ors = [alts for alts in self.ors if alts not in plain]
        self.checks_values = bool(
            self.datatypes or self.node_kinds or self.classes or self.min_length is not None
            or self.max_length is not None or self.ins or (self.path is None and self.has_values) or self.ranges
            or self.nodes or self.ors or self.ands or self.nots or self.or_datatypes
        )  # fmt: skip


def _only_datatype(s: Shape) -> bool:
    return (
        s.path is None
        and len(s.datatypes) == 1
        and not (
            s.node_kinds or s.classes or s.min_length is not None or s.max_length is not None or s.ins
            or s.has_values or s.ranges or s.nodes or s.ors or s.ands or s.nots or s.properties
            or s.min_count is not None or s.max_count is not None or s.unique_lang or s.compare
        )
    )  # fmt: skip


@dataclass
class Shapes:
    roots: list[Shape]
    subjects_of: set[str]
    objects_of: set[str]
    #: predicates whose objects a shape validates in full (sh:node / sh:or ... on a property)
    deep: set[str]


_IGNORED = {
    "message", "severity", "name", "description", "order", "group", "defaultValue", "targetClass",
    "targetSubjectsOf", "targetObjectsOf", "targetNode", "path", "property", "datatype", "nodeKind", "class",
    "minLength", "maxLength", "in", "hasValue", "node", "or", "and", "not", "lessThanOrEquals", "lessThan",
    "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "minCount", "maxCount", "uniqueLang",
    "deactivated",
}  # fmt: skip


def _term(node: rdflib.term.Node) -> Term:
    if isinstance(node, rdflib.BNode):
        return "_:" + str(node)
    if isinstance(node, rdflib.Literal):
        dt = str(node.datatype) if node.datatype is not None else None
        return Lit(str(node), dt, node.language)
    return str(node)


def compile_shapes(graph: rdflib.Graph) -> Shapes:
    """The shapes of ``graph``, ready for :func:`suspects`; :class:`Unsupported` if it
    uses anything the screen does not model."""
    sh = rdflib.Namespace(SH)
    made: dict[rdflib.term.Node, Shape] = {}
    deep: set[str] = set()

    def shape(node: rdflib.term.Node) -> Shape:
        if node in made:
            return made[node]
        s = made[node] = Shape(str(node))
        for p in graph.predicates(node):
            local = str(p)[len(SH) :] if str(p).startswith(SH) else None
            if local is None:
                continue
            if local not in _IGNORED:
                raise Unsupported(f"sh:{local}")
            if local == "deactivated":
                raise Unsupported("sh:deactivated")
        path = graph.value(node, sh.path)
        if path is not None:
            if not isinstance(path, rdflib.URIRef):
                raise Unsupported("a property path that is not a predicate")
            s.path = str(path)
        s.target_classes = [str(o) for o in graph.objects(node, sh.targetClass)]
        s.target_subjects_of = [str(o) for o in graph.objects(node, sh.targetSubjectsOf)]
        s.target_objects_of = [str(o) for o in graph.objects(node, sh.targetObjectsOf)]
        s.target_nodes = [_term(o) for o in graph.objects(node, sh.targetNode)]
        s.datatypes = [str(o) for o in graph.objects(node, sh.datatype)]
        s.node_kinds = [str(o)[len(SH) :] for o in graph.objects(node, sh.nodeKind)]
        s.classes = [str(o) for o in graph.objects(node, sh.term("class"))]
        s.min_length = _int(graph.value(node, sh.minLength))
        s.max_length = _int(graph.value(node, sh.maxLength))
        s.ins = [frozenset(_term(x) for x in Collection(graph, o)) for o in graph.objects(node, sh["in"])]
        s.has_values = [_term(o) for o in graph.objects(node, sh.hasValue)]
        s.nodes = [shape(o) for o in graph.objects(node, sh.node)]
        s.ors = [[shape(x) for x in Collection(graph, o)] for o in graph.objects(node, sh["or"])]
        s.ands = [[shape(x) for x in Collection(graph, o)] for o in graph.objects(node, sh["and"])]
        s.nots = [shape(o) for o in graph.objects(node, sh["not"])]
        for name, op in (("minInclusive", ">="), ("maxInclusive", "<="), ("minExclusive", ">"), ("maxExclusive", "<")):
            for o in graph.objects(node, sh[name]):
                bound = _term(o)
                if not isinstance(bound, Lit):
                    raise Unsupported(f"sh:{name} with a non-literal bound")
                s.ranges.append((op, bound))
        s.min_count = _int(graph.value(node, sh.minCount))
        s.max_count = _int(graph.value(node, sh.maxCount))
        s.unique_lang = any(str(o).lower() == "true" for o in graph.objects(node, sh.uniqueLang))
        s.compare = [("<=", str(o)) for o in graph.objects(node, sh.lessThanOrEquals)]
        s.compare += [("<", str(o)) for o in graph.objects(node, sh.lessThan)]
        s.properties = [shape(o) for o in graph.objects(node, sh.property)]
        if s.path is not None and (s.nodes or s.ors or s.ands or s.nots):
            deep.add(s.path)
        return s

    roots: list[Shape] = []
    candidates = set(graph.subjects(rdflib.RDF.type, sh.NodeShape))
    for pred in (sh.targetClass, sh.targetSubjectsOf, sh.targetObjectsOf, sh.targetNode):
        candidates.update(graph.subjects(pred, None))
    if set(graph.subjects(rdflib.RDF.type, rdflib.RDFS.Class)) & candidates:
        raise Unsupported("implicit class targets")
    for node in sorted(candidates, key=str):
        roots.append(shape(node))
    for node in graph.subjects(rdflib.RDF.type, sh.PropertyShape):
        shape(node)
    for s in made.values():
        s.finish()
    subjects_of = {p for s in made.values() for p in s.target_subjects_of}
    objects_of = {p for s in made.values() for p in s.target_objects_of}
    return Shapes(roots, subjects_of, objects_of, deep)


def _int(node: rdflib.term.Node | None) -> int | None:
    if node is None:
        return None
    try:
        return int(str(node))
    except ValueError:
        raise Unsupported(f"a count or length that is not an integer: {node}") from None


# ------------------------------------------------------------------ the screen


def suspects(index: Index, shapes: Shapes, among: Iterable[Term] | None = None) -> set[Term]:
    """Focus nodes (of every root shape's targets; only those in ``among`` when given)
    that may produce a validation result."""
    within = set(among) if among is not None else None
    out: set[Term] = set()
    for root in shapes.roots:
        for focus in _targets(index, root):
            if within is not None and focus not in within:
                continue
            if focus not in out and not _conforms(index, root, focus, 0):
                out.add(focus)
    return out


def _targets(index: Index, s: Shape) -> Iterator[Term]:
    for cls in s.target_classes:
        yield from index.instances(cls)
    for p in s.target_subjects_of:
        yield from index.subjects_of.get(p, ())
    for p in s.target_objects_of:
        yield from index.objects_of.get(p, ())
    yield from s.target_nodes


def _conforms(index: Index, s: Shape, focus: Term, depth: int) -> bool:
    """False when ``focus`` may violate ``s`` (conservative)."""
    if depth > 32:
        return False
    if s.path is None:
        if s.checks_values and not _value_ok(index, s, focus, depth):
            return False
    else:
        values = index.values(focus, s.path)
        n = len(values) if len(values) < 2 else len(set(values))
        if s.min_count is not None and n < s.min_count:
            return False
        if s.max_count is not None and n > s.max_count:
            return False
        for hv in s.has_values:
            if hv not in values:
                return False
        if s.checks_values:
            for v in values:
                if not _value_ok(index, s, v, depth):
                    return False
        if s.unique_lang:
            langs = [v.lang.lower() for v in values if isinstance(v, Lit) and v.lang]
            if len(langs) != len(set(langs)):
                return False
        for op, other in s.compare:
            for v in values:
                for o in index.values(focus, other):
                    if not _compare(v, op, o):
                        return False
    return all(_conforms(index, p, focus, depth + 1) for p in s.properties)


def _value_ok(index: Index, s: Shape, v: Term, depth: int) -> bool:
    for alts in s.or_datatypes:
        if not isinstance(v, Lit) or not any(_datatype_ok(v, dt) for dt in alts):
            return False
    for dt in s.datatypes:
        if not _datatype_ok(v, dt):
            return False
    for kind in s.node_kinds:
        if not _kind_ok(v, kind):
            return False
    for cls in s.classes:
        if isinstance(v, Lit) or not index.is_instance(v, cls):
            return False
    if s.min_length is not None or s.max_length is not None:
        if is_blank(v):
            return False
        n = len(v.lex if isinstance(v, Lit) else v)
        if (s.min_length is not None and n < s.min_length) or (s.max_length is not None and n > s.max_length):
            return False
    for allowed in s.ins:
        if v not in allowed:
            return False
    if s.path is None:
        for hv in s.has_values:  # a node shape: the node itself must be it
            if v != hv:
                return False
    for op, bound in s.ranges:
        if not isinstance(v, Lit) or not _compare(v, op, bound):
            return False
    if not all(_conforms(index, n, v, depth + 1) for n in s.nodes):
        return False
    if not all(any(_conforms(index, x, v, depth + 1) for x in alts) for alts in s.ors):
        return False
    if not all(all(_conforms(index, x, v, depth + 1) for x in alls) for alls in s.ands):
        return False
    # sh:not would need the opposite guarantee, which the screen does not give
    return not s.nots


_NUMERIC = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_INTEGER = re.compile(r"[+-]?\d+")
_FLOATING = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FAST = {
    XSD + "decimal": _NUMERIC,
    XSD + "integer": _INTEGER,
    XSD + "double": _FLOATING,
    XSD + "float": _FLOATING,
    XSD + "date": _DATE,
}


def _datatype_ok(v: Term, dt: str) -> bool:
    """True only when pyshacl surely accepts ``v`` as a well-formed ``dt`` literal."""
    if not isinstance(v, Lit):
        return False
    if dt == XSD_STRING:
        return v.lang is None and v.dt in (None, XSD_STRING)
    if dt == RDF_LANGSTRING:
        return bool(v.lang)
    if v.dt != dt:
        return False
    if dt == XSD + "boolean":
        return v.lex in ("true", "false")
    pattern = _FAST.get(dt)
    if pattern is None or pattern.fullmatch(v.lex) is None:
        return False
    if dt == XSD + "date":
        try:
            date.fromisoformat(v.lex)
        except ValueError:
            return False
    return True


def _kind_ok(v: Term, kind: str) -> bool:
    literal, blank = isinstance(v, Lit), is_blank(v)
    iri = not literal and not blank
    return {
        "IRI": iri,
        "Literal": literal,
        "BlankNode": blank,
        "BlankNodeOrIRI": blank or iri,
        "BlankNodeOrLiteral": blank or literal,
        "IRIOrLiteral": iri or literal,
    }.get(kind, False)


def _comparable(t: Term) -> tuple[str, object] | None:
    if not isinstance(t, Lit) or t.dt is None:
        return None
    if t.dt in (XSD + "decimal", XSD + "integer", XSD + "double", XSD + "float"):
        if _FLOATING.fullmatch(t.lex) is None:
            return None
        try:
            return "number", Decimal(t.lex)
        except InvalidOperation:
            return None
    if t.dt == XSD + "date" and _datatype_ok(t, t.dt):
        return "date", t.lex
    return None


def _compare(a: Term, op: str, b: Term) -> bool:
    """True only when ``a op b`` surely holds for pyshacl."""
    x, y = _comparable(a), _comparable(b)
    if x is None or y is None or x[0] != y[0]:
        return False
    left, right = x[1], y[1]
    if op == "<=":
        return left <= right  # type: ignore[operator]
    if op == "<":
        return left < right  # type: ignore[operator]
    if op == ">=":
        return left >= right  # type: ignore[operator]
    return left > right  # type: ignore[operator]


# ------------------------------------------------------------------ what a suspect needs


def described(index: Index, shapes: Shapes, nodes: Iterable[Term]) -> tuple[set[Term], list[tuple[str, str, Term]]]:
    """What validating ``nodes`` needs, as (the nodes described in full, triples).

    In full: the nodes, and recursively the blank nodes they point to and whatever they
    point to through a predicate a shape validates in depth (``sh:node``, ``sh:or`` ...).
    Besides: the types of every node they point to, every ``rdfs:subClassOf`` statement,
    and one statement that makes a node the object of a ``sh:targetObjectsOf`` predicate.
    """
    full: set[Term] = set()
    stack = [n for n in nodes]
    triples: list[tuple[str, str, Term]] = []
    pointed: set[str] = set()
    while stack:
        node = stack.pop()
        if node in full:
            continue
        full.add(node)
        if isinstance(node, Lit):
            continue
        for p, values in index.spo.get(node, {}).items():
            for o in values:
                triples.append((node, p, o))
                if isinstance(o, Lit):
                    continue
                if is_blank(o) or p in shapes.deep:
                    stack.append(o)
                else:
                    pointed.add(o)
    for node in pointed - full:
        triples.extend((node, RDF_TYPE, t) for t in index.values(node, RDF_TYPE))
    for s, props in index.spo.items():
        for sup in props.get(SUBCLASS, ()):
            triples.append((s, SUBCLASS, sup))
    wanted = {n for n in full if any(n in index.objects_of.get(p, ()) for p in shapes.objects_of)}
    if wanted:
        for s, props in index.spo.items():
            for p in shapes.objects_of:
                for o in props.get(p, ()):
                    if o in wanted:
                        triples.append((s, p, o))
                        wanted.discard(o)
            if not wanted:
                break
    return full, triples
