"""A SPARQL 1.1 server as the store: the part of ``pyoxigraph.Store``'s interface the
knowledge layer uses, over the SPARQL 1.1 Protocol (queries and updates) with httpx.

How kgbot's dataset maps onto the server's:

- Everything lives in named graphs, so servers that differ in what their default graph
  means (Oxigraph, Fuseki: a graph of its own; Virtuoso: the union of all) behave the same.
  kgbot's default graph is the server's named graph :data:`DEFAULT_GRAPH`.
- Blank nodes are stored skolemised, as IRIs under :data:`GENID` (RDF 1.1 §3.5), so that
  a node can be looked up again; they read back as the same blank nodes.
- The graph :data:`META_GRAPH` holds the data generation: a counter and the token of the
  write that set it. Every write is one update request (one transaction on the server)
  that changes the data *and* the marker, and only applies if the marker is still the one
  this process last saw (compare-and-set): two writers can never interleave, and a reader
  that polls the marker knows whether anything changed. A write that lost the race raises
  :class:`StoreConflict` having changed nothing.
- Reserved graphs (those under :data:`RESERVED`) never show among the named graphs,
  in quads, or in counts.

Errors reaching the server are :class:`StoreUnavailable` with a message that says what to do.
"""

from __future__ import annotations

import secrets
import weakref
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass

import httpx
import pyoxigraph as ox

from .errors import KGError, StoreConflict, StoreUnavailable
from .namespaces import DERIVED_GRAPH

__all__ = [
    "DEFAULT_GRAPH",
    "GENID",
    "META_GRAPH",
    "RESERVED",
    "RemoteStore",
    "StoreConflict",
    "StoreUnavailable",
    "parse_auth",
]

#: Graphs under this prefix are kgbot's own bookkeeping on the server.
RESERVED = "https://kgbot.dev/graph/-/"
DEFAULT_GRAPH = RESERVED + "default"
META_GRAPH = RESERVED + "meta"
#: A graph that is never written: the dataset of a query whose graphs are all unknown.
EMPTY_GRAPH = RESERVED + "none"
#: Skolem IRIs of blank nodes.
GENID = "https://kgbot.dev/.well-known/genid/"

_STORE = "<https://kgbot.dev/id/store>"
_TOKEN = "<https://kgbot.dev/ns#writeToken>"
_GENERATION = "<https://kgbot.dev/ns#generation>"
#: ?g is a graph of kgbot's data: its default graph, or a named graph that is not reserved
_DATA = f'(?g = <{DEFAULT_GRAPH}> || !STRSTARTS(STR(?g), "{RESERVED}"))'
#: ?g is one of kgbot's named graphs
_NAMED = f'!STRSTARTS(STR(?g), "{RESERVED}")'


def parse_auth(text: str | None) -> httpx.Auth | None:
    """``basic:USER:PASSWORD`` or ``bearer:TOKEN`` (``KGBOT_STORE_AUTH``) -> an httpx auth.

    >>> parse_auth(None) is None
    True
    >>> type(parse_auth("basic:ann:s3cret:x")).__name__
    'BasicAuth'
    """
    if not text:
        return None
    kind, _, rest = text.partition(":")
    if kind.lower() == "basic" and ":" in rest:
        user, _, password = rest.partition(":")
        return httpx.BasicAuth(user, password)
    if kind.lower() == "bearer" and rest:
        return _Bearer(rest)
    raise ValueError("use basic:USER:PASSWORD or bearer:TOKEN")


class _Bearer(httpx.Auth):
    def __init__(self, token: str) -> None:
        self.token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


@dataclass(frozen=True)
class Marker:
    """The server's data generation: a counter and the token of the write that set it."""

    generation: int = 0
    token: str | None = None


# ---------------------------------------------------------------- terms


