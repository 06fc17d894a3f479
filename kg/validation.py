"""SHACL validation of data against ``ontology/shapes.ttl``.

>>> import rdflib
>>> validate(rdflib.Graph())
[]

Only results of severity ``Violation`` make data invalid (:func:`is_valid`);
warnings and infos are returned too, so callers can show them.

``sh:class`` constraints look at the types of the nodes the data points to, so
validate new data together with the vocabulary (the files of
:func:`kg.resources.ontology_files`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import NamespaceManager
from rdflib.term import BNode, Literal, Node, URIRef

from .namespaces import PREFIXES
from .resources import ontology_files, shapes_file
from .screening import Index, Lit, Shapes, Term, Unsupported, compile_shapes, described, suspects

__all__ = ["Violation", "is_valid", "shapes_graph", "validate", "validate_terms", "vocabulary_terms"]

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result, as plain strings."""

    focus: str
    """The focus node: an IRI, or ``_:id`` for a blank node."""
    path: str | None
    """The result path, compact (``kg:value``), or None for a node-level result."""
    message: str
    """What rule was broken, in plain words."""
    severity: str
    """``Violation``, ``Warning`` or ``Info``."""
    shape: str | None
    """The shape that produced the result (for an anonymous property shape, the
    node shape that holds it, e.g. ``https://kgbot.dev/shapes#ObservationShape``)."""
    value: str | None
    """The offending value, when there is one."""

    def __str__(self) -> str:
        where = f"{self.focus}: {self.path}" if self.path else self.focus
        text = f"{where}: {self.message}"
        if self.value is not None and self.value not in self.message:
            text += f" (value: {self.value})"
        return " ".join(text.split())


@functools.lru_cache(maxsize=1)
def shapes_graph() -> rdflib.Graph:
    """The shipped shapes graph, parsed once. Treat it as read-only."""
    graph = rdflib.Graph()
    graph.parse(shapes_file(), format="turtle")
    return graph


def validate(data: rdflib.Graph, *, shapes: rdflib.Graph | None = None) -> list[Violation]:
    """Validate ``data`` against ``shapes`` (default: :func:`shapes_graph`).

    Returns every result, violations, warnings and infos, sorted by focus node,
    path and message; an empty list means the data conforms.

    The nodes that may not conform are found first (:mod:`kg.screening`); pyshacl then
    validates those, with what they point to, and its results are the answer. Shapes the
    screen does not model are run by pyshacl over all of ``data``.
    """
    shapes = shapes_graph() if shapes is None else shapes
    try:
        compiled = _compiled(shapes)
    except Unsupported:
        return _pyshacl(data, shapes)
    index = Index.of(((_as_term(s), _as_term(p), _as_term(o)) for s, p, o in data), compiled)  # type: ignore[misc]
    return _screened(index, compiled, shapes, None)


def validate_terms(triples: Iterable[tuple[str, str, Term]], *, among: Iterable[Term] | None = None) -> list[Violation]:
    """Validate triples of :mod:`kg.screening` terms against the shipped shapes.

    Only the focus nodes in ``among`` (all when None) are judged; the other triples are
    their context (the vocabulary, the types of what they point to).
    """
    shapes = shapes_graph()
    compiled = _compiled(shapes)
    return _screened(Index.of(triples, compiled), compiled, shapes, among)


@functools.lru_cache(maxsize=1)
def vocabulary_terms() -> tuple[tuple[str, str, Term], ...]:
    """The shipped vocabulary (classes, schemes, organisations: the ontology files but the
    seed data) as triples of terms, read once: the context new data is validated in."""
    import pyoxigraph as ox

    from .screening import from_oxigraph

    triples: dict[tuple[str, str, Term], None] = {}
    for path in ontology_files():
        if path.parent.name != "data":
            triples.update(dict.fromkeys(from_oxigraph(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))))
    return tuple(triples)


def _compiled(shapes: rdflib.Graph) -> Shapes:
    if shapes is shapes_graph():
        return _shipped_compiled()
    return compile_shapes(shapes)


@functools.lru_cache(maxsize=1)
def _shipped_compiled() -> Shapes:
    return compile_shapes(shapes_graph())


def _screened(index: Index, compiled: Shapes, shapes: rdflib.Graph, among: Iterable[Term] | None) -> list[Violation]:
    found = suspects(index, compiled, among)
    if not found:
        return []
    full, triples = described(index, compiled, found)
    sub = rdflib.Graph()
    for s, p, o in triples:
        sub.add((_as_rdflib(s), rdflib.URIRef(p), _as_rdflib(o)))
    names = {_name(t) for t in full}
    return [v for v in _pyshacl(sub, shapes) if v.focus in names]


