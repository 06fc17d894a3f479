"""/sparql with real SPARQL clients (SPARQLWrapper, rdflib's SPARQLStore) and httpx."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

pytestmark = pytest.mark.backends

KG = "PREFIX kg: <https://kgbot.dev/ns#> PREFIX e: <https://kgbot.dev/id/org/> "
META_H1 = (
    KG
    + """SELECT ?value WHERE {
    ?o kg:subject e:meta ; kg:metric <https://kgbot.dev/id/metric/ai-capex> ;
       kg:period <https://kgbot.dev/id/period/2025-H1> ; kg:value ?value }"""
)
DERIVED = "https://kgbot.dev/graph/derived"


@pytest.fixture
def endpoint(http_live) -> str:  # type: ignore[no-untyped-def]
    return f"{http_live.url}/sparql"


# ---------------------------------------------------------------- SPARQLWrapper


def test_sparqlwrapper_select_json_and_xml(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(META_H1)
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert [float(r["value"]["value"]) for r in rows] == [30.7e9]
    client.setReturnFormat(XML)
    doc = client.queryAndConvert()
    assert "30700000000" in doc.toxml()  # type: ignore[union-attr]


def test_sparqlwrapper_post_ask_and_construct(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setMethod("POST")
    client.setQuery(KG + "ASK { e:meta a kg:Company }")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True  # type: ignore[index]
    client.setQuery(KG + "CONSTRUCT WHERE { e:meta ?p ?o }")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.queryAndConvert(), format="turtle")
    assert (rdflib.URIRef("https://kgbot.dev/id/org/meta"), None, None) in graph


# ---------------------------------------------------------------- rdflib SPARQLStore


def test_rdflib_sparqlstore(endpoint: str) -> None:
    store = SPARQLStore(endpoint, returnFormat="json")
    graph = rdflib.Graph(store=store)
    rows = list(graph.query(META_H1))
    assert [float(r[0]) for r in rows] == [30.7e9]  # type: ignore[index]
    assert graph.query(KG + "ASK { e:meta a kg:Company }").askAnswer is True
    constructed = graph.query(KG + "CONSTRUCT { e:meta ?p ?o } WHERE { e:meta ?p ?o }").graph
    assert constructed is not None and len(constructed) > 3
    store.close()


# ---------------------------------------------------------------- negotiation


@pytest.mark.parametrize(
    "accept",
    [
        "text/csv",
        "text/tab-separated-values",
        "application/sparql-results+xml",
        "application/sparql-results+json",
        "application/json",
    ],
)
def test_select_formats(endpoint: str, accept: str) -> None:
    response = httpx.get(endpoint, params={"query": META_H1}, headers={"Accept": accept})
    assert response.status_code == 200
    ctype = response.headers["content-type"]
    if accept == "text/csv":
        assert ctype.startswith("text/csv")
        assert list(csv.reader(io.StringIO(response.text))) == [["value"], ["30700000000"]]
    elif accept == "text/tab-separated-values":
        assert response.text.splitlines()[0] == "?value"
    elif "xml" in accept:
        assert "<sparql" in response.text
    else:
        assert ctype.startswith("application/sparql-results+json")
        json.loads(response.text)


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        (None, ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_construct_and_describe_formats(endpoint: str, accept: str | None, fmt: ox.RdfFormat) -> None:
    headers = {"Accept": accept} if accept else {}
    for query in (KG + "CONSTRUCT WHERE { e:meta ?p ?o }", KG + "DESCRIBE e:meta"):
        response = httpx.post(endpoint, data={"query": query}, headers=headers)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(fmt.media_type)
        triples = list(ox.parse(response.content, format=fmt))
        assert triples


def test_ask_xml(endpoint: str) -> None:
    response = httpx.post(
        endpoint,
        content="ASK { ?s ?p ?o }",
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+xml"},
    )
    assert "<boolean>true</boolean>" in response.text


# ---------------------------------------------------------------- datasets


def test_the_default_graph_holds_stated_facts_and_derived_are_named(endpoint: str) -> None:
    derived_obs = KG + "ASK { ?o kg:value ?v ; <http://www.w3.org/ns/prov#wasGeneratedBy> ?a }"
    assert httpx.get(endpoint, params={"query": derived_obs}).json()["boolean"] is False
    in_graph = KG + (
        "ASK { GRAPH <" + DERIVED + "> { ?o kg:value ?v ; <http://www.w3.org/ns/prov#wasGeneratedBy> ?a } }"
    )
    assert httpx.get(endpoint, params={"query": in_graph}).json()["boolean"] is True
    protocol = httpx.get(endpoint, params={"query": derived_obs, "default-graph-uri": DERIVED})
    assert protocol.json()["boolean"] is True


# ---------------------------------------------------------------- service description, errors


def test_service_description(endpoint: str) -> None:
    response = httpx.get(endpoint)
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = graph.value(None, rdflib.RDF.type, sd.Service)
    assert graph.value(service, sd.endpoint) == rdflib.URIRef(endpoint)
    assert set(graph.objects(service, sd.feature))
    assert rdflib.URIRef(DERIVED) in set(graph.objects(None, sd.name))
    nt = httpx.get(endpoint, headers={"Accept": "application/n-triples"})
    assert nt.headers["content-type"].startswith("application/n-triples")


def test_protocol_errors(endpoint: str) -> None:
    syntax = httpx.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p "})
    assert syntax.status_code == 400 and "syntax error" in syntax.json()["message"]
    two = httpx.get(endpoint, params=[("query", "ASK {}"), ("query", "ASK {}")])
    assert two.status_code == 400
    both = httpx.post(endpoint, data={"query": "ASK {}", "update": "CLEAR ALL"})
    assert both.status_code == 400
    update = httpx.post(
        endpoint, content="INSERT DATA { <a:a> <a:b> <a:c> }", headers={"Content-Type": "application/sparql-update"}
    )
    assert update.status_code == 403 and "read-only" in update.json()["message"]
    utf16 = httpx.post(
        endpoint,
        content="ASK {}".encode("utf-16"),
        headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
    )
    assert utf16.status_code == 415
    empty = httpx.post(endpoint, data={"default-graph-uri": DERIVED})
    assert empty.status_code == 400


def test_rows_past_the_limit_are_cut_and_flagged(endpoint: str) -> None:
    response = httpx.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.headers["X-Result-Truncated"] == "true"
    assert response.headers["X-Result-Limit"] == "1000"
    assert len(response.json()["results"]["bindings"]) == 1000
    small = httpx.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"})
    assert "X-Result-Truncated" not in small.headers
