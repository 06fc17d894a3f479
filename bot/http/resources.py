"""REST resources over the knowledge snapshot (JSON).

``/entities``, ``/metrics``, ``/facts`` (and ``POST /facts``), ``/derivations``,
``/conflicts``, ``/healthz``. Lists are ``{"count", "limit", "offset", "items"}``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal

import anyio
import pyoxigraph as ox
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from kg.errors import UnknownEntity
from kg.knowledge import Knowledge, Observation, Quantity
from kg.periods import Period
from kg.reasoning import Derivation, explain

from . import views, writes
from .auth import require_writer
from .errors import ErrorBody
from .service import Svc

__all__ = ["router"]

router = APIRouter()

Status = Literal["reported", "estimate", "forecast", "derived"]
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody}}
Limit = Annotated[int, Query(ge=1, le=1000, description="Most items to return.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]


def _page(items: Sequence[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    return {"count": len(items), "limit": limit, "offset": offset, "items": list(items[offset : offset + limit])}


def _resolve(k: Knowledge, name: str, what: str) -> set[str]:
    """Entity IRIs a filter value names: an IRI, or a label, alias or ticker (any case)."""
    if name in k.entities:
        return {name}
    wanted = name.strip().casefold()
    found = {e.iri for e in k.entities.values() if any(n.casefold() == wanted for n in e.names)}
    if not found:
        found = {iri for iri in k.entities if views.iri_id(iri).casefold() == wanted}
    if not found:
        raise UnknownEntity(f"no {what} is called {name!r}")
    return found


def _periods(k: Knowledge, name: str) -> set[Period]:
    if name in k.periods:
        return {k.periods[name]}
    wanted = name.strip().casefold()
    known = {*k.periods.values(), *(q.period for q in k.by_quantity)}
    found = {p for p in known if wanted in (p.label.casefold(), p.slug.casefold())}
    if not found:
        raise UnknownEntity(f"no period is called {name!r}")
    return found


# ---------------------------------------------------------------- entities, metrics


@router.get("/entities", tags=["knowledge"], summary="Companies, groups, metrics, concepts", responses=_NOT_FOUND)
def list_entities(
    svc: Svc,
    kind: Annotated[str | None, Query(description="company, group, metric, concept, ...")] = None,
    q: Annotated[str | None, Query(description="Part of a label, alias or ticker.")] = None,
    iri: Annotated[str | None, Query(description="One entity by its full IRI.")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Every entity with a name users may type."""
    k = svc.store.knowledge
    if iri is not None:
        entities = [views.find(k.entities, iri, "entity")]
    else:
        entities = sorted(k.entities.values(), key=lambda e: (e.kind, e.label.casefold()))
    if kind:
        entities = [e for e in entities if e.kind == kind]
    if q:
        needle = q.casefold()
        entities = [e for e in entities if any(needle in n.casefold() for n in e.names)]
    return _page([views.entity_json(k, e) for e in entities], limit, offset)


@router.get("/entities/{id:path}", tags=["knowledge"], summary="One entity", responses=_NOT_FOUND)
def get_entity(id: str, svc: Svc) -> dict[str, Any]:
    """An entity by id (the last segment of its IRI, a longer tail, or the IRI): labels,
    broader and narrower terms, members, and the facts about it."""
    k = svc.store.knowledge
    return views.entity_json(k, views.find(k.entities, id, "entity"), detail=True)


