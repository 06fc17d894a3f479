"""Operational endpoints, under datasette's ``/-/`` prefix where they are new:

- ``GET /-/metrics``: Prometheus text format (see :mod:`.metrics` for what it reports);
- ``GET /readyz``: ready to serve, that is the store answers and the lexicon is built
  for the current data (503 in the error shape otherwise);
- ``GET /healthz`` (in ``resources``): alive.
"""

from __future__ import annotations

from typing import Any

import anyio
from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from .errors import ApiError, ErrorBody
from .service import Svc

__all__ = ["router"]

router = APIRouter(tags=["service"])


@router.get(
    "/-/metrics",
    summary="Operational metrics (Prometheus)",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}, "description": "Prometheus text format"}},
)
async def metrics(svc: Svc) -> Response:
    """Request counts and latency by route, answers by kind, refusals by error code, SPARQL
    timeouts and out-of-memory stops, the store's generation and quads."""
    body = await anyio.to_thread.run_sync(generate_latest, svc.metrics.registry)
    return Response(body, media_type=CONTENT_TYPE_LATEST)


@router.get(
    "/readyz",
    summary="Readiness: the store answers and the lexicon is built",
    responses={503: {"model": ErrorBody, "description": "Not ready; details say which check failed"}},
)
async def readyz(svc: Svc) -> JSONResponse:
    """``{"status": "ready", "generation": n, "checks": {"store": "ok", "lexicon": "ok"}}``."""
    checks: dict[str, str] = {}
    failures: list[dict[str, Any]] = []
    try:
        await anyio.to_thread.run_sync(svc.probe_store)
        checks["store"] = "ok"
    except Exception as exc:
        failures.append({"check": "store", "message": str(exc) or type(exc).__name__})
    if not failures:
        try:
            await anyio.to_thread.run_sync(svc.build_lexicon)
            checks["lexicon"] = "ok"
        except Exception as exc:
            failures.append({"check": "lexicon", "message": str(exc) or type(exc).__name__})
    if failures:
        raise ApiError("not_ready", "the service is not ready: " + "; ".join(f["check"] for f in failures), failures)
    return JSONResponse({"status": "ready", "generation": svc.store.generation, "checks": checks})
