"""Checking a SPARQL query before it runs: its form, its dataset, whether it uses SERVICE.

See :mod:`kg.sparql` for the public interface.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from .errors import QueryRejected

__all__ = [
    "BOOLEAN_MEDIA_TYPES",
    "GRAPH_MEDIA_TYPES",
    "MAX_QUERY_LENGTH",
    "SOLUTION_MEDIA_TYPES",
    "ParsedInfo",
    "UpdateRejected",
    "check_query",
    "media_types_for",
    "one_line",
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
            raise QueryRejected(f"SPARQL syntax error: {one_line(exc)}") from None
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
        raise QueryRejected(f"SPARQL syntax error: {one_line(exc)}") from None
    default: list[str] = []
    named: list[str] = []
    for clause in dict.get(body, "datasetClause") or []:
        for key, target in (("default", default), ("named", named)):
            iri = dict.get(clause, key)  # CompValue.get returns the key itself when missing
            if iri is not None:
                try:
                    target.append(str(prologue.absolutize(iri)))
                except Exception as exc:
                    raise QueryRejected(f"SPARQL syntax error: {one_line(exc)}") from None
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


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
