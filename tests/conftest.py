import os as _os

# a question the reading cannot cope with fails the test instead of being apologised for
_os.environ.setdefault("KGBOT_STRICT", "1")

# ======================================================================
# Knowledge core fixtures (test_seed_facts, test_store, test_reasoning,
# test_cli_core): real Oxigraph stores, real files in tmp_path.
# Names start with core_ (or are article_text / make_ttl) to stay clear
# of other sections of this file.
# ======================================================================
from collections.abc import Callable as _CoreCallable
from pathlib import Path as _CorePath

import pytest as _core_pytest

#: Prefixes every test data file may use (the seed file's own prefixes plus t:).
CORE_TTL_PREFIXES = """\
@prefix kg:      <https://kgbot.dev/ns#> .
@prefix e:       <https://kgbot.dev/id/org/> .
@prefix m:       <https://kgbot.dev/id/metric/> .
@prefix c:       <https://kgbot.dev/id/concept/> .
@prefix p:       <https://kgbot.dev/id/period/> .
@prefix t:       <https://kgbot.dev/id/test/> .
@prefix src:     <https://kgbot.dev/id/source/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix qb:      <http://purl.org/linked-data/cube#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix sdmx-code:      <http://purl.org/linked-data/sdmx/2009/code#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix schema:  <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org:     <http://www.w3.org/ns/org#> .
"""

#: A source for test data files (written by make_ttl unless source=False).
CORE_TEST_SOURCE = 't:source a kg:Source ; dcterms:title "A test filing" .\n'


def _core_observation(
    name: str,
    subject: str,
    metric: str,
    period: str,
    value: str,
    *,
    unit: str = "kg:USD",
    status: str = "sdmx-code:obsStatus-A",
    qualifier: str = "kg:Exact",
    quote: str = "The test company reported the figure.",
) -> str:
    """Turtle for one valid observation t:<name> (prefixed names as arguments)."""
    return (
        f"t:{name} a qb:Observation ;\n"
        f"    kg:subject {subject} ; kg:metric {metric} ; kg:period {period} ;\n"
        f"    kg:value {value} ; sdmx-attribute:unitMeasure {unit} ;\n"
        f"    kg:qualifier {qualifier} ; sdmx-attribute:obsStatus {status} ;\n"
        f"    prov:wasDerivedFrom t:source ;\n"
        f'    kg:quote "{quote}" .\n'
    )


@_core_pytest.fixture
def core_obs() -> _CoreCallable[..., str]:
    """Factory of Turtle for one valid observation:
    core_obs(name, subject, metric, period, value)."""
    return _core_observation


@_core_pytest.fixture
def core_store(kgbot_backend, request):  # type: ignore[no-untyped-def]
    """A fresh in-memory store, seeded from the shipped ontology (or a fresh seeded
    Oxigraph server's, in modules marked ``backends``)."""
    return backend_store(kgbot_backend, request)


@_core_pytest.fixture(scope="session")
def core_seed(kgbot_backend, request):  # type: ignore[no-untyped-def]
    """One seeded in-memory store shared by read-only tests. Never load into it."""
    return backend_store(kgbot_backend, request)


@_core_pytest.fixture
def make_ttl(tmp_path: _CorePath) -> _CoreCallable[..., _CorePath]:
    """make_ttl(name, body): write a Turtle file with the common prefixes (and t:source)
    into tmp_path and return its path."""

    def write(name: str, body: str, *, prefixes: bool = True, source: bool = True) -> _CorePath:
        path = tmp_path / name
        text = (CORE_TTL_PREFIXES if prefixes else "") + (CORE_TEST_SOURCE if source else "") + body
        path.write_text(text, encoding="utf-8")
        return path

    return write


@_core_pytest.fixture(scope="session")
def article_text() -> str:
    """The seed article, from the shared seeds folder beside the repository (skip if absent)."""
    seeds = _CorePath(__file__).resolve().parents[2] / "shared" / "seeds"
    texts = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    if not texts:
        _core_pytest.skip(f"seed article not found in {seeds}")
    return "\n".join(p.read_text(encoding="utf-8") for p in texts)


# ======================================================================
# end of knowledge core fixtures
# ======================================================================


# ======================================================================
# HTTP service fixtures (test_http_*, test_sparql_*, test_error_shape):
# the app served by a real uvicorn on 127.0.0.1 (a free port) in a
# background thread. Names start with http_ (helpers with _http_).
# ======================================================================
# Each section of this shared file imports at its own top.
import threading as _http_threading  # noqa: E402
from collections.abc import Iterator as _HttpIterator  # noqa: E402
from typing import Any as _HttpAny  # noqa: E402

#: The bearer token of the test servers.
HTTP_TOKEN = "test-token-3f1c"


