"""Every error has the same JSON shape: {"status", "error", "message", "details"}."""

from __future__ import annotations

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
