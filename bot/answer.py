"""The Answer contract shared by the CLI, HTTP and Slack (DESIGN §6)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["KINDS", "Answer", "SourceRef"]

KINDS = ("value", "list", "comparison", "explanation", "not_found", "not_understood", "help")


@dataclass
class SourceRef:
    title: str
    quote: str
    publisher: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass
class Answer:
    question: str
    answered: bool
    kind: str
    text: str
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    status: str | None = None
    subject: str | None = None
    metric: str | None = None
    period: str | None = None
    items: list[dict[str, Any]] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    derivation: dict[str, Any] | None = None
    suggestions: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown answer kind {self.kind!r}")
        if self.value is not None:
            if not math.isfinite(self.value):
                raise ValueError("an answer's value must be finite")
            self.value = float(f"{self.value:.12g}")  # 0.43999999999999995 -> 0.44

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the contract, keys in the documented order."""
        d = asdict(self)
        order = [
            "question",
            "answered",
            "kind",
            "value",
            "unit",
            "qualifier",
            "status",
            "subject",
            "metric",
            "period",
            "items",
            "text",
            "sources",
            "derivation",
            "suggestions",
        ]
        return {k: d[k] for k in order}
