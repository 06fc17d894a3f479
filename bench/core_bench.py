"""Benchmark of the knowledge core: parse, SHACL validation, commit, knowledge read,
reasoning and materialisation, for the seed and for synthetic graphs.

Each case runs in its own process (so that peak memory is per case) against a fresh
on-disk Oxigraph store. Prints a table; asserts nothing::

    python bench/core_bench.py                       # seed, 10^3, 10^4, 10^5
    python bench/core_bench.py --sizes 1000 10000 --shacl-limit 120

Columns (seconds unless stated):

- parse      kg.rdfio parse of the file(s) into quads (Oxigraph parser)
- shacl      KnowledgeStore.check: the new data with its neighbourhood screened against
             the shapes (kg.screening), pyshacl on the nodes that may not conform
- commit     write of the quads into the on-disk store (KnowledgeStore.add_stated: one
             transaction, or for a large load Oxigraph's bulk loader behind a checkpoint)
- read       kg.knowledge.read_knowledge over the whole store
- derive     kg.reasoning.derive (equations, propagation to a fixed point, checks)
- write      derived graph written the first time (bulk loader: it is large)
- add one    a later load of one new observation: validate, commit, re-derive the parts of
             the equation graph it touches, and write only the derived quads that changed
             (what KnowledgeStore.commit pays, kg.incremental)
- peak MB    growth of the process's peak resident set size (getrusage ru_maxrss)
             from after imports and seeding to the end of the case
Synthetic cases load into a store already seeded with the shipped ontology.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


class _ShaclTimeout(BaseException):  # BaseException: not swallowed by `except Exception`
    pass


def _maxrss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / (1024 if sys.platform == "darwin" else 1)


def run_case(case: str, workdir: Path, shacl_limit: float) -> dict[str, object]:
    """One case in this process; returns its figures."""
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(HERE))
    import synthetic

    from kg.knowledge import read_knowledge
    from kg.reasoning import derive
    from kg.resources import ontology_files
    from kg.store import KnowledgeStore, no_collection, settle

    out: dict[str, object] = {"case": case}
    store_dir = workdir / f"store-{case}"
    if case == "seed":
        ks = KnowledgeStore(store_dir, seed=False)
        files = ontology_files()
    else:
        n = int(case)
        path = workdir / f"synthetic-{n}.nt"
        t0 = time.perf_counter()
        synthetic.write(n, path)
        out["generate"] = time.perf_counter() - t0
        ks = KnowledgeStore(store_dir)  # seeded with the shipped ontology
        files = [path]
    ks.check([])  # parse the shapes and the vocabulary once, outside the timings
    base_rss = _maxrss_mb()

    t0 = time.perf_counter()
    quads = ks.parse(files)
    out["parse"] = time.perf_counter() - t0
    out["quads"] = len(quads)

    def on_alarm(signum: int, frame: object) -> None:
        raise _ShaclTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, shacl_limit)
    t0 = time.perf_counter()
    try:
        violations = ks.check(quads)
        out["shacl"] = time.perf_counter() - t0
        out["violations"] = len(violations)
    except _ShaclTimeout:
        out["shacl"] = None
        out["shacl_timeout"] = shacl_limit
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    t0 = time.perf_counter()
    no_collection(ks.add_stated)(quads)  # as KnowledgeStore.commit runs it
    ks.store.flush()
    out["commit"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    k = no_collection(read_knowledge)(ks.store)  # as KnowledgeStore.refresh runs it
    out["read"] = time.perf_counter() - t0
    out["observations"] = len(k.observations)

    t0 = time.perf_counter()
    d = no_collection(derive)(k)
    out["derive"] = time.perf_counter() - t0
    out["derived"] = len(d.derived)
    out["equations"] = len(d.equations)
    out["conflicts"] = len(d.conflicts)

    t0 = time.perf_counter()
    no_collection(ks._materialise)(k, d)
    out["write"] = time.perf_counter() - t0
    # the store now holds what a real load leaves it holding: this knowledge and these derivations,
    # so that the one-fact load below pays for the whole graph, as it does in use
    ks._knowledge, ks._derivations = k, d
    settle()  # as a refresh ends

    # what a later load of one new fact pays: validate it, commit, re-read, re-derive,
    # and write the few derived quads that changed
    one = ks.parse([_one_more_fact(workdir)])
    t0 = time.perf_counter()
    ks.commit(one, source="one-more-fact.ttl")
    out["add one"] = time.perf_counter() - t0
    out["peak_mb"] = _maxrss_mb() - base_rss
    out["base_mb"] = base_rss
    ks.close()
    return out


def _one_more_fact(workdir: Path) -> Path:
    path = workdir / "one-more-fact.ttl"
    path.write_text(
        """@prefix kg: <https://kgbot.dev/ns#> .
