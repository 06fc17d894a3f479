"""`kgbot update-sec` against a local stand-in of SEC's companyfacts API on 127.0.0.1.

The stand-in serves the shared companyfacts files (or the shipped snapshot of them) with
ETags, answers conditional requests with 304, refuses requests without a User-Agent and
can be told to fail. Nothing here reaches the internet.
"""

from __future__ import annotations

import copy
import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from bot.cli import main
from kg.errors import FetchFailed
from kg.filings import shipped_documents
from kg.knowledge import Quantity
from kg.namespaces import E, M
from kg.periods import Period
from kg.sec_fetch import VALIDATORS_GRAPH, CompanyFactsClient, update_filings
from kg.store import KnowledgeStore

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "sec"
AGENT = "kgbot tests tests@example.com"


class StandIn:
    """What the stand-in serves, what it was asked, and the failures it is told to give."""

    def __init__(self) -> None:
        self.documents: dict[str, bytes] = {}
        for name, doc in shipped_documents():
            path = SHARED / name
            body = path.read_bytes() if path.is_file() else json.dumps(doc).encode()
            cik10 = f"{int(doc['cik']):010d}"
            if cik10 in self.documents:  # Meta's two files: serve one document, as SEC does
                merged = json.loads(self.documents[cik10])
                for concept, facts in json.loads(body)["facts"]["us-gaap"].items():
                    rows = merged["facts"]["us-gaap"].setdefault(concept, {"units": {"USD": []}})["units"]["USD"]
                    rows.extend(facts["units"]["USD"])
                merged["entityName"] = "Meta Platforms, Inc."
                body = json.dumps(merged).encode()
            self.documents[cik10] = body
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.failures: dict[str, list[int]] = {}

    def etag(self, cik10: str) -> str:
        return '"' + hashlib.sha256(self.documents[cik10]).hexdigest()[:16] + '"'


@pytest.fixture
def sec() -> Iterator[tuple[StandIn, str]]:
    standin = StandIn()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            standin.requests.append((self.path, dict(self.headers)))
            if not self.headers.get("User-Agent"):
                return self._send(403, b'{"message": "User-Agent required"}')
            name = self.path.rsplit("/", 1)[-1]
            cik10 = name.removeprefix("CIK").removesuffix(".json")
            queue = standin.failures.get(cik10)
            if queue:
                return self._send(queue.pop(0), b"busy", {"Retry-After": "0"})
            if cik10 not in standin.documents:
                return self._send(404, b"not found")
            etag = standin.etag(cik10)
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, b"", {"ETag": etag})
            self._send(200, standin.documents[cik10], {"ETag": etag, "Content-Type": "application/json"})

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield standin, f"http://127.0.0.1:{server.server_address[1]}/api/xbrl/companyfacts/"
    finally:
        server.shutdown()
        server.server_close()


def _client(url: str, sleeps: list[float] | None = None, **kw: Any) -> CompanyFactsClient:
    log = sleeps if sleeps is not None else []
    return CompanyFactsClient(AGENT, url, sleep=log.append, backoff=0.01, **kw)


def test_a_refresh_of_what_the_store_holds_changes_no_figure(sec):
    standin, url = sec
    ks = KnowledgeStore()
    before = ks.knowledge.observations
    result = update_filings(ks, _client(url))
    assert len(result.fetched) == 6 and all(f.document is not None for f in result.fetched)
    assert all(h.get("User-Agent") == AGENT for _, h in standin.requests)
    assert ks.knowledge.observations == before  # the shipped snapshot is what SEC serves here
    assert result.load is not None and result.changed == []  # only the validators were written
    assert list(ks.store.quads_for_pattern(None, None, None, ox.NamedNode(VALIDATORS_GRAPH)))


