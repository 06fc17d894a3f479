"""On-disk snapshots of the store that query workers open read-only, one per data generation.

Workers used to receive the data as an N-Quads dump, whose parser refuses any line over
16 MiB: one long literal broke every query, and a restart did not help. A snapshot is an
Oxigraph database directory instead, so nothing is re-parsed and no line length matters:

- an on-disk store is backed up (RocksDB checkpoints hard-link their files, so this is
  cheap) next to the store;
- an in-memory store is copied, quad by quad, into a fresh on-disk database.

A snapshot is made under the writers' lock, so it never holds half a write. Whoever takes
one holds it until :meth:`Snapshots.release`; it is removed once it is neither current,
held, nor open in a worker.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

__all__ = ["Snapshots"]


class Snapshots:
    """The snapshots of ``source`` (an object with ``store``, ``generation`` and maybe ``path``)."""

    def __init__(self, source: Any, lock: threading.Lock | threading.RLock) -> None:
        self.source = source
        self._write_lock = lock
        self._lock = threading.Lock()
        self._root: Path | None = None
        self._current: tuple[int, str] | None = None
        self._held: dict[str, int] = {}
        self._made = 0

    def current(self) -> tuple[int, str]:
        """(generation, directory) of a snapshot of the store as it is now, held for the
        caller until :meth:`release`."""
        with self._lock:
            if self._current is None or self._current[0] != self.source.generation:
                self._current = self._make()
            path = self._current[1]
            self._held[path] = self._held.get(path, 0) + 1
            return self._current

    def release(self, path: str) -> None:
        """Let go of a snapshot :meth:`current` returned."""
        with self._lock:
            left = self._held.get(path, 0) - 1
            if left > 0:
                self._held[path] = left
            else:
                self._held.pop(path, None)

    def _make(self) -> tuple[int, str]:
        root = self._directory()
        self._made += 1
        with self._write_lock:
            generation = self.source.generation
            target = root / f"g{generation}-{self._made}"
            _copy(self.source.store, target)
        return generation, str(target)

    def prune(self, in_use: Iterable[str | None]) -> None:
        """Remove every snapshot but the current one and those in ``in_use``."""
        with self._lock:
            if self._root is None:
                return
            keep = {p for p in in_use if p} | set(self._held) | ({self._current[1]} if self._current else set())
            for path in self._root.iterdir():
                if str(path) not in keep:
                    shutil.rmtree(path, ignore_errors=True)

    def close(self) -> None:
        """Remove every snapshot (call once no worker is left)."""
        with self._lock:
            if self._root is not None:
                shutil.rmtree(self._root, ignore_errors=True)
            self._root, self._current = None, None

    def _directory(self) -> Path:
        if self._root is None:
            store_path = getattr(self.source, "path", None)
            # beside an on-disk store, so a backup can hard-link its files
            parent = Path(store_path).parent if store_path is not None else None
            if parent is not None and not parent.is_dir():
                parent = None
            self._root = Path(tempfile.mkdtemp(prefix=".kgbot-sparql-", dir=parent))
        return self._root


def _copy(store: ox.Store, target: Path) -> None:
    """Write ``store`` as an Oxigraph database at ``target`` and close it."""
    try:
        store.backup(str(target))
        return
    except (RuntimeError, OSError):  # an in-memory (or read-only) store: copy it
        shutil.rmtree(target, ignore_errors=True)
    copy = ox.Store(str(target))
    copy.bulk_extend(store.quads_for_pattern(None, None, None))
    copy.flush()
    del copy  # the only reference: the database is closed before any worker opens it
