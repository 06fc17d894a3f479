"""The Answer contract shared by the CLI, HTTP and Slack (DESIGN §6)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["KINDS", "MEASURES", "VERDICTS", "Answer", "SourceRef"]

KINDS = ("value", "list", "comparison", "yes_no", "explanation", "not_found", "not_understood", "help")

#: What ``value`` measures: the measure the question asked for, never another one of the same figures.
MEASURES = (
    "level",
    "difference",
    "percent_change",
    "pp_change",
    "multiple",
    "ratio",
    "cagr",
    "per_year_step",
    "average",
    "sum",
    "annualised",
    "median",
)
VERDICTS = ("yes", "no", "unknown")


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
    measure: str | None = None
    verdict: str | None = None
    #: the graph's facts the answer rests on, for follow-ups ("how did you get that?"); not part of the JSON
    basis: tuple[Any, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown answer kind {self.kind!r}")
        if self.measure is not None and self.measure not in MEASURES:
            raise ValueError(f"unknown measure {self.measure!r}")
        if (self.verdict is not None) != (self.kind == "yes_no") or (self.verdict and self.verdict not in VERDICTS):
            raise ValueError("a yes/no answer, and only one, carries a verdict of yes, no or unknown")
        if self.value is None:
            self.measure = None
        if self.value is not None:
            if not math.isfinite(self.value):
                raise ValueError("an answer's value must be finite")
            self.value = float(f"{self.value:.12g}")  # 0.43999999999999995 -> 0.44

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the contract, keys in the documented order."""
        order = [
            "question",
            "answered",
            "kind",
            "value",
            "measure",
            "verdict",
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
        d = {k: getattr(self, k) for k in order}
        d["sources"] = [asdict(s) for s in self.sources]
        return d
