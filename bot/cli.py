"""The ``kgbot`` command line. It parses arguments, reads settings once, and calls
plain functions; nothing here knows how answers or reasoning work."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError, LoadError, StoreBusy, ValidationFailed

from .settings import Settings

if TYPE_CHECKING:
    from kg.store import KnowledgeStore

__all__ = ["main"]


def _open_store(settings: Settings, *, write: bool = False) -> KnowledgeStore:
    """Open the store; a reader falls back to read-only when a server holds it."""
    from kg.store import KnowledgeStore

    try:
        return KnowledgeStore(settings.store_path)
    except StoreBusy:
        if write:
            raise
        return KnowledgeStore(settings.store_path, read_only=True)


def _fail(message: str, code: int = 1) -> int:
    print(f"kgbot: {message}", file=sys.stderr)
    return code


# ---------------------------------------------------------------- commands


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    ks = _open_store(settings)
    stats = ks.stats()
    if args.json:
        print(json.dumps(stats))
    else:
        where = settings.store_path or "in memory"
        print(f"store: {where}")
        for key, value in stats.items():
            print(f"{key:>14}: {value}")
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    import rdflib

    from kg.rdfio import format_for, parse_file
    from kg.resources import ontology_files
    from kg.store import _to_rdflib, _vocabulary_graph
    from kg.validation import validate

    files = [Path(f) for f in args.files] or ontology_files()
    failed = False
    for path in files:
        try:
            quads = parse_file(path, format_for(args.format, path=path) if args.format else None)
        except LoadError as exc:
            print(f"{exc}", file=sys.stderr)
            failed = True
            continue
        data = rdflib.Graph()
        for t in _vocabulary_graph():
            data.add(t)
        for q in quads:
            data.add((_to_rdflib(q.subject), _to_rdflib(q.predicate), _to_rdflib(q.object)))
        violations = [v for v in validate(data) if v.severity == "Violation"]
        for v in violations:
            print(f"{path}: {v}")
        failed = failed or bool(violations)
        if not violations:
            print(f"{path}: valid ({len(quads)} statements)")
    return 1 if failed else 0


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    ks = _open_store(settings, write=True)
    try:
        report = ks.load_files([Path(f) for f in args.files], args.format)
    except ValidationFailed as exc:
        for v in exc.violations:
            print(f"{exc.source}: {v}", file=sys.stderr)
        return _fail(f"{len(exc.violations)} violation(s); nothing was stored")
    except KGError as exc:
        return _fail(f"{exc}; nothing was stored")
    print(
        f"loaded {report.quads} statements from {len(report.files)} file(s) "
        f"({report.added} new); {report.derived} derived values, {report.conflicts} conflicts"
    )
    return 0


def cmd_import_sec(args: argparse.Namespace, settings: Settings) -> int:
    from kg.rdfio import serialize
    from kg.sec import companyfacts_quads, read_companyfacts

    ks = _open_store(settings, write=not args.output)
    quads = []
    for path in args.files:
        doc = read_companyfacts(path)
        q, report = companyfacts_quads(doc, ks.knowledge, source=path)
        quads.extend(q)
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(report.skipped.items())) or "nothing"
        print(
            f"{path}: {report.observations} observations from {report.filings} filings; skipped {skipped}",
            file=sys.stderr,
        )
    if args.output:
        from kg.rdfio import format_for

        Path(args.output).write_bytes(serialize((x.triple for x in quads), format_for(path=args.output)))
        return 0
    try:
        result = ks.commit(quads, source=", ".join(args.files), files=list(args.files))
    except ValidationFailed as exc:
        for v in exc.violations:
            print(f"{exc.source}: {v}", file=sys.stderr)
        return _fail(f"{len(exc.violations)} violation(s); nothing was stored")
    print(
        f"loaded {result.quads} statements ({result.added} new); "
        f"{result.derived} derived values, {result.conflicts} conflicts"
    )
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    ks = _open_store(settings)
    try:
        data = ks.export(args.format)
    except KGError as exc:
        return _fail(str(exc))
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_derivations(args: argparse.Namespace, settings: Settings) -> int:
    from kg.explanation import describe_quantity, render_tree
    from kg.format import format_value
    from kg.reasoning import explain

    ks = _open_store(settings)
    k, d = ks.knowledge, ks.derivations
    if args.explain:
        wanted = args.explain.lower()
        matches = [
            q
            for q in [*d.derived, *d.stated]
            if wanted in describe_quantity(k, q).lower() or (q in d.derived and d.derived[q].iri.lower() == wanted)
        ]
        if not matches:
            return _fail(f"no quantity matches {args.explain!r}; run `kgbot derivations` to list them")
        for q in matches:
            print("\n".join(render_tree(k, explain(k, d, q))))
        return 0
    print(f"{len(d.derived)} derived value(s):")
    for q, der in sorted(d.derived.items(), key=lambda x: describe_quantity(k, x[0])):
        change = q.period.is_vague and "->" in q.period.key
        print(
            f"  {describe_quantity(k, q)} = {format_value(der.value, qualified=True, difference=change)}"
            f"   [{der.formula}]"
        )
    print(f"{len(d.conflicts)} conflict(s):")
    for c in d.conflicts:
        print(
            f"  {describe_quantity(k, c.quantity)}: {c.known_origin} {format_value(c.known, qualified=True)}"
            f" vs computed {format_value(c.computed, qualified=True)} [{c.formula}; {c.equation.reason}]"
        )
    return 1 if (args.strict and d.conflicts) else 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from .engine import Answerer
    from .render import render_text

    questions: list[str] = []
    for q in args.questions:
        if q == "-":
            questions.extend(line.rstrip("\n") for line in sys.stdin if line.strip())
        else:
            questions.append(q)
    if not questions:
        return _fail("no question given")
    answerer = Answerer(_open_store(settings), today=settings.today)
    for i, q in enumerate(questions):
        answer = answerer.ask(q, conversation_id="cli")
        if args.json:
            print(json.dumps(answer.to_dict(), ensure_ascii=False), flush=True)
        else:
            if len(questions) > 1:
                print(("\n" if i else "") + f"> {q}")
            print(render_text(answer), flush=True)
    return 0


def cmd_slack_socket(args: argparse.Namespace, settings: Settings) -> int:
    from .engine import Answerer
    from .slack import build_slack_app
    from .slack.socket import run_socket_mode

    missing = [
        name
        for name, value in (
            ("SLACK_APP_TOKEN", settings.slack_app_token),
            ("SLACK_BOT_TOKEN", settings.slack_bot_token),
        )
        if not value
    ]
    if missing:
        return _fail(f"{' and '.join(missing)} must be set for Socket Mode (see slack/README.md)", 2)
    answerer = Answerer(_open_store(settings), today=settings.today)
    print("kgbot: connecting to Slack over Socket Mode (Ctrl-C stops)", file=sys.stderr, flush=True)
    run_socket_mode(build_slack_app(settings, answerer, socket_mode=True), str(settings.slack_app_token))
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import gc

    import uvicorn

    from .http import create_app
    from .http.protocols import http_protocol

    app = create_app(settings)
    gc.collect()
    gc.freeze()  # the graph snapshot lives as long as the server: keep it out of every GC pass
    uvicorn.run(
        app,
        host=args.host or settings.host,
        port=args.port or settings.port,
        log_level=args.log_level,
        access_log=args.access_log,
        http=http_protocol(),  # requests uvicorn's parser refuses get the JSON error shape too
    )
    return 0


# ---------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kgbot", description="Answers questions about AI-infrastructure spending from a knowledge graph."
    )
    parser.add_argument("--store", help="store directory (overrides KGBOT_STORE); ':memory:' for in-memory")
    parser.add_argument("--today", type=date.fromisoformat, help="resolve relative dates against this day (YYYY-MM-DD)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ask", help="answer questions (one conversation per call); '-' reads lines from stdin")
    p.add_argument("questions", nargs="+", metavar="QUESTION")
    p.add_argument("--json", action="store_true", help="print one JSON answer per line")
    p.add_argument(
        "--today",
        type=date.fromisoformat,
        default=argparse.SUPPRESS,
        help="resolve relative dates against this day (YYYY-MM-DD)",
    )
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("serve", help="run the HTTP service on the embedded store (see /docs)")
    p.add_argument("--host", help="address to listen on (default: KGBOT_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="port to listen on (default: KGBOT_PORT or 8000)")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.add_argument("--access-log", action="store_true", help="log every request (off: it costs throughput)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("stats", help="print what the graph holds")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("validate", help="check files against the SHACL shapes (default: the shipped ontology)")
    p.add_argument("files", nargs="*")
    p.add_argument("--format", help="turtle, ntriples, nquads, trig, jsonld, rdfxml (default: from the suffix)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("load", help="parse, validate and add files to the store, all or nothing")
    p.add_argument("files", nargs="+")
    p.add_argument("--format", help="turtle, ntriples, nquads, trig, jsonld, rdfxml (default: from the suffix)")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("import-sec", help="import SEC EDGAR XBRL companyfacts JSON (validated, all or nothing)")
    p.add_argument("files", nargs="+")
    p.add_argument("-o", "--output", help="write Turtle/N-Triples to this file instead of loading")
    p.set_defaults(func=cmd_import_sec)

    p = sub.add_parser("export", help="write the graph (N-Quads/TriG include the derived graph)")
    p.add_argument("--format", default="turtle", choices=["turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"])
    p.add_argument("-o", "--output")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("derivations", help="list derived values and conflicts, or explain one")
    p.add_argument("--explain", metavar="TEXT", help="explain the quantities whose description contains TEXT")
    p.add_argument("--strict", action="store_true", help="exit 1 when there are conflicts")
    p.set_defaults(func=cmd_derivations)
    p = sub.add_parser(
        "slack-socket", help="answer in Slack over Socket Mode (needs SLACK_APP_TOKEN and SLACK_BOT_TOKEN)"
    )
    p.set_defaults(func=cmd_slack_socket)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    settings = Settings.from_env(store=args.store, today=getattr(args, "today", None))
    try:
        return int(args.func(args, settings))
    except KGError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into head and closed early
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
