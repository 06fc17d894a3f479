"""Operations: Prometheus metrics at /-/metrics, liveness and readiness, JSON access logs."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

pytestmark = pytest.mark.backends

COUNT_CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def _value(samples: dict[Any, float], name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture(scope="module")
def server(http_launch: Any, http_app: Any) -> Any:
    return http_launch(http_app(query_timeout=1.0))


@pytest.fixture
def client(server: Any) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def test_metrics_count_requests_answers_refusals_and_timeouts(server: Any, client: httpx.Client) -> None:
    before = _samples(client.get("/-/metrics").text)
    question = {"question": "what did Meta spend on AI capex in H1 2025?"}
    assert client.post("/ask", json=question).json()["kind"] == "value"
    assert client.post("/ask", json=question).status_code == 200
    assert client.get("/ask", params={"q": "what is the GDP of Atlantis in 1850?"}).status_code == 200
    assert client.get("/entities/nobody-at-all").status_code == 404
    assert client.get("/no/such/route").status_code == 404
    assert client.get("/sparql", params={"query": COUNT_CROSS_JOIN}).status_code == 503

    response = client.get("/-/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    after = _samples(response.text)

    def grew(name: str, **labels: str) -> float:
        return _value(after, name, **labels) - _value(before, name, **labels)

    assert grew("kgbot_http_requests_total", method="POST", route="/ask", status="200") == 2
    assert grew("kgbot_http_request_duration_seconds_count", method="POST", route="/ask") == 2
    # routes are labelled by template, never by the raw path
    assert grew("kgbot_http_requests_total", method="GET", route="/entities/{id:path}", status="404") == 1
    assert grew("kgbot_http_requests_total", method="GET", route="unmatched", status="404") == 1
    assert not any("nobody-at-all" in str(key) for key in after)
    assert grew("kgbot_answers_total", kind="value") == 2
    assert sum(v for (n, labels), v in after.items() if n == "kgbot_answers_total") >= 3
    assert grew("kgbot_refusals_total", error="not_found") == 2
    assert grew("kgbot_refusals_total", error="query_timeout") == 1
    assert grew("kgbot_sparql_timeouts_total") == 1
    store = server.service.store
    assert _value(after, "kgbot_store_generation") == store.generation
    assert _value(after, "kgbot_store_quads") == len(store)
    assert "kgbot_sparql_out_of_memory_total" in response.text


def test_the_graphs_metric_concepts_stay_at_metrics(client: httpx.Client) -> None:
    body = client.get("/metrics").json()
    assert body["count"] > 0 and {"items", "limit", "offset"} <= set(body)


def test_healthz_and_readyz(server: Any, client: httpx.Client) -> None:
    alive = client.get("/healthz")
    assert alive.status_code == 200 and alive.json()["status"] == "ok"
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json() == {
        "status": "ready",
        "generation": server.service.store.generation,
        "checks": {"store": "ok", "lexicon": "ok"},
    }


class Broken:
    """An answerer that cannot build its lexicon."""

    def ask(self, question: str, conversation_id: str | None = None) -> Any:
        raise RuntimeError("the lexicon could not be built")


def test_alive_but_not_ready_when_the_lexicon_cannot_be_built(http_serve: Any) -> None:
    server = http_serve(answerer=Broken())
    with httpx.Client(base_url=server.url, timeout=30) as c:
        assert c.get("/healthz").status_code == 200
        response = c.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert set(body) == {"status", "error", "message", "details"} and body["error"] == "not_ready"
    assert body["details"] == [{"check": "lexicon", "message": "the lexicon could not be built"}]


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def access_lines() -> Iterator[Lines]:
    log = logging.getLogger("kgbot.access")
    handler = Lines()
    log.addHandler(handler)
    yield handler
    log.removeHandler(handler)


def test_access_logs_are_json_lines_when_turned_on(http_serve: Any, access_lines: Lines) -> None:
    server = http_serve(access_log=True)
    with httpx.Client(base_url=server.url, timeout=30) as c:
        c.get("/ask", params={"q": "what did Meta spend on AI capex in H1 2025?", "secret": "s3cr3t"})
        c.get("/entities/nobody-at-all")
    entries = [json.loads(line) for line in access_lines.lines]
    ask = next(e for e in entries if e["route"] == "/ask")
    assert ask["method"] == "GET" and ask["path"] == "/ask" and ask["status"] == 200
    assert ask["bytes"] > 0 and ask["duration_ms"] >= 0 and ask["client"].startswith("127.0.0.1:")
    assert "s3cr3t" not in "\n".join(access_lines.lines)  # query strings are not logged
    missing = next(e for e in entries if e["route"] == "/entities/{id:path}")
    assert missing["status"] == 404 and missing["error"] == "not_found"


def test_access_logs_are_off_by_default(http_serve: Any, access_lines: Lines) -> None:
    server = http_serve()
    with httpx.Client(base_url=server.url, timeout=30) as c:
        assert c.get("/healthz").status_code == 200
    assert access_lines.lines == []


def test_the_access_log_setting_reads_true_and_false() -> None:
    from bot.settings import Settings

    assert Settings.from_env({"KGBOT_ACCESS_LOG": "true"}).access_log is True
    assert Settings.from_env({"KGBOT_ACCESS_LOG": "0"}).access_log is False
    with pytest.raises(SystemExit, match="KGBOT_ACCESS_LOG"):
        Settings.from_env({"KGBOT_ACCESS_LOG": "maybe"})
