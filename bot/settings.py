"""Settings: declared once as a table, read from the environment only at entry points.

Every setting has a name, an environment variable, a default and a help text; the
README documents each (a test checks that it does).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

__all__ = ["SETTINGS", "Setting", "Settings", "default_store_path"]


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: object
    help: str


def default_store_path() -> str:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "kgbot" / "store")


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "store",
        "KGBOT_STORE",
        None,
        "Directory of the embedded Oxigraph store (created and seeded on first start); "
        "':memory:' for an in-memory store; or the http(s) URL of a SPARQL 1.1 server's query endpoint. "
        "Default: $XDG_DATA_HOME/kgbot/store.",
    ),
    Setting(
        "store_update",
        "KGBOT_STORE_UPDATE",
        None,
        "The SPARQL server's update endpoint (with an http(s) KGBOT_STORE). Unset: the server is only read.",
    ),
    Setting(
        "store_graphs",
        "KGBOT_STORE_GRAPHS",
        None,
        "The SPARQL server's Graph Store Protocol endpoint (optional; recorded, not needed).",
    ),
    Setting(
        "store_auth",
        "KGBOT_STORE_AUTH",
        None,
        "Credentials for the SPARQL server: basic:USER:PASSWORD or bearer:TOKEN.",
    ),
    Setting(
        "state",
        "KGBOT_STATE",
        None,
        "Where the processes that serve share conversation context and Slack event ids: a SQLite file, "
        "or 'sparql' for the SPARQL server the store is in (several machines). `kgbot serve --workers N` "
        "sets a SQLite file beside the store. Unset: kept in each process.",
    ),
    Setting(
        "today",
        "KGBOT_TODAY",
        None,
        "Date (YYYY-MM-DD) that relative dates such as 'this year' resolve against. Default: today.",
    ),
    Setting(
        "api_token",
        "KGBOT_API_TOKEN",
        None,
        "Bearer token that enables writes over HTTP. Unset: writes are disabled (403).",
    ),
    Setting("query_timeout", "KGBOT_QUERY_TIMEOUT", 10.0, "Seconds a SPARQL query may run before it is stopped."),
    Setting("max_rows", "KGBOT_MAX_ROWS", 10000, "Most rows (or triples) a SPARQL query returns."),
    Setting("max_body", "KGBOT_MAX_BODY", 10 * 1024 * 1024, "Largest request body accepted, in bytes."),
    Setting(
        "max_literal",
        "KGBOT_MAX_LITERAL",
        1 << 20,
        "Longest literal an upload may hold, in bytes of UTF-8 (or with K, M, G). Longer: 413, nothing stored.",
    ),
    Setting(
        "max_document",
        "KGBOT_MAX_DOCUMENT",
        256 << 20,
        "Largest parsed upload, in bytes of statement text (about its N-Quads size; or with K, M, G). "
        "Larger: 413, nothing stored.",
    ),
    Setting("sparql_workers", "KGBOT_SPARQL_WORKERS", 2, "Worker processes that run SPARQL queries."),
    Setting(
        "query_memory",
        "KGBOT_QUERY_MEMORY",
        1 << 30,
        "Memory (heap and private mappings, RLIMIT_DATA) each SPARQL worker process may use, in bytes "
        "(or with K, M, G: '512M'). A query that needs more is stopped with 503 and its worker replaced. "
        "At least 256M.",
    ),
    Setting(
        "access_log",
        "KGBOT_ACCESS_LOG",
        False,
        "Write one JSON line per HTTP request (method, path, route, status, bytes, duration) "
        "to stdout (logger 'kgbot.access'): true or false.",
    ),
    Setting(
        "state_secret",
        "KGBOT_STATE_SECRET",
        None,
        "Key that signs the conversation context KGBOT_STATE=sparql keeps on the SPARQL server; required with it.",
    ),
    Setting(
        "answer_cache",
        "KGBOT_ANSWER_CACHE",
        1024,
        "Answers to questions asked outside a conversation that each process keeps for the current data "
        "(the same question is answered once per data generation and day); 0 turns the cache off.",
    ),
    Setting("host", "KGBOT_HOST", "127.0.0.1", "Address `kgbot serve` listens on."),
    Setting("port", "KGBOT_PORT", 8000, "Port `kgbot serve` listens on."),
    Setting(
        "slack_bot_token",
        "SLACK_BOT_TOKEN",
        None,
        "Slack bot token (xoxb-...). With SLACK_SIGNING_SECRET, mounts /slack/events.",
    ),
    Setting("slack_signing_secret", "SLACK_SIGNING_SECRET", None, "Slack signing secret used to verify requests."),
    Setting(
        "slack_app_token",
        "SLACK_APP_TOKEN",
        None,
        "Slack app-level token (xapp-...) for Socket Mode (`kgbot slack-socket`).",
    ),
    Setting(
        "sec_api_url",
        "SEC_API_URL",
        "https://data.sec.gov/api/xbrl/companyfacts/",
        "Base URL of SEC's companyfacts API that `kgbot update-sec` fetches from.",
    ),
    Setting(
        "sec_user_agent",
        "KGBOT_SEC_USER_AGENT",
        None,
        "User-Agent for SEC requests, naming you and a contact address (SEC requires it): "
        "'Example Research admin@example.com'. Required by `kgbot update-sec`.",
    ),
    Setting(
        "slack_api_url",
        "SLACK_API_URL",
        "https://slack.com/api/",
        "Base URL of Slack's Web API (point it at a local stand-in for tests).",
    ),
)


@dataclass(frozen=True)
class Settings:
    store: str | None = None
    store_update: str | None = None
    store_graphs: str | None = None
    store_auth: str | None = None
    state: str | None = None
    state_secret: str | None = None
    today: date | None = None
    api_token: str | None = None
    query_timeout: float = 10.0
    max_rows: int = 10000
    max_body: int = 10 * 1024 * 1024
    max_literal: int = 1 << 20
    max_document: int = 256 << 20
    sparql_workers: int = 2
    query_memory: int = 1 << 30
    access_log: bool = False
    answer_cache: int = 1024
    host: str = "127.0.0.1"
    port: int = 8000
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = "https://slack.com/api/"
    sec_api_url: str = "https://data.sec.gov/api/xbrl/companyfacts/"
    sec_user_agent: str | None = None

    @property
    def remote(self) -> bool:
        """Whether the store is a SPARQL server (an http(s) URL)."""
        return (self.store or "").lower().startswith(("http://", "https://"))

    @property
    def store_path(self) -> str | None:
        """Directory of the store, or None for an in-memory store (or a SPARQL server)."""
        if self.store == ":memory:" or self.remote:
            return None
        return self.store or default_store_path()

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Read every setting from ``environ`` (default: the process environment)."""
        env = os.environ if environ is None else environ
        types = {f.name: f.type for f in fields(cls)}
        values: dict[str, object] = {}
        for s in SETTINGS:
            raw = env.get(s.env)
            if raw is None or raw == "":
                continue
            values[s.name] = _byte_size(s, raw) if s.name in _BYTE_SIZES else _convert(s, raw, str(types[s.name]))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


