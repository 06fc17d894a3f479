"""The same questions get the same answers whether the graph is embedded or held by a SPARQL
server: every case of every scored question set in bench/qa_sets, follow-ups included, asked of
both backends (a real Oxigraph server for the remote one)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import remote_store

from bot.engine import Answerer
from kg.store import KnowledgeStore

SETS = sorted((Path(__file__).resolve().parents[1] / "bench" / "qa_sets").glob("*.jsonl"))
DEFAULT_TODAY = "2025-10-01"


def _cases(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _answers(store: Any, cases: list[dict[str, Any]], tag: str) -> dict[str, dict[str, Any]]:
    by_day: dict[str, Answerer] = {}
    out: dict[str, dict[str, Any]] = {}
    for case in cases:
        day = case.get("today", DEFAULT_TODAY)
        answerer = by_day.setdefault(day, Answerer(store, today=date.fromisoformat(day)))
        conversation = f"{tag}:{case['id']}"
        for earlier in case.get("context", []):
            answerer.ask(earlier, conversation_id=conversation)
        out[case["id"]] = answerer.ask(case["question"], conversation_id=conversation).to_dict()
    return out


@pytest.fixture(scope="module")
def stores(remote_servers: Any) -> tuple[KnowledgeStore, Any]:
    return KnowledgeStore(), remote_store(remote_servers.start())


def test_the_two_backends_hold_the_same_observations(stores: tuple[KnowledgeStore, Any]) -> None:
    embedded, remote = stores
    assert len(remote.knowledge.observations) == len(embedded.knowledge.observations) > 500


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_every_question_gets_the_same_answer_on_both_backends(stores: tuple[KnowledgeStore, Any], path: Path) -> None:
    embedded, remote = stores
    cases = _cases(path)
    here, there = _answers(embedded, cases, "embedded"), _answers(remote, cases, "remote")
    differ = [
        (k, field, here[k][field], there[k][field])
        for k in here
        for field in here[k]
        if here[k][field] != there[k][field]
    ]
    assert not differ, f"{len(differ)} of {len(cases)} answers differ, e.g. {differ[:3]}"