def to_sparql(term: object) -> str:
    """A term as SPARQL text, blank nodes skolemised, kgbot's default graph mapped."""
    if isinstance(term, ox.BlankNode):
        return f"<{GENID}{term.value}>"
    if isinstance(term, ox.DefaultGraph):
        return f"<{DEFAULT_GRAPH}>"
    if isinstance(term, ox.Triple):
        return f"<< {to_sparql(term.subject)} {to_sparql(term.predicate)} {to_sparql(term.object)} >>"
    return str(term)


def from_server(term: object) -> object:
    """A term read from the server as kgbot sees it: skolem IRIs back to blank nodes."""
    if isinstance(term, ox.NamedNode) and term.value.startswith(GENID):
        return ox.BlankNode(term.value[len(GENID) :])
    if isinstance(term, ox.Triple):
        return ox.Triple(from_server(term.subject), term.predicate, from_server(term.object))  # type: ignore[arg-type]
    return term


def _graph_from_server(term: object) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
    if isinstance(term, ox.NamedNode) and term.value == DEFAULT_GRAPH:
        return ox.DefaultGraph()
    return from_server(term)  # type: ignore[return-value]


def _check_graph(graph: object) -> None:
    if isinstance(graph, ox.NamedNode) and graph.value.startswith(RESERVED):
        raise KGError(f"the graph <{graph.value}> is reserved for kgbot's bookkeeping on the server")


def _quad_text(q: ox.Quad) -> str:
    return f"GRAPH {to_sparql(q.graph_name)} {{ {to_sparql(q.subject)} {q.predicate} {to_sparql(q.object)} }}"


