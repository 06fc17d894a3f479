"""Bounded, thread-safe memories the Slack app keeps: events it has seen, answers it has
given (so a button can explain the answer it sits under)."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass

from ..answer import Answer

__all__ = ["GivenAnswers", "SeenEvents"]


class SeenEvents:
    """The last ``size`` event ids, oldest forgotten first.

    >>> seen = SeenEvents(size=2)
    >>> seen.first_time("Ev1"), seen.first_time("Ev1"), seen.first_time("Ev2"), seen.first_time("Ev3")
    (True, False, True, True)
    >>> seen.first_time("Ev1")  # forgotten: only two ids are kept
    True
    """

    def __init__(self, size: int = 10000) -> None:
        self.size = size
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, event_id: str) -> bool:
        """Record ``event_id``; True if it was not seen before."""
        with self._lock:
            if event_id in self._ids:
                self._ids.move_to_end(event_id)
                return False
            self._ids[event_id] = None
            while len(self._ids) > self.size:
                self._ids.popitem(last=False)
            return True

    def __len__(self) -> int:
        return len(self._ids)


@dataclass(frozen=True)
class GivenAnswer:
    answer: Answer
    conversation_id: str


class GivenAnswers:
    """Answers posted recently, by a short random key, and the latest per conversation."""

    def __init__(self, size: int = 5000) -> None:
        self.size = size
        self._by_key: OrderedDict[str, GivenAnswer] = OrderedDict()
        self._latest: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, answer: Answer, conversation_id: str) -> str:
        key = secrets.token_hex(8)
        with self._lock:
            self._by_key[key] = GivenAnswer(answer, conversation_id)
            self._latest[conversation_id] = key
            self._latest.move_to_end(conversation_id)
            for memory in (self._by_key, self._latest):
                while len(memory) > self.size:
                    memory.popitem(last=False)
        return key

    def get(self, key: str) -> GivenAnswer | None:
        with self._lock:
            return self._by_key.get(key)

    def is_latest(self, key: str, conversation_id: str) -> bool:
        with self._lock:
            return self._latest.get(conversation_id) == key
