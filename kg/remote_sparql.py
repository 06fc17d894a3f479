"""``/sparql`` over a SPARQL server: the same checks and limits as :class:`~kg.sparql.QueryPool`.

:class:`RemoteQueries` has the pool's interface. A query is checked here (``SERVICE`` and
updates refused) and sent to the server with its dataset spelled out in the protocol's
``default-graph-uri`` / ``named-graph-uri`` parameters, which override the query's own:

- without a dataset of its own, the default graph is kgbot's default graph merged with
  every stated named graph, and every named graph kgbot holds is available to ``GRAPH``;
- a graph the query names that kgbot does not hold (or one of its bookkeeping graphs) is
  left out: an empty graph, never fetched, and reported in ``unknown_graphs``.

Results are read as a stream, in a line-based format (TSV for solutions, N-Triples for
graphs), and the stream is closed after ``max_rows`` rows; then they are written in the
format asked for, with blank nodes as blank nodes again. A query that outlives
``timeout`` is abandoned (the connection closed) with :class:`~kg.errors.QueryTimeout`.
"""

from __future__ import annotations

import io
import time
from collections.abc import Mapping, Sequence
from typing import Any

import httpx
import pyoxigraph as ox

from ._sparql_check import BOOLEAN_MEDIA_TYPES, GRAPH_MEDIA_TYPES, SOLUTION_MEDIA_TYPES, ParsedInfo, check_query
from ._sparql_check import media_types_for as _media_types_for
from ._sparql_pool import QueryResult, stated_graphs
from .errors import QueryRejected, QueryTimeout
from .remote import DEFAULT_GRAPH, EMPTY_GRAPH, GENID, RemoteStore, StoreUnavailable, check_response

__all__ = ["RemoteQueries"]


class RemoteQueries:
    """Checked, limited queries against the server behind ``store`` (a RemoteKnowledgeStore)."""

    def __init__(self, store: Any, *, timeout: float = 10.0, max_rows: int = 10000) -> None:
        self.source = store
        self.remote: RemoteStore = store.remote
        self.timeout = timeout
        self.max_rows = max_rows
        self.size = 0
        self.timeouts = 0
        self.out_of_memory = 0

    def start(self) -> None:
        """Nothing to start: the server runs the queries."""

    def close(self) -> None:
        """Nothing to stop."""

    def pids(self) -> list[int]:
        return []

    def check(
        self,
        query: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
    ) -> ParsedInfo:
        info = check_query(query, base_iri)
        if info.has_service:
            raise QueryRejected("SERVICE is not allowed: this endpoint never queries other endpoints")
        return info

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
        info = self.check(query, base_iri=base_iri)
        types = _media_types_for(info.form)
        chosen = media_type if media_type in types else types[0]
        names = self.source.graph_names()
        known = set(names)
        if default_graphs is not None or named_graphs is not None:
            wanted_default, wanted_named = list(default_graphs or ()), list(named_graphs or ())
        elif info.dataset:
            wanted_default, wanted_named = list(info.from_graphs), list(info.from_named)
        else:
            wanted_default, wanted_named = None, None
        if wanted_default is None or wanted_named is None:
            default = [DEFAULT_GRAPH, *stated_graphs(names)]
            named = list(names)
            unknown: tuple[str, ...] = ()
        else:
            default = [g for g in wanted_default if g in known]
            named = [g for g in wanted_named if g in known]
            unknown = tuple(dict.fromkeys(g for g in (*wanted_default, *wanted_named) if g not in known))
        params: list[tuple[str, str]] = [("query", info.text)]
        params += [("default-graph-uri", g) for g in default or [EMPTY_GRAPH]]
        params += [("named-graph-uri", g) for g in named or [EMPTY_GRAPH]]
        if info.form == "SELECT":
            accept = "text/tab-separated-values"
        elif info.form == "ASK":
            accept = "application/sparql-results+json"
        else:
            accept = "application/n-triples"
        body, truncated, count = self._fetch(params, accept, info.form)
        out = _write(info.form, body, chosen, prefixes)
        return QueryResult(info.form, chosen, out, truncated, count, unknown)

    def _fetch(self, params: list[tuple[str, str]], accept: str, form: str) -> tuple[bytes, bool, int | None]:
        url = self.remote.query_url
        deadline = time.monotonic() + self.timeout
        try:
            with self.remote.client.stream(
                "POST", url, data=dict(_multi(params)), headers={"Accept": accept}, timeout=self.timeout
            ) as response:
                if response.status_code >= 400:
                    response.read()
                    if 400 <= response.status_code < 500 and response.status_code not in (401, 403, 404):
                        raise QueryRejected(f"the SPARQL server refused the query: {response.text.strip()[:500]}")
                    check_response(response, url)
                if form == "ASK":
                    return response.read(), False, None
                lines: list[bytes] = []
                limit = self.max_rows + (2 if form == "SELECT" else 1)  # the header, and one more row
                truncated = False
                for line in response.iter_lines():
                    if time.monotonic() > deadline:  # (httpx's timeout is per read, not for the whole)
                        raise httpx.ReadTimeout("the query outlived its time limit")
                    if not line.strip():
                        continue
                    lines.append(line.encode("utf-8"))
                    if len(lines) >= limit:
                        truncated = True
                        break
                if truncated:
                    lines.pop()
                count = len(lines) - (1 if form == "SELECT" else 0)
                return b"\n".join(lines) + b"\n", truncated, max(count, 0)
        except httpx.TimeoutException:
            self.timeouts += 1
            raise QueryTimeout(
                f"the query ran longer than {self.timeout:g} s and was stopped; narrow it down or add a LIMIT"
            ) from None
        except httpx.HTTPError as exc:
            raise StoreUnavailable(
                f"cannot reach the SPARQL server at {url} ({exc or type(exc).__name__}); start it, or set "
                "KGBOT_STORE to its query endpoint"
            ) from None