def _as_term(node: rdflib.term.Node) -> Term:
    if isinstance(node, rdflib.BNode):
        return "_:" + str(node)
    if isinstance(node, rdflib.Literal):
        return Lit(str(node), str(node.datatype) if node.datatype is not None else None, node.language)
    return str(node)


def _as_rdflib(t: Term) -> rdflib.term.Identifier:
    if isinstance(t, Lit):
        if t.lang:
            return rdflib.Literal(t.lex, lang=t.lang)
        return rdflib.Literal(t.lex, datatype=rdflib.URIRef(t.dt) if t.dt is not None else None)
    if t.startswith("_:"):
        return rdflib.BNode(t[2:])
    return rdflib.URIRef(t)


def _name(t: Term) -> str:
    """How :class:`Violation` names the node (its ``focus``)."""
    return _term(_as_rdflib(t))


def _pyshacl(data: rdflib.Graph, shapes: rdflib.Graph) -> list[Violation]:
    import pyshacl

    _conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=False,
        abort_on_first=False,
        allow_warnings=True,
        meta_shacl=False,
    )
    assert isinstance(results, rdflib.Graph)
    names = _namespaces()
    # A set: a blank node reached both as a target and through sh:node (pyshacl's
    # sh:detail results) would otherwise be reported twice.
    found = {_violation(results, shapes, r, names) for r in results.subjects(rdflib.RDF.type, SH.ValidationResult)}
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.message))


def is_valid(violations: Iterable[Violation]) -> bool:
    """True when no result has severity ``Violation`` (warnings and infos are allowed)."""
    return all(v.severity != "Violation" for v in violations)


# ------------------------------------------------------------------ converting results


@functools.lru_cache(maxsize=1)
def _namespaces() -> NamespaceManager:
    manager = NamespaceManager(rdflib.Graph(), bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        manager.bind(prefix, iri, override=True, replace=True)
    manager.bind("sh", str(SH), override=True, replace=True)
    return manager


def _violation(results: rdflib.Graph, shapes: rdflib.Graph, result: Node, names: NamespaceManager) -> Violation:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    severity = results.value(result, SH.resultSeverity)
    shape = results.value(result, SH.sourceShape)
    value = results.value(result, SH.value)
    component = results.value(result, SH.sourceConstraintComponent)
    path_text = None
    if path is not None:
        # A complex path is a blank node; its structure is in whichever graph holds it.
        source = results if (path, None, None) in results else shapes
        path_text = _path(source, path, names)
    message = _message(results.objects(result, SH.resultMessage))
    if message is None:
        rule = _compact(component, names) if component is not None else "a constraint"
        message = f"does not satisfy {rule}"
        if path_text:
            message = f"{path_text} {message}"
    return Violation(
        focus=_term(focus) if focus is not None else "",
        path=path_text,
        message=message,
        severity=_local(severity) if severity is not None else "Violation",
        shape=_shape(shapes, shape) if shape is not None else None,
        value=_term(value) if value is not None else None,
    )


def _shape(shapes: rdflib.Graph, shape: Node) -> str:
    """The shape's IRI; for an anonymous property shape, the IRI of the node shape holding it."""
    if isinstance(shape, BNode):
        parent = shapes.value(None, SH.property, shape)
        if isinstance(parent, URIRef):
            return str(parent)
    return _term(shape)


def _message(messages: Iterable[Node]) -> str | None:
    """The English (or untagged) message if there is one, else any; one line."""
    texts = sorted(
        (m for m in messages if isinstance(m, Literal)), key=lambda m: (m.language not in (None, "en"), str(m))
    )
    return " ".join(str(texts[0]).split()) if texts else None


def _term(node: Node, names: NamespaceManager | None = None) -> str:
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, URIRef):
        return _compact(node, names) if names is not None else str(node)
    return str(node)


def _compact(iri: Node, names: NamespaceManager) -> str:
    if not isinstance(iri, URIRef):
        return _term(iri)
    try:
        prefix, _ns, local = names.compute_qname(iri, generate=False)
    except (KeyError, ValueError):
        return str(iri)
    return f"{prefix}:{local}" if prefix else str(iri)


def _local(iri: Node) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _path(graph: rdflib.Graph, path: Node, names: NamespaceManager) -> str:
    """A SHACL property path in SPARQL-like syntax: ``a/b``, ``a|b``, ``^a``, ``a*``."""
    if isinstance(path, URIRef):
        return _compact(path, names)
    if (path, rdflib.RDF.first, None) in graph:
        return "/".join(_path(graph, p, names) for p in Collection(graph, path))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path(graph, p, names) for p in Collection(graph, alternatives)) + ")"
    for predicate, template in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "{}*"),
        (SH.oneOrMorePath, "{}+"),
        (SH.zeroOrOnePath, "{}?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            return template.format(_path(graph, inner, names))
    return _term(path)
