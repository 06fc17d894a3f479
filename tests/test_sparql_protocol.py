"""The W3C SPARQL 1.1 Protocol tests, replayed against the running endpoint.

The manifest (``shared/conformance/sparql11-protocol``) lists HTTP requests and what the
responses must be. A read-only endpoint runs the query tests and the bad-query tests; the
update tests are left out. The graphs the tests name (``ut:graphData``) are loaded as
named graphs into a store of their own, unvalidated: they are not kgbot data.

The manifest runs as published: nothing is declared for it. Several tests name
``.../data0.rdf`` without providing it; the endpoint never fetches a graph, so it queries
that one as an empty graph and says so in a ``Kgbot-Warning`` header, which is checked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from kg.sparql import check_query

pytestmark = pytest.mark.backends

SUITE = Path(__file__).parents[1].parent / "shared" / "conformance" / "sparql11-protocol"
MANIFEST = SUITE / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

RESULT_TYPES = {
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
}

#: Names of the tests that ran, and the graphs they named that the store did not hold.
RAN: list[str] = []
WARNED: set[str] = set()


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]
    fmt: str | None
    boolean: bool | None


@dataclass
class ProtocolTest:
    name: str
    title: str
    graphs: dict[str, Path] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)


def _load_manifest() -> list[ProtocolTest]:
    g = Graph()
    g.parse(MANIFEST, format="turtle", publicID=MANIFEST.as_uri())
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    tests = []
    for node in Collection(g, g.value(manifest, MF.entries)):
        if (node, RDF.type, MF.ProtocolTest) not in g:
            continue
        name = str(node).rsplit("#", 1)[-1]
        test = ProtocolTest(name, str(g.value(node, MF.name)))
        for data in g.objects(node, UT.graphData):
            test.graphs[str(g.value(data, RDFS.label))] = Path(urlsplit(str(g.value(data, UT.graph))).path)
        action = g.value(node, MF.action)
        for req in Collection(g, g.value(action, HT.requests)):
            headers = {}
            header_list = g.value(req, HT.headers)
            if header_list is not None:
                for h in Collection(g, header_list):
                    headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
            body_node = g.value(req, HT.body)
            body = None
            if body_node is not None:
                encoding = str(g.value(body_node, CNT.characterEncoding) or "UTF-8")
                body = str(g.value(body_node, CNT.chars)).encode(encoding)
            resp = g.value(req, HT.resp)
            boolean = g.value(resp, MF.expectedBoolean)
            fmt = g.value(resp, MF.expectedFormat)
            test.requests.append(
                Request(
                    method=str(g.value(req, HT.methodName)),
                    path=str(g.value(req, HT.absolutePath)).replace("/sparql/", "/sparql", 1),
                    headers=headers,
                    body=body,
                    statuses={str(s).rsplit("#", 1)[-1] for s in g.objects(resp, MF.expectedStatus)},
                    fmt=str(fmt) if fmt is not None else None,
                    boolean=bool(boolean.toPython()) if boolean is not None else None,
                )
            )
        tests.append(test)
    return tests


def _applies(test: ProtocolTest) -> bool:
    """Query tests and bad-query tests: everything but the update tests."""
    return "update" not in test.name


ALL = _load_manifest() if MANIFEST.is_file() else []
TESTS = [t for t in ALL if _applies(t)]
SKIPPED = [t.name for t in ALL if not _applies(t)]


def _dataset_iris(req: Request) -> set[str]:
    """Every graph IRI a request names, in parameters or FROM clauses."""
    out: set[str] = set()
    params = parse_qs(urlsplit(req.path).query)
    if req.body and req.headers.get("content-type", "").startswith("application/x-www-form"):
        params.update(parse_qs(req.body.decode()))
    out.update(params.get("default-graph-uri", []), params.get("named-graph-uri", []))
    texts = list(params.get("query", []))
    if req.body and req.headers.get("content-type") == "application/sparql-query":
        texts.append(req.body.decode())
    for text in texts:
        try:
            out.update(check_query(text).dataset)
        except Exception:
            continue  # a bad query: it names nothing
    return out


@pytest.fixture(scope="module")
def endpoint(http_launch, http_app, request):  # type: ignore[no-untyped-def]
    """A server on a store holding the graphs the suite provides, and nothing else."""
    from kg.store import KnowledgeStore

    store = KnowledgeStore(seed=False, validate=False)
    provided: dict[str, Path] = {}
    for t in TESTS:
        provided.update(t.graphs)
    for label, path in sorted(provided.items()):
        store.load_data((SUITE / path.name).read_bytes(), "ntriples", source=path.name, graph=label)
    server = http_launch(http_app(store))
    yield server.url
    server.stop()
    plugins = request.config.pluginmanager
    report, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    lines = [
        f"SPARQL 1.1 Protocol tests passed ({len(RAN)}/{len(TESTS)}): {', '.join(RAN)}",
        f"not applicable, update tests ({len(SKIPPED)}): {', '.join(SKIPPED)}",
        "declared by the test: none",
        f"queried as empty graphs, with a Kgbot-Warning: {', '.join(sorted(WARNED)) or 'none'}",
    ]
    if report is None or capture is None:
        print("\n".join(lines))
        return
    with capture.global_and_fixture_disabled():
        report.write_line("")
        for line in lines:
            report.write_line(line)


def endpoint_graphs(endpoint: str) -> list[str]:
    """The named graphs the endpoint's store holds (from its service description)."""
    with httpx.Client(base_url=endpoint, timeout=30) as client:
        text = client.get("/sparql", headers={"Accept": "application/n-triples"}).text
    name = "<http://www.w3.org/ns/sparql-service-description#name>"
    return [line.split()[2].strip("<>") for line in text.splitlines() if f" {name} " in line]


