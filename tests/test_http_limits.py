"""DESIGN §9, bounded resources: long literals, big documents, entity expansion.

Each test tries an attack found by probing the service and checks that it fails cleanly
(the one error shape, nothing stored) or, where the limits allow the data, that the
service keeps working.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

SHAPE = {"status", "error", "message", "details"}
#: Newlines take two characters each in N-Quads: a 9 MiB literal of them is an 18 MiB line,
#: over the 16 MiB buffer of Oxigraph's N-Quads parser (the Turtle upload itself is fine).
BIG = 9 * 1024 * 1024
LONG_QUERY = "SELECT (STRLEN(?o) AS ?n) WHERE { GRAPH ?g { <http://example.org/long> ?p ?o } }"


def _long_literal_turtle(size: int) -> bytes:
    return b'<http://example.org/long> <http://example.org/text> """' + b"\n" * size + b'""" .\n'


@pytest.fixture(scope="module")
def roomy(http_launch: Any, http_app: Any) -> Any:
    """A server whose limits allow a 9 MiB literal."""
    return http_launch(http_app(max_body=64 << 20, max_literal=32 << 20, max_document=128 << 20))


@pytest.fixture
def client(roomy: Any) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=roomy.url, timeout=120) as c:
        yield c


def test_a_literal_over_16_mib_does_not_break_sparql(client: httpx.Client, http_auth: dict[str, str]) -> None:
    stored = client.put(
        "/graph",
        params={"graph": "http://example.org/long-graph"},
        content=_long_literal_turtle(BIG),
        headers={**http_auth, "Content-Type": "text/turtle"},
    )
    assert stored.status_code == 201, stored.text[:500]
    try:
        answer = client.get("/sparql", params={"query": LONG_QUERY})
        assert answer.status_code == 200, answer.text[:500]
        (row,) = answer.json()["results"]["bindings"]
        assert int(row["n"]["value"]) == BIG
        ask = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert ask.json()["boolean"] is True
    finally:
        client.delete("/graph", params={"graph": "http://example.org/long-graph"}, headers=http_auth)


def test_a_long_literal_in_an_on_disk_store_survives_a_restart(
    tmp_path: Path, http_serve: Any, http_auth: dict[str, str]
) -> None:
    from kg.store import KnowledgeStore

    path = tmp_path / "store"
    limits = {"max_body": 64 << 20, "max_literal": 32 << 20, "max_document": 128 << 20}
    first = http_serve(KnowledgeStore(path), **limits)
    with httpx.Client(base_url=first.url, timeout=120) as c:
        stored = c.put(
            "/graph",
            params={"graph": "http://example.org/long-graph"},
            content=_long_literal_turtle(BIG),
            headers={**http_auth, "Content-Type": "text/turtle"},
        )
        assert stored.status_code == 201, stored.text[:500]
    first.stop()
    first.service.store.close()
    second = http_serve(KnowledgeStore(path), **limits)
    with httpx.Client(base_url=second.url, timeout=120) as c:
        answer = c.get("/sparql", params={"query": LONG_QUERY})
        assert answer.status_code == 200, answer.text[:500]
        assert int(answer.json()["results"]["bindings"][0]["n"]["value"]) == BIG
    second.stop()
    second.service.store.close()


def test_a_token_past_the_parsers_buffer_is_refused_cleanly(client: httpx.Client, http_auth: dict[str, str]) -> None:
    """A 17 MiB literal passes these caps but not Oxigraph's 16 MiB token buffer: 413, not 500."""
    response = client.post(
        "/graph",
        params={"graph": "http://example.org/huge"},
        content=_long_literal_turtle(17 * 1024 * 1024),
        headers={**http_auth, "Content-Type": "text/turtle"},
    )
    assert response.status_code == 413, response.text[:500]
    assert response.json()["error"] == "payload_too_large"


# ---------------------------------------------------------------- caps with the default settings


@pytest.fixture(scope="module")
def strict(http_launch: Any, http_app: Any) -> Any:
    """A server with the default literal cap (1 MiB) and a 2 MiB document cap."""
    from bot.settings import Settings

    assert Settings().max_literal == 1 << 20
    return http_launch(http_app(max_body=8 << 20, max_document=2 << 20))


def _dataset(server: Any) -> bytes:
    with server.service.write_lock:
        return bytes(server.service.store.export("nquads"))


