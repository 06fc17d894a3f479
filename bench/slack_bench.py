"""Benchmark of the Slack surface: from a signed event arriving at ``POST /slack/events``
to the answer reaching ``chat.postMessage``.

The real FastAPI app (``create_app`` with Slack settings) runs under uvicorn on
127.0.0.1 in its own process; a local stand-in of Slack's Web API (``auth.test``, ``chat.postMessage``)
records when each answer arrives. Every event is an ``app_mention`` with its own
``event_id`` and channel, signed the way Slack signs. Prints figures; asserts nothing::

    python bench/slack_bench.py                    # 300 events one by one, then 300 from 16 senders
    python bench/slack_bench.py --events 1000 --concurrency 32

Columns (milliseconds):

- ack        the HTTP response to Slack (what must come within 3 s)
- answer     event sent -> its answer received by the stand-in's chat.postMessage
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = (
    "what did Meta spend on AI capex in the first half of 2025?",  # stated, with its quote
    "what was hyperscaler capex in 2024?",  # derived, with its derivation
    "compare Alphabet and Meta capex H1 2025",  # comparison
)
SECRET = "bench-secret"


class Arrivals:
    """When each channel's first chat.postMessage reached the stand-in."""

    def __init__(self) -> None:
        self.at: dict[str, float] = {}
        self.posts = 0
        self._changed = threading.Condition()

    def record(self, channel: str) -> None:
        now = time.perf_counter()
        with self._changed:
            self.posts += 1
            self.at.setdefault(channel, now)
            self._changed.notify_all()

    def wait(self, channel: str, timeout: float = 30.0) -> float:
        deadline = time.monotonic() + timeout
        with self._changed:
            while channel not in self.at:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no answer posted to {channel}")
                self._changed.wait(left)
            return self.at[channel]


class _Server(ThreadingHTTPServer):
    request_queue_size = 1024  # the default backlog (5) drops connections under load: 1 s SYN retries
    daemon_threads = True


@contextmanager
def slack_stand_in(arrivals: Arrivals) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return None

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            method = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
            if method == "chat.postMessage":
                body = json.loads(raw)
                arrivals.record(body["channel"])
                reply = {"ok": True, "channel": body["channel"], "ts": f"{time.time():.6f}"}
            elif method == "auth.test":
                reply = {"ok": True, "team_id": "T0BENCH", "user_id": "U0BOT", "bot_id": "B0BOT", "user": "kgbot"}
            else:
                reply = {"ok": True}
            payload = json.dumps(reply).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    server = _Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/"
    finally:
        server.shutdown()
        server.server_close()


_SERVER = """
import sys
import uvicorn
from bot.http import create_app
from bot.settings import Settings
from kg.store import KnowledgeStore

settings = Settings(store=":memory:", slack_bot_token="xoxb-bench", slack_signing_secret=sys.argv[3],
                    slack_api_url=sys.argv[1], sparql_workers=1)
uvicorn.run(create_app(settings, store=KnowledgeStore()), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning", access_log=False, ws="none")
"""


@contextmanager
def kgbot_server(api_url: str) -> Iterator[str]:
    """The service in its own process (so that it does not share a GIL with the senders)."""
    import socket
    import subprocess

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-c", _SERVER, api_url, str(port), SECRET], cwd=REPO)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base_url}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the service did not start")
            time.sleep(0.05)
        yield base_url
    finally:
        proc.terminate()
        proc.wait(30)


def signed_event(n: int, channel: str) -> tuple[bytes, dict[str, str]]:
    from slack_sdk.signature import SignatureVerifier

    ts = f"{time.time():.6f}"
    event = {
        "type": "app_mention",
        "user": "U0ANA",
        "text": f"<@U0BOT> {QUESTIONS[n % len(QUESTIONS)]}",
        "ts": ts,
        "event_ts": ts,
        "channel": channel,
        "team": "T0BENCH",
    }
    body = json.dumps(
        {
            "token": "legacy",
            "team_id": "T0BENCH",
            "api_app_id": "A0BENCH",
            "event": event,
            "type": "event_callback",
            "event_id": f"Ev{uuid.uuid4().hex[:16].upper()}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": "T0BENCH",
                    "user_id": "U0BOT",
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
        }
    )
    stamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body) or "",
    }
    return body.encode(), headers


def one_event(client: Any, arrivals: Arrivals, n: int, prefix: str) -> tuple[float, float]:
    channel = f"{prefix}{n:07d}"
    body, headers = signed_event(n, channel)
    sent = time.perf_counter()
    response = client.post("/slack/events", content=body, headers=headers)
    acked = time.perf_counter()
    if response.status_code != 200:
        raise RuntimeError(f"event {n}: HTTP {response.status_code} {response.text[:200]}")
    answered = arrivals.wait(channel)
    return (acked - sent) * 1000, (answered - sent) * 1000


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def report(name: str, acks: list[float], answers: list[float], seconds: float) -> None:
    print(
        f"{name:<28} {len(answers):>6} {percentile(acks, 50):>8.1f} {percentile(acks, 99):>8.1f} "
        f"{percentile(answers, 50):>9.1f} {percentile(answers, 99):>9.1f} {max(answers):>8.1f} "
        f"{statistics.fmean(answers):>8.1f} {len(answers) / seconds:>8.0f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=300, help="events per run (default 300)")
    parser.add_argument("--concurrency", type=int, default=16, help="senders in the concurrent run (default 16)")
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    import httpx

    arrivals = Arrivals()
    with (
        slack_stand_in(arrivals) as api_url,
        kgbot_server(api_url) as base_url,
        httpx.Client(base_url=base_url, timeout=30) as client,
    ):
        for n in range(args.warmup):
            one_event(client, arrivals, n, "CWARM")
        print(f"Slack events -> answers posted, {args.events} events each run (ms; throughput in answers/s)")
        print(
            f"{'run':<28} {'events':>6} {'ack p50':>8} {'ack p99':>8} {'answer p50':>9} {'p99':>9} {'max':>8} "
            f"{'mean':>8} {'per s':>8}"
        )

        started = time.perf_counter()
        results = [one_event(client, arrivals, n, "CSEQ") for n in range(args.events)]
        report("one at a time", [a for a, _ in results], [b for _, b in results], time.perf_counter() - started)

        limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
        with (
            httpx.Client(base_url=base_url, timeout=30, limits=limits) as pooled,
            ThreadPoolExecutor(max_workers=args.concurrency) as senders,
        ):
            started = time.perf_counter()
            results = list(senders.map(lambda n: one_event(pooled, arrivals, n, "CPAR"), range(args.events)))
            report(
                f"{args.concurrency} senders at once",
                [a for a, _ in results],
                [b for _, b in results],
                time.perf_counter() - started,
            )
        expected = args.warmup + 2 * args.events
        print(
            f"chat.postMessage calls: {arrivals.posts} for {expected} unique events (duplicates: "
            f"{arrivals.posts - expected})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
