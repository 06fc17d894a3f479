"""The SPARQL 1.1 Protocol endpoint at ``/sparql``: queries only, run in worker processes.

- ``GET /sparql?query=...``, ``POST`` form-encoded (``query=...``) or ``POST`` with
  ``Content-Type: application/sparql-query``;
- a graph IRI the store does not hold (``FROM``, ``FROM NAMED``, ``default-graph-uri``,
  ``named-graph-uri``) is an empty graph, never fetched, and named in a
  ``Kgbot-Warning: unknown graph <IRI>`` response header;
- ``default-graph-uri`` / ``named-graph-uri`` replace the query's own dataset. Without
  them (or ``FROM``) the default graph is the store's default graph merged with every
  named graph of stated facts (the shipped vocabulary's, the filings'). Derived facts are in the named graph
  ``<https://kgbot.dev/graph/derived>``;
- results by ``Accept``; ``X-Result-Truncated: true`` when the row limit cut them;
- a bare ``GET /sparql`` returns the service description;
- updates are refused (403): the endpoint is read-only.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Annotated, Any
from urllib.parse import parse_qs, quote

import anyio
import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from kg.namespaces import DERIVED_GRAPH, PREFIXES, VOCABULARY_GRAPHS
from kg.sparql import GRAPH_MEDIA_TYPES, media_types_for

from .errors import ApiError, ErrorBody
from .negotiation import choose, media_type
from .service import Service, Svc

__all__ = ["WARNING_HEADER", "router"]

router = APIRouter(tags=["SPARQL"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Syntax error or SERVICE"},
    403: {"model": ErrorBody, "description": "An update: the endpoint is read-only"},
    415: {"model": ErrorBody, "description": "A body that is not a query"},
    503: {"model": ErrorBody, "description": "The query ran past the time limit or out of memory"},
}
_RESULTS = {
    "description": "Query results, or the service description for a bare GET",
    "headers": {
        "Kgbot-Warning": {
            "description": "`unknown graph <IRI>`, once for each graph the query named that the store does not "
            "hold (it was queried as an empty graph, never fetched)",
            "schema": {"type": "string"},
        },
        "X-Result-Truncated": {
            "description": "`true` when the row limit cut the results",
            "schema": {"type": "string"},
        },
    },
    "content": {
        t: {}
        for t in (
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/csv",
            "text/tab-separated-values",
            "text/turtle",
            "application/n-triples",
            "application/ld+json",
            "application/rdf+xml",
        )
    },
}
_POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["query"],
                    "properties": {
                        "query": {"type": "string", "description": "The SPARQL query."},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
            "application/sparql-query": {
                "schema": {"type": "string", "description": "The SPARQL query, UTF-8."},
            },
        },
    },
}


@router.get(
    "/sparql",
    name="sparql_get",
    summary="Run a SPARQL query (or describe the service)",
    responses={200: _RESULTS, **_ERRORS},
)
async def sparql_get(
    request: Request,
    svc: Svc,
    query: Annotated[list[str] | None, Query(description="The SPARQL query (exactly one).")] = None,
    default_graph_uri: Annotated[
        list[str] | None, Query(alias="default-graph-uri", description="Graphs whose merge is the default graph.")
    ] = None,
    named_graph_uri: Annotated[
        list[str] | None, Query(alias="named-graph-uri", description="Graphs available to GRAPH.")
    ] = None,
) -> Response:
    """Run a read-only SPARQL query; with no ``query`` parameter, return the service
    description (Turtle by default)."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    if "update" in params:
        _refuse_update(params)
    if not query:
        return _service_description(request, svc)
    return await _run(
        request,
        svc,
        query,
        default_graph_uri or [],
        named_graph_uri or [],
        explicit_dataset=bool(default_graph_uri or named_graph_uri),
    )


