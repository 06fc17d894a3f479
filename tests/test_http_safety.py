"""DESIGN §9 over HTTP: no input opens a connection or reads a file; every query is limited.

A plain socket server on 127.0.0.1 records every connection made to it; each attack names
it and the test checks that nothing connected.
"""

from __future__ import annotations

import concurrent.futures
import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

DERIVED = "https://kgbot.dev/graph/derived"


class Listener:
    """Accepts and records connections on 127.0.0.1 (an ephemeral port)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.connections: list[tuple[str, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, addr = self.sock.accept()
            except OSError:
                continue
            self.connections.append(addr)
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    lst = Listener()
    yield lst
    time.sleep(0.2)  # a connection attempt would have landed by now
    lst.close()
    assert lst.connections == [], f"the service connected to the listener: {lst.connections}"


@pytest.fixture(scope="module")
def server(http_launch: Any, http_app: Any) -> Any:
    """A server with a short time limit, for the attacks (its store takes writes)."""
    return http_launch(http_app(query_timeout=2.0, sparql_workers=2, max_rows=500))


@pytest.fixture
def client(server: Any) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def _export(server: Any) -> bytes:
    with server.service.write_lock:
        return bytes(server.service.store.export("nquads"))


# ---------------------------------------------------------------- SERVICE

SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "select * where {{ sErViCe\n\t<{url}/sparql>\n{{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ # SERVICE in a comment\n SERVICE # and here\n <{url}/> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ OPTIONAL {{ SERVICE SILENT <{url}/> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ BIND(<{url}/> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    "ASK {{ {{ SELECT * WHERE {{ SERVICE <{url}/> {{ ?s ?p ?o }} }} }} }}",
    r"SELECT * WHERE {{ \u0053ERVICE <{url}/> {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_is_refused_before_it_runs(client: httpx.Client, listener: Listener, template: str) -> None:
    query = template.format(url=listener.url)
    for response in (
        client.get("/sparql", params={"query": query}),
        client.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"}),
    ):
        assert response.status_code == 400, response.text
        assert "SERVICE" in response.json()["message"]


def test_escapes_do_not_smuggle_a_service(client: httpx.Client, listener: Listener) -> None:
    for template in (
        r'SELECT * WHERE { ?s ?p "\u0022 . SERVICE <URL/> { ?a ?b ?c } #" }',
        'SELECT * WHERE { ?s ?p "\\u0022" . SERVICE <URL/> { ?a ?b ?c } # """\n}',
        r'SELECT * WHERE { ?s ?p "\u005Cu0022 } SERVICE <URL/> { ?a ?b ?c } #" }',
    ):
        query = template.replace("URL", listener.url)
        response = client.get("/sparql", params={"query": query})
        assert response.status_code in (200, 400), response.text


def test_the_word_service_in_data_is_fine(client: httpx.Client, listener: Listener) -> None:
    query = f'SELECT ?s WHERE {{ ?s ?p "SERVICE <{listener.url}/> {{ }}" }}'
    assert client.get("/sparql", params={"query": query}).status_code == 200


# ---------------------------------------------------------------- LOAD and other updates


def test_load_is_refused(client: httpx.Client, listener: Listener) -> None:
    load = f"LOAD <{listener.url}/data.ttl>"
    answers = [
        client.post("/sparql", data={"update": load}),
        client.post("/sparql", content=load, headers={"Content-Type": "application/sparql-update"}),
        client.get("/sparql", params={"update": load}),
        client.get("/sparql", params={"query": load}),
        client.post("/sparql", content=load, headers={"Content-Type": "application/sparql-query"}),
    ]
    for response in answers:
        assert response.status_code == 403, response.text
        assert "read-only" in response.json()["message"]


# ---------------------------------------------------------------- datasets


