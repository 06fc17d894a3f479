"""Operational metrics (Prometheus) and structured access logs.

:class:`Metrics` holds one registry per app (two apps in one process never share
counters). :class:`Observe` is the outermost ASGI middleware: it times every request,
labels it by route template (``/entities/{id:path}``, never the raw path, so the number
of series stays bounded), counts refusals by their error code, and, when access logs are
on, writes one JSON line per request to the ``kgbot.access`` logger.

What ``GET /-/metrics`` reports::

    kgbot_http_requests_total{method, route, status}       counter
    kgbot_http_request_duration_seconds{method, route}      histogram
    kgbot_answers_total{kind}                               counter (/ask)
    kgbot_refusals_total{error}                             counter (every error response)
    kgbot_sparql_timeouts_total                             counter
    kgbot_sparql_out_of_memory_total                        counter
    kgbot_store_generation                                  gauge
    kgbot_store_quads                                       gauge
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ACCESS_LOGGER", "Metrics", "Observe"]

#: The logger access lines go to (one JSON object per line).
ACCESS_LOGGER = "kgbot.access"

_UNMATCHED = "unmatched"


class Metrics:
    """The counters of one app, and a collector that reads the store and pool when scraped."""

    def __init__(self, state: Callable[[], tuple[int, int, int, int]]) -> None:
        """``state()`` returns (store generation, quads, SPARQL timeouts, SPARQL out-of-memory)."""
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "kgbot_http_requests",
            "HTTP requests answered, by method, route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "kgbot_http_request_duration_seconds",
            "Time to answer an HTTP request, by method and route template.",
            ["method", "route"],
            registry=self.registry,
        )
        self.answers = Counter(
            "kgbot_answers", "Answers given by /ask, by kind of answer.", ["kind"], registry=self.registry
        )
        self.refusals = Counter(
            "kgbot_refusals",
            "Requests refused with an error response, by error code.",
            ["error"],
            registry=self.registry,
        )
        self.registry.register(_StoreCollector(state))


class _StoreCollector(Collector):
    def __init__(self, state: Callable[[], tuple[int, int, int, int]]) -> None:
        self.state = state

    def collect(self) -> Iterator[Metric]:
        generation, quads, timeouts, out_of_memory = self.state()
        yield GaugeMetricFamily("kgbot_store_generation", "The data generation (bumped by every write).", generation)
        yield GaugeMetricFamily("kgbot_store_quads", "Quads in the store, derived ones included.", quads)
        yield CounterMetricFamily("kgbot_sparql_timeouts", "SPARQL queries stopped at the time limit.", value=timeouts)
        yield CounterMetricFamily(
            "kgbot_sparql_out_of_memory", "SPARQL queries stopped at the memory cap.", value=out_of_memory
        )


class Observe:
    """ASGI middleware: metrics for every HTTP request and, when ``access_log``, a JSON line."""

    def __init__(self, app: ASGIApp, metrics: Metrics, access_log: bool = False) -> None:
        self.app = app
        self.metrics = metrics
        self.log = _access_logger() if access_log else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        seen: dict[str, Any] = {"status": 500, "bytes": 0, "error": None}

        async def observed(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                seen["json"] = any(k == b"content-type" and v == b"application/json" for k, v in message["headers"])
            elif message["type"] == "http.response.body":
                body = message.get("body", b"")
                seen["bytes"] += len(body)
                if seen["status"] >= 400 and seen.get("json") and seen["error"] is None:
                    seen["error"] = _error_code(body)
            await send(message)

        try:
            await self.app(scope, receive, observed)
        finally:
            elapsed = time.perf_counter() - start
            route = getattr(scope.get("route"), "path", _UNMATCHED)
            method, status = scope["method"], seen["status"]
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.latency.labels(method, route).observe(elapsed)
            if status >= 400:
                self.metrics.refusals.labels(seen["error"] or f"http_{status}").inc()
            if self.log is not None:
                self.log.info(_access_line(scope, route, status, seen["bytes"], elapsed, seen["error"]))


def _error_code(body: bytes) -> str:
    try:
        code = json.loads(body).get("error")
    except (ValueError, AttributeError):
        return "unknown"
    return code if isinstance(code, str) else "unknown"


def _access_line(scope: Scope, route: str, status: int, size: int, elapsed: float, error: str | None) -> str:
    client = scope.get("client")
    line: dict[str, Any] = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "method": scope["method"],
        "path": scope.get("path", ""),
        "route": route,
        "status": status,
        "bytes": size,
        "duration_ms": round(elapsed * 1000, 3),
        "client": f"{client[0]}:{client[1]}" if client else None,
    }
    if error:
        line["error"] = error
    return json.dumps(line, separators=(",", ":"))


def _access_logger() -> logging.Logger:
    """The access logger, writing bare lines to stdout unless the operator set it up."""
    log = logging.getLogger(ACCESS_LOGGER)
    if not log.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.propagate = False
    log.setLevel(logging.INFO)
    return log
