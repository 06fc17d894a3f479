"""The pool of query worker processes: run a checked query, stop it at its limits.

See :mod:`kg.sparql` for the public interface.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Protocol

import pyoxigraph as ox

from ._sparql_check import ParsedInfo, check_query, media_types_for
from ._sparql_snapshot import Snapshots
from ._sparql_worker import worker_main
from .errors import QueryOutOfMemory, QueryRejected, QueryTimeout
from .namespaces import DERIVED_GRAPH, VOCABULARY_GRAPHS

__all__ = ["QueryPool", "QueryResult"]


@dataclass(frozen=True)
class QueryResult:
    """A serialised result."""

    form: str
    media_type: str
    body: bytes
    truncated: bool = False
    count: int | None = None
    """Rows (SELECT) or triples (CONSTRUCT, DESCRIBE) returned; None for ASK."""
    unknown_graphs: tuple[str, ...] = ()
    """Graphs the query's dataset named that the store does not hold: they were empty."""


def stated_graphs(names: list[str]) -> list[str]:
    """The named graphs that hold stated facts: the shipped vocabulary's and any loaded one, not the derived."""
    return sorted({*VOCABULARY_GRAPHS, *(g for g in names if g != DERIVED_GRAPH)})


class _Source(Protocol):
    """What the pool needs of a store: its Oxigraph store and a generation counter."""

    store: ox.Store
    generation: int

    def graph_names(self) -> list[str]: ...


