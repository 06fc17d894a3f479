"""Errors raised by the knowledge layer.

::

    KGError
    ├── LoadError            a file cannot be read or parsed (names the file and line)
    │   ├── DocumentTooLarge a literal or a whole document past its size cap
    │   └── RowsRejected     rows of a table that cannot be stored (each with its line)
    ├── FetchFailed          a remote document could not be fetched (after retries)
    ├── ValidationFailed     data breaks the SHACL shapes (carries the violations)
    ├── VocabularyRequired   a write that would remove the ontology's classes or properties
    ├── UnknownEntity        an IRI or name the graph does not hold
    ├── StoreBusy            the on-disk store is held by another process
    │   └── StoreConflict    another writer changed the SPARQL server's data first (retry)
    ├── StoreUnavailable     the SPARQL server cannot be reached, refuses the credentials, or fails
    └── QueryRejected        a SPARQL query that is unsafe, malformed or too expensive
        ├── QueryTimeout     a query that ran past its time limit
        └── QueryOutOfMemory a query whose worker ran out of its memory cap
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "DocumentTooLarge",
    "FetchFailed",
    "KGError",
    "LoadError",
    "QueryOutOfMemory",
    "QueryRejected",
    "QueryTimeout",
    "RowsRejected",
    "StoreBusy",
    "StoreConflict",
    "StoreUnavailable",
    "UnknownEntity",
    "ValidationFailed",
    "VocabularyRequired",
]


class KGError(Exception):
    """Base class of every error of the knowledge layer."""


class LoadError(KGError):
    """A file that cannot be read or parsed."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = message
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")


class DocumentTooLarge(LoadError):
    """A literal, or a whole parsed document, larger than its cap; nothing was stored."""


class RowsRejected(LoadError):
    """Rows of a table that cannot be stored; ``rows`` lists (line, reason). Nothing was stored."""

    def __init__(self, source: str, rows: list[tuple[int, str]]) -> None:
        self.rows = rows
        first = "; ".join(f"line {n}: {why}" for n, why in rows[:3])
        more = f" (and {len(rows) - 3} more)" if len(rows) > 3 else ""
        super().__init__(source, f"{len(rows)} bad row(s), nothing was stored: {first}{more}")


class FetchFailed(KGError):
    """A remote document that could not be fetched, after retries; nothing was stored."""


class ValidationFailed(KGError):
    """Data that breaks the SHACL shapes; nothing was stored."""

    def __init__(self, violations: list[Any], source: str = "data") -> None:
        self.violations = violations
        self.source = source
        first = "; ".join(str(v) for v in violations[:3])
        more = f" (and {len(violations) - 3} more)" if len(violations) > 3 else ""
        super().__init__(f"{source}: {len(violations)} SHACL violation(s): {first}{more}")


class UnknownEntity(KGError):
    """An IRI or a name the graph does not hold."""


class StoreBusy(KGError):
    """The on-disk store is held by another process (e.g. a running server)."""


class StoreConflict(StoreBusy):
    """Another writer changed the SPARQL server's data first; this write changed nothing."""


class StoreUnavailable(KGError):
    """The SPARQL server cannot be reached, refuses the credentials, or fails."""


class QueryRejected(KGError):
    """A SPARQL query refused before or while running."""


class QueryTimeout(QueryRejected):
    """A query that ran past its time limit and was stopped."""


class QueryOutOfMemory(QueryRejected):
    """A query that needed more memory than a query worker may use; its worker was replaced."""


class VocabularyRequired(KGError):
    """A write that would leave the store without the ontology's classes or properties."""

    def __init__(self, terms: list[str], source: str = "data") -> None:
        self.terms = terms
        self.source = source
        shown = ", ".join(f"<{t}>" for t in terms[:3]) + (f" and {len(terms) - 3} more" if len(terms) > 3 else "")
        super().__init__(
            f"{source}: the write would remove the vocabulary's declaration of {len(terms)} term(s) "
            f"({shown}); nothing was changed"
        )
