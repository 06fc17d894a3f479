"""The knowledge store over a SPARQL server: :class:`RemoteKnowledgeStore`.

It behaves like :class:`~kg.store.KnowledgeStore` (validation on write, reasoning after
every change, the derived graph written back) with the data on the server. This process
keeps only what answering needs in memory (the knowledge read from the stated graphs and
its derivations), and reads them again when the server's data generation changes: the
marker is polled at most once every ``poll_interval`` seconds, when someone asks for the
knowledge or the generation, never once per question.

Writes are compare-and-set on the marker (see :mod:`kg.remote`): a write validated
against data another writer has since changed is refused by the server and retried
here, validated again against the new data.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import pyoxigraph as ox

from .knowledge import Knowledge, read_knowledge
from .namespaces import DERIVED_GRAPH
from .reasoning import Derivations, derive, derived_quads
from .remote import Marker, RemoteStore, StoreConflict, StoreUnavailable
from .store import KnowledgeStore, LoadReport, no_collection, settle

__all__ = ["RemoteKnowledgeStore"]

log = logging.getLogger(__name__)
_DERIVED = ox.NamedNode(DERIVED_GRAPH)
_T = TypeVar("_T")
#: Times a write is tried when other writers keep winning the race.
_ATTEMPTS = 5


class _Stated:
    """What :func:`read_knowledge` reads: every graph but the derived one."""

    def __init__(self, remote: RemoteStore) -> None:
        self.remote = remote

    def quads_for_pattern(self, s: object, p: object, o: object, g: object = None) -> list[ox.Quad]:
        return self.remote.quads_for_pattern(s, p, o, g, exclude=(DERIVED_GRAPH,))

    def stated_quads(self) -> list[ox.Quad]:
        return self.remote.quads_for_pattern(None, None, None, None, exclude=(DERIVED_GRAPH,))


class RemoteKnowledgeStore(KnowledgeStore):
    """A :class:`~kg.store.KnowledgeStore` whose data lives in a SPARQL server.

    ``remote`` is the server (:class:`~kg.remote.RemoteStore`). An empty server is seeded
    as an embedded store is. ``read_only``: never write (not even the derived graph).
    """

    store: RemoteStore  # type: ignore[assignment]

    def __init__(
        self,
        remote: RemoteStore,
        *,
        seed: bool = True,
        validate: bool = True,
        read_only: bool = False,
        filings: bool = True,
        poll_interval: float = 0.5,
    ) -> None:
        self.remote = remote
        self.poll_interval = poll_interval
        self._polled = 0.0
        self._seen: str | None = None
        self._generation = 0
        self._syncing = False
        super().__init__(
            None,
            seed=seed,
            validate=validate,
            read_only=read_only or remote.update_url is None,
            filings=filings,
            backend=remote,  # type: ignore[arg-type]
        )

    def __repr__(self) -> str:
        return f"RemoteKnowledgeStore({self.remote.query_url!r})"

    # ------------------------------------------------------------ generation, polling
    @property
    def generation(self) -> int:
        self.sync()
        return self._generation

    @generation.setter
    def generation(self, value: int) -> None:
        self._generation = value

    @property
    def knowledge(self) -> Knowledge:
        self.sync()
        return super().knowledge

    @property
    def derivations(self) -> Derivations:
        self.sync()
        return super().derivations

    def sync(self, *, force: bool = False) -> None:
        """Read the knowledge again if the server's data changed since it was read; ask the
        server at most once every ``poll_interval`` seconds (``force``: now)."""
        if self._knowledge is None or self._syncing:
            return
        if not force and time.monotonic() - self._polled < self.poll_interval:
            return
        with self._lock:
            if not force and time.monotonic() - self._polled < self.poll_interval:
                return
            self._syncing = True
            try:
                marker = self.remote.marker()
                self._polled = time.monotonic()
                if marker.token != self._seen:
                    self._rebuild(marker, write=False)
            except StoreUnavailable as exc:
                self._polled = time.monotonic()  # keep answering from what was read; try again later
                if force:
                    raise
                log.warning("%s; answering from the data read before", exc)
            finally:
                self._syncing = False

    @no_collection
    def _rebuild(self, marker: Marker, *, write: bool) -> None:
        gc.unfreeze()  # as KnowledgeStore.refresh does
        knowledge = read_knowledge(_Stated(self.remote), marker.generation)  # type: ignore[arg-type]
        derivations = derive(knowledge)
        if write:
            self._write_derived(set(derived_quads(knowledge, derivations, DERIVED_GRAPH)))
        self._knowledge, self._derivations = knowledge, derivations
        settle()
        self._generation, self._seen = marker.generation, marker.token
        self.remote.expected = marker
        self._polled = time.monotonic()

    def refresh(self) -> None:
        """Read the stated facts, derive, and write the derived graph (after this process's own write)."""
        with self._lock:
            self._syncing = True
            try:
                marker = self.remote.marker() if self.remote.expected.token is None else self.remote.expected
                self._rebuild(marker, write=not self.read_only)
            finally:
                self._syncing = False

    def _write_derived(self, new: Iterable[ox.Quad], *, large: bool = False) -> None:
        """The difference with the derived graph the server holds, in one update that only
        applies if no other write came in between (the later writer writes its own)."""
        new = new if isinstance(new, set) else set(new)
        old = set(self.remote.quads_for_pattern(None, None, None, _DERIVED))
        removed, added = old - new, new - old
        if removed and len(removed) > len(old) // 2:
            self.remote.write(clear=[_DERIVED], insert=new, bump=False)
        elif removed or added:
            self.remote.write(delete=removed, insert=added, bump=False)
        self._derived = new  # (what the cache of a seeded store keeps; never read back here)

    def _seed(self, filings: bool) -> None:
        super()._seed(filings)
        marker = self.remote.expected
        self._generation, self._seen = marker.generation, marker.token
        self._polled = time.monotonic()

    def is_empty(self) -> bool:
        return self.remote.is_empty()

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.remote.named_graphs())

    def close(self) -> None:
        self.remote.close()

    # ------------------------------------------------------------ writes: validated against the latest data
    def _writable(self) -> None:
        super()._writable()
        self.sync(force=True)

    def _retry(self, write: Callable[[], _T]) -> _T:
        for attempt in range(_ATTEMPTS):
            try:
                return write()
            except StoreConflict:
                if attempt == _ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def commit(self, quads: list[ox.Quad], *, source: str = "data", files: list[str] | None = None) -> LoadReport:
        return self._retry(lambda: super(RemoteKnowledgeStore, self).commit(quads, source=source, files=files))

    def remove_graph(self, graph: str | None) -> None:
        self._retry(lambda: super(RemoteKnowledgeStore, self).remove_graph(graph))

    def replace_graph(self, graph: str | None, quads: list[ox.Quad]) -> LoadReport:
        return self._retry(lambda: super(RemoteKnowledgeStore, self).replace_graph(graph, quads))

    def replace_graphs(self, graphs: dict[str, list[ox.Quad]], *, source: str = "data") -> LoadReport:
        return self._retry(lambda: super(RemoteKnowledgeStore, self).replace_graphs(graphs, source=source))

    def _write_replacements(self, graphs: dict[str | None, list[ox.Quad]]) -> None:
        targets: list[Any] = [ox.NamedNode(g) if g is not None else ox.DefaultGraph() for g in graphs]
        self.remote.write(clear=targets, insert=[q for qs in graphs.values() for q in qs])
