"""State the processes that serve share: conversation context and the Slack event ids
already handled (``KGBOT_STATE``).

- :class:`SharedState`, one SQLite file: several workers on one machine (``kgbot serve
  --workers N``) share it, so a follow-up that lands on another worker still has its
  context and a Slack retry that lands on another worker is still dropped. SQLite's own
  locking makes "first time this event id is seen" atomic across processes. Entries beyond
  the limits are forgotten oldest first.
- :class:`SparqlState`, the SPARQL server the store is in (``KGBOT_STATE=sparql``): the
  same for processes on several machines. An event id is claimed by one conditional
  update, which the server runs as one transaction; contexts are signed with
  ``KGBOT_STATE_SECRET`` and one whose signature does not match is ignored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import pickle
import secrets
import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from kg.remote import RemoteStore
    from kg.store import KnowledgeStore

    from .settings import Settings

__all__ = ["SharedState", "SparqlState", "State", "open_state"]


class State(Protocol):
    """What the answerer and the Slack app keep where every serving process finds it."""

    def load(self, conversation_id: str) -> Any | None: ...

    def save(self, conversation_id: str, context: Any) -> None: ...

    def first_time(self, event_id: str) -> bool: ...


def open_state(settings: Settings, store: KnowledgeStore) -> State | None:
    """The shared state ``KGBOT_STATE`` names, or None (each process keeps its own)."""
    if not settings.state:
        return None
    if settings.state == "sparql":
        remote = getattr(store, "remote", None)
        if remote is None:
            raise SystemExit("kgbot: KGBOT_STATE=sparql needs KGBOT_STORE to be a SPARQL server")
        if not settings.state_secret:
            raise SystemExit("kgbot: KGBOT_STATE=sparql needs KGBOT_STATE_SECRET (a long random string)")
        return SparqlState(remote, settings.state_secret)
    return SharedState(settings.state)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS contexts (id TEXT PRIMARY KEY, data BLOB NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS contexts_at ON contexts (at);
CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS events_at ON events (at);
"""


