"""State the processes that serve share: conversation context and the Slack event ids
already handled, in one SQLite file (``KGBOT_STATE``).

Several workers on one machine (``kgbot serve --workers N``) share the file, so a
follow-up that lands on another worker still has its context and a Slack retry that lands
on another worker is still dropped. SQLite's own locking makes "first time this event id
is seen" atomic across processes. Entries beyond the limits are forgotten oldest first.
"""

from __future__ import annotations

import pickle
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

__all__ = ["SharedState"]

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