@router.post(
    "/sparql",
    summary="Run a SPARQL query sent in the body",
    responses={200: _RESULTS, **_ERRORS},
    openapi_extra=_POST_BODY,
)
async def sparql_post(request: Request, svc: Svc) -> Response:
    """Run a read-only SPARQL query sent form-encoded or as ``application/sparql-query``."""
    kind, ctype_params = media_type(request.headers.get("content-type"))
    url_params = parse_qs(request.url.query, keep_blank_values=True)
    if kind == "application/sparql-update":
        raise ApiError("read_only", "this endpoint is read-only: SPARQL updates are not accepted")
    if kind not in ("application/x-www-form-urlencoded", "application/sparql-query"):
        raise ApiError(
            "unsupported_media_type",
            "send the query form-encoded (application/x-www-form-urlencoded) or as application/sparql-query",
        )
    charset = ctype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ApiError("unsupported_media_type", f"queries must be UTF-8, not {charset}")
    try:
        text = (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError("bad_request", "the request body is not valid UTF-8") from None
    if kind == "application/sparql-query":
        params = dict(url_params)
        params["query"] = [*url_params.get("query", []), text]
    else:
        try:
            form = parse_qs(text, keep_blank_values=True, errors="strict")
        except (UnicodeDecodeError, ValueError):
            raise ApiError("bad_request", "the form body is not valid UTF-8") from None
        params = {k: [*url_params.get(k, []), *form.get(k, [])] for k in {*url_params, *form}}
    if "update" in params:
        _refuse_update(params)
    queries = params.get("query", [])
    if not queries:
        raise ApiError("bad_request", "no query: send a 'query' parameter")
    default = params.get("default-graph-uri", [])
    named = params.get("named-graph-uri", [])
    return await _run(request, svc, queries, default, named, explicit_dataset=bool(default or named))


def _refuse_update(params: dict[str, list[str]]) -> None:
    if params.get("query"):
        raise ApiError("bad_request", "send either 'query' or 'update', not both")
    raise ApiError("read_only", "this endpoint is read-only: SPARQL updates are not accepted")


async def _run(
    request: Request,
    svc: Service,
    queries: Sequence[str],
    default: list[str],
    named: list[str],
    *,
    explicit_dataset: bool,
) -> Response:
    if len(queries) != 1:
        raise ApiError("bad_request", f"send exactly one 'query' parameter, not {len(queries)}")
    text = queries[0]
    base = str(request.url_for("sparql_get"))
    dataset: dict[str, Any] = {"default_graphs": default, "named_graphs": named} if explicit_dataset else {}
    pool = svc.pool
    check = functools.partial(pool.check, text, base_iri=base, **dataset)
    info = await anyio.to_thread.run_sync(check, limiter=svc.query_limiter)
    chosen = choose(request.headers.get("accept"), media_types_for(info.form))
    run = functools.partial(pool.run, text, media_type=chosen, base_iri=base, prefixes=PREFIXES, **dataset)
    result = await anyio.to_thread.run_sync(run, limiter=svc.query_limiter)
    headers = {"Vary": "Accept"}
    if result.truncated:
        headers["X-Result-Truncated"] = "true"
        headers["X-Result-Limit"] = str(pool.max_rows)
    response = Response(result.body, media_type=result.media_type, headers=headers)
    for iri in result.unknown_graphs:
        response.headers.append(WARNING_HEADER, f"unknown graph <{quote(iri, safe=_IRI_SAFE)}>")
    return response


#: The header that names each graph a query asked for that the store does not hold.
WARNING_HEADER = "Kgbot-Warning"
_IRI_SAFE = "!#$&'()*+,/:;=?@[]~%-._"


# ---------------------------------------------------------------- service description

_SD = """\
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix kg: <https://kgbot.dev/ns#> .

<{endpoint}#service> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML,
        formats:SPARQL_Results_CSV, formats:SPARQL_Results_TSV, formats:Turtle,
        formats:N-Triples, formats:JSON-LD, formats:RDF_XML ;
    sd:feature kg:ReadOnly, kg:NoFederation, kg:LocalGraphsOnly ;
    kg:queryTimeLimit {timeout} ;
    kg:resultRowLimit {max_rows} ;
    rdfs:comment '''Read-only SPARQL 1.1 endpoint over the kgbot knowledge graph.
Without default-graph-uri, named-graph-uri, FROM or FROM NAMED, the default graph is the
store's default graph merged with every named graph of stated facts (vocabulary, filings);
derived facts are in the named graph <{derived}>.''' ;
    sd:defaultDataset [
        a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph ; rdfs:comment "Stated facts, vocabulary and sources." ] ;
{named}    ] .

kg:ReadOnly a sd:Feature ;
    rdfs:comment "Updates (SPARQL Update, LOAD) are refused with 403." .
kg:NoFederation a sd:Feature ;
    rdfs:comment "Queries that use SERVICE are refused with 400 before they run." .
kg:LocalGraphsOnly a sd:Feature ;
    rdfs:comment '''FROM, FROM NAMED, default-graph-uri and named-graph-uri naming a graph
this store does not hold get an empty graph and a Kgbot-Warning response header; nothing
is ever fetched.''' .
"""


def _service_description(request: Request, svc: Service) -> Response:
    endpoint = str(request.url_for("sparql_get"))
    named = ""
    for g in svc.store.graph_names():
        comment = (
            "Derived facts, with PROV-O derivations."
            if g == DERIVED_GRAPH
            else "The shipped vocabulary (part of the default graph)."
            if g in VOCABULARY_GRAPHS
            else "Stated facts loaded into this named graph."
        )
        named += f'        sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ; rdfs:comment "{comment}" ] ;\n'
    text = _SD.format(
        endpoint=endpoint,
        derived=DERIVED_GRAPH,
        named=named,
        timeout=float(svc.settings.query_timeout),
        max_rows=int(svc.settings.max_rows),
    )
    chosen = choose(request.headers.get("accept"), tuple(GRAPH_MEDIA_TYPES))
    if chosen == "text/turtle":
        body = text.encode()
    else:
        triples = [q.triple for q in ox.parse(text, format=ox.RdfFormat.TURTLE)]
        body = ox.serialize(triples, format=GRAPH_MEDIA_TYPES[chosen]) or b""
    return Response(body, media_type=chosen, headers={"Vary": "Accept"})
