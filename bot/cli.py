"""The ``kgbot`` command line. It parses arguments, reads settings once, and calls
plain functions; nothing here knows how answers or reasoning work."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError, LoadError, StoreBusy, ValidationFailed

from .settings import Settings

if TYPE_CHECKING:
    from kg.store import KnowledgeStore, LoadReport

    from .answer import Answer

__all__ = ["main"]


def _open_store(settings: Settings, *, write: bool = False) -> KnowledgeStore:
    """Open the store; a reader falls back to read-only when a server holds it."""
    from .stores import open_store

    try:
        return open_store(settings)
    except StoreBusy:
        if write:
            raise
        return open_store(settings, read_only=True)


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
        where = settings.store if settings.remote else settings.store_path or "in memory"
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


def _progress(quiet: bool = False) -> Callable[[str], None] | None:
    """Progress lines on stderr when it is a terminal."""
    if quiet or not sys.stderr.isatty():
        return None
    return lambda line: print(line, file=sys.stderr, flush=True)


def _summary(load: LoadReport | None, changed: Sequence[str]) -> str:
    if load is None:
        return "nothing changed (the store already holds these filings)"
    return (
        f"{len(changed)} company graph(s) replaced, {load.added:+d} statements; "
        f"{load.derived} derived values, {load.conflicts} conflicts"
    )


def cmd_import_sec(args: argparse.Namespace, settings: Settings) -> int:
    from kg.filings import import_companyfacts, plan_import
    from kg.namespaces import PREFIXES
    from kg.rdfio import format_for, serialize
    from kg.sec import read_companyfacts

    ks = _open_store(settings, write=not args.output)
    progress = _progress()
    docs = []
    for i, path in enumerate(args.files, 1):
        docs.append((path, read_companyfacts(path)))
        if progress:
            progress(f"[{i}/{len(args.files)}] read {path}")
    if args.output:
        graphs, reports = plan_import(ks.store, ks.knowledge, docs)
        triples = (q.triple for g in sorted(graphs) for q in graphs[g])
        Path(args.output).write_bytes(serialize(triples, format_for(path=args.output), PREFIXES))
    else:
        try:
            result = import_companyfacts(ks, docs)
        except ValidationFailed as exc:
            for v in exc.violations:
                print(f"{exc.source}: {v}", file=sys.stderr)
            return _fail(f"{len(exc.violations)} violation(s); nothing was stored")
        reports = result.reports
    for r in reports:
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(r.skipped.items())) or "nothing"
        name = ks.knowledge.label(r.company) if r.company in ks.knowledge.entities else r.company
        print(
            f"{name}: {r.observations} observations from {r.filings} filings, {r.restated} restated value(s); "
            f"skipped {skipped}",
            file=sys.stderr,
        )
    if not args.output:
        print(_summary(result.load, result.changed))
    return 0


def cmd_import_csv(args: argparse.Namespace, settings: Settings) -> int:
    from kg.errors import RowsRejected
    from kg.tables import import_table

    mapping = {}
    for pair in args.map or []:
        for item in pair.split(","):
            if "=" not in item:
                return _fail(f"--map takes HEADER=column pairs, not {item!r}", 2)
            header, column = item.split("=", 1)
            mapping[header.strip()] = column.strip()
    ks = _open_store(settings, write=True)
    try:
        report = import_table(ks, args.file, mapping=mapping)
    except RowsRejected as exc:
        for line, why in exc.rows:
            print(f"{args.file}:{line}: {why}" if line else f"{args.file}: {why}", file=sys.stderr)
        return _fail(f"{len(exc.rows)} bad row(s); nothing was stored")
    print(
        f"loaded {report.quads} statements from {args.file} ({report.added} new); "
        f"{report.derived} derived values, {report.conflicts} conflicts"
    )
    return 0


def cmd_update_sec(args: argparse.Namespace, settings: Settings) -> int:
    from kg.sec_fetch import CompanyFactsClient, update_filings

    if not settings.sec_user_agent:
        return _fail(
            "KGBOT_SEC_USER_AGENT must be set: SEC asks every client to name itself and give a contact "
            "address, e.g. KGBOT_SEC_USER_AGENT='Example Research admin@example.com'",
            2,
        )
    ks = _open_store(settings, write=True)
    client = CompanyFactsClient(settings.sec_user_agent, settings.sec_api_url)
    try:
        result = update_filings(ks, client, args.cik or (), progress=_progress())
    except ValidationFailed as exc:
        for v in exc.violations:
            print(f"{exc.source}: {v}", file=sys.stderr)
        return _fail(f"{len(exc.violations)} violation(s); nothing was stored")
    finally:
        client.close()
    fresh = sum(f.document is not None for f in result.fetched)
    print(
        f"fetched {len(result.fetched)} companyfacts document(s), {fresh} changed upstream; "
        + _summary(result.load, result.changed)
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
        change = q.period.is_change
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
            print(_with_arithmetic(answer, render_text(answer)), flush=True)
    return 0


def _with_arithmetic(answer: Answer, text: str) -> str:
    """The text answer with its derivation written as arithmetic ("$371B ÷ 1.44 = $257.6B").

    An explanation's steps are replaced by the arithmetic, down to the quoted sources; any
    other derived answer gets one "Computed:" line after its sentence.
    """
    from .arithmetic import derivation_lines

    if not answer.derivation:
        return text
    top = {**answer.derivation, "qualifier": answer.derivation.get("qualifier") or answer.qualifier}
    lines = derivation_lines(top, unit=answer.unit)
    first, _, rest = text.partition("\n")
    if answer.kind == "explanation":
        return "\n".join([first, *("  " + line for line in lines)])  # the quotes are in the steps
    if not lines or lines[0] in first:
        return text  # the sentence already shows its arithmetic
    return "\n".join([first, f"  Computed: {lines[0]}", *([rest] if rest else [])])


def cmd_slack_check(args: argparse.Namespace, settings: Settings) -> int:
    from .slack.check import check_slack

    mode = {"http": False, "socket": True}.get(args.mode)
    result = check_slack(settings, socket_mode=mode)
    print(f"Slack Web API: {settings.slack_api_url}")
    print(result.report())
    return 0 if result.ok else 1


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
    from .state import open_state

    store = _open_store(settings)
    answerer = Answerer(store, today=settings.today, shared=open_state(settings, store))
    print("kgbot: connecting to Slack over Socket Mode (Ctrl-C stops)", file=sys.stderr, flush=True)
    run_socket_mode(build_slack_app(settings, answerer, socket_mode=True), str(settings.slack_app_token))
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import gc

    import uvicorn

    from .http import create_app
    from .http.protocols import http_protocol

    if args.workers > 1:
        return _serve_workers(args, settings)
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


def _serve_workers(args: argparse.Namespace, settings: Settings) -> int:
    """``serve --workers N``: N uvicorn worker processes, each building the app from the
    environment set here (the store, the shared state file, the day)."""
    import os
    import tempfile

    import uvicorn

    if not settings.remote and settings.store_path is None:
        return _fail("several workers need an on-disk store or a SPARQL server, not ':memory:'", 2)
    host, port = args.host or settings.host, args.port or settings.port
    env = {"KGBOT_STORE": settings.store if settings.remote else settings.store_path}
    if settings.today is not None:
        env["KGBOT_TODAY"] = settings.today.isoformat()
    if not settings.state:  # conversation context and Slack event ids, shared by the workers
        env["KGBOT_STATE"] = (
            str(Path(tempfile.gettempdir()) / f"kgbot-state-{port}.sqlite")
            if settings.remote
            else f"{settings.store_path}.state.sqlite"
        )
    os.environ.update({k: str(v) for k, v in env.items()})
    if not settings.remote:  # seed a new store once, before the workers start
        from kg.store import KnowledgeStore

        KnowledgeStore(str(settings.store_path)).close()
    uvicorn.run(
        "bot.http.serving:app_from_env",
        factory=True,
        workers=args.workers,
        host=host,
        port=port,
        log_level=args.log_level,
        access_log=args.access_log,
        http="bot.http.serving:HTTP_PROTOCOL",
    )
    return 0


# ---------------------------------------------------------------- parser


def _cik(text: str) -> str:
    digits = text.strip().upper().removeprefix("CIK")
    if not digits.isdigit() or len(digits) > 10:
        raise argparse.ArgumentTypeError(f"a CIK is up to ten digits, not {text!r}")
    return digits.zfill(10)


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

    p = sub.add_parser("serve", help="run the HTTP service on the store (see /docs)")
    p.add_argument("--host", help="address to listen on (default: KGBOT_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="port to listen on (default: KGBOT_PORT or 8000)")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.add_argument("--access-log", action="store_true", help="log every request (off: it costs throughput)")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes (default 1); with more, they share the store (one writer at a time), "
        "conversation context and Slack event ids",
    )
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

    p = sub.add_parser(
        "import-sec",
        help="import SEC EDGAR XBRL companyfacts JSON (validated, all or nothing, idempotent)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="""examples:
  kgbot import-sec CIK0000320193.json
  kgbot import-sec data/sec/*.json             # several companies in one transaction
  kgbot import-sec CIK0001045810.json -o nvidia.ttl

Each company's filings are merged with what the store holds (matched by CIK, then by
name); a later filing's value for a period replaces an earlier one, which is kept as
history. Importing the same files again changes nothing.""",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("-o", "--output", help="write Turtle/N-Triples to this file instead of loading")
    p.set_defaults(func=cmd_import_sec)

    p = sub.add_parser(
        "import-csv",
        help="import a CSV table of figures (validated, all or nothing)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="""columns: subject, metric, period, value, source (required); unit, status, qualifier,
quote, url, date (optional). Names are resolved like questions: labels, aliases, tickers.

examples:
  kgbot import-csv forecasts.csv
  kgbot import-csv sheet.csv --map "Company=subject,KPI=metric,Year=period,Amount=value,Report=source"

A table with one bad row stores nothing; every bad row is reported with its line number.""",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--map", action="append", metavar="HEADER=COLUMN,...", help="rename the file's headers")
    p.set_defaults(func=cmd_import_csv)

    p = sub.add_parser(
        "update-sec",
        help="fetch the latest companyfacts from SEC for the companies in the graph",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="""environment:
  KGBOT_SEC_USER_AGENT  required: who you are and a contact address (SEC's rule)
  SEC_API_URL           base URL (default https://data.sec.gov/api/xbrl/companyfacts/)

examples:
  KGBOT_SEC_USER_AGENT='Example Research admin@example.com' kgbot update-sec
  kgbot update-sec --cik 320193 --cik 1045810

At most 10 requests per second, conditional requests (an unchanged document is not
downloaded again), retries with backoff; one transaction for all companies.""",
    )
    p.add_argument("--cik", action="append", type=_cik, metavar="CIK", help="only this company (repeatable)")
    p.set_defaults(func=cmd_update_sec)

    p = sub.add_parser("export", help="write the graph (N-Quads/TriG include the derived graph)")
    p.add_argument("--format", default="turtle", choices=["turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"])
    p.add_argument("-o", "--output")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("derivations", help="list derived values and conflicts, or explain one")
    p.add_argument("--explain", metavar="TEXT", help="explain the quantities whose description contains TEXT")
    p.add_argument("--strict", action="store_true", help="exit 1 when there are conflicts")
    p.set_defaults(func=cmd_derivations)
    p = sub.add_parser(
        "slack-check",
        help="check the Slack tokens, signing secret and scopes against Slack's Web API (auth.test)",
    )
    p.add_argument(
        "--mode",
        choices=("auto", "http", "socket"),
        default="auto",
        help="what to check for: HTTP mode (signing secret) or Socket Mode (app token); auto: socket when "
        "SLACK_APP_TOKEN is set",
    )
    p.set_defaults(func=cmd_slack_check)
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
