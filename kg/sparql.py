"""Safe SPARQL: check a query before it runs, run it in a worker process that can be killed.

Oxigraph executes ``SERVICE`` (it opens network connections) and has no time limit, so
no user query runs in the serving process:

- :func:`check_query` parses the query with rdflib's SPARQL parser and reports its form,
  the graphs its ``FROM`` / ``FROM NAMED`` clauses name and whether it holds a ``SERVICE``
  pattern anywhere (case, whitespace and comments do not hide it: the parse tree is
  walked, not the text). Updates are told apart and refused.
- :class:`QueryPool` refuses ``SERVICE`` and graph IRIs the store does not hold, then runs
  the query in one of N worker processes. Each worker keeps its own in-memory Oxigraph
  store, loaded from an N-Quads dump of the main store and reloaded when the store's
  generation changes. A query that outlives its time limit is stopped by killing its
  worker, which is replaced; results are cut after ``max_rows`` rows (or triples).

>>> check_query("ASK { ?s ?p ?o }").form
'ASK'
>>> check_query("select * from <http://example.org/g> { ?s ?p ?o }").from_graphs
('http://example.org/g',)
>>> check_query("SELECT * { sErViCe <http://example.org/sparql> { ?s ?p ?o } }").has_service
True
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import multiprocessing
import queue
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Protocol

import pyoxigraph as ox

from .errors import QueryRejected, QueryTimeout

__all__ = [
    "BOOLEAN_MEDIA_TYPES",
    "GRAPH_MEDIA_TYPES",
    "MAX_QUERY_LENGTH",
    "SOLUTION_MEDIA_TYPES",
    "ParsedInfo",
    "QueryPool",
    "QueryResult",
    "UpdateRejected",
    "check_query",
    "media_types_for",
]

#: Result media types by query form; the first of each is the default.
SOLUTION_MEDIA_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
BOOLEAN_MEDIA_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
}
GRAPH_MEDIA_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def media_types_for(form: str) -> tuple[str, ...]:
    """The result media types a query form can be answered in, the default first."""
    if form == "SELECT":
        return tuple(SOLUTION_MEDIA_TYPES)
    if form == "ASK":
        return tuple(BOOLEAN_MEDIA_TYPES)
    return tuple(GRAPH_MEDIA_TYPES)


class UpdateRejected(QueryRejected):
    """A SPARQL update (``INSERT``, ``LOAD``, ...) sent where only queries are accepted."""


# ---------------------------------------------------------------- checking


@dataclass(frozen=True)
class ParsedInfo:
    """What a query is, as far as safety is concerned."""

    text: str
    """The query with ``\\uXXXX`` escapes expanded: the text that was checked and is run."""
    form: str
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``."""
    from_graphs: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()
    has_service: bool = False

    @property
    def dataset(self) -> tuple[str, ...]:
        """Every graph IRI the query's own dataset clauses name."""
        return (*self.from_graphs, *self.from_named)


#: Longest query text accepted, in characters.
MAX_QUERY_LENGTH = 100_000

_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
_PARSER_LOCK = threading.Lock()  # pyparsing grammars are not safe to share between threads


def check_query(text: str, base_iri: str | None = None) -> ParsedInfo:
    """Parse ``text``; raise :class:`QueryRejected` for a syntax error, :class:`UpdateRejected`
    for an update. SERVICE and the dataset are reported, not judged (see :class:`QueryPool`)."""
    if not isinstance(text, str):
        raise QueryRejected("the query must be text")
    if not text.strip():
        raise QueryRejected("the query is empty")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryRejected(f"the query is longer than {MAX_QUERY_LENGTH} characters")
    return _check_cached(text, base_iri)


@functools.lru_cache(maxsize=512)
def _check_cached(text: str, base_iri: str | None) -> ParsedInfo:
    from rdflib.plugins.sparql import parser

    # Both engines must read the same text. SPARQL expands \\uXXXX escapes before parsing and
    # rdflib does so, but Oxigraph only inside strings: a query could then hide a SERVICE
    # from one parser and not the other. Expand once, refuse leftovers, run the result.
    try:
        expanded = parser.expandUnicodeEscapes(text)
    except ValueError as exc:
        raise QueryRejected(f"SPARQL syntax error: {exc}") from None
    if parser.expandUnicodeEscapes_re.search(expanded):
        raise QueryRejected("SPARQL syntax error: escapes that produce further \\u escapes are not accepted")
    with _PARSER_LOCK:
        try:
            tree = parser.parseQuery(expanded)
        except RecursionError:
            raise QueryRejected(
                "the query is nested too deeply (or has too many patterns in one group) to be checked; split it up"
            ) from None
        except Exception as exc:  # pyparsing raises several kinds; all mean "not a query"
            if _is_update(expanded):
                raise UpdateRejected("this endpoint is read-only: SPARQL updates are not accepted") from None
            raise QueryRejected(f"SPARQL syntax error: {_one_line(exc)}") from None
    return _describe(expanded, tree, base_iri)


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql import parser

    try:
        parser.parseUpdate(text)
    except Exception:
        return False
    return True