class RemoteStore:
    """A SPARQL 1.1 server, used like a ``pyoxigraph.Store``.

    ``query_url`` and ``update_url`` are the server's endpoints; ``graphs_url`` its Graph
    Store Protocol endpoint (optional: whole graphs are then read from it); ``auth`` an
    httpx auth (see :func:`parse_auth`). Reads return lists, never lazy iterators.
    """

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        *,
        graphs_url: str | None = None,
        auth: httpx.Auth | None = None,
        timeout: float = 60.0,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url
        self.graphs_url = graphs_url
        self.client = httpx.Client(auth=auth, timeout=timeout, headers={"User-Agent": "kgbot"})
        weakref.finalize(self, self.client.close)  # connections closed when the store is let go
        #: the marker this process last read or wrote: the condition of its next write
        self.expected = Marker()

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r})"

    # ------------------------------------------------------------ protocol
    def request(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        """One request to the server; errors become :class:`StoreUnavailable` saying what to do."""
        try:
            response = self.client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.TimeoutException:
            raise StoreUnavailable(
                f"the SPARQL server at {url} did not answer in time; check that it is running and not overloaded"
            ) from None
        except httpx.HTTPError as exc:
            raise StoreUnavailable(
                f"cannot reach the SPARQL server at {url} ({exc or type(exc).__name__}); start it, or set "
                "KGBOT_STORE (and KGBOT_STORE_UPDATE) to its query and update endpoints"
            ) from None
        check_response(response, url)
        return response

    def select(self, query: str) -> list[ox.QuerySolution]:
        response = self.request(
            "POST",
            self.query_url,
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )
        return list(ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON))  # type: ignore[arg-type]

    def ask(self, query: str) -> bool:
        response = self.request(
            "POST", self.query_url, data={"query": query}, headers={"Accept": "application/sparql-results+json"}
        )
        result = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        return bool(result) if isinstance(result, ox.QueryBoolean) else False

    def send_update(self, text: str) -> None:
        if self.update_url is None:
            raise StoreUnavailable(
                "this store is read-only: set KGBOT_STORE_UPDATE to the SPARQL server's update endpoint to write"
            )
        self.request(
            "POST",
            self.update_url,
            content=text.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    # ------------------------------------------------------------ marker
    def marker(self) -> Marker:
        """The server's data generation now."""
        rows = self.select(
            f"SELECT ?t ?n WHERE {{ GRAPH <{META_GRAPH}> {{ {_STORE} {_TOKEN} ?t . "
            f"OPTIONAL {{ {_STORE} {_GENERATION} ?n }} }} }}"
        )
        if not rows:
            return Marker()
        t, n = rows[0]["t"], rows[0]["n"]
        try:
            generation = int(n.value) if n is not None else 0
        except ValueError:
            generation = 0
        return Marker(generation, t.value if t is not None else None)

    # ------------------------------------------------------------ reads
    def quads_for_pattern(
        self,
        subject: object = None,
        predicate: object = None,
        object: object = None,
        graph_name: object = None,
        *,
        exclude: Sequence[str] = (),
    ) -> list[ox.Quad]:
        """The quads matching the pattern (``None`` matches anything); ``exclude``: named
        graphs to leave out."""
        s = to_sparql(subject) if subject is not None else "?s"
        p = to_sparql(predicate) if predicate is not None else "?p"
        o = to_sparql(object) if object is not None else "?o"
        if graph_name is None:
            g = "?g"
            filters = [_DATA, *(f"?g != <{x}>" for x in exclude)]
            where = f"GRAPH ?g {{ {s} {p} {o} }} FILTER({' && '.join(filters)})"
        else:
            g = to_sparql(graph_name)
            if isinstance(graph_name, ox.NamedNode) and graph_name.value.startswith(RESERVED):  # (not kgbot's)
                return []
            where = f"GRAPH {g} {{ {s} {p} {o} }}"
        variables = " ".join(v for v in (s, p, o, g) if v.startswith("?")) or "*"
        if variables == "*":
            return [ox.Quad(subject, predicate, object, graph_name)] if self.ask(f"ASK {{ {where} }}") else []  # type: ignore[arg-type]
        out = []
        fixed_graph = _graph_from_server(ox.NamedNode(g[1:-1])) if graph_name is not None else None
        for row in self.select(f"SELECT {variables} WHERE {{ {where} }}"):
            out.append(
                ox.Quad(
                    subject if subject is not None else from_server(row["s"]),  # type: ignore[arg-type]
                    predicate if predicate is not None else row["p"],  # type: ignore[arg-type]
                    object if object is not None else from_server(row["o"]),  # type: ignore[arg-type]
                    fixed_graph if fixed_graph is not None else _graph_from_server(row["g"]),
                )
            )
        return out

    def __iter__(self) -> Iterator[ox.Quad]:
        return iter(self.quads_for_pattern(None, None, None))

    def __len__(self) -> int:
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER({_DATA}) }}")
        n = rows[0]["n"] if rows else None
        return int(n.value) if n is not None else 0

    def is_empty(self) -> bool:
        return not self.ask(f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER({_DATA}) }}")

    def named_graphs(self) -> list[ox.NamedNode]:
        rows = self.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER({_NAMED}) }}")
        return [row["g"] for row in rows if isinstance(row["g"], ox.NamedNode)]

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        if graph.value.startswith(RESERVED):
            return False
        return self.ask(f"ASK {{ GRAPH {to_sparql(graph)} {{ ?s ?p ?o }} }}")

    def __contains__(self, quad: ox.Quad) -> bool:
        return self.ask(f"ASK {{ {_quad_text(quad)} }}")

    # ------------------------------------------------------------ writes
    def write(
        self,
        *,
        insert: Iterable[ox.Quad] = (),
        delete: Iterable[ox.Quad] = (),
        clear: Iterable[ox.NamedNode | ox.DefaultGraph] = (),
        bump: bool = True,
    ) -> bool:
        """One update request, applied only if the server's marker is still
        :attr:`expected`: clear the graphs, delete, then insert, and (``bump``) move the
        marker on. Raise :class:`StoreConflict` if another writer got there first
        (``bump=False``: return False instead)."""
        added, removed = list(insert), list(delete)
        for q in (*added, *removed):
            _check_graph(q.graph_name)
        for graph in clear:
            _check_graph(graph)
        expected = self.expected
        if expected.token is None:
            condition = f"FILTER NOT EXISTS {{ GRAPH <{META_GRAPH}> {{ {_STORE} {_TOKEN} ?any }} }}"
        else:
            condition = f"GRAPH <{META_GRAPH}> {{ {_STORE} {_TOKEN} {_literal(expected.token)} }}"
        steps = []
        for graph in clear:
            g = to_sparql(graph)
            steps.append(f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ {condition} GRAPH {g} {{ ?s ?p ?o }} }}")
        if removed:
            steps.append(f"DELETE {{ {_template(removed)} }} WHERE {{ {condition} }}")
        if added:
            steps.append(f"INSERT {{ {_template(added)} }} WHERE {{ {condition} }}")
        token = secrets.token_hex(12)
        if bump:
            steps.append(
                f"DELETE {{ GRAPH <{META_GRAPH}> {{ {_STORE} {_TOKEN} ?t ; {_GENERATION} ?n }} }}\n"
                f"INSERT {{ GRAPH <{META_GRAPH}> {{ {_STORE} {_TOKEN} {_literal(token)} ; {_GENERATION} ?next }} }}\n"
                f"WHERE {{ {condition} OPTIONAL {{ GRAPH <{META_GRAPH}> {{ {_STORE} {_TOKEN} ?t }} }} "
                f"OPTIONAL {{ GRAPH <{META_GRAPH}> {{ {_STORE} {_GENERATION} ?n }} }} "
                f"BIND(COALESCE(?n, 0) + 1 AS ?next) }}"
            )
        if not steps:
            return True
        self.send_update(" ;\n".join(steps))
        if not bump:
            return self.marker().token == expected.token
        now = self.marker()
        if now.token != token:
            if now.token != expected.token:
                self.expected = now
            raise StoreConflict(
                "another writer changed the data on the SPARQL server at the same time; nothing was written, try again"
            )
        self.expected = now
        return True

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        self.write(insert=quads)

    bulk_extend = extend

    def add(self, quad: ox.Quad) -> None:
        self.write(insert=[quad])

    def remove(self, quad: ox.Quad) -> None:
        self.write(delete=[quad])

    def remove_graph(self, graph: ox.NamedNode | ox.DefaultGraph) -> None:
        self.write(clear=[graph])

    clear_graph = remove_graph

    def clear(self) -> None:
        """Remove every quad (the marker moves on)."""
        self.write(clear=[*self.named_graphs(), ox.DefaultGraph()])

    def flush(self) -> None:
        """Nothing to do: every write is committed by the server when it answers."""

    def close(self) -> None:
        self.client.close()

    def backup(self, target: str) -> None:
        raise OSError("a SPARQL server cannot be backed up through the protocol")