@router.get("/metrics", tags=["knowledge"], summary="The metrics facts are stated in")
def list_metrics(svc: Svc, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Metrics with their unit, synonyms and broader metrics."""
    k = svc.store.knowledge
    metrics = sorted(k.of_kind("metric"), key=lambda e: e.label.casefold())
    items = [
        {**views.entity_json(k, e), "definition": e.definition, "broader": [views.ref(k, b) for b in e.broader]}
        for e in metrics
    ]
    return _page(items, limit, offset)


# ---------------------------------------------------------------- facts


@router.get("/facts", tags=["knowledge"], summary="Stated and derived facts", responses=_NOT_FOUND)
def list_facts(
    svc: Svc,
    subject: Annotated[str | None, Query(description="A label, alias, ticker or IRI.")] = None,
    metric: Annotated[str | None, Query(description="A label, synonym or IRI.")] = None,
    period: Annotated[str | None, Query(description="A period label: '2025', 'H1 2025'.")] = None,
    status: Status | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Facts with their value, unit, qualifier, status, sources and quotes; filters combine."""
    k, d = svc.store.knowledge, svc.store.derivations
    subjects = _resolve(k, subject, "subject") if subject else None
    metrics = _resolve(k, metric, "metric") if metric else None
    periods = _periods(k, period) if period else None
    quantities: list[tuple[Quantity, Observation | None, Derivation | None]] = [
        (o.quantity, o, None) for o in k.observations
    ]
    quantities += [(q, None, der) for q, der in d.derived.items()]
    items = []
    for q, obs, der in quantities:
        if subjects is not None and q.subject not in subjects:
            continue
        if metrics is not None and q.metric not in metrics:
            continue
        if periods is not None and q.period not in periods:
            continue
        if obs is not None:
            item = views.fact_json(k, obs)
        else:
            assert der is not None
            item = views.derived_fact_json(k, der)
        if status is not None and item["status"] != status:
            continue
        items.append(item)
    items.sort(key=lambda f: (f["subject"]["label"], f["metric"]["label"], f["period"]["start"] or "", f["id"]))
    return _page(items, limit, offset)


@router.get("/facts/{id:path}", tags=["knowledge"], summary="One fact with its sources", responses=_NOT_FOUND)
def get_fact(id: str, svc: Svc) -> dict[str, Any]:
    """A stated fact (with its sources and the quoted sentence) or a derived one."""
    k, d = svc.store.knowledge, svc.store.derivations
    facts: dict[str, Any] = {o.iri: o for o in k.observations}
    facts.update({der.iri: der for der in d.derived.values()})
    found = views.find(facts, id, "fact")
    if isinstance(found, Observation):
        return views.fact_json(k, found)
    return views.derived_fact_json(k, found)


@router.post(
    "/facts",
    tags=["writes"],
    summary="Add facts (Turtle or JSON-LD)",
    status_code=201,
    dependencies=[Depends(require_writer)],
    responses={
        400: {"model": ErrorBody},
        401: {"model": ErrorBody},
        403: {"model": ErrorBody},
        415: {"model": ErrorBody},
        422: {"model": ErrorBody, "description": "SHACL violations"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/turtle": {"schema": {"type": "string"}},
                "application/ld+json": {"schema": {"type": "object"}},
            },
        }
    },
)
async def add_facts(request: Request, svc: Svc) -> JSONResponse:
    """Validate and add facts to the default graph, all or nothing. Needs the bearer token.

    A JSON-LD document's named graphs (``@id`` with ``@graph``) are merged into the default
    graph too, so ``"graph": null`` in the answer is where everything went. A document
    without statements (an empty body, JSON-LD ``null``) gets 400 and changes nothing."""
    kind = writes.upload_format(request.headers.get("content-type"), (ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD))
    body = await request.body()
    report = await anyio.to_thread.run_sync(lambda: writes.add(svc, body, kind, None, merge=True))
    return JSONResponse(report, status_code=201)


# ---------------------------------------------------------------- reasoning


@router.get("/derivations", tags=["reasoning"], summary="Values derived from stated facts")
def list_derivations(svc: Svc, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Each derived value with its formula and the facts it used."""
    k, d = svc.store.knowledge, svc.store.derivations
    items = [views.derivation_json(k, d, der) for der in d.derived.values()]
    items.sort(key=lambda x: (x["subject"]["label"], x["metric"]["label"], x["period"]["label"]))
    return _page(items, limit, offset)


@router.get("/derivations/{id:path}", tags=["reasoning"], summary="How a value was derived", responses=_NOT_FOUND)
def get_derivation(id: str, svc: Svc) -> dict[str, Any]:
    """The derivation tree of a derived value (or of a stated fact: a single leaf), down
    to the quoted sources."""
    k, d = svc.store.knowledge, svc.store.derivations
    quantities: dict[str, Any] = {der.iri: q for q, der in d.derived.items()}
    quantities.update({o.iri: o.quantity for o in k.observations})
    q = views.find(quantities, id, "derivation")
    tree = views.tree_json(k, explain(k, d, q))
    if q in d.derived:
        return {**views.derivation_json(k, d, d.derived[q]), "tree": tree}
    return {**views.fact_ref(k, d.stated[q][0]), "tree": tree}


@router.get("/conflicts", tags=["reasoning"], summary="Values that disagree")
def list_conflicts(svc: Svc, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Quantities stated or derived two ways whose values disagree beyond their slack."""
    k, d = svc.store.knowledge, svc.store.derivations
    return _page([views.conflict_json(k, c) for c in d.conflicts], limit, offset)


# ---------------------------------------------------------------- health


@router.get("/healthz", tags=["service"], summary="Liveness and the store's size")
def healthz(svc: Svc) -> dict[str, Any]:
    """``{"status": "ok", "generation": n, "quads": n}``."""
    return {"status": "ok", "generation": svc.store.generation, "quads": len(svc.store)}