#: Counts where 0 means "none" (a cache turned off).
_ZERO_ALLOWED = {"answer_cache"}

_BOOLEANS = {"true": True, "1": True, "yes": True, "on": True, "false": False, "0": False, "no": False, "off": False}

#: Settings that are amounts of memory or data, with their least sensible value.
_BYTE_SIZES = {"max_body": 1, "max_literal": 1, "max_document": 1, "query_memory": 256 << 20}
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def _byte_size(s: Setting, raw: str) -> int:
    """``'1048576'``, ``'512K'``, ``'64M'``, ``'1GiB'``... -> bytes (binary multiples)."""
    text = raw.strip().upper().removesuffix("B").removesuffix("I")
    number, unit = (text[:-1], text[-1]) if text[-1:] in _UNITS else (text, "")
    try:
        value = int(float(number) * _UNITS[unit])
    except (ValueError, OverflowError):
        raise SystemExit(f"kgbot: bad value for {s.env}={raw!r}: not a size such as 1048576, 512K, 64M or 1G") from None
    least = _BYTE_SIZES[s.name]
    if value < least:
        raise SystemExit(f"kgbot: bad value for {s.env}={raw!r}: must be at least {least} bytes")
    return value


def _convert(s: Setting, raw: str, type_name: str) -> object:
    try:
        if type_name.startswith("bool"):
            if raw.strip().lower() not in _BOOLEANS:
                raise ValueError("use true or false")
            return _BOOLEANS[raw.strip().lower()]
        if "date" in type_name:
            return date.fromisoformat(raw)
        if type_name.startswith("float"):
            value: float = float(raw)
            if value <= 0:
                raise ValueError("must be positive")
            return value
        if type_name.startswith("int"):
            number = int(raw)
            if number < 0 or (number == 0 and s.name not in _ZERO_ALLOWED):
                raise ValueError("must be positive")
            return number
    except ValueError as exc:
        raise SystemExit(f"kgbot: bad value for {s.env}={raw!r}: {exc}") from None
    return raw
