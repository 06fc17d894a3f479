"""Score the question-answering bot on the question sets in bench/qa_sets (format: bench/qa_sets/README.md).

    python bench/qa_eval.py [SET.jsonl ...] [--show-failures] [--json]

One in-memory seeded store, the SEC companyfacts files imported into it, one Answerer per distinct
``today``, one fresh conversation per case (its context questions first). It measures; it never
gates: the exit status is always 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.engine import Answerer  # noqa: E402
from kg.sec import companyfacts_quads, read_companyfacts  # noqa: E402
from kg.store import KnowledgeStore  # noqa: E402

DEFAULT_TODAY = "2025-10-01"
REFUSAL_KINDS = ("not_found", "not_understood")


@dataclass
class Result:
    case: dict[str, Any]
    answer: Any
    problems: list[str] = field(default_factory=list)
    wrong_number: bool = False
    refused: bool = False


def sec_files() -> tuple[list[Path], str]:
    """The SEC files the project ships as package data, else ../shared/data/sec beside the repo."""
    shipped = sorted({p for d in ("kg", "ontology") for p in (REPO / d).rglob("CIK*.json")})
    if shipped:
        return shipped, f"package data ({shipped[0].parent.relative_to(REPO)})"
    shared = REPO.parent / "shared" / "data" / "sec"
    return sorted(shared.glob("CIK*.json")), f"{shared} (the project ships none)"


def build_store() -> tuple[KnowledgeStore, str]:
    store = KnowledgeStore()
    shipped = sum(1 for o in store.knowledge.observations if o.from_filing)
    if shipped:
        return store, f"SEC filings: shipped with the store ({shipped} filed observations)"
    files, where = sec_files()
    quads: list[Any] = []
    for path in files:
        doc = read_companyfacts(path)
        q, _ = companyfacts_quads(doc, store.knowledge, source=str(path))
        quads.extend(q)
    if quads:
        store.commit(quads, source="SEC companyfacts", files=[str(p) for p in files])
    return store, f"SEC filings: {len(files)} file(s) from {where}"


def attr(answer: Any, name: str, default: Any = None) -> Any:
    return getattr(answer, name, default) if answer is not None else default


def labels(answer: Any) -> list[str]:
    out = []
    for item in attr(answer, "items", None) or []:
        label = item.get("label") if isinstance(item, dict) else getattr(item, "label", None)
        out.append(str(label or "").lower())
    return out


def close(got: float, want: float, tol: float) -> bool:
    return abs(got - want) <= tol * abs(want) + 1e-12


def score(case: dict[str, Any], answer: Any) -> Result:
    r = Result(case, answer)
    exp: dict[str, Any] = case.get("expect", {})
    answered = bool(attr(answer, "answered", False))
    kind, value, verdict = attr(answer, "kind"), attr(answer, "value"), attr(answer, "verdict")
    if answer is None:
        r.problems.append("the bot raised an exception")
    want_answer = exp.get("answered", any(k in exp for k in ("value", "verdict", "items_include")))
    if exp.get("answered") is False:
        if answered or kind not in REFUSAL_KINDS or value is not None:
            r.problems.append(f"expected a refusal, got answered={answered} kind={kind} value={value}")
        r.wrong_number = value is not None or verdict is not None
        return r
    if want_answer and not answered:
        r.problems.append(f"declined (kind={kind})")
        r.refused = answer is not None
    if "value" in exp:
        tol = float(exp.get("tolerance", 0.01))
        if value is None:
            r.problems.append(f"value: expected {exp['value']:.6g}, got none")
        elif not close(float(value), float(exp["value"]), tol):
            r.problems.append(f"value: expected {exp['value']:.6g} (±{tol:.0%}), got {value:.6g}")
            r.wrong_number = True
    if "verdict" in exp and verdict != exp["verdict"]:
        r.problems.append(f"verdict: expected {exp['verdict']}, got {verdict}")
        r.wrong_number = r.wrong_number or verdict is not None
    for key in ("measure", "unit", "kind"):
        if key in exp and attr(answer, key) != exp[key]:
            r.problems.append(f"{key}: expected {exp[key]}, got {attr(answer, key)}")
    names = labels(answer)
    for s in exp.get("items_include", []):
        if not any(s.lower() in n for n in names):
            r.problems.append(f"no item contains {s!r}")
    for s in exp.get("items_exclude", []):
        if any(s.lower() in n for n in names):
            r.problems.append(f"an item contains {s!r}")
    if "first_item" in exp and not (names and exp["first_item"].lower() in names[0]):
        r.problems.append(f"first item should contain {exp['first_item']!r}, got {names[0] if names else None!r}")
    text = str(attr(answer, "text", "") or "").lower()
    for s in exp.get("text_includes", []):
        if s.lower() not in text:
            r.problems.append(f"text lacks {s!r}")
    for s in exp.get("text_excludes", []):
        if s.lower() in text:
            r.problems.append(f"text contains {s!r}")
    return r


def run_set(path: Path, store: KnowledgeStore, answerers: dict[str, Answerer]) -> list[Result]:
    results = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        case = json.loads(line)
        today = case.get("today", DEFAULT_TODAY)
        if today not in answerers:
            answerers[today] = Answerer(store, today=date.fromisoformat(today))
        answerer = answerers[today]
        conversation = f"qa-eval:{path.stem}:{case.get('id', line_no)}"
        try:
            for earlier in case.get("context", []):
                answerer.ask(earlier, conversation_id=conversation)
            answer = answerer.ask(case["question"], conversation_id=conversation)
        except Exception as exc:  # a crash is a failed case, not a failed run
            print(f"  {case.get('id')}: {type(exc).__name__}: {exc}", file=sys.stderr)
            answer = None
        results.append(score(case, answer))
    return results


def got_summary(a: Any) -> str:
    if a is None:
        return "exception"
    text = " ".join(str(attr(a, "text", "")).split())[:160]
    return (
        f"answered={attr(a, 'answered')} kind={attr(a, 'kind')} value={attr(a, 'value')} "
        f"measure={attr(a, 'measure')} unit={attr(a, 'unit')} verdict={attr(a, 'verdict')}\n      text: {text}"
    )


def report(name: str, results: list[Result], show_failures: bool) -> dict[str, Any]:
    fams: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        fams[r.case.get("family", "?")].append(not r.problems)
    ok = sum(not r.problems for r in results)
    wrong = [r for r in results if r.wrong_number]
    refused = [r for r in results if r.refused]
    print(f"\n== {name}: {ok}/{len(results)} correct ({100 * ok / max(len(results), 1):.1f}%)")
    for fam, marks in sorted(fams.items()):
        print(f"  {fam:<16} {sum(marks):>3}/{len(marks):<3} {100 * sum(marks) / len(marks):5.1f}%")
    print(f"  WRONG NUMBERS: {len(wrong)}")
    for r in wrong:
        print(f"    {r.case['id']}: {r.case['question'][:70]!r} -> {'; '.join(r.problems)[:140]}")
    print(f"  refusals (declined where an answer was expected): {len(refused)}")
    if show_failures:
        print("  failures:")
        for r in results:
            if r.problems:
                c = r.case
                ctx = f" (after {c['context']})" if c.get("context") else ""
                print(f"    [{c['id']}] {c['question']}{ctx}")
                print(f"      expected: {json.dumps(c.get('expect'))}")
                print(f"      got: {got_summary(r.answer)}")
                print(f"      why: {'; '.join(r.problems)}")
    return {
        "set": name,
        "correct": ok,
        "total": len(results),
        "families": {f: {"correct": sum(m), "total": len(m)} for f, m in sorted(fams.items())},
        "wrong_numbers": [r.case["id"] for r in wrong],
        "refusals": [r.case["id"] for r in refused],
        "failures": {r.case["id"]: r.problems for r in results if r.problems},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("sets", nargs="*", type=Path, help="question sets (default: bench/qa_sets/*.jsonl)")
    parser.add_argument("--show-failures", action="store_true", help="print every failing case")
    parser.add_argument("--json", action="store_true", help="also print a JSON summary as the last line")
    args = parser.parse_args(argv)
    sets = args.sets or sorted((REPO / "bench" / "qa_sets").glob("*.jsonl"))
    try:
        store, where = build_store()
    except Exception as exc:  # measure what can be measured
        store, where = KnowledgeStore(), f"SEC filings: NOT imported ({type(exc).__name__}: {exc})"
    print(where)
    answerers: dict[str, Answerer] = {}
    summaries = [report(p.name, run_set(p, store, answerers), args.show_failures) for p in sets]
    if args.json:
        print(json.dumps({"sec": where, "sets": summaries}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
