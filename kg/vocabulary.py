"""The shipped vocabulary in the store: which graph each shipped file lives in, and the
terms a store that has them must keep.

The ontology, the organisations and the seed facts are loaded into named graphs of their
own (:data:`~kg.namespaces.VOCABULARY_GRAPHS`), apart from the default graph users write
to. The write API refuses to touch those graphs unless told to (see ``bot.http``), and
:func:`lost_terms` lets the store refuse any write, told or not, that would remove the
declaration of a class or property of the ontology.

A store records the digest of the shipped files it was seeded with
(:func:`shipped_digest`), so that a store made by an earlier release can be brought up
to the vocabulary this one ships (:meth:`kg.store.KnowledgeStore` does it on open).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .namespaces import DERIVED_GRAPH, ENTITIES_GRAPH, KG, ONTOLOGY_GRAPH, OWL, RDF, SEED_GRAPH
from .rdfio import parse_file
from .resources import ontology_dir, ontology_files

__all__ = [
    "core_terms",
    "digest_quad",
    "in_shipped_graph",
    "lost_terms",
    "shipped_digest",
    "shipped_graph",
    "stored_digest",
]

_DERIVED = ox.NamedNode(DERIVED_GRAPH)
_TYPE = ox.NamedNode(str(RDF.type))
_DECLARATIONS = {str(OWL.Class), str(OWL.ObjectProperty), str(OWL.DatatypeProperty), str(RDF.Property)}
_ONTOLOGY_FILE = "kgbot.ttl"
_ONTOLOGY = ox.NamedNode(ONTOLOGY_GRAPH)
_DIGEST = ox.NamedNode(str(KG.shippedDigest))


def shipped_graph(path: str | Path) -> str | None:
    """The graph a shipped file is loaded into, or None for any other file."""
    p = Path(path).resolve()
    root = ontology_dir().resolve()
    if p.parent == root / "data":
        return SEED_GRAPH
    if p.parent != root:
        return None
    return ENTITIES_GRAPH if p.name == "entities.ttl" else ONTOLOGY_GRAPH


def in_shipped_graph(path: str | Path, quads: list[ox.Quad]) -> list[ox.Quad]:
    """``quads`` of the file at ``path``, moved into its shipped graph if it is a shipped file."""
    graph = shipped_graph(path)
    if graph is None:
        return quads
    g = ox.NamedNode(graph)
    return [ox.Quad(q.subject, q.predicate, q.object, g) if q.graph_name == ox.DefaultGraph() else q for q in quads]


@functools.lru_cache(maxsize=1)
def core_terms() -> tuple[ox.Triple, ...]:
    """The declarations of the ontology's classes and properties (``kgbot.ttl``)."""
    quads = parse_file(ontology_dir() / _ONTOLOGY_FILE)
    return tuple(
        q.triple
        for q in quads
        if q.predicate == _TYPE
        and isinstance(q.subject, ox.NamedNode)
        and isinstance(q.object, ox.NamedNode)
        and q.object.value in _DECLARATIONS
    )


def lost_terms(store: ox.Store, removing: ox.NamedNode | ox.DefaultGraph, adding: Iterable[ox.Quad] = ()) -> list[str]:
    """Classes and properties the store declares now but would not once ``removing`` is
    emptied (and ``adding`` added): a write that loses any is one to refuse."""
    added = {q.triple for q in adding}
    lost = []
    for t in core_terms():
        graphs = [q.graph_name for q in store.quads_for_pattern(t.subject, t.predicate, t.object)]
        kept = [g for g in graphs if g != removing and g != _DERIVED]
        if graphs and not kept and t not in added:
            lost.append(str(t.subject).strip("<>"))
    return lost


def shipped_digest() -> str:
    """The SHA-256 of the shipped vocabulary and seed files, names and contents."""
    h = hashlib.sha256()
    root = ontology_dir()
    for p in ontology_files():
        h.update(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def digest_quad(digest: str) -> ox.Quad:
    """The statement that a store holds the shipped files whose digest is ``digest``."""
    return ox.Quad(_ONTOLOGY, _DIGEST, ox.Literal(digest), _ONTOLOGY)


def stored_digest(store: ox.Store) -> str | None:
    """The digest of the shipped files ``store`` was seeded with or last brought up to."""
    for q in store.quads_for_pattern(_ONTOLOGY, _DIGEST, None, _ONTOLOGY):
        if isinstance(q.object, ox.Literal):
            return q.object.value
    return None
