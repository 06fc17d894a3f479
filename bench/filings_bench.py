"""Benchmark of the filings: seeding a store, importing the seven companyfacts files, and
answering questions on the store that holds them.

Each case runs in its own process, so peak memory is per case. Prints figures; asserts
nothing::

    python bench/filings_bench.py                   # every case
    python bench/filings_bench.py --repeat 5 --files ../shared/data/sec/*.json

Cases:

- seed (cold)      KnowledgeStore() in a fresh process: parse + validate the ontology,
                   import the shipped filings, reason, write the derived graph
- seed (warm)      the next KnowledgeStore() in the same process (what tests pay)
- seed, no filings KnowledgeStore(filings=False), cold, for comparison
- import           the seven files into an in-memory store seeded without filings: read
                   the JSON, build the quads, SHACL-validate, commit, reason
- re-import        the same files again into that store (nothing changes)
- ask              p50 / p99 of answering questions about the filings on the seeded store
- peak MB          the process's peak resident set size at the end of the case
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared" / "data" / "sec"
QUESTIONS = [
    "Alphabet capex 2024",
    "Meta capex H1 2025",
    "Nvidia revenue fiscal 2025",
    "Apple FY25 capex",
    "Microsoft capex in calendar 2025",
    "Amazon quarterly capex 2025",
    "compare Alphabet and Meta capex 2025",
    "Meta capex",
]


def _peak_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / (1024 if sys.platform == "darwin" else 1)


def run_case(case: str, files: list[str], repeat: int) -> dict[str, object]:
    sys.path.insert(0, str(REPO))
    from kg.filings import import_companyfacts
    from kg.sec import read_companyfacts
    from kg.store import KnowledgeStore

    out: dict[str, object] = {"case": case}
    if case == "seed":
        t = time.perf_counter()
        ks = KnowledgeStore()
        out["cold s"] = time.perf_counter() - t
        warm = []
        for _ in range(repeat):
            t = time.perf_counter()
            KnowledgeStore()
            warm.append(time.perf_counter() - t)
        out["warm s"] = statistics.median(warm)
        out["quads"] = len(ks)
        out["derived"] = len(ks.derivations.derived)
    elif case == "seed-article":
        t = time.perf_counter()
        ks = KnowledgeStore(filings=False)
        out["cold s"] = time.perf_counter() - t
        out["quads"] = len(ks)
    elif case == "import":
        ks = KnowledgeStore(filings=False)
        t = time.perf_counter()
        docs = [(f, read_companyfacts(f)) for f in files]
        result = import_companyfacts(ks, docs)
        out["import s"] = time.perf_counter() - t
        out["observations"] = sum(r.observations for r in result.reports)
        out["restated"] = sum(r.restated for r in result.reports)
        t = time.perf_counter()
        again = import_companyfacts(ks, [(f, read_companyfacts(f)) for f in files])
        out["re-import s"] = time.perf_counter() - t
        out["re-import changed"] = len(again.changed)
        out["quads"] = len(ks)
    elif case == "ask":
        from bot.engine import Answerer

        answerer = Answerer(KnowledgeStore())
        for q in QUESTIONS:  # warm up
            answerer.ask(q)
        times = []
        for _ in range(repeat * 20):
            for q in QUESTIONS:
                t = time.perf_counter()
                answerer.ask(q)
                times.append((time.perf_counter() - t) * 1000)
        times.sort()
        out["p50 ms"] = statistics.median(times)
        out["p99 ms"] = times[int(len(times) * 0.99) - 1]
    out["peak MB"] = _peak_mb()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", nargs="*", default=[str(p) for p in sorted(SHARED.glob("*.json"))])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.files, args.repeat)))
        return
    cases = ["seed", "seed-article", "ask"] + (["import"] if args.files else [])
    if not args.files:
        print(f"(no companyfacts files at {SHARED}: the import case is skipped)")
    for case in cases:
        cmd = [sys.executable, __file__, "--case", case, "--repeat", str(args.repeat), "--files", *args.files]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(f"{case}: failed\n{proc.stderr[-2000:]}")
            continue
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        figures = ", ".join(
            f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in row.items() if k != "case"
        )
        print(f"{row['case']:<13} {figures}")


if __name__ == "__main__":
    main()
