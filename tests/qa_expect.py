"""What a question's answer must look like, checked on the Answer's structured fields.

Shared by the ``test_qa_*`` modules. An :class:`Expect` names only what matters for a
case; :func:`check` compares it with an :class:`~bot.answer.Answer` and reports every
difference at once, with the answer's text, so a failing case reads as a diagnosis.
Text is only ever searched for key tokens ("$30.7B"), never compared as a whole.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date

from bot.answer import KINDS, MEASURES, Answer
from bot.engine import Answerer
from kg.store import KnowledgeStore

__all__ = ["TODAY", "Expect", "assert_valid", "check", "conversation", "item_labels"]

#: The day relative periods resolve against in these tests.
TODAY = date(2026, 11, 26)


@dataclass(frozen=True)
class Expect:
    """Expected fields of an answer; ``None`` / empty means "not checked"."""

    kind: str | tuple[str, ...] = "value"
    answered: bool | None = None  # default: follows from kind
    value: float | None = None
    rel: float = 0.005  # relative tolerance on value
    unit: str | None = None
    qualifier: str | None = None
    status: str | None = None
    subject: str | None = None
    period: str | None = None
    items: tuple[str, ...] = ()  # labels that must be among the items (substring, case-insensitive)
    first: tuple[str, ...] = ()  # labels the first items must carry, in this order
    n_items: int | None = None
    tokens: tuple[str, ...] = ()  # must occur in the text
    absent: tuple[str, ...] = ()  # must not occur in the text, items or value labels
    not_value: tuple[float, ...] = ()  # values the answer must not carry (a wrong figure)
    sources: bool = False  # at least one source with a quote
    suggestions: bool = False  # at least one suggestion
    measure: str | None = None  # what value measures (level, difference, percent_change, ...)
    verdict: str | None = None  # yes / no / unknown, for yes/no questions


def conversation(store: KnowledgeStore, turns: list[str], today: date = date(2025, 10, 1)) -> Answer:
    """The answer to the last of ``turns``, asked in one conversation after the ones before it."""
    answerer = Answerer(store, today=today)
    for turn in turns[:-1]:
        answerer.ask(turn, conversation_id="c")
    return answerer.ask(turns[-1], conversation_id="c")


def item_labels(a: Answer) -> list[str]:
    return [str(i.get("label", "")) for i in a.items]


#: Prefixes of the Turtle snippets the question tests load.
TTL_PREFIXES = """\
@prefix kg:      <https://kgbot.dev/ns#> .
@prefix e:       <https://kgbot.dev/id/org/> .
@prefix m:       <https://kgbot.dev/id/metric/> .
@prefix p:       <https://kgbot.dev/id/period/> .
@prefix t:       <https://kgbot.dev/id/test/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix qb:      <http://purl.org/linked-data/cube#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix sdmx-code:      <http://purl.org/linked-data/sdmx/2009/code#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""

#: The keys of the Answer contract (DESIGN §6), in order.
CONTRACT = [
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


def assert_valid(a: Answer) -> None:
    """The Answer contract (DESIGN §6) holds, whatever the question."""
    assert isinstance(a, Answer)
    assert a.kind in KINDS
    assert isinstance(a.answered, bool)
    assert a.answered == (a.kind not in ("not_found", "not_understood"))
    assert isinstance(a.text, str) and a.text.strip()
    assert a.value is None or (isinstance(a.value, float) and math.isfinite(a.value))
    assert a.measure is None or (a.measure in MEASURES and a.value is not None)
    assert (a.kind == "yes_no") == (a.verdict is not None)
    if a.verdict in ("yes", "no"):
        assert a.text.startswith(a.verdict.capitalize()), a.text
    d = a.to_dict()
    assert list(d)[:3] == ["question", "answered", "kind"]
    json.loads(json.dumps(d, allow_nan=False))
    for item in a.items:
        assert isinstance(item, dict) and "label" in item
    for s in a.sources:
        assert s.title and isinstance(s.quote, str)


def _close(actual: float | None, expected: float, rel: float) -> bool:
    return actual is not None and math.isclose(actual, expected, rel_tol=rel, abs_tol=1e-9)


def check(a: Answer, e: Expect) -> None:
    """Assert that ``a`` has everything ``e`` asks for."""
    assert_valid(a)
    problems: list[str] = []
    kinds = (e.kind,) if isinstance(e.kind, str) else e.kind
    if a.kind not in kinds:
        problems.append(f"kind {a.kind!r}, expected {kinds}")
    refusals = {k in ("not_found", "not_understood") for k in kinds}
    answered = e.answered if e.answered is not None else (None if len(refusals) > 1 else not refusals.pop())
    if answered is not None and a.answered != answered:
        problems.append(f"answered {a.answered}, expected {answered}")
    if e.value is not None and not _close(a.value, e.value, e.rel):
        problems.append(f"value {a.value!r}, expected {e.value!r} (±{e.rel:.1%})")
    for field_name in ("unit", "qualifier", "status", "subject", "period", "measure", "verdict"):
        want = getattr(e, field_name)
        got = getattr(a, field_name)
        if want is not None and got != want:
            problems.append(f"{field_name} {got!r}, expected {want!r}")
    labels = [x.lower() for x in item_labels(a)]
    for want in e.items:
        if not any(want.lower() in x for x in labels):
            problems.append(f"no item {want!r} among {item_labels(a)}")
    for i, want in enumerate(e.first):
        if i >= len(labels) or want.lower() not in labels[i]:
            problems.append(f"item {i} should be {want!r}; items are {item_labels(a)}")
    if e.n_items is not None and len(a.items) != e.n_items:
        problems.append(f"{len(a.items)} items, expected {e.n_items}: {item_labels(a)}")
    for token in e.tokens:
        if token.lower() not in a.text.lower():
            problems.append(f"text lacks {token!r}")
    for token in e.absent:
        if token.lower() in a.text.lower() or any(token.lower() in x for x in labels):
            problems.append(f"answer mentions {token!r}")
    for wrong in e.not_value:
        if _close(a.value, wrong, 0.001) or any(
            _close(i.get("value"), wrong, 0.001) for i in a.items if isinstance(i.get("value"), float)
        ):
            problems.append(f"answer carries the wrong figure {wrong!r}")
    if e.sources and not any(s.quote for s in a.sources):
        problems.append("no quoted source")
    if e.suggestions and not a.suggestions:
        problems.append("no suggestions")
    assert not problems, f"{a.question!r} -> {a.kind}: {a.text!r}\n  " + "\n  ".join(problems)
