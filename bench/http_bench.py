"""Benchmark of the HTTP service: /ask and /sparql throughput and latency under concurrency,
and the same SPARQL queries on rdflib's in-memory engine for comparison.

The server (uvicorn, one process, the seeded in-memory store) runs in a subprocess; the
client is httpx.AsyncClient with N requests in flight at once. Prints a table; asserts
nothing::

    python bench/http_bench.py                          # 2,000 requests per level
    python bench/http_bench.py --requests 500 --levels 1 10 --workers 4

Columns:

- bare       the same SPARQL queries sent to a bare ``oxigraph serve`` holding the same stated data
             (when the ``oxigraph`` command is installed: the dev extra), side by side with /sparql
- req/s      completed requests per second at that concurrency (wall clock)
- p50, p99   latency of one request in milliseconds, as the client saw it
- errors     responses that were not 200

The last table runs each SPARQL query in-process on Oxigraph (the engine behind /sparql)
and on rdflib (a Dataset loaded with the same N-Quads) and prints rdflib's time over
Oxigraph's, and rdflib's in-process time over /sparql's p50 at concurrency 1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

QUESTIONS = [
    "what did Meta spend on AI capex in the first half of 2025?",
    "what was hyperscaler capex in 2024?",
    "compare Alphabet and Meta capex H1 2025",
    "how did you get that?",
    "and in 2024?",
    "what is Microsoft's own capex in 2025?",
    "which hardware categories drive AI server demand?",
    "what metrics do investors track?",
    "who builds reasoning models?",
    "what share of server revenue is AI?",
    "how much will be spent on AI inference in 2025?",
    "what did Alphabet spend on capex in 1H25?",
    "meta capex h1 2025",
    "what was Meta's AI capex in H1 2024?",
    "is inference spending bigger than training by the end of 2025?",
    "what is HBM?",
    "how much incremental ad spending will AI add by 2032?",
    "what does capex mean?",
    "hyperscaler capex 2025",
    "who is the CEO of Meta?",
]

PREFIXES = """PREFIX kg: <https://kgbot.dev/ns#>
PREFIX e: <https://kgbot.dev/id/org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
SPARQL = {
    "one value": PREFIXES
    + """SELECT ?value WHERE {
        ?o kg:subject e:meta ; kg:metric <https://kgbot.dev/id/metric/ai-capex> ;
           kg:period <https://kgbot.dev/id/period/2025-H1> ; kg:value ?value }""",
    "top values": PREFIXES
    + """SELECT ?label ?value WHERE {
        ?o kg:subject ?s ; kg:value ?value . ?s skos:prefLabel ?label
        } ORDER BY DESC(?value) LIMIT 20""",
    "count by type": """SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type }
        GROUP BY ?type ORDER BY DESC(?n)""",
    "construct": PREFIXES + "CONSTRUCT WHERE { e:meta ?p ?o }",
}


# ---------------------------------------------------------------- server process


def serve(port: int, workers: int) -> None:
    sys.path.insert(0, str(REPO))
    import uvicorn

    from bot.http import create_app
    from bot.settings import Settings
    from kg.store import KnowledgeStore

    settings = Settings(store=":memory:", sparql_workers=workers, port=port)
    app = create_app(settings, store=KnowledgeStore())
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(workers: int) -> tuple[subprocess.Popen[bytes], str]:
    import httpx

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--serve", str(port), "--workers", str(workers)], cwd=REPO
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def start_bare(tmp: Path) -> tuple[subprocess.Popen[bytes], str] | None:
    """A bare ``oxigraph serve`` holding the same stated data as /sparql answers over (the
    seeded store less its derived graph), queried over the union of its graphs as /sparql's
    default graph is; None when the oxigraph command is not installed."""
    import shutil

    import httpx
    import pyoxigraph as ox

    sys.path.insert(0, str(REPO))
    from kg.namespaces import DERIVED_GRAPH
    from kg.store import KnowledgeStore

    binary = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if binary is None:
        return None
    ks = KnowledgeStore()
    stated = [q for q in ks.store if q.graph_name != ox.NamedNode(DERIVED_GRAPH)]
    data = tmp / "stated.nq"
    data.write_bytes(ox.serialize(stated, format=ox.RdfFormat.N_QUADS))
    location = tmp / "bare"
    subprocess.run([binary, "load", "--location", str(location), "--file", str(data)], check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1)
            return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    return None


# ---------------------------------------------------------------- load


