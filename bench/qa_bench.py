"""Benchmark of question answering: in-process latency on the seed graph and on a synthetic
graph, and the cold start of ``kgbot ask``. Prints tables; asserts nothing::

    python bench/qa_bench.py                               # 2,000 questions, 10^5 observations
    python bench/qa_bench.py --questions 1000 --synthetic 10000 --cold-runs 3
    python bench/qa_bench.py --profile                     # plus the hottest functions (cProfile)

Latency is the wall time of one ``Answerer.ask`` call (``time.perf_counter``), after one
warm-up pass that builds the lexicon. Questions are a varied list (figures, derived
values, analytics, lists, definitions, follow-ups, refusals, typos, gibberish), cycled;
every eight questions share one conversation id, so follow-ups have a context.

The synthetic graph comes from ``bench/synthetic.py`` (companies x metrics x quarters of
2024-2025, in the seed's schema), loaded next to the seed into an in-memory store without
SHACL validation. Its questions name synthetic companies, metrics and quarters.

Cold start: ``python -m bot.cli --store :memory: ask QUESTION`` in a new process (imports,
seeding, reasoning, lexicon, one answer), and the same against an on-disk store seeded
beforehand; the mean of ``--cold-runs`` runs.

Targets: seed p50 < 2 ms and p99 < 10 ms; synthetic (10^5) p50 < 30 ms.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from bot.engine import Answerer  # noqa: E402
from kg.store import KnowledgeStore  # noqa: E402

TODAY = date(2026, 11, 26)

#: Questions about the seed graph, of every kind.
SEED_QUESTIONS = [
    "What did Meta spend on AI capex in the first half of 2025?",
    "meta ai capex 1H25",
    "and the same period last year?",
    "how did you get that?",
    "Alphabet capex H1 2025",
    "GOOGL capital expenditure for the first two quarters of 2025?",
    "what about Meta?",
    "source?",
    "hyperscaler capex 2025",
    "and in 2024?",
    "hyperscalrs data center spend 2032",
    "What is the CAGR of hyperscaler capex from 2025 to 2032?",
    "How much did hyperscaler capex grow from 2024 to 2025?",
    "How many times bigger is hyperscaler capex in 2032 than in 2025?",
    "compare Alphabet and Meta capex H1 2025",
    "What was the combined capex of Meta and Alphabet in H1 2025?",
    "rank capex H1 2025",
    "meta ai capex run-rate h1 2025",
    "What was Meta's average AI capex per quarter in H1 2025?",
    "generative AI revenue 2032",
    "What share of total tech spending will generative AI account for by 2032?",
    "total tech spending 2032",
    "inference vs training share of AI spending 2032",
    "How much will training's share of AI spending drop?",
    "What share of global server revenue does AI account for now?",
    "AI share of server revenue within a few years",
    "incremental digital ad spending by 2032",
    "Who are the hyperscalers?",
    "which hardware categories drive AI server demand?",
    "What metrics do investors track?",
    "Who builds reasoning models?",
    "Who is the CEO of Meta?",
    "Will inference spending overtake training?",
    "What is HBM?",
    "define capex",
    "help",
    "What is Microsoft's own capex in 2025?",
    "Microsfot capex 2025",
    "Nvidia capex 2025",
    "What will total AI spending be in 2032?",
    "asdkjh qwe zzxq",
    "Hey, could you please tell me roughly how much Meta Platforms spent on capital expenditure for AI "
    "during the first half of 2025? Thanks a lot 🙏",
]


def synthetic_questions(names: Sequence[str]) -> list[str]:
    """Questions about synthetic companies (``names``), metrics and quarters, plus seed ones."""
    out: list[str] = []
    templates = [
        "What was {a}'s capex in Q3 2025?",
        "{a} revenue Q1 2024",
        "{a} AI capex 2Q25",
        "how did you get that?",
        "compare {a} and {b} capex Q2 2025",
        "{a} data center spending Q4 2024",
        "and the same period last year?",
        "{a} capx Q1 2025",
    ]
    for i, a in enumerate(names):
        b = names[(i + 7) % len(names)]
        out.append(templates[i % len(templates)].format(a=a, b=b))
    return out + SEED_QUESTIONS[:16]


# ---------------------------------------------------------------- measuring


def run_questions(answerer: Answerer, questions: Sequence[str], n: int) -> list[float]:
    """Seconds per question for ``n`` questions (``questions`` cycled), after a warm-up pass."""
    for i, q in enumerate(questions):
        answerer.ask(q, f"warm-{i // 8}")
    times: list[float] = []
    for i in range(n):
        q = questions[i % len(questions)]
        t0 = time.perf_counter()
        answerer.ask(q, f"c{i // 8}")
        times.append(time.perf_counter() - t0)
    return times


def pct(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def profile(answerer: Answerer, questions: Sequence[str], n: int, top: int = 15) -> str:
    pr = cProfile.Profile()
    pr.enable()
    for i in range(n):
        answerer.ask(questions[i % len(questions)], f"p{i // 8}")
    pr.disable()
    out = io.StringIO()
    pstats.Stats(pr, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def synthetic_store(n: int, workdir: Path) -> tuple[KnowledgeStore, float, list[str]]:
    """A seeded store plus ``n`` synthetic observations; seconds to load and reason; company names."""
    path = workdir / f"synthetic-{n}.nt"
    subprocess.run(
        [sys.executable, str(HERE / "synthetic.py"), str(n), str(path)], check=True, capture_output=True, text=True
    )
    t0 = time.perf_counter()
    store = KnowledgeStore(validate=False)
    store.load_data(path.read_bytes(), "ntriples", source=path.name)
    seconds = time.perf_counter() - t0
    names = sorted(e.label for e in store.knowledge.entities.values() if e.kind == "company" and "/synthetic/" in e.iri)
    return store, seconds, names


def cold_start(runs: int, store: str) -> float:
    """Mean seconds of ``python -m bot.cli --store STORE ask QUESTION`` in a new process."""
    cmd = [
        sys.executable,
        "-m",
        "bot.cli",
        "--store",
        store,
        "--today",
        TODAY.isoformat(),
        "ask",
        "What did Meta spend on AI capex in the first half of 2025?",
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run(cmd, cwd=REPO, env=env, check=True, capture_output=True)  # seeds an on-disk store
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run(cmd, cwd=REPO, env=env, check=True, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        assert "$30.7B" in done.stdout, done.stdout
    return statistics.mean(times)


def has_ask_command() -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", "--help"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
    )
    return done.returncode == 0


# ---------------------------------------------------------------- report


def row(name: str, obs: int, times: Sequence[float], target: str) -> str:
    ms = [t * 1000 for t in times]
    return (
        f"| {name:<22} | {obs:>8,} | {len(ms):>6,} | {pct(ms, 50):>7.2f} | {pct(ms, 99):>7.2f} | "
        f"{statistics.mean(ms):>7.2f} | {max(ms):>7.2f} | {target:<24} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=2000, help="questions per graph (>= 1000 for p99)")
    parser.add_argument("--synthetic", type=int, default=100_000, help="synthetic observations (0: skip)")
    parser.add_argument("--cold-runs", type=int, default=5, help="runs of the cold-start measurement (0: skip)")
    parser.add_argument("--profile", action="store_true", help="print cProfile's hottest functions per graph")
    args = parser.parse_args(argv)

    lines = [
        "| graph                  | obs      | asked  | p50 ms  | p99 ms  | mean ms | max ms  | target"
        "                   |",
        "|------------------------|----------|--------|---------|---------|---------|---------|"
        "--------------------------|",
    ]
    notes = []

    seed = KnowledgeStore()
    answerer = Answerer(seed, today=TODAY)
    t0 = time.perf_counter()
    answerer.ask("warm up")
    notes.append(f"seed: first answer (lexicon build) {1000 * (time.perf_counter() - t0):.1f} ms")
    times = run_questions(answerer, SEED_QUESTIONS, args.questions)
    lines.append(row("seed", len(seed.knowledge.observations), times, "p50 < 2, p99 < 10"))
    profiles = [("seed", profile(answerer, SEED_QUESTIONS, args.questions))] if args.profile else []

    if args.synthetic:
        with tempfile.TemporaryDirectory() as tmp:
            store, load_s, names = synthetic_store(args.synthetic, Path(tmp))
        answerer = Answerer(store, today=TODAY)
        t0 = time.perf_counter()
        answerer.ask("warm up")
        notes.append(
            f"synthetic: load + reasoning {load_s:.1f} s; first answer (lexicon build) "
            f"{1000 * (time.perf_counter() - t0):.0f} ms; {len(store):,} quads; "
            f"{len(store.derivations.derived):,} derived values"
        )
        questions = synthetic_questions(names[:: max(1, len(names) // 60)])
        times = run_questions(answerer, questions, args.questions)
        lines.append(row("seed + synthetic", len(store.knowledge.observations), times, "p50 < 30"))
        if args.profile:
            profiles.append(("synthetic", profile(answerer, questions, min(args.questions, 500))))

    if args.cold_runs and has_ask_command():
        with tempfile.TemporaryDirectory() as tmp:
            memory = cold_start(args.cold_runs, ":memory:")
            disk = cold_start(args.cold_runs, str(Path(tmp) / "store"))
        notes.append(
            f"cold start `python -m bot.cli ask` (mean of {args.cold_runs}): "
            f"in-memory store {memory * 1000:.0f} ms, seeded on-disk store {disk * 1000:.0f} ms"
        )
    elif args.cold_runs:
        notes.append("cold start: skipped (no `ask` subcommand)")

    print("\n".join(lines))
    print()
    for note in notes:
        print(f"- {note}")
    for name, text in profiles:
        print(f"\n## cProfile, {name} (cumulative)\n{text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
