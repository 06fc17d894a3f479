"""Safe SPARQL: check a query before it runs, run it in a worker process that can be killed.

Oxigraph executes ``SERVICE`` (it opens network connections) and has no time limit, so
no user query runs in the serving process:

- :func:`check_query` parses the query with rdflib's SPARQL parser and reports its form,
  the graphs its ``FROM`` / ``FROM NAMED`` clauses name and whether it holds a ``SERVICE``
  pattern anywhere (case, whitespace and comments do not hide it: the parse tree is
  walked, not the text). Updates are told apart and refused.
- :class:`QueryPool` refuses ``SERVICE``; graph IRIs the store does not hold are empty
  graphs, never fetched, and reported in the result's ``unknown_graphs``. It runs
  the query in one of N worker processes. Each worker opens, read-only, an on-disk
  snapshot of the store made for the store's current generation (any literal size
  works; nothing is re-parsed). A query that outlives its time limit is stopped by
  killing its worker; a query that needs more memory than the worker's cap fails an
  allocation and its worker dies. Either way the worker is replaced. Results are cut
  after ``max_rows`` rows (or triples).

>>> check_query("ASK { ?s ?p ?o }").form
'ASK'
>>> check_query("select * from <http://example.org/g> { ?s ?p ?o }").from_graphs
('http://example.org/g',)
>>> check_query("SELECT * { sErViCe <http://example.org/sparql> { ?s ?p ?o } }").has_service
True
"""

from __future__ import annotations

from ._sparql_check import (
    BOOLEAN_MEDIA_TYPES,
    GRAPH_MEDIA_TYPES,
    MAX_QUERY_LENGTH,
    SOLUTION_MEDIA_TYPES,
    ParsedInfo,
    UpdateRejected,
    check_query,
    media_types_for,
)
from ._sparql_pool import QueryPool, QueryResult, stated_graphs

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
    "stated_graphs",
]