def test_unknown_dataset_iris_are_empty_and_never_fetched(client: httpx.Client, listener: Listener) -> None:
    """A graph the store does not hold is an empty graph with a warning header; nothing
    connects to the listener (checked by its fixture) and no file is read."""
    url = f"{listener.url}/graph"
    attempts = [
        ({"query": f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}"}, url),
        ({"query": f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"}, url),
        ({"query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"}, "file:///etc/passwd"),
        ({"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": url}, url),
        ({"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": url}, url),
        ({"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": "file:///etc/passwd"}, "file:///etc/passwd"),
        (
            {"query": "SELECT * FROM <file:///etc/hostname> FROM <file:///etc/passwd> { ?s ?p ?o }"},
            "file:///etc/passwd",
        ),
    ]
    for params, iri in attempts:
        response = client.get("/sparql", params=params)
        assert response.status_code == 200, (params, response.text)
        assert response.json()["results"]["bindings"] == [], params
        assert f"unknown graph <{iri}>" in response.headers.get_list("Kgbot-Warning"), response.headers
        assert "root:" not in response.text
    both = client.get("/sparql", params={"query": "SELECT * FROM <file:///a> FROM <file:///b> { ?s ?p ?o }"})
    assert both.headers.get_list("Kgbot-Warning") == ["unknown graph <file:///a>", "unknown graph <file:///b>"]
    ok = client.get("/sparql", params={"query": f"ASK FROM <{DERIVED}> {{ ?s ?p ?o }}"})
    assert ok.status_code == 200 and ok.json()["boolean"] is True
    assert "Kgbot-Warning" not in ok.headers
    ok = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", "named-graph-uri": DERIVED})
    assert ok.status_code == 200


# ---------------------------------------------------------------- uploads


def test_json_ld_with_a_remote_context_is_refused(
    server: Any, client: httpx.Client, listener: Listener, http_auth: Any
) -> None:
    before = _export(server)
    doc = {"@context": f"{listener.url}/context.jsonld", "@id": "https://kgbot.dev/id/x", "name": "x"}
    for path in ("/facts", "/graph?default"):
        response = client.post(
            path, content=json.dumps(doc), headers={**http_auth, "Content-Type": "application/ld+json"}
        )
        assert response.status_code == 400, response.text
        assert response.json()["error"] == "invalid_data"
    assert _export(server) == before


@pytest.mark.parametrize("entity", ["file:///etc/passwd", "{url}/entity"])
def test_xml_external_entities_are_not_expanded(
    server: Any, client: httpx.Client, listener: Listener, entity: str, http_auth: Any
) -> None:
    before = _export(server)
    system = entity.format(url=listener.url)
    xml = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY x SYSTEM "{system}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&x;</ex:p></rdf:Description>
</rdf:RDF>"""
    response = client.post(
        "/graph",
        params={"graph": "http://example.org/xxe"},
        content=xml,
        headers={**http_auth, "Content-Type": "application/rdf+xml"},
    )
    after = _export(server)
    assert b"root:" not in after
    if response.status_code == 200:  # parsed without the entity: nothing read, nothing fetched
        client.delete("/graph", params={"graph": "http://example.org/xxe"}, headers=http_auth)
    else:
        assert response.status_code in (400, 422), response.text
        assert after == before


# ---------------------------------------------------------------- limits

CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CROSS_JOIN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_rows_are_capped(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": CROSS_JOIN})
    assert response.status_code == 200
    assert response.headers["X-Result-Truncated"] == "true"
    assert len(response.json()["results"]["bindings"]) == 500


def test_a_slow_query_is_stopped_and_others_keep_answering(server: Any) -> None:
    """While a query that cannot finish runs, /ask and other queries answer; then it is
    stopped at the time limit with 503 and its worker process is replaced."""
    pids_before = set(server.service.pool.pids())
    done: dict[str, float] = {}

    def slow() -> httpx.Response:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            r = c.get("/sparql", params={"query": CROSS_JOIN_COUNT})
        done["slow"] = time.monotonic()
        return r

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        slow_future = pool.submit(slow)
        time.sleep(0.3)
        with httpx.Client(base_url=server.url, timeout=30) as c:
            question = {"question": "what did Meta spend on AI capex in H1 2025?"}
            quick = [
                c.post("/ask", json=question),
                c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}),
                c.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"}),
                c.get("/healthz"),
            ]
        done["quick"] = time.monotonic()
        slow_response = slow_future.result()
    assert all(r.status_code == 200 for r in quick), [r.text for r in quick]
    assert done["quick"] < done["slow"], "the quick requests waited for the slow query"
    assert slow_response.status_code == 503
    body = slow_response.json()
    assert body["error"] == "query_timeout" and "2 s" in body["message"]
    assert 1.5 < done["slow"] - start < 15
    pids_after = set(server.service.pool.pids())
    assert len(pids_before - pids_after) == 1 and len(pids_after) == 2


# ---------------------------------------------------------------- memory

#: Sorting every row of a three-way cross join: memory grows until something stops it.
SORTED_CROSS_JOIN = "SELECT * {?a ?b ?c . ?d ?e ?f . ?g ?h ?i} ORDER BY ?a ?d ?g LIMIT 1"


@pytest.fixture(scope="module")
def capped(http_launch: Any, http_app: Any) -> Any:
    """A server whose query workers may use 256 MiB each, with a time limit long enough
    that only the memory cap can stop the attack."""
    return http_launch(http_app(query_timeout=30.0, sparql_workers=2, query_memory=256 << 20))


def _sparql(server: Any, query: str) -> httpx.Response:
    with httpx.Client(base_url=server.url, timeout=60) as c:
        return c.get("/sparql", params={"query": query})


def test_a_query_past_the_memory_cap_gets_503_and_the_others_keep_answering(capped: Any) -> None:
    """No token needed: the sort of a cross join would take gigabytes. Its worker runs out of
    its own memory, the client gets 503 in the error shape, the worker is replaced, and the
    other worker, /ask and later queries answer throughout."""
    pids_before = set(capped.service.pool.pids())
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        attack = pool.submit(_sparql, capped, SORTED_CROSS_JOIN)
        quick = [pool.submit(_sparql, capped, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3") for _ in range(4)]
        with httpx.Client(base_url=capped.url, timeout=30) as c:
            asked = c.post("/ask", json={"question": "what did Meta spend on AI capex in H1 2025?"})
            health = c.get("/healthz")
        refused = attack.result()
        answers = [f.result() for f in quick]
    assert asked.status_code == 200 and asked.json()["answered"], asked.text
    assert health.status_code == 200
    assert all(r.status_code == 200 for r in answers), [r.text for r in answers]
    assert refused.status_code == 503, refused.text
    assert refused.headers["content-type"] == "application/json"
    body = refused.json()
    assert set(body) == {"status", "error", "message", "details"}
    assert body["status"] == 503 and body["error"] == "query_out_of_memory"
    assert "256 MiB" in body["message"]
    pids_after = set(capped.service.pool.pids())
    assert len(pids_before - pids_after) == 1 and len(pids_after) == 2  # one replaced, one untouched
    for _ in range(4):
        assert _sparql(capped, "ASK { ?s ?p ?o }").json()["boolean"] is True


def test_two_memory_attacks_at_once_are_both_stopped(capped: Any) -> None:
    pids_before = set(capped.service.pool.pids())
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        refused = list(pool.map(lambda _: _sparql(capped, SORTED_CROSS_JOIN), range(2)))
    assert [r.status_code for r in refused] == [503, 503], [r.text for r in refused]
    assert {r.json()["error"] for r in refused} == {"query_out_of_memory"}
    pids_after = set(capped.service.pool.pids())
    assert not pids_before & pids_after and len(pids_after) == 2
    with httpx.Client(base_url=capped.url, timeout=30) as c:
        assert c.get("/ask", params={"q": "what did Meta spend on AI capex in H1 2025?"}).status_code == 200
    assert _sparql(capped, "ASK { ?s ?p ?o }").json()["boolean"] is True
