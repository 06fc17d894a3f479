"""Cold start of ``kgbot ask QUESTION`` on the on-disk store: a new process, one answer.

Seeds a store in a temporary directory, then times whole ``kgbot ask`` processes (wall
clock, from spawn to exit) three ways:

- cached      the usual case: the knowledge kept beside the store is current
- no cache    the cache file removed before each run (the store is read and reasoned over)
- read-only   another process holds the store (as ``kgbot serve`` does), so ``ask`` opens
              it read-only

Prints the median and the fastest of each; asserts nothing::

    python bench/cold_start.py [--runs 10] [--question "..."]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KGBOT = [sys.executable, "-m", "bot.cli"]


def _run(env: dict[str, str], question: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([*KGBOT, "ask", question], env=env, check=True, capture_output=True, cwd=HERE.parent)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--question", default="what was hyperscaler capex in 2024?")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kgbot-cold-") as tmp:
        store = Path(tmp) / "store"
        env = {**os.environ, "KGBOT_STORE": str(store), "KGBOT_TODAY": "2025-09-01"}
        cache = store.parent / f".{store.name}.knowledge"
        t_seed = _run(env, args.question)  # seeds the store
        for _ in range(3):  # let background compactions settle
            _run(env, args.question)
        rows: dict[str, list[float]] = {"cached": [], "no cache": [], "read-only": []}
        for _ in range(args.runs):
            rows["cached"].append(_run(env, args.question))
        for _ in range(args.runs):
            cache.unlink(missing_ok=True)
            rows["no cache"].append(_run(env, args.question))
        _run(env, args.question)
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); sys.stdin.read()",
                str(store),
            ],
            stdin=subprocess.PIPE,
        )
        try:
            time.sleep(1.0)
            for _ in range(args.runs):
                rows["read-only"].append(_run(env, args.question))
        finally:
            assert holder.stdin is not None
            holder.stdin.close()
            holder.wait()
        t_python = min(_timed([sys.executable, "-c", "pass"]) for _ in range(5))
    print(f"kgbot ask, cold process, {args.runs} runs each (seconds, wall clock)")
    print(f"{'case':>10}  {'median':>7}  {'fastest':>7}")
    for name, times in rows.items():
        print(f"{name:>10}  {statistics.median(times):7.3f}  {min(times):7.3f}")
    print(f"first run (seeds the store): {t_seed:.2f} s; an empty Python process: {t_python:.3f} s")
    return 0


def _timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - t0


if __name__ == "__main__":
    raise SystemExit(main())
