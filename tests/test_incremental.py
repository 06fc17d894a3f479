"""Adding observations incrementally gives what reading and deriving everything gives."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kg.incremental import add_observations, new_observation_nodes
from kg.knowledge import read_knowledge
from kg.namespaces import DERIVED_GRAPH
from kg.reasoning import Derivations, derive, derived_quads
from kg.store import KnowledgeStore

PREFIXES = """\
@prefix kg: <https://kgbot.dev/ns#> .
@prefix qb: <http://purl.org/linked-data/cube#> .
@prefix e: <https://kgbot.dev/id/org/> .
@prefix m: <https://kgbot.dev/id/metric/> .
@prefix p: <https://kgbot.dev/id/period/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix sdmx-code: <http://purl.org/linked-data/sdmx/2009/code#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""


def obs(name: str, subject: str, metric: str, period: str, value: float, status: str = "A") -> str:
    return f"""<https://kgbot.dev/id/obs/test/{name}> a qb:Observation ;
    kg:subject {subject} ; kg:metric {metric} ; kg:period {period} ; kg:value {value!r} ;
    sdmx-attribute:unitMeasure kg:USD ; sdmx-attribute:obsStatus sdmx-code:obsStatus-{status} ;
    prov:wasDerivedFrom <https://kgbot.dev/id/source/ai-inference-shift-2025> ;
    kg:quote "A test figure." .
"""


CASES = {
    "a quarter a series lacks": obs("q3", "e:meta", "m:capex", "p:2023-Q3", 6.8e9),
    "a second value for a stated quarter (a conflict)": obs("q1", "e:meta", "m:capex", "p:2023-Q1", 1.0e9),
    "the same figure again": obs("h1", "e:meta", "m:ai-capex", "p:2025-H1", 30.7e9),
    "revenue, which capex intensity uses": obs("rev", "e:meta", "m:revenue", "p:2024-Q2", 39.07e9),
    "a company the graph does not name": obs("x", "e:someone", "m:capex", "p:2024-Q2", 1.0e9),
    "two at once": obs("a", "e:meta", "m:capex", "p:2025-Q2", 17.0e9)
    + obs("b", "e:alphabet", "m:capex", "p:2025-Q2", 22.4e9, "F"),
}

GROUP = """
e:pair a kg:PeerGroup ; skos:prefLabel "the pair"@en ; kg:member e:meta, e:alphabet ;
    kg:membershipComplete true .
"""


def _same(inc_k, inc_d: Derivations, store) -> None:  # type: ignore[no-untyped-def]
    k = read_knowledge(store, inc_k.generation)
    d = derive(k)
    assert [o.iri for o in inc_k.observations] == [o.iri for o in k.observations]
    assert inc_k.observations == k.observations
    assert {e.id for e in inc_d.equations} == {e.id for e in d.equations}
    assert len(inc_d.equations) == len(d.equations)
    assert inc_d.stated == d.stated
    assert list(inc_d.stated) == list(d.stated)
    assert {q: v.value for q, v in inc_d.derived.items()} == {q: v.value for q, v in d.derived.items()}
    assert {(c.quantity, c.known, c.computed) for c in inc_d.conflicts} == {
        (c.quantity, c.known, c.computed) for c in d.conflicts
    }
    assert set(derived_quads(inc_k, inc_d, DERIVED_GRAPH)) == set(derived_quads(k, d, DERIVED_GRAPH))


@pytest.mark.parametrize("name", list(CASES))
def test_incremental_is_a_full_refresh(name: str) -> None:
    ks = KnowledgeStore()
    quads = _parse(PREFIXES + CASES[name])
    k, d = ks.knowledge, ks.derivations
    iris = new_observation_nodes(ks.store, quads)
    assert iris
    ks.store.extend(quads)
    inc = add_observations(ks.store, k, d, iris, k.generation + 1)
    assert inc is not None
    _same(inc.knowledge, inc.derivations, ks.store)
    assert inc.redone and len(inc.redone) < len(d.derived) + len(d.stated)


def test_a_member_of_a_complete_group() -> None:
    ks = KnowledgeStore()
    ks.load_data(PREFIXES + GROUP, "turtle")
    quads = _parse(PREFIXES + obs("g", "e:meta", "m:capex", "p:2024-Q2", 9.0e9))
    k, d = ks.knowledge, ks.derivations
    iris = new_observation_nodes(ks.store, quads)
    assert iris
    ks.store.extend(quads)
    inc = add_observations(ks.store, k, d, iris, k.generation + 1)
    assert inc is not None
    _same(inc.knowledge, inc.derivations, ks.store)


def test_synthetic_series() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import synthetic

    text = "\n".join(" ".join(t) + " ." for t in synthetic.generate(300))
    ks = KnowledgeStore(filings=False)
    ks.load_data(text, "nt")
    extra = obs(
        "syn",
        "<https://kgbot.dev/id/synthetic/org/c000001>",
        "m:revenue",
        "<https://kgbot.dev/id/synthetic/period/2024-Q1>",
        5e9,
    )
    quads = _parse(PREFIXES + extra)
    k, d = ks.knowledge, ks.derivations
    iris = new_observation_nodes(ks.store, quads)
    assert iris
    ks.store.extend(quads)
    inc = add_observations(ks.store, k, d, iris, k.generation + 1)
    assert inc is not None
    _same(inc.knowledge, inc.derivations, ks.store)


def test_what_is_not_only_new_observations_needs_a_full_refresh() -> None:
    ks = KnowledgeStore()
    stored = '<https://kgbot.dev/id/obs/seed/meta-ai-capex-2025-h1> kg:quote "Another quote." .'
    assert new_observation_nodes(ks.store, _parse(PREFIXES + stored)) is None
    assert new_observation_nodes(ks.store, _parse(PREFIXES + GROUP)) is None
    # a period the graph says nothing about: the observation is no figure, either way
    quads = _parse(PREFIXES + obs("new-period", "e:meta", "m:capex", "<https://kgbot.dev/id/test/p>", 1e9))
    quads += _parse(PREFIXES + obs("other", "e:meta", "m:capex", "p:2024-Q2", 1e9))
    iris = new_observation_nodes(ks.store, quads)
    assert iris
    ks.store.extend(quads)
    inc = add_observations(ks.store, ks.knowledge, ks.derivations, iris, 2)
    assert inc is not None
    _same(inc.knowledge, inc.derivations, ks.store)


def _parse(text: str) -> list:  # type: ignore[type-arg]
    from kg.rdfio import format_for, parse_bytes

    return parse_bytes(text.encode(), format_for("turtle"), "test")


def test_a_new_snapshot_is_left_out_of_the_collectors_scans() -> None:
    """A snapshot lives until the next one: full collections must not rescan it (at 10^5
    observations each scan of it cost about a second of some request's time)."""
    import gc

    def tracked(obj: object) -> bool:
        return any(o is obj for o in gc.get_objects())

    ks = KnowledgeStore()
    gc.unfreeze()
    ks.refresh()
    assert not tracked(ks.knowledge.observations) and not tracked(ks.derivations.derived)
    ks.commit(_parse(PREFIXES + CASES["a quarter a series lacks"]))  # the incremental path
    assert ks.generation >= 2
    assert not tracked(ks.knowledge.observations) and not tracked(ks.derivations.derived)
    gc.unfreeze()
    fresh = [object()]
    assert tracked(fresh)  # the check itself can fail
