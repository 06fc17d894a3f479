"""Browse pages: entities, metrics, facts, derivations and conflicts as HTML.

Each page calls the REST resource of the same name (:mod:`bot.http.resources`) and renders
what it returns, so the HTML and ``/facts`` (or ``/entities`` ...) always agree. Facts
filter like ``/facts`` does and download as CSV (here) or JSON (the REST resource).
Every value links to its fact page (the source and its quote) and, when derived, to its
derivation.
"""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from kg.errors import KGError

from ..http import resources
from ..http.service import Svc
from .render import templates

__all__ = ["router"]

router = APIRouter(prefix="/browse", include_in_schema=False)

PAGE = 100
Offset = Annotated[int, Query(ge=0)]
Filter = Annotated[str | None, Query(max_length=200)]
STATUSES = ("reported", "estimate", "forecast", "derived")


def _page(request: Request, name: str, nav: str, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, {"nav": nav, **context})


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, svc: Svc, kind: Filter = None, q: Filter = None, offset: Offset = 0) -> Response:
    page = resources.list_entities(svc, kind=kind or None, q=q or None, iri=None, limit=PAGE, offset=offset)
    kinds = sorted({e.kind for e in svc.store.knowledge.entities.values()})
    return _page(request, "entities.html", "entities", page=page, kind=kind or "", q=q or "", kinds=kinds)


@router.get("/entities/{id:path}", response_class=HTMLResponse)
def entity(request: Request, svc: Svc, id: str) -> Response:
    return _page(request, "entity.html", "entities", e=resources.get_entity(id, svc))


@router.get("/metrics", response_class=HTMLResponse)
def metrics(request: Request, svc: Svc, offset: Offset = 0) -> Response:
    page = resources.list_metrics(svc, limit=PAGE, offset=offset)
    return _page(request, "metrics.html", "metrics", page=page)


def _facts(
    svc: Svc, subject: str | None, metric: str | None, period: str | None, status: str | None, **page: int
) -> dict[str, Any]:
    """``GET /facts`` with the page's filters; an unknown status is no filter."""
    chosen = status if status in STATUSES else None
    return resources.list_facts(
        svc,
        subject=subject or None,
        metric=metric or None,
        period=period or None,
        status=chosen,  # type: ignore[arg-type]
        **page,
    )


@router.get("/facts", response_class=HTMLResponse)
def facts(
    request: Request,
    svc: Svc,
    subject: Filter = None,
    metric: Filter = None,
    period: Filter = None,
    status: Filter = None,
    offset: Offset = 0,
) -> Response:
    filters = {"subject": subject or "", "metric": metric or "", "period": period or "", "status": status or ""}
    error = None
    try:
        page = _facts(svc, subject, metric, period, status, limit=PAGE, offset=offset)
    except KGError as exc:  # a filter that names nothing: say so on the page, keep the form
        error = str(exc)
        page = {"count": 0, "limit": PAGE, "offset": 0, "items": []}
    return _page(request, "facts.html", "facts", page=page, filters=filters, statuses=STATUSES, error=error)


_CSV_COLUMNS = (
    "id", "subject", "metric", "period", "period_start", "period_end", "value", "unit", "qualifier",
    "low", "high", "status", "formula", "quote", "source_title", "source_url", "iri",
)  # fmt: skip


@router.get("/facts.csv")
def facts_csv(
    svc: Svc,
    subject: Filter = None,
    metric: Filter = None,
    period: Filter = None,
    status: Filter = None,
) -> Response:
    """The filtered facts as CSV, one row per fact (all of them, not one page)."""
    page = _facts(svc, subject, metric, period, status, limit=1_000_000, offset=0)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    for f in page["items"]:
        source = (f.get("sources") or [{}])[0]
        writer.writerow(
            [
                f["id"],
                f["subject"]["label"],
                f["metric"]["label"],
                f["period"]["label"],
                f["period"]["start"],
                f["period"]["end"],
                f["value"],
                f["unit"],
                f["qualifier"],
                f.get("low"),
                f.get("high"),
                f["status"],
                f.get("formula") or "",
                f.get("quote") or "",
                source.get("title") or "",
                source.get("url") or "",
                f["iri"],
            ]
        )
    headers = {"Content-Disposition": 'attachment; filename="facts.csv"'}
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/facts/{id:path}", response_class=HTMLResponse)
def fact(request: Request, svc: Svc, id: str) -> Response:
    f = resources.get_fact(id, svc)
    tree = resources.get_derivation(f["id"], svc)["tree"] if f["status"] == "derived" else None
    return _page(request, "fact.html", "facts", f=f, tree=tree)


@router.get("/derivations", response_class=HTMLResponse)
def derivations(request: Request, svc: Svc, offset: Offset = 0) -> Response:
    page = resources.list_derivations(svc, limit=PAGE, offset=offset)
    return _page(request, "derivations.html", "derivations", page=page)


@router.get("/derivations/{id:path}", response_class=HTMLResponse)
def derivation(request: Request, svc: Svc, id: str) -> Response:
    return _page(request, "derivation.html", "derivations", d=resources.get_derivation(id, svc))


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts(request: Request, svc: Svc, offset: Offset = 0) -> Response:
    page = resources.list_conflicts(svc, limit=PAGE, offset=offset)
    return _page(request, "conflicts.html", "conflicts", page=page)
