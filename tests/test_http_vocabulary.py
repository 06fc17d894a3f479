"""The shipped vocabulary cannot be wiped through the write API, and removals are validated.

Probing found that ``PUT /graph?default`` with one triple, or ``DELETE /graph?default``,
removed the ontology, the organisations and the seed facts, after which ``/ask`` knew
nothing; and that an observation split across two graphs could be left invalid by
deleting one of them. Each test here tries one of those writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from kg.namespaces import ENTITIES_GRAPH, ONTOLOGY_GRAPH, SEED_GRAPH, VOCABULARY_GRAPHS

pytestmark = pytest.mark.backends

QUESTION = {"question": "what did Meta spend on AI capex in H1 2025?"}
TURTLE = {"Content-Type": "text/turtle"}
ONE_TRIPLE = b"<http://example.org/a> <http://example.org/b> <http://example.org/c> ."

PREFIXES = """\
@prefix kg: <https://kgbot.dev/ns#> .
@prefix e: <https://kgbot.dev/id/org/> .
@prefix m: <https://kgbot.dev/id/metric/> .
@prefix p: <https://kgbot.dev/id/period/> .
@prefix t: <https://kgbot.dev/id/test/> .
@prefix g: <http://example.org/graph/> .
@prefix qb: <http://purl.org/linked-data/cube#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix sdmx-code: <http://purl.org/linked-data/sdmx/2009/code#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""

#: One observation split across graphs: valid together, not once graph B or C is gone.
SPLIT = (
    PREFIXES
    + """\
g:a {
  t:source a kg:Source ; dcterms:title "A test filing" .
  t:split a qb:Observation ;
      kg:subject e:microsoft ; kg:metric m:ai-capex ; kg:period t:fy2031 ;
      kg:qualifier kg:Exact ; sdmx-attribute:obsStatus sdmx-code:obsStatus-F ;
      prov:wasDerivedFrom t:source ; kg:quote "Microsoft will spend $9 billion in 2031." .
}
g:b {
  t:split kg:value 9000000000.0 ; sdmx-attribute:unitMeasure kg:USD .
}
g:c {
  t:fy2031 a kg:CalendarYear ; kg:startDate "2031-01-01"^^xsd:date ; kg:endDate "2031-12-31"^^xsd:date .
}
"""
)


@pytest.fixture
def server(http_serve: Any) -> Any:
    return http_serve()


@pytest.fixture
def client(server: Any) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


def _vocabulary(server: Any) -> dict[str, int]:
    import pyoxigraph as ox

    store = server.service.store.store
    return {g: sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(g))) for g in VOCABULARY_GRAPHS}


def _answers(client: httpx.Client) -> bool:
    answer = client.post("/ask", json=QUESTION).json()
    return bool(answer["answered"]) and answer["value"] is not None


def test_put_or_delete_of_the_default_graph_leaves_the_vocabulary(
    server: Any, client: httpx.Client, http_auth: dict[str, str]
) -> None:
    before = _vocabulary(server)
    assert all(before.values()) and _answers(client)
    put = client.put("/graph?default", content=ONE_TRIPLE, headers={**TURTLE, **http_auth})
    assert put.status_code == 200, put.text
    assert _vocabulary(server) == before and _answers(client)
    deleted = client.delete("/graph?default", headers=http_auth)
    assert deleted.status_code == 200, deleted.text
    assert _vocabulary(server) == before and _answers(client)