def _describe(text: str, tree: Any, base_iri: str | None) -> ParsedInfo:
    from rdflib.plugins.sparql.algebra import translatePrologue
    from rdflib.plugins.sparql.parserutils import CompValue

    prologue_part, body = tree[0], tree[1]
    form = _FORMS.get(getattr(body, "name", ""), "")
    if not form:
        raise QueryRejected("SPARQL syntax error: not a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    try:
        prologue = translatePrologue(prologue_part, base_iri)
    except Exception as exc:
        raise QueryRejected(f"SPARQL syntax error: {_one_line(exc)}") from None
    default: list[str] = []
    named: list[str] = []
    for clause in dict.get(body, "datasetClause") or []:
        for key, target in (("default", default), ("named", named)):
            iri = dict.get(clause, key)  # CompValue.get returns the key itself when missing
            if iri is not None:
                try:
                    target.append(str(prologue.absolutize(iri)))
                except Exception as exc:
                    raise QueryRejected(f"SPARQL syntax error: {_one_line(exc)}") from None
    has_service = False
    stack: list[Any] = [body]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                has_service = True
                break
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(node)
    return ParsedInfo(text, form, tuple(default), tuple(named), has_service)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# ---------------------------------------------------------------- running


@dataclass(frozen=True)
class QueryResult:
    """A serialised result."""

    form: str
    media_type: str
    body: bytes
    truncated: bool = False
    count: int | None = None
    """Rows (SELECT) or triples (CONSTRUCT, DESCRIBE) returned; None for ASK."""


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
    """Worker processes that run checked queries against dumps of ``store``.

    ``lock`` is held while the store is dumped; pass the lock writers hold so a dump never
    sees half a write. ``run`` blocks; call it from a thread, not an event loop.
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
    ) -> None:
        if workers < 1:
            raise ValueError("a query pool needs at least one worker")
        self.source = store
        self.size = workers
        self.timeout = timeout
        self.max_rows = max_rows
        self.load_timeout = load_timeout
        self._lock = lock if lock is not None else threading.Lock()
        methods = multiprocessing.get_all_start_methods()
        method = start_method or ("forkserver" if "forkserver" in methods else "spawn")
        self._ctx: Any = multiprocessing.get_context(method)
        if method == "forkserver":
            self._ctx.set_forkserver_preload(["kg.sparql"])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: list[_Worker] = []
        self._state_lock = threading.Lock()
        self._started = False
        self._closed = False
        self._dump: tuple[int, bytes] | None = None
        self.timeouts = 0

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
        process = self._ctx.Process(target=_worker_main, args=(child,), daemon=True, name="kgbot-sparql-worker")
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
        known = set(self.source.graph_names())
        for where, iris in (
            ("FROM", info.from_graphs),
            ("FROM NAMED", info.from_named),
            ("default-graph-uri", default_graphs or ()),
            ("named-graph-uri", named_graphs or ()),
        ):
            for iri in iris:
                if iri not in known:
                    raise QueryRejected(
                        f"{where} names <{iri}>, which is not a graph of this "
                        "store; graphs are never fetched from elsewhere"
                    )
        return info

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
        Without them the default graph is the store's default graph (the stated facts) and
        every named graph is available to ``GRAPH``.
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
        }
        if self._closed:
            raise QueryRejected("the query service is shutting down")
        self.start()
        deadline = time.monotonic() + self.timeout
        generation, dump = self._snapshot()
        worker = self._acquire(deadline)
        try:
            if worker.generation != generation:
                self._load(worker, generation, dump)
                deadline = time.monotonic() + self.timeout
            worker.conn.send(("query", info.text, options))
            finished = worker.conn.poll(max(0.0, deadline - time.monotonic()))
            reply = worker.conn.recv() if finished else None
        except (EOFError, OSError):
            self._replace(worker)
            raise QueryRejected("the query stopped unexpectedly (it may need too much memory)") from None
        except BaseException:
            self._replace(worker)
            raise
        if reply is None:
            self.timeouts += 1
            self._replace(worker)
            raise QueryTimeout(
                f"the query ran longer than {self.timeout:g} s and was stopped; narrow it down or add a LIMIT"
            )
        self._release(worker)
        worker.queries += 1
        status, payload = reply
        if status == "ok":
            body, truncated, count = payload
            return QueryResult(info.form, chosen, body, truncated, count)
        raise QueryRejected(payload)

    def _acquire(self, deadline: float) -> _Worker:
        try:
            return self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise QueryTimeout(
                f"all {self.size} query workers stayed busy for {self.timeout:g} s; try again later"
            ) from None

    def _load(self, worker: _Worker, generation: int, dump: bytes) -> None:
        worker.conn.send(("load", dump))
        if not worker.conn.poll(self.load_timeout):
            raise EOFError("worker did not load the data")
        status, message = worker.conn.recv()
        if status != "ok":
            raise QueryRejected(f"the data could not be loaded for querying: {message}")
        worker.generation = generation

    def _snapshot(self) -> tuple[int, bytes]:
        cached = self._dump
        if cached is not None and cached[0] == self.source.generation:
            return cached
        with self._lock:
            generation = self.source.generation
            data = self.source.store.dump(format=ox.RdfFormat.N_QUADS)
        assert data is not None
        self._dump = (generation, data)
        return self._dump


# ---------------------------------------------------------------- the worker process


def _worker_main(conn: Connection) -> None:
    """Serve ``("load", nquads)`` and ``("query", text, options)`` until told to stop."""
    store = ox.Store()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if message is None:
            return
        try:
            if message[0] == "load":
                fresh = ox.Store()
                fresh.load(message[1], format=ox.RdfFormat.N_QUADS)
                store = fresh
                conn.send(("ok", None))
            else:
                conn.send(("ok", _execute(store, message[1], message[2])))
        except SyntaxError as exc:
            conn.send(("error", f"SPARQL syntax error: {_one_line(exc)}"))
        except Exception as exc:
            conn.send(("error", f"the query failed: {_one_line(exc)}"))


def _execute(store: ox.Store, text: str, options: dict[str, Any]) -> tuple[bytes, bool, int | None]:
    kwargs: dict[str, Any] = {"base_iri": options.get("base_iri")}
    if options.get("dataset") is not None:
        default, named = options["dataset"]
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named]
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
