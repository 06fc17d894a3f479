"""Answers to questions asked outside a conversation, kept for the data generation they
were given in: the same question on the same data (and the same day) gets the same
answer, so a popular question is answered once per generation, not once per request."""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date

__all__ = ["AnswerCache"]


class AnswerCache:
    """Up to ``size`` (question -> (kind, JSON body)) entries for one generation and day.

    >>> cache = AnswerCache(2)
    >>> cache.put(1, date(2025, 1, 1), "q", "value", b"{}")
    >>> cache.get(1, date(2025, 1, 1), "q")
    ('value', b'{}')
    >>> cache.get(2, date(2025, 1, 1), "q") is None  # the data changed
    True
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._entries: OrderedDict[str, tuple[str, bytes]] = OrderedDict()
        self._key: tuple[int, date] | None = None
        self._lock = threading.Lock()

    def get(self, generation: int, today: date, question: str) -> tuple[str, bytes] | None:
        if self.size <= 0:
            return None
        with self._lock:
            if self._key != (generation, today):
                self._entries.clear()
                self._key = (generation, today)
                return None
            hit = self._entries.get(question)
            if hit is not None:
                self._entries.move_to_end(question)
            return hit

    def put(self, generation: int, today: date, question: str, kind: str, body: bytes) -> None:
        if self.size <= 0:
            return
        with self._lock:
            if self._key != (generation, today):
                self._entries.clear()
                self._key = (generation, today)
            self._entries[question] = (kind, body)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