@pytest.mark.parametrize("graph", VOCABULARY_GRAPHS)
def test_vocabulary_graphs_need_the_override(
    server: Any, client: httpx.Client, http_auth: dict[str, str], graph: str
) -> None:
    before = _vocabulary(server)
    attempts = [
        client.put("/graph", params={"graph": graph}, content=ONE_TRIPLE, headers={**TURTLE, **http_auth}),
        client.post("/graph", params={"graph": graph}, content=ONE_TRIPLE, headers={**TURTLE, **http_auth}),
        client.delete("/graph", params={"graph": graph}, headers=http_auth),
        client.post(
            "/graph",
            content=f"<{graph}> {{ <http://example.org/a> <http://example.org/b> <http://example.org/c> }}",
            headers={"Content-Type": "application/trig", **http_auth},
        ),
    ]
    for response in attempts:
        assert response.status_code == 403, response.text
        body = response.json()
        assert body["error"] == "protected_graph" and "override=vocabulary" in body["message"]
    assert _vocabulary(server) == before and _answers(client)


def test_even_with_the_override_the_ontology_cannot_be_lost(
    server: Any, client: httpx.Client, http_auth: dict[str, str]
) -> None:
    before = _vocabulary(server)
    override = {"override": "vocabulary"}
    attempts = [
        client.delete("/graph", params={"graph": ONTOLOGY_GRAPH, **override}, headers=http_auth),
        client.put(
            "/graph",
            params={"graph": ONTOLOGY_GRAPH, **override},
            content=ONE_TRIPLE,
            headers={**TURTLE, **http_auth},
        ),
    ]
    for response in attempts:
        assert response.status_code == 409, response.text
        body = response.json()
        assert body["error"] == "vocabulary_required"
        assert {"term": "https://kgbot.dev/ns#Company"} in body["details"]
    assert _vocabulary(server) == before and _answers(client)


def test_the_override_lets_an_operator_rewrite_a_vocabulary_graph(
    server: Any, client: httpx.Client, http_auth: dict[str, str]
) -> None:
    entities = client.get("/graph", params={"graph": ENTITIES_GRAPH}).content
    renamed = entities.replace(b'"Meta Platforms"', b'"Meta Platforms Inc."')
    assert renamed != entities
    response = client.put(
        "/graph",
        params={"graph": ENTITIES_GRAPH, "override": "vocabulary"},
        content=renamed,
        headers={**TURTLE, **http_auth},
    )
    assert response.status_code == 200, response.text
    assert b"Meta Platforms Inc." in client.get("/graph", params={"graph": ENTITIES_GRAPH}).content
    assert _answers(client)


def test_removing_the_seed_facts_with_the_override_is_validated(
    server: Any, client: httpx.Client, http_auth: dict[str, str]
) -> None:
    """The seed graph may go (with the override): nothing else depends on it."""
    response = client.delete("/graph", params={"graph": SEED_GRAPH, "override": "vocabulary"}, headers=http_auth)
    assert response.status_code == 200, response.text
    assert client.post("/ask", json=QUESTION).json()["answered"] is False


def test_a_delete_that_leaves_an_invalid_node_is_refused(
    server: Any, client: httpx.Client, http_auth: dict[str, str]
) -> None:
    added = client.post("/graph", content=SPLIT, headers={"Content-Type": "application/trig", **http_auth})
    assert added.status_code == 200, added.text
    assert client.get("/facts/split").status_code == 200
    generation = client.get("/healthz").json()["generation"]
    for graph in ("http://example.org/graph/b", "http://example.org/graph/c"):
        response = client.delete("/graph", params={"graph": graph}, headers=http_auth)
        assert response.status_code == 422, response.text
        body = response.json()
        assert body["error"] == "validation_failed"
        assert any(d["focus"] == "https://kgbot.dev/id/test/split" for d in body["details"])
        replaced = client.put("/graph", params={"graph": graph}, content=ONE_TRIPLE, headers={**TURTLE, **http_auth})
        assert replaced.status_code == 422, replaced.text
    assert client.get("/healthz").json()["generation"] == generation
    assert client.get("/facts/split").status_code == 200
    # removing the observation's own graph first leaves nothing invalid behind
    for graph in ("a", "b", "c"):
        response = client.delete("/graph", params={"graph": f"http://example.org/graph/{graph}"}, headers=http_auth)
        assert response.status_code == 200, (graph, response.text)