def _refused(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    assert set(body) == SHAPE and body["error"] == code
    return body


@pytest.mark.parametrize(
    ("method", "path"),
    [("PUT", "/graph?graph=http://example.org/g"), ("POST", "/graph?default"), ("POST", "/facts")],
)
def test_a_literal_over_the_cap_is_refused_and_nothing_stored(
    strict: Any, http_auth: dict[str, str], method: str, path: str
) -> None:
    before = _dataset(strict)
    doc = b'<http://example.org/a> <http://example.org/b> "' + b"x" * ((1 << 20) + 1) + b'" .'
    with httpx.Client(base_url=strict.url, timeout=60) as c:
        response = c.request(method, path, content=doc, headers={**http_auth, "Content-Type": "text/turtle"})
    body = _refused(response, 413, "payload_too_large")
    assert "literal" in body["message"] and "nothing was stored" in body["message"]
    assert _dataset(strict) == before


def test_a_literal_counts_its_utf8_bytes(strict: Any, http_auth: dict[str, str]) -> None:
    """300,000 three-byte characters are 900,000 bytes: under the 1 MiB cap; 400,000 are over."""
    with httpx.Client(base_url=strict.url, timeout=60) as c:
        for count, status in ((300_000, 200), (400_000, 413)):
            doc = '<http://example.org/a> <http://example.org/b> "' + "€" * count + '" .'
            response = c.post(
                "/graph",
                params={"graph": "http://example.org/euros"},
                content=doc.encode(),
                headers={**http_auth, "Content-Type": "text/turtle"},
            )
            assert response.status_code == status, response.text[:300]
        c.delete("/graph", params={"graph": "http://example.org/euros"}, headers=http_auth)


def test_a_document_over_the_cap_is_refused_and_nothing_stored(strict: Any, http_auth: dict[str, str]) -> None:
    before = _dataset(strict)
    lines = [f'<http://example.org/s{i}> <http://example.org/p> "value number {i}" .' for i in range(40_000)]
    doc = "\n".join(lines).encode()
    assert len(doc) < 8 << 20  # under the body limit: the parsed size is what is refused
    with httpx.Client(base_url=strict.url, timeout=60) as c:
        response = c.post(
            "/graph",
            params={"graph": "http://example.org/many"},
            content=doc,
            headers={**http_auth, "Content-Type": "application/n-triples"},
        )
    body = _refused(response, 413, "payload_too_large")
    assert "document" in body["message"]
    assert _dataset(strict) == before


# ---------------------------------------------------------------- XML entities

#: Seven nested internal entities, each ten of the one before: 10^7 copies of "lol" if expanded.
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY a "lol">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&g;</ex:p></rdf:Description>
</rdf:RDF>"""

#: A harmless-looking DTD: refused all the same (RDF/XML has no use for one).
PLAIN_DTD = """<?xml version="1.0"?>
<!-- a comment first -->
<!DOCTYPE rdf:RDF>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>x</ex:p></rdf:Description>
</rdf:RDF>"""

NO_DTD = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>x &amp; y</ex:p></rdf:Description>
</rdf:RDF>"""


@pytest.mark.parametrize(
    "doc", [LAUGHS.encode(), PLAIN_DTD.encode(), LAUGHS.encode("utf-16")], ids=["laughs", "plain", "utf16"]
)
@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_rdf_xml_with_a_dtd_is_refused_before_parsing(
    strict: Any, http_auth: dict[str, str], doc: bytes, method: str
) -> None:
    before = _dataset(strict)
    with httpx.Client(base_url=strict.url, timeout=60) as c:
        response = c.request(
            method,
            "/graph",
            params={"graph": "http://example.org/xml"},
            content=doc,
            headers={**http_auth, "Content-Type": "application/rdf+xml"},
        )
        body = _refused(response, 400, "invalid_data")
        assert "document type declaration" in body["message"]
        assert c.get("/healthz").status_code == 200
    assert _dataset(strict) == before


def test_rdf_xml_without_a_dtd_is_fine(strict: Any, http_auth: dict[str, str]) -> None:
    with httpx.Client(base_url=strict.url, timeout=60) as c:
        response = c.put(
            "/graph",
            params={"graph": "http://example.org/xml-ok"},
            content=NO_DTD.encode(),
            headers={**http_auth, "Content-Type": "application/rdf+xml"},
        )
        assert response.status_code == 201, response.text
        got = c.get(
            "/graph", params={"graph": "http://example.org/xml-ok"}, headers={"Accept": "application/n-triples"}
        )
        assert '"x & y"' in got.text
        c.delete("/graph", params={"graph": "http://example.org/xml-ok"}, headers=http_auth)


def test_the_cli_refuses_a_dtd_too(tmp_path: Path) -> None:
    from kg.errors import LoadError
    from kg.rdfio import parse_file

    path = tmp_path / "laughs.rdf"
    path.write_text(LAUGHS, encoding="utf-8")
    with pytest.raises(LoadError, match="document type declaration") as exc:
        parse_file(path)
    assert exc.value.line == 2
