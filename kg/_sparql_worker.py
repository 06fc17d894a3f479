"""The query worker process: it opens a snapshot of the data and runs one query at a time.

It is started by :class:`kg.sparql.QueryPool` and never imported by the serving process
for anything else. Its memory is capped before it touches any data: ``RLIMIT_DATA``, the
heap and private writable mappings, which is what a query's working memory is made of;
``RLIMIT_AS`` would also count RocksDB's mapped files and the address space glibc reserves
for each thread, and so cap the size of the store rather than of the query. A query that
needs more memory fails an allocation, and the worker either reports
``("memory", ...)`` and exits (Python ran out) or aborts (Oxigraph ran out). Either way
the pool sees it and starts a fresh worker; the serving process is never at risk.
"""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import Iterable
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from ._sparql_check import BOOLEAN_MEDIA_TYPES, GRAPH_MEDIA_TYPES, SOLUTION_MEDIA_TYPES, one_line

__all__ = ["worker_main"]


def worker_main(conn: Connection, memory_limit: int | None = None) -> None:
    """Serve ``("open", snapshot directory)`` and ``("query", text, options)`` until told to stop.

    ``memory_limit`` caps the process's address space, in bytes.
    """
    if memory_limit is not None:
        limit_memory(memory_limit)
    store = ox.Store()
    copied = False  # the snapshot is queried from a copy in memory
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if message is None:
            return
        try:
            if message[0] == "open":
                store, copied = ox.Store(), False  # let go of the last snapshot first
                store = ox.Store.read_only(message[1])
                conn.send(("ok", None))
            else:
                if not copied and not store_is_large(store):
                    store, copied = in_memory(store), True
                conn.send(("ok", _execute(store, message[1], message[2])))
        except MemoryError:
            with contextlib.suppress(Exception):
                conn.send(("memory", "the worker ran out of memory"))
            return
        except SyntaxError as exc:
            conn.send(("error", f"SPARQL syntax error: {one_line(exc)}"))
        except Exception as exc:
            conn.send(("error", f"the query failed: {one_line(exc)}"))


#: snapshots of at most this many quads are copied into memory on the first query: a read-only
#: store on disk made the seed's 63-row SELECT several times slower than the serving store's
IN_MEMORY_UP_TO = 200_000


def store_is_large(store: ox.Store) -> bool:
    return len(store) > IN_MEMORY_UP_TO


def in_memory(store: ox.Store) -> ox.Store:
    """A copy of ``store`` in memory."""
    copy = ox.Store()
    copy.extend(store)  # (not the bulk loader: its batches alone would take much of a worker's memory cap)
    return copy


def limit_memory(limit: int) -> None:
    """Cap this process's data memory at ``limit`` bytes (where the platform can)."""
    try:
        import resource
    except ImportError:  # not on POSIX: no cap
        return
    kind = resource.RLIMIT_DATA
    _, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY and hard < limit:
        limit = hard
    resource.setrlimit(kind, (limit, limit))


def _execute(store: ox.Store, text: str, options: dict[str, Any]) -> tuple[bytes, bool, int | None]:
    kwargs: dict[str, Any] = {"base_iri": options.get("base_iri")}
    if options.get("dataset") is not None:
        default, named = options["dataset"]
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named]
    elif options.get("default_union"):
        kwargs["default_graph"] = [ox.DefaultGraph(), *(ox.NamedNode(g) for g in options["default_union"])]
    result = store.query(text, **kwargs)
    media_type, max_rows = options["media_type"], options["max_rows"]
    if isinstance(result, ox.QueryBoolean):
        return result.serialize(format=BOOLEAN_MEDIA_TYPES[media_type]) or b"", False, None
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = list(itertools.islice(result, max_rows + 1))
        truncated = len(rows) > max_rows
        rows = rows[:max_rows]
        body = _solutions_json(variables, rows)
        fmt = SOLUTION_MEDIA_TYPES[media_type]
        if fmt != ox.QueryResultsFormat.JSON:
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            body = parsed.serialize(format=fmt) or b""
        return body, truncated, len(rows)
    triples = list(itertools.islice(result, max_rows + 1))
    truncated = len(triples) > max_rows
    triples = triples[:max_rows]
    rdf_format = GRAPH_MEDIA_TYPES[media_type]
    prefixes = options.get("prefixes") or None
    if prefixes and rdf_format == ox.RdfFormat.TURTLE:
        graph = ox.serialize(triples, format=rdf_format, prefixes=prefixes)
    else:
        graph = ox.serialize(triples, format=rdf_format)
    return graph or b"", truncated, len(triples)


def _solutions_json(variables: list[str], rows: Iterable[ox.QuerySolution]) -> bytes:
    """SPARQL 1.1 Query Results JSON for the rows read so far."""
    bindings = []
    for row in rows:
        binding = {}
        for name in variables:
            term = row[name]
            if term is not None:
                binding[name] = _term_json(term)
        bindings.append(binding)
    doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _term_json(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _term_json(term.subject),
                "predicate": _term_json(term.predicate),
                "object": _term_json(term.object),
            },
        }
    raise TypeError(f"unexpected term {term!r}")
