# ======================================================================
# Knowledge core fixtures (test_seed_facts, test_store, test_reasoning,
# test_cli_core): real Oxigraph stores, real files in tmp_path.
# Names start with core_ (or are article_text / make_ttl) to stay clear
# of other sections of this file.
# ======================================================================
from collections.abc import Callable as _CoreCallable
from pathlib import Path as _CorePath

import pytest as _core_pytest

#: Prefixes every test data file may use (the seed file's own prefixes plus t:).
CORE_TTL_PREFIXES = """\
@prefix kg:      <https://kgbot.dev/ns#> .
@prefix e:       <https://kgbot.dev/id/org/> .
@prefix m:       <https://kgbot.dev/id/metric/> .
@prefix c:       <https://kgbot.dev/id/concept/> .
@prefix p:       <https://kgbot.dev/id/period/> .
@prefix t:       <https://kgbot.dev/id/test/> .
@prefix src:     <https://kgbot.dev/id/source/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix qb:      <http://purl.org/linked-data/cube#> .
@prefix sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#> .
@prefix sdmx-code:      <http://purl.org/linked-data/sdmx/2009/code#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix schema:  <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org:     <http://www.w3.org/ns/org#> .
"""

#: A source for test data files (written by make_ttl unless source=False).
CORE_TEST_SOURCE = 't:source a kg:Source ; dcterms:title "A test filing" .\n'


def _core_observation(
    name: str, subject: str, metric: str, period: str, value: str, *,
    unit: str = "kg:USD", status: str = "sdmx-code:obsStatus-A", qualifier: str = "kg:Exact",
    quote: str = "The test company reported the figure.",
) -> str:
    """Turtle for one valid observation t:<name> (prefixed names as arguments)."""
    return (
        f"t:{name} a qb:Observation ;\n"
        f"    kg:subject {subject} ; kg:metric {metric} ; kg:period {period} ;\n"
        f"    kg:value {value} ; sdmx-attribute:unitMeasure {unit} ;\n"
        f"    kg:qualifier {qualifier} ; sdmx-attribute:obsStatus {status} ;\n"
        f"    prov:wasDerivedFrom t:source ;\n"
        f'    kg:quote "{quote}" .\n'
    )


@_core_pytest.fixture
def core_obs() -> _CoreCallable[..., str]:
    """Factory of Turtle for one valid observation:
    core_obs(name, subject, metric, period, value)."""
    return _core_observation


@_core_pytest.fixture
def core_store():  # type: ignore[no-untyped-def]
    """A fresh in-memory store, seeded from the shipped ontology."""
    from kg.store import KnowledgeStore

    return KnowledgeStore()


@_core_pytest.fixture(scope="session")
def core_seed():  # type: ignore[no-untyped-def]
    """One seeded in-memory store shared by read-only tests. Never load into it."""
    from kg.store import KnowledgeStore

    return KnowledgeStore()


@_core_pytest.fixture
def make_ttl(tmp_path: _CorePath) -> _CoreCallable[..., _CorePath]:
    """make_ttl(name, body): write a Turtle file with the common prefixes (and t:source)
    into tmp_path and return its path."""

    def write(name: str, body: str, *, prefixes: bool = True, source: bool = True) -> _CorePath:
        path = tmp_path / name
        text = (CORE_TTL_PREFIXES if prefixes else "") + (CORE_TEST_SOURCE if source else "") + body
        path.write_text(text, encoding="utf-8")
        return path

    return write


@_core_pytest.fixture(scope="session")
def article_text() -> str:
    """The seed article, from the shared seeds folder beside the repository (skip if absent)."""
    seeds = _CorePath(__file__).resolve().parents[2] / "shared" / "seeds"
    texts = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    if not texts:
        _core_pytest.skip(f"seed article not found in {seeds}")
    return "\n".join(p.read_text(encoding="utf-8") for p in texts)


# ======================================================================
# end of knowledge core fixtures
# ======================================================================
