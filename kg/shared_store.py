"""The embedded store shared by several processes (``kgbot serve --workers N``).

Every process holds a read-only view of the on-disk store and answers from its own
in-memory knowledge. One process writes at a time: it takes an exclusive lock on the file
``STORE.lock`` beside the store, opens the store read-write (a RocksDB open takes
milliseconds), validates against the latest data, commits, writes the derived graph, moves
the generation stamp (``STORE.generation``: a counter and a token) on, closes the store
and lets go of the lock. The others read the stamp at most once every ``poll_interval``
seconds and, when it moved, open a new read-only view and read the knowledge again.

The store's directory keeps the embedded layout exactly, so ``kgbot ask``, ``kgbot
serve`` without workers and everything else open it as before.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from .knowledge import Knowledge
from .reasoning import Derivations
from .store import KnowledgeStore, LoadReport, _open

__all__ = ["SharedDiskStore"]

_T = TypeVar("_T")


class SharedDiskStore(KnowledgeStore):
    """A :class:`~kg.store.KnowledgeStore` at ``path`` that several processes open at once."""

    def __init__(self, path: str | Path, *, poll_interval: float = 0.5, filings: bool = True) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.poll_interval = poll_interval
        self._lock_path = path.with_name(path.name + ".lock")
        self._stamp_path = path.with_name(path.name + ".generation")
        self._polled = 0.0
        self._stamp = ("0", "")
        self._generation = 0
        self._primary = False
        self._syncing = False
        with self._exclusive_file():  # the first process seeds a new store; the others wait for it
            KnowledgeStore(path, filings=filings).close()
            self._stamp = self._read_stamp()
        super().__init__(path, read_only=True, filings=filings)
        self.read_only = False  # it writes, through _exclusive
        self._generation = int(self._stamp[0])
        self._polled = time.monotonic()

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
        """Read the knowledge again if another process wrote since it was read (polled at
        most once every ``poll_interval`` seconds; ``force``: now)."""
        if self._knowledge is None or self._syncing or self._primary:
            return
        if not force and time.monotonic() - self._polled < self.poll_interval:
            return
        with self._lock:
            if not force and time.monotonic() - self._polled < self.poll_interval:
                return
            stamp = self._read_stamp()
            self._polled = time.monotonic()
            if stamp != self._stamp:
                self._syncing = True
                try:
                    self._reopen(read_only=True)
                    super().refresh()
                    self._stamp, self._generation = stamp, int(stamp[0])
                finally:
                    self._syncing = False

    def _read_stamp(self) -> tuple[str, str]:
        try:
            text = self._stamp_path.read_text(encoding="ascii").split()
        except (FileNotFoundError, UnicodeDecodeError):
            return ("0", "")
        return (text[0], text[1]) if len(text) == 2 and text[0].isdigit() else ("0", "")

    def _write_stamp(self) -> None:
        generation = int(self._read_stamp()[0]) + 1
        stamp = (str(generation), secrets.token_hex(8))
        tmp = self._stamp_path.with_name(self._stamp_path.name + f".{os.getpid()}")
        tmp.write_text(" ".join(stamp) + "\n", encoding="ascii")
        tmp.replace(self._stamp_path)  # atomic: readers see the old stamp or the new
        self._stamp, self._generation = stamp, generation

    def _reopen(self, *, read_only: bool) -> None:
        assert self.path is not None
        old = self.store
        self.store = ox.Store()  # let go of the old instance before the new one opens
        del old
        self.store = _open(self.path, read_only)

    def close(self) -> None:
        del self.store  # a read-only view: nothing to flush

    def _write_derived(self, new: Iterable[ox.Quad], *, large: bool = False) -> None:
        if self._primary:  # only the process holding the lock writes
            self._derived = None  # what another process wrote since: read it from the store
            super()._write_derived(new, large=large)

    def _keep(self) -> None:
        if self._primary:  # a read-only view has nothing new to keep, and cannot flush
            super()._keep()

    def refresh(self) -> None:
        super().refresh()
        if not self._primary:
            self._generation = int(self._stamp[0])

    # ------------------------------------------------------------ writes: one process at a time
    @contextmanager
    def _exclusive_file(self) -> Iterator[None]:
        with open(self._lock_path, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _exclusive(self, write: Callable[[], _T]) -> _T:
        with self._lock, self._exclusive_file():
            self._reopen(read_only=False)
            self._primary = True
            try:
                stamp = self._read_stamp()
                if stamp != self._stamp:  # another process wrote: validate against its data
                    self._stamp = stamp
                    super().refresh()
                result = write()
                self.store.flush()
                self._write_stamp()
                return result
            finally:
                self._primary = False
                self._reopen(read_only=True)
                self._polled = time.monotonic()

    def commit(self, quads: list[ox.Quad], *, source: str = "data", files: list[str] | None = None) -> LoadReport:
        return self._exclusive(lambda: super(SharedDiskStore, self).commit(quads, source=source, files=files))

    def remove_graph(self, graph: str | None) -> None:
        self._exclusive(lambda: super(SharedDiskStore, self).remove_graph(graph))

    def replace_graph(self, graph: str | None, quads: list[ox.Quad]) -> LoadReport:
        return self._exclusive(lambda: super(SharedDiskStore, self).replace_graph(graph, quads))

    def replace_graphs(self, graphs: dict[str, list[ox.Quad]], *, source: str = "data") -> LoadReport:
        return self._exclusive(lambda: super(SharedDiskStore, self).replace_graphs(graphs, source=source))