def _multi(params: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in params:
        out.setdefault(k, []).append(v)
    return out


def _term(term: Any) -> Any:
    """A term from the server as kgbot shows it: skolem IRIs back to blank nodes."""
    if isinstance(term, ox.NamedNode):
        if term.value.startswith(GENID):
            return ox.BlankNode(term.value[len(GENID) :])
        return term
    if isinstance(term, ox.Triple):
        return ox.Triple(_term(term.subject), term.predicate, _term(term.object))
    return term


def _write(form: str, body: bytes, media_type: str, prefixes: Mapping[str, str] | None) -> bytes:
    if form == "ASK":
        result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        return result.serialize(format=BOOLEAN_MEDIA_TYPES[media_type]) or b""
    if form == "SELECT":
        solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV)
        assert isinstance(solutions, ox.QuerySolutions)
        variables = [v.value for v in solutions.variables]
        rows = [{n: _term(row[n]) for n in variables if row[n] is not None} for row in solutions]
        from ._sparql_worker import _solutions_json

        json_body = _solutions_json(variables, [_Row(r) for r in rows])  # type: ignore[misc]
        fmt = SOLUTION_MEDIA_TYPES[media_type]
        if fmt == ox.QueryResultsFormat.JSON:
            return json_body
        return ox.parse_query_results(json_body, format=ox.QueryResultsFormat.JSON).serialize(format=fmt) or b""
    triples = [
        ox.Triple(_term(t.subject), t.predicate, _term(t.object))
        for t in ox.parse(io.BytesIO(body), format=ox.RdfFormat.N_TRIPLES)
    ]
    rdf_format = GRAPH_MEDIA_TYPES[media_type]
    if prefixes and rdf_format == ox.RdfFormat.TURTLE:
        return ox.serialize(triples, format=rdf_format, prefixes=dict(prefixes)) or b""
    return ox.serialize(triples, format=rdf_format) or b""


class _Row:
    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def __getitem__(self, name: str) -> Any:
        return self.values.get(name)