def _check_format(req: Request, response: httpx.Response) -> None:
    ctype = response.headers.get("content-type", "").split(";")[0].strip()
    if req.fmt == "boolean":
        assert ctype in ("application/sparql-results+json", "application/sparql-results+xml")
        if ctype.endswith("json"):
            value = json.loads(response.content)["boolean"]
        else:
            text = response.text
            assert "<boolean>" in text
            value = "<boolean>true</boolean>" in text
        if req.boolean is not None:
            assert value is req.boolean
    elif req.fmt == "tabular":
        assert ctype in RESULT_TYPES
        if ctype.endswith("json"):
            assert "results" in json.loads(response.content)
    elif req.fmt == "RDF":
        rdf = ox.RdfFormat.from_media_type(ctype)
        assert rdf is not None, ctype
        list(ox.parse(response.content, format=rdf, base_iri="http://example.org/"))


@pytest.mark.skipif(not MANIFEST.is_file(), reason=f"no W3C protocol manifest at {MANIFEST}")
@pytest.mark.parametrize("test", TESTS or [None], ids=lambda t: t.name if t else "no-manifest")
def test_protocol(endpoint: str, test: ProtocolTest) -> None:
    with httpx.Client(base_url=endpoint, timeout=30) as client:
        for req in test.requests:
            response = client.request(req.method, req.path, headers=req.headers, content=req.body)
            category = f"StatusCode{response.status_code // 100}xx"
            assert category in req.statuses, (
                f"{test.name}: {req.method} {req.path} -> {response.status_code}: {response.text[:300]}"
            )
            if response.is_success:
                _check_format(req, response)
                held = set(endpoint_graphs(endpoint))
                for iri in sorted(_dataset_iris(req) - held):
                    assert f"unknown graph <{iri}>" in response.headers.get_list("Kgbot-Warning")
                    WARNED.add(iri)
            else:
                body = response.json()
                assert set(body) == {"status", "error", "message", "details"}
    RAN.append(test.name)


def test_manifest_selection() -> None:
    """Every query and bad-query test of the manifest is run; only update tests are not."""
    if not MANIFEST.is_file():
        pytest.skip(f"the W3C protocol manifest is not at {MANIFEST}")
    names = {t.name for t in TESTS}
    assert {
        "query_post_form",
        "query_get",
        "query_multiple_dataset",
        "bad_query_syntax",
        "bad_query_non_utf8",
        "bad_multiple_queries",
    } <= names
    assert all("update" in n for n in SKIPPED)
    assert len(names) + len(SKIPPED) == 34
