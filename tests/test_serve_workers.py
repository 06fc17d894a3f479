"""`kgbot serve --workers 2`, run for real: every worker sees a write within a second,
a conversation continues on whichever worker the follow-up lands, and a Slack event id
is handled once among them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from oxigraph_server import free_port

from bot.state import SharedState

pytestmark = pytest.mark.slow

TOKEN = "workers-token"
FACT = """
@prefix kg: <https://kgbot.dev/ns#> . @prefix t: <https://kgbot.dev/id/test/> .
@prefix qb: <http://purl.org/linked-data/cube#> . @prefix m: <https://kgbot.dev/id/metric/> .
@prefix p: <https://kgbot.dev/id/period/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix sdmx-code: <http://purl.org/linked-data/sdmx/2009/code#> .
t:source a kg:Source ; dcterms:title "A test filing" .
t:acme a kg:Company ; skos:prefLabel "Acme Test Corp"@en .
t:o1 a qb:Observation ; kg:subject t:acme ; kg:metric m:capex ; kg:period p:2024 ;
    kg:value 5000000000.0 ; sdmx-attribute:unitMeasure kg:USD ; kg:qualifier kg:Exact ;
    sdmx-attribute:obsStatus sdmx-code:obsStatus-A ; prov:wasDerivedFrom t:source ;
    kg:quote "Acme spent it." .
"""


@pytest.fixture(scope="module")
def workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = tmp_path_factory.mktemp("workers") / "store"
    port = free_port()
    env = {**os.environ, "KGBOT_API_TOKEN": TOKEN, "KGBOT_STORE": str(store), "KGBOT_TODAY": "2025-11-01"}
    env.pop("KGBOT_STATE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve", "--workers", "2", "--port", str(port), "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        ready = 0
        while ready < 5:  # several answers in a row: both workers are up
            assert process.poll() is None, "kgbot serve --workers 2 stopped"
            assert time.monotonic() < deadline, "the workers did not start"
            try:
                ready = ready + 1 if httpx.get(url + "/readyz", timeout=5).status_code == 200 else 0
            except httpx.HTTPError:
                ready = 0
            time.sleep(0.2)
        assert Path(f"{store}.state.sqlite").exists()
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _get(url: str, **params: str) -> httpx.Response:
    # a new connection for every request, so requests spread over the workers
    with httpx.Client(timeout=30) as client:
        return client.get(url, params=params)


def test_a_follow_up_on_another_worker_keeps_its_context(workers: str) -> None:
    for i in range(12):
        first = _get(workers + "/ask", q="what was hyperscaler capex in 2024", conversation_id=f"w{i}").json()
        assert first["answered"]
        follow = _get(workers + "/ask", q="and in 2025?", conversation_id=f"w{i}").json()
        assert follow["answered"] and follow["period"] == "2025", follow["text"]


def test_every_worker_sees_a_write_within_a_second(workers: str) -> None:
    r = httpx.post(
        workers + "/facts",
        content=FACT,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/turtle"},
        timeout=60,
    )
    assert r.status_code == 201, r.text
    generation = r.json()["generation"]
    committed = time.monotonic()
    time.sleep(1.2)  # the workers poll the generation at most a second apart
    for _ in range(20):
        assert _get(workers + "/healthz").json()["generation"] == generation
        assert _get(workers + "/ask", q="Acme Test Corp capex in 2024").json()["value"] == 5e9
    assert time.monotonic() - committed < 30


def test_an_event_id_is_first_seen_once_among_processes(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    states = [SharedState(path), SharedState(path)]  # two processes' connections to one file
    firsts: list[bool] = []

    def see(i: int) -> None:
        firsts.append(states[i % 2].first_time("Ev0001"))

    threads = [threading.Thread(target=see, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert firsts.count(True) == 1 and len(firsts) == 16
    assert states[1].first_time("Ev0002") and not states[0].first_time("Ev0002")
