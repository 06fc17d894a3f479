"""The store in a SPARQL server (a real `oxigraph serve`): what only that mode has —
several processes over one server, the generation marker, writes that race, blank
nodes and the default graph on the server, credentials, and errors that say what to do."""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from conftest import remote_store

from bot.settings import Settings
from bot.stores import open_store
from kg.errors import StoreUnavailable
from kg.remote import DEFAULT_GRAPH, GENID, META_GRAPH, RemoteStore, parse_auth
from kg.remote_store import RemoteKnowledgeStore

OBS = """
@prefix kg: <https://kgbot.dev/ns#> . @prefix t: <https://kgbot.dev/id/test/> .
@prefix qb: <http://purl.org/linked-data/cube#> . @prefix m: <https://kgbot.dev/id/metric/> .
@prefix p: <https://kgbot.dev/id/period/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix sdmx-code: <http://purl.org/linked-data/sdmx/2009/code#> .
t:source a kg:Source ; dcterms:title "A test filing" .
t:acme a kg:Company ; skos:prefLabel "Acme Test Corp"@en .
t:OBS a qb:Observation ; kg:subject t:acme ; kg:metric m:capex ; kg:period p:2024 ;
    kg:value VALUE ; sdmx-attribute:unitMeasure kg:USD ; kg:qualifier kg:Exact ;
    sdmx-attribute:obsStatus sdmx-code:obsStatus-A ; prov:wasDerivedFrom t:source ;
    kg:quote "Acme spent it." .
"""


def _obs(name: str, value: str) -> str:
    return OBS.replace("OBS", name).replace("VALUE", value)


def _acme_values(ks: Any) -> list[float]:
    return sorted(
        o.value.value for o in ks.knowledge.observations if o.quantity.subject == "https://kgbot.dev/id/test/acme"
    )


@pytest.fixture
def server(remote_servers: Any) -> Any:
    return remote_servers.start()


def test_a_write_by_one_process_is_seen_by_another_within_a_second(server: Any) -> None:
    writer, reader = remote_store(server), remote_store(server)
    assert reader.generation == writer.generation
    before = reader.generation
    asked = _count_queries(reader.remote)
    for _ in range(50):  # questions between two polls ask the server nothing
        reader.knowledge  # noqa: B018
    assert asked() <= 1
    writer.load_data(_obs("one", "5000000000.0"), "turtle", source="one.ttl")
    deadline = time.monotonic() + 1.5
    while _acme_values(reader) != [5e9]:
        assert time.monotonic() < deadline, "the reader did not see the write within a second"
        time.sleep(0.05)
    assert reader.generation == writer.generation > before
    # the derived graph was written on the server too
    assert reader.stats() == writer.stats()


def test_writers_that_race_are_serialised_and_each_write_is_validated(server: Any) -> None:
    a, b = remote_store(server), remote_store(server)
    a.load_data(_obs("a", "1000000000.0"), "turtle", source="a.ttl")
    # b has not polled since a wrote: its write is refused by the server, then validated
    # again against the new data and applied
    b.load_data(_obs("b", "2000000000.0"), "turtle", source="b.ttl")
    assert _acme_values(b) == [1e9, 2e9]
    a.sync(force=True)
    assert _acme_values(a) == [1e9, 2e9]


def test_writers_in_threads_never_lose_a_write(server: Any) -> None:
    stores = [remote_store(server) for _ in range(3)]
    errors: list[BaseException] = []

    def write(i: int) -> None:
        try:
            stores[i].load_data(_obs(f"w{i}", f"{i + 1}000000000.0"), "turtle", source=f"w{i}.ttl")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    check = remote_store(server)
    assert _acme_values(check) == [1e9, 2e9, 3e9]


def test_the_default_graph_and_blank_nodes_live_in_named_graphs_on_the_server(server: Any) -> None:
    ks = remote_store(server)
    ks.load_data(
        '<https://kgbot.dev/id/test/x> <https://kgbot.dev/ns#note> [ <https://kgbot.dev/ns#v> "1" ] .', "turtle"
    )
    raw = httpx.post(
        server.query,
        data={"query": "SELECT ?g ?o { GRAPH ?g { <https://kgbot.dev/id/test/x> ?p ?o } }"},
        headers={"Accept": "application/sparql-results+json"},
    ).json()
    [row] = raw["results"]["bindings"]
    assert row["g"]["value"] == DEFAULT_GRAPH
    assert row["o"]["value"].startswith(GENID)  # skolemised on the server ...
    [q] = ks.store.quads_for_pattern(ox.NamedNode("https://kgbot.dev/id/test/x"), None, None)
    assert isinstance(q.object, ox.BlankNode) and q.graph_name == ox.DefaultGraph()  # ... a blank node here
    assert [x.object for x in ks.store.quads_for_pattern(q.object, None, None)] == [ox.Literal("1")]
    assert DEFAULT_GRAPH not in ks.graph_names() and META_GRAPH not in ks.graph_names()
    assert b"graph/-/" not in ks.export("nquads")


def test_settings_open_a_server(server: Any) -> None:
    ks = open_store(Settings(store=server.query, store_update=server.update))
    assert isinstance(ks, RemoteKnowledgeStore) and not ks.read_only
    ro = open_store(Settings(store=server.query))
    assert ro.read_only  # no update endpoint: read only
    assert ro.stats()["observations"] == ks.stats()["observations"]


def test_a_server_that_is_not_there_is_a_clear_error() -> None:
    from oxigraph_server import free_port

    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(StoreUnavailable, match=r"cannot reach the SPARQL server.*start it"):
        RemoteKnowledgeStore(RemoteStore(url, url.replace("query", "update")))


# ---------------------------------------------------------------- credentials, through a proxy that checks them