class _HttpServer:
    """A uvicorn server running an app in a thread; ``url`` is its base URL."""

    def __init__(self, app: _HttpAny) -> None:
        import uvicorn

        from bot.http.protocols import http_protocol

        self.app = app
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=0,
            log_level="warning",
            lifespan="on",
            ws="none",
            access_log=False,
            http=http_protocol(),  # as `kgbot serve` runs
        )
        self.server = uvicorn.Server(config)
        self.thread = _http_threading.Thread(target=self.server.run, daemon=True, name="test-uvicorn")
        self.thread.start()
        import time

        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"

    @property
    def service(self) -> _HttpAny:
        return self.app.state.kgbot

    def stop(self) -> None:
        if self.thread.is_alive():
            self.server.should_exit = True
            self.thread.join(timeout=30)


def http_settings(**overrides: _HttpAny) -> _HttpAny:
    """Settings of a test server: in-memory store, a token, short limits."""
    from bot.settings import Settings

    values: dict[str, _HttpAny] = {
        "store": ":memory:",
        "api_token": HTTP_TOKEN,
        "query_timeout": 5.0,
        "max_rows": 1000,
        "sparql_workers": 2,
        "max_body": 256 * 1024,
    }
    values.update(overrides)
    return Settings(**values)


@_core_pytest.fixture(scope="session")
def http_auth() -> dict[str, str]:
    """The Authorization header writes to a test server need."""
    return {"Authorization": f"Bearer {HTTP_TOKEN}"}


@_core_pytest.fixture(scope="session")
def http_launch() -> _HttpIterator[_HttpAny]:
    """http_launch(app) -> a started server; every server still running is stopped at the
    end of the session (``server.stop()`` stops one earlier)."""
    servers: list[_HttpServer] = []

    def launch(app: _HttpAny) -> _HttpServer:
        server = _HttpServer(app)
        servers.append(server)
        return server

    yield launch
    for server in servers:
        server.stop()


def _http_app(
    knowledge: _HttpAny = None, answerer: _HttpAny = None, *, _request: _HttpAny = None, **overrides: _HttpAny
) -> _HttpAny:
    from bot.http import create_app

    settings = http_settings(**overrides)
    if knowledge is None and settings.store == ":memory:":
        backend = _request.getfixturevalue("kgbot_backend") if _request is not None else "embedded"
        knowledge = backend_store(backend, _request)
        if backend == "remote":  # as `kgbot serve` runs it over a server
            settings = http_settings(**{**overrides, "store": knowledge.remote.query_url})
    return create_app(settings, store=knowledge, answerer=answerer)


@_core_pytest.fixture(scope="session")
def http_app(kgbot_backend: str, request: _HttpAny) -> _HttpAny:
    """http_app(knowledge=None, answerer=None, **settings) -> the app with test settings (not
    started), on the KnowledgeStore ``knowledge``; without one, the app opens
    ``settings.store`` (a fresh seeded in-memory store by default; a seeded Oxigraph
    server's in modules marked ``backends``)."""
    import functools

    return functools.partial(_http_app, _request=request)


@_core_pytest.fixture
def http_serve(http_launch: _HttpAny, http_app: _HttpAny) -> _HttpIterator[_HttpAny]:
    """http_serve(knowledge=None, answerer=None, **settings) -> a started server, stopped
    after the test."""
    servers: list[_HttpServer] = []

    def start(knowledge: _HttpAny = None, answerer: _HttpAny = None, **overrides: _HttpAny) -> _HttpServer:
        server = http_launch(http_app(knowledge, answerer, **overrides))
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@_core_pytest.fixture(scope="session")
def http_live(http_launch: _HttpAny, http_app: _HttpAny) -> _HttpAny:
    """One server on a seeded in-memory store, shared by tests that do not write."""
    return http_launch(http_app())


@_core_pytest.fixture
def http_client(http_live: _HttpServer) -> _HttpIterator[_HttpAny]:
    """An httpx client for the shared read-only server."""
    import httpx

    with httpx.Client(base_url=http_live.url, timeout=30) as client:
        yield client


# ======================================================================
# end of HTTP service fixtures
# ======================================================================


# ======================================================================
# Filings fixtures (test_arithmetic, test_charts, test_console*): a store
# with the shared SEC companyfacts imported, as `kgbot import-sec` does.
# Names start with sec_.
# ======================================================================
SEC_DIR = _CorePath(__file__).resolve().parents[2] / "shared" / "data" / "sec"
SEC_FILES = sorted(SEC_DIR.glob("CIK*.json")) if SEC_DIR.is_dir() else []


