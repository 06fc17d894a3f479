"""The authenticated write path: Graph Store PUT/POST/DELETE and POST /facts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.backends

DERIVED = "https://kgbot.dev/graph/derived"

PREFIXES = """\
@prefix kg: <https://kgbot.dev/ns#> .
@prefix e: <https://kgbot.dev/id/org/> .
@prefix m: <https://kgbot.dev/id/metric/> .
@prefix p: <https://kgbot.dev/id/period/> .
@prefix t: <https://kgbot.dev/id/test/> .
@prefix qb: <http://purl.org/linked-data/cube#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix sdmx-code: <http://purl.org/linked-data/sdmx/2009/code#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""

#: One valid new fact: Microsoft's AI capex in 2025 (a test figure, with its source).
FACT = (
    PREFIXES
    + """\
t:source a kg:Source ; dcterms:title "A test filing" .
t:msft-ai-capex-2025 a qb:Observation ;
    kg:subject e:microsoft ; kg:metric m:ai-capex ; kg:period p:2025 ;
    kg:value 80000000000.0 ; sdmx-attribute:unitMeasure kg:USD ;
    kg:qualifier kg:Exact ; sdmx-attribute:obsStatus sdmx-code:obsStatus-A ;
    prov:wasDerivedFrom t:source ;
    kg:quote "Microsoft expects to spend $80 billion on AI data centres in 2025." .
"""
)

#: An observation with no metric, period, unit or quote: breaks the shapes.
INVALID = (
    PREFIXES
    + """\
t:bad a qb:Observation ; kg:subject e:microsoft ; kg:value 1.0 .
"""
)

TURTLE = {"Content-Type": "text/turtle"}


def _nquads(server: Any) -> bytes:
    svc = server.service
    with svc.write_lock:
        return bytes(svc.store.export("nquads"))


@pytest.fixture
def writable(http_serve: Any) -> Any:
    return http_serve()


@pytest.fixture
def client(writable: Any) -> Any:
    with httpx.Client(base_url=writable.url, timeout=60) as c:
        yield c


def test_writes_need_the_token(client: httpx.Client, http_auth: dict[str, str]) -> None:
    before = client.get("/facts", params={"subject": "Microsoft"}).json()["count"]
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"}):
        response = client.post("/facts", content=FACT, headers={**TURTLE, **headers})
        assert response.status_code == 401, response.text
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/facts", params={"subject": "Microsoft"}).json()["count"] == before


def test_no_token_configured_disables_writes(http_serve: Any, http_auth: dict[str, str]) -> None:
    server = http_serve(api_token=None)
    with httpx.Client(base_url=server.url) as c:
        response = c.post("/facts", content=FACT, headers={**TURTLE, **http_auth})
        assert response.status_code == 403
        assert "writes are disabled" in response.json()["message"]
        assert c.delete("/graph?default", headers=http_auth).status_code == 403


def test_a_valid_fact_is_stored_and_visible(client: httpx.Client, http_auth: dict[str, str]) -> None:
    before = client.get("/healthz").json()["generation"]
    response = client.post("/facts", content=FACT, headers={**TURTLE, **http_auth})
    assert response.status_code == 201, response.text
    report = response.json()
    assert report["facts"] == ["msft-ai-capex-2025"] and report["added"] > 0
    assert report["generation"] > before
    facts = client.get("/facts", params={"subject": "MSFT", "period": "2025"}).json()["items"]
    stated = [(f["id"], f["value"], f["status"]) for f in facts if f["status"] != "derived"]
    assert stated == [("msft-ai-capex-2025", 80e9, "reported")]  # beside the filings' derived calendar 2025
    sparql = client.get("/sparql", params={"query": "ASK { <https://kgbot.dev/id/test/msft-ai-capex-2025> ?p ?o }"})
    assert sparql.json()["boolean"] is True  # the query workers reloaded


def test_ask_sees_a_new_fact(client: httpx.Client, http_auth: dict[str, str]) -> None:
    question = {"question": "what was Microsoft's AI capex in 2025?"}
    assert client.post("/ask", json=question).json()["value"] != 80e9
    assert client.post("/facts", content=FACT, headers={**TURTLE, **http_auth}).status_code == 201
    answer = client.post("/ask", json=question).json()
    assert answer["answered"] is True and answer["value"] == 80e9


def test_json_ld_facts(client: httpx.Client, http_auth: dict[str, str]) -> None:
    import pyoxigraph as ox

    quads = list(ox.parse(FACT, format=ox.RdfFormat.TURTLE))
    doc = ox.serialize(quads, format=ox.RdfFormat.JSON_LD)
    response = client.post("/facts", content=doc, headers={"Content-Type": "application/ld+json", **http_auth})
    assert response.status_code == 201, response.text
    assert client.get("/facts/msft-ai-capex-2025").status_code == 200


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"", "text/turtle"),
        (b"  \n# only a comment\n", "text/turtle"),
        (PREFIXES.encode(), "text/turtle"),
        (b"null", "application/ld+json"),
        (b"{}", "application/ld+json"),
        (b"[]", "application/ld+json"),
    ],
    ids=["empty", "comment", "prefixes", "json-ld-null", "json-ld-object", "json-ld-array"],
)
def test_a_document_without_statements_changes_nothing(
    writable: Any, client: httpx.Client, http_auth: dict[str, str], body: bytes, content_type: str
) -> None:
    before, generation = _nquads(writable), client.get("/healthz").json()["generation"]
    for path in ("/facts", "/graph?default", "/graph"):
        response = client.post(path, content=body, headers={"Content-Type": content_type, **http_auth})
        assert response.status_code == 400, (path, response.text)
        assert response.json()["error"] == "bad_request"
        assert response.json()["message"].startswith("no statements")
    assert client.get("/healthz").json()["generation"] == generation
    assert _nquads(writable) == before


