"""Every error has the same JSON shape: {"status", "error", "message", "details"}."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

SHAPE = {"status", "error", "message", "details"}
COUNT_CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class Exploding:
    """An answerer that fails the way a bug would."""

    def ask(self, question: str, conversation_id: str | None = None) -> Any:
        raise RuntimeError("secret internal detail")


@pytest.fixture(scope="module")
def server(http_launch: Any, http_app: Any) -> Any:
    return http_launch(http_app(answerer=Exploding(), query_timeout=1.0, max_body=1024))


@pytest.fixture
def client(server: Any) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def _chunks(total: int) -> Iterator[bytes]:
    for _ in range(total // 256):
        yield b"x" * 256


CASES: dict[str, tuple[int, str, Any]] = {
    "bad query": (400, "invalid_query", lambda c, a: c.get("/sparql", params={"query": "ASK {"})),
    "no token": (
        401,
        "unauthorized",
        lambda c, a: c.post("/facts", content=b"", headers={"Content-Type": "text/turtle"}),
    ),
    "update": (403, "read_only", lambda c, a: c.post("/sparql", data={"update": "CLEAR ALL"})),
    "unknown entity": (404, "not_found", lambda c, a: c.get("/entities/nobody")),
    "unknown route": (404, "not_found", lambda c, a: c.get("/no/such/route")),
    "wrong method": (405, "method_not_allowed", lambda c, a: c.delete("/ask")),
    "too large": (
        413,
        "payload_too_large",
        lambda c, a: c.post("/ask", content=b"x" * 2048, headers={"Content-Type": "application/json"}),
    ),
    "too large, chunked": (
        413,
        "payload_too_large",
        lambda c, a: c.post("/graph?default", content=_chunks(4096), headers={"Content-Type": "text/turtle", **a}),
    ),
    "media type": (
        415,
        "unsupported_media_type",
        lambda c, a: c.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"}),
    ),
    "invalid request": (422, "invalid_request", lambda c, a: c.post("/ask", json={"question": ""})),
    "invalid data": (
        422,
        "validation_failed",
        lambda c, a: c.post(
            "/facts",
            content=b"<http://x/o> a <http://purl.org/linked-data/cube#Observation> .",
            headers={"Content-Type": "text/turtle", **a},
        ),
    ),
    "unexpected": (500, "internal_error", lambda c, a: c.post("/ask", json={"question": "hi"})),
    "timeout": (503, "query_timeout", lambda c, a: c.get("/sparql", params={"query": COUNT_CROSS_JOIN})),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_error_has_the_same_shape(client: httpx.Client, http_auth: dict[str, str], case: str) -> None:
    status, code, send = CASES[case]
    response = send(client, http_auth)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == SHAPE
    assert body["status"] == status and body["error"] == code
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["details"], list)
    assert "Traceback" not in response.text and "secret internal detail" not in response.text


def test_the_covered_statuses() -> None:
    assert {s for s, _, _ in CASES.values()} >= {400, 401, 403, 404, 413, 422, 503}


def test_a_declared_length_over_the_limit_is_refused_unread(server: Any) -> None:
    """The body limit answers from Content-Length alone: the body is never sent."""
    import socket

    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            b"POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n"
        )
        chunks = []
        while chunk := sock.recv(65536):  # the server closes the connection after answering
            chunks.append(chunk)
        reply = b"".join(chunks).decode()
    assert reply.startswith("HTTP/1.1 413")
    assert '"error":"payload_too_large"' in reply


def _raw(server: Any, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are and read the whole reply (the server closes the connection)."""
    import socket

    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines)}
    return int(status_line.split()[1]), headers, body


@pytest.mark.parametrize("length", [70_000, 1_000_000])
def test_an_over_long_url_gets_414_in_the_error_shape(server: Any, length: int) -> None:
    """No token needed: uvicorn's URL parser refuses targets past 64 KiB before the app runs."""
    status, headers, body = _raw(server, b"GET /sparql?query=" + b"a" * length + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status == 414 and headers["content-type"] == "application/json"
    doc = json.loads(body)
    assert set(doc) == SHAPE and doc["error"] == "uri_too_long" and doc["status"] == 414


@pytest.mark.parametrize(
    "request_bytes",
    [b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", b"NOT HTTP AT ALL\r\n\r\n", b"GET /\x00 HTTP/1.1\r\n\r\n"],
    ids=["header", "request-line", "nul"],
)
def test_a_request_the_parser_refuses_gets_400_in_the_error_shape(server: Any, request_bytes: bytes) -> None:
    status, headers, body = _raw(server, request_bytes)
    assert status == 400 and headers["content-type"] == "application/json"
    doc = json.loads(body)
    assert set(doc) == SHAPE and doc["error"] == "bad_request"


def test_the_h11_protocol_refuses_in_the_error_shape_too(http_app: Any) -> None:
    """The fallback when httptools is not installed."""
    import threading
    import time

    import uvicorn

    from bot.http.protocols import JsonErrorH11Protocol

    config = uvicorn.Config(
        http_app(), host="127.0.0.1", port=0, log_level="warning", http=JsonErrorH11Protocol, access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    try:

        class Started:
            url = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"

        status, headers, body = _raw(Started, b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")
        assert status == 400 and headers["content-type"] == "application/json"
        assert json.loads(body)["error"] == "bad_request"
    finally:
        server.should_exit = True
        thread.join(30)
