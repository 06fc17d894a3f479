"""The app factory: ``create_app(settings)`` builds the whole HTTP service.

Routes live in one module per concern (``ask``, ``sparql``, ``resources``,
``graphstore``); errors in ``errors``; the body limit in ``limits``. Query workers start
with the app and stop with it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import anyio
from fastapi import FastAPI

from kg.remote_sparql import RemoteQueries
from kg.remote_store import RemoteKnowledgeStore
from kg.sparql import QueryPool
from kg.store import KnowledgeStore

from ..console import install_console
from ..settings import Settings
from ..state import open_state
from ..stores import open_store
from . import ask, graphstore, operations, resources, sparql
from .errors import install_error_handlers
from .limits import BodyLimit
from .metrics import Observe
from .service import Service

if TYPE_CHECKING:
    from ..engine import Answerer

__all__ = ["create_app"]

_DESCRIPTION = """\
Answers questions about AI-infrastructure spending from a knowledge graph, with the
sources and the derivation of every number.

- `/ask`: a question in, an answer out (value, unit, period, status, sources, derivation).
- `/sparql`: a read-only SPARQL 1.1 endpoint. The default graph holds the stated facts
  (the users' default graph merged with the shipped vocabulary's graphs); derived facts
  are in the named graph `https://kgbot.dev/graph/derived`. SERVICE and
  graphs the store does not hold are refused; every query has a time and a row limit.
- `/entities`, `/metrics`, `/facts`, `/derivations`, `/conflicts`: the knowledge as JSON.
- `/graph`: the Graph Store Protocol. Writes (and `POST /facts`) need
  `Authorization: Bearer <token>` and are validated against the SHACL shapes first,
  removals on what they leave. The shipped vocabulary's graphs need `?override=vocabulary`.

- `/healthz` (alive), `/readyz` (store reachable, lexicon built), `/-/metrics` (Prometheus).

Every error is `{"status", "error", "message", "details"}`.
"""


def create_app(settings: Settings, store: KnowledgeStore | None = None, answerer: Answerer | None = None) -> FastAPI:
    """The FastAPI app over ``store`` (default: the embedded store at ``settings.store_path``)."""
    owns_store = store is None
    if store is None:
        store = open_store(settings)
    if answerer is None:
        from ..engine import Answerer

        answerer = Answerer(store, today=settings.today, shared=open_state(settings, store))
    write_lock = threading.Lock()
    pool: QueryPool | RemoteQueries
    if isinstance(store, RemoteKnowledgeStore):  # the SPARQL server runs the queries
        pool = RemoteQueries(store, timeout=settings.query_timeout, max_rows=settings.max_rows)
    else:
        pool = QueryPool(
            store,
            workers=settings.sparql_workers,
            timeout=settings.query_timeout,
            max_rows=settings.max_rows,
            lock=write_lock,
            memory_limit=settings.query_memory,
        )
    svc = Service(
        settings=settings, store=store, answerer=answerer, pool=pool, write_lock=write_lock, owns_store=owns_store
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(svc.pool.start)
        with contextlib.suppress(Exception):  # /readyz reports a failure; it must not stop the app
            await anyio.to_thread.run_sync(svc.build_lexicon)
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(svc.close)

    app = FastAPI(
        title="kgbot", version="0.1.0", description=_DESCRIPTION, lifespan=lifespan, docs_url=None, redoc_url=None
    )
    app.state.kgbot = svc
    install_error_handlers(app)
    app.add_middleware(BodyLimit, max_body=settings.max_body)
    app.add_middleware(Observe, metrics=svc.metrics, access_log=settings.access_log)  # outermost: sees every answer
    app.include_router(ask.router)
    app.include_router(sparql.router)
    app.include_router(resources.router)
    app.include_router(graphstore.router)
    install_console(app)  # /, /docs and /redoc, every asset served from the package
    app.include_router(operations.router)
    _mount_optional_surfaces(app, settings, answerer)
    return app


def _mount_optional_surfaces(app: FastAPI, settings: Settings, answerer: Answerer) -> None:
    """Mount the surfaces that depend on optional settings."""
    # Slack and charts are mounted here: /chart always (it needs no credentials),
    # /slack/events only when both the bot token and the signing secret are set
    from ..charts import chart_router

    app.include_router(chart_router(answerer))
    if settings.slack_bot_token and settings.slack_signing_secret:
        from ..slack import build_slack_app
        from ..slack.http import slack_router

        app.include_router(slack_router(build_slack_app(settings, answerer)))
