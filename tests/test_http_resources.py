"""The REST resources, over real HTTP against the seeded store."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest

from kg.namespaces import ENTITIES_GRAPH, VOCABULARY_GRAPHS

pytestmark = pytest.mark.backends

DERIVED = "https://kgbot.dev/graph/derived"
META = "https://kgbot.dev/id/org/meta"


def test_healthz(http_client: httpx.Client) -> None:
    body = http_client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["generation"] >= 1 and body["quads"] > 1000


def test_entities_list_filter_and_page(http_client: httpx.Client) -> None:
    page = http_client.get("/entities", params={"limit": 5}).json()
    assert set(page) == {"count", "limit", "offset", "items"}
    assert page["count"] > 20 and len(page["items"]) == 5
    companies = http_client.get("/entities", params={"kind": "company"}).json()["items"]
    assert {"Meta", "Alphabet", "Microsoft"} <= {e["label"] for e in companies}
    found = http_client.get("/entities", params={"q": "faceb"}).json()["items"]
    assert [e["iri"] for e in found] == [META]
    by_iri = http_client.get("/entities", params={"iri": META}).json()["items"]
    assert [e["id"] for e in by_iri] == ["meta"]


def test_one_entity_by_id_tail_or_iri(http_client: httpx.Client) -> None:
    meta = http_client.get("/entities/meta").json()
    assert meta["label"] == "Meta" and "META" in meta["tickers"]
    assert "Facebook" in meta["alt_labels"]
    assert any(g["id"] == "hyperscalers" for g in meta["member_of"])
    assert any(f["id"] == "meta-ai-capex-2025-h1" for f in meta["facts"])
    assert http_client.get("/entities/org/meta").json()["iri"] == META
    assert http_client.get(f"/entities/{META}").json()["iri"] == META
    missing = http_client.get("/entities/no-such-thing")
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"


def test_metrics(http_client: httpx.Client) -> None:
    items = http_client.get("/metrics").json()["items"]
    capex = next(m for m in items if m["id"] == "ai-capex")
    assert capex["kind"] == "metric" and capex["unit"] == "USD"
    assert any(b["id"] == "capex" for b in capex["broader"])


def test_facts_filters(http_client: httpx.Client) -> None:
    meta = http_client.get("/facts", params={"subject": "facebook"}).json()["items"]
    assert meta and all(f["subject"]["iri"] == META for f in meta)
    assert {f["status"] for f in meta} >= {"reported", "derived"}
    by_ticker = http_client.get(
        "/facts", params={"subject": "META", "metric": "capex for ai", "period": "h1 2025"}
    ).json()["items"]
    assert [f["id"] for f in by_ticker] == ["meta-ai-capex-2025-h1"]
    fact = by_ticker[0]
    assert fact["value"] == 30.7e9 and fact["unit"] == "USD" and fact["qualifier"] == "exact"
    derived = http_client.get("/facts", params={"status": "derived"}).json()["items"]
    assert derived and all(f["status"] == "derived" and f["formula"] for f in derived)
    by_iri = http_client.get("/facts", params={"subject": META, "status": "reported"}).json()
    assert by_iri["count"] >= 1
    unknown = http_client.get("/facts", params={"subject": "Nonexistent Corp"})
    assert unknown.status_code == 404
    bad_status = http_client.get("/facts", params={"status": "rumoured"})
    assert bad_status.status_code == 422 and bad_status.json()["error"] == "invalid_request"


def test_one_fact_with_sources_and_quote(http_client: httpx.Client) -> None:
    fact = http_client.get("/facts/meta-ai-capex-2025-h1").json()
    assert fact["period"] == {"label": "H1 2025", "start": "2025-01-01", "end": "2025-06-30"}
    assert "30.7 billion" in fact["quote"]
    (source,) = fact["sources"]
    assert source["title"].startswith("Global investment in AI inference")
    assert source["quote"] == fact["quote"]
    assert http_client.get("/facts/nope").status_code == 404


def test_derivations_as_nested_json_down_to_quotes(http_client: httpx.Client) -> None:
    listing = http_client.get("/derivations").json()
    assert listing["count"] >= 1
    items = [  # every page: the filings' derived quarters come first
        d
        for offset in range(0, listing["count"], 1000)
        for d in http_client.get("/derivations", params={"limit": 1000, "offset": offset}).json()["items"]
    ]
    meta_2024 = next(
        d
        for d in items
        if d["subject"]["id"] == "meta" and d["period"]["label"] == "H1 2024" and d["metric"]["id"] == "ai-capex"
    )
    assert meta_2024["inputs"][0]["id"] == "meta-ai-capex-2025-h1"
    detail = http_client.get(f"/derivations/{meta_2024['id']}").json()
    tree = detail["tree"]
    assert tree["status"] == "derived" and tree["formula"]
    leaves = []

    def walk(node: dict) -> None:  # type: ignore[type-arg]
        if not node["inputs"]:
            leaves.append(node)
        for child in node["inputs"]:
            walk(child)

    walk(tree)
    quotes = [leaf.get("fact", leaf.get("relation", {})).get("quote") for leaf in leaves]
    assert quotes and all(quotes), leaves
    stated = http_client.get("/derivations/meta-ai-capex-2025-h1").json()
    assert stated["tree"]["fact"]["id"] == "meta-ai-capex-2025-h1"


def test_conflicts(http_client: httpx.Client) -> None:
    body = http_client.get("/conflicts").json()
    assert set(body) == {"count", "limit", "offset", "items"}


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_graph_store_get_named_graph(http_client: httpx.Client, accept: str, fmt: ox.RdfFormat) -> None:
    response = http_client.get("/graph", params={"graph": DERIVED}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    triples = list(ox.parse(response.content, format=fmt))
    assert any(t.predicate.value == "http://www.w3.org/ns/prov#wasGeneratedBy" for t in triples)


def test_graph_store_get_default_and_dataset(http_client: httpx.Client) -> None:
    # the shipped organisations live in a graph of their own; the default graph is the users'
    entities = http_client.get("/graph", params={"graph": ENTITIES_GRAPH})
    assert entities.headers["content-type"].startswith("text/turtle")
    assert any(t.subject.value == META for t in ox.parse(entities.content, format=ox.RdfFormat.TURTLE))
    default = http_client.get("/graph?default")
    assert default.headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(default.content, format=ox.RdfFormat.TURTLE))
    assert not any(t.subject.value == META for t in triples)
    dataset = http_client.get("/graph")
    assert dataset.headers["content-type"].startswith("application/n-quads")
    quads = list(ox.parse(dataset.content, format=ox.RdfFormat.N_QUADS))
    names = {q.graph_name for q in quads}
    assert names >= {ox.NamedNode(DERIVED), *(ox.NamedNode(g) for g in VOCABULARY_GRAPHS)}
    trig = http_client.get("/graph", headers={"Accept": "application/trig"})
    assert trig.headers["content-type"].startswith("application/trig")
    # in a triples format, the dataset is the stated facts: the default graph and the vocabulary
    stated = http_client.get("/graph", headers={"Accept": "text/turtle"})
    stated_triples = list(ox.parse(stated.content, format=ox.RdfFormat.TURTLE))
    assert any(t.subject.value == META for t in stated_triples)
    assert len(stated_triples) == sum(1 for q in quads if q.graph_name != ox.NamedNode(DERIVED))


def test_graph_store_unknown_graph_is_404(http_client: httpx.Client) -> None:
    response = http_client.get("/graph", params={"graph": "http://example.org/none"})
    assert response.status_code == 404 and response.json()["error"] == "not_found"
    both = http_client.get("/graph", params={"graph": DERIVED, "default": ""})
    assert both.status_code == 400


def test_openapi_docs(http_client: httpx.Client) -> None:
    assert http_client.get("/docs").status_code == 200
    schema = http_client.get("/openapi.json").json()
    assert {"/ask", "/sparql", "/entities", "/facts", "/graph", "/healthz"} <= set(schema["paths"])