class _AuthProxy:
    """An HTTP stand-in in front of the server that wants one Authorization header and
    records every one it is sent."""

    def __init__(self, target: str, wanted: str) -> None:
        self.target, self.wanted, self.seen = target, wanted, []
        self.client = httpx.Client()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        self.seen.append(headers.get("authorization"))
        if headers.get("authorization") != self.wanted:
            await send({"type": "http.response.start", "status": 401, "headers": [(b"www-authenticate", b"Basic")]})
            await send({"type": "http.response.body", "body": b"unauthorized"})
            return
        forward = {k: v for k, v in headers.items() if k in ("content-type", "accept")}
        r = self.client.request(scope["method"], self.target + scope["path"], content=body, headers=forward)
        await send(
            {
                "type": "http.response.start",
                "status": r.status_code,
                "headers": [(b"content-type", r.headers.get("content-type", "").encode())],
            }
        )
        await send({"type": "http.response.body", "body": r.content})


@pytest.fixture
def proxy(server: Any, http_launch: Any) -> Iterator[Any]:
    started: list[Any] = []

    def start(wanted: str) -> tuple[_AuthProxy, str]:
        app = _AuthProxy(server.url, wanted)
        launched = http_launch(app)
        started.append((app, launched))
        return app, launched.url

    yield start
    for app, launched in started:
        launched.stop()
        app.client.close()


@pytest.mark.parametrize(
    ("auth", "header"),
    [
        ("basic:ann:s3cret:with:colons", "Basic " + base64.b64encode(b"ann:s3cret:with:colons").decode()),
        ("bearer:tok-123", "Bearer tok-123"),
    ],
)
def test_credentials_are_sent_with_every_request(proxy: Any, auth: str, header: str) -> None:
    app, url = proxy(header)
    ks = open_store(Settings(store=url + "/query", store_update=url + "/update", store_auth=auth))
    ks.load_data(_obs("auth", "7000000000.0"), "turtle", source="auth.ttl")
    assert _acme_values(ks) == [7e9]
    assert app.seen and set(app.seen) == {header}
    ks.close()


def test_wrong_credentials_say_which_setting_to_fix(proxy: Any) -> None:
    _, url = proxy("Bearer right")
    with pytest.raises(StoreUnavailable, match=r"refused the request \(401.*KGBOT_STORE_AUTH"):
        open_store(Settings(store=url + "/query", store_update=url + "/update", store_auth="bearer:wrong"))
    with pytest.raises(ValueError, match="basic:USER:PASSWORD or bearer:TOKEN"):
        parse_auth("token-without-kind")


def test_over_http_a_dead_server_is_a_503_that_says_what_to_do(server: Any, http_serve: Any) -> None:
    ks = remote_store(server)
    settings_store = server.query
    app = http_serve(ks, store=settings_store)
    assert type(app.service.pool).__name__ == "RemoteQueries"
    assert httpx.get(app.url + "/ask", params={"q": "what was hyperscaler capex in 2024"}).json()["answered"]
    server.stop()
    r = httpx.get(app.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert r.status_code == 503 and r.json()["error"] == "store_unavailable"
    assert "cannot reach the SPARQL server" in r.json()["message"]
    # answers still come from what was read, and readiness says the store is gone
    assert httpx.get(app.url + "/ask", params={"q": "what was hyperscaler capex in 2024"}).json()["answered"]
    assert httpx.get(app.url + "/readyz").status_code == 503


def _count_queries(remote: RemoteStore) -> Any:
    calls = [0]
    original = remote.select

    def counting(query: str) -> Any:
        calls[0] += 1
        return original(query)

    remote.select = counting  # type: ignore[method-assign]
    return lambda: calls[0]


# ---------------------------------------------------------------- state shared by machines: KGBOT_STATE=sparql


def test_two_apps_over_one_server_share_conversations_and_slack_events(server: Any, http_serve: Any) -> None:
    settings = {"store": server.query, "store_update": server.update, "state": "sparql", "state_secret": "k" * 32}
    one, two = (http_serve(remote_store(server), **settings) for _ in range(2))
    first = httpx.get(one.url + "/ask", params={"q": "what was hyperscaler capex in 2024", "conversation_id": "m1"})
    assert first.json()["answered"]
    follow = httpx.get(two.url + "/ask", params={"q": "and in 2025?", "conversation_id": "m1"}).json()
    assert follow["answered"] and follow["period"] == "2025", follow["text"]
    shared = [app.service.answerer.shared for app in (one, two)]
    firsts: list[bool] = []
    threads = [threading.Thread(target=lambda i=i: firsts.append(shared[i % 2].first_time("Ev42"))) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert firsts.count(True) == 1
    # the state is kgbot's bookkeeping: not a graph of the store
    assert all("graph/-/" not in g for g in one.service.store.graph_names())


def test_a_context_not_signed_with_the_secret_is_ignored(server: Any) -> None:
    from bot.state import SparqlState

    ks = remote_store(server)
    mine, theirs = SparqlState(ks.remote, "secret-one"), SparqlState(ks.remote, "secret-two")
    mine.save("c1", {"asked": "capex"})
    assert mine.load("c1") == {"asked": "capex"}
    assert theirs.load("c1") is None  # a context planted without the secret is never unpickled
    assert mine.load("nobody") is None


def test_sparql_state_needs_a_server_and_a_secret(server: Any) -> None:
    from bot.state import open_state

    with pytest.raises(SystemExit, match="KGBOT_STATE_SECRET"):
        open_state(Settings(store=server.query, state="sparql"), remote_store(server))
    with pytest.raises(SystemExit, match="SPARQL server"):
        open_state(Settings(store=":memory:", state="sparql", state_secret="x"), object())  # type: ignore[arg-type]