@prefix qb: <http://purl.org/linked-data/cube#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix sdmx-code: <http://purl.org/linked-data/sdmx/2009/code#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
<https://kgbot.dev/id/obs/bench/one> a qb:Observation ;
    kg:subject <https://kgbot.dev/id/org/meta> ; kg:metric <https://kgbot.dev/id/metric/ai-capex> ;
    kg:period <https://kgbot.dev/id/period/2025-H1> ; kg:value 30700000000.0 ;
    sdmx-attribute:unitMeasure kg:USD ; sdmx-attribute:obsStatus sdmx-code:obsStatus-A ;
    prov:wasDerivedFrom <https://kgbot.dev/id/source/ai-inference-shift-2025> ;
    kg:quote "Meta's AI capital expenditure was $30.7 billion in the first half of 2025." .
""",
        encoding="utf-8",
    )
    return path


def _fmt(x: object, digits: int = 2) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def _estimate(rows: dict[str, dict[str, object]], n: int) -> tuple[float, float] | None:
    """SHACL seconds at n from the two largest measured synthetic sizes (power law)."""
    measured = sorted(
        (int(c), float(r["shacl"]))
        for c, r in rows.items()  # type: ignore[arg-type]
        if c != "seed" and r.get("shacl") is not None and int(c) < n
    )
    if len(measured) < 2:
        return None
    (n1, t1), (n2, t2) = measured[-2:]
    exponent = math.log(t2 / t1) / math.log(n2 / n1)
    return t2 * (n / n2) ** exponent, exponent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument(
        "--shacl-limit",
        type=float,
        default=300.0,
        help="seconds SHACL validation may take before it is stopped and estimated",
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.one:
        print(json.dumps(run_case(args.one, Path(args.workdir), args.shacl_limit)))
        return 0

    rows: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="kgbot-bench-") as tmp:
        for case in ["seed", *map(str, args.sizes)]:
            print(f"running {case} ...", file=sys.stderr, flush=True)
            proc = subprocess.run(
                [sys.executable, __file__, "--one", case, "--workdir", tmp, "--shacl-limit", str(args.shacl_limit)],
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return proc.returncode
            rows[case] = json.loads(proc.stdout.strip().splitlines()[-1])

    header = (
        "case",
        "obs",
        "quads",
        "parse",
        "shacl",
        "commit",
        "read",
        "derive",
        "write",
        "add one",
        "derived",
        "equations",
        "conflicts",
        "peak MB",
    )
    table = []
    notes = []
    for case, r in rows.items():
        shacl = _fmt(r.get("shacl"))
        if r.get("shacl") is None:
            est = _estimate(rows, int(case)) if case != "seed" else None
            if est is not None:
                shacl = f"~{est[0]:.0f} (est.)"
                notes.append(
                    f"{case}: SHACL stopped after {r['shacl_timeout']:.0f} s; estimate "
                    f"extrapolated from the two smaller sizes as t ~ N^{est[1]:.2f}"
                )
            else:
                shacl = f">{r['shacl_timeout']:.0f}"
        table.append(
            (
                case,
                r["observations"],
                r["quads"],
                _fmt(r["parse"]),
                shacl,
                _fmt(r["commit"]),
                _fmt(r["read"]),
                _fmt(r["derive"]),
                _fmt(r["write"]),
                _fmt(r["add one"]),
                r["derived"],
                r["equations"],
                r["conflicts"],
                _fmt(r["peak_mb"], 0),
            )
        )
    widths = [max(len(str(x)) for x in col) for col in zip(header, *table, strict=False)]
    line = "  ".join(h.rjust(w) for h, w in zip(header, widths, strict=False))
    print(line)
    print("-" * len(line))
    for row in table:
        print("  ".join(str(x).rjust(w) for x, w in zip(row, widths, strict=False)))
    print()
    print("seconds, wall clock; 'obs' = observations in the store after the load (synthetic")
    print("cases include the 12 of the seed); 'quads' = quads parsed from the case's file(s);")
    print("peak MB = growth of peak RSS (getrusage ru_maxrss) over the case, process-wide;")
    base = next(iter(rows.values())).get("base_mb")
    print(f"RSS after imports and seeding was about {_fmt(base, 0)} MB.")
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
