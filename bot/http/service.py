"""What the HTTP handlers share: settings, the store, the answerer, the query pool."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated

import anyio
from fastapi import Depends, Request

from kg.rdfio import ParseLimits
from kg.remote_sparql import RemoteQueries
from kg.sparql import QueryPool
from kg.store import KnowledgeStore

from ..settings import Settings
from .answer_cache import AnswerCache
from .metrics import Metrics

if TYPE_CHECKING:
    from ..engine import Answerer

__all__ = ["Service", "Svc", "service"]


@dataclass
class Service:
    """The parts of one running app. ``write_lock`` serialises writes and store dumps."""

    settings: Settings
    store: KnowledgeStore
    answerer: Answerer
    pool: QueryPool | RemoteQueries
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    owns_store: bool = False
    _limiter: anyio.CapacityLimiter | None = None
    _closed: bool = False
    _lexicon_generation: int | None = None
    _quads: tuple[int, int] = (-1, 0)

    def __post_init__(self) -> None:
        self.metrics = Metrics(self._state)
        self.answer_cache = AnswerCache(self.settings.answer_cache)

    def _state(self) -> tuple[int, int, int, int]:
        """(generation, quads, SPARQL timeouts, SPARQL out-of-memory stops), for the metrics."""
        generation = self.store.generation
        if self._quads[0] != generation:  # counting quads walks the store: once per generation
            self._quads = (generation, len(self.store))
        return generation, self._quads[1], self.pool.timeouts, self.pool.out_of_memory

    def probe_store(self) -> None:
        """Read one quad from the store; raise if it cannot be read."""
        remote = getattr(self.store, "remote", None)
        if remote is not None:  # a SPARQL server: read its data generation
            remote.marker()
        else:
            next(iter(self.store.store.quads_for_pattern(None, None, None)), None)

    def build_lexicon(self) -> None:
        """Make sure the answerer's lexicon is built for the current data (a first question
        builds it; later ones reuse it until the data changes)."""
        generation = self.store.generation
        if self._lexicon_generation != generation:
            self.answerer.ask("help")
            self._lexicon_generation = generation

    @property
    def query_limiter(self) -> anyio.CapacityLimiter:
        """Threads that may wait on query workers at once, apart from the default pool,
        so slow queries never starve ``/ask`` of threads."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(max(4, 4 * self.settings.sparql_workers))
        return self._limiter

    @property
    def limits(self) -> ParseLimits:
        """The size caps of uploads."""
        return ParseLimits(max_literal=self.settings.max_literal, max_document=self.settings.max_document)

    def close(self) -> None:
        """Stop the query workers; close the store if this app opened it."""
        if self._closed:
            return
        self._closed = True
        self.pool.close()
        if self.owns_store:
            self.store.close()


async def service(request: Request) -> Service:
    """The :class:`Service` of the app serving ``request`` (a FastAPI dependency)."""
    svc: Service = request.app.state.kgbot
    return svc


#: A handler parameter annotated ``Svc`` receives the app's :class:`Service`.
Svc = Annotated[Service, Depends(service)]
