"""Refresh filings from SEC EDGAR's companyfacts API.

:class:`CompanyFactsClient` fetches ``{base_url}CIK##########.json`` the way SEC asks
clients to: with a ``User-Agent`` that names the client and a contact address, at most
``max_per_second`` requests per second, conditionally (``If-None-Match`` /
``If-Modified-Since`` from the previous answer, so an unchanged document costs a 304), and
with retries and exponential backoff on connection errors, 429 and 5xx answers (honouring
``Retry-After``).

:func:`update_filings` fetches every company the store knows a CIK of (or the given ones),
merges the documents with what the store holds (:mod:`kg.filings`) and replaces the
changed company graphs and the validators graph in one validated transaction: a failed
fetch or a bad document stores nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx
import pyoxigraph as ox

from .errors import FetchFailed, LoadError
from .filings import changed_graphs, plan_import
from .namespaces import DCTERMS, KG
from .sec import check_companyfacts

if TYPE_CHECKING:
    from .store import KnowledgeStore, LoadReport

__all__ = ["DEFAULT_SEC_API_URL", "VALIDATORS_GRAPH", "CompanyFactsClient", "Fetched", "Update", "update_filings"]

DEFAULT_SEC_API_URL = "https://data.sec.gov/api/xbrl/companyfacts/"
#: the named graph that keeps each document's ETag and Last-Modified for the next refresh
VALIDATORS_GRAPH = "https://kgbot.dev/graph/sec-validators"
_RETRY = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Fetched:
    cik10: str
    url: str
    document: dict[str, Any] | None  # None: not modified since the validators given
    etag: str | None
    last_modified: str | None
    attempts: int


class CompanyFactsClient:
    """A polite client of the companyfacts API (see the module docstring)."""

    def __init__(
        self,
        user_agent: str,
        base_url: str = DEFAULT_SEC_API_URL,
        *,
        max_per_second: float = 10.0,
        retries: int = 4,
        backoff: float = 0.5,
        timeout: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if not user_agent.strip():
            raise ValueError("SEC requires a User-Agent naming the client and a contact address")
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.min_interval = 1.0 / max_per_second
        self.retries, self.backoff = retries, backoff
        self.clock, self.sleep = clock, sleep
        self._last: float | None = None
        headers = {"User-Agent": user_agent, "Accept": "application/json", "Accept-Encoding": "gzip, deflate"}
        self.http = httpx.Client(headers=headers, timeout=timeout, transport=transport, follow_redirects=True)

    def close(self) -> None:
        self.http.close()

    def url(self, cik10: str) -> str:
        return f"{self.base_url}CIK{cik10}.json"

    def _wait_turn(self) -> None:
        now = self.clock()
        if self._last is not None and now - self._last < self.min_interval:
            self.sleep(self.min_interval - (now - self._last))
            now = self.clock()
        self._last = now

    def fetch(self, cik10: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        url = self.url(cik10)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        problem = ""
        for attempt in range(1, self.retries + 2):
            self._wait_turn()
            try:
                response = self.http.get(url, headers=headers)
            except httpx.TransportError as exc:
                problem = f"{type(exc).__name__}: {exc}"
                wait = self.backoff * 2 ** (attempt - 1)
            else:
                if response.status_code == 304:
                    return Fetched(cik10, url, None, etag, last_modified, attempt)
                if response.status_code == 200:
                    return Fetched(
                        cik10,
                        url,
                        _document(response, url),
                        response.headers.get("ETag"),
                        response.headers.get("Last-Modified"),
                        attempt,
                    )
                if response.status_code == 404:
                    raise FetchFailed(f"{url}: SEC has no companyfacts for CIK {cik10} (404); nothing was stored")
                if response.status_code not in _RETRY:
                    raise FetchFailed(f"{url}: HTTP {response.status_code}; nothing was stored")
                problem = f"HTTP {response.status_code}"
                wait = self.backoff * 2 ** (attempt - 1)
                retry_after = response.headers.get("Retry-After", "")
                if retry_after.isdigit():
                    wait = max(wait, min(float(retry_after), 60.0))
            if attempt <= self.retries:
                self.sleep(wait)
        raise FetchFailed(f"{url}: {problem} after {self.retries + 1} attempts; nothing was stored")


def _document(response: httpx.Response, url: str) -> dict[str, Any]:
    try:
        doc = json.loads(response.content)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FetchFailed(f"{url}: not JSON ({exc}); nothing was stored") from None
    try:
        check_companyfacts(doc, url)
    except LoadError as exc:
        raise FetchFailed(f"{exc}; nothing was stored") from None
    return doc


@dataclass
class Update:
    fetched: list[Fetched] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # company graphs that changed
    load: LoadReport | None = None  # None when nothing was written


def _validators(store: ox.Store) -> dict[str, tuple[str | None, str | None]]:
    out: dict[str, tuple[str | None, str | None]] = {}
    etag, modified = str(KG.etag), str(DCTERMS.modified)
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(VALIDATORS_GRAPH)):
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal):
            old = out.get(q.subject.value, (None, None))
            if q.predicate.value == etag:
                out[q.subject.value] = (q.object.value, old[1])
            elif q.predicate.value == modified:
                out[q.subject.value] = (old[0], q.object.value)
    return out


def update_filings(
    ks: KnowledgeStore,
    client: CompanyFactsClient,
    ciks: Sequence[str] = (),
    progress: Callable[[str], None] | None = None,
) -> Update:
    """Fetch companyfacts for ``ciks`` (default: every CIK in the graph) and store what changed."""
    wanted = [f"{int(c):010d}" for c in ciks] or sorted(
        {cik for e in ks.knowledge.of_kind("company") for cik in e.identifiers}
    )
    known = _validators(ks.store)
    result = Update()
    for i, cik10 in enumerate(wanted, 1):
        etag, modified = known.get(client.url(cik10), (None, None))
        fetched = client.fetch(cik10, etag=etag, last_modified=modified)
        result.fetched.append(fetched)
        if progress is not None:
            what = "not modified" if fetched.document is None else str(fetched.document.get("entityName", ""))
            progress(f"[{i}/{len(wanted)}] CIK{cik10}: {what}")
    docs = [(f.url, f.document) for f in result.fetched if f.document is not None]
    graphs, _ = plan_import(ks.store, ks.knowledge, docs) if docs else ({}, [])
    changed = changed_graphs(ks.store, graphs)
    for f in result.fetched:
        known[f.url] = (f.etag, f.last_modified)
    g = ox.NamedNode(VALIDATORS_GRAPH)
    validators = [
        ox.Quad(ox.NamedNode(url), ox.NamedNode(str(pred)), ox.Literal(value), g)
        for url, pair in sorted(known.items())
        for pred, value in zip((KG.etag, DCTERMS.modified), pair, strict=True)
        if value
    ]
    old = {q.triple for q in ks.store.quads_for_pattern(None, None, None, g)}
    if {q.triple for q in validators} != old:
        changed[VALIDATORS_GRAPH] = validators
    if changed:
        result.load = ks.replace_graphs(changed, source=", ".join(client.url(c) for c in wanted))
        result.changed = sorted(x for x in changed if x != VALIDATORS_GRAPH)
    return result
