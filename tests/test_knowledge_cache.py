"""The knowledge kept beside an on-disk store: used when the data is unchanged, never when
it changed, whoever changed it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import knowledge_cache
from kg.store import KnowledgeStore

FACT = """@prefix kg: <https://kgbot.dev/ns#> .
@prefix qb: <http://purl.org/linked-data/cube#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix sdmx-code: <http://purl.org/linked-data/sdmx/2009/code#> .
@prefix prov: <https://www.w3.org/ns/prov#> .
<https://kgbot.dev/id/obs/test/cache> a qb:Observation ;
    kg:subject <https://kgbot.dev/id/org/meta> ; kg:metric <https://kgbot.dev/id/metric/capex> ;
    kg:period <https://kgbot.dev/id/period/2024> ; kg:value 28100000000.0 ;
    sdmx-attribute:unitMeasure kg:USD ; sdmx-attribute:obsStatus sdmx-code:obsStatus-A ;
    <http://www.w3.org/ns/prov#wasDerivedFrom> <https://kgbot.dev/id/source/ai-inference-shift-2025> ;
    kg:quote "Meta spent $28.1 billion in 2024." .
"""
OBS = "https://kgbot.dev/id/obs/test/cache"


def _observations(ks: KnowledgeStore) -> set[str]:
    return {o.iri for o in ks.knowledge.observations}


def _open(path: Path) -> tuple[KnowledgeStore, bool]:
    """Open the store; whether its knowledge came from the cache."""
    hits = []
    real = knowledge_cache.load

    def spy(*args: object, **kwargs: object) -> object:
        found = real(*args, **kwargs)  # type: ignore[arg-type]
        hits.append(found is not None)
        return found

    knowledge_cache.load = spy  # type: ignore[assignment]
    try:
        ks = KnowledgeStore(path, filings=False)
    finally:
        knowledge_cache.load = real  # type: ignore[assignment]
    return ks, any(hits)


def _settle(path: Path) -> KnowledgeStore:
    """Open until an open finds the cache (the database's background compactions move its
    files now and then, which costs a miss); that store, open."""
    for _ in range(20):
        ks, hit = _open(path)
        if hit:
            return ks
        ks.close()
        time.sleep(0.2)
    pytest.fail("the cache was never used")


@pytest.mark.slow
def test_an_unchanged_store_opens_from_the_cache_with_the_same_knowledge(tmp_path: Path) -> None:
    path = tmp_path / "store"
    first = KnowledgeStore(path, filings=False)
    expected = (_observations(first), set(first.derivations.derived), len(first.derivations.conflicts))
    first.close()
    assert knowledge_cache.cache_file(path).is_file()
    ks = _settle(path)
    assert (_observations(ks), set(ks.derivations.derived), len(ks.derivations.conflicts)) == expected
    assert ks.generation == ks.knowledge.generation == 1
    ks.close()


@pytest.mark.slow
def test_a_write_through_the_store_is_seen_by_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "store"
    KnowledgeStore(path, filings=False).close()
    _settle(path).close()
    ks = KnowledgeStore(path, filings=False)
    ks.load_data(FACT, "turtle")
    ks.close()
    again, _hit = _open(path)
    assert OBS in _observations(again)
    again.close()


@pytest.mark.slow
def test_a_write_that_bypasses_kgbot_is_never_hidden_by_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "store"
    KnowledgeStore(path, filings=False).close()
    _settle(path).close()
    # another program writes to the store directly (here: pyoxigraph in another process)
    code = (
        "import pyoxigraph as ox, sys\n"
        "s = ox.Store(sys.argv[1])\n"
        "s.load(sys.stdin.buffer.read(), format=ox.RdfFormat.TURTLE)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], input=FACT.encode(), check=True)
    ks, hit = _open(path)
    assert not hit
    assert OBS in _observations(ks)
    ks.close()


@pytest.mark.slow
def test_a_reader_beside_a_writer_sees_each_new_write(tmp_path: Path) -> None:
    path = tmp_path / "store"
    writer = KnowledgeStore(path, filings=False)  # holds the store, as a server does
    reader = KnowledgeStore(path, read_only=True)
    assert OBS not in _observations(reader)
    del reader
    writer.load_data(FACT, "turtle")
    reader = KnowledgeStore(path, read_only=True)
    assert OBS in _observations(reader)
    del reader
    writer.store.remove(
        ox.Quad(
            ox.NamedNode(OBS),
            ox.NamedNode("https://kgbot.dev/ns#quote"),
            ox.Literal("Meta spent $28.1 billion in 2024."),
        )
    )  # a change made without a refresh
    writer.store.update(f"DELETE WHERE {{ <{OBS}> ?p ?o }}")
    reader = KnowledgeStore(path, read_only=True)
    assert OBS not in _observations(reader)
    del reader
    writer.close()


def test_a_damaged_cache_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "store"
    path.mkdir()
    found = knowledge_cache.Fingerprint(("a", "b"))
    knowledge_cache.cache_file(path).write_bytes(b"not a pickle")
    assert knowledge_cache.load(path, found, read_only=False) is None
    assert knowledge_cache.fingerprint(tmp_path / "missing") is None