def _literal(text: str) -> str:
    return str(ox.Literal(text))


def _template(quads: Sequence[ox.Quad]) -> str:
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        by_graph.setdefault(to_sparql(q.graph_name), []).append(
            f"{to_sparql(q.subject)} {q.predicate} {to_sparql(q.object)} ."
        )
    return "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())


def check_response(response: httpx.Response, url: str) -> None:
    """Raise :class:`StoreUnavailable` for an answer that is not a success."""
    status = response.status_code
    if status < 400:
        return
    if status in (401, 403):
        raise StoreUnavailable(
            f"the SPARQL server at {url} refused the request ({status} {response.reason_phrase}): set "
            "KGBOT_STORE_AUTH to basic:USER:PASSWORD or bearer:TOKEN with credentials that may "
            + ("write" if "update" in url else "read")
        )
    try:
        detail = response.text.strip().splitlines()[0][:300] if response.text.strip() else ""
    except (UnicodeDecodeError, IndexError):
        detail = ""
    if status >= 500:
        raise StoreUnavailable(
            f"the SPARQL server at {url} failed ({status} {response.reason_phrase}"
            + (f": {detail}" if detail else "")
            + "); see its logs"
        )
    raise StoreUnavailable(
        f"the SPARQL server at {url} refused the request ({status} {response.reason_phrase}"
        + (f": {detail}" if detail else "")
        + "); check that KGBOT_STORE and KGBOT_STORE_UPDATE are its query and update endpoints"
    )


#: Named graphs a reader of stated facts leaves out.
STATED_EXCLUDE = (DERIVED_GRAPH,)