async def run_level(url: str, kind: str, concurrency: int, total: int) -> dict[str, float]:
    import httpx

    latencies: list[float] = []
    errors = 0
    issued = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    queries = list(SPARQL.values())

    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def one(i: int) -> None:
            nonlocal errors
            start = time.perf_counter()
            if kind == "/ask":
                r = await client.post(
                    "/ask", json={"question": QUESTIONS[i % len(QUESTIONS)], "conversation_id": f"b{i % 97}"}
                )
            else:  # /sparql, or a bare Oxigraph server's /query
                path = "/query" if kind == "bare" else "/sparql"
                r = await client.get(path, params={"query": queries[i % len(queries)]})
            latencies.append(time.perf_counter() - start)
            if r.status_code != 200:
                errors += 1

        async def worker() -> None:
            nonlocal issued
            while issued < total:
                i = issued
                issued += 1
                await one(i)

        for i in range(min(total, 2 * concurrency)):  # warm up connections and caches
            await one(i)
        latencies.clear()
        errors = 0
        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - start
    latencies.sort()
    return {
        "rps": total / wall,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "errors": errors,
    }


# ---------------------------------------------------------------- rdflib comparison


def compare_engines(repeat: int) -> list[tuple[str, float, float]]:
    sys.path.insert(0, str(REPO))
    import pyoxigraph as ox
    import rdflib

    from kg.store import KnowledgeStore

    ks = KnowledgeStore()
    data = ks.store.dump(format=ox.RdfFormat.N_QUADS)
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format="nquads")
    out = []
    for name, query in SPARQL.items():
        t = time.perf_counter()
        for _ in range(repeat):
            list(ks.store.query(query))
        oxi = (time.perf_counter() - t) / repeat
        t = time.perf_counter()
        for _ in range(repeat):
            list(dataset.query(query))
        rdf = (time.perf_counter() - t) / repeat
        out.append((name, oxi * 1000, rdf * 1000))
    return out


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per level")
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--workers", type=int, default=2, help="SPARQL worker processes")
    parser.add_argument("--repeat", type=int, default=20, help="in-process runs per query")
    parser.add_argument("--endpoints", nargs="+", default=["/ask", "/sparql"], choices=["/ask", "/sparql"])
    parser.add_argument("--no-rdflib", action="store_true", help="skip the engine comparison")
    parser.add_argument("--no-bare", action="store_true", help="skip /sparql against a bare Oxigraph server")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.workers)
        return

    proc, url = start_server(args.workers)
    results: dict[tuple[str, int], dict[str, float]] = {}
    try:
        for kind in args.endpoints:
            for level in args.levels:
                results[kind, level] = asyncio.run(run_level(url, kind, level, args.requests))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    if "/sparql" in args.endpoints and not args.no_bare:
        with tempfile.TemporaryDirectory(prefix="kgbot-bare-") as tmp:
            bare = start_bare(Path(tmp))
            if bare is not None:
                try:
                    for level in args.levels:
                        results["bare", level] = asyncio.run(run_level(bare[1], "bare", level, args.requests))
                finally:
                    bare[0].terminate()
                    bare[0].wait(timeout=30)

    print(
        f"HTTP service, seeded in-memory store, {args.workers} SPARQL workers, "
        f"{os.cpu_count()} CPUs, {args.requests} requests per level"
    )
    print(f"{'endpoint':<9} {'conc.':>5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for (kind, level), r in results.items():
        print(f"{kind:<9} {level:>5} {r['rps']:>9.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} {int(r['errors']):>7}")
    ratios = [
        f"{level}: {results['/sparql', level]['p50'] / results['bare', level]['p50']:.2f}x"
        for level in args.levels
        if ("bare", level) in results and ("/sparql", level) in results
    ]
    if ratios:
        print(
            "'bare' is `oxigraph serve` on the same stated data, same queries; /sparql p50 over its p50 by "
            "concurrency: " + ", ".join(ratios)
        )

    if args.no_rdflib:
        return
    engines = compare_engines(args.repeat)
    http_p50 = results.get(("/sparql", 1), {}).get("p50")
    print()
    print("SPARQL in process: Oxigraph vs rdflib (same data, same queries)")
    print(f"{'query':<14} {'oxigraph ms':>12} {'rdflib ms':>10} {'rdflib/oxi':>11}")
    for name, oxi, rdf in engines:
        print(f"{name:<14} {oxi:>12.3f} {rdf:>10.2f} {rdf / oxi:>10.0f}x")
    total_oxi = sum(e[1] for e in engines) / len(engines)
    total_rdf = sum(e[2] for e in engines) / len(engines)
    print(f"{'mean':<14} {total_oxi:>12.3f} {total_rdf:>10.2f} {total_rdf / total_oxi:>10.0f}x")
    if http_p50:
        print(
            f"rdflib in process (mean {total_rdf:.2f} ms) over /sparql p50 at concurrency 1 "
            f"({http_p50:.2f} ms): {total_rdf / http_p50:.1f}x"
        )


if __name__ == "__main__":
    main()