class SharedState:
    """Conversation contexts and seen event ids in the SQLite file at ``path``."""

    def __init__(self, path: str | Path, *, max_conversations: int = 10000, max_events: int = 10000) -> None:
        self.path = str(path)
        self.max_conversations = max_conversations
        self.max_events = max_events
        self._local = threading.local()
        self._writes = 0
        with self._db() as db:
            db.executescript(_SCHEMA)

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        return db

    # ------------------------------------------------------------ conversations
    def load(self, conversation_id: str) -> Any | None:
        """The context saved for a conversation, or None."""
        row = self._db().execute("SELECT data FROM contexts WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            return None
        try:
            return pickle.loads(row[0])
        except Exception:  # written by another version: start the conversation afresh
            return None

    def save(self, conversation_id: str, context: Any) -> None:
        data = pickle.dumps(context, protocol=pickle.HIGHEST_PROTOCOL)
        db = self._db()
        db.execute(
            "INSERT OR REPLACE INTO contexts (id, data, at) VALUES (?, ?, ?)", (conversation_id, data, time.time())
        )
        self._prune(db, "contexts", self.max_conversations)

    # ------------------------------------------------------------ Slack events
    def first_time(self, event_id: str) -> bool:
        """Record ``event_id``; True in exactly one process, the first to see it."""
        db = self._db()
        added = db.execute("INSERT OR IGNORE INTO events (id, at) VALUES (?, ?)", (event_id, time.time())).rowcount
        self._prune(db, "events", self.max_events)
        return added == 1

    def _prune(self, db: sqlite3.Connection, table: str, keep: int) -> None:
        self._writes += 1
        if self._writes % 100:
            return
        db.execute(
            f"DELETE FROM {table} WHERE at < (SELECT at FROM {table} ORDER BY at DESC LIMIT 1 OFFSET ?)", (keep - 1,)
        )


#: The server's graph of shared state (under the reserved prefix: never listed or exported).
STATE_GRAPH = "https://kgbot.dev/graph/-/state"
_CONTEXT = "<https://kgbot.dev/ns#context>"
_CLAIM = "<https://kgbot.dev/ns#claimedBy>"
_AT = "<https://kgbot.dev/ns#at>"
#: Contexts and event ids older than this are forgotten.
_KEEP_SECONDS = 7 * 24 * 3600
#: How long claims of one event racing each other take to be committed, at most.
_CLAIM_SETTLE_SECONDS = 0.2


class SparqlState:
    """Conversation contexts and seen event ids in the SPARQL server's graph :data:`STATE_GRAPH`."""

    def __init__(self, remote: RemoteStore, secret: str) -> None:
        self.remote = remote
        self._key = hashlib.sha256(secret.encode("utf-8")).digest()
        self._writes = 0

    @staticmethod
    def _node(kind: str, key: str) -> str:
        return f"<https://kgbot.dev/id/state/{kind}/{hashlib.sha256(key.encode('utf-8')).hexdigest()}>"

    def _sign(self, data: bytes) -> str:
        mac = hmac.new(self._key, data, hashlib.sha256).digest()
        return base64.b64encode(mac + data).decode("ascii")

    def _open(self, text: str) -> bytes | None:
        try:
            raw = base64.b64decode(text, validate=True)
        except ValueError:
            return None
        mac, data = raw[:32], raw[32:]
        return data if hmac.compare_digest(mac, hmac.new(self._key, data, hashlib.sha256).digest()) else None

    def load(self, conversation_id: str) -> Any | None:
        node = self._node("conversation", conversation_id)
        rows = self.remote.select(f"SELECT ?d WHERE {{ GRAPH <{STATE_GRAPH}> {{ {node} {_CONTEXT} ?d }} }}")
        if not rows or rows[0]["d"] is None:
            return None
        data = self._open(rows[0]["d"].value)
        if data is None:
            return None
        try:
            return pickle.loads(data)
        except Exception:
            return None

    def save(self, conversation_id: str, context: Any) -> None:
        node = self._node("conversation", conversation_id)
        value = self._sign(pickle.dumps(context, protocol=pickle.HIGHEST_PROTOCOL))
        self.remote.send_update(
            f"DELETE {{ GRAPH <{STATE_GRAPH}> {{ {node} {_CONTEXT} ?d ; {_AT} ?t }} }}\n"
            f'INSERT {{ GRAPH <{STATE_GRAPH}> {{ {node} {_CONTEXT} "{value}" ; {_AT} {time.time():.3f} }} }}\n'
            f"WHERE {{ OPTIONAL {{ GRAPH <{STATE_GRAPH}> {{ {node} {_CONTEXT} ?d ; {_AT} ?t }} }} }}"
        )
        self._prune()

    def first_time(self, event_id: str) -> bool:
        node = self._node("event", event_id)
        token = secrets.token_hex(8)
        self.remote.send_update(
            f'INSERT {{ GRAPH <{STATE_GRAPH}> {{ {node} {_CLAIM} "{token}" ; {_AT} {time.time():.3f} }} }}\n'
            f"WHERE {{ FILTER NOT EXISTS {{ GRAPH <{STATE_GRAPH}> {{ {node} {_CLAIM} ?any }} }} }}"
        )
        # SPARQL 1.1 has no compare-and-swap: servers run updates under snapshot isolation, so two
        # workers can both pass the NOT EXISTS check. Claims racing the first one are all committed
        # within moments; after that every later insert sees a claim and adds none. So wait for the
        # racing claims to settle, then let the smallest token win: every worker picks the same one.
        time.sleep(_CLAIM_SETTLE_SECONDS)
        rows = self.remote.select(f"SELECT ?c WHERE {{ GRAPH <{STATE_GRAPH}> {{ {node} {_CLAIM} ?c }} }}")
        self._prune()
        claims = [r["c"].value for r in rows if r["c"] is not None]
        return bool(claims) and min(claims) == token

    def _prune(self) -> None:
        self._writes += 1
        if self._writes % 100:
            return
        self.remote.send_update(
            f"DELETE {{ GRAPH <{STATE_GRAPH}> {{ ?n ?p ?o }} }} "
            f"WHERE {{ GRAPH <{STATE_GRAPH}> {{ ?n {_AT} ?t ; ?p ?o }} (?t < {time.time() - _KEEP_SECONDS:.3f}) }}"
        )
