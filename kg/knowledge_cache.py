"""The knowledge and derivations of an on-disk store, kept beside it for the next open.

Reading a store and reasoning over it takes about a second for the shipped data, and
scales with the data; loading the result of the last time takes a few tens of
milliseconds. A cache entry is keyed by a fingerprint of the store's files, so it is
only ever used for exactly the data it was computed from:

- Oxigraph keeps its data in RocksDB: immutable table files (``*.sst``, each with a new
  number) and write-ahead logs (``*.log``) that every write appends to. Their names,
  sizes and modification times change with every write, whoever makes it (this process,
  another, a tool), and with background compactions (which only cost a miss).
- The fingerprint is taken before the store is opened (opening may replay and remove
  logs) and again once it is open. A writable open compares the table files only: a
  write that had not reached them is replayed into new ones when the store opens, which
  changes them. A read-only open (another process holds the store and may be writing)
  compares the logs too, and must see the same files before and after opening.
- An entry is written right after a writer flushed its memory tables to disk, so that
  the next open finds the table files it names.
- The key also covers the code that computes the knowledge (the ``kg`` modules' source)
  and the Python version, so an upgrade never reads an old entry.

The entry is a pickle in a file next to the store directory (``.NAME.knowledge``); it is
written to a temporary file and renamed into place, so a crash never leaves half of one.
Whoever can write that file can write the store itself, so it is trusted like the store.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .knowledge import Knowledge
    from .reasoning import Derivations

__all__ = ["Fingerprint", "cache_file", "fingerprint", "load", "save"]

_FORMAT = 1


class Fingerprint(tuple[str, str]):
    """(table files, logs) of a store directory, each as a digest."""

    __slots__ = ()

    @property
    def tables(self) -> str:
        return self[0]

    @property
    def logs(self) -> str:
        return self[1]


def fingerprint(path: Path) -> Fingerprint | None:
    """The fingerprint of the store at ``path``; None when there is none to take."""
    tables, logs = hashlib.sha256(_code_version().encode()), hashlib.sha256()
    found = False
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError:
        return None
    for e in entries:
        if e.name.endswith((".sst", ".log")):
            try:
                st = e.stat()
            except OSError:
                return None
            (tables if e.name.endswith(".sst") else logs).update(f"{e.name}:{st.st_size}:{st.st_mtime_ns};".encode())
            found = True
    return Fingerprint((tables.hexdigest(), logs.hexdigest())) if found else None


def cache_file(path: Path) -> Path:
    return path.parent / f".{path.name}.knowledge"


def load(path: Path, found: Fingerprint, *, read_only: bool) -> tuple[Knowledge, Derivations] | None:
    """The cached knowledge and derivations of the store at ``path``, if they were kept for
    the files ``found`` (a writable open: for its table files)."""
    try:
        with cache_file(path).open("rb") as f:
            header = pickle.load(f)
            if not isinstance(header, tuple) or len(header) != 3 or header[0] != _FORMAT:
                return None
            if header[1] != found.tables or (read_only and header[2] != found.logs):
                return None
            knowledge, derivations = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return knowledge, derivations


def save(path: Path, found: Fingerprint, knowledge: Knowledge, derivations: Derivations) -> None:
    """Keep ``knowledge`` and ``derivations`` for the store at ``path`` with the files ``found``
    (best effort: a store whose directory cannot be written to simply has no cache)."""
    header = pickle.dumps((_FORMAT, found.tables, found.logs), protocol=pickle.HIGHEST_PROTOCOL)
    body = None
    for _ in range(5):
        try:
            body = pickle.dumps((knowledge, derivations), protocol=pickle.HIGHEST_PROTOCOL)
            break
        except RuntimeError:  # a lazily filled attribute (networkx's views) changed while pickled
            continue
        except (pickle.PicklingError, RecursionError):
            return
    if body is None:
        return
    target = cache_file(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=target.name + ".", dir=target.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(header)
            f.write(body)
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


@functools.lru_cache(maxsize=1)
def _code_version() -> str:
    """A digest of the source of the ``kg`` package and the Python version."""
    h = hashlib.sha256(sys.version.encode())
    for p in sorted(Path(__file__).parent.glob("*.py")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()
