"""The write path: parse, validate, commit, all or nothing, one write at a time.

The store parses and SHACL-validates before it commits and refreshes the reasoning after,
so invalid data changes nothing and a committed write is visible to ``/ask`` at once.
These functions block; call them from a thread.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from kg.namespaces import DERIVED_GRAPH, VOCABULARY_GRAPHS
from kg.rdfio import parse_bytes
from kg.store import LoadReport

from .errors import ApiError
from .negotiation import media_type
from .service import Service
from .views import iri_id

__all__ = ["OVERRIDE", "add", "check_target", "remove", "replace", "upload_format"]

#: The value of ``?override=`` that lets a write touch the shipped vocabulary's graphs.
OVERRIDE = "vocabulary"


def upload_format(content_type: str | None, allowed: tuple[ox.RdfFormat, ...] | None = None) -> str:
    """The media type of an upload, or 415 when it is not an RDF format (or not ``allowed``)."""
    kind, params = media_type(content_type)
    charset = params.get("charset", "utf-8").lower()
    fmt = ox.RdfFormat.from_media_type(kind) if kind else None
    if fmt is None or (allowed is not None and fmt not in allowed):
        names = (
            ", ".join(f.media_type for f in allowed)
            if allowed
            else (
                "text/turtle, application/n-triples, application/n-quads, application/trig, "
                "application/ld+json or application/rdf+xml"
            )
        )
        raise ApiError("unsupported_media_type", f"cannot read {kind or 'a body without Content-Type'}; send {names}")
    if charset not in ("utf-8", "utf8"):
        raise ApiError("unsupported_media_type", f"uploads must be UTF-8, not {charset}")
    return kind


def check_target(graph: str | None, override: str | None = None) -> None:
    """Refuse the derived graph always, and the vocabulary's graphs without the override."""
    if graph in VOCABULARY_GRAPHS and override != OVERRIDE:
        raise ApiError(
            "protected_graph",
            f"<{graph}> holds the shipped vocabulary; to write it anyway, add ?override={OVERRIDE}",
        )
    if graph == DERIVED_GRAPH:
        raise ApiError(
            "reserved_graph",
            f"<{DERIVED_GRAPH}> holds derived facts and is rewritten after every change; it cannot be written",
        )
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError as exc:
            raise ApiError("bad_request", f"not a valid graph IRI: {exc}") from None


def _report(svc: Service, report: LoadReport, graph: str | None, before: set[str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "graph": graph,
        "statements": report.quads,
        "added": report.added,
        "derived": report.derived,
        "conflicts": report.conflicts,
        "generation": svc.store.generation,
    }
    if before is not None:
        out["facts"] = sorted(iri_id(o.iri) for o in svc.store.knowledge.observations if o.iri not in before)
    return out


def add(
    svc: Service,
    data: bytes,
    content_type: str,
    graph: str | None,
    *,
    default: bool = False,
    merge: bool = False,
    override: str | None = None,
    source: str = "request body",
) -> dict[str, Any]:
    """Add a document to ``graph``; with no graph, to the default graph when ``default``
    (a document that names other graphs is refused), all of it when ``merge`` (named graphs
    are merged into it), else where the document says."""
    check_target(graph, override)
    fmt = ox.RdfFormat.from_media_type(content_type)
    assert fmt is not None
    quads = parse_bytes(data, fmt, source, limits=svc.limits)
    if not quads:
        raise ApiError("bad_request", "no statements: the document is empty; nothing was changed")
    named = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    if graph is not None or merge:
        target = ox.NamedNode(graph) if graph is not None else ox.DefaultGraph()
        quads = [ox.Quad(q.subject, q.predicate, q.object, target) for q in quads]
    elif default and named:
        raise ApiError("bad_request", "the default graph takes triples; this document names other graphs")
    else:
        for name in named:
            check_target(name, override)
    with svc.write_lock:
        before = {o.iri for o in svc.store.knowledge.observations}
        report = svc.store.commit(quads, source=source, files=[source])
        return _report(svc, report, graph, before)


def replace(
    svc: Service,
    data: bytes,
    content_type: str,
    graph: str | None,
    *,
    override: str | None = None,
    source: str = "request body",
) -> tuple[dict[str, Any], bool]:
    """Replace a graph's content (the default graph when ``graph`` is None); True if created.
    What the old content leaves behind is validated with the new."""
    check_target(graph, override)
    fmt = ox.RdfFormat.from_media_type(content_type)
    assert fmt is not None
    quads = parse_bytes(data, fmt, source, limits=svc.limits)
    if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
        raise ApiError("bad_request", "a graph's content is triples; this document names graphs")
    with svc.write_lock:
        created = graph is not None and graph not in svc.store.graph_names()
        before = {o.iri for o in svc.store.knowledge.observations}
        report = svc.store.replace_graph(graph, quads)
        return _report(svc, report, graph, before), created


def remove(svc: Service, graph: str | None, *, override: str | None = None) -> dict[str, Any]:
    """Remove a named graph, or empty the default graph when ``graph`` is None, if what it
    leaves behind is valid."""
    check_target(graph, override)
    with svc.write_lock:
        if graph is not None and graph not in svc.store.graph_names():
            raise ApiError("not_found", f"there is no graph <{graph}>")
        node = ox.NamedNode(graph) if graph is not None else ox.DefaultGraph()
        removed = sum(1 for _ in svc.store.store.quads_for_pattern(None, None, None, node))
        svc.store.remove_graph(graph)
        return {"graph": graph, "removed": removed, "generation": svc.store.generation}