@_core_pytest.fixture(scope="session")
def sec_store():  # type: ignore[no-untyped-def]
    """A seeded in-memory store with every shared SEC companyfacts file imported.
    Read-only: never load into it."""
    if not SEC_FILES:
        _core_pytest.skip("shared/data/sec is not beside the checkout")
    from kg.sec import companyfacts_quads, read_companyfacts
    from kg.store import KnowledgeStore

    ks = KnowledgeStore()
    quads = []
    for path in SEC_FILES:
        q, _ = companyfacts_quads(read_companyfacts(path), ks.knowledge, source=str(path))
        quads.extend(q)
    ks.commit(quads, source="sec")
    return ks


# ======================================================================
# end of filings fixtures
# ======================================================================


# ======================================================================
# Property tests: reproducible in CI. Under CI (or HYPOTHESIS_PROFILE=ci)
# hypothesis draws the same examples on every run, so a failure there is
# a real regression and never a roll of the dice; locally it explores.
# ======================================================================
import os as _hyp_os  # noqa: E402

from hypothesis import settings as _hyp_settings  # noqa: E402

_hyp_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
_hyp_settings.register_profile("explore", derandomize=False)
_hyp_settings.load_profile(
    _hyp_os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _hyp_os.environ.get("CI") else "explore")
)


# ======================================================================
# Backends: the store tests, HTTP tests and a QA subset run against the
# embedded store and against a real Oxigraph server (`oxigraph serve`).
# A test module opts in with `pytestmark = pytest.mark.backends`; its
# tests that use the store fixtures (core_store, core_seed, http_*) then
# run once per backend, with the backend in their id. Names start with
# remote_ (or kgbot_backend).
# ======================================================================
import shutil as _remote_shutil  # noqa: E402

from oxigraph_server import OxigraphServer as _RemoteServer  # noqa: E402
from oxigraph_server import binary as _remote_binary  # noqa: E402

BACKENDS = ("embedded", "remote")


def pytest_configure(config: _HttpAny) -> None:
    config.addinivalue_line("markers", "backends: run the module's store tests on each backend (embedded, remote)")


def pytest_generate_tests(metafunc: _HttpAny) -> None:
    if "kgbot_backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker("backends"):
        metafunc.parametrize("kgbot_backend", BACKENDS, indirect=True, scope="session")


@_core_pytest.fixture(scope="session")
def kgbot_backend(request: _HttpAny) -> str:
    """'embedded' or 'remote': the backend of the store fixtures (embedded unless the
    module is marked ``backends``)."""
    backend = getattr(request, "param", "embedded")
    if backend == "remote" and _remote_binary() is None:
        _core_pytest.skip("the oxigraph server is not installed")
    return str(backend)


class _RemoteServers:
    """Oxigraph servers started by the tests, each on a copy of one seeded store."""

    def __init__(self, root: _CorePath) -> None:
        self.root = root
        self.servers: list[_RemoteServer] = []
        self._seeded: _CorePath | None = None
        self._n = 0

    def start(self, *, seeded: bool = True) -> _RemoteServer:
        self._n += 1
        location = self.root / f"store{self._n}"
        if seeded:
            _remote_shutil.copytree(self._seeded_location(), location)
        server = _RemoteServer(location)
        self.servers.append(server)
        return server

    def _seeded_location(self) -> _CorePath:
        if self._seeded is None:
            from kg.remote import RemoteStore
            from kg.remote_store import RemoteKnowledgeStore

            location = self.root / "seeded"
            server = _RemoteServer(location)
            try:
                RemoteKnowledgeStore(RemoteStore(server.query, server.update)).close()
            finally:
                server.stop()
            self._seeded = location
        return self._seeded

    def stop(self) -> None:
        for server in self.servers:
            server.stop()


@_core_pytest.fixture(scope="session")
def remote_servers(tmp_path_factory: _HttpAny) -> _HttpIterator[_RemoteServers]:
    """remote_servers.start(seeded=True) -> a new Oxigraph server (on a copy of a seeded
    store); every one is stopped at the end of the session."""
    if _remote_binary() is None:
        _core_pytest.skip("the oxigraph server is not installed")
    servers = _RemoteServers(tmp_path_factory.mktemp("oxigraph"))
    yield servers
    servers.stop()


def remote_store(server: _RemoteServer, **kwargs: _HttpAny) -> _HttpAny:
    """A RemoteKnowledgeStore over ``server``."""
    from kg.remote import RemoteStore
    from kg.remote_store import RemoteKnowledgeStore

    return RemoteKnowledgeStore(RemoteStore(server.query, server.update), **kwargs)


def backend_store(backend: str, request: _HttpAny) -> _HttpAny:
    """A fresh seeded store on ``backend``."""
    if backend == "remote":
        servers = request.getfixturevalue("remote_servers")
        return remote_store(servers.start())
    from kg.store import KnowledgeStore

    return KnowledgeStore()
