"""``GET /query``: a SPARQL editor (CodeMirror 6, vendored) over the app's ``/sparql``.

The page sends the query to ``/sparql`` exactly as any client would, shows SELECT and ASK
results as a table and graphs as text, and downloads the result in every format
``/sparql`` serves for the query's form. The project's prefixes are offered as completions and
declared on "Run" when the query uses them undeclared.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from kg.namespaces import PREFIXES
from kg.sparql import BOOLEAN_MEDIA_TYPES, GRAPH_MEDIA_TYPES, SOLUTION_MEDIA_TYPES

from .render import templates

__all__ = ["DEFAULT_QUERY", "FORMATS", "router"]

router = APIRouter(include_in_schema=False)

#: Media type -> (name shown, file extension), for every format /sparql serves.
FORMATS: dict[str, tuple[str, str]] = {
    "application/sparql-results+json": ("SPARQL JSON", "srj"),
    "application/sparql-results+xml": ("SPARQL XML", "srx"),
    "text/csv": ("CSV", "csv"),
    "text/tab-separated-values": ("TSV", "tsv"),
    "text/turtle": ("Turtle", "ttl"),
    "application/n-triples": ("N-Triples", "nt"),
    "application/ld+json": ("JSON-LD", "jsonld"),
    "application/rdf+xml": ("RDF/XML", "rdf"),
}

DEFAULT_QUERY = """\
# Stated figures with their subject, metric, period and quote.
# Ctrl-Space completes prefixes; "Run" declares any known prefix the query uses.
PREFIX kg: <https://kgbot.dev/ns#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?subject ?metric ?period ?value ?quote WHERE {
  ?o a qb:Observation ;
     kg:subject/skos:prefLabel ?subject ;
     kg:metric/skos:prefLabel ?metric ;
     kg:period/rdfs:label ?period ;
     kg:value ?value .
  OPTIONAL { ?o kg:quote ?quote }
}
ORDER BY ?subject ?metric ?period
LIMIT 50
"""


@router.get("/query", response_class=HTMLResponse)
def sparql_page(request: Request, query: str | None = None) -> Response:
    forms = {
        "SELECT": list(SOLUTION_MEDIA_TYPES),
        "ASK": list(BOOLEAN_MEDIA_TYPES),
        "GRAPH": list(GRAPH_MEDIA_TYPES),
    }
    return templates.TemplateResponse(
        request,
        "sparql.html",
        {
            "nav": "sparql",
            "query": query if query is not None else DEFAULT_QUERY,
            "config": json.dumps({"prefixes": PREFIXES, "forms": forms, "formats": FORMATS}),
            "formats": FORMATS,
        },
    )