def test_json_ld_with_a_graph_name_goes_where_the_answer_says(
    writable: Any, client: httpx.Client, http_auth: dict[str, str]
) -> None:
    """POST /facts adds to the default graph: a JSON-LD document's @id + @graph is merged into it."""
    import json

    import pyoxigraph as ox

    triples = json.loads(ox.serialize(list(ox.parse(FACT, format=ox.RdfFormat.TURTLE)), format=ox.RdfFormat.JSON_LD))
    doc = {"@id": "https://kgbot.dev/id/test/a-named-graph", "@graph": triples}
    graphs_before = set(writable.service.store.graph_names())
    response = client.post(
        "/facts", content=json.dumps(doc), headers={"Content-Type": "application/ld+json", **http_auth}
    )
    assert response.status_code == 201, response.text
    assert response.json()["graph"] is None and response.json()["facts"] == ["msft-ai-capex-2025"]
    assert set(writable.service.store.graph_names()) == graphs_before
    default = client.get("/graph", params={"default": ""}, headers={"Accept": "application/n-triples"}).text
    assert "<https://kgbot.dev/id/test/msft-ai-capex-2025>" in default


def test_invalid_data_is_rejected_whole(writable: Any, client: httpx.Client, http_auth: dict[str, str]) -> None:
    before = _nquads(writable)
    response = client.post("/facts", content=FACT + INVALID.replace(PREFIXES, ""), headers={**TURTLE, **http_auth})
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "validation_failed"
    assert body["details"] and all(set(d) == {"focus", "path", "message"} for d in body["details"])
    assert any(d["focus"].endswith("/bad") and d["path"] == "kg:period" for d in body["details"])
    for method, url in (("PUT", "/graph?graph=http://example.org/g"), ("POST", "/graph?default")):
        response = client.request(method, url, content=INVALID, headers={**TURTLE, **http_auth})
        assert response.status_code == 422, response.text
    syntax = client.post("/facts", content=b"this is not turtle", headers={**TURTLE, **http_auth})
    assert syntax.status_code == 400 and syntax.json()["error"] == "invalid_data"
    assert _nquads(writable) == before


def test_unsupported_media_type(client: httpx.Client, http_auth: dict[str, str]) -> None:
    response = client.post("/facts", content=FACT, headers={"Content-Type": "text/plain", **http_auth})
    assert response.status_code == 415
    response = client.post("/facts", content=FACT, headers={"Content-Type": "application/n-triples", **http_auth})
    assert response.status_code == 415


def test_the_derived_graph_is_read_only(writable: Any, client: httpx.Client, http_auth: dict[str, str]) -> None:
    before = _nquads(writable)
    for method in ("PUT", "POST", "DELETE"):
        response = client.request(
            method, "/graph", params={"graph": DERIVED}, content=FACT, headers={**TURTLE, **http_auth}
        )
        assert response.status_code == 400, response.text
        assert response.json()["error"] == "reserved_graph"
    trig = f"<{DERIVED}> {{ <http://example.org/a> <http://example.org/b> <http://example.org/c> }}"
    response = client.post("/graph", content=trig, headers={"Content-Type": "application/trig", **http_auth})
    assert response.status_code == 400
    assert _nquads(writable) == before


def test_graph_store_put_post_get_delete(client: httpx.Client, http_auth: dict[str, str]) -> None:
    graph = "http://example.org/filings"
    put = client.put("/graph", params={"graph": graph}, content=FACT, headers={**TURTLE, **http_auth})
    assert put.status_code == 201, put.text
    assert client.get("/facts/msft-ai-capex-2025").status_code == 200
    again = client.put("/graph", params={"graph": graph}, content=FACT, headers={**TURTLE, **http_auth})
    assert again.status_code == 200
    extra = PREFIXES + 't:note <http://www.w3.org/2000/01/rdf-schema#label> "a note" .\n'
    post = client.post("/graph", params={"graph": graph}, content=extra, headers={**TURTLE, **http_auth})
    assert post.status_code == 200 and post.json()["added"] == 1
    body = client.get("/graph", params={"graph": graph}, headers={"Accept": "application/n-triples"}).text
    assert "a note" in body and "msft-ai-capex-2025" in body
    replaced = client.put("/graph", params={"graph": graph}, content=extra, headers={**TURTLE, **http_auth})
    assert replaced.status_code == 200
    assert client.get("/facts/msft-ai-capex-2025").status_code == 404
    deleted = client.delete("/graph", params={"graph": graph}, headers=http_auth)
    assert deleted.status_code == 200 and deleted.json()["removed"] >= 1
    assert client.get("/graph", params={"graph": graph}).status_code == 404
    assert client.delete("/graph", params={"graph": graph}, headers=http_auth).status_code == 404
    assert client.put("/graph", content=FACT, headers={**TURTLE, **http_auth}).status_code == 400


def test_a_write_survives_a_restart(http_serve: Any, http_auth: dict[str, str], tmp_path: Path) -> None:
    path = str(tmp_path / "store")
    first = http_serve(store=path)
    with httpx.Client(base_url=first.url, timeout=60) as c:
        assert c.post("/facts", content=FACT, headers={**TURTLE, **http_auth}).status_code == 201
    first.stop()
    second = http_serve(store=path)
    with httpx.Client(base_url=second.url, timeout=60) as c:
        fact = c.get("/facts/msft-ai-capex-2025")
        assert fact.status_code == 200 and fact.json()["value"] == 80e9
        ask = c.get("/sparql", params={"query": "ASK { <https://kgbot.dev/id/test/msft-ai-capex-2025> ?p ?o }"})
        assert ask.json()["boolean"] is True