def test_the_second_refresh_is_conditional(sec):
    standin, url = sec
    ks = KnowledgeStore()
    update_filings(ks, _client(url))
    standin.requests.clear()
    result = update_filings(ks, _client(url))
    assert [f.document for f in result.fetched] == [None] * 6
    assert all(h.get("If-None-Match") == standin.etag(p.split("CIK")[1][:10]) for p, h in standin.requests)
    assert result.load is None


def test_a_newer_document_restates_a_figure(sec):
    standin, url = sec
    ks = KnowledgeStore()
    doc = json.loads(standin.documents["0001652044"])
    rows = doc["facts"]["us-gaap"]["PaymentsToAcquirePropertyPlantAndEquipment"]["units"]["USD"]
    old = next(r for r in rows if (r["start"], r["end"]) == ("2024-01-01", "2024-12-31"))
    rows.append(dict(copy.deepcopy(old), val=53_000_000_000, accn="0001652044-27-000001", filed="2027-02-01"))
    standin.documents["0001652044"] = json.dumps(doc).encode()
    result = update_filings(ks, _client(url), ["1652044"])
    assert result.changed == ["https://kgbot.dev/graph/sec/0001652044"]
    (obs,) = ks.knowledge.by_quantity[Quantity(str(E["alphabet"]), str(M["capex"]), Period.year(2024))]
    assert obs.value.value == 53_000_000_000
    assert [r.value.value for r in obs.restated_from] == [old["val"]]


def test_retries_with_backoff_then_succeeds(sec):
    standin, url = sec
    standin.failures["0000320193"] = [503, 429]
    sleeps: list[float] = []
    fetched = _client(url, sleeps, max_per_second=1e9).fetch("0000320193")
    assert fetched.attempts == 3 and fetched.document is not None
    assert sleeps[:2] == [0.01, 0.02]  # exponential


def test_a_failure_after_retries_stores_nothing(sec):
    standin, url = sec
    standin.failures["0000320193"] = [503] * 10
    ks = KnowledgeStore()
    before = ks.export("nquads")
    with pytest.raises(FetchFailed, match="503 after 3 attempts"):
        update_filings(ks, _client(url, retries=2))
    assert ks.export("nquads") == before


def test_at_most_ten_requests_per_second(sec):
    _, url = sec
    now = [100.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    client = CompanyFactsClient(AGENT, url, clock=lambda: now[0], sleep=sleep)
    for cik in ("0000320193", "0000789019", "0001045810"):
        client.fetch(cik)
    assert sleeps == [pytest.approx(0.1), pytest.approx(0.1)]


def test_unknown_cik_is_a_clear_error(sec):
    _, url = sec
    with pytest.raises(FetchFailed, match="no companyfacts for CIK 0000000001"):
        _client(url).fetch("0000000001")


def test_cli_needs_a_user_agent(sec, monkeypatch, capsys):
    standin, url = sec
    monkeypatch.setenv("SEC_API_URL", url)
    monkeypatch.delenv("KGBOT_SEC_USER_AGENT", raising=False)
    assert main(["--store", ":memory:", "update-sec"]) == 2
    assert "KGBOT_SEC_USER_AGENT must be set" in capsys.readouterr().err
    assert standin.requests == []


def test_cli_update_sec(sec, monkeypatch, capsys, tmp_path):
    standin, url = sec
    monkeypatch.setenv("SEC_API_URL", url)
    monkeypatch.setenv("KGBOT_SEC_USER_AGENT", AGENT)
    store = str(tmp_path / "store")
    assert main(["--store", store, "update-sec", "--cik", "320193", "--cik", "CIK0001045810"]) == 0
    out = capsys.readouterr().out
    assert "fetched 2 companyfacts document(s), 2 changed upstream" in out
    assert [p.rsplit("/", 1)[-1] for p, _ in standin.requests] == ["CIK0000320193.json", "CIK0001045810.json"]
    assert main(["--store", store, "update-sec", "--cik", "320193"]) == 0
    assert "0 changed upstream; nothing changed" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--store", store, "update-sec", "--cik", "not-a-cik"])
