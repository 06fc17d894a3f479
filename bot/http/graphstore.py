"""The SPARQL 1.1 Graph Store HTTP Protocol at ``/graph``.

``?graph=IRI`` names a graph, ``?default`` the default graph; with neither, GET returns
the whole dataset (in a quads format; or the default graph in a triples format) and POST
adds a document's quads where it says. GET is open; PUT (replace), POST (add) and DELETE
need the bearer token. The derived graph is read-only. The shipped vocabulary's graphs
(ontology, entities, seed) are written only with ``?override=vocabulary``, and never so
that the ontology's classes or properties are lost. Removals are validated like additions:
a DELETE or PUT that would leave an invalid node behind is refused (422).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import anyio
import pyoxigraph as ox
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from kg.namespaces import PREFIXES
from kg.rdfio import serialize
from kg.sparql import stated_graphs

from . import writes
from .auth import require_writer
from .errors import ApiError, ErrorBody
from .negotiation import choose
from .service import Service, Svc

__all__ = ["router"]

router = APIRouter(tags=["graph store"])

Graph = Annotated[str | None, Query(description="IRI of a named graph.")]
Default = Annotated[str | None, Query(description="Present (`?default`): the default graph.")]
Override = Annotated[
    Literal["vocabulary"] | None,
    Query(
        description="`vocabulary`: allow the write to touch the shipped vocabulary's graphs "
        "(ontology, entities, seed). Even then, a write that would remove the ontology's "
        "classes or properties is refused (409)."
    ),
]
_TRIPLES = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")
_QUADS = ("application/n-quads", "application/trig")
_RDF_BODY = {
    "requestBody": {"required": True, "content": {t: {"schema": {"type": "string"}} for t in (*_TRIPLES, *_QUADS)}}
}
_WRITE_ERRORS: dict[int | str, dict[str, Any]] = {c: {"model": ErrorBody} for c in (400, 401, 404, 413, 415)}
_WRITE_ERRORS[403] = {"model": ErrorBody, "description": "Writes disabled, or a vocabulary graph without the override"}
_WRITE_ERRORS[409] = {"model": ErrorBody, "description": "The write would remove the ontology's classes or properties"}
_WRITE_ERRORS[422] = {
    "model": ErrorBody,
    "description": "SHACL violations in what the write adds or leaves; nothing stored",
}


def _target(
    svc: Service, graph: str | None, default: str | None, *, required: bool, must_exist: bool
) -> tuple[bool, str | None]:
    """(addressed, graph IRI or None for the default graph)."""
    if graph is not None and default is not None:
        raise ApiError("bad_request", "give either ?graph=IRI or ?default, not both")
    if graph is None and default is None:
        if required:
            raise ApiError("bad_request", "say which graph: ?graph=IRI or ?default")
        return False, None
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError as exc:
            raise ApiError("bad_request", f"not a valid graph IRI: {exc}") from None
        if must_exist and graph not in svc.store.graph_names():
            raise ApiError("not_found", f"there is no graph <{graph}>")
    return True, graph


@router.get(
    "/graph",
    summary="Read a graph or the whole dataset",
    responses={200: {"content": {t: {} for t in (*_QUADS, *_TRIPLES)}}, 404: {"model": ErrorBody}},
)
def get_graph(request: Request, svc: Svc, graph: Graph = None, default: Default = None) -> Response:
    """A graph in the format ``Accept`` asks for (Turtle by default); with no parameter the
    dataset in N-Quads or TriG, or in a triples format the stated facts: the default graph
    merged with the shipped vocabulary's graphs, as SPARQL queries see it."""
    addressed, iri = _target(svc, graph, default, required=False, must_exist=True)
    accept = request.headers.get("accept")
    store = svc.store.store
    if addressed:
        chosen = choose(accept, _TRIPLES)
        node = ox.NamedNode(iri) if iri is not None else ox.DefaultGraph()
        data: Any = (q.triple for q in store.quads_for_pattern(None, None, None, node))
    else:
        chosen = choose(accept, (*_QUADS, *_TRIPLES))
        if chosen in _QUADS:
            data = store.quads_for_pattern(None, None, None)
        else:
            names = [str(g.value) for g in store.named_graphs()]
            stated: list[ox.NamedNode | ox.DefaultGraph] = [ox.DefaultGraph(), *map(ox.NamedNode, stated_graphs(names))]
            data = (q.triple for g in stated for q in store.quads_for_pattern(None, None, None, g))
    fmt = ox.RdfFormat.from_media_type(chosen)
    assert fmt is not None
    return Response(serialize(data, fmt, PREFIXES), media_type=chosen, headers={"Vary": "Accept"})


@router.put(
    "/graph",
    summary="Replace a graph",
    dependencies=[Depends(require_writer)],
    responses={200: {"description": "Replaced"}, 201: {"description": "Created"}, **_WRITE_ERRORS},
    openapi_extra=_RDF_BODY,
)
async def put_graph(
    request: Request, svc: Svc, graph: Graph = None, default: Default = None, override: Override = None
) -> JSONResponse:
    """Replace the content of a graph with the body, after validating the new content and
    what the old content leaves behind."""
    _, iri = _target(svc, graph, default, required=True, must_exist=False)
    kind = writes.upload_format(request.headers.get("content-type"))
    body = await request.body()
    report, created = await anyio.to_thread.run_sync(lambda: writes.replace(svc, body, kind, iri, override=override))
    return JSONResponse(report, status_code=201 if created else 200)


@router.post(
    "/graph",
    summary="Add to a graph",
    dependencies=[Depends(require_writer)],
    responses={200: {"description": "Added"}, **_WRITE_ERRORS},
    openapi_extra=_RDF_BODY,
)
async def post_graph(
    request: Request, svc: Svc, graph: Graph = None, default: Default = None, override: Override = None
) -> JSONResponse:
    """Add the body's statements to a graph (or, with no parameter, where the document says)."""
    addressed, iri = _target(svc, graph, default, required=False, must_exist=False)
    kind = writes.upload_format(request.headers.get("content-type"))
    body = await request.body()
    report = await anyio.to_thread.run_sync(
        lambda: writes.add(svc, body, kind, iri, default=addressed and iri is None, override=override)
    )
    return JSONResponse(report)


@router.delete(
    "/graph",
    summary="Remove a graph",
    dependencies=[Depends(require_writer)],
    responses={200: {"description": "Removed"}, **_WRITE_ERRORS},
)
async def delete_graph(
    svc: Svc, graph: Graph = None, default: Default = None, override: Override = None
) -> JSONResponse:
    """Remove a named graph, or empty the default graph, if what that leaves is valid."""
    _, iri = _target(svc, graph, default, required=True, must_exist=False)
    report = await anyio.to_thread.run_sync(lambda: writes.remove(svc, iri, override=override))
    return JSONResponse(report)