@dataclass
class _Worker:
    process: Any
    conn: Connection
    generation: int | None = None
    snapshot: str | None = None
    queries: int = 0

    def stop(self, kill: bool = False) -> None:
        if not kill:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                kill = True
        if kill:
            self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """Worker processes that run checked queries against snapshots of ``store``.

    ``lock`` is held while a snapshot is made; pass the lock writers hold so a snapshot
    never sees half a write. ``memory_limit`` caps each worker's memory, in bytes.
    ``run`` blocks; call it from a thread, not an event loop.
    """

    def __init__(
        self,
        store: _Source,
        *,
        workers: int = 2,
        timeout: float = 10.0,
        max_rows: int = 10000,
        lock: threading.Lock | threading.RLock | None = None,
        start_method: str | None = None,
        load_timeout: float = 120.0,
        memory_limit: int | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("a query pool needs at least one worker")
        self.source = store
        self.size = workers
        self.timeout = timeout
        self.max_rows = max_rows
        self.load_timeout = load_timeout
        self.memory_limit = memory_limit
        self._lock = lock if lock is not None else threading.Lock()
        methods = multiprocessing.get_all_start_methods()
        method = start_method or ("forkserver" if "forkserver" in methods else "spawn")
        self._ctx: Any = multiprocessing.get_context(method)
        if method == "forkserver":
            self._ctx.set_forkserver_preload(["kg._sparql_worker"])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: list[_Worker] = []
        self._state_lock = threading.Lock()
        self._started = False
        self._closed = False
        self._snapshots = Snapshots(store, self._lock)
        self.timeouts = 0
        self.out_of_memory = 0

    # ------------------------------------------------------------ lifecycle
    def start(self) -> None:
        """Start the workers (``run`` does it on first use)."""
        with self._state_lock:
            if self._started or self._closed:
                return
            self._started = True
            for _ in range(self.size):
                self._idle.put(self._spawn())

    def close(self) -> None:
        """Stop every worker; queries running now are stopped too."""
        with self._state_lock:
            if self._closed:
                return
            self._closed = True
            workers, self._workers = list(self._workers), []
        for w in workers:
            with contextlib.suppress(OSError, ValueError):
                w.conn.send(None)
        for w in workers:
            w.process.join(timeout=0.5)
            w.stop(kill=True)
        self._snapshots.close()

    def __enter__(self) -> QueryPool:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def pids(self) -> list[int]:
        """Process ids of the live workers."""
        with self._state_lock:
            return [w.process.pid for w in self._workers if w.process.pid is not None]

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(
            target=worker_main, args=(child, self.memory_limit), daemon=True, name="kgbot-sparql-worker"
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._workers.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.stop(kill=True)
        with self._state_lock:
            if worker in self._workers:
                self._workers.remove(worker)
            if self._closed:
                return
            self._idle.put(self._spawn())

    def _release(self, worker: _Worker) -> None:
        if self._closed:
            worker.stop()
        else:
            self._idle.put(worker)

    # ------------------------------------------------------------ checking
    def check(
        self,
        query: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
    ) -> ParsedInfo:
        """Parse and judge a query without running it; raise :class:`QueryRejected`."""
        info = check_query(query, base_iri)
        if info.has_service:
            raise QueryRejected("SERVICE is not allowed: this endpoint never queries other endpoints")
        return info

    def unknown_graphs(
        self,
        info: ParsedInfo,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> tuple[str, ...]:
        """The graphs a query's dataset names that the store does not hold, in order.

        They are empty graphs to the query: nothing is ever fetched or read for them
        (Oxigraph never loads a ``FROM`` IRI, and the worker has no network of its own to
        reach for; see :mod:`kg.sparql`).
        """
        known = set(self.source.graph_names())
        named = [*info.from_graphs, *info.from_named, *(default_graphs or ()), *(named_graphs or ())]
        return tuple(dict.fromkeys(iri for iri in named if iri not in known))

    # ------------------------------------------------------------ running
    def run(
        self,
        query: str,
        *,
        media_type: str | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> QueryResult:
        """Check and run ``query``; raise :class:`QueryRejected` or :class:`QueryTimeout`.

        ``default_graphs`` / ``named_graphs`` are the protocol's ``default-graph-uri`` and
        ``named-graph-uri``: when either is given they replace the query's own dataset.
        Without them (and without ``FROM`` / ``FROM NAMED``) the default graph is the store's
        default graph merged with every stated named graph, and every named graph is available
        to ``GRAPH``.
        """
        info = self.check(query, default_graphs=default_graphs, named_graphs=named_graphs, base_iri=base_iri)
        types = media_types_for(info.form)
        chosen = media_type if media_type in types else types[0]
        options = {
            "form": info.form,
            "media_type": chosen,
            "max_rows": self.max_rows,
            "base_iri": base_iri,
            "prefixes": dict(prefixes or {}),
            "dataset": (
                None
                if default_graphs is None and named_graphs is None
                else (list(default_graphs or ()), list(named_graphs or ()))
            ),
            # without a dataset of its own, a query's default graph is every stated fact: the
            # store's default graph merged with the shipped vocabulary's and the filings' graphs
            "default_union": (
                stated_graphs(self.source.graph_names())
                if default_graphs is None and named_graphs is None and not info.dataset
                else []
            ),
        }
        if self._closed:
            raise QueryRejected("the query service is shutting down")
        self.start()
        deadline = time.monotonic() + self.timeout
        generation, snapshot = self._snapshots.current()
        try:
            return self._run_on(info, chosen, options, generation, snapshot, deadline, default_graphs, named_graphs)
        finally:
            self._snapshots.release(snapshot)

    def _run_on(
        self,
        info: ParsedInfo,
        chosen: str,
        options: dict[str, Any],
        generation: int,
        snapshot: str,
        deadline: float,
        default_graphs: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
    ) -> QueryResult:
        worker = self._acquire(deadline)
        loading = worker.generation != generation
        try:
            if loading:
                self._open(worker, generation, snapshot)
                loading = False
                deadline = time.monotonic() + self.timeout
            worker.conn.send(("query", info.text, options))
            finished = worker.conn.poll(max(0.0, deadline - time.monotonic()))
            reply = worker.conn.recv() if finished else None
        except (EOFError, OSError):
            raise self._lost(worker, loading) from None
        except BaseException:
            self._replace(worker)
            raise
        if reply is None:
            self.timeouts += 1
            self._replace(worker)
            raise QueryTimeout(
                f"the query ran longer than {self.timeout:g} s and was stopped; narrow it down or add a LIMIT"
            )
        status, payload = reply
        if status == "memory":
            raise self._lost(worker)
        self._release(worker)
        worker.queries += 1
        if status == "ok":
            body, truncated, count = payload
            unknown = self.unknown_graphs(info, default_graphs, named_graphs)
            return QueryResult(info.form, chosen, body, truncated, count, unknown)
        raise QueryRejected(payload)

    def _lost(self, worker: _Worker, loading: bool = False) -> QueryOutOfMemory:
        """Replace a worker that died or ran out of memory; the error to raise."""
        worker.process.join(timeout=1.0)
        self.out_of_memory += 1
        self._replace(worker)
        if loading:
            return QueryOutOfMemory(
                "the data could not be opened for querying within the memory a query worker may use"
                + (f" ({_size(self.memory_limit)})" if self.memory_limit else "")
            )
        if self.memory_limit is None:
            return QueryOutOfMemory("the query stopped unexpectedly (it may need too much memory); narrow it down")
        return QueryOutOfMemory(
            f"the query needed more than the {_size(self.memory_limit)} of memory a query may use and was stopped; "
            "narrow it down"
        )

    def _acquire(self, deadline: float) -> _Worker:
        try:
            return self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise QueryTimeout(
                f"all {self.size} query workers stayed busy for {self.timeout:g} s; try again later"
            ) from None

    def _open(self, worker: _Worker, generation: int, snapshot: str) -> None:
        worker.conn.send(("open", snapshot))
        if not worker.conn.poll(self.load_timeout):
            raise EOFError("worker did not open the data")
        status, message = worker.conn.recv()
        if status == "memory":
            raise EOFError(message)
        if status != "ok":
            raise QueryRejected(f"the data could not be opened for querying: {message}")
        worker.generation, worker.snapshot = generation, snapshot
        with self._state_lock:
            in_use = [w.snapshot for w in self._workers]
        self._snapshots.prune(in_use)


def _size(n: int) -> str:
    """A byte count in words: ``_size(1 << 30) == '1 GiB'``."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:g} {unit}"
    return f"{n} bytes"
